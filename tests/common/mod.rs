//! What the integration tests share: scratch folders, and checks of files written there.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use claimcheck::check::{Options, check};
use claimcheck::report::{Failure, Report};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty folder under the target folder, named after `group` and `name` (a
/// number is used when `name` is empty).
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let name = if name.is_empty() {
        NEXT.fetch_add(1, Ordering::SeqCst).to_string()
    } else {
        name.to_string()
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Writes `bytes` to `path`, making its folder.
pub fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("folder");
    std::fs::write(path, bytes).expect("write");
}

/// Writes `files` (path under the folder, contents) to a scratch folder and checks its
/// `claims/` against its `seeds/`, with supporting evidence reported.
pub fn check_files(group: &str, files: &[(&str, &str)]) -> Result<Report, Failure> {
    let dir = scratch(group, "");
    std::fs::create_dir_all(dir.join("claims")).expect("folder");
    std::fs::create_dir_all(dir.join("seeds")).expect("folder");
    for (path, contents) in files {
        write(&dir.join(path), contents);
    }
    check(&Options {
        claims: vec![dir.join("claims")],
        sources: vec![dir.join("seeds")],
        verbose: true,
    })
}
