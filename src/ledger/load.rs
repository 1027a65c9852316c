//! Reading claim files into a [`Ledger`], collecting every problem before the run stops.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::entity::{self, Entity};
use super::{Ack, Basis, Claim, Example, Figure, Ledger, Pattern, PatternAt, Scope};
use crate::extract::{Qualifier, Unit};
use crate::files::{self, FileId, Files, display_path};
use crate::findings::{Code, Finding, did_you_mean};
use crate::toml_reader::{Located, Table, TomlReader};

const ROOT_KEYS: &[&str] = &["topic", "claim", "entity"];
const TOPIC_KEYS: &[&str] = &["id", "title", "cues"];
const CLAIM_KEYS: &[&str] = &[
    "id",
    "statement",
    "value",
    "range",
    "date",
    "tolerance",
    "unit",
    "qualifier",
    "patterns",
    "sum_of",
    "cues",
    "scope",
    "basis",
    "ack",
    "example",
];
const BASIS_KEYS: &[&str] = &["value", "date", "note"];
const ACK_KEYS: &[&str] = &["source", "reason"];
const EXAMPLE_KEYS: &[&str] = &["text", "verdict"];
/// The verdicts an example may expect.
const VERDICTS: &[&str] = &[
    "supports",
    "consistent",
    "reconciled",
    "contradicts",
    "silent",
];
const FIGURE_KEYS: &[&str] = &["value", "range", "date"];
const SCOPES: &[Scope] = &[Scope::Sentence, Scope::Paragraph, Scope::Document];

/// Reads the claim files under `paths` (folders are searched for `*.toml`).
pub fn load(paths: &[PathBuf], files: &mut Files) -> Result<Ledger, Vec<Finding>> {
    let mut problems = Vec::new();
    let mut claim_files = Vec::new();
    for path in paths {
        let is_toml = |file: &Path| file.extension().is_some_and(|e| e == "toml");
        match files::list(path, &is_toml) {
            Ok(mut found) => claim_files.append(&mut found),
            Err(message) => problems.push(Finding::new(Code::UnreadableFile, message)),
        }
    }
    if problems.is_empty() && claim_files.is_empty() {
        problems.push(
            Finding::new(
                Code::NoClaims,
                format!("no claim file (*.toml) in {}", files::quoted(paths)),
            )
            .help("give the ledger's folder or files with --claims"),
        );
    }
    let mut drafts = Vec::new();
    let mut entities = Vec::new();
    let mut ids = Vec::new();
    for path in claim_files {
        let text: Arc<str> = match std::fs::read_to_string(&path) {
            Ok(text) => text.into(),
            Err(error) => {
                problems.push(Finding::new(
                    Code::UnreadableFile,
                    format!("cannot read `{}`: {error}", display_path(&path)),
                ));
                continue;
            }
        };
        let file = files.add(path, text.clone());
        match read_file(file, &text, &mut ids) {
            Ok(mut read) => {
                drafts.append(&mut read.drafts);
                entities.append(&mut read.entities);
                problems.append(&mut read.problems);
            }
            Err(syntax) => problems.push(*syntax),
        }
    }
    report_duplicates(&ids, &mut problems);
    check_entities(&entities, &mut problems);
    let claims = link(drafts, &mut problems);
    if problems.is_empty() && claims.is_empty() && ids.is_empty() && entities.is_empty() {
        problems.push(
            Finding::new(
                Code::NoClaims,
                format!("no [[claim]] in {}", files::quoted(paths)),
            )
            .help("a claim file holds [[claim]] tables; see the README for the format"),
        );
    }
    if problems.is_empty() {
        Ok(Ledger { claims, entities })
    } else {
        Err(problems)
    }
}

/// A claim as read from its file, before `sum_of` is resolved across files.
struct Draft {
    claim: Claim,
    sum_of: Vec<Located<String>>,
}

/// A claim id and where it is written.
type IdAt = (String, FileId, Range<usize>);

/// What one claim file holds.
struct FileContent {
    drafts: Vec<Draft>,
    entities: Vec<Entity>,
    problems: Vec<Finding>,
}

/// The claims and entities of one file and the problems found in it; a syntax error stops
/// the file.
fn read_file(file: FileId, text: &str, ids: &mut Vec<IdAt>) -> Result<FileContent, Box<Finding>> {
    let (mut reader, document) = TomlReader::parse(file, text, Code::LedgerSyntax)?;
    let root = reader.root(&document, ROOT_KEYS);
    let topic = root
        .get("topic")
        .and_then(|value| reader.table(value, "the [topic]", TOPIC_KEYS));
    let (topic_title, topic_cues) = match &topic {
        Some(table) => {
            reader.string(table, "id");
            (
                reader.string(table, "title").map(|t| t.value),
                reader.strings(table, "cues"),
            )
        }
        None => (None, Vec::new()),
    };
    let mut drafts = Vec::new();
    for table in reader.tables(&root, "claim", "a [[claim]]", CLAIM_KEYS) {
        if let Some(mut draft) = read_claim(&mut reader, &table, &topic_cues, ids) {
            draft.claim.topic = topic_title.clone();
            drafts.push(draft);
        }
    }
    let entities = reader
        .tables(&root, "entity", "an [[entity]]", entity::ENTITY_KEYS)
        .iter()
        .filter_map(|table| entity::read(&mut reader, table))
        .collect();
    Ok(FileContent {
        drafts,
        entities,
        problems: reader.into_problems(),
    })
}

/// Reports entity ids used twice, and spellings that two entities claim.
fn check_entities(entities: &[Entity], problems: &mut Vec<Finding>) {
    let mut ids: BTreeMap<&str, &Entity> = BTreeMap::new();
    let mut spellings: BTreeMap<String, (&Entity, Range<usize>)> = BTreeMap::new();
    for entity in entities {
        if let Some(first) = ids.insert(&entity.id, entity) {
            problems.push(
                Finding::new(
                    Code::DuplicateId,
                    format!("two entities have the id `{}`", entity.id),
                )
                .label(entity.file, entity.id_span.clone(), "this id")
                .label(first.file, first.id_span.clone(), "is already used here")
                .help("give one of them another id"),
            );
        }
        for (spelling, _, span) in entity.spellings() {
            let key = spelling
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            match spellings.get(&key) {
                Some((other, other_span)) if other.id != entity.id => problems.push(
                    Finding::new(
                        Code::DuplicateName,
                        format!(
                            "`{spelling}` is a spelling of both `{}` and `{}`",
                            other.id, entity.id
                        ),
                    )
                    .label(entity.file, span, "this spelling")
                    .label(other.file, other_span.clone(), "is already used here")
                    .help("mentions of it could not be told apart: keep it for one entity"),
                ),
                Some(_) => {}
                None => {
                    spellings.insert(key, (entity, span));
                }
            }
        }
    }
}

fn read_claim(
    reader: &mut TomlReader,
    table: &Table,
    topic_cues: &[Located<String>],
    ids: &mut Vec<IdAt>,
) -> Option<Draft> {
    let id = reader.required_string(table, "id", "this [[claim]]");
    let statement = reader.required_string(table, "statement", "this [[claim]]");
    let figure = read_figure(reader, table);
    if let Some(id) = &id {
        ids.push((id.value.clone(), reader.file, id.span.clone()));
    }
    let tolerance = reader.number(table, "tolerance");
    let unit = reader.choice(table, "unit", Unit::from_name, Unit::all_names());
    let qualifier = reader.choice(
        table,
        "qualifier",
        |name| {
            Qualifier::FOR_LEDGER
                .iter()
                .copied()
                .find(|q| q.name() == name)
        },
        Qualifier::FOR_LEDGER.iter().map(|q| q.name()),
    );
    let scope = reader.choice(
        table,
        "scope",
        |name| SCOPES.iter().copied().find(|s| s.name() == name),
        SCOPES.iter().map(|s| s.name()),
    );
    let sum_of = reader.strings(table, "sum_of");
    let cues = reader.strings(table, "cues");
    let patterns = read_patterns(reader, table, figure.as_ref().map(|(f, _)| f));
    let (figure, figure_span) = figure?;
    let basis = read_basis(reader, table, &figure);
    let acks = read_acks(reader, table);
    let examples = read_examples(reader, table);

    if let Some(tolerance) = &tolerance {
        if tolerance.value < 0.0 {
            reader.invalid(
                tolerance.span.clone(),
                "`tolerance` must not be negative",
                "negative",
            );
        } else if !matches!(figure, Figure::Value(_)) {
            reader.invalid(
                tolerance.span.clone(),
                "`tolerance` applies only to claims with a `value`",
                "not for this figure",
            );
        }
    }
    if figure.is_date() {
        for key in ["unit", "qualifier", "sum_of"] {
            if let Some(span) = table.key_span(key) {
                reader.invalid(
                    span,
                    format!("`{key}` does not apply to a claim with a `date`"),
                    "not for a date",
                );
            }
        }
    }
    if let (Some(_), Figure::Range(..)) = (&qualifier, figure) {
        if let Some(span) = table.key_span("qualifier") {
            reader.invalid(
                span,
                "`qualifier` applies only to claims with a `value`",
                "not for a range",
            );
        }
    }
    if !sum_of.is_empty() && sum_of.len() < 2 {
        reader.invalid(
            sum_of[0].span.clone(),
            "`sum_of` needs at least two claims",
            "only one part",
        );
    }
    if table.get("patterns").is_none() && sum_of.is_empty() {
        reader.invalid(
            table.span(),
            "this claim has no `patterns` and no `sum_of`: no source could ever state it",
            "add patterns",
        );
    }
    let id = id?;
    Some(Draft {
        claim: Claim {
            id: id.value,
            file: reader.file,
            id_span: id.span,
            statement: statement?.value,
            topic: None,
            figure,
            figure_span,
            tolerance: tolerance.map_or(0.0, |t| t.value.max(0.0)),
            unit: unit.flatten(),
            qualifier: qualifier.flatten().unwrap_or(Qualifier::Exact),
            patterns,
            sum_of: Vec::new(),
            cues: topic_cues
                .iter()
                .chain(&cues)
                .map(|c| c.value.clone())
                .collect(),
            scope: scope.flatten().unwrap_or(Scope::Paragraph),
            basis,
            acks,
            examples,
        },
        sum_of,
    })
}

/// The claim's one figure: `value`, `range` or `date`.
fn read_figure(reader: &mut TomlReader, table: &Table) -> Option<(Figure, Range<usize>)> {
    let present: Vec<&str> = FIGURE_KEYS
        .iter()
        .copied()
        .filter(|k| table.get(k).is_some())
        .collect();
    match present.as_slice() {
        [] => {
            reader.invalid(
                table.span(),
                "this claim has no figure: give one of `value`, `range` or `date`",
                "no figure",
            );
            None
        }
        [key] => read_one_figure(reader, table, key),
        [first, second, ..] => {
            let span = table.key_span(second).unwrap_or(table.span());
            reader.invalid(
                span,
                format!("a claim has one figure, but this one has both `{first}` and `{second}`"),
                "second figure",
            );
            None
        }
    }
}

fn read_one_figure(
    reader: &mut TomlReader,
    table: &Table,
    key: &str,
) -> Option<(Figure, Range<usize>)> {
    match key {
        "value" => reader
            .number(table, "value")
            .map(|v| (Figure::Value(v.value), v.span)),
        "date" => reader
            .date(table, "date")
            .map(|d| (Figure::Date(d.value), d.span)),
        _ => {
            let value = table.get("range")?;
            let numbers: Vec<f64> = match value.get_ref() {
                toml::de::DeValue::Array(items) => items
                    .iter()
                    .filter_map(|item| reader.as_number(item).map(|n| n.value))
                    .collect(),
                _ => Vec::new(),
            };
            match numbers.as_slice() {
                [low, high] if low < high => Some((Figure::Range(*low, *high), value.span())),
                [_, _] => {
                    reader.invalid(
                        value.span(),
                        "`range` must go from low to high",
                        "low is not below high",
                    );
                    None
                }
                _ => {
                    reader.invalid(
                        value.span(),
                        "`range` must be two numbers: [LOW, HIGH]",
                        "expected [LOW, HIGH]",
                    );
                    None
                }
            }
        }
    }
}

/// The claim's patterns; their slots are checked against `figure` when it could be read.
fn read_patterns(
    reader: &mut TomlReader,
    table: &Table,
    figure: Option<&Figure>,
) -> Vec<PatternAt> {
    let mut patterns = Vec::new();
    for located in reader.strings(table, "patterns") {
        match Pattern::parse(&located.value) {
            Ok(pattern) => {
                let (numbers, dates) = pattern.slots();
                let (wanted, other, slot) = if figure.is_some_and(Figure::is_date) {
                    (dates, numbers, "{date}")
                } else {
                    (numbers, dates, "{n}")
                };
                if figure.is_some() && (wanted != 1 || other > 1) {
                    let message = format!(
                        "pattern `{}` must have exactly one {slot} for this claim's figure (and at most one of the other slot)",
                        located.value
                    );
                    reader.problem(
                        Code::PatternSyntax,
                        located.span.clone(),
                        message,
                        format!("needs one {slot}"),
                    );
                    continue;
                }
                patterns.push(PatternAt {
                    pattern,
                    span: located.span,
                });
            }
            Err(error) => {
                let span = inner_span(reader.text, &located, error.at.clone());
                reader.problem(
                    Code::PatternSyntax,
                    span,
                    format!("invalid pattern `{}`", located.value),
                    error.message,
                );
            }
        }
    }
    patterns
}

/// The span of `at` (a range in a string's value) in the file, when the string is written
/// without escapes; otherwise the whole string.
fn inner_span(text: &str, located: &Located<String>, at: Range<usize>) -> Range<usize> {
    let raw = text.get(located.span.clone()).unwrap_or("");
    let unquoted = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    if unquoted == located.value {
        located.span.start + 1 + at.start..located.span.start + 1 + at.end
    } else {
        located.span.clone()
    }
}

fn read_acks(reader: &mut TomlReader, table: &Table) -> Vec<Ack> {
    let mut acks = Vec::new();
    for ack in reader.tables(table, "ack", "a [[claim.ack]]", ACK_KEYS) {
        let source = reader.required_string(&ack, "source", "this [[claim.ack]]");
        let reason = reader.required_string(&ack, "reason", "this [[claim.ack]]");
        if let (Some(source), Some(reason)) = (source, reason) {
            acks.push(Ack {
                source: source.value,
                reason: reason.value,
                span: source.span,
            });
        }
    }
    acks
}

fn read_examples(reader: &mut TomlReader, table: &Table) -> Vec<Example> {
    let mut examples = Vec::new();
    for example in reader.tables(table, "example", "a [[claim.example]]", EXAMPLE_KEYS) {
        let text = reader.required_string(&example, "text", "this [[claim.example]]");
        let verdict = reader.choice(
            &example,
            "verdict",
            |name| VERDICTS.iter().find(|v| **v == name).copied(),
            VERDICTS.iter().copied(),
        );
        if example.get("verdict").is_none() {
            reader.invalid(
                example.span(),
                "this [[claim.example]] has no `verdict`",
                "`verdict` missing",
            );
        }
        if let (Some(text), Some(Some(verdict))) = (text, verdict) {
            examples.push(Example {
                text: text.value,
                verdict: verdict.to_string(),
                span: text.span,
            });
        }
    }
    examples
}

fn read_basis(reader: &mut TomlReader, table: &Table, figure: &Figure) -> Vec<Basis> {
    let mut bases = Vec::new();
    for basis in reader.tables(table, "basis", "a [[claim.basis]]", BASIS_KEYS) {
        let note = reader.required_string(&basis, "note", "this [[claim.basis]]");
        let read = if figure.is_date() {
            reader
                .date(&basis, "date")
                .map(|d| (Figure::Date(d.value), d.span))
        } else {
            reader
                .number(&basis, "value")
                .map(|v| (Figure::Value(v.value), v.span))
        };
        let wanted = if figure.is_date() { "date" } else { "value" };
        let Some((basis_figure, span)) = read else {
            if basis.get(wanted).is_none() {
                reader.invalid(
                    basis.span(),
                    format!("this basis has no `{wanted}`"),
                    format!("`{wanted}` missing"),
                );
            }
            continue;
        };
        if basis_figure == *figure {
            reader.problem(
                Code::RedundantBasis,
                span,
                "this basis has the claim's own figure, so it explains nothing",
                "same as the claim",
            );
            continue;
        }
        if let Some(note) = note {
            bases.push(Basis {
                figure: basis_figure,
                note: note.value,
                span,
            });
        }
    }
    bases
}

/// Reports every claim id used more than once, in any file.
fn report_duplicates(ids: &[IdAt], problems: &mut Vec<Finding>) {
    let mut first: BTreeMap<&str, &IdAt> = BTreeMap::new();
    for at in ids {
        let (id, file, span) = at;
        match first.get(id.as_str()) {
            Some((_, first_file, first_span)) => problems.push(
                Finding::new(Code::DuplicateId, format!("two claims have the id `{id}`"))
                    .label(*file, span.clone(), "this id")
                    .label(*first_file, first_span.clone(), "is already used here")
                    .help("give one of them another id")
                    .claim(id),
            ),
            None => {
                first.insert(id, at);
            }
        }
    }
}

/// Resolves `sum_of` across files.
fn link(drafts: Vec<Draft>, problems: &mut Vec<Finding>) -> Vec<Claim> {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, draft) in drafts.iter().enumerate() {
        index.entry(draft.claim.id.clone()).or_insert(i);
    }
    let kinds: Vec<(bool, Option<Unit>)> = drafts
        .iter()
        .map(|d| (d.claim.figure.is_date(), d.claim.unit))
        .collect();
    let mut claims = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let mut claim = draft.claim;
        for part in draft.sum_of {
            match index.get(&part.value) {
                Some(_) if part.value == claim.id => problems.push(
                    Finding::new(
                        Code::InvalidValue,
                        format!("`{}` cannot be a sum of itself", claim.id),
                    )
                    .label(claim.file, part.span, "itself"),
                ),
                Some(&i) if kinds[i] != (false, claim.unit) => problems.push(
                    Finding::new(
                        Code::InvalidValue,
                        format!(
                            "`{}` cannot be a part of `{}`: parts must be numbers in the same unit",
                            part.value, claim.id
                        ),
                    )
                    .label(claim.file, part.span, "a date, or another unit"),
                ),
                Some(&i) => claim.sum_of.push(i),
                None => {
                    let mut finding = Finding::new(
                        Code::UnknownClaim,
                        format!("`sum_of` names `{}`, which is no claim", part.value),
                    )
                    .label(claim.file, part.span, "no such claim")
                    .claim(&claim.id);
                    finding.help = did_you_mean(&part.value, index.keys().map(String::as_str));
                    problems.push(finding);
                }
            }
        }
        claims.push(claim);
    }
    claims
}
