//! Names: spellings of people, places and organisations, matched to the ledger's entities
//! across spellings and scripts, and the names the corpus spells more than one way.

pub mod compare;
pub mod given;
pub mod phonetic;
pub mod spelling;
pub mod translit;

pub use compare::{Match, Signal, compare};
pub use phonetic::Phonetics;
pub use spelling::Form;
pub use translit::System;

/// Whether two written names are one name: each side may be Latin or Cyrillic.
pub fn same_name(a: &str, b: &str) -> Option<Match> {
    let phonetics = Phonetics::get();
    let (forms_a, forms_b) = (Form::all(a), Form::all(b));
    forms_a
        .iter()
        .flat_map(|x| forms_b.iter().map(move |y| (x, y)))
        .filter_map(|(x, y)| compare(x, y, phonetics))
        .max_by(|p, q| p.likeness.total_cmp(&q.likeness))
}
