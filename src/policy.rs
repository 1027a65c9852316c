//! What a team decides about findings: the severity of each code, whether warnings fail
//! the run, the lowest severity shown, and a baseline of findings already known.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::Level;
use crate::files::write_atomically;
use crate::findings::{Code, Severity};
use crate::report::Report;

/// How findings are judged and shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Severities given to codes (`None`: off).
    pub severity: BTreeMap<Code, Level>,
    /// Whether warnings fail the run like errors.
    pub deny_warnings: bool,
    /// Findings below this severity are not shown (`None`: all are).
    pub min_severity: Option<Severity>,
    /// Fingerprints of findings that do not fail the run.
    pub baseline: Option<Baseline>,
}

impl Policy {
    /// Applies the policy to a report's findings: findings in the baseline and codes
    /// turned off go; severities change; warnings become errors when denied; what is below
    /// the lowest severity shown goes. Returns how many findings the baseline held back.
    pub fn apply(&self, report: &mut Report) -> usize {
        // Fingerprints cost a hash per finding: only a baseline needs them here.
        let fingerprints = self.baseline.as_ref().map(|_| report.fingerprints());
        let mut held_back = 0;
        let mut index = 0;
        // In place: the findings of a large corpus are not copied to be filtered.
        report.findings.retain_mut(|finding| {
            let fingerprint = fingerprints.as_ref().and_then(|all| all.get(index));
            index += 1;
            if let (Some(baseline), Some(fingerprint)) = (&self.baseline, fingerprint) {
                if baseline.contains(fingerprint) {
                    held_back += 1;
                    return false;
                }
            }
            if let Some(&level) = self.severity.get(&finding.code) {
                match level {
                    Some(severity) => finding.severity = severity,
                    None => return false,
                }
            }
            if self.deny_warnings && finding.severity == Severity::Warning {
                finding.severity = Severity::Error;
            }
            self.min_severity.is_none_or(|min| finding.severity <= min)
        });
        held_back
    }
}

impl Policy {
    /// Whether a finding with `code` can survive the policy (a baseline aside): its code is
    /// not off, and its severity, once set and raised, is one shown.
    pub fn shows(&self, code: Code) -> bool {
        let severity = match self.severity.get(&code) {
            Some(None) => return false,
            Some(Some(severity)) => *severity,
            None => code.severity(),
        };
        let severity = if self.deny_warnings && severity == Severity::Warning {
            Severity::Error
        } else {
            severity
        };
        self.min_severity.is_none_or(|min| severity <= min)
    }
}

/// Findings known when a team adopted claimcheck: they do not fail the run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Version of the file's layout.
    pub schema: u32,
    /// The findings, by fingerprint.
    pub findings: Vec<BaselineEntry>,
}

/// One finding of a baseline, with what it was about for a reader of the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// Its fingerprint: code, claim, source and stated text, not line numbers.
    pub fingerprint: String,
    /// Its code.
    pub code: String,
    /// Its message when it was recorded.
    pub message: String,
}

impl Baseline {
    /// The baseline of every finding of `report`.
    pub fn of(report: &Report) -> Self {
        let mut findings: Vec<BaselineEntry> = report
            .findings
            .iter()
            .zip(report.fingerprints())
            .map(|(finding, fingerprint)| BaselineEntry {
                fingerprint,
                code: finding.code.name().to_string(),
                message: finding.message.clone(),
            })
            .collect();
        findings.sort();
        Baseline {
            schema: 1,
            findings,
        }
    }

    /// Whether the baseline holds `fingerprint`.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.findings
            .binary_search_by(|entry| entry.fingerprint.as_str().cmp(fingerprint))
            .is_ok()
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let mut baseline: Baseline =
            serde_json::from_str(&text).map_err(|e| format!("not a claimcheck baseline: {e}"))?;
        baseline.findings.sort();
        Ok(baseline)
    }

    /// Writes the baseline to `path` atomically: to a temporary file beside it, then renamed.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        write_atomically(path, text.as_bytes(), None)
    }
}

impl Report {
    /// A fingerprint for each finding, in order: its code, claim and source, and the text
    /// its first label points at (what the source states), numbered when those repeat. Line
    /// numbers play no part, so unrelated edits do not change it.
    pub fn fingerprints(&self) -> Vec<String> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        self.findings
            .iter()
            .map(|finding| {
                let text = finding
                    .labels
                    .first()
                    .map(|l| self.files.get(l.file).slice(l.span.clone()).to_owned())
                    .unwrap_or_default();
                let key = format!(
                    "{}\u{1f}{}\u{1f}{}\u{1f}{}",
                    finding.code.name(),
                    finding.claim.as_deref().unwrap_or(""),
                    finding.source.as_deref().unwrap_or(""),
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                let occurrence = seen.entry(key.clone()).or_insert(0);
                *occurrence += 1;
                format!("{:016x}", fnv1a(&format!("{key}\u{1f}{occurrence}")))
            })
            .collect()
    }
}

/// The 64-bit FNV-1a hash: stable across runs, platforms and Rust versions.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
