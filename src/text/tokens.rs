//! Splitting folded text into words, numbers and punctuation.

use std::ops::Range;

use super::fold::Folded;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters, marks and digits that starts with a letter.
    Word,
    /// Digits with `,`/`.` separators and any letters glued on ("4,000", "1.5", "4bn", "10th").
    Number,
    /// Any other single character.
    Punct,
}

/// One token, with its place in the folded and the original text. Offsets are `u32`
/// (20 bytes a token, not 40: tokenising writes less and every later pass reads less);
/// [`Folded::new`] refuses a text whose folded form would not fit.
#[derive(Debug, Clone)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Byte range in the folded text.
    folded: [u32; 2],
    /// Byte range in the original text.
    span: [u32; 2],
    /// Whether white space precedes the token.
    pub space_before: bool,
    /// Whether the token starts with an upper-case letter in the original.
    pub capitalized: bool,
}

impl Token {
    /// The folded text of the token.
    pub fn text<'a>(&self, folded: &'a Folded) -> &'a str {
        &folded.as_str()[self.folded()]
    }

    /// Byte range in the folded text.
    pub fn folded(&self) -> Range<usize> {
        self.folded[0] as usize..self.folded[1] as usize
    }

    /// Byte range in the original text.
    pub fn span(&self) -> Range<usize> {
        self.span[0] as usize..self.span[1] as usize
    }

    /// Where the token starts in the original text.
    pub fn start(&self) -> usize {
        self.span[0] as usize
    }

    /// Where the token ends in the original text.
    pub fn end(&self) -> usize {
        self.span[1] as usize
    }

    /// Whether the token is a word or a number (what patterns match).
    pub fn is_wordlike(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

thread_local! {
    /// Memory for the next text's tokens, given back by [`recycle`], so that a thread
    /// does not allocate it anew (four bytes per byte of text) for every text.
    static SPARE: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Gives the memory of `tokens` back for the next text this thread tokenises, unless it
/// is more than [`super::SPARE_BYTES`]: one huge text should not leave a thread holding
/// its memory to the end.
pub fn recycle(mut tokens: Vec<Token>) {
    if tokens.capacity() * std::mem::size_of::<Token>() <= super::SPARE_BYTES {
        tokens.clear();
        SPARE.set(tokens);
    }
}

/// Tokenises folded text; `original` is the text `folded` was made from.
pub fn tokenize(folded: &Folded, original: &str) -> Vec<Token> {
    let text = folded.as_str();
    let bytes = text.as_bytes();
    let mut tokens = SPARE.take();
    tokens.reserve(text.len() / 5);
    let mut space_before = true;
    let mut start = 0;
    while start < bytes.len() {
        let byte = bytes[start];
        if byte == b' ' {
            space_before = true;
            start += 1;
            continue;
        }
        let (kind, end) = if byte.is_ascii_digit() {
            (TokenKind::Number, number_end(text, start))
        } else if byte.is_ascii_alphabetic() {
            (TokenKind::Word, word_end(text, start + 1))
        } else if byte.is_ascii() {
            (TokenKind::Punct, start + 1)
        } else {
            let c = text[start..].chars().next().unwrap_or(' ');
            if is_word_char(c) {
                (TokenKind::Word, word_end(text, start))
            } else {
                (TokenKind::Punct, start + c.len_utf8())
            }
        };
        let span = [folded.origin_of(start), folded.origin_of(end)];
        let capitalized = match original.as_bytes().get(span[0] as usize) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => original[span[0] as usize..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
        };
        tokens.push(Token {
            kind,
            folded: [start as u32, end as u32],
            span,
            space_before,
            capitalized,
        });
        space_before = false;
        start = end;
    }
    tokens
}

/// What a byte of folded text does to a word: ends it, goes on with it (an ASCII letter or
/// digit), or starts a character that must be decoded to tell.
#[derive(Clone, Copy, PartialEq)]
enum WordByte {
    Ends,
    Continues,
    Decode,
}

/// [`WordByte`] of every byte, so that a word's ASCII bytes cost one lookup each.
const WORD_BYTES: [WordByte; 256] = {
    let mut table = [WordByte::Decode; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            WordByte::Continues
        } else {
            WordByte::Ends
        };
        b += 1;
    }
    table
};

/// The end of the word that starts at `start`.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while let Some(&byte) = bytes.get(end) {
        match WORD_BYTES[usize::from(byte)] {
            WordByte::Continues => end += 1,
            WordByte::Ends => break,
            WordByte::Decode => match text[end..].chars().next() {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            },
        }
    }
    end
}

/// Whether `c` is a letter (Unicode's Alphabetic), answered without a table for ASCII and
/// the Cyrillic block, the scripts a corpus here is mostly written in.
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0400}'..='\u{04FF}' => !('\u{0482}'..='\u{0489}').contains(&c),
        c => c > '\x7f' && c.is_alphabetic(),
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The Cyrillic block is letters and combining marks, but for one sign.
    if ('\u{0400}'..='\u{04FF}').contains(&c) {
        return c != '\u{0482}';
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The end of a number starting at `start`: digits, `.` before a digit, `,` before exactly
/// three digits, then any letters glued on.
fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = start + digits_from(start);
    loop {
        match bytes.get(end) {
            Some(b'.') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                end += 1 + digits_from(end + 1);
            }
            Some(b',') if digits_from(end + 1) == 3 => end += 4,
            _ => break,
        }
    }
    let rest = &text[end..];
    end + rest
        .char_indices()
        .find(|&(_, c)| !is_letter(c))
        .map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_what_unicode_calls_alphabetic() {
        for c in '\0'..='\u{0500}' {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn the_cyrillic_shortcut_agrees_with_unicode() {
        for c in '\u{0400}'..='\u{04FF}' {
            let general = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
    }

    #[test]
    fn keeps_memory_for_the_next_text_unless_it_is_huge() {
        let token_size = std::mem::size_of::<Token>();
        recycle(Vec::with_capacity(1_000));
        assert!(SPARE.take().capacity() >= 1_000);
        recycle(Vec::with_capacity(
            crate::text::SPARE_BYTES / token_size + 1,
        ));
        assert_eq!(SPARE.take().capacity(), 0);
    }

    fn texts(input: &str) -> Vec<String> {
        let folded = Folded::new(input).expect("a short text");
        tokenize(&folded, input)
            .iter()
            .map(|t| t.text(&folded).to_string())
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            (
                "A total of 26 people",
                &["a", "total", "of", "26", "people"],
            ),
            (
                "$4,000,000 and 1.5 million",
                &["$", "4,000,000", "and", "1.5", "million"],
            ),
            ("twenty-six", &["twenty", "-", "six"]),
            ("24–26 in 1990s", &["24", "-", "26", "in", "1990s"]),
            ("$4bn, 10th.", &["$", "4bn", ",", "10th", "."]),
            (
                "1,5 and 12,3456",
                &["1", ",", "5", "and", "12", ",", "3456"],
            ),
            ("Aug. 1, 2024", &["aug", ".", "1", ",", "2024"]),
            ("Дарчиев’s G7", &["дарчиев", "'", "s", "g7"]),
        ];
        for (input, expected) in cases {
            assert_eq!(texts(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn records_spacing_capitals_and_original_spans() {
        let input = "Mark  «Vogel»";
        let folded = Folded::new(input).expect("a short text");
        let tokens = tokenize(&folded, input);
        let vogel = &tokens[2];
        assert_eq!(&input[vogel.span()], "Vogel");
        assert!(vogel.capitalized && !vogel.space_before);
        assert!(tokens[1].space_before);
    }
}
