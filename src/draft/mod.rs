//! Checking an editor's draft against the ledger and what the sources say: every figure a
//! claim's patterns match must be the ledger's, a claim the sources contest or barely
//! support is flagged, and every name must be spelt as the ledger spells it, with the fix.

pub mod fix;
mod judge;
pub mod prose;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use fix::Fix;
pub use judge::findings;
pub use prose::{Markup, Prose};

use crate::corpus::{OffsetMap, Published, SourceText};
use crate::extract::Extraction;
use crate::files::{FileId, Files, display_path};
use crate::findings::{Code, Finding};
use crate::names::{self, EntityIndex, NameReader, NameVerdict, Resolved};
use crate::report::{Failure, Report};
use crate::verify::{Checker, Evidence, Unmatched, invalid_utf8};

/// What a draft says, checked.
#[derive(Debug, Clone)]
pub struct DraftReport {
    /// The draft's file.
    pub file: FileId,
    /// How it is marked up.
    pub markup: Markup,
    /// The date its dates without a year are read against.
    pub published: Option<Published>,
    /// Maps offsets in the file's decoded text to its bytes (they differ where it is not
    /// UTF-8).
    pub offsets: OffsetMap,
    /// Every figure a claim's patterns matched (not the sums its parts imply), in claim
    /// order, then text order; spans in the file.
    pub figures: Vec<Evidence>,
    /// Quantities in a claim's scope that no pattern matched; spans in the file.
    pub unmatched: Vec<Unmatched>,
    /// Every name, in text order.
    pub names: Vec<DraftName>,
}

/// A name in a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftName {
    /// The name as written.
    pub spelling: String,
    /// Its span in the file.
    pub span: Range<usize>,
    /// What the ledger makes of it.
    pub known: Option<KnownName>,
}

/// A name of the draft that the ledger declares.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownName {
    /// The entity it names and how the draft spells it.
    pub resolved: Resolved,
    /// The ledger's spelling it should be, for a variant; `None` if it is not one or can
    /// only be fixed by hand (markup inside the name).
    pub fix: Option<Fix>,
}

/// Checks the draft at `path` against `report`'s ledger, reading dates without a year
/// against `published`. The report's findings become the draft's (and any failing
/// examples of the ledger, which make every verdict doubtful).
pub fn check(
    report: &mut Report,
    path: &Path,
    published: Option<Published>,
    verbose: bool,
) -> Result<(), Failure> {
    let unreadable = |files: &Files, error: &dyn std::fmt::Display| Failure {
        files: files.clone(),
        findings: vec![Finding::new(
            Code::UnreadableFile,
            format!("cannot read the draft `{}`: {error}", display_path(path)),
        )],
    };
    let source = SourceText::read(path).map_err(|error| unreadable(&report.files, &error))?;
    let markup = Markup::of_path(path);
    let file = report.files.add_indexed(
        PathBuf::from(path),
        source.text.as_str().into(),
        source.lines.clone(),
    );
    let prose = Prose::of(&source.text, markup);
    let text = SourceText::new(prose.text.clone().into_bytes());
    let extraction = Extraction::of(&text.text, &text.structure, published)
        .map_err(|error| unreadable(&report.files, &error))?;
    let checker = Checker::new(&report.ledger);
    let checked = checker.check(&text, &extraction);
    let entities = EntityIndex::new(&report.ledger.entities);
    let found = names::read_text(&NameReader::new(&entities), extraction.names, &text.text);

    let to_file = |span: &Range<usize>| prose.to_file(span);
    // A sum the draft implies repeats what its parts' own verdicts say.
    let figures = checked
        .evidence
        .into_iter()
        .filter(|e| e.parts.is_empty())
        .map(|e| Evidence {
            span: to_file(&e.span),
            sentence: to_file(&e.sentence),
            ..e
        })
        .collect();
    let unmatched = checked
        .unmatched
        .into_iter()
        .map(|u| Unmatched {
            span: to_file(&u.span),
            ..u
        })
        .collect();
    let mut draft_names: Vec<DraftName> = found
        .matched
        .iter()
        .map(|m| {
            let entity = &report.ledger.entities[m.resolved.entity];
            let fix = (m.resolved.verdict == NameVerdict::Variant)
                .then(|| fix::spelling(entity, &m.resolved, &m.spelling))
                .filter(|_| prose.is_verbatim(&m.span))
                .map(|replacement| Fix {
                    span: to_file(&m.span),
                    replacement,
                });
            DraftName {
                spelling: m.spelling.clone(),
                span: to_file(&m.span),
                known: Some(KnownName {
                    resolved: m.resolved.clone(),
                    fix,
                }),
            }
        })
        .chain(found.unknown.iter().map(|(spelling, span)| DraftName {
            spelling: spelling.to_string(),
            span: to_file(span),
            known: None,
        }))
        .collect();
    draft_names.sort_by_key(|n| n.span.start);

    let mut found = report
        .findings
        .iter()
        .filter(|f| f.code == Code::FailingExample)
        .map(std::borrow::Cow::into_owned)
        .collect::<Vec<_>>();
    if let Some(offset) = source.first_invalid {
        let shown = display_path(path);
        found.push(invalid_utf8(&shown, file, offset));
    }
    let draft = DraftReport {
        file,
        markup,
        published,
        offsets: source.offsets.clone(),
        figures,
        unmatched,
        names: draft_names,
    };
    found.extend(findings(report, &draft, verbose));
    report.findings = found.into();
    report.draft = Some(draft);
    Ok(())
}
