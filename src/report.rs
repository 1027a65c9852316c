//! The report of a run: the one structure every renderer takes.

use crate::corpus::{OffsetMap, SourceMeta};
use crate::files::{FileId, Files};
use crate::findings::{Finding, Findings, Severity};
use crate::ledger::Ledger;
use crate::names::NameReport;
use crate::verify::ClaimResult;

/// A checked source.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    /// Its metadata.
    pub meta: SourceMeta,
    /// Its file.
    pub file: FileId,
    /// Maps offsets in its decoded text to offsets in its bytes.
    pub offsets: OffsetMap,
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
