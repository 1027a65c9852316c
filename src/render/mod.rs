//! Output formats, each a function of a finished report (or of a failed run's findings):
//! all but the Markdown summary written as they are made.

pub mod diagnostics;
pub mod extraction;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

pub use crate::text::counted;

use crate::files::File;
use crate::verify::{Evidence, Verdict};

pub use diagnostics::Style;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics and a summary table, for a terminal.
    Human,
    /// The machine-readable report.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A discrepancy report for a pull-request comment.
    Markdown,
    /// One self-contained page for a browser.
    Html,
}

impl Format {
    /// Every format's name.
    pub const NAMES: &'static [&'static str] =
        &["human", "json", "sarif", "github", "markdown", "html"];

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format named `name`.
    pub fn from_name(name: &str) -> Option<Format> {
        [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Markdown,
            Format::Html,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

/// The symbol of a verdict in a claims × sources table.
pub(crate) fn symbol(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supports => "✓",
        Verdict::Consistent => "~",
        Verdict::Reconciled => "±",
        Verdict::Contradicts => "✗",
        Verdict::Silent => "·",
    }
}

/// The sentence a piece of evidence stands in, each figure it rests on (the parts of a
/// sum, or the figure) marked: `escape` is applied to all of the source's text, `mark`
/// wraps each escaped figure.
pub(crate) fn marked_sentence(
    file: &File,
    evidence: &Evidence,
    escape: impl Fn(&str) -> String,
    mark: impl Fn(&str) -> String,
) -> String {
    let figures: Vec<std::ops::Range<usize>> = if evidence.parts.is_empty() {
        vec![evidence.span.clone()]
    } else {
        evidence.parts.iter().map(|p| p.span.clone()).collect()
    };
    let mut out = String::new();
    let mut at = evidence.sentence.start;
    for span in figures {
        if span.start < at || span.end > evidence.sentence.end {
            continue; // one figure serving two parts is marked once
        }
        out.push_str(&escape(file.slice(at..span.start)));
        out.push_str(&mark(&escape(file.slice(span.clone()))));
        at = span.end;
    }
    out.push_str(&escape(file.slice(at..evidence.sentence.end)));
    out
}

/// "1 error, 2 warnings, 0 notes".
pub(crate) fn counts_phrase(counts: crate::report::Counts) -> String {
    format!(
        "{}, {}, {}",
        counted(counts.errors, "error"),
        counted(counts.warnings, "warning"),
        counted(counts.notes, "note")
    )
}

/// A number written as an integer when it is one, and as `null` when infinite.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f64);

impl serde::Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0;
        if !value.is_finite() {
            serializer.serialize_none()
        } else if value.fract() == 0.0 && value.abs() < 9.0e15 {
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }
}

impl schemars::JsonSchema for Num {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Num".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number; `null` for an unbounded end.",
            "type": ["number", "null"],
        })
    }
}

/// What a figure means, as JSON writes it: the figure, the lowest and highest values it
/// allows (`null`: no bound), its qualifier and unit.
#[derive(Debug, Clone, Copy, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct Amount {
    /// The figure stated, for anything but a range or vague figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Num>,
    low: Num,
    high: Num,
    qualifier: crate::extract::Qualifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<crate::extract::Unit>,
}

impl Amount {
    /// The amount of a figure `nominal` that allows `interval`.
    pub(crate) fn new(
        nominal: f64,
        interval: crate::extract::Interval,
        qualifier: crate::extract::Qualifier,
        unit: Option<crate::extract::Unit>,
    ) -> Self {
        use crate::extract::Qualifier::{Range, Vague};
        Amount {
            value: (!matches!(qualifier, Range | Vague)).then_some(Num(nominal)),
            low: Num(interval.low),
            high: Num(interval.high),
            qualifier,
            unit,
        }
    }
}

/// Text written as it is made: gathered into chunks, each written out once it is large
/// enough, so that a large report is never held whole. The first error writing is kept,
/// and nothing is written after it.
pub(crate) struct Chunked<'w> {
    out: &'w mut dyn std::io::Write,
    chunk: String,
    error: Option<std::io::Error>,
}

/// How large a chunk grows before it is written.
const CHUNK: usize = 1 << 16;

impl<'w> Chunked<'w> {
    /// Text to be written to `out`.
    pub(crate) fn new(out: &'w mut dyn std::io::Write) -> Self {
        Chunked {
            out,
            chunk: String::with_capacity(CHUNK),
            error: None,
        }
    }

    /// Adds `text`.
    pub(crate) fn push_str(&mut self, text: &str) {
        self.chunk.push_str(text);
        if self.chunk.len() >= CHUNK {
            self.write_chunk();
        }
    }

    fn write_chunk(&mut self) {
        if self.error.is_none() {
            if let Err(error) = self.out.write_all(self.chunk.as_bytes()) {
                self.error = Some(error);
            }
        }
        self.chunk.clear();
    }

    /// Keeps `error` (the report could not be made whole, as when what it quotes cannot be
    /// read back) unless an earlier one is kept; nothing more is written.
    pub(crate) fn fail(&mut self, error: std::io::Error) {
        self.error.get_or_insert(error);
    }

    /// Writes what is left; the first error writing, if any.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.write_chunk();
        self.error.map_or(Ok(()), Err)
    }
}

impl std::fmt::Write for Chunked<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

/// A list written as its items are made (by serde, or as the JSON Schema of a list), so
/// that a large report is never held twice: once as findings, once as what is written.
/// An item that cannot be read back (from a large run's spill file) fails the writing.
pub(crate) struct Lazy<'a, T>(
    Box<dyn Fn() -> Box<dyn Iterator<Item = std::io::Result<T>> + 'a> + 'a>,
);

impl<'a, T: 'a> Lazy<'a, T> {
    /// The list `items` makes, each time it is written.
    pub(crate) fn new<I: Iterator<Item = T> + 'a>(items: impl Fn() -> I + 'a) -> Self {
        Lazy::fallible(move || items().map(Ok))
    }

    /// The list `items` makes, each time it is written, each item read back.
    pub(crate) fn fallible<I: Iterator<Item = std::io::Result<T>> + 'a>(
        items: impl Fn() -> I + 'a,
    ) -> Self {
        Lazy(Box::new(move || Box::new(items())))
    }
}

impl<T: serde::Serialize> serde::Serialize for Lazy<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut list = serializer.serialize_seq(None)?;
        for item in (self.0)() {
            list.serialize_element(&item.map_err(S::Error::custom)?)?;
        }
        list.end()
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for Lazy<'_, T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<T>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<T>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_list_is_written_as_made_and_an_item_not_read_back_fails_the_writing() {
        let whole = Lazy::new(|| [26, 10].into_iter());
        assert_eq!(
            serde_json::to_string(&whole).ok().as_deref(),
            Some("[26,10]")
        );
        let lost = Lazy::fallible(|| {
            [Ok(26), Err(std::io::Error::other("lost chunk")), Ok(10)].into_iter()
        });
        let error = serde_json::to_string(&lost).err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("lost chunk"));
    }
}
