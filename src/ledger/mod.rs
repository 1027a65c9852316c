//! The claim ledger: claim files (`claims/*.toml`) with their claims and entities, read
//! with spans and validated.
//! Knows nothing of sources or output.

pub mod entity;
mod load;
pub mod pattern;

use std::ops::Range;

use jiff::civil::Date;

use crate::extract::units::format_amount;
use crate::extract::{Interval, Qualifier, Unit};
use crate::files::FileId;
pub use entity::{Accepted, Entity, EntityKind, OtherName};
pub use load::load;
pub use pattern::{Element, Pattern};

/// Every claim and entity of every claim file.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Claims in file order, files in path order.
    pub claims: Vec<Claim>,
    /// Entities in file order, files in path order.
    pub entities: Vec<Entity>,
}

/// What a claim asserts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// A number (`value = 26`).
    Value(f64),
    /// A range of numbers (`range = [4e9, 9e9]`).
    Range(f64, f64),
    /// A day (`date = 2024-08-01`).
    Date(Date),
}

impl Figure {
    /// Whether it is a date.
    pub fn is_date(&self) -> bool {
        matches!(self, Figure::Date(_))
    }
}

/// Where a claim's patterns count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// In a sentence that contains one of the claim's cues.
    Sentence,
    /// In a paragraph that contains one of the claim's cues.
    Paragraph,
    /// Anywhere in a document that contains one of the claim's cues.
    Document,
}

impl Scope {
    /// The scope as the ledger writes it.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Document => "document",
        }
    }
}

/// Another counting basis that explains a figure different from the claim's.
#[derive(Debug, Clone, PartialEq)]
pub struct Basis {
    /// The figure on that basis.
    pub figure: Figure,
    /// What the basis counts.
    pub note: String,
    /// Span of the basis figure in the claim file.
    pub span: Range<usize>,
}

/// A pattern with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternAt {
    /// The parsed pattern.
    pub pattern: Pattern,
    /// Span of the pattern string in the claim file.
    pub span: Range<usize>,
}

/// One claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Stable id.
    pub id: String,
    /// The claim file.
    pub file: FileId,
    /// Span of the id value.
    pub id_span: Range<usize>,
    /// The claim in words.
    pub statement: String,
    /// The topic's title, if the file has one.
    pub topic: Option<String>,
    /// What it asserts.
    pub figure: Figure,
    /// Span of the figure value.
    pub figure_span: Range<usize>,
    /// Absolute tolerance for a value.
    pub tolerance: f64,
    /// The unit of the figure, if any.
    pub unit: Option<Unit>,
    /// How the figure itself is qualified ("almost an hour and a half").
    pub qualifier: Qualifier,
    /// Patterns that find statements of the figure.
    pub patterns: Vec<PatternAt>,
    /// Claims whose figures add up to this one, by index.
    pub sum_of: Vec<usize>,
    /// Cues of the topic and the claim, as written.
    pub cues: Vec<String>,
    /// Where the patterns count.
    pub scope: Scope,
    /// Other counting bases.
    pub basis: Vec<Basis>,
    /// Reviewed disagreements: sources whose contradiction is acknowledged.
    pub acks: Vec<Ack>,
    /// Texts the claim's patterns must judge as stated.
    pub examples: Vec<Example>,
}

/// A reviewed disagreement (`[[claim.ack]]`): the named source's contradiction is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ack {
    /// The source's id.
    pub source: String,
    /// Why the disagreement is accepted.
    pub reason: String,
    /// Span of the source id in the ledger.
    pub span: Range<usize>,
}

/// A self-test of a claim (`[[claim.example]]`): a text and the verdict its patterns must
/// give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The text.
    pub text: String,
    /// The verdict expected: supports, consistent, reconciled, contradicts or silent.
    pub verdict: String,
    /// Span of the text in the ledger.
    pub span: Range<usize>,
}

impl Claim {
    /// The values a numeric figure allows (with tolerance and qualifier), or `None` for dates.
    pub fn interval(&self) -> Option<Interval> {
        figure_interval(self.figure, self.qualifier, self.tolerance, self.unit)
    }

    /// The figure as people write it: "26", "almost 1.5 hours", "$4 billion to $9 billion".
    pub fn figure_text(&self) -> String {
        let words = match self.qualifier {
            Qualifier::About => "about ",
            Qualifier::Almost => "almost ",
            Qualifier::MoreThan => "more than ",
            Qualifier::AtLeast => "at least ",
            Qualifier::LessThan => "fewer than ",
            Qualifier::AtMost => "at most ",
            Qualifier::Exact | Qualifier::Range | Qualifier::Vague => "",
        };
        format!("{words}{}", self.figure.text(self.unit))
    }
}

impl Figure {
    /// The figure in `unit`, as people write it.
    pub fn text(&self, unit: Option<Unit>) -> String {
        match *self {
            Figure::Value(v) => format_amount(v, unit),
            Figure::Range(low, high) => format!(
                "{} to {}",
                format_amount(low, unit),
                format_amount(high, unit)
            ),
            Figure::Date(day) => day.to_string(),
        }
    }
}

/// The values a numeric figure allows; counts (no unit, whole numbers) hedge by at least one.
pub fn figure_interval(
    figure: Figure,
    qualifier: Qualifier,
    tolerance: f64,
    unit: Option<Unit>,
) -> Option<Interval> {
    let interval = match figure {
        Figure::Value(v) => Interval::of(qualifier, v, v, unit.is_none() && v.fract() == 0.0),
        Figure::Range(low, high) => Interval::closed(low, high),
        Figure::Date(_) => return None,
    };
    Some(Interval {
        low: interval.low - tolerance,
        high: interval.high + tolerance,
        ..interval
    })
}
