//! Spelling fixes for a draft: what to write instead, the unified diff, and writing the
//! fixed file safely (a temporary file and a rename, the file's permissions kept, never a
//! file that changed since it was read, never the ledger or the sources).

use std::ops::Range;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::files::{display_path, write_atomically};
use crate::ledger::{Accepted, Entity};
use crate::names::Resolved;

/// A replacement of a span of the draft's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The span in the draft's file.
    pub span: Range<usize>,
    /// What to write there.
    pub replacement: String,
}

/// The ledger's spelling for a variant spelt `written`: the spelling it matched (the
/// canonical one when it matched the native script), only the surname when `written` is
/// one word.
pub fn spelling(entity: &Entity, resolved: &Resolved, written: &str) -> String {
    let spellings = entity.spellings();
    let target = match spellings.get(resolved.spelling) {
        Some((spelling, Accepted::Canonical | Accepted::Alias | Accepted::AlsoKnownAs, _)) => {
            spelling
        }
        _ => entity.name.as_str(),
    };
    if written.split_whitespace().count() == 1 {
        target
            .split_whitespace()
            .last()
            .unwrap_or(target)
            .to_string()
    } else {
        target.to_string()
    }
}

/// `text` with `fixes` applied; fixes that overlap an earlier one are left out.
pub fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut sorted: Vec<&Fix> = fixes.to_vec();
    sorted.sort_by_key(|f| f.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for fix in sorted {
        if fix.span.start < at || fix.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..fix.span.start]);
        out.push_str(&fix.replacement);
        at = fix.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The unified diff from `old` to `new` for the file at `path`, three lines of context.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let shown = display_path(path);
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}

/// Writes `fixed` over the draft at `path`, which held `read` when it was read: refuses a
/// path under any of `protected` (the ledger and the sources), a read-only file, and a file
/// that changed since; keeps the file's permissions; replaces it atomically.
pub fn write(path: &Path, read: &[u8], fixed: &[u8], protected: &[PathBuf]) -> Result<(), String> {
    let shown = display_path(path);
    // A link is followed: the file it points to is the draft.
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot fix `{shown}`: {e}"))?;
    for folder in protected {
        if let Ok(folder) = std::fs::canonicalize(folder) {
            if target.starts_with(&folder) {
                return Err(format!(
                    "refusing to fix `{shown}`: it is under `{}`, which holds the ledger or the sources",
                    display_path(&folder)
                ));
            }
        }
    }
    let metadata = std::fs::metadata(&target).map_err(|e| format!("cannot fix `{shown}`: {e}"))?;
    if metadata.permissions().readonly() {
        return Err(format!("cannot fix `{shown}`: the file is read-only"));
    }
    let now = std::fs::read(&target).map_err(|e| format!("cannot fix `{shown}`: {e}"))?;
    if now != read {
        return Err(format!(
            "refusing to fix `{shown}`: it changed since claimcheck read it; run again"
        ));
    }
    write_atomically(&target, fixed, Some(metadata.permissions()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_apply_in_order_and_overlaps_are_left_out() {
        let fix = |span: Range<usize>, replacement: &str| Fix {
            span,
            replacement: replacement.to_string(),
        };
        let text = "Mark Vogel met Steve Whitkoff.\r\n";
        let fixes = [
            fix(15..29, "Steve Witkoff"),
            fix(0..10, "Marc Fogel"),
            fix(5..12, "x"),
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        assert_eq!(apply(text, &refs), "Marc Fogel met Steve Witkoff.\r\n");
    }

    #[test]
    fn the_diff_is_unified_with_paths() {
        let diff = unified_diff(
            Path::new("draft.md"),
            "a\nMark Vogel\nc\n",
            "a\nMarc Fogel\nc\n",
        );
        assert_eq!(
            diff,
            "--- a/draft.md\n+++ b/draft.md\n@@ -1,3 +1,3 @@\n a\n-Mark Vogel\n+Marc Fogel\n c\n"
        );
    }

    #[test]
    fn writing_refuses_changed_and_protected_files() {
        let temporary = tempfile::tempdir().expect("folder");
        let dir = temporary.path();
        std::fs::create_dir_all(dir.join("claims")).expect("folder");
        let draft = dir.join("draft.txt");
        std::fs::write(&draft, "Mark Vogel, edited since\n").expect("write");
        let error = write(&draft, b"Mark Vogel\n", b"Marc Fogel\n", &[]).expect_err("refused");
        assert!(
            error.contains("changed since claimcheck read it"),
            "{error}"
        );
        assert_eq!(
            std::fs::read(&draft).expect("kept"),
            b"Mark Vogel, edited since\n"
        );

        let ledger = dir.join("claims/notes.txt");
        std::fs::write(&ledger, "Mark Vogel\n").expect("write");
        let error = write(
            &ledger,
            b"Mark Vogel\n",
            b"Marc Fogel\n",
            &[dir.join("claims")],
        )
        .expect_err("refused");
        assert!(error.contains("refusing to fix"), "{error}");

        std::fs::write(&draft, "Mark Vogel\n").expect("write");
        write(
            &draft,
            b"Mark Vogel\n",
            b"Marc Fogel\n",
            &[dir.join("claims")],
        )
        .expect("written");
        assert_eq!(std::fs::read(&draft).expect("fixed"), b"Marc Fogel\n");
    }
}
