//! The machine-readable report (`--format json`): every claim with its status, the verdict
//! of every source that says something about it and every piece of evidence; the sources; the
//! findings; and a summary. Spans are byte offsets into the original files; lines and
//! columns count from 1, columns in characters.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use crate::corpus::{OffsetMap, SourceMeta};
use crate::draft::{DraftReport, Markup};
use crate::extract::{Qualifier, Unit};
use crate::files::{FileId, Files};
use crate::findings::{Code, Finding, Severity};
use crate::ledger::{Claim, Entity, Figure, Scope};
use crate::names::diagnose::verdict_name;
use crate::names::{EntityMention, NameVerdict, Signal, System};
use crate::report::{Counts, Report};
use crate::spill::{Spool, Stored};
use crate::text::LineCol;
use crate::verify::{ClaimResult, Evidence, Stated, Status, Verdict};

use super::{Amount, Lazy, Num};

/// Version of the JSON layout (`"schema"`); bumped when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 3;

/// Writes `report` as pretty-printed JSON to `out`, each claim, entity, source and finding
/// made as it is written, so that a large report is never held twice.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let spans = Spans::new(report);
    let view = JsonReport::new(report, &spans)?;
    serde_json::to_writer_pretty(&mut *out, &view)?;
    out.write_all(b"\n")
}

/// A claimcheck report: every claim with the verdicts of the sources that state it, the
/// names, the sources and the findings.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "claimcheck report")]
struct JsonReport<'a> {
    /// Version of this layout.
    #[schemars(extend("const" = 3))]
    schema: u32,
    /// Every claim of the ledger, in ledger order.
    claims: Lazy<'a, JsonClaim<'a>>,
    /// Every entity of the ledger with its mentions.
    entities: Lazy<'a, JsonEntity<'a>>,
    /// Names the ledger does not declare that the sources spell more than one way.
    spellings: Vec<JsonSpellingGroup<'a>>,
    /// Every source read, with its metadata.
    sources: Lazy<'a, JsonSource>,
    /// Every finding, in the order the human output prints them.
    findings: Lazy<'a, JsonFinding<'a>>,
    /// Counts of the above.
    summary: Summary,
    /// The draft checked, for `claimcheck draft`.
    #[serde(skip_serializing_if = "Option::is_none")]
    draft: Option<JsonDraft<'a>>,
}

/// A draft checked against the ledger and the sources.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Draft")]
struct JsonDraft<'a> {
    /// The draft's path.
    path: String,
    /// How it is marked up: `text`, `markdown` or `html`; only the prose is checked.
    markup: Markup,
    /// The date its dates without a year are read against.
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    /// Every figure a claim's patterns matched, in text order.
    figures: Vec<JsonDraftFigure<'a>>,
    /// Every name, in text order.
    names: Vec<JsonDraftName<'a>>,
}

/// A figure of the draft: what it says against the ledger, and what the sources say.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "DraftFigure")]
struct JsonDraftFigure<'a> {
    /// The claim.
    claim: &'a str,
    /// The claim's status across the sources.
    status: Status,
    /// The figure, judged strictly: anything but `supports` is an error.
    #[serde(flatten)]
    evidence: JsonEvidence<'a>,
}

/// A name of the draft.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "DraftName")]
struct JsonDraftName<'a> {
    /// The name as written.
    spelling: &'a str,
    /// Where it is.
    span: JsonSpan,
    /// The entity it names; absent when the ledger does not know the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    /// How it spells the entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<NameVerdict>,
    /// What `--fix` writes instead, for a variant it can fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
}

/// An entity with every mention of it.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Entity")]
struct JsonEntity<'a> {
    /// The entity's id in the ledger.
    id: &'a str,
    /// The canonical spelling.
    name: &'a str,
    /// `person`, `organisation` or `place`.
    #[schemars(extend("enum" = ["person", "organisation", "place"]))]
    kind: &'static str,
    /// Other accepted spellings.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: Vec<&'a str>,
    /// Other names of the same entity, each with why it is one.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    also_known_as: Vec<JsonOtherName<'a>>,
    /// The name in its own script.
    #[serde(skip_serializing_if = "Option::is_none")]
    native: Option<&'a str>,
    /// How often the sources name it, spelt any way.
    mentions: usize,
    /// The mentions not spelt canonically (an alias, another name, a variant), in source
    /// and text order.
    noncanonical: Lazy<'a, JsonNameMention<'a>>,
}

/// Another name of an entity.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "OtherName")]
struct JsonOtherName<'a> {
    /// The name.
    name: &'a str,
    /// Why it names the same entity.
    note: &'a str,
}

/// A mention of an entity in a source.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "NameMention")]
struct JsonNameMention<'a> {
    /// The name as the source spells it.
    spelling: String,
    /// How it spells the entity.
    verdict: NameVerdict,
    /// The ledger spelling it was matched to.
    matches: &'a str,
    /// Why the spellings are taken to be one name.
    signals: Vec<Signal>,
    /// The transliteration system the spelling follows, when one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<System>,
    /// The source's id.
    source: &'a str,
    /// The source's path.
    path: String,
    /// Where the mention is.
    span: JsonSpan,
}

/// A name the ledger does not declare, spelt more than one way.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "SpellingGroup")]
struct JsonSpellingGroup<'a> {
    /// Why the spellings are taken to be one name.
    signals: &'a [Signal],
    /// Each spelling, most frequent first.
    spellings: Vec<JsonSpellingCount<'a>>,
}

/// One spelling of an undeclared name.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "SpellingCount")]
struct JsonSpellingCount<'a> {
    /// The spelling.
    spelling: &'a str,
    /// How many times the sources use it.
    count: usize,
    /// Where it first stands (at most the first 20 places).
    mentions: Vec<JsonPlace<'a>>,
}

/// A place in a source.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Place")]
struct JsonPlace<'a> {
    /// The source's id.
    source: &'a str,
    /// The source's path.
    path: String,
    /// The span.
    span: JsonSpan,
}

/// A claim of the ledger with what each source says about it. The figure is one of
/// `value`, `range` or `date`.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Claim")]
struct JsonClaim<'a> {
    /// The claim's id.
    id: &'a str,
    /// The ledger file that declares it.
    file: String,
    /// Line of the declaration, from 1.
    line: usize,
    /// Column of the declaration, in characters from 1.
    column: usize,
    /// The topic it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<&'a str>,
    /// The claim in words.
    statement: &'a str,
    /// The ledger's figure.
    #[serde(flatten)]
    figure: JsonFigure,
    /// The figure's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Unit>,
    /// How the ledger qualifies the figure.
    qualifier: Qualifier,
    /// How far a stated figure may be from the ledger's and still support it.
    tolerance: Num,
    /// Where a figure must be to count: `document`, `paragraph` or `sentence`.
    #[schemars(extend("enum" = ["document", "paragraph", "sentence"]))]
    scope: &'static str,
    /// What the corpus as a whole says.
    status: Status,
    /// The verdict of every source that says something about the claim, in source order;
    /// a source not listed is silent.
    sources: Lazy<'a, JsonVerdict<'a>>,
    /// How many sources say nothing about the claim.
    silent: usize,
}

/// The ledger's figure.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Figure")]
enum JsonFigure {
    /// A single value.
    Value(Num),
    /// An inclusive range.
    Range([Num; 2]),
    /// A day, as `YYYY-MM-DD`.
    Date(String),
}

/// What one source says about a claim.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "SourceVerdict")]
struct JsonVerdict<'a> {
    /// The source's id.
    source: &'a str,
    /// The verdict.
    verdict: Verdict,
    /// The statements it rests on.
    #[schemars(with = "Vec<JsonEvidence<'a>>")]
    evidence: EvidenceOf<'a>,
}

/// The statements one source makes about a claim, read back (from where a large run keeps
/// them) as they are written.
struct EvidenceOf<'a> {
    report: &'a Report,
    spans: &'a Spans<'a>,
    claim: &'a Claim,
    source: (&'a str, FileId),
    evidence: Stored<Vec<Evidence>>,
}

impl Serialize for EvidenceOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.evidence.get().map_err(serde::ser::Error::custom)?;
        serializer.collect_seq(
            items
                .iter()
                .map(|e| evidence(self.report, self.spans, self.claim, self.source, e)),
        )
    }
}

/// A statement in a source about a claim.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Evidence")]
struct JsonEvidence<'a> {
    /// The source's id.
    source: &'a str,
    /// The source's path.
    path: String,
    /// What this statement says about the claim.
    verdict: Verdict,
    /// The figure as written.
    text: &'a str,
    /// What the figure means.
    stated: JsonStated,
    /// The counting basis that reconciles it, as the ledger notes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
    /// The claim pattern that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'a str>,
    /// The figures a sum was made of, when the statement is a sum of other claims' figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    derived_from: Vec<JsonPart<'a>>,
    /// Where the figure is.
    span: JsonSpan,
    /// The sentence it is in, whitespace collapsed.
    sentence: String,
}

/// What a stated figure means: an amount, or a date with its earliest and latest day.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "Stated")]
enum JsonStated {
    /// A quantity.
    Quantity(Amount),
    /// A date.
    Date {
        /// The earliest day it allows, `YYYY-MM-DD`; `null`: no bound.
        low: Option<String>,
        /// The latest day it allows, `YYYY-MM-DD`; `null`: no bound.
        high: Option<String>,
        #[schemars(extend("enum" = ["day", "month", "year", "year-uncertain", "year-unknown"]))]
        /// How precise it is: `day`, `month`, `year`, `year-uncertain` or `year-unknown`.
        qualifier: &'static str,
    },
}

/// One figure of a sum.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Part")]
struct JsonPart<'a> {
    /// The claim whose figure it is.
    claim: &'a str,
    /// The figure as written.
    text: &'a str,
    /// Where it is.
    span: JsonSpan,
}

/// A span with its byte offsets in the original file and 1-based lines and columns.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Span")]
struct JsonSpan {
    /// Byte offset of the start in the file as stored.
    start: usize,
    /// Byte offset of the end.
    end: usize,
    /// Line of the start, from 1.
    line: usize,
    /// Column of the start, in characters from 1.
    column: usize,
    /// Line of the end.
    end_line: usize,
    /// Column of the end (exclusive).
    end_column: usize,
}

/// A source and its metadata.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Source")]
struct JsonSource {
    /// Metadata from `sources.toml`.
    #[serde(flatten)]
    meta: SourceMeta,
    /// The file's path.
    path: String,
}

/// A diagnostic.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Finding")]
struct JsonFinding<'a> {
    /// The diagnostic code.
    code: Code,
    /// Its severity after configuration.
    severity: Severity,
    /// What was found.
    message: Cow<'a, str>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Cow<'a, str>>,
    /// The claim it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<Cow<'a, str>>,
    /// The source it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Cow<'a, str>>,
    /// The places it points at, the primary one first.
    labels: Vec<JsonLabel<'a>>,
}

/// A place a finding points at.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Label")]
struct JsonLabel<'a> {
    /// The file's path.
    file: String,
    /// What the place shows.
    text: Cow<'a, str>,
    /// Where it is.
    #[serde(flatten)]
    span: JsonSpan,
}

/// Counts over the report.
#[derive(Serialize, JsonSchema)]
struct Summary {
    /// Claims checked.
    claims: usize,
    /// Sources read.
    sources: usize,
    /// Entities declared.
    entities: usize,
    /// Claims per status.
    status: BTreeMap<&'static str, usize>,
    /// Claim-and-source pairs per verdict.
    verdicts: BTreeMap<&'static str, usize>,
    /// Entity mentions per name verdict.
    names: BTreeMap<&'static str, usize>,
    /// Findings per severity.
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

impl<'a> Spans<'a> {
    fn new(report: &'a Report) -> Self {
        Spans {
            files: &report.files,
            offsets: report
                .sources
                .offset_maps()
                .chain(report.draft.iter().map(|d| (d.file, &d.offsets)))
                .collect(),
        }
    }
}

impl<'a> JsonReport<'a> {
    /// The report's view; an error if its names cannot be read back to be counted.
    fn new(report: &'a Report, spans: &'a Spans<'a>) -> std::io::Result<Self> {
        let claims = Lazy::new(move || {
            report
                .ledger
                .claims
                .iter()
                .zip(&report.claims)
                .map(move |(claim, result)| claim_view(report, spans, claim, result))
        });
        let entities = Lazy::new(move || {
            report
                .ledger
                .entities
                .iter()
                .zip(&report.names.noncanonical)
                .zip(&report.names.counts)
                .map(move |((entity, mentions), &count)| {
                    entity_view(report, spans, (entity, count), mentions)
                })
        });
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
                        count: s.count,
                        mentions: s
                            .occurrences
                            .iter()
                            .map(|o| {
                                let (id, file) = report.sources.of(o.source());
                                JsonPlace {
                                    source: id,
                                    path: report.files.get(file).display_path(),
                                    span: spans.span(file, &o.span()),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Ok(JsonReport {
            schema: SCHEMA_VERSION,
            claims,
            entities,
            spellings,
            sources: Lazy::fallible(move || {
                report.sources.metas().enumerate().map(move |(at, meta)| {
                    Ok(JsonSource {
                        meta: meta?.get()?.into_owned().0,
                        path: report.files.get(report.sources.file(at)).display_path(),
                    })
                })
            }),
            findings: Lazy::new(move || report.findings.iter().map(move |f| finding(spans, f))),
            draft: report.draft.as_ref().map(|d| draft_view(report, spans, d)),
            summary: summary(report)?,
        })
    }
}

/// Counts of the claims, sources, entities, verdicts, name verdicts and findings; an error
/// if the names cannot be read back.
fn summary(report: &Report) -> std::io::Result<Summary> {
    let mut status = BTreeMap::new();
    let mut verdicts = BTreeMap::new();
    for result in &report.claims {
        *status.entry(result.status.name()).or_insert(0) += 1;
        let silent = report.sources.len() - result.sources.len();
        if silent > 0 {
            *verdicts.entry(Verdict::Silent.name()).or_insert(0) += silent;
        }
        for verdict in Verdict::SHOWN {
            let count = result.count(verdict);
            if count > 0 {
                *verdicts.entry(verdict.name()).or_insert(0) += count;
            }
        }
    }
    let mut names = BTreeMap::new();
    for (mentions, &count) in report.names.noncanonical.iter().zip(&report.names.counts) {
        *names
            .entry(verdict_name(NameVerdict::Canonical))
            .or_insert(0) += count - mentions.len();
        for mention in mentions.iter() {
            *names
                .entry(verdict_name(mention?.resolved.verdict))
                .or_insert(0) += 1;
        }
    }
    Ok(Summary {
        claims: report.claims.len(),
        sources: report.sources.len(),
        entities: report.ledger.entities.len(),
        names,
        status,
        verdicts,
        findings: report.counts(),
    })
}

/// A claim with the verdict and evidence of every source that states it.
fn claim_view<'a>(
    report: &'a Report,
    spans: &'a Spans<'a>,
    claim: &'a Claim,
    result: &'a ClaimResult,
) -> JsonClaim<'a> {
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
        sources: Lazy::fallible(move || {
            result.sources.iter().map(move |said| {
                let said = said?;
                let source = report.sources.of(said.source);
                Ok(JsonVerdict {
                    source: source.0,
                    verdict: said.verdict,
                    evidence: EvidenceOf {
                        report,
                        spans,
                        claim,
                        source,
                        evidence: said.evidence,
                    },
                })
            })
        }),
        silent: report.sources.len() - result.sources.len(),
    }
}

/// The JSON Schema of the report, generated from the types that write it.
pub fn schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<JsonReport<'static>>();
    let mut out =
        serde_json::to_string_pretty(&schema).expect("a schema is plain JSON and serializes");
    out.push('\n');
    out
}

fn entity_view<'a>(
    report: &'a Report,
    spans: &'a Spans<'a>,
    (entity, count): (&'a Entity, usize),
    mentions: &'a Spool<EntityMention>,
) -> JsonEntity<'a> {
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
        mentions: count,
        noncanonical: Lazy::fallible(move || {
            let spellings = entity.spellings();
            mentions.iter().map(move |m| {
                let m = m?;
                let (id, file) = report.sources.of(m.source);
                Ok(JsonNameMention {
                    verdict: m.resolved.verdict,
                    matches: spellings
                        .get(m.resolved.spelling)
                        .map_or(entity.name.as_str(), |s| s.0),
                    system: m.resolved.system,
                    source: id,
                    path: report.files.get(file).display_path(),
                    span: spans.span(file, &m.span),
                    signals: m.resolved.signals,
                    spelling: m.spelling,
                })
            })
        }),
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

fn draft_view<'a>(report: &'a Report, spans: &Spans, draft: &'a DraftReport) -> JsonDraft<'a> {
    let path = report.files.get(draft.file).display_path();
    let mut figures: Vec<&crate::verify::Evidence> = draft.figures.iter().collect();
    figures.sort_by_key(|f| (f.span.start, f.claim));
    JsonDraft {
        markup: draft.markup,
        published: draft.published.map(|p| p.to_string()),
        figures: figures
            .into_iter()
            .map(|figure| {
                let claim = &report.ledger.claims[figure.claim];
                JsonDraftFigure {
                    claim: &claim.id,
                    status: report.claims[figure.claim].status,
                    evidence: evidence(report, spans, claim, ("draft", draft.file), figure),
                }
            })
            .collect(),
        names: draft
            .names
            .iter()
            .map(|name| JsonDraftName {
                spelling: &name.spelling,
                span: spans.span(draft.file, &name.span),
                entity: name
                    .known
                    .as_ref()
                    .map(|k| report.ledger.entities[k.resolved.entity].id.as_str()),
                verdict: name.known.as_ref().map(|k| k.resolved.verdict),
                fix: name
                    .known
                    .as_ref()
                    .and_then(|k| k.fix.as_ref())
                    .map(|f| f.replacement.as_str()),
            })
            .collect(),
        path,
    }
}

/// A piece of evidence in the file `(id, file)`: a source, or the draft.
fn evidence<'a>(
    report: &'a Report,
    spans: &Spans,
    claim: &'a Claim,
    (id, file_id): (&'a str, FileId),
    e: &'a Evidence,
) -> JsonEvidence<'a> {
    let file = report.files.get(file_id);
    JsonEvidence {
        source: id,
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
                span: spans.span(file_id, &part.span),
            })
            .collect(),
        span: spans.span(file_id, &e.span),
        sentence: file
            .slice(e.sentence.clone())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn finding<'a>(spans: &Spans, finding: Cow<'a, Finding>) -> JsonFinding<'a> {
    let (code, severity) = (finding.code, finding.severity);
    let label = |file: FileId, span: &std::ops::Range<usize>, text: Cow<'a, str>| JsonLabel {
        file: spans.files.get(file).display_path(),
        text,
        span: spans.span(file, span),
    };
    match finding {
        Cow::Borrowed(f) => JsonFinding {
            code,
            severity,
            message: Cow::Borrowed(&f.message),
            help: f.help.as_deref().map(Cow::Borrowed),
            claim: f.claim.as_deref().map(Cow::Borrowed),
            source: f.source.as_deref().map(Cow::Borrowed),
            labels: (f.labels.iter())
                .map(|l| label(l.file, &l.span, Cow::Borrowed(&l.text)))
                .collect(),
        },
        Cow::Owned(f) => JsonFinding {
            code,
            severity,
            message: Cow::Owned(f.message),
            help: f.help.map(Cow::Owned),
            claim: f.claim.map(Cow::Owned),
            source: f.source.map(Cow::Owned),
            labels: (f.labels.into_iter())
                .map(|l| label(l.file, &l.span, Cow::Owned(l.text)))
                .collect(),
        },
    }
}
