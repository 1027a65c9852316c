//! The report of a run: the one structure every renderer takes.

use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

use compact_str::CompactString;

use crate::corpus::{MetaRecord, OffsetMap, SourceMeta};
use crate::files::{FileId, Files};
use crate::findings::{Finding, Findings, Severity};
use crate::ledger::Ledger;
use crate::names::NameReport;
use crate::spill::{Spill, Spool, Stored};
use crate::verify::ClaimResult;

/// A checked source: in memory, what every format reads of it (its id, outlet and file);
/// the rest of its metadata waits where [`Stored`] keeps it (on disk during a large run),
/// read back by the formats that list sources. Serialized as its metadata, file and offset
/// map.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    /// Its id (also in `meta`).
    pub id: CompactString,
    /// Who published it (also in `meta`).
    pub outlet: Option<CompactString>,
    /// Its file.
    pub file: FileId,
    /// Maps offsets in its decoded text to offsets in its bytes.
    pub offsets: OffsetMap,
    /// All of its metadata.
    pub meta: Stored<Box<MetaRecord>>,
}

impl SourceInfo {
    /// The source described by `meta`, read from `file`, its metadata written to `spill` if
    /// there is one.
    pub fn new(
        meta: SourceMeta,
        file: FileId,
        offsets: OffsetMap,
        spill: Option<&Arc<Spill>>,
    ) -> Self {
        SourceInfo {
            id: CompactString::from(&meta.id),
            outlet: meta.outlet.as_deref().map(CompactString::from),
            file,
            offsets,
            meta: Stored::keep(Box::new(MetaRecord(meta)), spill),
        }
    }

    /// The outlet, or the source's own id when none is given: sources with one outlet count
    /// once towards corroboration.
    pub fn outlet_or_id(&self) -> &str {
        self.outlet.as_deref().unwrap_or(&self.id)
    }
}

/// A [`SourceInfo`] as it is written: what it is made from.
#[derive(serde::Serialize, serde::Deserialize)]
struct Written<M, O> {
    meta: M,
    file: FileId,
    offsets: O,
}

impl serde::Serialize for SourceInfo {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Written {
            meta: MetaOf(&self.meta),
            file: self.file,
            offsets: &self.offsets,
        }
        .serialize(serializer)
    }
}

/// The metadata of a [`SourceInfo`], serialized as [`SourceMeta`] once it is read back.
struct MetaOf<'a>(&'a Stored<Box<MetaRecord>>);

impl serde::Serialize for MetaOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let record = self.0.get().map_err(serde::ser::Error::custom)?;
        record.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for SourceInfo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Written {
            meta,
            file,
            offsets,
        } = Written::<SourceMeta, OffsetMap>::deserialize(deserializer)?;
        Ok(SourceInfo::new(meta, file, offsets, None))
    }
}

/// The sources of a report, in path order. What every format looks up of a source by
/// index (its id, outlet, file, and offset map when it has one) is kept in memory, compactly;
/// its metadata waits in a spool, read back by the formats that list sources.
#[derive(Debug, Clone)]
pub struct Sources {
    /// Every id, one after another, and where each ends.
    ids: String,
    ends: Vec<usize>,
    /// Each source's outlet, as 1 + its place in `outlets` (0: none).
    outlet: Vec<u32>,
    outlets: Vec<CompactString>,
    outlet_places: BTreeMap<CompactString, u32>,
    files: Vec<FileId>,
    /// The offset maps that are not empty, by source.
    offsets: BTreeMap<usize, OffsetMap>,
    metas: Spool<Stored<Box<MetaRecord>>>,
}

impl Sources {
    /// No sources yet; their metadata is to be kept in `spill` if there is one.
    pub fn new(spill: Option<Arc<Spill>>) -> Self {
        Sources {
            ids: String::new(),
            ends: Vec::new(),
            outlet: Vec::new(),
            outlets: Vec::new(),
            outlet_places: BTreeMap::new(),
            files: Vec::new(),
            offsets: BTreeMap::new(),
            metas: Spool::new(spill),
        }
    }

    /// Adds `source` at the end; an error if its metadata cannot be read back.
    pub fn push(&mut self, source: SourceInfo) -> io::Result<()> {
        let SourceInfo {
            id,
            outlet,
            file,
            offsets,
            meta,
        } = source;
        let at = self.ends.len();
        self.metas.push(meta)?;
        self.ids.push_str(&id);
        self.ends.push(self.ids.len());
        let outlet = outlet.map_or(0, |outlet| {
            let next = self.outlet_places.len() as u32 + 1;
            *self.outlet_places.entry(outlet.clone()).or_insert_with(|| {
                self.outlets.push(outlet);
                next
            })
        });
        self.outlet.push(outlet);
        self.files.push(file);
        if !offsets.is_empty() {
            self.offsets.insert(at, offsets);
        }
        Ok(())
    }

    /// Writes what waits of the metadata to the spool's file.
    pub fn finish(&mut self) {
        self.metas.finish();
    }

    /// How many sources there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id of source `at`.
    pub fn id(&self, at: usize) -> &str {
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.ids[start..self.ends[at]]
    }

    /// The file of source `at`.
    pub fn file(&self, at: usize) -> FileId {
        self.files[at]
    }

    /// The id and file of source `at`.
    pub fn of(&self, at: usize) -> (&str, FileId) {
        (self.id(at), self.file(at))
    }

    /// The outlet of source `at`, or its id when none is given: sources with one outlet
    /// count once towards corroboration.
    pub fn outlet_or_id(&self, at: usize) -> &str {
        match (self.outlet[at] as usize).checked_sub(1) {
            Some(outlet) => &self.outlets[outlet],
            None => self.id(at),
        }
    }

    /// The source whose id is `id`, if there is one.
    pub fn position(&self, id: &str) -> Option<usize> {
        (0..self.len()).find(|&at| self.id(at) == id)
    }

    /// The offset maps that are not empty, with their sources' files.
    pub fn offset_maps(&self) -> impl Iterator<Item = (FileId, &OffsetMap)> {
        (self.offsets.iter()).map(|(&at, map)| (self.files[at], map))
    }

    /// Each source's metadata, in order, read back as it comes.
    pub fn metas(&self) -> impl Iterator<Item = io::Result<Stored<Box<MetaRecord>>>> + '_ {
        self.metas.iter()
    }
}

/// Everything a run found.
#[derive(Debug, Clone)]
pub struct Report {
    /// The claim paths the run was given.
    pub claim_paths: Vec<std::path::PathBuf>,
    /// The source paths the run was given.
    pub source_paths: Vec<std::path::PathBuf>,
    /// Every file read.
    pub files: Files,
    /// The ledger.
    pub ledger: Ledger,
    /// The sources, in path order.
    pub sources: Sources,
    /// One result per claim, in ledger order.
    pub claims: Vec<ClaimResult>,
    /// The names: mentions of each entity, and names spelt more than one way.
    pub names: NameReport,
    /// The findings, in the order they are shown.
    pub findings: Findings,
    /// The draft checked against the ledger, for `claimcheck draft`.
    pub draft: Option<crate::draft::DraftReport>,
}

/// How many findings of each severity a report has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Counts {
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

impl Report {
    /// Counts the findings by severity.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for finding in self.findings.iter() {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Note => counts.notes += 1,
            }
        }
        counts
    }

    /// The exit code: 1 if any finding is an error, else 0.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.counts().errors > 0)
    }
}

/// A run that could not be done: the problems, and the files they point into.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Every file read before the run stopped.
    pub files: Files,
    /// What stopped it.
    pub findings: Vec<Finding>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source whose metadata is kept in `spill`.
    fn source(
        spill: Option<&Arc<Spill>>,
        (id, outlet): (&str, Option<&str>),
        file: FileId,
        shifted: bool,
    ) -> SourceInfo {
        let meta = SourceMeta {
            id: id.to_string(),
            outlet: outlet.map(str::to_string),
            title: Some(format!("{id}: заголовок")),
            ..SourceMeta::default()
        };
        let mut offsets = OffsetMap::default();
        if shifted {
            offsets.record(3, 6);
        }
        SourceInfo::new(meta, file, offsets, spill)
    }

    #[test]
    fn each_source_is_found_by_index_and_its_metadata_comes_back_in_order() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let mut files = Files::default();
        let file: Vec<FileId> = (0..4)
            .map(|n| files.add(format!("seeds/{n}.txt").into(), "text".into()))
            .collect();
        for spill in [None, Some(spill)] {
            let mut sources = Sources::new(spill.clone());
            let made = [
                source(
                    spill.as_ref(),
                    ("izvestia-1", Some("Izvestia")),
                    file[0],
                    false,
                ),
                source(spill.as_ref(), ("meduza-ru", None), file[1], true),
                source(spill.as_ref(), ("", Some("Известия")), file[2], false),
                source(
                    spill.as_ref(),
                    ("izvestia-2", Some("Izvestia")),
                    file[3],
                    false,
                ),
            ];
            for info in made.clone() {
                sources.push(info).expect("pushed");
            }
            sources.finish();
            assert_eq!(sources.len(), 4);
            // Metadata already in the spool's file is written there as its place.
            let in_file = made.iter().all(|s| s.meta.spill_file().is_some());
            assert_eq!(in_file, spill.is_some());
            let ids: Vec<&str> = (0..4).map(|at| sources.id(at)).collect();
            assert_eq!(ids, ["izvestia-1", "meduza-ru", "", "izvestia-2"]);
            let outlets: Vec<&str> = (0..4).map(|at| sources.outlet_or_id(at)).collect();
            assert_eq!(outlets, ["Izvestia", "meduza-ru", "Известия", "Izvestia"]);
            assert_eq!(sources.of(3), ("izvestia-2", file[3]));
            assert_eq!(sources.position("meduza-ru"), Some(1));
            assert_eq!(sources.position("tass"), None);
            let maps: Vec<FileId> = sources.offset_maps().map(|(file, _)| file).collect();
            assert_eq!(maps, [file[1]]);
            let titles: Vec<Option<String>> = (sources.metas())
                .map(|meta| meta.expect("read back").get().expect("read").title.clone())
                .collect();
            let expected: Vec<Option<String>> = made
                .iter()
                .map(|s| Some(format!("{}: заголовок", s.id)))
                .collect();
            assert_eq!(titles, expected);
        }
    }
}
