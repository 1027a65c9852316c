//! Date expressions and the days they can mean.
//!
//! Read: "August 1", "Aug. 1", "August 1st", "1 August", "1st of August", "August 1, 2024",
//! "1 August 2024", "February 2025", "in April", "April of that year", "last August",
//! "August 1 of this year", "2024-08-01", "01.08.2024", and years alone ("in 2023", found by
//! the quantity reader). Month names count only when capitalised ("may" is a verb).
//!
//! A date without a year takes it from the words around it ("of this year", "of that year",
//! "last August") or from the source's publication date: the most recent such day on or
//! before it, so "February 11" in an April 2025 article is 2025-02-11 and "August 1" in a
//! December 2024 article is 2024-08-01. When the source's date is a window of days, a date
//! can fall in more than one year; when it is unknown, in any.

use std::ops::Range;

use jiff::civil::Date;

use super::tokens::Toks;
use crate::corpus::Published;
use crate::text::{Token, TokenKind};

/// Where a date mention takes its year from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    /// Written out.
    Stated(i16),
    /// "of this year".
    ThisYear,
    /// "of last year".
    LastYear,
    /// "of next year".
    NextYear,
    /// "of that year", "of the same year": the year stated last before it.
    ThatYear,
    /// "last August": the last such month before publication.
    LastMonth,
    /// "this August": that month in the year of publication.
    ThisMonth,
    /// "next August": the next such month after publication.
    NextMonth,
    /// Not given: the most recent such day on or before publication.
    Unstated,
}

/// A date expression in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Token indices of the expression.
    pub tokens: Range<usize>,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Where its year comes from.
    pub year: YearRef,
    /// Month, 1 to 12, if given.
    pub month: Option<i8>,
    /// Day of the month, if given.
    pub day: Option<i8>,
    /// The days it can mean.
    pub value: DateValue,
}

/// The days a date mention can mean: a day, a month or a year, in a known span of years or
/// in any year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateValue {
    /// First and last year it can fall in; `None` if any.
    pub years: Option<(i16, i16)>,
    /// Whether the text writes the year out (else it was inferred, or is unknown).
    pub year_stated: bool,
    /// Month, if known.
    pub month: Option<i8>,
    /// Day of the month, if known.
    pub day: Option<i8>,
}

impl DateValue {
    /// The one day it means, if it is that precise.
    pub fn exact(&self) -> Option<Date> {
        match (self.years, self.month, self.day) {
            (Some((first, last)), Some(month), Some(day)) if first == last => {
                Date::new(first, month, day).ok()
            }
            _ => None,
        }
    }

    /// Whether `date` is one of the days it can mean.
    pub fn contains(&self, date: Date) -> bool {
        self.years
            .is_none_or(|(first, last)| (first..=last).contains(&date.year()))
            && self.month.is_none_or(|m| m == date.month())
            && self.day.is_none_or(|d| d == date.day())
    }

    /// The first day it can mean, if its years are known.
    pub fn earliest(&self) -> Option<Date> {
        let (first, _) = self.years?;
        Date::new(first, self.month.unwrap_or(1), self.day.unwrap_or(1)).ok()
    }

    /// The last day it can mean, if its years are known.
    pub fn latest(&self) -> Option<Date> {
        let (_, last) = self.years?;
        let month = Date::new(last, self.month.unwrap_or(12), 1).ok()?;
        match self.day {
            Some(day) => Date::new(last, month.month(), day).ok(),
            None => Some(month.last_of_month()),
        }
    }

    /// How it reads when its year was not written out: "2024-08-01", "2023-08-01 or
    /// 2024-08-01", "August 2024", or "any year".
    pub fn reading(&self) -> String {
        let show = |year: i16| match (self.month, self.day) {
            (Some(m), Some(d)) => {
                Date::new(year, m, d).map_or(format!("{year}"), |d| d.to_string())
            }
            (Some(m), None) => format!("{year}-{m:02}"),
            _ => format!("{year}"),
        };
        match self.years {
            None => "any year".to_string(),
            Some((first, last)) if first == last => show(first),
            Some((first, last)) if last == first + 1 => {
                format!("{} or {}", show(first), show(last))
            }
            Some((first, last)) => format!("{} to {}", show(first), show(last)),
        }
    }

    /// How precise it is: "day", "month" or "year", with "in any year" or "year uncertain"
    /// when the year is unknown or may be one of several.
    pub fn precision(&self) -> &'static str {
        match (self.years, self.month, self.day) {
            (None, _, _) => "year-unknown",
            (Some((a, b)), _, _) if a != b => "year-uncertain",
            (_, Some(_), Some(_)) => "day",
            (_, Some(_), None) => "month",
            _ => "year",
        }
    }
}

/// The month a folded word names, and whether the word is an abbreviation ("aug").
fn month_named(word: &str) -> Option<(i8, bool)> {
    Some(match word {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Words before a month alone that make it a date ("in April", "since March").
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "during", "early", "late", "mid", "from", "before",
    "after", "through", "of",
];

/// Phrases after a month or day that give its year.
const YEAR_PHRASES: &[(&[&str], YearRef)] = &[
    (&["of", "this", "year"], YearRef::ThisYear),
    (&["this", "year"], YearRef::ThisYear),
    (&["of", "last", "year"], YearRef::LastYear),
    (&["last", "year"], YearRef::LastYear),
    (&["of", "next", "year"], YearRef::NextYear),
    (&["next", "year"], YearRef::NextYear),
    (&["of", "that", "year"], YearRef::ThatYear),
    (&["that", "year"], YearRef::ThatYear),
    (&["of", "the", "same", "year"], YearRef::ThatYear),
    (&["the", "same", "year"], YearRef::ThatYear),
];

/// Whether a date can open with `token`: every date opens with a number or a
/// capitalised month. Asked of every token before [`parse`], without a call.
#[inline]
pub(crate) fn may_open(token: &Token) -> bool {
    match token.kind {
        TokenKind::Number => true,
        TokenKind::Word => token.capitalized,
        TokenKind::Punct => false,
    }
}

/// A date expression starting at `i`, without its resolved value.
pub(crate) fn parse(t: &Toks, i: usize) -> Option<DateMention> {
    // As `may_open` says: a number or a capitalised month.
    let (year, month, day, start, end) = match t.kind(i)? {
        TokenKind::Number => iso(t, i)
            .or_else(|| dotted(t, i))
            .or_else(|| day_first(t, i)),
        TokenKind::Word if t.capitalized(i) => month_first(t, i),
        _ => None,
    }?;
    Some(DateMention {
        span: t.tokens[start].start()..t.tokens[end - 1].end(),
        tokens: start..end,
        year,
        month,
        day,
        value: DateValue {
            years: None,
            year_stated: false,
            month,
            day,
        },
    })
}

type Parsed = (YearRef, Option<i8>, Option<i8>, usize, usize);

fn month(t: &Toks, i: usize) -> Option<(i8, usize)> {
    if !t.capitalized(i) {
        return None;
    }
    let (month, abbreviated) = month_named(t.text(i))?;
    let end = if abbreviated && t.is(i + 1, ".") && t.glued(i + 1) {
        i + 2
    } else {
        i + 1
    };
    Some((month, end))
}

fn day(t: &Toks, i: usize) -> Option<i8> {
    if t.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let text = t.text(i);
    let digits = text.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &text[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    digits.parse::<i8>().ok().filter(|d| (1..=31).contains(d))
}

fn year(t: &Toks, i: usize) -> Option<i16> {
    let text = t.text(i);
    if t.kind(i) != Some(TokenKind::Number)
        || text.len() != 4
        || !text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    text.parse::<i16>()
        .ok()
        .filter(|y| (1000..3000).contains(y))
}

/// A year after a month or day: ", 2024", " 2024", or a phrase such as "of this year".
fn year_after(t: &Toks, k: usize) -> (YearRef, usize) {
    let comma = usize::from(t.is(k, ","));
    if let Some(y) = year(t, k + comma) {
        return (YearRef::Stated(y), k + comma + 1);
    }
    match t.longest(k, YEAR_PHRASES) {
        Some((year, end)) => (year, end),
        None => (YearRef::Unstated, k),
    }
}

fn valid(year: YearRef, month: i8, day: i8) -> bool {
    let year = match year {
        YearRef::Stated(y) => y,
        _ => 2024, // a leap year, so that February 29 is allowed
    };
    Date::new(year, month, day).is_ok()
}

/// "2024-08-01".
fn iso(t: &Toks, i: usize) -> Option<Parsed> {
    let y = year(t, i)?;
    let glued = |k| t.is(k, "-") && t.glued(k) && t.glued(k + 1);
    if !(glued(i + 1) && glued(i + 3)) {
        return None;
    }
    let m: i8 = t.text(i + 2).parse().ok()?;
    let d: i8 = t.text(i + 4).parse().ok()?;
    (t.text(i + 2).len() == 2 && t.text(i + 4).len() == 2 && Date::new(y, m, d).is_ok())
        .then_some((YearRef::Stated(y), Some(m), Some(d), i, i + 5))
}

/// "01.08.2024" (day, month, year).
fn dotted(t: &Toks, i: usize) -> Option<Parsed> {
    if t.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let text = t.text(i);
    // "1.8.2024" to "01.08.2024": most numbers are not as long, and are not split.
    if !(8..=10).contains(&text.len()) {
        return None;
    }
    let mut parts = text.split('.');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y): (i8, i8, i16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    Date::new(y, m, d)
        .is_ok()
        .then_some((YearRef::Stated(y), Some(m), Some(d), i, i + 1))
}

/// "August 1", "Aug. 1st, 2024", "August 2024", "April of that year", "in April", "last August".
fn month_first(t: &Toks, i: usize) -> Option<Parsed> {
    let (m, after) = month(t, i)?;
    if let Some(d) = day(t, after) {
        let (year, end) = year_after(t, after + 1);
        return valid(year, m, d).then_some((year, Some(m), Some(d), i, end));
    }
    let (year, end) = year_after(t, after);
    if year != YearRef::Unstated {
        return Some((year, Some(m), None, i, end));
    }
    let before = i.checked_sub(1).map_or("", |k| t.text(k));
    let relative = match before {
        "last" => Some(YearRef::LastMonth),
        "this" => Some(YearRef::ThisMonth),
        "next" => Some(YearRef::NextMonth),
        _ => None,
    };
    if let Some(year) = relative {
        return Some((year, Some(m), None, i - 1, after));
    }
    MONTH_CONTEXT
        .contains(&before)
        .then_some((YearRef::Unstated, Some(m), None, i, after))
}

/// "1 August", "1st of August 2024".
fn day_first(t: &Toks, i: usize) -> Option<Parsed> {
    let d = day(t, i)?;
    let at = if t.is(i + 1, "of") { i + 2 } else { i + 1 };
    let (m, after) = month(t, at)?;
    let (year, end) = year_after(t, after);
    valid(year, m, d).then_some((year, Some(m), Some(d), i, end))
}

/// Gives each mention its value, in text order: `published` resolves relative and missing
/// years, and "that year" takes the year stated last before it.
pub(crate) fn resolve(mentions: &mut [DateMention], published: Option<Published>) {
    let mut last_stated = None;
    for mention in mentions {
        let years = match mention.year {
            YearRef::Stated(y) => {
                last_stated = Some(y);
                mention.value.year_stated = true;
                Some((y, y))
            }
            YearRef::ThatYear => last_stated.map(|y| (y, y)),
            relative => published.and_then(|p| {
                let year_at =
                    |day: Date| publication_year(relative, mention.month, mention.day, day);
                Some((year_at(p.earliest)?, year_at(p.latest)?))
            }),
        };
        mention.value.years = years;
    }
}

/// The year a relative mention falls in for a source published on `published`.
fn publication_year(
    year: YearRef,
    month: Option<i8>,
    day: Option<i8>,
    published: Date,
) -> Option<i16> {
    let this = published.year();
    let month = month?;
    Some(match year {
        YearRef::ThisYear | YearRef::ThisMonth => this,
        YearRef::LastYear => this - 1,
        YearRef::NextYear => this + 1,
        YearRef::LastMonth => {
            if month < published.month() {
                this
            } else {
                this - 1
            }
        }
        YearRef::NextMonth => {
            if month > published.month() {
                this
            } else {
                this + 1
            }
        }
        YearRef::Unstated => {
            if (month, day.unwrap_or(1)) <= (published.month(), published.day()) {
                this
            } else {
                this - 1
            }
        }
        YearRef::Stated(y) => y,
        YearRef::ThatYear => return None,
    })
}
