//! `claimcheck draft` as an editor meets it: the shipped example draft, every output
//! format, Markdown and HTML prose, and `--fix` on copies of real files (CRLF endings, code
//! spans, read-only files, links, the ledger and the sources).

#[macro_use]
mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{ROOT, json, run, scratch, transcript, write};
use serde_json::Value;

/// The shipped example: the draft with the shipped ledger and sources plus the invented
/// wire report that makes one claim contested.
const EXAMPLE: &[&str] = &[
    "draft",
    "examples/draft.md",
    "--sources",
    "seeds",
    "--sources",
    "examples/sources",
];

fn example(extra: &[&str]) -> Output {
    let mut args = EXAMPLE.to_vec();
    args.extend_from_slice(extra);
    run(Path::new(ROOT), &args)
}

/// Asserts that the run was done (exit code 0 or 1).
fn assert_ran(output: &Output) {
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        transcript(output)
    );
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn the_example_draft_shows_every_kind_of_problem() {
    let output = example(&[]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    snapshot!("draft-example", transcript(&output));

    let report = json(&example(&["--format", "json"]));
    let codes = codes(&report);
    for code in [
        "draft-figure",
        "draft-contested",
        "draft-uncorroborated",
        "draft-spelling",
        "not-in-ledger",
    ] {
        assert!(codes.iter().any(|c| c == code), "no {code} in {codes:?}");
    }
    let figures = report["draft"]["figures"].as_array().expect("figures");
    let verdict = |claim: &str| {
        figures
            .iter()
            .find(|f| f["claim"] == claim)
            .map(|f| f["verdict"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(verdict("ankara-2024.total").as_deref(), Some("reconciled"));
    assert_eq!(
        verdict("ankara-2024.to-russia").as_deref(),
        Some("reconciled")
    );
    assert_eq!(
        verdict("call-2025.duration").as_deref(),
        Some("contradicts")
    );
    assert_eq!(verdict("vinnik.laundering").as_deref(), Some("consistent"));
    assert_eq!(verdict("fogel-2025.sentence").as_deref(), Some("supports"));

    // Names in the code span, the code block and the link target are not prose.
    let names = report["draft"]["names"].as_array().expect("names");
    let vogels: Vec<u64> = names
        .iter()
        .filter(|n| n["spelling"] == "Mark Vogel")
        .map(|n| n["span"]["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(vogels, [10], "{names:?}");
}

#[test]
fn a_reconciled_figure_names_its_basis_so_the_editor_can_say_it() {
    let output = example(&["--format", "json"]);
    let report = json(&output);
    let message = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "draft-figure" && f["claim"] == "ankara-2024.to-russia")
        .and_then(|f| f["message"].as_str())
        .expect("a finding for the eight Russians")
        .to_string();
    assert!(
        message.contains("\"Eight\"")
            && message.contains("adults only, leaving out the two minor children"),
        "{message}"
    );
}

#[test]
fn every_format_and_exit_code() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(ROOT).join("tests/schemas/claimcheck-report.schema.json"),
        )
        .expect("schema"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for format in ["human", "json", "sarif", "github", "markdown", "html"] {
        let output = example(&["--format", format]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            transcript(&output)
        );
        assert!(!output.stdout.is_empty());
        if format == "json" {
            let report = json(&output);
            let errors: Vec<String> = validator
                .iter_errors(&report)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{errors:?}");
        }
    }
    snapshot!(
        "draft-example-markdown",
        String::from_utf8_lossy(&example(&["--format", "markdown"]).stdout)
    );

    // A draft the ledger has nothing against: exit 0.
    let dir = scratch("draft", "clean");
    write(
        &dir.join("clean.txt"),
        "Marc Fogel had been sentenced to 14 years, and Steve Witkoff flew him home.\n",
    );
    let clean_path = dir.join("clean.txt");
    let clean = run(
        Path::new(ROOT),
        &[
            "draft",
            &clean_path.to_string_lossy(),
            "--min-severity",
            "error",
        ],
    );
    assert_eq!(clean.status.code(), Some(0), "{}", transcript(&clean));

    // Bad input: exit 2 and no report.
    let missing = run(Path::new(ROOT), &["draft", "no-such-draft.md"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("cannot read the draft `no-such-draft.md`")
    );
    let bad_date = example(&["--published", "yesterday"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--published"));
}

/// A scratch project with the shipped ledger and sources and `draft` as `name`.
fn project(case: &str, name: &str, draft: &[u8]) -> (PathBuf, PathBuf) {
    let dir = scratch("draft", case);
    for folder in ["claims", "seeds"] {
        std::fs::create_dir_all(dir.join(folder)).expect("folder");
        for entry in std::fs::read_dir(Path::new(ROOT).join(folder)).expect("folder") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.join(folder).join(entry.file_name())).expect("copy");
        }
    }
    let path = dir.join(name);
    write(&path, draft);
    (dir, path)
}

#[test]
fn dry_run_shows_the_diff_and_changes_nothing() {
    let text = "Mark Vogel flew home with Steve Whitkoff.\n";
    let (dir, path) = project("dry-run", "draft.txt", text.as_bytes());
    let output = run(&dir, &["draft", "draft.txt", "--dry-run"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(
            "--- a/draft.txt\n+++ b/draft.txt\n@@ -1 +1 @@\n-Mark Vogel flew home with Steve Whitkoff.\n+Marc Fogel flew home with Steve Witkoff.\n"
        ),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);

    // A machine-readable report stays whole: the diff goes to standard error.
    let output = run(
        &dir,
        &["draft", "draft.txt", "--dry-run", "--format", "json"],
    );
    assert_eq!(json(&output)["draft"]["names"][0]["fix"], "Marc Fogel");
    assert!(String::from_utf8_lossy(&output.stderr).contains("+Marc Fogel flew home"));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);
}

#[test]
fn fix_replaces_names_only_and_keeps_crlf_and_permissions() {
    let text = "Mark Vogel, sentenced to 15 years, flew home.\r\n\r\nSteve Whitkoff met him; Fogel thanked Whitkoff.\r\n";
    let (dir, path) = project("fix-crlf", "draft.txt", text.as_bytes());
    set_mode(&path, 0o640);
    let output = run(&dir, &["draft", "draft.txt", "--fix"]);
    // The figure is still wrong: the run still fails, on that alone.
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let fixed = std::fs::read(&path).expect("fixed");
    assert_eq!(
        String::from_utf8_lossy(&fixed),
        "Marc Fogel, sentenced to 15 years, flew home.\r\n\r\nSteve Witkoff met him; Fogel thanked Witkoff.\r\n"
    );
    assert_eq!(mode(&path), 0o640);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("-Mark Vogel, sentenced") && stdout.contains("+Marc Fogel, sentenced"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("claimcheck::draft-spelling"),
        "the report is of the fixed file: {stdout}"
    );
    assert!(stdout.contains("claimcheck::draft-figure"), "{stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("fixed 3 names in draft.txt"));
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());

    // Nothing left to fix.
    let again = run(&dir, &["draft", "draft.txt", "--fix"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to fix in draft.txt"));
    assert_eq!(std::fs::read(&path).expect("kept"), fixed);
}

#[test]
fn fix_leaves_markdown_code_and_link_targets_alone() {
    let text = "# Mark Vogel comes home\n\nMark Vogel said `Mark Vogel` was his name in [Whitkoff's](https://x.org/Whitkoff) notes.\n\n```\nMark Vogel\n```\n\n    Mark Vogel (indented code)\n";
    let (dir, path) = project("fix-markdown", "draft.md", text.as_bytes());
    let output = run(&dir, &["draft", "draft.md", "--fix"]);
    assert_ran(&output);
    assert_eq!(
        std::fs::read_to_string(&path).expect("fixed"),
        // The link's text is prose; its target is not.
        "# Marc Fogel comes home\n\nMarc Fogel said `Mark Vogel` was his name in [Witkoff's](https://x.org/Whitkoff) notes.\n\n```\nMark Vogel\n```\n\n    Mark Vogel (indented code)\n"
    );
}

#[test]
fn html_prose_is_checked_and_fixed_without_touching_markup() {
    let text = "<!doctype html>\n<html><head><title>Mark Vogel home</title>\n<script>var name = 'Mark Vogel';</script></head>\n<body><p class=\"Mark Vogel\">Mark Vogel was freed on February 11, 2025 &mdash; <b>Steve</b> Whitkoff and Mark&nbsp;Vogel flew home.</p>\n<pre>Mark Vogel</pre></body></html>\n";
    let (dir, path) = project("fix-html", "draft.html", text.as_bytes());
    let report = json(&run(&dir, &["draft", "draft.html", "--format", "json"]));
    let spellings: Vec<(String, Option<String>)> = report["draft"]["names"]
        .as_array()
        .expect("names")
        .iter()
        .map(|n| {
            (
                n["spelling"].as_str().expect("spelling").to_string(),
                n["fix"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        spellings,
        [
            ("Mark Vogel".to_string(), Some("Marc Fogel".to_string())),
            ("Mark Vogel".to_string(), Some("Marc Fogel".to_string())),
            ("Steve Whitkoff".to_string(), None),
            ("Mark\u{a0}Vogel".to_string(), None),
        ],
        "the title and the paragraph; markup inside the others keeps --fix off them"
    );
    let output = run(&dir, &["draft", "draft.html", "--fix"]);
    assert_ran(&output);
    assert_eq!(
        std::fs::read_to_string(&path).expect("fixed"),
        text.replacen("<title>Mark Vogel", "<title>Marc Fogel", 1)
            .replacen("\">Mark Vogel was", "\">Marc Fogel was", 1)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("write `Steve Witkoff` by hand"), "{stdout}");
}

#[test]
fn fix_refuses_a_read_only_file_and_changes_nothing() {
    let text = "Mark Vogel flew home.\n";
    let (dir, path) = project("fix-read-only", "draft.txt", text.as_bytes());
    set_mode(&path, 0o444);
    let output = run(&dir, &["draft", "draft.txt", "--fix"]);
    set_mode(&path, 0o644);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("cannot fix `draft.txt`: the file is read-only"),
        "{}",
        transcript(&output)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);
}

#[test]
fn fix_never_touches_the_ledger_or_the_sources() {
    let (dir, _) = project("fix-protected", "draft.txt", b"");
    let source = dir.join("seeds/izvestia-2025-04-11-istanbul-talks-and-prisoner-exchange.txt");
    let before = std::fs::read(&source).expect("source");
    let output = run(
        &dir,
        &[
            "draft",
            "seeds/izvestia-2025-04-11-istanbul-talks-and-prisoner-exchange.txt",
            "--fix",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("refusing to fix"),
        "{}",
        transcript(&output)
    );
    assert_eq!(std::fs::read(&source).expect("kept"), before);

    // Through a link too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&source, dir.join("link.txt")).expect("link");
        let output = run(&dir, &["draft", "link.txt", "--fix"]);
        assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
        assert_eq!(std::fs::read(&source).expect("kept"), before);
    }
}

#[cfg(unix)]
#[test]
fn fix_writes_the_file_a_link_points_to() {
    let (dir, path) = project("fix-link", "real.txt", b"Mark Vogel flew home.\n");
    std::os::unix::fs::symlink(&path, dir.join("draft.txt")).expect("link");
    let output = run(&dir, &["draft", "draft.txt", "--fix"]);
    assert_ran(&output);
    assert_eq!(
        std::fs::read_to_string(&path).expect("fixed"),
        "Marc Fogel flew home.\n"
    );
    assert!(
        std::fs::symlink_metadata(dir.join("draft.txt"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_draft_among_the_sources_does_not_corroborate_itself() {
    let text = "Marc Fogel had been sentenced to 14 years.\n";
    let (dir, _) = project("self-corroboration", "seeds/draft.txt", text.as_bytes());
    let report = json(&run(
        &dir,
        &["draft", "seeds/draft.txt", "--format", "json"],
    ));
    let sources: Vec<&str> = report["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert!(!sources.contains(&"draft"), "{sources:?}");
    let single = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["code"] == "draft-uncorroborated" && f["claim"] == "fogel-2025.sentence");
    assert!(single, "only Izvestia supports it: {report}");
}
