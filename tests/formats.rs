//! Every output format as its consumer meets it: exit codes, `--output`, the JSON report
//! against its schema, SARIF against the SARIF 2.1.0 schema, GitHub annotations and the
//! Markdown report as snapshots, the HTML page in headless Chromium.

#[macro_use]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{ROOT, json, run, scratch, transcript, write};
use serde_json::Value;

const FORMATS: &[&str] = &["human", "json", "sarif", "github", "markdown", "html"];

fn case(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/cmd").join(name)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("the file is there");
    serde_json::from_str(&text).expect("the file is JSON")
}

/// Every error `schema` finds in `instance`, one per line.
fn violations(schema: &Value, instance: &Value) -> String {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_format_exits_0_when_sources_agree_1_on_a_conflict_2_on_bad_input() {
    for format in FORMATS {
        let args = ["check", "--format", format];
        let agree = run(Path::new(ROOT), &args);
        assert_eq!(
            agree.status.code(),
            Some(0),
            "{format}: {}",
            transcript(&agree)
        );
        assert!(!agree.stdout.is_empty(), "{format} wrote nothing");

        let conflict = run(&case("conflicts"), &args);
        assert_eq!(
            conflict.status.code(),
            Some(1),
            "{format}: {}",
            transcript(&conflict)
        );
        assert!(!conflict.stdout.is_empty(), "{format} wrote nothing");

        // A run that cannot be done writes no report, only diagnostics on stderr.
        let bad = run(&case("malformed-toml"), &args);
        assert_eq!(bad.status.code(), Some(2), "{format}: {}", transcript(&bad));
        assert!(bad.stdout.is_empty(), "{format}: {}", transcript(&bad));
        let stderr = String::from_utf8_lossy(&bad.stderr);
        assert!(stderr.contains("claimcheck::ledger-syntax"), "{stderr}");
    }
}

#[test]
fn output_goes_to_the_file_whole_and_nothing_to_stdout() {
    let dir = scratch("formats", "output");
    for format in FORMATS {
        let stdout = run(&case("conflicts"), &["check", "--format", format]);
        let path = dir.join(format!("report.{format}"));
        let path_arg = path.to_string_lossy().into_owned();
        let to_file = run(
            &case("conflicts"),
            &["check", "--format", format, "--output", &path_arg],
        );
        assert_eq!(to_file.status.code(), Some(1), "{}", transcript(&to_file));
        assert!(to_file.stdout.is_empty(), "{}", transcript(&to_file));
        assert_eq!(
            std::fs::read(&path).expect("the report is written"),
            stdout.stdout,
            "{format}: the file differs from what stdout gets"
        );
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .filter(|name| name.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");

    // A folder that does not exist: exit 2, a message, no partial file.
    let missing = dir.join("no/such/folder/report.json");
    let output = run(
        &case("conflicts"),
        &[
            "check",
            "--format",
            "json",
            "-o",
            &missing.to_string_lossy(),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));

    // A device that is full fails the write part-way through a report written as it is
    // made: exit 2 and a message, whatever the format.
    if Path::new("/dev/full").exists() {
        for format in FORMATS {
            let full = run(
                &case("conflicts"),
                &["check", "--format", format, "-o", "/dev/full"],
            );
            assert_eq!(
                full.status.code(),
                Some(2),
                "{format}: {}",
                transcript(&full)
            );
            let stderr = String::from_utf8_lossy(&full.stderr);
            assert!(
                stderr.contains("cannot write `/dev/full`"),
                "{format}: {stderr}"
            );
        }
    }
}

#[test]
fn the_committed_json_schema_is_the_one_the_types_generate() {
    let committed = std::fs::read_to_string(
        Path::new(ROOT).join("tests/schemas/claimcheck-report.schema.json"),
    )
    .expect("the schema is committed");
    let generated = run(Path::new(ROOT), &["schema"]);
    assert_eq!(generated.status.code(), Some(0));
    assert!(
        committed == String::from_utf8_lossy(&generated.stdout),
        "tests/schemas/claimcheck-report.schema.json is out of date: run\n  \
         cargo run -- schema > tests/schemas/claimcheck-report.schema.json"
    );
}

#[test]
fn the_json_report_validates_against_its_schema() {
    let schema = read_json(&Path::new(ROOT).join("tests/schemas/claimcheck-report.schema.json"));
    for dir in [PathBuf::from(ROOT), case("conflicts")] {
        let report = json(&run(&dir, &["check", "--format", "json", "--verbose"]));
        assert_eq!(report["schema"], 3);
        let errors = violations(&schema, &report);
        assert!(errors.is_empty(), "{}:\n{errors}", dir.display());
    }
    // The schema is not vacuous: a report with a wrong field fails it.
    let mut report = json(&run(&case("conflicts"), &["check", "--format", "json"]));
    report["claims"][0]["status"] = Value::from("fine");
    assert!(!violations(&schema, &report).is_empty());
}

/// The OASIS schema's pattern for `language`, with a stray `]` that no ECMA-262 regex
/// engine compiles (a known erratum; Ajv users strip it too).
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Removes every `"pattern"` keyword equal to [`BROKEN_LANGUAGE_PATTERN`].
fn drop_broken_pattern(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str) == Some(BROKEN_LANGUAGE_PATTERN) {
                map.remove("pattern");
            }
            map.values_mut().for_each(drop_broken_pattern);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_broken_pattern),
        _ => {}
    }
}

/// The SARIF of a run in `dir`, checked against the SARIF 2.1.0 schema (vendored verbatim
/// from OASIS, `Schemata/sarif-schema-2.1.0.json` of oasis-tcs/sarif-spec).
fn sarif(dir: &Path) -> Value {
    let mut schema = read_json(&Path::new(ROOT).join("tests/schemas/sarif-schema-2.1.0.json"));
    drop_broken_pattern(&mut schema);
    let output = run(dir, &["check", "--format", "sarif"]);
    let log = json(&output);
    let errors = violations(&schema, &log);
    assert!(errors.is_empty(), "{}:\n{errors}", dir.display());
    log
}

#[test]
fn sarif_validates_and_describes_every_rule_and_result() {
    sarif(Path::new(ROOT));
    let log = sarif(&case("conflicts"));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let explain = common::run(Path::new(ROOT), &["explain"]);
    let codes = String::from_utf8_lossy(&explain.stdout)
        .lines()
        .filter(|l| l.starts_with("  "))
        .count();
    assert_eq!(rules.len(), codes, "one rule per diagnostic code");
    for rule in rules {
        for field in ["shortDescription", "fullDescription", "help"] {
            let text = rule[field]["text"].as_str().unwrap_or_default();
            assert!(!text.is_empty(), "rule {} has no {field}", rule["id"]);
        }
    }
    let results = run["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["level"] == "error"));
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(
            !uri.starts_with('/') && !uri.contains('\\'),
            "not repo-relative: {uri}"
        );
        assert!(
            case("conflicts").join(uri).is_file(),
            "{uri} is not a file of the case"
        );
        let region = &location["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(
                region[key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {region}"
            );
        }
        assert!(result["partialFingerprints"]["claimcheck/v1"].is_string());
    }
}

/// (fingerprint, start line) of each result.
fn fingerprints(log: &Value) -> Vec<(String, u64)> {
    let mut found: Vec<(String, u64)> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["claimcheck/v1"]
                    .as_str()
                    .expect("fingerprint")
                    .to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .expect("line"),
            )
        })
        .collect();
    found.sort();
    found
}

/// Copies the files of `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn sarif_fingerprints_survive_unrelated_line_moves() {
    let dir = scratch("formats", "fingerprints");
    copy_tree(&case("conflicts"), &dir);
    let before = fingerprints(&sarif(&dir));
    assert!(before.len() >= 3, "{before:?}");

    // Unrelated lines above every finding, in the sources and the ledger.
    for path in [
        "seeds/wire.txt",
        "seeds/wire-followup.txt",
        "seeds/daily.txt",
    ] {
        let text = std::fs::read_to_string(dir.join(path)).expect("source");
        write(
            &dir.join(path),
            format!("A new headline.\n\nA standfirst.\n\n{text}"),
        );
    }
    let ledger = std::fs::read_to_string(dir.join("claims/exchange.toml")).expect("ledger");
    write(
        &dir.join("claims/exchange.toml"),
        format!("# Reviewed.\n\n{ledger}"),
    );
    let after = fingerprints(&sarif(&dir));

    let ids = |found: &[(String, u64)]| found.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after), "the fingerprints changed");
    assert_ne!(before, after, "the lines did not move");

    // What the source states is part of the fingerprint.
    let text = std::fs::read_to_string(dir.join("seeds/wire.txt")).expect("source");
    assert!(text.contains("A total of 25 people"));
    write(
        &dir.join("seeds/wire.txt"),
        text.replace("A total of 25 people", "A total of 23 people"),
    );
    let changed = ids(&fingerprints(&sarif(&dir)));
    assert_ne!(ids(&after), changed);
}

#[test]
fn github_annotations_on_the_seeds() {
    let output = run(Path::new(ROOT), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    for line in text.lines() {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|c| line.starts_with(c)),
            "{line}"
        );
        let (properties, message) = line
            .split_once("::")
            .and_then(|(_, rest)| rest.split_once("::"))
            .expect("a command");
        assert!(!message.contains('\n') && !message.contains('\r'));
        assert!(
            properties.contains("file=seeds/") || properties.contains("file=claims/"),
            "{properties}"
        );
    }
    snapshot!("seeds-github", text);
}

#[test]
fn github_annotations_escape_what_workflow_commands_reserve() {
    let dir = scratch("formats", "github-escape");
    write(
        &dir.join("claims/swap.toml"),
        "[[claim]]\nid = \"swap.share\"\nstatement = \"Half: 50%\"\nvalue = 50\nunit = \"percent\"\npatterns = [\"{n} of the prisoners\"]\n",
    );
    write(
        &dir.join("seeds/wire, part 1: the swap.txt"),
        "Reports said 40% of the prisoners went home.\n",
    );
    let output = run(&dir, &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    let error = text
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("an error annotation");
    assert!(
        error.contains("file=seeds/wire%2C part 1%3A the swap.txt,line=1,col=14,"),
        "{error}"
    );
    assert!(
        error.contains("title=claimcheck%3A%3Acontradicts::"),
        "{error}"
    );
    assert!(error.contains("40%25"), "{error}");
    assert!(error.contains("%0Ahelp: "), "{error}");
}

#[test]
fn the_markdown_report_on_the_seeds_and_on_a_conflict() {
    let seeds = run(Path::new(ROOT), &["check", "--format", "markdown"]);
    assert_eq!(seeds.status.code(), Some(0));
    snapshot!("seeds-markdown", String::from_utf8_lossy(&seeds.stdout));
    let conflict = run(&case("conflicts"), &["check", "--format", "markdown"]);
    assert_eq!(conflict.status.code(), Some(1));
    snapshot!(
        "conflicts-markdown",
        String::from_utf8_lossy(&conflict.stdout)
    );
}

const HOSTILE_LEDGER: &str = r#"
[[claim]]
id = "swap.total"
statement = "26 people were exchanged <b>in total</b>"
value = 26
patterns = ["{n} people were exchanged"]
"#;

/// A source that tries to run script, in its text and its metadata.
const HOSTILE_SOURCE: &str = "<script>window.__injected = 'script'; alert('script')</script> \
     As of today 24 people were exchanged <img src=x onerror=\"window.__injected = 'onerror'\"> \
     said the <a href=\"javascript:alert(1)\">agency</a>.\n\n\
     Another wire said 26 people were exchanged.\n";

const HOSTILE_META: &str = r#"
[[source]]
path = "hostile.txt"
title = "<script>window.__injected = 'title'</script>"
outlet = "<img src=x onerror=alert(1)>"
published = 2024-12-01
translation = "machine \"quoted\" & 'single'"
"#;

fn hostile_report() -> (PathBuf, String) {
    let dir = scratch("formats", "");
    write(&dir.join("claims/swap.toml"), HOSTILE_LEDGER);
    write(&dir.join("seeds/hostile.txt"), HOSTILE_SOURCE);
    write(&dir.join("seeds/sources.toml"), HOSTILE_META);
    let output = run(&dir, &["check", "--format", "html", "-o", "report.html"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let page = std::fs::read_to_string(dir.join("report.html")).expect("the page is written");
    (dir, page)
}

#[test]
fn the_html_page_is_self_contained_and_escapes_every_source_text() {
    let (_, page) = hostile_report();
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!page.contains("<img") && !page.contains("<a href") && !page.contains("<b>"));
    assert!(page.contains("&lt;script&gt;window.__injected"));
    assert!(page.contains("onerror=&quot;window.__injected"));
    assert!(
        page.contains("<mark>24 people were exchanged</mark>") || page.contains("<mark>24</mark>")
    );
    assert!(page.contains("Content-Security-Policy"));
    for external in [
        "http://", "https://", "src=\"", "href=\"", "@import", "url(",
    ] {
        assert!(
            !page.contains(external),
            "the page refers to something outside it: {external}"
        );
    }
    // Reproducible: SOURCE_DATE_EPOCH is the run's date.
    assert!(page.contains("2025-11-21 00:00:00 UTC"), "the run's date");
}

#[test]
fn the_html_matrix_has_a_column_only_for_sources_that_say_something() {
    let output = run(Path::new(ROOT), &["check", "--format", "html"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let page = String::from_utf8(output.stdout).expect("the page is UTF-8");
    let (matrix, rest) = page
        .split_once("</table>")
        .expect("the matrix is the first table");
    // The content farm is silent on every claim: no column, but counted and listed.
    assert!(!matrix.contains("content-farm-undated"));
    assert!(matrix.contains(
        "Sources with nothing to say about any claim have no column: 1 of 5, listed under Sources below."
    ));
    assert!(rest.contains("<code>content-farm-undated</code>"));
    // The other four keep their numbers in the Sources table.
    assert!(rest.contains("<li value=\"5\"><code>moscow-times-2024-12-11</code></li>"));
    assert_eq!(matrix.matches("<th title=").count(), 4);
}

#[test]
fn past_forty_sources_the_html_matrix_lists_each_claims_sources_in_its_row() {
    let dir = scratch("formats", "wide-html");
    write(
        &dir.join("claims/swap.toml"),
        HOSTILE_LEDGER
            .replace("<b>in total</b>", "in total")
            .as_str(),
    );
    for i in 1..=45 {
        let figure = if i % 9 == 0 { 24 } else { 26 };
        write(
            &dir.join(format!("seeds/wire-{i:02}.txt")),
            format!("A wire said {figure} people were exchanged.\n"),
        );
    }
    write(&dir.join("seeds/quiet.txt"), "Nothing about it here.\n");
    let output = run(&dir, &["check", "--format", "html"]);
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let page = String::from_utf8(output.stdout).expect("the page is UTF-8");
    let matrix = &page[..page.find("</table>").expect("the matrix")];
    assert!(!matrix.contains("<th title="), "no column per source");
    // Counts per verdict: 40 support, 5 contradict, the quiet source is silent.
    assert!(
        matrix.contains(
            "<td class=\"count\">40</td><td class=\"count\">0</td><td class=\"count\">0</td><td class=\"count\">5</td><td class=\"count\">1</td>"
        ),
        "{matrix}"
    );
    // One button per source that says something, numbered as in the Sources table
    // (quiet.txt is number 1),
    // each opening its evidence.
    assert_eq!(matrix.matches("<button").count(), 45);
    assert!(matrix.contains(
        "<span class=\"cell contradicts\"><button type=\"button\" data-evidence=\"evidence-0-9\" aria-controls=\"evidence-0-9\" title=\"wire-09: contradicts\">10</button></span>"
    ));
    assert!(page.contains("<div class=\"evidence\" id=\"evidence-0-9\" hidden>"));
    assert!(matrix.contains("have no column: 1 of 46"));

    // The terminal's table past forty sources: counts per verdict, not a column each.
    let output = run(&dir, &["check", "--format", "human", "--color", "never"]);
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    let row = table
        .lines()
        .find(|l| l.starts_with("swap.total "))
        .expect("the claim's row");
    let counts: Vec<&str> = row.split_whitespace().skip(2).collect();
    assert_eq!(counts, ["✓", "40", "~", "0", "±", "0", "✗", "5"], "{table}");
}

/// Where playwright-core is: `NODE_PATH`, or where `.ci/run` installs it.
fn playwright() -> Option<PathBuf> {
    let installed = Path::new(ROOT).join("target/browser-test/node_modules");
    std::env::var_os("NODE_PATH")
        .map(PathBuf::from)
        .into_iter()
        .chain([installed])
        .find(|path| path.join("playwright-core").is_dir())
}

#[test]
fn the_html_page_works_in_headless_chromium() {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let (Some(modules), true) = (playwright(), chromium.is_file()) else {
        // `.ci/run` installs both; without them this test cannot run, which CI must not allow.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs Chromium and playwright-core: see .ci/run"
        );
        eprintln!("skipped: needs Chromium and playwright-core (`.ci/run` installs them)");
        return;
    };
    let (dir, _) = hostile_report();
    let screenshot = Path::new(ROOT).join("target/browser-test/report.png");
    std::fs::create_dir_all(screenshot.parent().expect("folder")).expect("folder");
    let output = Command::new("node")
        .arg(Path::new(ROOT).join("tests/browser/report.cjs"))
        .arg(dir.join("report.html"))
        .arg(&screenshot)
        .args(["swap.total", "hostile"])
        .env("NODE_PATH", modules)
        .env("CHROMIUM", chromium)
        .output()
        .expect("node runs");
    assert!(output.status.success(), "{}", transcript(&output));
    let seen: Value = serde_json::from_slice(&output.stdout).expect("the script reports JSON");
    let quote = seen["quote"].as_str().expect("quote");
    assert!(
        quote.contains("<script>window.__injected"),
        "the script shows as text: {quote}"
    );
    assert!(
        seen["marked"].as_str().expect("marked").starts_with("24"),
        "{seen}"
    );
    assert!(
        seen["where"]
            .as_str()
            .expect("where")
            .contains("seeds/hostile.txt:1:"),
        "{seen}"
    );
    assert!(screenshot.is_file());
}
