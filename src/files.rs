//! The files a run reads (claim files, source metadata, sources), so that findings can point
//! into any of them by id and span.

use std::borrow::Cow;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::spill::{Place, Spill};
use crate::text::{LineCol, LineIndex};

/// Index of a file in [`Files`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct FileId(usize);

/// One file's path and what is kept of its decoded text: all of it (the ledger, metadata,
/// a draft), or only the lines the report quotes (a source: kept in the run's spill file
/// until the report is written; the rest is read again from disk if a late finding needs
/// it).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct File {
    /// The path as the user gave it or as found under a folder they gave.
    pub path: PathBuf,
    content: Content,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Content {
    /// The whole text.
    Full(Arc<str>, Arc<LineIndex>),
    /// Some lines of it.
    Excerpt(Arc<Excerpt>),
    /// Some lines of it, in the run's spill file; `len` is the length of the text.
    #[serde(skip)]
    Spilled { place: Place, len: usize },
    /// Nothing of it (a report shows nothing of it): anything asked of it is read again
    /// from the file; `len` is the length of the text.
    #[serde(skip)]
    Unkept { len: usize },
    /// Nothing yet: a source being checked.
    Pending,
}

/// An excerpt as a run keeps it until the report is written: in memory, or in the run's
/// spill file.
#[derive(Debug)]
pub struct Kept(Content);

/// What a report needs of a text: the lines its findings show, the passages it quotes, and
/// the columns of places it names on lines that are not ASCII; with the line index of the
/// text when anything of it is reported. Anything else is read again from disk.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Excerpt {
    len: usize,
    index: Option<Index>,
    /// Passages of the text, in order and apart, one after another (one allocation, not
    /// one per passage).
    passages: String,
    /// Where each passage starts in the text and in `passages`.
    pieces: Vec<(usize, usize)>,
    /// Columns (0-based) of offsets on lines that are not ASCII.
    columns: Vec<(usize, usize)>,
    /// The whole text and its index, read again (from the file's path) when something
    /// else is asked for; boxed, as most excerpts never need it.
    #[serde(skip)]
    reread: std::sync::OnceLock<Option<Box<Whole>>>,
}

/// What a report needs of a text.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// Spans whose whole lines findings show.
    pub shown: Vec<Range<usize>>,
    /// Passages quoted as they are.
    pub quoted: Vec<Range<usize>>,
    /// Spans whose ends need a line and column.
    pub located: Vec<Range<usize>>,
}

/// A whole text read again, with its index.
type Whole = (Arc<str>, Index);

/// Where a text's lines start, and which of them are all ASCII (their columns are byte
/// counts).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Index {
    lines: LineIndex,
    ascii: Vec<u64>,
}

impl Index {
    fn new(text: &str, lines: LineIndex) -> Self {
        let count = lines.count();
        let mut ascii = vec![0u64; count.div_ceil(64)];
        for line in 0..count {
            let range = lines.line_start(line)..lines.line_end(text, line);
            if text.get(range).is_some_and(str::is_ascii) {
                ascii[line / 64] |= 1 << (line % 64);
            }
        }
        Index { lines, ascii }
    }

    fn is_ascii(&self, line: usize) -> bool {
        self.ascii
            .get(line / 64)
            .is_some_and(|bits| bits & (1 << (line % 64)) != 0)
    }
}

impl Excerpt {
    /// Keeps of `text` (with line index `lines`) what `wanted` names.
    pub fn new(text: &str, lines: LineIndex, wanted: &Wanted) -> Self {
        let Wanted {
            shown,
            quoted,
            located,
        } = wanted;
        let reported = !(shown.is_empty() && quoted.is_empty() && located.is_empty());
        let index = Index::new(text, lines);
        let in_text = |s: &&Range<usize>| s.end <= text.len() && s.start <= s.end;
        let mut ranges: Vec<Range<usize>> = shown
            .iter()
            .filter(in_text)
            .map(|s| {
                let (first, last) = (
                    index.lines.line_of(s.start),
                    index.lines.line_of(s.end.saturating_sub(1).max(s.start)),
                );
                // Through the line break, `\r` included, so a piece holds whole lines.
                let end = index
                    .lines
                    .starts_of(last + 1)
                    .map_or(text.len(), |next| next - 1);
                index.lines.line_start(first).min(s.start)..end.max(s.end)
            })
            .chain(quoted.iter().filter(in_text).cloned())
            .collect();
        ranges.sort_unstable_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        let passage = |r: &Range<usize>| text.get(r.clone()).map(|piece| (r.start, piece));
        let mut passages = String::with_capacity(
            merged
                .iter()
                .filter_map(passage)
                .map(|(_, p)| p.len())
                .sum(),
        );
        let mut pieces = Vec::with_capacity(merged.len());
        for (start, piece) in merged.iter().filter_map(passage) {
            pieces.push((start, passages.len()));
            passages.push_str(piece);
        }
        let mut columns: Vec<(usize, usize)> = located
            .iter()
            .filter(in_text)
            .flat_map(|s| [s.start, s.end])
            .filter(|&offset| !index.is_ascii(index.lines.line_of(offset)))
            .filter_map(|offset| {
                let start = index
                    .lines
                    .line_start(index.lines.line_of(offset))
                    .min(offset);
                text.get(start..offset).map(|s| (offset, s.chars().count()))
            })
            .collect();
        columns.sort_unstable();
        columns.dedup();
        Excerpt {
            len: text.len(),
            index: reported.then_some(index),
            passages,
            pieces,
            columns,
            reread: std::sync::OnceLock::new(),
        }
    }

    /// An excerpt that keeps nothing of a text of `len` bytes: everything asked of it is
    /// read again from the file.
    fn unkept(len: usize) -> Self {
        Excerpt {
            len,
            index: None,
            passages: String::new(),
            pieces: Vec::new(),
            columns: Vec::new(),
            reread: std::sync::OnceLock::new(),
        }
    }

    /// Keeps the excerpt until the report is written: in `spill` when a report shows
    /// anything of it (and the spill takes it), in memory otherwise; only its length when
    /// a report shows nothing of it.
    pub fn keep(self, spill: Option<&Spill>) -> Kept {
        if self.index.is_none() {
            return Kept(Content::Unkept { len: self.len });
        }
        let spilled = spill.and_then(|spill| spill.put(&self).ok());
        Kept(match spilled {
            Some(place) => Content::Spilled {
                place,
                len: self.len,
            },
            None => Content::Excerpt(Arc::new(self)),
        })
    }

    /// The piece that holds `span`, with where it starts.
    fn piece(&self, span: &Range<usize>) -> Option<(usize, &str)> {
        let i = self
            .pieces
            .partition_point(|(start, _)| *start <= span.start);
        let i = i.checked_sub(1)?;
        let (start, at) = *self.pieces.get(i)?;
        let end = self
            .pieces
            .get(i + 1)
            .map_or(self.passages.len(), |&(_, next)| next);
        let text = self.passages.get(at..end)?;
        (span.end <= start + text.len()).then_some((start, text))
    }

    /// The whole text (at `path`) and its index, read again.
    fn whole(&self, path: &Path) -> Option<&Whole> {
        self.reread
            .get_or_init(|| {
                let bytes = std::fs::read(path).ok()?;
                let text: Arc<str> = crate::corpus::decode::decode(bytes).text.into();
                let index = Index::new(&text, LineIndex::new(&text));
                (text.len() == self.len).then(|| Box::new((text, index)))
            })
            .as_deref()
    }

    /// The line index: kept, or made from the text (at `path`) read again.
    fn index(&self, path: &Path) -> Option<&Index> {
        self.index
            .as_ref()
            .or_else(|| self.whole(path).map(|(_, index)| index))
    }

    /// Text holding `span`, with where it starts: a piece, or the whole text (at `path`)
    /// read again.
    fn text_for(&self, span: &Range<usize>, path: &Path) -> Option<(usize, &str)> {
        self.piece(span)
            .or_else(|| self.whole(path).map(|(text, _)| (0, &**text)))
    }

    /// The 1-based line and column of `offset` (in the text at `path`).
    fn line_col(&self, offset: usize, path: &Path) -> LineCol {
        let Some(index) = self.index(path) else {
            return LineCol {
                line: 1,
                column: offset + 1,
            };
        };
        let line = index.lines.line_of(offset);
        let start = index.lines.line_start(line).min(offset);
        let counted = |(base, text): (usize, &str)| {
            text.get(start - base..offset - base)
                .map(|s| s.chars().count())
        };
        let column = if index.is_ascii(line) {
            Some(offset - start)
        } else {
            self.piece(&(start..offset))
                .and_then(counted)
                .or_else(|| {
                    self.columns
                        .binary_search_by_key(&offset, |&(o, _)| o)
                        .ok()
                        .map(|i| self.columns[i].1)
                })
                .or_else(|| self.whole(path).and_then(|(text, _)| counted((0, text))))
        };
        LineCol {
            line: line + 1,
            column: column.unwrap_or(offset - start) + 1,
        }
    }

    /// The text of 0-based lines `first..=last` (of the text at `path`) and the offset it
    /// starts at.
    fn lines_text(&self, first: usize, last: usize, path: &Path) -> Option<(usize, &str)> {
        let index = self.index(path)?;
        let start = index.lines.line_start(first);
        let end_of_last = index.lines.starts_of(last + 1).map_or(self.len, |s| s - 1);
        let (base, text) = match self.piece(&(start..start)) {
            Some((base, text)) if base + text.len() >= end_of_last => (base, text),
            _ => self.whole(path).map(|(text, _)| (0, &**text))?,
        };
        let end = index.lines.line_end_in(text, base, last);
        text.get(start - base..end.max(start) - base)
            .map(|t| (start, t))
    }
}

impl File {
    /// Moves what is kept of the file's text to `spill`, if it is an excerpt held nowhere
    /// else that a report shows something of (and the spill takes it).
    pub fn spill(&mut self, spill: &Spill) {
        let content = std::mem::replace(&mut self.content, Content::Pending);
        self.content = match content {
            Content::Excerpt(excerpt) => match Arc::try_unwrap(excerpt) {
                Ok(excerpt) => excerpt.keep(Some(spill)).0,
                Err(shared) => Content::Excerpt(shared),
            },
            other => other,
        };
    }

    /// The path with `/` separators, as printed in every output format.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        match &self.content {
            Content::Full(text, lines) => lines.line_col(text, offset),
            Content::Excerpt(excerpt) => excerpt.line_col(offset, &self.path),
            Content::Spilled { .. } | Content::Unkept { .. } | Content::Pending => {
                LineCol { line: 1, column: 1 }
            }
        }
    }

    /// The 0-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match &self.content {
            Content::Full(_, lines) => lines.line_of(offset),
            Content::Excerpt(excerpt) => excerpt
                .index(&self.path)
                .map_or(0, |i| i.lines.line_of(offset)),
            Content::Spilled { .. } | Content::Unkept { .. } | Content::Pending => 0,
        }
    }

    /// The text of 0-based lines `first..=last` (without the last one's line break) and
    /// the offset it starts at.
    pub fn lines_text(&self, first: usize, last: usize) -> Option<(usize, &str)> {
        match &self.content {
            Content::Full(text, lines) => {
                let start = lines.line_start(first);
                let end = lines.line_end(text, last);
                text.get(start..end.max(start)).map(|t| (start, t))
            }
            Content::Excerpt(excerpt) => excerpt.lines_text(first, last, &self.path),
            Content::Spilled { .. } | Content::Unkept { .. } | Content::Pending => None,
        }
    }

    /// The text of a span ("" if it is not there).
    pub fn slice(&self, span: Range<usize>) -> &str {
        match &self.content {
            Content::Full(text, _) => text.get(span).unwrap_or(""),
            Content::Excerpt(excerpt) => excerpt
                .text_for(&span, &self.path)
                .and_then(|(base, text)| text.get(span.start - base..span.end - base))
                .unwrap_or(""),
            Content::Spilled { .. } | Content::Unkept { .. } | Content::Pending => "",
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

/// Every file of a run, by id, in blocks of [`BLOCK`]. A full block of sources whose
/// excerpts are in the spill file (or not kept) waits there too, as one record, and is
/// read back when one of its files is asked for: a run holds a place per block of
/// sources, not a path and an entry per source.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// Every block but the last holds [`BLOCK`] files.
    blocks: Vec<Block>,
    /// How many files there are.
    len: usize,
    /// The run's spill file, if it has one.
    spill: Option<Arc<Spill>>,
    /// The excerpts last read back from it, by file.
    recent: Arc<Recent<FileId, Excerpt>>,
    /// The blocks last read back from it, by place (a place is never reused; a block's
    /// number is, after [`Files::split_off`]).
    recent_blocks: Arc<Recent<Place, [Sealed]>>,
    /// Why a block could not be read back, if one could not.
    lost: Arc<std::sync::OnceLock<String>>,
}

/// Files per block of [`Files`].
const BLOCK: usize = 256;

/// Files of [`Files`], in memory or in the spill file.
#[derive(Debug, Clone)]
enum Block {
    Here(Vec<File>),
    There(Place),
}

/// A file of a block in the spill file: its path, and where what is kept of its text is
/// (nowhere when nothing is kept of it).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Sealed {
    path: PathBuf,
    place: Option<Place>,
    len: usize,
}

impl Sealed {
    /// `file` as a block in the spill file holds it, if its excerpt is there or unkept.
    fn of(file: &File) -> Option<Self> {
        let (place, len) = match file.content {
            Content::Spilled { place, len } => (Some(place), len),
            Content::Unkept { len } => (None, len),
            _ => return None,
        };
        Some(Sealed {
            path: file.path.clone(),
            place,
            len,
        })
    }

    /// The file again, as it was before its block was sealed.
    fn file(&self) -> File {
        let (place, len) = (self.place, self.len);
        File {
            path: self.path.clone(),
            content: place.map_or(Content::Unkept { len }, |place| Content::Spilled {
                place,
                len,
            }),
        }
    }
}

/// The error of a block of files read back with fewer files than it was written with.
fn short_block() -> io::Error {
    io::Error::other("a block of files came back short")
}

/// Values read back from the spill file, the latest last: the findings of a source come
/// one after another, and so do the files a late finding points into.
#[derive(Debug)]
struct Recent<K, V: ?Sized> {
    list: Mutex<Vec<(K, Arc<V>)>>,
    /// How many are kept at once.
    keeps: usize,
}

impl<K: PartialEq + Copy, V: ?Sized> Recent<K, V> {
    fn new(keeps: usize) -> Self {
        Recent {
            list: Mutex::new(Vec::new()),
            keeps,
        }
    }

    /// The value kept for `key`, or the one `read` gives, then kept.
    fn get_or<E>(&self, key: K, read: impl FnOnce() -> Result<Arc<V>, E>) -> Result<Arc<V>, E> {
        let found = self.list.lock().ok().and_then(|list| {
            let found = list.iter().find(|(k, _)| *k == key);
            found.map(|(_, value)| Arc::clone(value))
        });
        if let Some(found) = found {
            return Ok(found);
        }
        let value = read()?;
        if let Ok(mut list) = self.list.lock() {
            if list.len() == self.keeps {
                list.remove(0);
            }
            list.push((key, Arc::clone(&value)));
        }
        Ok(value)
    }
}

impl Default for Recent<FileId, Excerpt> {
    fn default() -> Self {
        // A source's excerpt is asked for again by each of its findings.
        Recent::new(64)
    }
}

impl Default for Recent<Place, [Sealed]> {
    fn default() -> Self {
        // A block holds the files of 256 sources, asked about one after another.
        Recent::new(8)
    }
}

impl Files {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: Arc<str>) -> FileId {
        let lines = Arc::new(LineIndex::new(&text));
        self.add_indexed(path, text, lines)
    }

    /// Registers a file whose line index is already built.
    pub fn add_indexed(&mut self, path: PathBuf, text: Arc<str>, lines: Arc<LineIndex>) -> FileId {
        self.push(File {
            path,
            content: Content::Full(text, lines),
        })
    }

    /// Registers files whose texts come later, as [`Excerpt`]s; returns their ids, to be
    /// taken with [`Files::pending`] and given their excerpts where each is read.
    pub fn add_pending(&mut self, paths: impl Iterator<Item = PathBuf>) -> Range<usize> {
        let first = self.len;
        for path in paths {
            self.push(File {
                path,
                content: Content::Pending,
            });
        }
        first..self.len
    }

    /// The files `ids` that are still waiting for their excerpts, with their ids, in order.
    pub fn pending(&mut self, ids: Range<usize>) -> Vec<(FileId, &mut File)> {
        let mut pending = Vec::with_capacity(ids.len());
        let blocks = self.blocks.iter_mut().enumerate().skip(ids.start / BLOCK);
        for (block, files) in blocks {
            let first = block * BLOCK;
            if first >= ids.end {
                break;
            }
            let Block::Here(files) = files else { continue };
            let files = files.iter_mut().enumerate().map(|(at, f)| (first + at, f));
            pending.extend(
                files
                    .filter(|(id, f)| ids.contains(id) && matches!(f.content, Content::Pending))
                    .map(|(id, file)| (FileId(id), file)),
            );
        }
        pending
    }

    /// Moves every full block whose files' excerpts are all in the spill file (or not
    /// kept) to the spill file, as one record; a block the spill does not take stays.
    pub fn seal(&mut self) {
        let Some(spill) = &self.spill else { return };
        let full = self.len / BLOCK;
        for block in &mut self.blocks[..full] {
            let Block::Here(files) = block else { continue };
            let sealed: Option<Vec<Sealed>> = files.iter().map(Sealed::of).collect();
            if let Some(place) = sealed.and_then(|sealed| spill.put(&sealed).ok()) {
                *block = Block::There(place);
            }
        }
    }

    /// Starts a spill file for what is kept of the sources to come, if the system gives
    /// one (if not, it is kept in memory); returns it.
    pub fn start_spill(&mut self) -> Option<Arc<Spill>> {
        if self.spill.is_none() {
            self.spill = Spill::new().ok().map(Arc::new);
        }
        self.spill.clone()
    }

    /// Stops keeping the texts of files `ids` (metadata files, once read): anything a
    /// report later asks of them is read again from the file.
    pub fn unkeep(&mut self, ids: Range<usize>) {
        for id in ids {
            let Some(Block::Here(files)) = self.blocks.get_mut(id / BLOCK) else {
                continue;
            };
            let Some(file) = files.get_mut(id % BLOCK) else {
                continue;
            };
            if let Content::Full(text, _) = &file.content {
                file.content = Content::Unkept { len: text.len() };
            }
        }
    }

    /// The file with id `id`; its excerpt is read back if it was spilled, and made if
    /// nothing of it was kept. If its block cannot be read back from the spill file, the
    /// file has no path and no text, and [`Files::intact`] says why from then on.
    pub fn get(&self, id: FileId) -> Cow<'_, File> {
        let file = match &self.blocks[id.0 / BLOCK] {
            Block::Here(files) => Cow::Borrowed(&files[id.0 % BLOCK]),
            Block::There(place) => Cow::Owned(self.sealed(id, *place)),
        };
        let (place, len) = match file.content {
            Content::Spilled { place, len } => (Some(place), len),
            Content::Unkept { len } => (None, len),
            _ => return file,
        };
        Cow::Owned(File {
            path: file.path.clone(),
            content: Content::Excerpt(self.read_back(id, place, len)),
        })
    }

    /// File `id` of the block at `place`, from the blocks read back recently or read back
    /// now; a file with no path and no text if it cannot be.
    fn sealed(&self, id: FileId, place: Place) -> File {
        let file = self.block(place).and_then(|files| {
            files
                .get(id.0 % BLOCK)
                .map(Sealed::file)
                .ok_or_else(short_block)
        });
        file.unwrap_or_else(|error: io::Error| {
            let _ = self.lost.set(format!("the list of files is lost: {error}"));
            File {
                path: PathBuf::new(),
                content: Content::Unkept { len: 0 },
            }
        })
    }

    /// The block at `place`, from the blocks read back recently or read back now.
    fn block(&self, place: Place) -> io::Result<Arc<[Sealed]>> {
        self.recent_blocks.get_or(place, || {
            let spill = self.spill.as_ref();
            let spill = spill.ok_or_else(|| io::Error::other("no spill file"))?;
            Ok(spill.get::<Vec<Sealed>>(place)?.into())
        })
    }

    /// An error if a block of files could not be read back from the spill file: a report
    /// written since may miss paths and lines, and must not stand.
    pub fn intact(&self) -> io::Result<()> {
        match self.lost.get() {
            Some(lost) => Err(io::Error::other(lost.clone())),
            None => Ok(()),
        }
    }

    /// The excerpt of file `id`, spilled at `place` if anything of it was kept: from the
    /// recent ones (which keep what was read again of a file asked about more than once),
    /// or read back. If it cannot be read back, everything asked of it is read again from
    /// the file.
    fn read_back(&self, id: FileId, place: Option<Place>, len: usize) -> Arc<Excerpt> {
        let read = || -> Result<_, std::convert::Infallible> {
            let kept = place.zip(self.spill.as_ref());
            let excerpt = kept.and_then(|(place, spill)| spill.get(place).ok());
            Ok(Arc::new(excerpt.unwrap_or_else(|| Excerpt::unkept(len))))
        };
        let Ok(excerpt) = self.recent.get_or(id, read);
        excerpt
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no file.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Registers a file read by another run.
    pub fn push(&mut self, file: File) -> FileId {
        match self.blocks.last_mut() {
            Some(Block::Here(files)) if files.len() < BLOCK => files.push(file),
            _ => {
                let mut files = Vec::with_capacity(BLOCK);
                files.push(file);
                self.blocks.push(Block::Here(files));
            }
        }
        self.len += 1;
        FileId(self.len - 1)
    }

    /// The files from id `first` on, taken out (their excerpts read back); fails if a
    /// block of them cannot be read back.
    pub fn split_off(&mut self, first: usize) -> io::Result<Vec<File>> {
        let first = first.min(self.len);
        let taken: Vec<File> = (first..self.len)
            .map(|id| self.get(FileId(id)).into_owned())
            .collect();
        self.intact()?;
        let partial = first % BLOCK;
        let kept = match self.blocks.get(first / BLOCK) {
            Some(Block::Here(files)) if partial > 0 => Some(files[..partial].to_vec()),
            Some(Block::There(place)) if partial > 0 => {
                let sealed = self.block(*place)?;
                let kept = sealed.get(..partial).ok_or_else(short_block)?;
                Some(kept.iter().map(Sealed::file).collect())
            }
            _ => None,
        };
        self.blocks.truncate(first / BLOCK);
        self.blocks.extend(kept.map(Block::Here));
        self.len = first;
        // The ids taken out will be given again: what was read back of them is not theirs.
        self.recent = Arc::default();
        Ok(taken)
    }

    /// The files before id `end`.
    pub fn before(&self, end: usize) -> Vec<Cow<'_, File>> {
        (0..end.min(self.len))
            .map(|id| self.get(FileId(id)))
            .collect()
    }
}

impl File {
    /// Gives a file registered as pending its excerpt.
    pub fn set_excerpt(&mut self, excerpt: Kept) {
        self.content = excerpt.0;
    }
}

impl FileId {
    /// The id's position in [`Files`].
    pub fn index(self) -> usize {
        self.0
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
    // The entry's own type needs no further system call; only a link is followed.
    let mut children: Vec<(std::ffi::OsString, PathBuf, bool)> = Vec::new();
    for entry in std::fs::read_dir(path).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type().map_err(unreadable)?;
        let child = entry.path();
        let is_dir = if kind.is_symlink() {
            child.is_dir()
        } else {
            kind.is_dir()
        };
        children.push((name, child, is_dir));
    }
    // Children of one folder differ only in their names (kept as read, so that sorting
    // does not take each path apart again).
    children.sort_unstable_by(|(a, ..), (b, ..)| a.cmp(b));
    let mut found = Vec::new();
    for (_, child, is_dir) in children {
        if is_dir {
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
/// that readers never see half a file; the file gets `permissions` when given. A link is
/// followed, so the file it points at is written and the link stays; a path that is not a
/// regular file (`/dev/null`, `/dev/stdout`, a pipe) is written in place, never replaced.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), String> {
    write_atomically_with(path, permissions, |out| out.write_all(bytes))
}

/// [`write_atomically`] for output made as it is written (`write` gets a buffered writer).
pub fn write_atomically_with(
    path: &Path,
    permissions: Option<std::fs::Permissions>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), String> {
    use std::io::Write;
    let buffered = |file: std::fs::File| {
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    };
    let failed = |e: std::io::Error| format!("cannot write `{}`: {e}", display_path(path));
    let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let path = &if linked {
        std::fs::canonicalize(path).map_err(failed)?
    } else {
        path.to_path_buf()
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(buffered)
            .map_err(failed);
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temporary)
        .and_then(buffered)
        .and_then(|()| match permissions {
            Some(permissions) => std::fs::set_permissions(&temporary, permissions),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\u{feff}Title line\r\n\r\nKsenia Karelina met Ксения Карелина in Abu Dhabi.\r\nA total of 26 people.\nLast line without break";

    /// A source file holding [`TEXT`] in a new temporary folder (removed when the returned
    /// handle is dropped), registered as an excerpt wanting `wanted`, spilled
    /// to disk when `spilled`.
    fn excerpt(name: &str, wanted: &Wanted, spilled: bool) -> (tempfile::TempDir, Files, FileId) {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join(name);
        std::fs::write(&path, TEXT).expect("write");
        let mut files = Files::default();
        let spill = if spilled { files.start_spill() } else { None };
        let kept = Excerpt::new(TEXT, LineIndex::new(TEXT), wanted).keep(spill.as_deref());
        let reported = wanted.shown.len() + wanted.quoted.len() + wanted.located.len() > 0;
        assert_eq!(
            matches!(kept.0, Content::Spilled { .. }),
            spilled && reported
        );
        // Of a text the report shows nothing of, only the length is kept.
        assert_eq!(matches!(kept.0, Content::Unkept { .. }), !reported);
        let ids = files.add_pending(std::iter::once(path.clone()));
        let (id, file) = files.pending(ids).pop().expect("one file");
        file.set_excerpt(kept);
        (dir, files, id)
    }

    /// What every test of an excerpt is run on: kept in memory, and spilled.
    const KEPT: [bool; 2] = [false, true];

    #[test]
    fn an_excerpt_answers_as_the_whole_text_would() {
        let at = |needle: &str| TEXT.find(needle).expect("present");
        let figure = at("26")..at("26") + 2;
        let sentence = at("A total")..at("people.") + 7;
        let cyrillic = at("Ксения")..at(" in Abu");
        let wanted = Wanted {
            shown: vec![figure],
            quoted: vec![sentence],
            located: vec![cyrillic],
        };
        for spilled in KEPT {
            let (_dir, files, id) = excerpt("excerpt.txt", &wanted, spilled);
            answers_as_the_whole_text(&files.get(id), &wanted);
        }
    }

    /// Asserts that `file` (holding [`TEXT`]) answers as if kept whole.
    fn answers_as_the_whole_text(file: &File, wanted: &Wanted) {
        let at = |needle: &str| TEXT.find(needle).expect("present");
        let (figure, sentence, cyrillic) = (
            wanted.shown[0].clone(),
            wanted.quoted[0].clone(),
            wanted.located[0].clone(),
        );
        let lines = LineIndex::new(TEXT);
        for offset in (0..=TEXT.len()).filter(|&o| TEXT.is_char_boundary(o)) {
            assert_eq!(
                file.line_col(offset),
                lines.line_col(TEXT, offset),
                "offset {offset}"
            );
        }
        assert_eq!(file.slice(sentence.clone()), &TEXT[sentence]);
        assert_eq!(file.slice(cyrillic.clone()), &TEXT[cyrillic]);
        let line = lines.line_of(figure.start);
        assert_eq!(
            file.lines_text(line, line),
            Some((at("A total"), "A total of 26 people."))
        );
        let title = lines.line_of(at("Title"));
        assert_eq!(file.lines_text(title, title), Some((3, "Title line")));
    }

    #[test]
    fn passages_apart_answer_only_for_themselves() {
        // Two lines kept apart: a span of one passage, of the other, and one that runs from
        // the first past its end (answered from the text read again, never from the next
        // passage, which follows it in memory).
        let at = |needle: &str| TEXT.find(needle).expect("present");
        let title = at("Title")..at("Title") + 5;
        let figure = at("26")..at("26") + 2;
        let wanted = Wanted {
            shown: vec![title.clone(), figure.clone()],
            ..Wanted::default()
        };
        let across = title.start..at("Ksenia") + 6;
        for spilled in KEPT {
            let (_dir, files, id) = excerpt("apart.txt", &wanted, spilled);
            let file = files.get(id);
            for span in [
                &title,
                &figure,
                &across,
                &(at("line") + 4..at("A total") + 1),
            ] {
                assert_eq!(file.slice(span.clone()), &TEXT[span.clone()], "{span:?}");
            }
        }
    }

    #[test]
    fn a_file_nothing_of_which_is_reported_is_read_again_when_asked() {
        let (_dir, files, id) = excerpt("unreported.txt", &Wanted::default(), true);
        let file = files.get(id);
        let offset = TEXT.find("Карелина").expect("present");
        assert_eq!(
            file.line_col(offset),
            LineIndex::new(TEXT).line_col(TEXT, offset)
        );
        assert_eq!(file.slice(offset..offset + "Карелина".len()), "Карелина");
    }

    /// Where the figure of [`TEXT`] is, and a report that shows it.
    fn the_figure_shown() -> (usize, Wanted) {
        let figure = TEXT.find("26").expect("present");
        let span = figure..figure + 2;
        let wanted = Wanted {
            shown: vec![span],
            ..Wanted::default()
        };
        (figure, wanted)
    }

    #[test]
    fn an_excerpt_that_cannot_be_read_back_is_read_again_from_its_file() {
        let (figure, wanted) = the_figure_shown();
        let (_dir, mut files, id) = excerpt("lost.txt", &wanted, true);
        // A place the spill file does not have.
        let place = files
            .start_spill()
            .and_then(|spill| spill.put("not an excerpt").ok())
            .expect("a spill");
        let Block::Here(list) = &mut files.blocks[0] else {
            panic!("a block in memory")
        };
        list[id.0].content = Content::Spilled {
            place,
            len: TEXT.len(),
        };
        let file = files.get(id);
        assert_eq!(file.slice(figure..figure + 2), "26");
        assert_eq!(
            file.line_col(figure),
            LineIndex::new(TEXT).line_col(TEXT, figure)
        );
    }

    #[test]
    fn split_off_reads_spilled_excerpts_back() {
        let (_, wanted) = the_figure_shown();
        let (_dir, mut files, id) = excerpt("split.txt", &wanted, true);
        let taken = files.split_off(id.index()).expect("read back");
        assert!(files.is_empty());
        assert!(matches!(
            &taken[..],
            [File {
                content: Content::Excerpt(_),
                ..
            }]
        ));
        assert!(serde_json::to_string(&taken).is_ok());
    }

    /// `count` files after one kept whole, each a source read with the figure of
    /// [`the_figure_shown`] spilled (or with nothing kept of every third), in blocks.
    fn sources(count: usize) -> (tempfile::TempDir, Files) {
        let (_, wanted) = the_figure_shown();
        let dir = tempfile::tempdir().expect("folder");
        let mut files = Files::default();
        files.add("claims/ledger.toml".into(), "[[claim]]".into());
        let spill = files.start_spill();
        let path = |n: usize| dir.path().join(format!("{n:04}.txt"));
        for n in 0..count {
            std::fs::write(path(n), TEXT).expect("write");
        }
        let ids = files.add_pending((0..count).map(path));
        for (id, file) in files.pending(ids) {
            let wanted = if id.0 % 3 == 0 {
                &Wanted::default()
            } else {
                &wanted
            };
            let excerpt = Excerpt::new(TEXT, LineIndex::new(TEXT), wanted);
            file.set_excerpt(excerpt.keep(spill.as_deref()));
        }
        (dir, files)
    }

    #[test]
    fn full_blocks_of_read_sources_wait_on_disk_and_answer_as_before() {
        let count = 2 * BLOCK + 10;
        let (dir, mut files) = sources(count);
        let before: Vec<File> = (0..=count)
            .map(|id| files.get(FileId(id)).into_owned())
            .collect();
        files.seal();
        // The first block holds the ledger file, kept whole; the second is full of sources;
        // the third is not full.
        let sealed: Vec<bool> = (files.blocks.iter())
            .map(|block| matches!(block, Block::There(_)))
            .collect();
        assert_eq!(sealed, [false, true, false]);
        let (figure, _) = the_figure_shown();
        for (id, was) in before.iter().enumerate() {
            let file = files.get(FileId(id));
            assert_eq!(file.path, was.path, "file {id}");
            assert_eq!(
                file.slice(figure..figure + 2),
                was.slice(figure..figure + 2)
            );
            assert_eq!(file.line_col(figure), was.line_col(figure));
        }
        assert!(files.get(FileId(BLOCK + 1)).path.starts_with(dir.path()));
        assert_eq!(
            files.get(FileId(0)).full_text().map(|t| &**t),
            Some("[[claim]]")
        );
        // Files added later get the next ids, in a block of their own.
        let next = files.add("draft.md".into(), "A draft".into());
        assert_eq!(next.index(), count + 1);
        assert_eq!(files.get(next).path, Path::new("draft.md"));
        // Taking files out from the middle of a sealed block reads it back.
        let taken = files.split_off(BLOCK + 5).expect("read back");
        assert_eq!(taken.len(), count + 2 - (BLOCK + 5));
        assert_eq!(taken[0].path, before[BLOCK + 5].path);
        assert_eq!(files.len(), BLOCK + 5);
        assert_eq!(files.get(FileId(BLOCK + 4)).path, before[BLOCK + 4].path);
        assert_eq!(files.add("next.md".into(), "".into()).index(), BLOCK + 5);
        assert!(files.intact().is_ok());
    }

    #[test]
    fn ids_given_again_after_split_off_answer_for_their_new_files() {
        let (_dir, mut files) = sources(2 * BLOCK + 10);
        files.seal();
        let id = FileId(BLOCK + 250);
        let (figure, _) = the_figure_shown();
        files.split_off(BLOCK + 5).expect("read back");
        // The second block again, with other files: read back nothing of the old one.
        let spill = files.start_spill();
        let again = |n: usize| PathBuf::from(format!("again-{n}.txt"));
        let ids = files.add_pending((0..BLOCK - 5).map(again));
        for (_, file) in files.pending(ids) {
            let nothing = Excerpt::new("", LineIndex::new(""), &Wanted::default());
            file.set_excerpt(nothing.keep(spill.as_deref()));
        }
        files.seal();
        assert!(matches!(files.blocks[1], Block::There(_)));
        let file = files.get(id);
        assert_eq!(file.path, again(245));
        assert_eq!(file.slice(figure..figure + 2), "");
    }

    #[test]
    fn a_block_with_a_file_not_yet_read_stays_in_memory() {
        // The ledger file and 3 × 256 - 1 sources: three full blocks.
        let (_dir, mut files) = sources(3 * BLOCK - 1);
        let Block::Here(second) = &mut files.blocks[1] else {
            panic!("in memory")
        };
        second[7].content = Content::Pending;
        files.seal();
        let sealed: Vec<bool> = (files.blocks.iter())
            .map(|block| matches!(block, Block::There(_)))
            .collect();
        assert_eq!(sealed, [false, false, true]);
        // The source not read is still waiting, and found.
        let waiting = files.pending(0..files.len());
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].0.index(), BLOCK + 7);
    }

    #[test]
    fn a_block_that_cannot_be_read_back_fails_the_report() {
        let (_dir, mut files) = sources(2 * BLOCK);
        files.seal();
        let spill = files.start_spill().expect("a spill");
        files.blocks[1] = Block::There(spill.put("not a block").expect("put"));
        assert!(files.intact().is_ok());
        let file = files.get(FileId(BLOCK + 1));
        assert_eq!(file.path, Path::new(""));
        let error = files.intact().expect_err("lost");
        assert!(
            error.to_string().contains("the list of files is lost"),
            "{error}"
        );
        assert!(files.split_off(1).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn writing_follows_links_and_never_replaces_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("folder");
        let target = dir.path().join("report.json");
        let link = dir.path().join("latest.json");
        std::fs::write(&target, "old").expect("write");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        write_atomically(&link, b"new", None).expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "new");
        // `-o /dev/null` must not rename a file over the device.
        write_atomically(Path::new("/dev/null"), b"discarded", None).expect("written");
        let null = std::fs::metadata("/dev/null").expect("/dev/null");
        assert!(
            null.file_type().is_char_device(),
            "/dev/null is still a device"
        );
    }
}
