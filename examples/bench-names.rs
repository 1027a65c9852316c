//! Name work alone, timed: variant discovery over 1k, 10k and 100k distinct names (a tenth
//! of them with a misspelling, half of those in Cyrillic), as the corpus check does it after
//! reading every source. The cost must grow near-linearly, never with the pairs.
//!
//! ```sh
//! cargo run --release --example bench-names -- 1000 10000 100000
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use claimcheck::names::{Occurrence, Spelled, cluster};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[path = "support/names.rs"]
mod names;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!("names\tspellings\tgroups\tseconds\tµs per name");
    for size in sizes {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let people = names::pool(&mut rng, size);
        let mut spellings: BTreeMap<String, Spelled> = BTreeMap::new();
        let mut add = |name: String, source: usize| {
            spellings.insert(
                name,
                Spelled {
                    count: 1,
                    places: Occurrence::new(source, 0..10).into_iter().collect(),
                },
            );
        };
        for (i, person) in people.iter().enumerate() {
            add(person.latin.clone(), i);
            if rng.random_bool(0.1) {
                let given = person.latin.split(' ').next().unwrap_or("");
                let surname = person.latin.split(' ').nth(1).unwrap_or("");
                if rng.random_bool(0.5) {
                    add(format!("{given} {}", names::variant(surname, &mut rng)), i);
                } else {
                    add(person.cyrillic.clone(), i);
                }
            }
        }
        let count = spellings.len();
        let started = Instant::now();
        let groups = cluster::inconsistent(&spellings);
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{size}\t{count}\t{}\t{seconds:.3}\t{:.1}",
            groups.len(),
            seconds * 1e6 / count as f64
        );
    }
}
