//! The per-byte stages of reading a source, timed alone on one thread: decoding and
//! segmenting (`SourceText::new`), folding, tokenising. Each must run well above the
//! whole check's throughput, or it bounds it.
//!
//! ```sh
//! cargo run --release --example bench-stages -- target/bench/c-100MiB/seeds 3000
//! ```
//! (a folder of sources, and how many of its files to read at most).

use std::path::PathBuf;
use std::time::Instant;

use claimcheck::corpus::SourceText;
use claimcheck::text::{Folded, tokenize};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(args.next().ok_or("give a folder of sources")?);
    let most: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3_000);
    let files = claimcheck::files::list(&folder, &|p| {
        p.extension().is_some_and(|e| e == "txt" || e == "md")
    })?;
    let texts: Vec<String> = files
        .iter()
        .take(most)
        .map(|f| std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display())))
        .collect::<Result<_, _>>()?;
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} files, {megabytes:.1} MB; MB/s per stage, best of 3",
        texts.len()
    );
    let best = |stage: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(stage());
                megabytes / start.elapsed().as_secs_f64()
            })
            .fold(0.0, f64::max)
    };
    let folded: Vec<Folded> = texts
        .iter()
        .map(|t| Folded::new(t).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let stages: [(&str, &dyn Fn() -> usize); 3] = [
        ("decode and segment", &|| {
            texts
                .iter()
                .map(|t| {
                    SourceText::new(t.clone().into_bytes())
                        .structure
                        .sentences
                        .len()
                })
                .sum()
        }),
        ("fold", &|| {
            texts
                .iter()
                .map(|t| Folded::new(t).map_or(0, |f| f.as_str().len()))
                .sum()
        }),
        ("tokenise", &|| {
            texts
                .iter()
                .zip(&folded)
                .map(|(t, f)| tokenize(f, t).len())
                .sum()
        }),
    ];
    for (name, stage) in stages {
        println!("{name}\t{:.0}", best(stage));
    }
    Ok(())
}
