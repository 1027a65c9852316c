//! The sources a run has read, before the claims are judged across them. Each waits as
//! one record of the run's spill file, read back in source order once every source is
//! read: while a corpus is read, a run holds a place per source, not what the report keeps
//! of each.

use std::borrow::Cow;
use std::io;
use std::sync::Arc;

use compact_str::CompactString;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

use super::CheckedSource;
use crate::corpus::OffsetMap;
use crate::files::FileId;
use crate::findings::Findings;
use crate::names::KeptNames;
use crate::report::SourceInfo;
use crate::spill::{Place, Spill, Stored};
use crate::verify::{SourceVerdict, Verdict};

/// The sources of a run, in source order: each in the run's spill file, or in memory when
/// the run has none or it did not take the source. Serialized as the list of sources.
#[derive(Debug, Default)]
pub struct CheckedSources {
    spill: Option<Arc<Spill>>,
    slots: Vec<Slot>,
}

/// Where one source of a [`CheckedSources`] waits.
#[derive(Debug)]
pub enum Slot {
    /// In memory.
    Here(Box<CheckedSource>),
    /// As a [`Record`] in the spill file.
    There(Place),
}

impl Slot {
    /// `source`, written to `spill` as one record if there is one and every part of the
    /// source the record does not hold is already there; kept in memory otherwise.
    pub fn keep(source: CheckedSource, spill: Option<&Arc<Spill>>) -> Self {
        let place = spill.and_then(|spill| spill.put(&Record::of(&source, spill)?).ok());
        match place {
            Some(place) => Slot::There(place),
            None => Slot::Here(Box::new(source)),
        }
    }

    /// The source, read back from `spill` if it waits there.
    pub fn take(self, spill: Option<&Arc<Spill>>) -> io::Result<CheckedSource> {
        match self {
            Slot::Here(source) => Ok(*source),
            Slot::There(place) => read(spill, place),
        }
    }
}

impl CheckedSources {
    /// The sources in `slots`, whose records are in `spill`.
    pub fn new(spill: Option<Arc<Spill>>, slots: Vec<Slot>) -> Self {
        CheckedSources { spill, slots }
    }

    /// The spill file their records are in, if there is one.
    pub fn spill(&self) -> Option<Arc<Spill>> {
        self.spill.clone()
    }

    /// Adds `source` at the end.
    pub fn push(&mut self, source: CheckedSource) {
        let slot = Slot::keep(source, self.spill.as_ref());
        self.slots.push(slot);
    }

    /// How many sources there are.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The sources in order, each read back from the spill file as it comes.
    pub fn read_back(self) -> impl Iterator<Item = io::Result<CheckedSource>> {
        let spill = self.spill;
        self.slots
            .into_iter()
            .map(move |slot| slot.take(spill.as_ref()))
    }
}

/// The source whose record is at `place` in `spill`.
fn read(spill: Option<&Arc<Spill>>, place: Place) -> io::Result<CheckedSource> {
    let spill = spill.ok_or_else(|| io::Error::other("a source's record is in no spill file"))?;
    let record: Record<'static> = spill.get(place)?;
    Ok(record.restore(spill))
}

impl Serialize for CheckedSources {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.slots.len()))?;
        for slot in &self.slots {
            match slot {
                Slot::Here(source) => list.serialize_element(source)?,
                Slot::There(place) => list.serialize_element(
                    &read(self.spill.as_ref(), *place).map_err(S::Error::custom)?,
                )?,
            }
        }
        list.end()
    }
}

/// A [`CheckedSource`] as a record of the spill file: its metadata, evidence and findings,
/// already there, are written as their places, not read back and written again.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    id: Cow<'a, str>,
    outlet: Option<Cow<'a, str>>,
    file: FileId,
    offsets: Cow<'a, OffsetMap>,
    meta: Place,
    /// Claim, source, verdict and the place of the evidence, for each claim it states.
    said: Vec<(usize, usize, Verdict, Place)>,
    names: Cow<'a, KeptNames>,
    findings: Vec<Place>,
}

impl<'a> Record<'a> {
    /// The record of `source`, if each of its parts the record holds by place is in
    /// `spill`.
    fn of(source: &'a CheckedSource, spill: &Arc<Spill>) -> Option<Self> {
        let info = &source.info;
        Some(Record {
            id: Cow::Borrowed(&info.id),
            outlet: info.outlet.as_deref().map(Cow::Borrowed),
            file: info.file,
            offsets: Cow::Borrowed(&info.offsets),
            meta: info.meta.place_in(spill)?,
            said: (source.said.iter())
                .map(|s| Some((s.claim, s.source, s.verdict, s.evidence.place_in(spill)?)))
                .collect::<Option<_>>()?,
            names: Cow::Borrowed(&source.names),
            findings: source.findings.places_in(spill)?,
        })
    }

    /// The source this is the record of, its parts in `spill`.
    fn restore(self, spill: &Arc<Spill>) -> CheckedSource {
        CheckedSource {
            info: SourceInfo {
                id: CompactString::from(self.id),
                outlet: self.outlet.map(CompactString::from),
                file: self.file,
                offsets: self.offsets.into_owned(),
                meta: there(spill, self.meta),
            },
            said: (self.said.into_iter())
                .map(|(claim, source, verdict, place)| SourceVerdict {
                    claim,
                    source,
                    verdict,
                    evidence: there(spill, place),
                })
                .collect(),
            names: self.names.into_owned(),
            findings: Findings::at(self.findings, spill),
        }
    }
}

/// The value at `place` in `spill`.
fn there<T>(spill: &Arc<Spill>, place: Place) -> Stored<T> {
    Stored::There(Arc::clone(spill), place)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Options, gather};

    /// The seeds' sources as a run keeps them, the run's spill file, and the sources as
    /// JSON.
    fn seeds() -> (CheckedSources, Arc<Spill>, String) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = Options {
            claims: vec![root.join("claims")],
            sources: vec![root.join("seeds")],
            verbose: true,
            ..Options::default()
        };
        let sources = gather(&options).expect("the seeds are checked").sources;
        let spill = sources.spill.clone().expect("a spill file");
        let json = serde_json::to_string(&sources).expect("read back");
        (sources, spill, json)
    }

    /// Sources made in memory from their JSON.
    fn made(json: &str) -> Vec<CheckedSource> {
        serde_json::from_str(json).expect("JSON")
    }

    fn on_disk(sources: &CheckedSources) -> bool {
        (sources.slots.iter()).all(|slot| matches!(slot, Slot::There(_)))
    }

    #[test]
    fn each_source_waits_as_one_record_and_comes_back_as_it_was() {
        let (run, spill, json) = seeds();
        assert!(run.len() > 3 && on_disk(&run));
        let made = made(&json);
        assert!(made.iter().any(|s| !s.said.is_empty()));
        assert!(made.iter().any(|s| !s.names.noncanonical.is_empty()));
        assert!(made.iter().any(|s| s.findings.iter().next().is_some()));

        // Made in memory, their parts moved to the spill file, then kept: each is a record,
        // and each comes back as it was made.
        let mut kept = CheckedSources::new(Some(Arc::clone(&spill)), Vec::new());
        for mut source in made {
            source.spill(&spill);
            kept.push(source);
        }
        assert!(on_disk(&kept));
        assert_eq!(serde_json::to_string(&kept).ok(), Some(json));

        // Read back, a source's parts stay in the spill file until they are asked for.
        for source in kept.read_back() {
            let source = source.expect("read back");
            assert!(source.info.meta.place_in(&spill).is_some());
            assert!(
                source
                    .said
                    .iter()
                    .all(|s| s.evidence.place_in(&spill).is_some())
            );
            assert!(source.findings.places_in(&spill).is_some());
        }
    }

    #[test]
    fn each_source_keeps_its_place_and_file_across_batches() {
        // The seeds are read in several batches in tests (see `corpus::Waiting`).
        let (run, _, _) = seeds();
        let sources: Vec<CheckedSource> = run.read_back().map(|s| s.expect("read back")).collect();
        assert!(sources.len() > 3);
        let files: Vec<usize> = sources.iter().map(|s| s.info.file.index()).collect();
        let first = files[0];
        assert_eq!(files, (first..first + sources.len()).collect::<Vec<_>>());
        let ids: Vec<&str> = sources.iter().map(|s| s.info.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted, "the seeds' ids follow their paths");
        for (at, source) in sources.iter().enumerate() {
            assert!(source.said.iter().all(|said| said.source == at));
            assert!(source.names.noncanonical.iter().all(|m| m.source == at));
        }
        assert!(sources.iter().filter(|s| !s.said.is_empty()).count() > 3);
    }

    #[test]
    fn a_source_with_parts_in_memory_stays_in_memory_whole() {
        let (_, spill, json) = seeds();
        let mut kept = CheckedSources::new(Some(spill), Vec::new());
        for source in made(&json) {
            kept.push(source);
        }
        assert!(kept.slots.iter().all(|slot| matches!(slot, Slot::Here(_))));
        assert_eq!(serde_json::to_string(&kept).ok(), Some(json));
    }

    #[test]
    fn a_record_lost_is_an_error_not_a_source_left_out() {
        let (_, spill, _) = seeds();
        let lost: Place = serde_json::from_str(r#"{"at":1099511627776,"len":4}"#).expect("a place");
        let sources = CheckedSources::new(Some(spill), vec![Slot::There(lost)]);
        assert!(serde_json::to_string(&sources).is_err());
        let back: Vec<io::Result<CheckedSource>> = sources.read_back().collect();
        let error = match &back[..] {
            [Err(error)] => error.to_string(),
            _ => String::new(),
        };
        assert!(error.starts_with("cannot read back from this run's temporary file"));
    }
}
