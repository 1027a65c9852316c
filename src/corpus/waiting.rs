//! The sources found and not yet read, in batches that wait in the run's spill file: while
//! a corpus is read, a run holds one batch of entries, not an entry per source.

use std::io;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{Corpus, Published, SourceEntry};
use crate::files::FileId;
use crate::spill::{Place, Spill, Stored};

/// Sources per batch: enough that the threads rarely wait for each other at a batch's end
/// (a batch of news texts takes a tenth of a second), few enough to hold.
#[cfg(not(test))]
const BATCH: usize = 1024;
/// A handful in tests, so that the runs they check read several batches.
#[cfg(test)]
const BATCH: usize = 3;

/// The sources of a [`Corpus`] in path order, a batch at a time.
pub struct Waiting {
    spill: Option<Arc<Spill>>,
    batches: std::vec::IntoIter<Batch>,
}

/// One batch of sources.
enum Batch {
    /// In memory: the run has no spill file, or it did not take the batch.
    Here(Vec<SourceEntry>),
    /// A record of [`Stub`]s in the spill file.
    There(Place),
}

/// What a batch's record holds of a source: its entry, its metadata by its place in the
/// same spill file.
#[derive(Serialize, Deserialize)]
struct Stub {
    path: PathBuf,
    id: String,
    outlet: Option<String>,
    published: Option<Published>,
    described: Option<Place>,
    declared: Option<(FileId, Range<usize>)>,
}

impl Stub {
    /// `entry`'s stub, if every part of it is in `spill` or in the stub.
    fn of(entry: &SourceEntry, spill: &Arc<Spill>) -> Option<Self> {
        let described = match &entry.described {
            Some(meta) => Some(meta.place_in(spill)?),
            None => None,
        };
        Some(Stub {
            path: entry.path.clone(),
            id: entry.id.to_string(),
            outlet: entry.outlet.as_deref().map(str::to_string),
            published: entry.published,
            described,
            declared: entry.declared.clone(),
        })
    }

    /// The entry again, its metadata read from `spill` when it is asked for.
    fn entry(self, spill: &Arc<Spill>) -> SourceEntry {
        SourceEntry {
            id: CompactString::from(self.id),
            outlet: self.outlet.map(CompactString::from),
            published: self.published,
            described: (self.described).map(|place| Stored::There(Arc::clone(spill), place)),
            path: self.path,
            declared: self.declared,
        }
    }
}

impl Waiting {
    /// `corpus`'s sources, in batches written to `spill` if there is one and it takes them.
    pub fn new(corpus: Corpus, spill: Option<&Arc<Spill>>) -> Self {
        let mut batches = Vec::with_capacity(corpus.sources.len().div_ceil(BATCH));
        let mut sources = corpus.sources.into_iter();
        loop {
            let batch: Vec<SourceEntry> = sources.by_ref().take(BATCH).map(|e| *e).collect();
            if batch.is_empty() {
                break;
            }
            let stubs = spill.and_then(|spill| {
                let stubs: Option<Vec<Stub>> = batch.iter().map(|e| Stub::of(e, spill)).collect();
                spill.put(&stubs?).ok()
            });
            batches.push(match stubs {
                Some(place) => Batch::There(place),
                None => Batch::Here(batch),
            });
        }
        Waiting {
            spill: spill.cloned(),
            batches: batches.into_iter(),
        }
    }
}

impl Iterator for Waiting {
    type Item = io::Result<Vec<SourceEntry>>;

    /// The next batch's sources, read back from the spill file if they wait there.
    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.batches.next()? {
            Batch::Here(sources) => Ok(sources),
            Batch::There(place) => match &self.spill {
                Some(spill) => spill
                    .get::<Vec<Stub>>(place)
                    .map(|stubs| stubs.into_iter().map(|s| s.entry(spill)).collect()),
                None => Err(io::Error::other(
                    "a batch of sources without its spill file",
                )),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{MetaRecord, SourceMeta};

    #[test]
    fn sources_come_back_in_order_whole_from_disk_or_memory() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let file = crate::files::Files::default().add("sources.toml".into(), "".into());
        let entry = |n: usize, described: Option<Stored<Box<MetaRecord>>>| SourceEntry {
            id: format!("source-{n}").into(),
            outlet: (n % 2 == 0).then(|| "Медуза".into()),
            published: (n % 3 == 0).then(|| Published::parse("2024-08").expect("a month")),
            described,
            path: format!("seeds/{n}.txt").into(),
            declared: (n % 5 == 0).then(|| (file, n..n + 7)),
        };
        let meta = |n: usize| {
            let meta = SourceMeta {
                id: format!("source-{n}"),
                title: Some(format!("Title {n}")),
                ..SourceMeta::default()
            };
            Box::new(MetaRecord(meta))
        };
        // Two whole batches and a last one of a single source.
        let n = 2 * BATCH + 1;
        let made = |spill: Option<&Arc<Spill>>| Corpus {
            sources: (0..n)
                .map(|n| Box::new(entry(n, Some(Stored::keep(meta(n), spill)))))
                .collect(),
        };
        let summary = |entry: &SourceEntry| {
            let title = entry.described.as_ref().map(|meta| {
                let meta = meta.get().expect("metadata read back");
                meta.title.clone()
            });
            (
                entry.path.clone(),
                entry.id.to_string(),
                entry.outlet.clone(),
                entry.published,
                entry.declared.clone(),
                title,
            )
        };
        let expected: Vec<_> = made(None).sources.iter().map(|e| summary(e)).collect();
        // On disk; in memory with no spill file; in memory when a source's metadata is not
        // in the run's spill file.
        let on_disk = Waiting::new(made(Some(&spill)), Some(&spill));
        let in_memory = Waiting::new(made(None), None);
        let elsewhere = Waiting::new(made(None), Some(&spill));
        for (waiting, spilled) in [(on_disk, true), (in_memory, false), (elsewhere, false)] {
            let kinds: Vec<bool> = waiting
                .batches
                .as_slice()
                .iter()
                .map(|b| matches!(b, Batch::There(_)))
                .collect();
            assert_eq!(kinds, [spilled; 3]);
            let batches: Vec<Vec<SourceEntry>> =
                waiting.collect::<io::Result<_>>().expect("read back");
            assert_eq!(
                batches.iter().map(Vec::len).collect::<Vec<_>>(),
                [BATCH, BATCH, 1]
            );
            let back: Vec<_> = batches.iter().flatten().map(summary).collect();
            assert_eq!(back, expected);
        }
    }
}
