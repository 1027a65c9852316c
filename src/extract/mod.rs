//! What a text says, read once: its tokens, quantities and dates, each with its span.
//! Knows nothing of claims.

pub mod dates;
pub mod names;
pub mod numbers;
pub mod quantity;
mod tokens;
pub mod units;

use std::ops::Range;

use crate::corpus::{Published, Structure};
use crate::text::fold::TooLarge;
use crate::text::{Folded, Token, TokenKind, tokenize};
pub use dates::{DateMention, DateValue, YearRef};
pub use names::NameMention;
pub use quantity::{Interval, Qualifier, Quantity};
pub use units::Unit;

/// Everything read from one text.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The folded text.
    pub folded: Folded,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Token indices of each sentence of the text's [`Structure`].
    pub sentence_tokens: Vec<Range<usize>>,
    /// Quantity expressions, in text order.
    pub quantities: Vec<Quantity>,
    /// Date expressions, in text order.
    pub dates: Vec<DateMention>,
    /// Name mentions, in text order.
    pub names: Vec<NameMention>,
}

impl Extraction {
    /// Reads `text`, whose paragraphs and sentences are `structure`; `published` gives years
    /// to dates that lack one. A text of 4 GiB or more, before or after folding, is refused.
    pub fn of(
        text: &str,
        structure: &Structure,
        published: Option<Published>,
    ) -> Result<Self, TooLarge> {
        let folded = Folded::new(text)?;
        Ok(Self::scoped(text, folded, structure, published, |_| true))
    }

    /// Reads `text` as [`Extraction::of`] does, already `folded`, but looks for quantities
    /// only in the sentences `counts` accepts (those some claim is in scope of): elsewhere
    /// a quantity could not be evidence or an unmatched figure, and reading them is a tenth
    /// of the time. Names and dates are read everywhere, and so are years written alone,
    /// which give later dates their year.
    pub fn scoped(
        text: &str,
        folded: Folded,
        structure: &Structure,
        published: Option<Published>,
        counts: impl Fn(usize) -> bool,
    ) -> Self {
        let tokens = tokenize(&folded, text);
        let sentence_tokens = sentence_tokens(&tokens, structure);
        let mut taken = vec![false; tokens.len()];
        let mut dates = Vec::new();
        let mut quantities = Vec::new();
        // News text names someone every few dozen tokens: room for that, so that the list
        // seldom grows (it is handed on, not kept).
        let mut names = Vec::with_capacity(tokens.len() / 16);
        let mut run = names::RunBuffer::default();
        for (sentence, range) in sentence_tokens.iter().enumerate() {
            let counted = counts(sentence);
            let t = tokens::Toks {
                tokens: &tokens,
                folded: &folded,
                end: range.end,
            };
            names::mentions(&t, range.start, text, &mut names, &mut run);
            let mut i = range.start;
            while i < range.end {
                if !dates::may_open(&tokens[i]) {
                    i += 1;
                    continue;
                }
                match dates::parse(&t, i) {
                    Some(date) => {
                        taken[date.tokens.clone()].fill(true);
                        i = date.tokens.end;
                        dates.push(date);
                    }
                    None => i += 1,
                }
            }
            let mut i = range.start;
            // The first token of a date at or after `i`: found again only once `i` passes it.
            let mut next_date = range.start;
            while i < range.end {
                if taken[i] || !(counted || maybe_year(&tokens[i], &folded)) {
                    i += 1;
                    continue;
                }
                // A quantity may not run into a date.
                if next_date <= i {
                    next_date = (i..range.end).find(|&k| taken[k]).unwrap_or(range.end);
                }
                let t = tokens::Toks {
                    end: next_date,
                    ..t
                };
                i = match quantity::parse(&t, i) {
                    Some(quantity::Found::Quantity(q)) if counted => {
                        let end = q.tokens.end;
                        quantities.push(q);
                        end
                    }
                    Some(quantity::Found::Year(at)) => {
                        dates.push(year_mention(&tokens, at, t.text(at)));
                        at + 1
                    }
                    Some(quantity::Found::Skip(end)) if counted => end.max(i + 1),
                    _ => i + 1,
                };
            }
        }
        dates.sort_by_key(|d| d.tokens.start);
        dates::resolve(&mut dates, published);
        Extraction {
            folded,
            tokens,
            sentence_tokens,
            quantities,
            dates,
            names,
        }
    }
}

/// Whether `token` is four digits, which a year written alone is.
fn maybe_year(token: &Token, folded: &Folded) -> bool {
    token.kind == TokenKind::Number
        && token.folded().len() == 4
        && token.text(folded).bytes().all(|b| b.is_ascii_digit())
}

fn year_mention(tokens: &[Token], at: usize, text: &str) -> DateMention {
    let year = text.parse().unwrap_or_default();
    DateMention {
        tokens: at..at + 1,
        span: tokens[at].span(),
        year: YearRef::Stated(year),
        month: None,
        day: None,
        value: DateValue {
            years: Some((year, year)),
            year_stated: true,
            month: None,
            day: None,
        },
    }
}

/// The token range of each sentence: the tokens that start in it. Sentences are in text
/// order and apart, so one walk over the tokens finds them all (a binary search per
/// sentence end jumped about the tokens, a cache miss at each step).
fn sentence_tokens(tokens: &[Token], structure: &Structure) -> Vec<Range<usize>> {
    let mut at = 0;
    structure
        .sentences
        .iter()
        .map(|sentence| {
            let before = |t: &&Token| t.start() < sentence.span.start;
            let start = at + tokens[at..].iter().take_while(before).count();
            let within = |t: &&Token| t.start() < sentence.span.end;
            at = start + tokens[start..].iter().take_while(within).count();
            start..at
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sentence_has_the_tokens_that_start_in_it() {
        let text = "It rained. Then «it» stopped!\r\n\r\nMr. Fogel — 26 people came.\n\nOne";
        let extraction = Extraction::of(text, &Structure::of(text), None).expect("a short text");
        let sentences: Vec<String> = extraction
            .sentence_tokens
            .iter()
            .map(|range| {
                let tokens = &extraction.tokens[range.clone()];
                let words: Vec<&str> = tokens.iter().map(|t| &text[t.span()]).collect();
                words.join(" ")
            })
            .collect();
        assert_eq!(
            sentences,
            [
                "It rained .",
                "Then « it » stopped !",
                "Mr . Fogel — 26 people came .",
                "One"
            ]
        );
        // Every token is in one sentence, in order: the ranges follow one another.
        let ranges = &extraction.sentence_tokens;
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(ranges.last().map(|r| r.end), Some(extraction.tokens.len()));
    }
}
