//! `claimcheck shard` and `claimcheck merge`: a corpus checked in parts and merged reports
//! what one run over all of it reports, byte for byte; bad shards stop the merge (exit 2).

#[macro_use]
mod common;

use std::path::{Path, PathBuf};

use common::{ROOT, run, scratch, transcript, write};
use sha2::Digest;

/// Copies the files under `from` to `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            write(&target, std::fs::read(&path).expect("readable"));
        }
    }
}

/// A scratch copy of the test case `tests/cmd/<case>` (`claims/`, `seeds/`).
fn case(case: &str) -> PathBuf {
    let dir = scratch("shard", "");
    copy_tree(&Path::new(ROOT).join("tests/cmd").join(case), &dir);
    dir
}

/// The source files of `dir`'s `seeds/`, relative to `dir`, in name order.
fn sources(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir.join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "sources.toml")
        .map(|name| format!("seeds/{name}"))
        .collect();
    files.sort();
    files
}

/// Writes one shard per source of `dir` (under `out`) and returns their paths, last source
/// first, so that the merge sees them out of order.
fn shard_each(dir: &Path, out: &Path) -> Vec<String> {
    let mut shards = Vec::new();
    for (i, source) in sources(dir).iter().enumerate() {
        let shard = out.join(format!("part-{i}.shard")).display().to_string();
        let output = run(dir, &["shard", "--sources", source, "-o", &shard]);
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        shards.push(shard);
    }
    shards.reverse();
    shards
}

/// Asserts that merging `dir`'s sources shard by shard reports, in every format, exactly
/// what one run over them reports, with the same exit code.
fn assert_merge_is_one_run(dir: &Path) {
    let out = scratch("shard-out", "");
    let shards = shard_each(dir, &out);
    for format in ["human", "json", "sarif", "github", "markdown"] {
        let one = run(dir, &["check", "--format", format]);
        let mut args = vec!["merge", "--format", format];
        args.extend(shards.iter().map(String::as_str));
        let merged = run(dir, &args);
        assert_eq!(
            transcript(&merged),
            transcript(&one),
            "{format} of {}",
            dir.display()
        );
    }
}

#[test]
fn merged_shards_report_what_one_run_reports_on_the_seeds() {
    let dir = scratch("shard", "seeds");
    copy_tree(&Path::new(ROOT).join("claims"), &dir.join("claims"));
    copy_tree(&Path::new(ROOT).join("seeds"), &dir.join("seeds"));
    assert_merge_is_one_run(&dir);
}

#[test]
fn a_claim_contested_across_shards_is_contested_in_the_merge() {
    // Each source alone agrees or disagrees; only the merge sees both sides.
    let dir = case("conflicts");
    assert_merge_is_one_run(&dir);
    let out = scratch("shard-out", "");
    let mut args = vec!["merge".to_string(), "--format".into(), "json".into()];
    args.extend(shard_each(&dir, &out));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let report = common::json(&run(&dir, &args));
    let total = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["id"] == "swap.total")
        .expect("swap.total");
    assert_eq!(total["status"], "contested", "{total:#}");
}

#[test]
fn a_name_spelt_two_ways_in_two_shards_is_found_by_the_merge() {
    let dir = scratch("shard", "spellings");
    write(
        &dir.join("claims/swap.toml"),
        "[topic]\nid = \"swap\"\ntitle = \"A swap\"\ncues = [\"swap\"]\n\n[[claim]]\nid = \"swap.total\"\nstatement = \"26 people were exchanged\"\nvalue = 26\npatterns = [\"{n} people were exchanged\"]\n",
    );
    write(
        &dir.join("seeds/a.txt"),
        "Artur Muradyan, a lawyer, spoke after the swap.\n",
    );
    write(
        &dir.join("seeds/b.txt"),
        "The swap was welcomed by Artur Muradian, a lawyer.\n",
    );
    let out = scratch("shard-out", "");
    let shards = shard_each(&dir, &out);
    for shard in &shards {
        // Alone, a shard has one spelling and nothing to say about it.
        let alone = run(&dir, &["merge", "--format", "json", shard]);
        let findings = common::json(&alone)["findings"].to_string();
        assert!(!findings.contains("inconsistent-spelling"), "{findings}");
    }
    let mut args = vec!["merge", "--format", "human"];
    args.extend(shards.iter().map(String::as_str));
    let merged = run(&dir, &args);
    let text = transcript(&merged);
    assert!(text.contains("inconsistent-spelling"), "{text}");
    assert!(
        text.contains("Muradyan") && text.contains("Muradian"),
        "{text}"
    );
    assert_merge_is_one_run(&dir);
}

#[test]
fn bad_shards_stop_the_merge_and_say_why() {
    let dir = case("conflicts");
    let one = run(
        &dir,
        &["shard", "--sources", "seeds/wire.txt", "-o", "one.shard"],
    );
    assert_eq!(one.status.code(), Some(0), "{}", transcript(&one));
    let both = run(&dir, &["shard", "--sources", "seeds", "-o", "all.shard"]);
    assert_eq!(both.status.code(), Some(0), "{}", transcript(&both));
    let warnings = [
        "shard",
        "--min-severity",
        "warning",
        "--sources",
        "seeds",
        "-o",
        "warnings.shard",
    ];
    let small = run(&dir, &warnings);
    assert_eq!(small.status.code(), Some(0), "{}", transcript(&small));
    // A merge that shows no more than the shard kept works.
    let merged = run(
        &dir,
        &["merge", "--min-severity", "warning", "warnings.shard"],
    );
    let one = run(&dir, &["check", "--min-severity", "warning"]);
    assert_eq!(transcript(&merged), transcript(&one));
    run(&dir, &["check", "--format", "json", "-o", "report.json"]);
    let shard = std::fs::read_to_string(dir.join("one.shard")).expect("shard");
    let lines: Vec<&str> = shard.lines().collect();
    let [header, body, checksum] = lines[..] else {
        panic!("a shard is three lines: {shard}");
    };
    write(
        &dir.join("truncated.shard"),
        format!("{header}\n{}", &body[..body.len() / 2]),
    );
    write(
        &dir.join("altered.shard"),
        format!("{header}\n{}\n{checksum}\n", body.replace("wire", "wirE")),
    );
    write(
        &dir.join("old.shard"),
        format!(
            "{}\n{body}\n{checksum}\n",
            header.replace(env!("CARGO_PKG_VERSION"), "0.0.1")
        ),
    );
    // Bodies with checksums that match them: one points at a file it does not hold, two
    // at a source (a verdict's, an undeclared spelling's place), two at a claim the ledger
    // does not have (a verdict's, a figure's), one counts the mentions of entities the
    // ledger does not have, and one is not JSON.
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
    let mut inconsistent = json.clone();
    inconsistent["sources"][0]["info"]["file"] = 999.into();
    let mut misplaced = json.clone();
    misplaced["sources"][0]["said"][0]["source"] = 999.into();
    let mut unclaimed = json.clone();
    unclaimed["sources"][0]["said"][0]["claim"] = 999.into();
    let mut misfiled = json.clone();
    misfiled["sources"][0]["said"][0]["evidence"][0]["claim"] = 999.into();
    let mut unplaced = json.clone();
    unplaced["unknown"]["Ivan Petrov"] =
        serde_json::json!({"count": 1, "places": [{"source": 999, "start": 0, "end": 11}]});
    let mut miscounted = json;
    miscounted["mentions"]
        .as_array_mut()
        .expect("a count per entity")
        .push(3.into());
    for (name, body) in [
        ("inconsistent", inconsistent.to_string()),
        ("misplaced", misplaced.to_string()),
        ("unclaimed", unclaimed.to_string()),
        ("misfiled", misfiled.to_string()),
        ("unplaced", unplaced.to_string()),
        ("miscounted", miscounted.to_string()),
        // Not JSON, with a checksum that matches it: found as the body is read.
        (
            "malformed",
            r#"{"source_paths":["seeds"],"files":[}"#.to_string(),
        ),
    ] {
        let digest: String = sha2::Sha256::digest(body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        write(
            &dir.join(format!("{name}.shard")),
            format!("{header}\n{body}\n{{\"sha256\":\"{digest}\"}}\n"),
        );
    }

    let mut cases: Vec<(&str, Vec<&str>)> = vec![
        ("not-a-shard", vec!["merge", "report.json"]),
        ("truncated", vec!["merge", "truncated.shard"]),
        ("altered", vec!["merge", "altered.shard"]),
        ("inconsistent", vec!["merge", "inconsistent.shard"]),
        ("misplaced", vec!["merge", "misplaced.shard"]),
        ("unclaimed", vec!["merge", "unclaimed.shard"]),
        ("misfiled", vec!["merge", "misfiled.shard"]),
        ("unplaced", vec!["merge", "unplaced.shard"]),
        ("miscounted", vec!["merge", "miscounted.shard"]),
        ("malformed", vec!["merge", "malformed.shard"]),
        ("other-version", vec!["merge", "old.shard"]),
        ("overlapping", vec!["merge", "one.shard", "all.shard"]),
        ("missing", vec!["merge", "nowhere.shard"]),
        ("left-out-notes", vec!["merge", "warnings.shard"]),
        (
            "sources-given",
            vec!["merge", "--sources", "seeds", "one.shard"],
        ),
    ];
    let mut transcripts = String::new();
    for (name, args) in cases.drain(..) {
        let output = run(&dir, &args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{name}: {}",
            transcript(&output)
        );
        assert!(output.stdout.is_empty(), "{name}: nothing on stdout");
        transcripts.push_str(&format!(
            "=== {name}: {}\n{}",
            args.join(" "),
            transcript(&output)
        ));
    }

    // The ledger changed after the shard was made.
    let claims = dir.join("claims/exchange.toml");
    let ledger = std::fs::read_to_string(&claims).expect("ledger");
    write(&claims, ledger.replace("value = 26", "value = 27"));
    let output = run(&dir, &["merge", "one.shard"]);
    assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
    transcripts.push_str(&format!(
        "=== other-ledger: merge one.shard\n{}",
        transcript(&output)
    ));
    snapshot!("shard-errors", transcripts);
}

#[test]
fn a_shard_is_the_same_bytes_whatever_the_thread_count() {
    let dir = scratch("shard", "");
    copy_tree(&Path::new(ROOT).join("claims"), &dir.join("claims"));
    copy_tree(&Path::new(ROOT).join("seeds"), &dir.join("seeds"));
    let mut shards = Vec::new();
    for threads in ["1", "2", "2"] {
        let out = format!("j{threads}-{}.shard", shards.len());
        let args = ["shard", "-j", threads, "--sources", "seeds", "-o", &out];
        let output = run(&dir, &args);
        assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
        shards.push(std::fs::read(dir.join(&out)).expect("written"));
    }
    assert!(shards.windows(2).all(|pair| pair[0] == pair[1]));
}
