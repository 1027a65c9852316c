//! Finding, decoding and describing sources: the folders and files a run is given, their
//! metadata, and each text's paragraphs and sentences.

pub mod decode;
pub mod meta;
pub mod published;
pub mod structure;
mod waiting;

use compact_str::CompactString;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::files::{self, FileId, Files, display_path};
use crate::findings::{Code, Finding};
use crate::spill::{Spill, Stored};
use crate::text::LineIndex;
pub use decode::OffsetMap;
pub use meta::{MetaRecord, SourceMeta};
pub use published::Published;
pub use structure::Structure;
pub use waiting::Waiting;

/// A source to check: where it is and what is known about it. A corpus has many: what
/// the check needs of its metadata is here, the rest waits in the run's spill file.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    /// Its id: from `sources.toml`, else its path under the folder it was found in.
    pub id: CompactString,
    /// Who published it, if `sources.toml` says.
    pub outlet: Option<CompactString>,
    /// When it was published, if `sources.toml` says.
    pub published: Option<Published>,
    /// Its metadata in full, if `sources.toml` describes it (without, it is the id alone).
    pub described: Option<Stored<Box<MetaRecord>>>,
    /// Its path (a run's list of files takes it once the source is registered there).
    pub path: PathBuf,
    /// Where `sources.toml` names it, if it does.
    pub declared: Option<(FileId, Range<usize>)>,
}

/// The sources of a run, ordered by path.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The sources, each in its own allocation, so that sorting moves pointers (a run then
    /// hands them on in batches: see [`Waiting`]).
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
    /// Finds the sources under `paths` (folders or files) and their metadata, which waits in
    /// `spill` if there is one.
    pub fn discover(
        paths: &[PathBuf],
        files: &mut Files,
        spill: Option<&Arc<Spill>>,
    ) -> Result<Corpus, Vec<Finding>> {
        let mut problems = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        // Each metadata file is read once, even when two paths given share its folder.
        let mut metadata_seen: rustc_hash::FxHashSet<PathBuf> = Default::default();
        let mut metadata: Vec<PathBuf> = Vec::new();
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
            metadata.extend(
                folders
                    .into_iter()
                    .map(|folder| folder.join(meta::METADATA_FILE))
                    .filter(|metadata| {
                        metadata.is_file() && metadata_seen.insert(metadata.clone())
                    }),
            );
            found.reserve(listed.len());
            for file in listed {
                if file.file_name().is_some_and(|n| n == meta::METADATA_FILE) {
                    continue;
                }
                let relative = file.strip_prefix(root).unwrap_or(&file);
                found.push(Found {
                    normalized: normalized(&file),
                    entry: Box::new(SourceEntry {
                        id: meta::default_id(relative).into(),
                        outlet: None,
                        published: None,
                        described: None,
                        path: file,
                        declared: None,
                    }),
                });
            }
        }
        in_path_order(&mut found);
        // Metadata describes the files found; it does not add files the paths did not name.
        // A file found was just listed; only one not found needs a look to tell an entry
        // for a file outside the paths given from one for no file at all. The metadata
        // files are read a few at a time, each batch's entries given to their sources
        // before the next is read: a corpus's parsed entries are never held at once.
        let mut missing = Vec::new();
        for batch in metadata.chunks(METADATA_BATCH) {
            // A batch's texts are not kept once its entries are given out: a finding about
            // one reads it again.
            let first = files.len();
            let reads = read_metadata(batch, files);
            files.unkeep(first..files.len());
            for read in reads {
                let entries = match read {
                    Ok((entries, mut found)) => {
                        problems.append(&mut found);
                        entries
                    }
                    Err(problem) => {
                        problems.push(*problem);
                        continue;
                    }
                };
                for entry in entries {
                    let key = normalized(&entry.path);
                    let key = key.as_deref().unwrap_or(&entry.path);
                    if let Ok(at) = found.binary_search_by(|found| found.key().cmp(key)) {
                        let source = &mut found[at].entry;
                        let meta = entry.meta;
                        source.id = CompactString::from(&meta.id);
                        source.outlet = meta.outlet.as_deref().map(CompactString::from);
                        source.published = meta.published;
                        source.described = Some(Stored::keep(Box::new(MetaRecord(meta)), spill));
                        source.declared = Some((entry.file, entry.id_span));
                    } else if !entry.path.is_file() {
                        missing.push(
                            Finding::new(
                                Code::UnreadableFile,
                                format!(
                                    "`{}` named in sources.toml does not exist",
                                    display_path(&entry.path)
                                ),
                            )
                            .label(
                                entry.file,
                                entry.path_span.clone(),
                                "no such file",
                            ),
                        );
                    }
                }
            }
        }
        problems.append(&mut missing);
        // In place: no second list of every source; then the room the paths took is given
        // back, which the list would hold until every source is read.
        let mut sources: Vec<Box<SourceEntry>> =
            found.into_iter().map(|found| found.entry).collect();
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

/// How many metadata files are read and parsed at once (on all threads).
const METADATA_BATCH: usize = 16;

/// A source as found, before its metadata is read.
struct Found {
    /// Its path with `.` and `..` resolved, if that differs from the path found.
    normalized: Option<PathBuf>,
    /// The source.
    entry: Box<SourceEntry>,
}

impl Found {
    /// The path sources are ordered and matched by.
    fn key(&self) -> &Path {
        self.normalized.as_deref().unwrap_or(&self.entry.path)
    }
}

/// Sorts the files found by normalised path, in place; a file found twice (under two of
/// the paths given) is kept as it was found last. Each folder's listing is already sorted,
/// so the (stable) sort mostly merges runs.
fn in_path_order(found: &mut Vec<Found>) {
    found.sort_by(|a, b| a.key().cmp(b.key()));
    // Of two alike, the one kept is the earlier slot: it takes the later one's entry.
    found.dedup_by(|later, kept| {
        let same = later.key() == kept.key();
        if same {
            std::mem::swap(later, kept);
        }
        same
    });
    found.shrink_to_fit();
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
        let Some(first) = seen.insert(&source.id, source) else {
            continue;
        };
        let mut finding = Finding::new(
            Code::DuplicateId,
            format!(
                "two sources have the id `{}`: `{}` and `{}`",
                source.id,
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

/// `path` with `.` and `..` resolved lexically, if it has either. Paths compare by their
/// components, so a path with neither already compares equal to its normal form.
fn normalized(path: &Path) -> Option<PathBuf> {
    path.components()
        .any(|c| matches!(c, Component::CurDir | Component::ParentDir))
        .then(|| normalize(path))
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
        let corpus = Corpus::discover(&paths, &mut files, None).expect("sources");
        let ids: Vec<&str> = corpus.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b/a", "x", "c"]);
    }

    #[test]
    fn metadata_reaches_its_source_from_any_folder_and_batch() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        // More folders than one batch of metadata files reads; each folder's metadata also
        // describes a file in the last folder, through `..`, and names one that is missing.
        let folders = METADATA_BATCH + 3;
        let last = folders - 1;
        for n in 0..folders {
            std::fs::create_dir_all(root.join(format!("f{n:02}"))).expect("a folder");
        }
        for n in 0..folders {
            let folder = root.join(format!("f{n:02}"));
            std::fs::write(folder.join("a.txt"), "Text.").expect("a file");
            let x = root.join(format!("f{last:02}/x{n:02}.txt"));
            std::fs::write(x, "Text.").expect("a file");
            let toml = format!(
                "[[source]]\npath = \"a.txt\"\nid = \"a{n}\"\noutlet = \"Outlet {n}\"\n\n\
                 [[source]]\npath = \"../f{last:02}/x{n:02}.txt\"\nid = \"x{n}\"\n\n\
                 [[source]]\npath = \"gone-{n}.txt\"\n"
            );
            std::fs::write(folder.join(meta::METADATA_FILE), toml).expect("metadata");
        }
        let mut files = Files::default();
        let problems = Corpus::discover(&[root.to_path_buf()], &mut files, None)
            .expect_err("missing files are named");
        let missing: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(missing.len(), folders, "{missing:#?}");
        for (n, message) in missing.iter().enumerate() {
            assert!(
                message.ends_with(&format!(
                    "f{n:02}/gone-{n}.txt` named in sources.toml does not exist"
                )),
                "{message}"
            );
        }
        // Without the missing entries, every source has its own metadata.
        for n in 0..folders {
            let toml = root.join(format!("f{n:02}")).join(meta::METADATA_FILE);
            let text = std::fs::read_to_string(&toml).expect("metadata");
            let kept = &text[..text.rfind("[[source]]").expect("three entries")];
            std::fs::write(&toml, kept).expect("metadata");
        }
        let mut files = Files::default();
        let corpus = Corpus::discover(&[root.to_path_buf()], &mut files, None).expect("sources");
        let described = |path: &str| {
            let source = corpus.sources.iter().find(|s| s.path.ends_with(path));
            source.map(|s| (s.id.as_str(), s.outlet.as_deref()))
        };
        for n in 0..folders {
            let outlet = format!("Outlet {n}");
            let a = format!("f{n:02}/a.txt");
            assert_eq!(
                described(&a),
                Some((format!("a{n}").as_str(), Some(outlet.as_str())))
            );
            let x = format!("f{last:02}/x{n:02}.txt");
            assert_eq!(described(&x), Some((format!("x{n}").as_str(), None)));
        }
        assert_eq!(corpus.sources.len(), 2 * folders);
    }
}
