//! The report of a run: the one structure every renderer takes.

use std::sync::Arc;

use compact_str::CompactString;

use crate::corpus::{MetaRecord, OffsetMap, SourceMeta};
use crate::files::{FileId, Files};
use crate::findings::{Finding, Findings, Severity};
use crate::ledger::Ledger;
use crate::names::NameReport;
use crate::spill::{Spill, Stored};
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
pub struct MetaOf<'a>(pub &'a Stored<Box<MetaRecord>>);

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
    pub sources: Vec<SourceInfo>,
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
