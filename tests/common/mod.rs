//! What the integration tests share: scratch folders, and checks of files written there.
// Each test file uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use claimcheck::check::{Options, check};
use claimcheck::report::{Failure, Report};

/// The claimcheck binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_claimcheck");
/// The repository, where the shipped `claims/` and `seeds/` are.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Asserts that a value matches its snapshot in `snapshots/`.
#[allow(unused_macros)]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// What a run printed on stdout, read as JSON.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// Runs claimcheck in `dir` with `args`, colour off and no configuration from outside `dir`'s
/// own tree.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1763683200")
        .env_remove("RAYON_NUM_THREADS")
        .output()
        .expect("claimcheck runs")
}

/// The exit code, stdout and stderr of a run, as one text.
pub fn transcript(output: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

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
        ..Default::default()
    })
}
