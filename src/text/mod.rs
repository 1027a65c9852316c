//! Text primitives shared by the ledger and the corpus: folding, tokens and line numbers;
//! and counted nouns for messages.

pub mod fold;
pub mod lines;
pub mod tokens;

pub use fold::Folded;
pub use lines::{LineCol, LineIndex};
pub use tokens::{Token, TokenKind, is_letter, tokenize};

/// `count` and `noun`, with an "s" unless the count is one: "1 error", "2 warnings".
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The most memory a thread keeps from one text for the next (its tokens, its folding):
/// enough for texts of a few megabytes, so that a corpus of many files allocates it once.
const SPARE_BYTES: usize = 32 << 20;
