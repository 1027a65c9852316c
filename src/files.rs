//! The files a run reads (claim files, source metadata, sources), so that findings can point
//! into any of them by id and span.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::text::{LineCol, LineIndex};

/// Index of a file in [`Files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(usize);

/// One file's path and what is kept of its decoded text: all of it (the ledger, metadata,
/// a draft), or only the lines the report quotes (a source: the rest is read again from
/// disk if a late finding needs it).
#[derive(Debug, Clone)]
pub struct File {
    /// The path as the user gave it or as found under a folder they gave.
    pub path: PathBuf,
    content: Content,
}

#[derive(Debug, Clone)]
enum Content {
    /// The whole text.
    Full(Arc<str>, Arc<LineIndex>),
    /// Some lines of it.
    Excerpt(Arc<Excerpt>),
    /// Nothing yet: a source being checked.
    Pending,
}

/// The lines of a text that a report needs, with the line index of all of it, so that any
/// offset gets its line and, on a line of ASCII, its column.
#[derive(Debug)]
pub struct Excerpt {
    len: usize,
    lines: LineIndex,
    /// One bit per line: whether it is all ASCII.
    ascii: Vec<u64>,
    /// Runs of whole lines, in order: where each starts, and its text.
    pieces: Vec<(usize, String)>,
    /// Columns (0-based) of offsets on lines that are not ASCII and not in a piece.
    columns: Vec<(usize, usize)>,
    /// The whole text, read again when something outside the pieces is asked for.
    reread: std::sync::OnceLock<Option<Arc<str>>>,
    /// How to read it again.
    path: PathBuf,
}

impl Excerpt {
    /// Keeps the lines of `text` (at `path`) that hold any of `quoted`, and the columns of
    /// the ends of `located` on lines that are not ASCII (on the others a column needs no
    /// text).
    pub fn new(
        path: &Path,
        text: &str,
        lines: LineIndex,
        quoted: &[Range<usize>],
        located: &[Range<usize>],
    ) -> Self {
        let line_count = lines.count();
        let mut ascii = vec![0u64; line_count.div_ceil(64)];
        for line in 0..line_count {
            let range = lines.line_start(line)..lines.line_end(text, line);
            if text.get(range).is_some_and(str::is_ascii) {
                ascii[line / 64] |= 1 << (line % 64);
            }
        }
        let is_ascii = |line: usize| ascii[line / 64] & (1 << (line % 64)) != 0;
        let lines_of = |s: &Range<usize>| {
            let first = lines.line_of(s.start);
            (first, lines.line_of(s.end.saturating_sub(1).max(s.start)))
        };
        let in_text = |s: &&Range<usize>| s.start <= text.len();
        let mut wanted: Vec<(usize, usize)> = quoted.iter().filter(in_text).map(lines_of).collect();
        let mut columns: Vec<(usize, usize)> = located
            .iter()
            .filter(in_text)
            .flat_map(|s| [s.start, s.end.min(text.len())])
            .filter(|&offset| !is_ascii(lines.line_of(offset)))
            .filter_map(|offset| {
                let start = lines.line_start(lines.line_of(offset)).min(offset);
                text.get(start..offset).map(|s| (offset, s.chars().count()))
            })
            .collect();
        columns.sort_unstable();
        columns.dedup();
        wanted.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (first, last) in wanted {
            match merged.last_mut() {
                Some(run) if first <= run.1 + 1 => run.1 = run.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        let pieces = merged
            .into_iter()
            .filter_map(|(first, last)| {
                let start = lines.line_start(first).min(text.len());
                let end = lines.line_end(text, last).max(start);
                text.get(start..end).map(|piece| (start, piece.to_string()))
            })
            .collect();
        Excerpt {
            len: text.len(),
            lines,
            ascii,
            pieces,
            columns,
            reread: std::sync::OnceLock::new(),
            path: path.to_path_buf(),
        }
    }

    /// The piece that holds `span`, with where it starts.
    fn piece(&self, span: &Range<usize>) -> Option<(usize, &str)> {
        let i = self
            .pieces
            .partition_point(|(start, _)| *start <= span.start);
        let (start, text) = self.pieces.get(i.checked_sub(1)?)?;
        (span.end <= start + text.len()).then_some((*start, text.as_str()))
    }

    /// The whole text, read again.
    fn whole(&self) -> Option<&str> {
        self.reread
            .get_or_init(|| {
                let bytes = std::fs::read(&self.path).ok()?;
                let text: Arc<str> = crate::corpus::decode::decode(bytes).text.into();
                (text.len() == self.len).then_some(text)
            })
            .as_deref()
    }

    /// Text holding `span`, with where it starts: a piece, or the whole text read again.
    fn text_for(&self, span: &Range<usize>) -> Option<(usize, &str)> {
        self.piece(span)
            .or_else(|| self.whole().map(|text| (0, text)))
    }

    fn is_ascii(&self, line: usize) -> bool {
        self.ascii
            .get(line / 64)
            .is_some_and(|bits| bits & (1 << (line % 64)) != 0)
    }
}

impl File {
    /// The path with `/` separators, as printed in every output format.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        match &self.content {
            Content::Full(text, lines) => lines.line_col(text, offset),
            Content::Excerpt(excerpt) => {
                let line = excerpt.lines.line_of(offset);
                let start = excerpt.lines.line_start(line).min(offset);
                let known = || {
                    let i = excerpt.columns.binary_search_by_key(&offset, |&(o, _)| o);
                    i.ok().map(|i| excerpt.columns[i].1)
                };
                let column = if excerpt.is_ascii(line) {
                    offset - start
                } else if let Some(column) = excerpt.piece(&(start..offset)).map(|(base, text)| {
                    text.get(start - base..offset - base)
                        .map_or(offset - start, |s| s.chars().count())
                }) {
                    column
                } else if let Some(column) = known() {
                    column
                } else {
                    excerpt
                        .whole()
                        .and_then(|text| text.get(start..offset))
                        .map_or(offset - start, |s| s.chars().count())
                };
                LineCol {
                    line: line + 1,
                    column: column + 1,
                }
            }
            Content::Pending => LineCol { line: 1, column: 1 },
        }
    }

    /// The 0-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match &self.content {
            Content::Full(_, lines) => lines.line_of(offset),
            Content::Excerpt(excerpt) => excerpt.lines.line_of(offset),
            Content::Pending => 0,
        }
    }

    /// The text of 0-based lines `first..=last` (without the last one's line break) and
    /// the offset it starts at.
    pub fn lines_text(&self, first: usize, last: usize) -> Option<(usize, &str)> {
        let (text, base, lines) = match &self.content {
            Content::Full(text, lines) => (&**text, 0, &**lines),
            Content::Excerpt(excerpt) => {
                let start = excerpt.lines.line_start(first);
                let (base, text) = excerpt.text_for(&(start..start))?;
                (text, base, &excerpt.lines)
            }
            Content::Pending => return None,
        };
        let start = lines.line_start(first).checked_sub(base)?;
        let end = lines.line_end_in(text, base, last).checked_sub(base)?;
        text.get(start..end.max(start)).map(|t| (base + start, t))
    }

    /// The text of a span ("" if it is not there).
    pub fn slice(&self, span: Range<usize>) -> &str {
        match &self.content {
            Content::Full(text, _) => text.get(span).unwrap_or(""),
            Content::Excerpt(excerpt) => excerpt
                .text_for(&span)
                .and_then(|(base, text)| text.get(span.start - base..span.end - base))
                .unwrap_or(""),
            Content::Pending => "",
        }
    }

    /// The whole text, if the file is kept whole (a ledger file, metadata, a draft).
    pub fn full_text(&self) -> Option<&Arc<str>> {
        match &self.content {
            Content::Full(text, _) => Some(text),
            _ => None,
        }
    }
}

/// Every file of a run.
#[derive(Debug, Clone, Default)]
pub struct Files {
    files: Vec<File>,
}

impl Files {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: Arc<str>) -> FileId {
        let lines = Arc::new(LineIndex::new(&text));
        self.add_indexed(path, text, lines)
    }

    /// Registers a file whose line index is already built.
    pub fn add_indexed(&mut self, path: PathBuf, text: Arc<str>, lines: Arc<LineIndex>) -> FileId {
        self.files.push(File {
            path,
            content: Content::Full(text, lines),
        });
        FileId(self.files.len() - 1)
    }

    /// Registers a file whose text comes later, as an [`Excerpt`].
    pub fn add_pending(&mut self, path: PathBuf) -> FileId {
        self.files.push(File {
            path,
            content: Content::Pending,
        });
        FileId(self.files.len() - 1)
    }

    /// Gives a pending file its excerpt.
    pub fn set_excerpt(&mut self, id: FileId, excerpt: Excerpt) {
        self.files[id.0].content = Content::Excerpt(Arc::new(excerpt));
    }

    /// The file with id `id`.
    pub fn get(&self, id: FileId) -> &File {
        &self.files[id.0]
    }
}

/// Every regular, non-hidden file under `path` (itself if it is a file) that `keep` accepts,
/// in sorted order; or a message saying why `path` cannot be read.
pub fn list(path: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<Vec<PathBuf>, String> {
    let unreadable = |error: std::io::Error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            format!("`{}` does not exist", display_path(path))
        } else {
            format!("cannot read `{}`: {error}", display_path(path))
        }
    };
    if !std::fs::metadata(path).map_err(unreadable)?.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(unreadable)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    children.retain(|child| {
        !child
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    });
    children.sort();
    let mut found = Vec::new();
    for child in children {
        if child.is_dir() {
            found.append(&mut list(&child, keep)?);
        } else if keep(&child) {
            found.push(child);
        }
    }
    Ok(found)
}

/// Paths as a list for messages: "`claims`, `more-claims`".
pub fn quoted(paths: &[PathBuf]) -> String {
    let quoted: Vec<String> = paths
        .iter()
        .map(|p| format!("`{}`", display_path(p)))
        .collect();
    quoted.join(", ")
}

/// A path with `/` separators and no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// that readers never see half a file; the file gets `permissions` when given.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, bytes)
        .and_then(|()| match permissions {
            Some(permissions) => std::fs::set_permissions(&temporary, permissions),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write `{}`: {e}", display_path(path))
    })
}
