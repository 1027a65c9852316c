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

/// A text that is 4 GiB or more, before or after folding: offsets into both are stored
/// as `u32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("its text is 4 GiB or more once decoded and folded; texts must be under 4 GiB")
    }
}

/// The longest text, original or folded, that offsets stored as `u32` can address.
const MAX_LEN: usize = u32::MAX as usize;

impl Folded {
    /// Folds `original`, unless it or its folded form is 4 GiB or more (NFKC may make a
    /// text longer: a ligature becomes several letters).
    pub fn new(original: &str) -> Result<Self, TooLarge> {
        Self::within(original, MAX_LEN)
    }

    /// The folded form of `original` alone, whatever its length: for a string whose
    /// offsets are not needed (a claim's cue).
    pub fn text_of(original: &str) -> String {
        // No text is longer than `usize::MAX`: never refused.
        Self::within(original, usize::MAX).map_or_else(|_| String::new(), |folded| folded.text)
    }

    /// Folds `original` if it and its folded form are at most `limit` bytes.
    fn within(original: &str, limit: usize) -> Result<Self, TooLarge> {
        if original.len() > limit {
            return Err(TooLarge);
        }
        let (mut text, mut origin) = SPARE.take();
        text.reserve(original.len());
        origin.reserve(original.len());
        let mut folded = Builder { text, origin };
        let bytes = original.as_bytes();
        let mut last_was_space = false;
        let mut start = 0;
        while start < bytes.len() {
            // ASCII fast paths: an ASCII character only changes case (a backtick is folded
            // to a quote below) and white space becomes one space, unless a combining mark
            // (never ASCII) follows. Eight plain bytes at a time, then one.
            if let Some(chunk) = plain_chunk(bytes, start, last_was_space) {
                folded.text.extend_from_slice(&chunk);
                folded.origin.extend(start as u32..start as u32 + 8);
                last_was_space = chunk[7] == b' ';
                start += 8;
                continue;
            }
            let byte = bytes[start];
            if nothing_combines_at(bytes, start + 1) {
                if byte.is_ascii_graphic() && byte != b'`' {
                    folded.text.push(byte.to_ascii_lowercase());
                    folded.origin.push(start as u32);
                    last_was_space = false;
                    start += 1;
                    continue;
                }
                if byte.is_ascii_whitespace() {
                    folded.push_space(start as u32, &mut last_was_space);
                    start += 1;
                    continue;
                }
            }
            // Cyrillic fast path: a Cyrillic letter is its own NFKC form; only its case
            // changes, unless a combining mark follows.
            if let Some(lower) = cyrillic_letter(bytes, start) {
                folded.push_char(lower, start as u32);
                last_was_space = false;
                start += 2;
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
            // Only here can the folded text grow faster than the original.
            if folded.text.len() > limit {
                break;
            }
            start = end;
        }
        let folded = Folded {
            // Only whole characters were pushed: the conversion only checks that.
            text: String::from_utf8(folded.text)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            origin: folded.origin,
            original_len: original.len(),
        };
        if folded.text.len() > limit {
            folded.recycle();
            return Err(TooLarge);
        }
        Ok(folded)
    }

    /// Gives this text's memory back for the next text this thread folds, unless it is
    /// more than [`super::SPARE_BYTES`].
    pub fn recycle(self) {
        let (mut text, mut origin) = (self.text.into_bytes(), self.origin);
        if text.capacity() + origin.capacity() * 4 <= super::SPARE_BYTES {
            text.clear();
            origin.clear();
            SPARE.set((text, origin));
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The offset in the original of a folded offset: where the character it came from
    /// starts (so an exclusive end maps to where the next character starts).
    pub fn to_original(&self, folded: usize) -> usize {
        self.origin_of(folded) as usize
    }

    /// [`Folded::to_original`] as it is stored ([`Folded::new`] refuses texts of 4 GiB or
    /// more).
    pub(crate) fn origin_of(&self, folded: usize) -> u32 {
        self.origin
            .get(folded)
            .map_or(self.original_len as u32, |&o| o)
    }
}

thread_local! {
    /// Memory for the next text's folding, given back by [`Folded::recycle`], so that a
    /// thread does not allocate it anew (five bytes per byte of text) for every text.
    static SPARE: std::cell::Cell<(Vec<u8>, Vec<u32>)> =
        const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

/// A [`Folded`] being made: the text as bytes, so that plain ASCII is copied eight bytes
/// at a time.
struct Builder {
    text: Vec<u8>,
    origin: Vec<u32>,
}

impl Builder {
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

    fn push_char(&mut self, c: char, origin: u32) {
        // Byte by byte: a copy of one to four bytes would be a call.
        for &byte in c.encode_utf8(&mut [0; 4]).as_bytes() {
            self.text.push(byte);
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

/// The eight bytes at `start` lower-cased, if they are plain: printable ASCII or single
/// spaces (not after a space), no backtick, and nothing after them that could combine.
fn plain_chunk(bytes: &[u8], start: usize, last_was_space: bool) -> Option<[u8; 8]> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Marks a byte that is zero; may also mark bytes after a marked one (never a miss).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let chunk: [u8; 8] = bytes.get(start..start + 8)?.try_into().ok()?;
    if !nothing_combines_at(bytes, start + 8) || (last_was_space && chunk[0] == b' ') {
        return None;
    }
    let x = u64::from_le_bytes(chunk);
    if x & HIGH != 0 {
        return None;
    }
    // Below 0x20 (control characters, tabs, line ends), DEL, backtick.
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    if control | zero(x ^ (ONES * 0x7f)) | zero(x ^ (ONES * 0x60)) != 0 {
        return None;
    }
    // Two spaces in a row fold to one.
    let spaces = zero(x ^ (ONES * 0x20));
    if spaces & (spaces << 8) != 0 {
        return None;
    }
    // Add 0x20 to every byte from 'A' to 'Z' (no byte carries: all are below 0x80).
    let from_a = (x + ONES * (0x80 - b'A' as u64)) & HIGH;
    let past_z = (x + ONES * (0x80 - b'Z' as u64 - 1)) & HIGH;
    Some((x | ((from_a & !past_z) >> 2)).to_le_bytes())
}

/// Whether what starts at `at` cannot combine with the character before it: the end, an
/// ASCII byte or a Cyrillic letter (combining marks are none of these).
fn nothing_combines_at(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(u8::is_ascii) || cyrillic(bytes, at).is_some()
}

/// The Cyrillic letter (U+0400 to U+0481, U+048A to U+04FF) whose two bytes start at
/// `at`, if there is one: no combining mark.
fn cyrillic(bytes: &[u8], at: usize) -> Option<char> {
    let (&lead, &next) = (bytes.get(at)?, bytes.get(at + 1)?);
    if !(0xD0..=0xD3).contains(&lead) || next & 0xC0 != 0x80 {
        return None;
    }
    char::from_u32((u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F))
        .filter(|&c| super::is_letter(c))
}

/// The lower case of the Cyrillic letter at `start`, if there is one and nothing after it
/// can combine with it.
fn cyrillic_letter(bytes: &[u8], start: usize) -> Option<char> {
    let c = cyrillic(bytes, start)?;
    if !nothing_combines_at(bytes, start + 2) {
        return None;
    }
    match c {
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20),
        'Ѐ'..='Џ' => char::from_u32(u32::from(c) + 0x50),
        'а'..='я' | 'ѐ'..='џ' => Some(c),
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(lower), None) => Some(lower),
                _ => None,
            }
        }
    }
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

    fn fold(text: &str) -> Folded {
        Folded::new(text).expect("a short text folds")
    }

    #[test]
    fn refuses_a_text_longer_than_offsets_reach_before_or_after_folding() {
        assert_eq!(Folded::within("abcdef", 5).err(), Some(TooLarge));
        assert!(Folded::within("abcde", 5).is_ok());
        // "ﷺ" is 3 bytes and folds to 18 characters (33 bytes): the original fits, its
        // folded form does not.
        let ligature = "\u{fdfa}";
        assert!(Folded::within(ligature, 3).is_err());
        let folded = Folded::within(ligature, 64).expect("fits");
        assert!(folded.as_str().len() > 3 && folded.as_str().len() <= 64);
        // Plain text after the ligature fills the rest of the room: still refused.
        assert!(Folded::within(&format!("{ligature} xx"), folded.as_str().len() + 2).is_err());
        assert!(Folded::within(&format!("{ligature} x"), folded.as_str().len() + 2).is_ok());
    }

    #[test]
    fn keeps_memory_for_the_next_text_unless_it_is_huge() {
        fold("a short text").recycle();
        assert!(SPARE.take().0.capacity() >= "a short text".len());
        let huge = "x".repeat(crate::text::SPARE_BYTES / 5 + 1);
        fold(&huge).recycle();
        assert_eq!(SPARE.take().0.capacity(), 0);
    }

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
            assert_eq!(fold(input).as_str(), expected, "{input:?}");
        }
    }

    /// Folds every character (with its marks) the general way, as the fast paths must.
    fn folded_slowly(original: &str) -> (String, Vec<u32>) {
        let mut slow = Builder {
            text: Vec::new(),
            origin: Vec::new(),
        };
        let mut last_was_space = false;
        let mut units: Vec<usize> = original
            .char_indices()
            .filter(|&(_, c)| c.is_ascii() || canonical_combining_class(c) == 0)
            .map(|(i, _)| i)
            .collect();
        units.push(original.len());
        if units[0] != 0 {
            units.insert(0, 0);
        }
        for unit in units.windows(2) {
            let (start, end) = (unit[0], unit[1]);
            slow.push_folded(&original[start..end], start as u32, &mut last_was_space);
        }
        (
            String::from_utf8(slow.text).expect("whole characters"),
            slow.origin,
        )
    }

    #[test]
    fn fast_paths_fold_as_the_general_way_does() {
        // Strings of characters that sit at every offset of an eight-byte chunk.
        let alphabet = [
            "a",
            "Z",
            "m",
            "Q",
            " ",
            " ",
            " ",
            "\t",
            "\n",
            "\r\n",
            "`",
            "\u{7f}",
            "\u{b}",
            "é",
            "\u{301}",
            "-",
            ".",
            "0",
            "Ж",
            "“",
            "\u{ad}",
            "x",
            "AB",
            "Cd e",
            "  ",
            "ё",
            "Й",
            "и",
            "\u{306}",
            "е\u{308}",
            "\u{482}",
            "\u{483}",
            "\u{488}",
            "Ѐ",
            "ӱ",
            "ԁ",
        ];
        let mut state: u64 = 7;
        let mut random = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        for _ in 0..5_000 {
            let len = (random() >> 59) as usize + 8;
            let text: String = (0..len)
                .map(|_| alphabet[(random() >> 33) as usize % alphabet.len()])
                .collect();
            assert_folds_as_the_general_way_does(&text);
        }
    }

    #[test]
    fn every_cyrillic_letter_folds_as_the_general_way_does() {
        for c in '\u{0400}'..='\u{04FF}' {
            for next in ["", "x", " ", "Б", "\u{306}", "\u{483}", "é"] {
                assert_folds_as_the_general_way_does(&format!("{c}{next}{c}"));
            }
        }
    }

    fn assert_folds_as_the_general_way_does(text: &str) {
        let fast = fold(text);
        let (slow_text, slow_origin) = folded_slowly(text);
        assert_eq!(fast.as_str(), slow_text, "{text:?}");
        assert_eq!(fast.origin, slow_origin, "{text:?}");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let original = "«Ксения»  Karelina";
        let folded = fold(original);
        let start = folded.as_str().find("karelina").expect("found");
        let end = start + "karelina".len();
        let range = folded.to_original(start)..folded.to_original(end);
        assert_eq!(&original[range], "Karelina");
        let k = folded.as_str().find('к').expect("found");
        assert_eq!(&original[folded.to_original(k)..], "Ксения»  Karelina");
    }
}
