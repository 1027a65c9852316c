//! `claimcheck extract`: what claimcheck reads in one source, for ledger authors: its
//! paragraphs, and each quantity and date with what it means.

use std::fmt::Write;

use serde::Serialize;

use crate::corpus::{Published, SourceText};
use crate::extract::units::format_amount;
use crate::extract::{DateMention, Extraction, Qualifier, Quantity};
use crate::text::LineCol;

use super::Amount;

/// A source as read, with where it came from.
pub struct Read<'a> {
    /// The path, as printed.
    pub path: &'a str,
    /// The decoded text and its structure.
    pub source: &'a SourceText,
    /// What was read from it.
    pub extraction: &'a Extraction,
    /// When it was published, if known.
    pub published: Option<Published>,
}

/// What a quantity means, in words: "26", "more-than 20", "range $4 billion to $9 billion".
pub fn meaning(quantity: &Quantity) -> String {
    let (low, high, unit) = (quantity.low, quantity.high, quantity.unit);
    match quantity.qualifier {
        Qualifier::Exact => format_amount(low, unit),
        Qualifier::Range | Qualifier::Vague => format!(
            "{} {} to {}",
            quantity.qualifier,
            format_amount(low, unit),
            format_amount(high, unit)
        ),
        other => format!("{other} {}", format_amount(low, unit)),
    }
}

/// What a date means, in words: "2024-08-01", "2024-08 (year inferred)", "year unknown".
fn date_meaning(date: &DateMention) -> String {
    let value = date.value;
    if value.years.is_none() {
        return "year unknown (no year in the text, no publication date)".to_string();
    }
    if value.year_stated {
        value.reading()
    } else {
        format!("{} (year inferred)", value.reading())
    }
}

/// Renders what was read as text.
pub fn human(read: &Read) -> String {
    let Read {
        path,
        source,
        extraction,
        published,
    } = read;
    let text: &str = &source.text;
    let at = |offset: usize| source.lines.line_col(text, offset);
    let mut out = String::new();
    let published = published.map_or("unknown".to_string(), |p| p.to_string());
    let _ = writeln!(
        out,
        "{path}: {} paragraphs, {} sentences, {} quantities, {} dates; published {published}",
        source.structure.paragraphs.len(),
        source.structure.sentences.len(),
        extraction.quantities.len(),
        extraction.dates.len()
    );
    let mut quantities = extraction.quantities.iter().peekable();
    let mut dates = extraction.dates.iter().peekable();
    for (i, paragraph) in source.structure.paragraphs.iter().enumerate() {
        let start = at(paragraph.span.start);
        let shown: String = text[paragraph.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let cut: String = shown.chars().take(72).collect();
        let more = if cut.len() < shown.len() { "…" } else { "" };
        let _ = writeln!(out, "\n¶{:<3} {:>8}  {cut}{more}", i + 1, position(start));
        loop {
            let next_quantity = quantities
                .peek()
                .filter(|q| q.span.start < paragraph.span.end);
            let next_date = dates.peek().filter(|d| d.span.start < paragraph.span.end);
            let line = match (next_quantity, next_date) {
                (Some(q), d) if d.is_none_or(|d| q.span.start < d.span.start) => {
                    let q = quantities.next().expect("peeked");
                    row(
                        at(q.span.start),
                        "quantity",
                        &text[q.span.clone()],
                        &meaning(q),
                    )
                }
                (_, Some(_)) => {
                    let d = dates.next().expect("peeked");
                    row(
                        at(d.span.start),
                        "date",
                        &text[d.span.clone()],
                        &date_meaning(d),
                    )
                }
                _ => break,
            };
            out.push_str(&line);
        }
    }
    out
}

fn position(at: LineCol) -> String {
    format!("{}:{}", at.line, at.column)
}

fn row(at: LineCol, kind: &str, text: &str, meaning: &str) -> String {
    let quoted = format!("\"{text}\"");
    format!(
        "     {:>8}  {kind:<8}  {quoted:<32}  {meaning}\n",
        position(at)
    )
}

#[derive(Serialize)]
struct JsonRead<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    paragraphs: Vec<JsonParagraph<'a>>,
    quantities: Vec<JsonQuantity<'a>>,
    dates: Vec<JsonDate<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonParagraph<'a> {
    span: JsonSpan,
    sentences: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonQuantity<'a> {
    text: &'a str,
    #[serde(flatten)]
    amount: Amount,
    span: JsonSpan,
}

#[derive(Serialize)]
struct JsonDate<'a> {
    text: &'a str,
    low: Option<String>,
    high: Option<String>,
    precision: &'static str,
    span: JsonSpan,
}

/// Renders what was read as JSON.
pub fn json(read: &Read) -> String {
    let source = read.source;
    let text: &str = &source.text;
    let span = |range: &std::ops::Range<usize>| {
        let at = source.lines.line_col(text, range.start);
        JsonSpan {
            start: source.offsets.to_original(range.start),
            end: source.offsets.to_original(range.end),
            line: at.line,
            column: at.column,
        }
    };
    let view = JsonRead {
        path: read.path,
        published: read.published.map(|p| p.to_string()),
        paragraphs: source
            .structure
            .paragraphs
            .iter()
            .map(|p| JsonParagraph {
                span: span(&p.span),
                sentences: p.sentences.len(),
                text: &text[p.span.clone()],
            })
            .collect(),
        quantities: read
            .extraction
            .quantities
            .iter()
            .map(|q| JsonQuantity {
                text: &text[q.span.clone()],
                amount: Amount::new(q.low, q.interval(), q.qualifier, q.unit),
                span: span(&q.span),
            })
            .collect(),
        dates: read
            .extraction
            .dates
            .iter()
            .map(|d| JsonDate {
                text: &text[d.span.clone()],
                low: d.value.earliest().map(|d| d.to_string()),
                high: d.value.latest().map(|d| d.to_string()),
                precision: d.value.precision(),
                span: span(&d.span),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&view).expect("the extraction serializes");
    out.push('\n');
    out
}
