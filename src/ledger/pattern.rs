//! Pattern templates: plain words, `{n}` (a quantity with its qualifier), `{date}`, `...`
//! (a gap of up to six words) and `a|b` (either word), matched within a sentence with case,
//! quotes, dashes and spacing folded.

use std::fmt;
use std::ops::Range;

use crate::text::{Folded, tokenize};

/// The most words a `...` gap skips.
pub const MAX_GAP: usize = 6;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// One of several word sequences (folded words, punctuation dropped).
    Words(Vec<Vec<String>>),
    /// Up to this many words.
    Gap(usize),
    /// A quantity expression.
    Quantity,
    /// A date expression.
    Date,
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written.
    pub text: String,
    /// Its elements.
    pub elements: Vec<Element>,
}

/// Why a pattern does not parse, and where in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte range in the pattern text.
    pub at: Range<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Pattern {
    /// Parses a pattern.
    pub fn parse(text: &str) -> Result<Self, PatternError> {
        let mut elements = Vec::new();
        for (at, raw) in words_with_offsets(text) {
            let error = |message: String| PatternError {
                at: at..at + raw.len(),
                message,
            };
            let element = match raw {
                "..." | "…" => Element::Gap(MAX_GAP),
                "{n}" => Element::Quantity,
                "{date}" => Element::Date,
                slot if slot.starts_with('{') && slot.ends_with('}') => {
                    return Err(error(format!(
                        "unknown slot `{slot}`: the slots are {{n}} and {{date}}"
                    )));
                }
                word if word.contains(['{', '}']) => {
                    return Err(error(format!(
                        "`{word}`: write {{n}} and {{date}} as words of their own, with spaces around them"
                    )));
                }
                word if word.contains("...") => {
                    return Err(error(format!("`{word}`: write `...` as a word of its own")));
                }
                word => Element::Words(alternatives(word).map_err(error)?),
            };
            if matches!(element, Element::Gap(_))
                && matches!(elements.last(), Some(Element::Gap(_)))
            {
                return Err(error(
                    "two gaps in a row: one `...` already skips up to six words".into(),
                ));
            }
            elements.push(element);
        }
        let whole = 0..text.len();
        if !elements.iter().any(|e| matches!(e, Element::Words(_))) {
            return Err(PatternError {
                at: whole,
                message: "a pattern needs at least one word besides its slots".into(),
            });
        }
        if matches!(elements.first(), Some(Element::Gap(_)))
            || matches!(elements.last(), Some(Element::Gap(_)))
        {
            return Err(PatternError {
                at: whole,
                message: "a pattern cannot start or end with `...`".into(),
            });
        }
        Ok(Pattern {
            text: text.to_string(),
            elements,
        })
    }

    /// How many `{n}` and `{date}` slots it has.
    pub fn slots(&self) -> (usize, usize) {
        let count = |wanted: &Element| self.elements.iter().filter(|e| *e == wanted).count();
        (count(&Element::Quantity), count(&Element::Date))
    }
}

/// The white-space separated words of `text` with their byte offsets.
fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// The alternatives of a word (`returned|went`), each folded into word tokens.
fn alternatives(word: &str) -> Result<Vec<Vec<String>>, String> {
    word.split('|')
        .map(|alternative| {
            if alternative.is_empty() {
                return Err(format!("`{word}` has an empty alternative"));
            }
            let folded = Folded::new(alternative).map_err(|e| format!("`{alternative}`: {e}"))?;
            let words: Vec<String> = tokenize(&folded, alternative)
                .iter()
                .filter(|t| t.is_wordlike())
                .map(|t| t.text(&folded).to_string())
                .collect();
            if words.is_empty() {
                Err(format!("`{alternative}` has no letter or digit to match"))
            } else {
                Ok(words)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&[&str]]) -> Element {
        Element::Words(
            list.iter()
                .map(|w| w.iter().map(|s| s.to_string()).collect())
                .collect(),
        )
    }

    #[test]
    fn parses_words_slots_gaps_and_alternatives() {
        let pattern = Pattern::parse("Exchange fund ... {n} people|prisoners").expect("valid");
        assert_eq!(
            pattern.elements,
            [
                words(&[&["exchange"]]),
                words(&[&["fund"]]),
                Element::Gap(MAX_GAP),
                Element::Quantity,
                words(&[&["people"], &["prisoners"]]),
            ]
        );
        let pattern = Pattern::parse("on {date} the U.S.|“Washington”").expect("valid");
        assert_eq!(pattern.elements[3], words(&[&["u", "s"], &["washington"]]));
        assert_eq!(pattern.slots(), (0, 1));
    }

    #[test]
    fn reports_errors_where_they_are() {
        let cases = [
            ("a total of {num}", 11..16, "unknown slot"),
            ("a total of{n}", 8..13, "words of their own"),
            ("sentenced to|| {n}", 10..14, "empty alternative"),
            ("... {n} people", 0..14, "start or end"),
            ("{n} ... ... people", 8..11, "two gaps"),
            ("{n}", 0..3, "at least one word"),
            ("{n} - {date}", 4..5, "no letter or digit"),
            ("a total of {n", 11..13, "words of their own"),
        ];
        for (text, at, message) in cases {
            let error = Pattern::parse(text).expect_err(text);
            assert_eq!(error.at, at, "{text}");
            assert!(error.message.contains(message), "{text}: {}", error.message);
        }
    }
}
