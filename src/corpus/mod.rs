//! Finding, decoding and describing sources: the folders and files a run is given, their
//! metadata, and each text's paragraphs and sentences.

pub mod decode;
pub mod meta;
pub mod published;
pub mod structure;

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::files::{self, FileId, Files, display_path};
use crate::findings::{Code, Finding};
use crate::text::LineIndex;
pub use decode::OffsetMap;
pub use meta::{MetaRecord, SourceMeta};
pub use published::Published;
pub use structure::Structure;

/// A source to check: where it is and what is known about it.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    /// Its metadata; `id` is always set.
    pub meta: SourceMeta,
    /// Its path.
    pub path: PathBuf,
    /// Where `sources.toml` names it, if it does.
    pub declared: Option<(FileId, Range<usize>)>,
}

/// The sources of a run, ordered by path.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The sources, each in its own allocation: a run frees each as its source is checked,
    /// and sorting moves pointers.
    pub sources: Vec<Box<SourceEntry>>,
}

/// A source's text, decoded and segmented.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The decoded text (not shared: making an `Arc<str>` of it would copy it).
    pub text: String,
    /// Its line index.
    pub lines: Arc<LineIndex>,
    /// Its paragraphs and sentences.
    pub structure: Structure,
    /// Offset of the first byte that was not UTF-8, if any.
    pub first_invalid: Option<usize>,
    /// Maps decoded offsets to original byte offsets.
    pub offsets: OffsetMap,
}

/// Sources larger than this are refused: offsets are kept as `u32`.
const MAX_SOURCE_BYTES: u64 = u32::MAX as u64;

impl SourceText {
    /// Decodes and segments `bytes`.
    pub fn new(bytes: Vec<u8>) -> Self {
        let decoded = decode::decode(bytes);
        let text = decoded.text;
        SourceText {
            lines: Arc::new(LineIndex::new(&text)),
            structure: Structure::of(&text),
            text,
            first_invalid: decoded.first_invalid,
            offsets: decoded.offsets,
        }
    }

    /// Reads and decodes the file at `path`.
    pub fn read(path: &Path) -> Result<Self, String> {
        use std::io::Read;
        // One open and one `stat` per file: the size is asked of the open file.
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let size = file.metadata().map_err(|e| e.to_string())?.len();
        if size >= MAX_SOURCE_BYTES {
            return Err(format!("it is {size} bytes; sources must be under 4 GiB"));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        // A file that grows while it is read is still refused past the limit.
        file.take(MAX_SOURCE_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        if bytes.len() as u64 >= MAX_SOURCE_BYTES {
            return Err("it grew to 4 GiB while it was read; sources must be under 4 GiB".into());
        }
        Ok(SourceText::new(bytes))
    }
}

impl Corpus {
    /// Finds the sources under `paths` (folders or files) and their metadata.
    pub fn discover(paths: &[PathBuf], files: &mut Files) -> Result<Corpus, Vec<Finding>> {
        let mut problems = Vec::new();
        let mut found: Vec<(PathBuf, Box<SourceEntry>)> = Vec::new();
        // Each metadata file is read once, even when two paths given share its folder.
        let mut metadata_seen: rustc_hash::FxHashSet<PathBuf> = Default::default();
        let mut entries = Vec::new();
        for path in paths {
            let listed = match files::list(path, &|_| true) {
                Ok(listed) => listed,
                Err(message) => {
                    problems.push(Finding::new(Code::UnreadableFile, message));
                    continue;
                }
            };
            let root = if path.is_dir() {
                path.as_path()
            } else {
                path.parent().unwrap_or(Path::new(""))
            };
            // A folder's files are listed together: each folder once, then sorted.
            let mut folders: Vec<PathBuf> = Vec::new();
            for file in &listed {
                let folder = file.parent().unwrap_or(Path::new(""));
                if folders.last().is_none_or(|last| last != folder) {
                    folders.push(folder.to_path_buf());
                }
            }
            folders.push(root.to_path_buf());
            folders.sort();
            folders.dedup();
            let metadata: Vec<PathBuf> = folders
                .into_iter()
                .map(|folder| folder.join(meta::METADATA_FILE))
                .filter(|metadata| metadata.is_file() && metadata_seen.insert(metadata.clone()))
                .collect();
            let read = read_metadata(&metadata, files);
            // Sized once: a corpus has many entries, and the list would double past them.
            entries.reserve(read.iter().flatten().map(|(read, _)| read.len()).sum());
            found.reserve(listed.len());
            for read in read {
                match read {
                    Ok((mut read, mut found)) => {
                        entries.append(&mut read);
                        problems.append(&mut found);
                    }
                    Err(problem) => problems.push(*problem),
                }
            }
            for file in listed {
                if file.file_name().is_some_and(|n| n == meta::METADATA_FILE) {
                    continue;
                }
                let relative = file.strip_prefix(root).unwrap_or(&file);
                let meta = SourceMeta {
                    id: meta::default_id(relative),
                    ..SourceMeta::default()
                };
                found.push((
                    normalize(&file),
                    Box::new(SourceEntry {
                        meta,
                        path: file,
                        declared: None,
                    }),
                ));
            }
        }
        in_path_order(&mut found);
        // Metadata describes the files found; it does not add files the paths did not name.
        // A file found was just listed; only one not found needs a look to tell an entry
        // for a file outside the paths given from one for no file at all.
        for entry in entries {
            let normalized = normalize(&entry.path);
            if let Ok(at) = found.binary_search_by(|(path, _)| path.cmp(&normalized)) {
                let source = &mut found[at].1;
                source.meta = entry.meta;
                source.declared = Some((entry.file, entry.id_span));
            } else if !entry.path.is_file() {
                problems.push(
                    Finding::new(
                        Code::UnreadableFile,
                        format!(
                            "`{}` named in sources.toml does not exist",
                            display_path(&entry.path)
                        ),
                    )
                    .label(entry.file, entry.path_span.clone(), "no such file"),
                );
            }
        }
        // In place: no second list of every source; then the room the paths took is given
        // back, which the list would hold until every source is read.
        let mut sources: Vec<Box<SourceEntry>> =
            found.into_iter().map(|(_, source)| source).collect();
        sources.shrink_to_fit();
        check_unique_ids(&sources, &mut problems);
        if problems.is_empty() && sources.is_empty() {
            problems.push(
                Finding::new(
                    Code::NoSources,
                    format!("no source to check in {}", files::quoted(paths)),
                )
                .help("give the folder or files to check with --sources"),
            );
        }
        if problems.is_empty() {
            Ok(Corpus { sources })
        } else {
            Err(problems)
        }
    }
}

/// Sorts the files found by normalised path, in place; a file found twice (under two of
/// the paths given) is kept as it was found last. Each folder's listing is already sorted,
/// so the (stable) sort mostly merges runs.
fn in_path_order(found: &mut Vec<(PathBuf, Box<SourceEntry>)>) {
    found.sort_by(|(a, _), (b, _)| a.cmp(b));
    // Of two alike, the one kept is the earlier slot: it takes the later one's entry.
    found.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            std::mem::swap(later, kept);
        }
        same
    });
}

/// What each metadata file says (read and parsed in parallel; in the order given).
type MetadataRead = Result<(Vec<meta::MetaEntry>, Vec<Finding>), Box<Finding>>;

/// Reads and parses the metadata files `paths` on all threads, registering each file in
/// the order given.
fn read_metadata(paths: &[PathBuf], files: &mut Files) -> Vec<MetadataRead> {
    let texts: Vec<Result<Arc<str>, Box<Finding>>> = paths
        .par_iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .map(Arc::from)
                .map_err(|error| {
                    Box::new(Finding::new(
                        Code::UnreadableFile,
                        format!("cannot read `{}`: {error}", display_path(path)),
                    ))
                })
        })
        .collect();
    let registered: Vec<_> = paths
        .iter()
        .zip(texts)
        .map(|(path, text)| text.map(|text| (files.add(path.clone(), text.clone()), path, text)))
        .collect();
    registered
        .into_par_iter()
        .map(|read| read.and_then(|(file, path, text)| meta::read(file, path, &text)))
        .collect()
}

fn check_unique_ids(sources: &[Box<SourceEntry>], problems: &mut Vec<Finding>) {
    let mut seen: BTreeMap<&str, &SourceEntry> = BTreeMap::new();
    for source in sources {
        let Some(first) = seen.insert(&source.meta.id, source) else {
            continue;
        };
        let mut finding = Finding::new(
            Code::DuplicateId,
            format!(
                "two sources have the id `{}`: `{}` and `{}`",
                source.meta.id,
                display_path(&first.path),
                display_path(&source.path)
            ),
        )
        .help("give one of them another `id` in sources.toml");
        for (file, span) in [&first.declared, &source.declared].into_iter().flatten() {
            finding = finding.label(*file, span.clone(), "this id");
        }
        problems.push(finding);
    }
}

/// `path` with `.` and `..` resolved lexically, to compare paths written two ways.
pub fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if normal.file_name().is_some() => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_come_in_path_order_once_each_as_found_last() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).expect("a folder");
        for file in ["c.txt", "a.txt", "b/x.txt", "b/a.txt"] {
            std::fs::write(root.join(file), "Text.").expect("a file");
        }
        // `b/x.txt` is found under the folder (as "b/x") and given alone (as "x").
        let paths = [
            root.to_path_buf(),
            root.join("b/x.txt"),
            root.join("b/../a.txt"),
        ];
        let mut files = Files::default();
        let corpus = Corpus::discover(&paths, &mut files).expect("sources");
        let ids: Vec<&str> = corpus.sources.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "b/a", "x", "c"]);
    }
}
