//! Text primitives shared by the ledger and the corpus: folding, tokens and line numbers.

pub mod fold;
pub mod lines;
pub mod tokens;

pub use fold::Folded;
pub use lines::{LineCol, LineIndex};
pub use tokens::{Token, TokenKind, tokenize};
