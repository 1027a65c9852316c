//! The `check` pipeline: ledger and corpus, then extraction and verification of each source
//! (in parallel, results kept in source order), then findings, into one [`Report`].

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{Corpus, SourceText};
use crate::files::{Files, display_path};
use crate::findings::{Code, Finding};
use crate::ledger;
use crate::report::{Failure, Report, SourceInfo};
use crate::verify::{self, Checker, SourceRef};

/// What to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Claim files or folders.
    pub claims: Vec<PathBuf>,
    /// Source files or folders.
    pub sources: Vec<PathBuf>,
    /// Whether to report supporting evidence as notes too.
    pub verbose: bool,
}

/// Checks the ledger against the sources.
pub fn check(options: &Options) -> Result<Report, Failure> {
    let mut files = Files::default();
    let ledger = ledger::load(&options.claims, &mut files);
    let corpus = Corpus::discover(&options.sources, &mut files);
    let (ledger, corpus) = match (ledger, corpus) {
        (Ok(ledger), Ok(corpus)) => (ledger, corpus),
        (ledger, corpus) => {
            let mut findings = ledger.err().unwrap_or_default();
            findings.extend(corpus.err().unwrap_or_default());
            return Err(Failure { files, findings });
        }
    };

    let checker = Checker::new(&ledger);
    let results: Vec<_> = corpus
        .sources
        .par_iter()
        .map(|entry| {
            let text = SourceText::read(&entry.path)?;
            let check = checker.check(&text, entry.meta.published);
            Ok((text, check))
        })
        .collect::<Vec<Result<_, String>>>();

    let mut problems = Vec::new();
    let mut sources = Vec::with_capacity(results.len());
    let mut findings = Vec::new();
    let mut evidence = Vec::with_capacity(results.len());
    for (entry, result) in corpus.sources.iter().zip(results) {
        match result {
            Ok((text, check)) => {
                let file =
                    files.add_indexed(entry.path.clone(), text.text.clone(), text.lines.clone());
                let path = files.get(file).display_path();
                let source = SourceRef {
                    id: &entry.meta.id,
                    file,
                    path: &path,
                    first_invalid: text.first_invalid,
                };
                findings.extend(verify::source_findings(
                    &ledger,
                    &source,
                    &check,
                    options.verbose,
                ));
                sources.push(SourceInfo {
                    meta: entry.meta.clone(),
                    file,
                    offsets: text.offsets,
                });
                evidence.push(check.evidence);
            }
            Err(error) => {
                let mut finding = Finding::new(
                    Code::UnreadableFile,
                    format!("cannot read `{}`: {error}", display_path(&entry.path)),
                );
                if let Some((file, span)) = &entry.declared {
                    finding = finding.label(*file, span.clone(), "this source");
                }
                problems.push(finding);
            }
        }
    }
    if !problems.is_empty() {
        return Err(Failure {
            files,
            findings: problems,
        });
    }

    let outlets: Vec<&str> = sources.iter().map(|s| s.meta.outlet_or_id()).collect();
    let claims = verify::assemble(&ledger, &outlets, evidence);
    findings.extend(verify::claim_findings(&ledger, &claims));
    Ok(Report {
        files,
        ledger,
        sources,
        claims,
        findings,
    })
}
