//! Line and column numbers for byte offsets, built once per file.

/// The start of every line of a text. Columns count characters from 1 and ignore a leading
/// byte order mark; a line ends at `\n`, so CRLF endings do not shift anything.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LineIndex {
    /// Offsets as `u32`: a source of 4 GiB or more is refused before it is indexed.
    starts: Vec<u32>,
    bom_len: usize,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        );
        starts.shrink_to_fit();
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex { starts, bom_len }
    }

    /// The 0-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }

    /// The byte offset where 0-based `line` starts (after a BOM on the first line).
    pub fn line_start(&self, line: usize) -> usize {
        let start = self.starts.get(line).map_or(usize::MAX, |&s| s as usize);
        if line == 0 { self.bom_len } else { start }
    }

    /// The byte offset where 0-based `line` ends, before its `\r\n` or `\n`.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        self.line_end_in(text, 0, line)
    }

    /// [`LineIndex::line_end`] where only `chunk`, which starts at offset `base`, of the
    /// text is at hand; the end is at most the chunk's end.
    pub fn line_end_in(&self, chunk: &str, base: usize, line: usize) -> usize {
        let chunk_end = base + chunk.len();
        let end = self
            .starts
            .get(line + 1)
            .map_or(chunk_end, |&s| s as usize - 1)
            .min(chunk_end);
        let before = end
            .checked_sub(base + 1)
            .and_then(|i| chunk.as_bytes().get(i));
        if end > self.line_start(line) && before == Some(&b'\r') {
            end - 1
        } else {
            end
        }
    }

    /// Where 0-based `line` starts, if the text has it (a BOM included).
    pub fn starts_of(&self, line: usize) -> Option<usize> {
        self.starts.get(line).map(|&s| s as usize)
    }

    /// How many lines the text has.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line and column of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> LineCol {
        let offset = text.find(needle).expect("needle present");
        LineIndex::new(text).line_col(text, offset)
    }

    #[test]
    fn lines_and_columns_survive_crlf_bom_and_unicode() {
        let lf = "one\ntwo 26\n";
        let crlf = "one\r\ntwo 26\r\n";
        let bom = "\u{feff}one\r\ntwo 26\r\n";
        for text in [lf, crlf, bom] {
            assert_eq!(at(text, "26"), LineCol { line: 2, column: 5 }, "{text:?}");
            assert_eq!(at(text, "one"), LineCol { line: 1, column: 1 }, "{text:?}");
        }
        assert_eq!(at("Ксения 12", "12"), LineCol { line: 1, column: 8 });
    }

    #[test]
    fn line_end_excludes_terminators() {
        let text = "ab\r\ncd\nef";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_start(0)..index.line_end(text, 0)], "ab");
        assert_eq!(&text[index.line_start(1)..index.line_end(text, 1)], "cd");
        assert_eq!(&text[index.line_start(2)..index.line_end(text, 2)], "ef");
    }
}
