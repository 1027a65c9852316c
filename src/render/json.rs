//! The machine-readable report (`--format json`): every claim with its status, one verdict
//! per source (silent ones included) and every piece of evidence; the sources; the
//! findings; and a summary. Spans are byte offsets into the original files; lines and
//! columns count from 1, columns in characters.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::corpus::{OffsetMap, SourceMeta};
use crate::extract::{Qualifier, Unit};
use crate::files::{FileId, Files};
use crate::findings::{Code, Finding, Severity};
use crate::ledger::{Claim, Entity, Figure, Scope};
use crate::names::diagnose::verdict_name;
use crate::names::{EntityMention, NameVerdict, Signal, System};
use crate::report::{Counts, Report, SourceInfo};
use crate::text::LineCol;
use crate::verify::{Evidence, Stated, Status, Verdict};

use super::{Amount, Num};

/// Version of the JSON layout; bumped when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

/// Renders `report` as pretty-printed JSON.
pub fn render(report: &Report) -> String {
    let view = JsonReport::new(report);
    let mut out = serde_json::to_string_pretty(&view)
        .expect("the report serializes: keys are strings, numbers finite");
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    claims: Vec<JsonClaim<'a>>,
    entities: Vec<JsonEntity<'a>>,
    spellings: Vec<JsonSpellingGroup<'a>>,
    sources: Vec<JsonSource<'a>>,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

/// An entity with every mention of it.
#[derive(Serialize)]
struct JsonEntity<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    also_known_as: Vec<JsonOtherName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    native: Option<&'a str>,
    mentions: Vec<JsonNameMention<'a>>,
}

#[derive(Serialize)]
struct JsonOtherName<'a> {
    name: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct JsonNameMention<'a> {
    spelling: &'a str,
    verdict: NameVerdict,
    /// The ledger spelling it was matched to.
    matches: &'a str,
    signals: &'a [Signal],
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<System>,
    source: &'a str,
    path: String,
    span: JsonSpan,
}

/// A name the ledger does not declare, spelt more than one way.
#[derive(Serialize)]
struct JsonSpellingGroup<'a> {
    signals: &'a [Signal],
    spellings: Vec<JsonSpellingCount<'a>>,
}

#[derive(Serialize)]
struct JsonSpellingCount<'a> {
    spelling: &'a str,
    count: usize,
    mentions: Vec<JsonPlace<'a>>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    source: &'a str,
    path: String,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: &'a str,
    file: String,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<&'a str>,
    statement: &'a str,
    #[serde(flatten)]
    figure: JsonFigure,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Unit>,
    qualifier: Qualifier,
    tolerance: Num,
    scope: &'static str,
    status: Status,
    sources: Vec<JsonVerdict<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum JsonFigure {
    Value(Num),
    Range([Num; 2]),
    Date(String),
}

#[derive(Serialize)]
struct JsonVerdict<'a> {
    source: &'a str,
    verdict: Verdict,
    evidence: Vec<JsonEvidence<'a>>,
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    source: &'a str,
    path: String,
    verdict: Verdict,
    text: &'a str,
    stated: JsonStated,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    derived_from: Vec<JsonPart<'a>>,
    span: JsonSpan,
    sentence: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonStated {
    Quantity(Amount),
    Date {
        low: Option<String>,
        high: Option<String>,
        qualifier: &'static str,
    },
}

#[derive(Serialize)]
struct JsonPart<'a> {
    claim: &'a str,
    text: &'a str,
    span: JsonSpan,
}

/// A span with its byte offsets in the original file and 1-based lines and columns.
#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    #[serde(flatten)]
    meta: &'a SourceMeta,
    path: String,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: String,
    text: &'a str,
    #[serde(flatten)]
    span: JsonSpan,
}

#[derive(Serialize)]
struct Summary {
    claims: usize,
    sources: usize,
    entities: usize,
    status: BTreeMap<&'static str, usize>,
    verdicts: BTreeMap<&'static str, usize>,
    names: BTreeMap<&'static str, usize>,
    #[serde(flatten)]
    findings: Counts,
}

/// Converts decoded spans of any file into original byte offsets with lines and columns.
struct Spans<'a> {
    files: &'a Files,
    offsets: HashMap<FileId, &'a OffsetMap>,
}

impl Spans<'_> {
    fn span(&self, file: FileId, span: &std::ops::Range<usize>) -> JsonSpan {
        let entry = self.files.get(file);
        let original = |offset: usize| {
            self.offsets
                .get(&file)
                .map_or(offset, |map| map.to_original(offset))
        };
        let (start, end): (LineCol, LineCol) =
            (entry.line_col(span.start), entry.line_col(span.end));
        JsonSpan {
            start: original(span.start),
            end: original(span.end),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

impl<'a> JsonReport<'a> {
    fn new(report: &'a Report) -> Self {
        let spans = Spans {
            files: &report.files,
            offsets: report
                .sources
                .iter()
                .map(|s| (s.file, &s.offsets))
                .collect(),
        };
        let mut status = BTreeMap::new();
        let mut verdicts = BTreeMap::new();
        let claims = report
            .ledger
            .claims
            .iter()
            .zip(&report.claims)
            .map(|(claim, result)| {
                *status.entry(result.status.name()).or_insert(0) += 1;
                for source in 0..report.sources.len() {
                    *verdicts.entry(result.verdict(source).name()).or_insert(0) += 1;
                }
                let location = report.files.get(claim.file).line_col(claim.id_span.start);
                JsonClaim {
                    id: &claim.id,
                    file: report.files.get(claim.file).display_path(),
                    line: location.line,
                    column: location.column,
                    topic: claim.topic.as_deref(),
                    statement: &claim.statement,
                    figure: match claim.figure {
                        Figure::Value(v) => JsonFigure::Value(Num(v)),
                        Figure::Range(low, high) => JsonFigure::Range([Num(low), Num(high)]),
                        Figure::Date(day) => JsonFigure::Date(day.to_string()),
                    },
                    unit: claim.unit,
                    qualifier: claim.qualifier,
                    tolerance: Num(claim.tolerance),
                    scope: scope_name(claim),
                    status: result.status,
                    sources: report
                        .sources
                        .iter()
                        .enumerate()
                        .map(|(index, source)| {
                            let said = result.of(index);
                            JsonVerdict {
                                source: &source.meta.id,
                                verdict: said.map_or(Verdict::Silent, |s| s.verdict),
                                evidence: said
                                    .iter()
                                    .flat_map(|s| &s.evidence)
                                    .map(|e| evidence(report, &spans, claim, source, e))
                                    .collect(),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let findings = report.findings.iter().map(|f| finding(&spans, f)).collect();
        let mut names = BTreeMap::new();
        let entities = report
            .ledger
            .entities
            .iter()
            .zip(&report.names.mentions)
            .map(|(entity, mentions)| {
                for mention in mentions {
                    *names
                        .entry(verdict_name(mention.resolved.verdict))
                        .or_insert(0) += 1;
                }
                entity_view(report, &spans, entity, mentions)
            })
            .collect();
        let spellings = report
            .names
            .groups
            .iter()
            .map(|group| JsonSpellingGroup {
                signals: &group.signals,
                spellings: group
                    .spellings
                    .iter()
                    .map(|s| JsonSpellingCount {
                        spelling: &s.spelling,
                        count: s.occurrences.len(),
                        mentions: s
                            .occurrences
                            .iter()
                            .map(|o| {
                                let source = &report.sources[o.source];
                                JsonPlace {
                                    source: &source.meta.id,
                                    path: report.files.get(source.file).display_path(),
                                    span: spans.span(source.file, &o.span),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        JsonReport {
            version: VERSION,
            claims,
            entities,
            spellings,
            sources: report
                .sources
                .iter()
                .map(|s| JsonSource {
                    meta: &s.meta,
                    path: report.files.get(s.file).display_path(),
                })
                .collect(),
            findings,
            summary: Summary {
                claims: report.claims.len(),
                sources: report.sources.len(),
                entities: report.ledger.entities.len(),
                names,
                status,
                verdicts,
                findings: report.counts(),
            },
        }
    }
}

fn entity_view<'a>(
    report: &'a Report,
    spans: &Spans,
    entity: &'a Entity,
    mentions: &'a [EntityMention],
) -> JsonEntity<'a> {
    let spellings = entity.spellings();
    JsonEntity {
        id: &entity.id,
        name: &entity.name,
        kind: entity.kind.name(),
        aliases: entity.aliases.iter().map(|(a, _)| a.as_str()).collect(),
        also_known_as: entity
            .also_known_as
            .iter()
            .map(|o| JsonOtherName {
                name: &o.name,
                note: &o.note,
            })
            .collect(),
        native: entity.native.as_ref().map(|(n, _)| n.as_str()),
        mentions: mentions
            .iter()
            .map(|m| {
                let source = &report.sources[m.source];
                JsonNameMention {
                    spelling: &m.spelling,
                    verdict: m.resolved.verdict,
                    matches: spellings
                        .get(m.resolved.spelling)
                        .map_or(entity.name.as_str(), |s| s.0),
                    signals: &m.resolved.signals,
                    system: m.resolved.system,
                    source: &source.meta.id,
                    path: report.files.get(source.file).display_path(),
                    span: spans.span(source.file, &m.span),
                }
            })
            .collect(),
    }
}

/// The claim's effective scope: a claim without cues counts everywhere.
fn scope_name(claim: &Claim) -> &'static str {
    if claim.cues.is_empty() {
        Scope::Document.name()
    } else {
        claim.scope.name()
    }
}

fn evidence<'a>(
    report: &'a Report,
    spans: &Spans,
    claim: &'a Claim,
    source: &'a SourceInfo,
    e: &'a Evidence,
) -> JsonEvidence<'a> {
    let file = report.files.get(source.file);
    JsonEvidence {
        source: &source.meta.id,
        path: file.display_path(),
        verdict: e.verdict,
        text: &e.text,
        stated: match &e.stated {
            Stated::Quantity {
                low,
                qualifier,
                unit,
                interval,
                ..
            } => JsonStated::Quantity(Amount::new(*low, *interval, *qualifier, *unit)),
            Stated::Date(value) => JsonStated::Date {
                low: value.earliest().map(|d| d.to_string()),
                high: value.latest().map(|d| d.to_string()),
                qualifier: value.precision(),
            },
        },
        basis: e
            .basis
            .and_then(|b| claim.basis.get(b))
            .map(|b| b.note.as_str()),
        pattern: e
            .pattern
            .and_then(|p| claim.patterns.get(p))
            .map(|p| p.pattern.text.as_str()),
        derived_from: e
            .parts
            .iter()
            .map(|part| JsonPart {
                claim: &report.ledger.claims[part.claim].id,
                text: &part.text,
                span: spans.span(source.file, &part.span),
            })
            .collect(),
        span: spans.span(source.file, &e.span),
        sentence: file
            .slice(e.sentence.clone())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn finding<'a>(spans: &Spans, finding: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        code: finding.code,
        severity: finding.severity,
        message: &finding.message,
        help: finding.help.as_deref(),
        claim: finding.claim.as_deref(),
        source: finding.source.as_deref(),
        labels: finding
            .labels
            .iter()
            .map(|label| JsonLabel {
                file: spans.files.get(label.file).display_path(),
                text: &label.text,
                span: spans.span(label.file, &label.span),
            })
            .collect(),
    }
}
