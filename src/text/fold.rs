//! Folding text for matching, in one place: NFKC, lower case, one kind of dash, quote and
//! space, invisible characters dropped. Keeps a map from every folded byte back to the
//! original, so whatever is found in folded text can be pointed at in the source.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Text folded for case-, dash-, quote- and space-insensitive matching.
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    /// For each byte of `text`, the offset in the original of the character it came from.
    origin: Vec<u32>,
    original_len: usize,
}

impl Folded {
    /// Folds `original`. Offsets are stored as `u32`: callers reject texts of 4 GiB or more.
    pub fn new(original: &str) -> Self {
        debug_assert!(
            u32::try_from(original.len()).is_ok(),
            "text too large to fold"
        );
        let mut folded = Folded {
            text: String::with_capacity(original.len()),
            origin: Vec::with_capacity(original.len()),
            original_len: original.len(),
        };
        let bytes = original.as_bytes();
        let mut last_was_space = false;
        let mut start = 0;
        while start < bytes.len() {
            // ASCII fast path: a run of printable ASCII only changes case (a backtick is
            // folded to a quote below), unless a combining mark (never ASCII) follows its
            // last byte.
            let run = bytes[start..]
                .iter()
                .take_while(|&&b| b.is_ascii_graphic() && b != b'`')
                .count();
            let end = start + run;
            let run_end = if bytes.get(end).is_none_or(u8::is_ascii) {
                end
            } else {
                end.saturating_sub(1).max(start)
            };
            if run_end > start {
                let at = folded.text.len();
                folded.text.push_str(&original[start..run_end]);
                folded.text[at..].make_ascii_lowercase();
                folded.origin.extend(start as u32..run_end as u32);
                last_was_space = false;
                start = run_end;
                continue;
            }
            let byte = bytes[start];
            if byte.is_ascii_whitespace() && bytes.get(start + 1).is_none_or(u8::is_ascii) {
                folded.push_space(start as u32, &mut last_was_space);
                start += 1;
                continue;
            }
            // A base character with its combining marks is normalised as one unit.
            let mut chars = original[start..].char_indices();
            let mut end = start;
            if let Some((_, c)) = chars.next() {
                end += c.len_utf8();
            }
            for (i, mark) in chars {
                if mark.is_ascii() || canonical_combining_class(mark) == 0 {
                    break;
                }
                end = start + i + mark.len_utf8();
            }
            folded.push_folded(&original[start..end], start as u32, &mut last_was_space);
            start = end;
        }
        folded
    }

    /// Pushes the folded form of `unit` (a character with its combining marks), which
    /// starts at `origin` in the original.
    fn push_folded(&mut self, unit: &str, origin: u32, last_was_space: &mut bool) {
        for normalised in unit.nfkc() {
            for lower in normalised.to_lowercase() {
                match fold_char(lower) {
                    Fold::Space => self.push_space(origin, last_was_space),
                    Fold::Drop => {}
                    Fold::Char(out) => {
                        self.push_char(out, origin);
                        *last_was_space = false;
                    }
                }
            }
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset in the original of a folded offset: where the character it came from
    /// starts (so an exclusive end maps to where the next character starts).
    pub fn to_original(&self, folded: usize) -> usize {
        self.origin
            .get(folded)
            .map_or(self.original_len, |&o| o as usize)
    }

    fn push_char(&mut self, c: char, origin: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.origin.push(origin);
        }
    }

    fn push_space(&mut self, origin: u32, last_was_space: &mut bool) {
        if !*last_was_space {
            self.push_char(' ', origin);
            *last_was_space = true;
        }
    }
}

enum Fold {
    Space,
    Drop,
    Char(char),
}

/// Folds one normalised, lower-cased character.
fn fold_char(c: char) -> Fold {
    match c {
        c if c.is_whitespace() => Fold::Space,
        // Byte order mark, zero-width characters, soft hyphen, word joiner.
        '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{00ad}' | '\u{2060}' => Fold::Drop,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' => Fold::Char('-'),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{00b4}' => {
            Fold::Char('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' => Fold::Char('"'),
        c => Fold::Char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_dashes_quotes_and_space() {
        let cases = [
            ("Twenty–Six", "twenty-six"),
            ("“Aug.\u{a0}1”", "\"aug. 1\""),
            ("a \t\r\n  b", "a b"),
            ("don’t", "don't"),
            ("\u{feff}BOM", "bom"),
            ("ＡＢＣ１２", "abc12"),
            ("e\u{301}te\u{301}", "été"),
            ("ДАРЧИЕВ", "дарчиев"),
            ("soft\u{ad}hyphen", "softhyphen"),
            ("Cafe\u{301} Noir\u{0B}x", "café noir x"),
            ("  A\u{301}  ", " á "),
            ("x \u{301}y", "x \u{301}y"),
            ("don`t", "don't"),
        ];
        for (input, expected) in cases {
            assert_eq!(Folded::new(input).as_str(), expected, "{input:?}");
        }
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let original = "«Ксения»  Karelina";
        let folded = Folded::new(original);
        let start = folded.as_str().find("karelina").expect("found");
        let end = start + "karelina".len();
        let range = folded.to_original(start)..folded.to_original(end);
        assert_eq!(&original[range], "Karelina");
        let k = folded.as_str().find('к').expect("found");
        assert_eq!(&original[folded.to_original(k)..], "Ксения»  Karelina");
    }
}
