//! The files a run reads (claim files, source metadata, sources), so that findings can point
//! into any of them by id and span.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::text::{LineCol, LineIndex};

/// Index of a file in [`Files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(usize);

/// One file's path and decoded text with its line index.
#[derive(Debug, Clone)]
pub struct File {
    /// The path as the user gave it or as found under a folder they gave.
    pub path: PathBuf,
    /// The decoded text.
    pub text: Arc<str>,
    /// Line starts of `text`.
    pub lines: Arc<LineIndex>,
}

impl File {
    /// The path with `/` separators, as printed in every output format.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.text, offset)
    }

    /// The text of a span.
    pub fn slice(&self, span: Range<usize>) -> &str {
        self.text.get(span).unwrap_or("")
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
        self.files.push(File { path, text, lines });
        FileId(self.files.len() - 1)
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
