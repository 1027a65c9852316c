//! How a team lives with claimcheck: `claimcheck.toml` and the flags over it, reviewed
//! disagreements acknowledged in the ledger, baselines, the ledger's own examples, and the
//! helper commands (`init`, `config`, `completions`, `man`).

#[macro_use]
mod common;

use std::path::{Path, PathBuf};

use common::{json, run, scratch, transcript, write};
use serde_json::Value;

/// A ledger whose `wire` source contradicts one claim and supports another.
const LEDGER: &str = r#"
[topic]
id = "swap"
cues = ["swap", "exchange"]

[[claim]]
id = "swap.total"
statement = "26 people were exchanged"
value = 26
patterns = ["a total of {n}", "{n} people were exchanged"]

[[claim]]
id = "swap.date"
statement = "The swap took place on 1 August 2024"
date = 2024-08-01
patterns = ["took place on {date}"]
"#;

const WIRE: &str = "The swap took place on August 1. A total of 24 people were exchanged.\n";
const DAILY: &str =
    "In the exchange, 26 people were exchanged, officials said. Mark Vogel was not among them.\n";

/// A scratch folder with `claims/swap.toml` (the ledger plus `extra`) and the two sources.
fn project(name: &str, extra: &str) -> PathBuf {
    let dir = scratch("policy", name);
    write(&dir.join("claims/swap.toml"), format!("{LEDGER}{extra}"));
    write(&dir.join("seeds/wire.txt"), WIRE);
    write(&dir.join("seeds/daily.txt"), DAILY);
    dir
}

fn codes(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().expect("code").to_string(),
                f["severity"].as_str().expect("severity").to_string(),
            )
        })
        .collect()
}

/// `text` with the scratch folder's path replaced, for snapshots.
fn redact(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[DIR]")
}

#[test]
fn the_configuration_is_found_in_a_parent_folder_and_flags_win() {
    let dir = project("config-parent", "");
    write(
        &dir.join("claimcheck.toml"),
        "claims = [\"claims\"]\nsources = [\"seeds\"]\nformat = \"json\"\n\n[severity]\ncontradicts = \"warning\"\n",
    );
    let sub = dir.join("drafts/today");
    std::fs::create_dir_all(&sub).expect("folder");

    let described = run(&sub, &["config"]);
    assert_eq!(
        described.status.code(),
        Some(0),
        "{}",
        transcript(&described)
    );
    snapshot!(
        "config-from-a-subfolder",
        redact(&transcript(&described), &dir)
    );

    // Paths in the file are taken from its folder; its format and severities apply.
    let checked = run(&sub, &["check"]);
    assert_eq!(checked.status.code(), Some(0), "{}", transcript(&checked));
    let report = json(&checked);
    assert!(codes(&report).contains(&("contradicts".into(), "warning".into())));

    // Flags win over the file.
    let denied = run(&sub, &["check", "--deny", "warnings", "--format", "github"]);
    assert_eq!(denied.status.code(), Some(1), "{}", transcript(&denied));
    let annotations = String::from_utf8_lossy(&denied.stdout);
    assert!(
        annotations
            .lines()
            .any(|l| l.starts_with("::error ") && l.contains("title=claimcheck%3A%3Acontradicts")),
        "{annotations}"
    );
    let flagged = run(
        &sub,
        &["config", "--format", "markdown", "--min-severity", "error"],
    );
    let text = String::from_utf8_lossy(&flagged.stdout);
    assert!(
        text.contains("format") && text.contains("\"markdown\"") && text.contains("# --format"),
        "{text}"
    );
    assert!(text.contains("# --min-severity"), "{text}");
}

#[test]
fn without_a_configuration_the_defaults_apply() {
    let dir = project("config-none", "");
    let described = run(&dir, &["config"]);
    assert_eq!(described.status.code(), Some(0));
    let text = String::from_utf8_lossy(&described.stdout);
    assert!(text.starts_with("# no claimcheck.toml found"), "{text}");
    assert!(
        text.lines().skip(1).all(|l| l.ends_with("# default")),
        "{text}"
    );
}

#[test]
fn unknown_keys_and_bad_values_in_the_configuration_stop_the_run() {
    let dir = project("config-bad", "");
    write(
        &dir.join("claimcheck.toml"),
        "formt = \"json\"\nmin_severity = \"warn\"\ndeny_warnings = \"yes\"\n\n[severity]\nvariants = \"off\"\ncontradicts = \"fatal\"\n",
    );
    for args in [&["check"][..], &["config"]] {
        let output = run(&dir, args);
        assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
        assert!(output.stdout.is_empty());
    }
    snapshot!("config-bad-keys", transcript(&run(&dir, &["check"])));

    write(&dir.join("claimcheck.toml"), "format = [\"json\"\n");
    let broken = run(&dir, &["check"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("claimcheck::config-syntax"));
}

#[test]
fn severities_min_severity_and_deny_warnings_decide_what_fails_and_what_shows() {
    let dir = project("severity", "");
    let plain = run(&dir, &["check", "--format", "json"]);
    assert_eq!(plain.status.code(), Some(1));
    let all = codes(&json(&plain));
    assert!(
        all.contains(&("contradicts".into(), "error".into())),
        "{all:?}"
    );
    assert!(all.iter().any(|(_, s)| s == "note"), "{all:?}");

    let errors_only = run(
        &dir,
        &["check", "--format", "json", "--min-severity", "error"],
    );
    assert!(codes(&json(&errors_only)).iter().all(|(_, s)| s == "error"));
    assert_eq!(errors_only.status.code(), Some(1));

    write(
        &dir.join("claimcheck.toml"),
        "[severity]\ncontradicts = \"off\"\n",
    );
    let off = run(&dir, &["check", "--format", "json"]);
    assert_eq!(off.status.code(), Some(0), "{}", transcript(&off));
    assert!(!codes(&json(&off)).iter().any(|(c, _)| c == "contradicts"));

    write(
        &dir.join("claimcheck.toml"),
        "[severity]\ncontradicts = \"warning\"\n",
    );
    assert_eq!(run(&dir, &["check"]).status.code(), Some(0));
    assert_eq!(
        run(&dir, &["check", "--deny", "warnings"]).status.code(),
        Some(1)
    );
    write(
        &dir.join("claimcheck.toml"),
        "deny_warnings = true\n[severity]\ncontradicts = \"warning\"\n",
    );
    assert_eq!(run(&dir, &["check"]).status.code(), Some(1));
}

#[test]
fn a_note_raised_to_a_warning_shows_above_the_minimum_severity() {
    let dir = project("raised", "");
    write(
        &dir.join("seeds/freed.txt"),
        "The exchange freed 16 people from Russian prisons.\n",
    );
    let unmatched = |args: &[&str]| -> Vec<String> {
        codes(&json(&run(&dir, args)))
            .into_iter()
            .filter(|(code, _)| code == "unmatched-quantity")
            .map(|(_, severity)| severity)
            .collect()
    };
    let shown = ["check", "--format", "json", "--min-severity", "warning"];
    assert_eq!(unmatched(&["check", "--format", "json"]), ["note"]);
    assert!(unmatched(&shown).is_empty());
    write(
        &dir.join("claimcheck.toml"),
        "[severity]\nunmatched-quantity = \"warning\"\n",
    );
    assert_eq!(unmatched(&shown), ["warning"]);
}

const ACK: &str = r#"
[[claim.ack]]
source = "wire"
reason = "The wire counts only the adults; reviewed by the desk on 2 December."
"#;

#[test]
fn an_acknowledged_contradiction_is_a_note_that_cites_the_reason() {
    let ledger = LEDGER.replace(
        "patterns = [\"a total of {n}\", \"{n} people were exchanged\"]\n",
        &format!("patterns = [\"a total of {{n}}\", \"{{n}} people were exchanged\"]\n{ACK}"),
    );
    let dir = project("ack", "");
    write(&dir.join("claims/swap.toml"), &ledger);
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    snapshot!("ack-acknowledged", transcript(&output));

    // The source no longer contradicts: the ack is stale.
    write(
        &dir.join("seeds/wire.txt"),
        WIRE.replace("24 people", "26 people"),
    );
    let stale = run(&dir, &["check", "--format", "json"]);
    assert_eq!(stale.status.code(), Some(0), "{}", transcript(&stale));
    assert!(codes(&json(&stale)).contains(&("stale-ack".into(), "warning".into())));
    assert_eq!(
        run(&dir, &["check", "--deny", "warnings"]).status.code(),
        Some(1)
    );

    // The source is gone.
    std::fs::remove_file(dir.join("seeds/wire.txt")).expect("remove");
    let gone = run(&dir, &["check"]);
    let text = String::from_utf8_lossy(&gone.stdout);
    assert!(
        text.contains("stale acknowledgement: no source `wire` is in this run"),
        "{text}"
    );
}

#[test]
fn an_ack_without_a_reason_is_invalid() {
    let dir = project("ack-bad", "\n[[claim.ack]]\nsource = \"wire\"\n");
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("claimcheck::invalid-value") && stderr.contains("reason"),
        "{stderr}"
    );
}

const EXAMPLES: &str = r#"
[[claim.example]]
text = "The swap took place on 1 August 2024."
verdict = "supports"

[[claim.example]]
text = "The swap took place on 2 August 2024."
verdict = "contradicts"

[[claim.example]]
text = "The exchange happened on 1 August 2024."
verdict = "supports"
"#;

#[test]
fn a_failing_example_is_an_error_at_the_example_saying_what_was_found() {
    let dir = project("examples", EXAMPLES);
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        text.matches("claimcheck::failing-example").count(),
        1,
        "{text}"
    );
    snapshot!("examples-failing", transcript(&output));

    // An example the patterns find something else in.
    let wrong = EXAMPLES.replace(
        "2 August 2024.\"\nverdict = \"contradicts\"",
        "2 August 2024.\"\nverdict = \"supports\"",
    );
    write(&dir.join("claims/swap.toml"), format!("{LEDGER}{wrong}"));
    let output = run(&dir, &["check"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("should be supports, but is contradicts"),
        "{text}"
    );
    assert!(
        text.contains("the patterns found \"2 August 2024\" (contradicts)"),
        "{text}"
    );

    let bad = EXAMPLES.replace("verdict = \"contradicts\"", "verdict = \"contradict\"");
    write(&dir.join("claims/swap.toml"), format!("{LEDGER}{bad}"));
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `contradicts`?"), "{stderr}");
}

#[test]
fn a_baseline_keeps_known_findings_from_failing_the_run_but_not_new_ones() {
    let dir = project("baseline", "");
    let written = run(&dir, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{}", transcript(&written));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("baseline.json")).expect("written"))
            .expect("JSON");
    assert_eq!(baseline["schema"], 1);
    let recorded = baseline["findings"].as_array().expect("findings");
    assert!(
        recorded.iter().any(|f| f["code"] == "contradicts"),
        "{baseline}"
    );
    assert!(
        recorded
            .iter()
            .all(|f| f["fingerprint"].as_str().is_some_and(|s| s.len() == 16))
    );

    let output = run(&dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(&format!("{} findings in the baseline", recorded.len())),
        "{text}"
    );

    // Lines move: still known.
    write(
        &dir.join("seeds/wire.txt"),
        format!("Updated at noon.\n\n{WIRE}"),
    );
    assert_eq!(
        run(&dir, &["check", "--baseline", "baseline.json"])
            .status
            .code(),
        Some(0)
    );

    // A new contradiction fails the run, and only it is shown.
    write(
        &dir.join("seeds/late.txt"),
        "The swap took place on August 3.\n",
    );
    let output = run(
        &dir,
        &["check", "--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let report = json(&output);
    let errors: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["source"], "late");

    // The baseline can be given in the configuration too.
    write(
        &dir.join("claimcheck.toml"),
        "baseline = \"baseline.json\"\n",
    );
    std::fs::remove_file(dir.join("seeds/late.txt")).expect("remove");
    assert_eq!(run(&dir, &["check"]).status.code(), Some(0));
}

#[test]
fn a_baseline_that_is_not_one_stops_the_run() {
    let dir = project("baseline-bad", "");
    write(&dir.join("baseline.json"), "{\"findings\": 3}");
    let output = run(&dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a claimcheck baseline"));
    let missing = run(&dir, &["check", "--baseline", "nowhere.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("cannot read the baseline `nowhere.json`")
    );
}

#[test]
fn init_writes_a_starter_project_that_runs_and_never_overwrites() {
    let dir = scratch("policy", "init");
    write(&dir.join("claimcheck.toml"), "# mine\n");
    let output = run(&dir, &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    snapshot!("init", transcript(&output));
    assert_eq!(
        std::fs::read_to_string(dir.join("claimcheck.toml")).expect("kept"),
        "# mine\n"
    );
    assert!(dir.join("claims/example.toml").is_file() && dir.join("seeds").is_dir());

    // A second run keeps everything.
    let again = run(&dir, &["init"]);
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .lines()
            .all(|l| l.starts_with("kept "))
    );

    // The starter ledger loads, its example holds, and it checks a source.
    std::fs::remove_file(dir.join("claimcheck.toml")).expect("remove");
    let empty = run(&dir, &["check"]);
    assert_eq!(empty.status.code(), Some(2), "{}", transcript(&empty));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("claimcheck::no-sources"));
    write(
        &dir.join("seeds/news.txt"),
        "After the exchange, officials said a total of 26 people were freed.\n",
    );
    let checked = run(&dir, &["check"]);
    assert_eq!(checked.status.code(), Some(0), "{}", transcript(&checked));
    assert!(!String::from_utf8_lossy(&checked.stdout).contains("failing-example"));
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definition() {
    let dir = scratch("policy", "help");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = run(&dir, &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.contains("claimcheck") && text.contains("min-severity"),
            "{shell}"
        );
    }
    let man = run(&dir, &["man"]);
    assert_eq!(man.status.code(), Some(0));
    let text = String::from_utf8_lossy(&man.stdout);
    assert!(
        text.starts_with(".ie") || text.contains(".TH claimcheck"),
        "{text}"
    );
    assert!(text.contains("check") && text.contains("explain"));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = scratch("policy", "many");
    write(&dir.join("claims/swap.toml"), LEDGER);
    for i in 0..400 {
        write(&dir.join(format!("seeds/{i:03}.txt")), WIRE);
    }
    let output = run(&dir, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_readme_configuration_example_is_valid() {
    let readme =
        std::fs::read_to_string(Path::new(common::ROOT).join("README.md")).expect("README");
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("a Configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a TOML example");
    let dir = project("readme-config", "");
    write(&dir.join("claimcheck.toml"), example);
    let output = run(&dir, &["config"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    let variant = text
        .lines()
        .find(|l| l.starts_with("severity.variant "))
        .expect("listed");
    assert!(
        variant.contains("\"error\"") && variant.contains("# claimcheck.toml:"),
        "{variant}"
    );
}
