//! Paragraphs and sentences of a text, as byte ranges.
//!
//! A paragraph is a line of its own, as in most exported news text, unless the block of
//! lines it sits in is hard-wrapped (lines of similar, modest length that mostly stop
//! mid-sentence): then the block is one paragraph, with a new one at every list item. Sentences end at `.`, `!`, `?`
//! or `…` before white space and a capital, digit, quote or dash, except after an
//! abbreviation ("Aug.", "U.S.", "Mr.") or an initial ("J. D. Vance").

use std::ops::Range;

/// A paragraph and the sentences it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the paragraph, without surrounding white space.
    pub span: Range<usize>,
    /// Indices of its sentences.
    pub sentences: Range<usize>,
}

/// A sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range of the sentence, without surrounding white space.
    pub span: Range<usize>,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// The paragraphs and sentences of a text.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
}

/// Lines longer than this are never hard-wrapped prose.
const WRAP_WIDTH: usize = 100;

impl Structure {
    /// Splits `text` into paragraphs and sentences.
    pub fn of(text: &str) -> Self {
        // Room for news text's usual paragraphs and sentences, so that the lists seldom grow.
        let mut structure = Structure {
            paragraphs: Vec::with_capacity(text.len() / 256),
            sentences: Vec::with_capacity(text.len() / 64),
        };
        // Blocks of non-blank lines, each line trimmed, separated by blank lines.
        let mut block: Vec<Range<usize>> = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let range = trim(text, start..start + line.len());
            start += line.len();
            if !range.is_empty() {
                block.push(range);
            } else if !block.is_empty() {
                structure.push_block(text, &block);
                block.clear();
            }
        }
        if !block.is_empty() {
            structure.push_block(text, &block);
        }
        structure
    }

    /// Adds the paragraphs of a block of lines: each line, or the whole block if it is
    /// hard-wrapped (a new paragraph at each list item).
    fn push_block(&mut self, text: &str, block: &[Range<usize>]) {
        let wrapped = is_hard_wrapped(text, block);
        let mut current: Option<Range<usize>> = None;
        for line in block {
            let starts_item = is_list_item(&text[line.clone()]);
            match &mut current {
                Some(paragraph) if wrapped && !starts_item => paragraph.end = line.end,
                _ => {
                    if let Some(done) = current.take() {
                        self.push_paragraph(text, done);
                    }
                    current = Some(line.clone());
                }
            }
        }
        if let Some(done) = current {
            self.push_paragraph(text, done);
        }
    }

    /// The index of the sentence that contains `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= offset)
            .map(|_| i)
    }

    fn push_paragraph(&mut self, text: &str, span: Range<usize>) {
        let index = self.paragraphs.len();
        let first = self.sentences.len();
        sentences(text, span.clone(), |sentence| {
            self.sentences.push(Sentence {
                span: sentence,
                paragraph: index,
            });
        });
        self.paragraphs.push(Paragraph {
            span,
            sentences: first..self.sentences.len(),
        });
    }
}

/// Trims white space and invisible characters from both ends of `range`.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let is_blank = |c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}');
    let trimmed_start = slice.trim_start_matches(is_blank);
    let start = range.start + (slice.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end_matches(is_blank).len();
    start..end
}

fn is_hard_wrapped(text: &str, block: &[Range<usize>]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let width = |line: &Range<usize>| text[line.clone()].chars().count();
    let longest = block.iter().map(width).max().unwrap_or(0);
    // A wrapped line runs close to the wrap column and stops mid-sentence.
    let inner = &block[..block.len() - 1];
    let continued = inner
        .iter()
        .filter(|line| width(line) * 5 >= longest * 3 && !ends_sentence(&text[(*line).clone()]))
        .count();
    longest <= WRAP_WIDTH && continued * 2 >= inner.len()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(is_closing)
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '*' | '-' | '–' | '—' | '·' | '▪' | '○' | '◦') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›' | '“' | '‘'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '‹' | '„' | '-' | '–' | '—'
    )
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "maj", "capt", "cpt",
    "sgt", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "inc", "ltd", "co", "corp",
    "no", "nos", "vs", "v", "cf", "approx", "est", "dept", "univ", "fig", "vol", "ed", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mt", "ft", "gov't",
];

/// The length in bytes of the longest of [`ABBREVIATIONS`]: longer words need no look.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Gives `found` the sentence ranges within the paragraph `span`, in order.
fn sentences(text: &str, span: Range<usize>, mut found: impl FnMut(Range<usize>)) {
    const TERMINATORS: [char; 4] = ['.', '!', '?', '…'];
    let paragraph = &text[span.clone()];
    let mut start = 0;
    let mut at = 0;
    while let Some(i) = next_terminator(paragraph, at) {
        let c = paragraph[i..].chars().next().unwrap_or('.');
        // Take the whole run of terminators and closing quotes.
        let after_c = i + c.len_utf8();
        let rest = &paragraph[after_c..];
        let run = rest.len()
            - rest
                .trim_start_matches(|c| TERMINATORS.contains(&c) || is_closing(c))
                .len();
        let j = after_c + run;
        let after = &paragraph[j..];
        let spaces = after.len() - after.trim_start_matches(char::is_whitespace).len();
        let k = j + spaces;
        let boundary = spaces > 0
            && paragraph[k..].chars().next().is_some_and(starts_sentence)
            && !(c == '.' && run == 0 && is_abbreviation(&paragraph[start..i]));
        if boundary {
            found(trim(text, span.start + start..span.start + j));
            start = k;
        }
        at = j;
    }
    let last = trim(text, span.start + start..span.end);
    if !last.is_empty() {
        found(last);
    }
}

/// The offset of the first `.`, `!`, `?` or `…` at or after `from`.
fn next_terminator(text: &str, from: usize) -> Option<usize> {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    let bytes = &text.as_bytes()[from..];
    let stop = memchr::memchr3(b'.', b'!', b'?', bytes);
    // "…" starts with E2, as do other quotes and dashes: look before the first stop only.
    let before = &bytes[..stop.unwrap_or(bytes.len())];
    let ellipsis =
        memchr::memchr_iter(ELLIPSIS[0], before).find(|&i| bytes[i..].starts_with(ELLIPSIS));
    ellipsis.or(stop).map(|i| from + i)
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || is_opening(c)
}

/// Whether the text before a full stop ends with an abbreviation or initials ("J", "J.D").
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«'))
        .next()
        .unwrap_or("");
    let initials = word.split('.').all(|piece| {
        let mut letters = piece.chars();
        letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none()
    });
    initials || is_listed_abbreviation(word)
}

/// Whether `word` is one of [`ABBREVIATIONS`], in any case.
fn is_listed_abbreviation(word: &str) -> bool {
    static LISTED: std::sync::LazyLock<rustc_hash::FxHashSet<&[u8]>> =
        std::sync::LazyLock::new(|| ABBREVIATIONS.iter().map(|a| a.as_bytes()).collect());
    let mut lower = [0; LONGEST_ABBREVIATION];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    LISTED.contains(&*lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        Structure::of(text)
            .sentences
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect()
    }

    fn paragraph_texts(text: &str) -> Vec<&str> {
        Structure::of(text)
            .paragraphs
            .iter()
            .map(|p| &text[p.span.clone()])
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_initials() {
        let cases: &[(&str, &[&str])] = &[
            (
                "It rained. Then it stopped.",
                &["It rained.", "Then it stopped."],
            ),
            (
                "The exchange took place on Aug. 1, Ryabkov said. He added more.",
                &[
                    "The exchange took place on Aug. 1, Ryabkov said.",
                    "He added more.",
                ],
            ),
            (
                "They met J. D. Vance and J.D. Vance. The U.S. Embassy said so.",
                &[
                    "They met J. D. Vance and J.D. Vance.",
                    "The U.S. Embassy said so.",
                ],
            ),
            (
                "\"Its sensitivity is obvious.\" He said it. Was it? Yes!",
                &[
                    "\"Its sensitivity is obvious.\"",
                    "He said it.",
                    "Was it?",
                    "Yes!",
                ],
            ),
            (
                "It costs 1.5 million. 26 people came.",
                &["It costs 1.5 million.", "26 people came."],
            ),
            ("the end of the U.S. war", &["the end of the U.S. war"]),
            (
                "They saw Mr. Smith and GEN. Jones. Then Dr. Watson left. It was late Sept. Rain.",
                &[
                    "They saw Mr. Smith and GEN. Jones.",
                    "Then Dr. Watson left.",
                    "It was late Sept. Rain.",
                ],
            ),
            (
                "It was approximately. Then Mönch. Then Gen.",
                &["It was approximately.", "Then Mönch.", "Then Gen."],
            ),
            (
                "Then — nothing. «Yes», he said.",
                &["Then — nothing.", "«Yes», he said."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(sentence_texts(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn lines_are_paragraphs_unless_the_block_is_hard_wrapped() {
        let news = "Title line\nFirst paragraph. It is long.\nSecond paragraph.\n";
        assert_eq!(
            paragraph_texts(news),
            [
                "Title line",
                "First paragraph. It is long.",
                "Second paragraph."
            ]
        );
        let wrapped = "A total of 26 people were\nincluded in the exchange,\n10 of whom returned.\n\nNext one.";
        assert_eq!(
            paragraph_texts(wrapped),
            [
                "A total of 26 people were\nincluded in the exchange,\n10 of whom returned.",
                "Next one."
            ]
        );
        let list = "Socials\n  • url : x\n  • username : y\n";
        assert_eq!(
            paragraph_texts(list),
            ["Socials", "• url : x", "• username : y"]
        );
    }

    #[test]
    fn crlf_and_bom_do_not_leak_into_spans() {
        let text = "\u{feff}One. Two.\r\n\r\nThree.\r\n";
        assert_eq!(sentence_texts(text), ["One.", "Two.", "Three."]);
        let structure = Structure::of(text);
        assert_eq!(structure.paragraphs.len(), 2);
        let three = text.find("Three").expect("present");
        assert_eq!(structure.sentence_at(three), Some(2));
        assert_eq!(
            structure.sentence_at(text.find('\r').expect("present")),
            None
        );
    }
}
