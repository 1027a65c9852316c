//! The command line as a user meets it. Each folder under `tests/cmd/` is a case: `args`
//! (one argument per line) and the input files; the exit code, stdout and stderr are
//! snapshotted under `snapshots/`. Inputs that cannot live in git as they are (bad UTF-8,
//! CRLF, empty folders, broken links) are written to a scratch folder by the test.

#[macro_use]
mod common;

use std::path::Path;

use common::{ROOT, json, run, scratch, transcript, write};
use std::process::Output;

/// Runs the case folder `tests/cmd/<name>` with its `args`.
fn case(name: &str) -> Output {
    let dir = Path::new(ROOT).join("tests/cmd").join(name);
    let args = std::fs::read_to_string(dir.join("args")).expect("the case has an args file");
    let args: Vec<&str> = args.lines().filter(|l| !l.trim().is_empty()).collect();
    run(&dir, &args)
}

const LEDGER: &str = r#"
[topic]
cues = ["swap"]

[[claim]]
id = "swap.total"
statement = "26 people were exchanged"
value = 26
patterns = ["a total of {n}"]

[[claim]]
id = "swap.date"
statement = "The swap took place on 1 August 2024"
date = 2024-08-01
patterns = ["took place on {date}"]
"#;

#[test]
fn the_shipped_ledger_against_the_seeds() {
    let output = run(Path::new(ROOT), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    snapshot!("seeds-human", transcript(&output));
}

#[test]
fn the_shipped_ledger_against_the_seeds_as_json() {
    let output = run(Path::new(ROOT), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    snapshot!("seeds-json", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn the_shipped_run_states_what_the_issue_expects() {
    let report = json(&run(Path::new(ROOT), &["check", "--format", "json"]));
    let verdict = |claim: &str, source: &str| -> String {
        let claim = report["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == claim)
            .unwrap();
        let entry = claim["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["source"] == source)
            .unwrap();
        entry["verdict"].as_str().unwrap().to_string()
    };
    let mt = "moscow-times-2024-12-11";
    assert_eq!(verdict("ankara-2024.total", mt), "reconciled");
    assert_eq!(verdict("ankara-2024.to-russia", mt), "reconciled");
    assert_eq!(
        verdict("ankara-2024.total", "izvestia-2025-04-11"),
        "consistent"
    );
    assert_eq!(
        verdict("ankara-2024.total", "izvestia-2024-recovery-follows"),
        "supports"
    );
    assert_eq!(
        verdict("ankara-2024.to-russia", "izvestia-2025-02-13"),
        "supports"
    );
    let conflicts = report["summary"]["verdicts"]["contradicts"]
        .as_u64()
        .unwrap_or(0);
    assert_eq!(conflicts, 0, "no false conflict on the seeds");
    for claim in report["claims"].as_array().unwrap() {
        let sources = claim["sources"].as_array().unwrap();
        assert!(
            sources
                .iter()
                .all(|s| s["source"] != "content-farm-undated"),
            "the content farm says nothing about {}",
            claim["id"]
        );
        assert_eq!(
            sources.len() as u64 + claim["silent"].as_u64().unwrap(),
            report["sources"].as_array().unwrap().len() as u64,
            "every source of {} is listed or counted as silent",
            claim["id"]
        );
        assert!(sources.iter().all(|s| s["verdict"] != "silent"));
    }
}

#[test]
fn output_is_the_same_bytes_whatever_the_threads_or_the_run() {
    let root = Path::new(ROOT);
    let one = run(root, &["check", "-j", "1", "--format", "json"]);
    let two = run(root, &["check", "-j", "2", "--format", "json"]);
    let again = run(root, &["check", "-j", "2", "--format", "json"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(two.stdout, again.stdout);
    let human_one = run(root, &["check", "-j", "1"]);
    let human_two = run(root, &["check", "-j", "2"]);
    assert_eq!(human_one.stdout, human_two.stdout);
    // Workflow commands are made on all threads and joined in the findings' order.
    let github_one = run(root, &["check", "-j", "1", "--format", "github"]);
    let github_two = run(root, &["check", "-j", "2", "--format", "github"]);
    assert_eq!(github_one.stdout, github_two.stdout);
    assert!(github_one.stdout.starts_with(b"::"));
}

/// Without a temporary folder to spill to, what the report keeps stays in memory: the same
/// report, in every format.
#[test]
fn a_run_without_a_temporary_folder_reports_the_same() {
    let root = Path::new(ROOT);
    for format in ["human", "json", "sarif", "github", "markdown", "html"] {
        let spilled = run(root, &["check", "--format", format]);
        let kept = std::process::Command::new(common::BIN)
            .args(["check", "--format", format])
            .current_dir(root)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", "1763683200")
            .env("TMPDIR", root.join("no such folder"))
            .output()
            .expect("claimcheck runs");
        assert_eq!(spilled.status.code(), kept.status.code(), "{format}");
        assert_eq!(spilled.stdout, kept.stdout, "{format}");
        assert!(!spilled.stdout.is_empty(), "{format}");
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let root = Path::new(ROOT);
    let always = run(root, &["check", "--color", "always"]);
    assert!(String::from_utf8_lossy(&always.stdout).contains("\u{1b}["));
    for args in [&["check", "--color", "never"][..], &["check"][..]] {
        let plain = run(root, args);
        assert!(
            !String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'),
            "{args:?}"
        );
    }
}

#[test]
fn conflicts_fail_the_run_with_exit_code_1() {
    let output = case("conflicts");
    assert_eq!(output.status.code(), Some(1));
    snapshot!("cmd-conflicts", transcript(&output));
}

#[test]
fn malformed_toml_stops_the_run() {
    let output = case("malformed-toml");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing half-printed");
    snapshot!("cmd-malformed-toml", transcript(&output));
}

#[test]
fn unknown_keys_and_invalid_values_are_reported_with_suggestions() {
    let output = case("unknown-keys");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    snapshot!("cmd-unknown-keys", transcript(&output));
}

#[test]
fn duplicate_ids_unknown_parts_and_redundant_bases_stop_the_run() {
    let output = case("bad-references");
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-bad-references", transcript(&output));
}

#[test]
fn bad_patterns_are_reported_at_the_pattern() {
    let output = case("bad-patterns");
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-bad-patterns", transcript(&output));
}

#[test]
fn bad_source_metadata_stops_the_run() {
    let output = case("bad-metadata");
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-bad-metadata", transcript(&output));
}

#[test]
fn a_missing_path_stops_the_run() {
    let dir = Path::new(ROOT).join("tests/cmd/conflicts");
    let output = run(&dir, &["check", "--sources", "seedz"]);
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-missing-path", transcript(&output));
}

#[test]
fn empty_folders_stop_the_run() {
    let dir = scratch("cli", "empty");
    std::fs::create_dir_all(dir.join("claims")).expect("folder");
    std::fs::create_dir_all(dir.join("seeds")).expect("folder");
    write(&dir.join("seeds/.hidden.txt"), "A total of 26.");
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-empty-folders", transcript(&output));
}

#[test]
fn a_ledger_without_claims_stops_the_run() {
    let dir = scratch("cli", "no-claims");
    write(
        &dir.join("claims/topic.toml"),
        "[topic]\ntitle = \"Nothing yet\"\n",
    );
    write(&dir.join("seeds/a.txt"), "A total of 26.");
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-no-claims", transcript(&output));
}

#[test]
fn an_unreadable_source_stops_the_run() {
    let dir = scratch("cli", "unreadable");
    write(&dir.join("claims/swap.toml"), LEDGER);
    write(
        &dir.join("seeds/fine.txt"),
        "A total of 26 people took part in the swap.",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", dir.join("seeds/broken.txt")).expect("symlink");
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    snapshot!("cmd-unreadable-source", transcript(&output));
}

/// The entry of an unreadable source is shown from its `sources.toml`, whose text the run
/// no longer keeps once the metadata is read: it is read again for the report.
#[cfg(unix)]
#[test]
fn an_unreadable_source_is_shown_where_its_metadata_declares_it() {
    let dir = scratch("cli", "unreadable-declared");
    write(&dir.join("claims/swap.toml"), LEDGER);
    write(
        &dir.join("seeds/fine.txt"),
        "A total of 26 people took part in the swap.",
    );
    write(
        &dir.join("seeds/sources.toml"),
        "# Two sources.\r\n\r\n[[source]]\r\nid = \"fine\"\r\npath = \"fine.txt\"\r\n\r\n\
         [[source]]\r\nid = \"Ведомости-broken\"\r\npath = \"broken.txt\"\r\n",
    );
    std::os::unix::fs::symlink("nowhere.txt", dir.join("seeds/broken.txt")).expect("symlink");
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    snapshot!("cmd-unreadable-declared-source", transcript(&output));
}

#[test]
fn a_source_that_is_not_utf8_is_read_with_a_warning_and_exact_offsets() {
    let dir = scratch("cli", "latin1");
    write(&dir.join("claims/swap.toml"), LEDGER);
    let bytes =
        b"Caf\xe9 talk: the swap was big. A total of 25 people, \xe9t\xe9 reports said.\n".to_vec();
    write(&dir.join("seeds/latin1.txt"), &bytes);
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    snapshot!("cmd-invalid-utf8", transcript(&output));

    let report = json(&run(&dir, &["check", "--format", "json"]));
    let evidence = &report["claims"][0]["sources"][0]["evidence"][0];
    let (start, end) = (
        evidence["span"]["start"].as_u64().unwrap() as usize,
        evidence["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &bytes[start..end],
        b"25",
        "byte offsets point into the original bytes"
    );
    let warning = &report["findings"][0];
    assert_eq!(warning["code"], "invalid-utf8");
    assert_eq!(warning["labels"][0]["start"], 3, "the first bad byte");
}

#[test]
fn crlf_and_a_byte_order_mark_keep_lines_and_columns_exact() {
    let dir = scratch("cli", "crlf");
    write(&dir.join("claims/swap.toml"), LEDGER.replace('\n', "\r\n"));
    let text = "\u{feff}A report on the swap.\r\n\r\nThe swap took place on August 2.\r\nA total of 25 Ксения people were in the swap.\r\n";
    write(&dir.join("seeds/crlf.txt"), text);
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    snapshot!("cmd-crlf-bom", transcript(&output));

    let report = json(&run(&dir, &["check", "--format", "json"]));
    let total = &report["claims"][0]["sources"][0]["evidence"][0]["span"];
    assert_eq!(
        (total["line"].as_u64(), total["column"].as_u64()),
        (Some(4), Some(12))
    );
    assert_eq!(
        &text.as_bytes()[total["start"].as_u64().unwrap() as usize..][..2],
        b"25"
    );
    let date = &report["claims"][1]["sources"][0]["evidence"][0]["span"];
    assert_eq!(
        (date["line"].as_u64(), date["column"].as_u64()),
        (Some(3), Some(24))
    );
    let claim = &report["claims"][0];
    assert_eq!(
        (claim["line"].as_u64(), claim["column"].as_u64()),
        (Some(6), Some(6)),
        "the ledger's CRLF lines count once"
    );
}

/// A report that cannot be written whole (a full disk) fails the run, in every format; a
/// closed pipe (`| head`) does not.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_fails_the_run() {
    use std::process::{Command, Stdio};
    let extract = [
        "extract",
        "seeds/moscow-times-2024-12-11-russia-prepared-to-consider-swap.txt",
    ];
    let commands: [&[&str]; 12] = [
        &["check", "--format", "human"],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["check", "--format", "github"],
        &["check", "--format", "markdown"],
        &["check", "--format", "html"],
        &extract,
        &["explain"],
        &["explain", "contradicts"],
        &["schema"],
        &["config"],
        &["man"],
    ];
    for args in commands {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = Command::new(common::BIN)
            .args(args)
            .current_dir(ROOT)
            .stdout(full)
            .output()
            .expect("claimcheck runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("error: cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
    let mut piped = Command::new(common::BIN)
        .args(["check", "--format", "json"])
        .current_dir(ROOT)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimcheck runs");
    // The reader goes away at once.
    drop(piped.stdout.take());
    let output = piped.wait_with_output().expect("claimcheck ends");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn bad_arguments_exit_with_code_2() {
    let output = run(Path::new(ROOT), &["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    snapshot!("cmd-bad-arguments", transcript(&output));
}

#[test]
fn explain_prints_the_documentation_of_a_code() {
    let output = run(Path::new(ROOT), &["explain", "claimcheck::contradicts"]);
    assert_eq!(output.status.code(), Some(0));
    snapshot!("cmd-explain-contradicts", transcript(&output));
    let list = run(Path::new(ROOT), &["explain"]);
    assert_eq!(list.status.code(), Some(0));
    snapshot!("cmd-explain-list", transcript(&list));
    let unknown = run(Path::new(ROOT), &["explain", "contradict"]);
    assert_eq!(unknown.status.code(), Some(2));
    snapshot!("cmd-explain-unknown", transcript(&unknown));
}

#[test]
fn extract_shows_what_a_source_says() {
    let seed = "seeds/izvestia-2024-recovery-follows-dialog-on-prisoners.txt";
    let output = run(Path::new(ROOT), &["extract", seed]);
    assert_eq!(output.status.code(), Some(0));
    snapshot!("cmd-extract-human", transcript(&output));
    let json = json(&run(
        Path::new(ROOT),
        &["extract", seed, "--format", "json"],
    ));
    assert_eq!(
        json["published"], "2024-11-06/2024-12-31",
        "metadata from sources.toml"
    );
    let quantities: Vec<&str> = json["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert!(
        quantities.contains(&"from $4 billion to $9 billion"),
        "{quantities:?}"
    );
    let dates: Vec<(&str, &str)> = json["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap(),
                d["low"].as_str().unwrap_or("?"),
            )
        })
        .collect();
    assert!(
        dates.contains(&("August 1 of this year", "2024-08-01")),
        "{dates:?}"
    );
    assert!(
        dates.contains(&("April of that year", "2022-04-01")),
        "{dates:?}"
    );
}
