//! The `check` pipeline: ledger and corpus, then extraction, verification of claims and
//! matching of names for each source (in parallel, results kept in source order), then
//! names across sources, then findings, into one [`Report`].

mod sources;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::{Corpus, SourceEntry, SourceMeta, SourceText, Waiting};
use crate::extract::Extraction;
use crate::files::{Excerpt, FileId, Files, Kept, Wanted, display_path};
use crate::findings::{Code, Finding, Findings};
use crate::ledger;
use crate::names::{self, EntityIndex, EntityMention, KeptNames, NameReader, NameReport, Spelled};
use crate::report::{Failure, Report, SourceInfo, Sources};
use crate::spill::{Spill, Spool};
use crate::text::Folded;
use crate::text::fold::TooLarge;
use crate::verify::{self, Checker, SourceRef};
pub use sources::{CheckedSources, Slot};

/// Called with the number of sources once they are found, then once per source checked
/// (from any thread): a progress display's hook.
pub type Progress = dyn Fn(ProgressEvent) + Send + Sync;

/// What a progress hook hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressEvent {
    /// This many sources will be checked.
    Found(usize),
    /// One more source was checked.
    Checked,
}

/// What to check.
#[derive(Clone, Default)]
pub struct Options {
    /// Claim files or folders.
    pub claims: Vec<PathBuf>,
    /// Source files or folders.
    pub sources: Vec<PathBuf>,
    /// Whether to report supporting evidence as notes too.
    pub verbose: bool,
    /// A progress hook.
    pub progress: Option<std::sync::Arc<Progress>>,
    /// A file not to read as a source even if it is under a source folder: the draft being
    /// checked, which must not corroborate itself.
    pub exclude: Option<PathBuf>,
    /// What will be shown: findings about a source that the policy would drop are dropped
    /// as the source is read, so that a run keeps no more than it reports.
    pub policy: crate::policy::Policy,
}

/// Runs a closure when dropped.
struct Defer<F: Fn()>(F);

impl<F: Fn()> Drop for Defer<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// Checks source `index` (`entry`, registered as `file`), whose text is `text`: what the
/// report keeps of it, and the excerpt of its text the report quotes.
fn check_source(
    ledger: &crate::ledger::Ledger,
    checker: &Checker,
    names: &NameReader,
    (options, spill): (&Options, Option<&Arc<Spill>>),
    (index, entry, file, path): (usize, SourceEntry, FileId, &Path),
    text: SourceText,
) -> Result<(CheckedSource, Kept), TooLarge> {
    let folded = Folded::new(&text.text)?;
    let scope = checker.scope(&folded, &text.structure);
    let extraction = Extraction::scoped(
        &text.text,
        folded,
        &text.structure,
        entry.published,
        |sentence| scope.any(sentence),
    );
    let check = checker.check_in(&text, &extraction, &scope);
    let kept = KeptNames::read(names, index, extraction.names, &text.text);
    crate::text::tokens::recycle(extraction.tokens);
    extraction.folded.recycle();
    let path = display_path(path);
    let source = SourceRef {
        id: &entry.id,
        file,
        path: &path,
        first_invalid: text.first_invalid,
    };
    let shows = |code| options.policy.shows(code);
    let mut findings = verify::source_findings(ledger, &source, &check, options.verbose, shows);
    findings.extend(names::source_findings(
        ledger,
        &kept.noncanonical,
        (&entry.id, file),
    ));
    findings.retain(|f| shows(f.code));
    // Both lists are in text order; together they keep it.
    findings.sort_by_key(|f| f.labels.first().map_or(0, |l| l.span.start));

    let shown: Vec<std::ops::Range<usize>> = findings
        .iter()
        .flat_map(|f| &f.labels)
        .filter(|l| l.file == file)
        .map(|l| l.span.clone())
        .collect();
    let quoted: Vec<std::ops::Range<usize>> =
        check.evidence.iter().map(|e| e.sentence.clone()).collect();
    let located: Vec<std::ops::Range<usize>> = check
        .evidence
        .iter()
        .flat_map(|e| std::iter::once(e.span.clone()).chain(e.parts.iter().map(|p| p.span.clone())))
        .chain(kept.noncanonical.iter().map(|m| m.span.clone()))
        .collect();
    let lines = Arc::try_unwrap(text.lines).unwrap_or_else(|shared| (*shared).clone());
    let excerpt = Excerpt::new(
        &text.text,
        lines,
        &Wanted {
            shown,
            quoted,
            located,
        },
    )
    .keep(spill.map(|s| &**s));
    let source = CheckedSource {
        info: match entry.described {
            Some(meta) => SourceInfo {
                id: entry.id,
                outlet: entry.outlet,
                file,
                offsets: text.offsets,
                meta,
            },
            None => {
                let meta = SourceMeta {
                    id: entry.id.into(),
                    ..SourceMeta::default()
                };
                SourceInfo::new(meta, file, text.offsets, spill)
            }
        },
        said: verify::SourceVerdict::of_source(index, check.evidence, spill),
        names: kept,
        findings: Findings::keep(findings, spill),
    };
    Ok((source, excerpt))
}

/// One source as read: what the report keeps of it, before the claims are judged across
/// the corpus. A shard of a run is a list of these (see [`crate::shard`]).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct CheckedSource {
    /// Its metadata, file and offset map.
    pub info: SourceInfo,
    /// What it says about each claim it states, in claim order.
    pub said: Vec<verify::SourceVerdict>,
    /// Its names, as the report keeps them.
    pub names: names::KeptNames,
    /// The findings about it alone, in text order.
    pub findings: Findings,
}

impl CheckedSource {
    /// Moves what a run keeps of the source on disk (its metadata, findings and evidence)
    /// to `spill`, if it is in memory.
    pub fn spill(&mut self, spill: &Arc<Spill>) {
        self.info.meta.spill(spill);
        self.findings.spill(spill);
        for said in &mut self.said {
            said.evidence.spill(spill);
        }
    }
}

/// Every source read, before the claims are judged across them and the names the ledger
/// does not declare are grouped.
pub struct Gathered {
    /// The claim paths the run was given.
    pub claim_paths: Vec<PathBuf>,
    /// The source paths the run was given.
    pub source_paths: Vec<PathBuf>,
    /// Every file read: the ledger's first.
    pub files: Files,
    /// How many of `files` are the ledger's.
    pub ledger_files: usize,
    /// The ledger.
    pub ledger: ledger::Ledger,
    /// Findings about the ledger itself (its self-tests).
    pub findings: Findings,
    /// The sources, in path order.
    pub sources: CheckedSources,
    /// How often the sources name each entity of the ledger, spelt any way.
    pub mentions: Vec<usize>,
    /// The names the ledger does not declare, by spelling.
    pub unknown: BTreeMap<String, Spelled>,
}

/// Checks the ledger against the sources.
pub fn check(options: &Options) -> Result<Report, Failure> {
    gather(options).and_then(Gathered::assemble)
}

/// Reads the ledger and every source (in parallel; results in source order).
pub fn gather(options: &Options) -> Result<Gathered, Failure> {
    let mut files = Files::default();
    let ledger = ledger::load(&options.claims, &mut files);
    let ledger_files = files.len();
    // What the report keeps of the sources (their metadata as they are found; then the
    // lines it quotes of each, the findings about it and its evidence) waits on disk until
    // the report is written.
    let spill = files.start_spill();
    let spill = spill.as_ref();
    // The entity index is built while the sources are found.
    let (corpus, entities) = rayon::join(
        || Corpus::discover(&options.sources, &mut files, spill),
        || ledger.as_ref().ok().map(|l| EntityIndex::new(&l.entities)),
    );
    let (ledger, mut corpus, entities) = match (ledger, corpus, entities) {
        (Ok(ledger), Ok(corpus), Some(entities)) => (ledger, corpus, entities),
        (ledger, corpus, _) => {
            let mut findings = ledger.err().unwrap_or_default();
            findings.extend(corpus.err().unwrap_or_default());
            return Err(Failure { files, findings });
        }
    };

    if let Some(excluded) = options.exclude.as_ref().and_then(|p| p.canonicalize().ok()) {
        corpus
            .sources
            .retain(|s| s.path.canonicalize().ok().as_ref() != Some(&excluded));
    }
    let checker = Checker::new(&ledger);
    let findings = Findings::from(checker.examples());
    let mut names = NameReader::new(&entities);
    let progress = |event| {
        if let Some(progress) = &options.progress {
            progress(event);
        }
    };
    let count = corpus.sources.len();
    progress(ProgressEvent::Found(count));
    // The entries wait on disk in batches, and the sources are checked a batch at a time
    // (in parallel within it): a run holds one batch of entries, not one per source.
    let waiting = Waiting::new(corpus, spill);
    // Each source is checked where it is read, and what the report keeps of it is made
    // there and waits on disk as one record: the list of results holds a place per source,
    // and becomes the list of sources in place, without a copy.
    let mut results: Vec<Result<Slot, Box<Finding>>> = Vec::with_capacity(count);
    for batch in waiting {
        let mut batch = match batch {
            Ok(batch) => batch,
            Err(error) => return Err(lost(files, &error)),
        };
        let first = results.len();
        // Each source of the batch gets its file id first, in path order, so that its
        // findings are made where it is read, and its file entry gets there the lines the
        // report quotes of its text. The list of files holds the path from here on: it is
        // not copied. Once the batch is read, its files wait on disk too (`seal`).
        let ids = files.add_pending(batch.iter_mut().map(|e| std::mem::take(&mut e.path)));
        let these = files.pending(ids);
        results.par_extend(batch.into_par_iter().zip(these).enumerate().map(
            |(at, (entry, (file, registered)))| {
                let path = &registered.path;
                let _checked = Defer(|| progress(ProgressEvent::Checked));
                let declared = entry.declared.clone();
                let refuse = |error: &dyn std::fmt::Display| {
                    Box::new(unreadable(declared.as_ref(), path, &error.to_string()))
                };
                let text = SourceText::read(path).map_err(|error| refuse(&error))?;
                let (source, excerpt) = check_source(
                    &ledger,
                    &checker,
                    &names,
                    (options, spill),
                    (first + at, entry, file, path),
                    text,
                )
                .map_err(|error| refuse(&error))?;
                registered.set_excerpt(excerpt);
                Ok(Slot::keep(source, spill))
            },
        ));
        files.seal();
    }
    if results.len() != count {
        let short = std::io::Error::other("a batch of sources came back short");
        return Err(lost(files, &short));
    }
    if results.iter().any(Result::is_err) {
        return Err(Failure {
            files,
            findings: results
                .into_iter()
                .filter_map(Result::err)
                .map(|finding| *finding)
                .collect(),
        });
    }
    // The standard library collects in place when the items are no larger than before.
    const _: () = assert!(size_of::<Result<Slot, Box<Finding>>>() == size_of::<Slot>());
    let slots: Vec<Slot> = results.into_iter().filter_map(Result::ok).collect();
    let mentions = names.mentions(ledger.entities.len());
    Ok(Gathered {
        claim_paths: options.claims.clone(),
        source_paths: options.sources.clone(),
        files,
        ledger_files,
        ledger,
        findings,
        sources: CheckedSources::new(spill.cloned(), slots),
        mentions,
        unknown: names.into_undeclared(),
    })
}

/// The failure of a run that cannot read back from its spill file what it wrote there.
fn lost(files: Files, error: &std::io::Error) -> Failure {
    let lost = format!("what this run read of its sources is lost: {error}");
    Failure {
        files,
        findings: vec![Finding::new(Code::UnreadableFile, lost)],
    }
}

/// The finding for a source at `path` that could not be read.
fn unreadable(
    declared: Option<&(FileId, std::ops::Range<usize>)>,
    path: &Path,
    error: &str,
) -> Finding {
    let finding = Finding::new(
        Code::UnreadableFile,
        format!("cannot read `{}`: {error}", display_path(path)),
    );
    match declared {
        Some((file, span)) => finding.label(*file, span.clone(), "this source"),
        None => finding,
    }
}

impl Gathered {
    /// Judges the claims across the sources, groups the names spelt more than one way, and
    /// makes the report; fails only if a source cannot be read back from the spill file.
    pub fn assemble(self) -> Result<Report, Failure> {
        let Gathered {
            claim_paths,
            source_paths,
            files,
            ledger,
            mut findings,
            ledger_files: _,
            sources: checked,
            mentions,
            unknown,
        } = self;
        // The names no entity declares are grouped first, and their table freed: grouping
        // them needs room of its own, not at the same time as the lists read back below.
        let groups = names::cluster::inconsistent(&unknown);
        drop(unknown);
        // What the sources say is filed under each claim, and their names under each
        // entity, as each source is read back: no list per source. Each claim's list and
        // each entity's waits on disk in chunks.
        let spill = checked.spill();
        let mut results = verify::Results::new(ledger.claims.len(), spill.as_ref());
        let mut noncanonical: Vec<Spool<EntityMention>> = (ledger.entities.iter())
            .map(|_| Spool::new(spill.clone()))
            .collect();
        let mut sources = Sources::new(spill.clone());
        for source in checked.read_back() {
            let filed = source.and_then(|source| {
                for verdict in source.said {
                    results.file(verdict, source.info.outlet_or_id())?;
                }
                for mention in source.names.noncanonical {
                    let entity = mention.resolved.entity;
                    (noncanonical.get_mut(entity))
                        .ok_or_else(|| std::io::Error::other("a mention of no entity"))?
                        .push(mention)?;
                }
                findings.append(source.findings);
                Ok(source.info)
            });
            if let Err(error) = filed.and_then(|info| sources.push(info)) {
                return Err(lost(files, &error));
            }
        }
        sources.finish();
        noncanonical.iter_mut().for_each(Spool::finish);
        let claims = results.finish();
        let names = NameReport {
            counts: mentions,
            noncanonical,
            groups,
        };
        let file_of = |source: usize| (sources.file(source), sources.id(source).to_string());
        findings.extend(
            names
                .groups
                .iter()
                .map(|group| names::diagnose::inconsistent(group, &file_of)),
        );
        let source = |id: &str| sources.position(id);
        match verify::claim_findings(&ledger, &claims, source) {
            Ok(found) => findings.extend(found),
            Err(error) => return Err(lost(files, &error)),
        }
        Ok(Report {
            claim_paths,
            source_paths,
            files,
            ledger,
            sources,
            claims,
            names,
            findings,
            draft: None,
        })
    }
}
