//! Whether two spellings are one name, and the signals that say so.
//!
//! Given names must agree (equal, known equivalents, or an initial); then the surnames must
//! meet under a transliteration key, sound alike and be a letter or two apart, or share a
//! consonant skeleton when short. A female form of a surname is the same person only when
//! the given names agree (Anna Dultsev / Anna Dultseva); otherwise it is a family.

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::Serialize;

use super::given::{GivenMatch, same_given_keyed};
use super::phonetic::Phonetics;
use super::spelling::{Form, is_female_form, skeleton};
use super::translit::System;

/// Evidence that two spellings are one name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    JsonSchema,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// The same once accents are stripped.
    Accents,
    /// The same under transliteration-equivalence keys (shch/sch, y/i/j, w/v, ...).
    Transliteration,
    /// The same Daitch–Mokotoff code.
    DaitchMokotoff,
    /// A shared Beider–Morse phonetic form.
    BeiderMorse,
    /// One letter apart (optimal string alignment), as written or once transliteration
    /// variants are unified, and alike (Jaro–Winkler).
    EditDistance,
    /// The same consonants, for a short name.
    Skeleton,
    /// Given names that are one name written two ways (Mark / Marc).
    GivenName,
    /// A given name written as its initial.
    Initial,
    /// The surname in its other gender form (Dultsev / Dultseva), with the same given name.
    GenderForm,
}

impl Signal {
    /// The signal as findings write it.
    pub fn describe(self) -> &'static str {
        match self {
            Signal::Accents => "same without accents",
            Signal::Transliteration => "same under transliteration",
            Signal::DaitchMokotoff => "same Daitch–Mokotoff code",
            Signal::BeiderMorse => "same Beider–Morse sound",
            Signal::EditDistance => "one letter apart",
            Signal::Skeleton => "same consonants",
            Signal::GivenName => "equivalent given names",
            Signal::Initial => "initial of the given name",
            Signal::GenderForm => "the surname in its other gender form",
        }
    }
}

/// Why two spellings were judged one name.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// The signals that fired, in order.
    pub signals: Vec<Signal>,
    /// The transliteration system of a Cyrillic spelling that matched.
    pub system: Option<System>,
    /// How alike the surnames are (Jaro–Winkler, 0 to 1); 1 for the same surname.
    pub likeness: f64,
}

/// Whether the spellings `a` and `b` (forms already reduced) are one name. A spelling with
/// one word is compared as a surname, with no given name to check; then a female form is a
/// different person.
pub fn compare(a: &Form, b: &Form, phonetics: &Phonetics) -> Option<Match> {
    let mut signals = Vec::new();
    let system = a.system.or(b.system);
    if a.plain == b.plain {
        if a.folded != b.folded && a.system.is_none() && b.system.is_none() {
            signals.push(Signal::Accents);
        }
        return Some(Match {
            signals,
            system,
            likeness: 1.0,
        });
    }
    let given = match (a.given(), b.given()) {
        (Some(x), Some(y)) => Some(same_given_keyed((x, &a.given_keys), (y, &b.given_keys))?),
        _ => None,
    };
    match given {
        Some(GivenMatch::Equivalent) => signals.push(Signal::GivenName),
        Some(GivenMatch::Initial) => signals.push(Signal::Initial),
        _ => {}
    }
    let (x, y) = (a.surname(), b.surname());
    if x.is_empty() || y.is_empty() {
        return None;
    }
    if x == y {
        return Some(Match {
            signals,
            system,
            likeness: 1.0,
        });
    }
    if is_female_form(x, y) || is_female_form(y, x) {
        // Without given names to agree, a female form is a relative, not a spelling.
        given?;
        signals.push(Signal::GenderForm);
        return Some(Match {
            signals,
            system,
            likeness: 1.0,
        });
    }
    let surnames = surname_signals((x, &a.keys), (y, &b.keys), phonetics)?;
    let likeness = strsim::jaro_winkler(x, y);
    signals.extend(surnames);
    Some(Match {
        signals,
        system,
        likeness,
    })
}

/// Whether `a` and `b` are at most one edit apart (a letter inserted, deleted or replaced,
/// or two neighbours swapped): `strsim::osa_distance(a, b) <= 1`, without filling its
/// table for ASCII, which most pairs are. Most pairs differ in length by more than one.
fn one_edit_apart(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::osa_distance(a, b) <= 1;
    }
    let (short, long) = if a.len() <= b.len() {
        (a.as_bytes(), b.as_bytes())
    } else {
        (b.as_bytes(), a.as_bytes())
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if same == short.len() {
        return true;
    }
    if short.len() < long.len() {
        return short[same..] == long[same + 1..];
    }
    let swapped = same + 1 < short.len()
        && short[same] == long[same + 1]
        && short[same + 1] == long[same]
        && short[same + 2..] == long[same + 2..];
    swapped || short[same + 1..] == long[same + 1..]
}

/// The signals that make surnames `x` and `y` (each with its transliteration keys) one
/// name, if they are.
///
/// Edit distance and phonetic codes are taken on the spellings as written and on their
/// transliteration keys, so that digraphs (kh, dh, sch) do not hide a match.
fn surname_signals(
    (x, keys_x): (&str, &[CompactString]),
    (y, keys_y): (&str, &[CompactString]),
    phonetics: &Phonetics,
) -> Option<Vec<Signal>> {
    let shared = |a: &[CompactString], b: &[CompactString]| a.iter().any(|k| b.contains(k));
    let translit = shared(keys_x, keys_y);
    let close = |a: &str, b: &str| one_edit_apart(a, b) && strsim::jaro_winkler(a, b) >= 0.85;
    let edit = close(x, y) || keys_x.iter().any(|a| keys_y.iter().any(|b| close(a, b)));
    // Jaro–Winkler says little about three letters: short keys need only be one edit apart.
    let keys_one_apart = keys_x
        .iter()
        .any(|a| keys_y.iter().any(|b| one_edit_apart(a, b)));
    let shortest = x.chars().count().min(y.chars().count());
    let skeleton = shortest <= 5 && skeleton(x) == skeleton(y);
    // Without a shared key, one edit or one skeleton, no sound can make them one name: the
    // phonetic codes, the costly part, are not needed.
    if !(translit || edit || (skeleton && keys_one_apart)) {
        return None;
    }
    let codes = |word: &str, keys: &[CompactString]| {
        let mut codes = phonetics.daitch_mokotoff(word).to_vec();
        for key in keys {
            codes.extend_from_slice(&phonetics.daitch_mokotoff(&spell_out(key)));
        }
        codes
    };
    let dm = shared(&codes(x, keys_x), &codes(y, keys_y));
    // Beider–Morse is costly: only asked when the cheaper signals leave it open.
    let bm =
        !translit && !dm && edit && shared(&phonetics.beider_morse(x), &phonetics.beider_morse(y));
    // A short name one letter from another is often another name (Tate / Tater): its
    // consonants must agree too.
    let short_ok = shortest > 4 || skeleton;
    let same = translit || ((dm || bm) && edit && short_ok) || (skeleton && dm && keys_one_apart);
    if !same {
        return None;
    }
    let mut signals = Vec::new();
    for (fired, signal) in [
        (translit, Signal::Transliteration),
        (dm, Signal::DaitchMokotoff),
        (bm, Signal::BeiderMorse),
        (edit, Signal::EditDistance),
        (skeleton, Signal::Skeleton),
    ] {
        if fired {
            signals.push(signal);
        }
    }
    Some(signals)
}

/// A transliteration key with its placeholders written out again, for phonetic coding.
fn spell_out(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        match c {
            'S' => out.push_str("sh"),
            'C' => out.push_str("ch"),
            'H' => out.push_str("kh"),
            'Q' => out.push_str("ts"),
            'Z' => out.push_str("zh"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::one_edit_apart;

    #[test]
    fn one_edit_apart_is_an_edit_distance_of_at_most_one() {
        let cases = [
            ("fogel", "fogel", true),
            ("fogel", "vogel", true),
            ("fogel", "fogl", true),
            ("fogl", "fogel", true),
            ("fogel", "foegl", true),
            ("fogel", "ofgel", true),
            ("fogel", "fogle", true),
            ("fogel", "vogl", false),
            ("fogel", "fogelman", false),
            ("ab", "ba", true),
            ("abc", "bca", false),
            ("", "a", true),
            ("", "", true),
            ("muradyan", "muradian", true),
            ("witkoff", "whitkoff", true),
            ("дарчиев", "дарчев", true),
            ("дарчиев", "darchiev", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(one_edit_apart(a, b), expected, "{a:?} {b:?}");
        }
        // Every pair of short strings over a small alphabet, against strsim.
        let alphabet = ["a", "b", "c", "é"];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for a in &words {
            for b in &words {
                let expected = strsim::osa_distance(a, b) <= 1;
                assert_eq!(one_edit_apart(a, b), expected, "{a:?} {b:?}");
            }
        }
    }
}
