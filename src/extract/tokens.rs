//! A window of tokens (one sentence) with helpers the extractors share.

use crate::text::{Folded, Token, TokenKind};

/// The tokens of one sentence, indexed globally, with their folded text.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a> {
    pub tokens: &'a [Token],
    pub folded: &'a Folded,
    /// Index of the first token after the sentence.
    pub end: usize,
}

impl<'a> Toks<'a> {
    /// The folded text of token `i`, or "" past the sentence.
    pub fn text(&self, i: usize) -> &'a str {
        if i < self.end {
            self.tokens[i].text(self.folded)
        } else {
            ""
        }
    }

    /// The folded bytes of token `i` (none past the sentence): compared without the
    /// character-boundary checks of slicing a `str`.
    fn bytes(&self, i: usize) -> &'a [u8] {
        match self.tokens.get(i) {
            Some(token) if i < self.end => self
                .folded
                .as_str()
                .as_bytes()
                .get(token.folded())
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// Whether token `i` is the folded word `word`.
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.bytes(i) == word.as_bytes()
    }

    /// Whether token `i` is one of `words`.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let token = self.bytes(i);
        words.iter().any(|w| w.as_bytes() == token)
    }

    /// The kind of token `i`, if it is in the sentence.
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        (i < self.end).then(|| self.tokens[i].kind)
    }

    /// Whether token `i` is in the sentence and follows the previous one without a space.
    pub fn glued(&self, i: usize) -> bool {
        i < self.end && !self.tokens[i].space_before
    }

    /// Whether token `i` starts with a capital in the original.
    pub fn capitalized(&self, i: usize) -> bool {
        i < self.end && self.tokens[i].capitalized
    }

    /// If `words` follow one another from `i`, the index after them.
    pub fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| self.is(i + k, w))
            .then_some(i + words.len())
    }

    /// The longest of `phrases` that starts at `i`, with the index after it.
    pub fn longest<'p, T: Copy>(
        &self,
        i: usize,
        phrases: &'p [(&'p [&'p str], T)],
    ) -> Option<(T, usize)> {
        let first = self.text(i);
        phrases
            .iter()
            .filter(|(words, _)| words.first() == Some(&first))
            .filter_map(|&(words, value)| self.seq(i + 1, &words[1..]).map(|end| (value, end)))
            .max_by_key(|&(_, end)| end)
    }
}
