//! Verdicts as the checker gives them: a table of claims, source sentences, and what each
//! figure in the sentence means for the claim. Each case runs the whole pipeline on a
//! one-source corpus written to a scratch folder.

mod common;

use claimcheck::findings::Code;
use claimcheck::report::Report;

/// Checks `ledger` against one source with `text`, published on `published` if given.
fn run(ledger: &str, text: &str, published: Option<&str>) -> Report {
    let metadata =
        published.map(|p| format!("[[source]]\npath = \"source.txt\"\npublished = \"{p}\"\n"));
    let mut files = vec![("claims/ledger.toml", ledger), ("seeds/source.txt", text)];
    if let Some(metadata) = &metadata {
        files.push(("seeds/sources.toml", metadata));
    }
    match common::check_files("verify", &files) {
        Ok(report) => report,
        Err(failure) => panic!("the run failed: {:?}", failure.findings),
    }
}

/// The (stated text, verdict) of every piece of evidence for the first claim.
fn evidence(report: &Report) -> Vec<(String, String)> {
    report.claims[0]
        .of(0)
        .expect("read back")
        .iter()
        .flat_map(|s| s.evidence.get().expect("evidence read back").into_owned())
        .map(|e| (e.text.clone(), e.verdict.name().to_string()))
        .collect()
}

const TOTAL: &str = r#"
[[claim]]
id = "total"
statement = "26 people were exchanged"
value = 26
patterns = ["{n} people were exchanged", "a total of {n}", "at least {n} people", "exchanged {n}"]
"#;

const TOTAL_WITH_BASIS: &str = r#"
[[claim]]
id = "total"
statement = "26 people were exchanged"
value = 26
patterns = ["{n} people were exchanged"]

[[claim.basis]]
value = 24
note = "without the two children"
"#;

const TOTAL_WITH_TOLERANCE: &str = r#"
[[claim]]
id = "total"
statement = "about 26 people were exchanged"
value = 26
tolerance = 2
patterns = ["{n} people were exchanged"]
"#;

const LAUNDERING: &str = r#"
[[claim]]
id = "laundering"
statement = "accused of laundering $4 billion to $9 billion"
range = [4e9, 9e9]
unit = "USD"
patterns = ["laundering {n}"]
"#;

const CALL: &str = r#"
[[claim]]
id = "call"
statement = "the call lasted almost an hour and a half"
value = 1.5
unit = "hours"
qualifier = "almost"
patterns = ["lasted {n}"]
"#;

const SENTENCE: &str = r#"
[[claim]]
id = "sentence"
statement = "sentenced to 14 years"
value = 14
unit = "years"
patterns = ["sentenced to {n}"]
"#;

const DATE: &str = r#"
[[claim]]
id = "date"
statement = "the exchange took place on 1 August 2024"
date = 2024-08-01
patterns = ["took place on {date}", "took place in {date}"]

[[claim.basis]]
date = 2024-08-02
note = "the day it was announced in Moscow"
"#;

/// A claim, a source sentence, its publication date, and the expected evidence.
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    // Exact figures, bounds, hedges, vague figures.
    (
        TOTAL,
        "In all, 26 people were exchanged.",
        None,
        &[("26", "supports")],
    ),
    (
        TOTAL,
        "In all, twenty-six people were exchanged.",
        None,
        &[("twenty-six", "supports")],
    ),
    (
        TOTAL,
        "In all, 24 people were exchanged.",
        None,
        &[("24", "contradicts")],
    ),
    (
        TOTAL,
        "In all, more than 20 people were exchanged.",
        None,
        &[("more than 20", "consistent")],
    ),
    (
        TOTAL,
        "In all, more than 26 people were exchanged.",
        None,
        &[("more than 26", "contradicts")],
    ),
    (
        TOTAL,
        "They exchanged at least 24 people.",
        None,
        &[("at least 24", "consistent")],
    ),
    (
        TOTAL,
        "In all, about 25 people were exchanged.",
        None,
        &[("about 25", "consistent")],
    ),
    (
        TOTAL,
        "In all, about 20 people were exchanged.",
        None,
        &[("about 20", "contradicts")],
    ),
    (
        TOTAL,
        "In all, nearly 30 people were exchanged.",
        None,
        &[("nearly 30", "contradicts")],
    ),
    (
        TOTAL,
        "In all, almost 27 people were exchanged.",
        None,
        &[("almost 27", "consistent")],
    ),
    (
        TOTAL,
        "In all, fewer than 26 people were exchanged.",
        None,
        &[("fewer than 26", "contradicts")],
    ),
    (
        TOTAL,
        "In all, up to 30 people were exchanged.",
        None,
        &[("up to 30", "consistent")],
    ),
    (
        TOTAL,
        "In all, two dozen people were exchanged.",
        None,
        &[("two dozen", "consistent")],
    ),
    (TOTAL, "In all, dozens of people were exchanged.", None, &[]),
    (
        TOTAL,
        "They exchanged dozens of people.",
        None,
        &[("dozens", "consistent")],
    ),
    (
        TOTAL,
        "They exchanged several people.",
        None,
        &[("several", "contradicts")],
    ),
    (
        TOTAL,
        "In all, 24-26 people were exchanged.",
        None,
        &[("24-26", "consistent")],
    ),
    (
        TOTAL,
        "A total of 26 people. Later: 25 people were exchanged.",
        None,
        &[("26", "supports"), ("25", "contradicts")],
    ),
    // Bases and tolerance.
    (
        TOTAL_WITH_BASIS,
        "In all, 24 people were exchanged.",
        None,
        &[("24", "reconciled")],
    ),
    (
        TOTAL_WITH_BASIS,
        "In all, about 24 people were exchanged.",
        None,
        &[("about 24", "consistent")],
    ),
    (
        TOTAL_WITH_BASIS,
        "In all, fewer than 25 people were exchanged.",
        None,
        &[("fewer than 25", "reconciled")],
    ),
    (
        TOTAL_WITH_TOLERANCE,
        "In all, 25 people were exchanged.",
        None,
        &[("25", "supports")],
    ),
    (
        TOTAL_WITH_TOLERANCE,
        "In all, 23 people were exchanged.",
        None,
        &[("23", "contradicts")],
    ),
    // Ranges and money.
    (
        LAUNDERING,
        "He is accused of laundering from $4 billion to $9 billion.",
        None,
        &[("from $4 billion to $9 billion", "supports")],
    ),
    (
        LAUNDERING,
        "accused of laundering between $4bn and $9bn",
        None,
        &[("between $4bn and $9bn", "supports")],
    ),
    (
        LAUNDERING,
        "accused of laundering $4 billion",
        None,
        &[("$4 billion", "consistent")],
    ),
    (
        LAUNDERING,
        "accused of laundering billions",
        None,
        &[("billions", "consistent")],
    ),
    (
        LAUNDERING,
        "accused of laundering $12 billion",
        None,
        &[("$12 billion", "contradicts")],
    ),
    (LAUNDERING, "accused of laundering €5 billion", None, &[]),
    // Units convert; qualified facts.
    (
        CALL,
        "The call lasted almost an hour and a half.",
        None,
        &[("almost an hour and a half", "supports")],
    ),
    (
        CALL,
        "The call lasted nearly 90 minutes.",
        None,
        &[("nearly 90 minutes", "supports")],
    ),
    (
        CALL,
        "The call lasted 90 minutes.",
        None,
        &[("90 minutes", "consistent")],
    ),
    (
        CALL,
        "The call lasted more than an hour.",
        None,
        &[("more than an hour", "consistent")],
    ),
    (
        CALL,
        "The call lasted two hours.",
        None,
        &[("two hours", "contradicts")],
    ),
    (
        CALL,
        "The call lasted three days.",
        None,
        &[("three days", "contradicts")],
    ),
    (
        SENTENCE,
        "He was sentenced to 14 years in prison.",
        None,
        &[("14 years", "supports")],
    ),
    (
        SENTENCE,
        "He was sentenced to fourteen years.",
        None,
        &[("fourteen years", "supports")],
    ),
    (
        SENTENCE,
        "He was sentenced to 14.",
        None,
        &[("14", "supports")],
    ),
    (
        SENTENCE,
        "He was sentenced to 168 months.",
        None,
        &[("168 months", "supports")],
    ),
    (
        SENTENCE,
        "He was sentenced to about 14 years.",
        None,
        &[("about 14 years", "consistent")],
    ),
    (
        SENTENCE,
        "He was sentenced to 15 years.",
        None,
        &[("15 years", "contradicts")],
    ),
    // Dates.
    (
        DATE,
        "The exchange took place on August 1.",
        Some("2024-12-11"),
        &[("August 1", "supports")],
    ),
    (
        DATE,
        "The exchange took place on Aug. 1, officials said.",
        Some("2024-12-11"),
        &[("Aug. 1", "supports")],
    ),
    (
        DATE,
        "The exchange took place on 1 August 2024.",
        None,
        &[("1 August 2024", "supports")],
    ),
    (
        DATE,
        "The exchange took place on August 1.",
        None,
        &[("August 1", "consistent")],
    ),
    (
        DATE,
        "The exchange took place on August 1.",
        Some("2024"),
        &[("August 1", "consistent")],
    ),
    (
        DATE,
        "The exchange took place on August 1.",
        Some("2026-03-01"),
        &[("August 1", "contradicts")],
    ),
    (
        DATE,
        "The exchange took place on August 3.",
        Some("2024-12-11"),
        &[("August 3", "contradicts")],
    ),
    (
        DATE,
        "The exchange took place on August 2.",
        Some("2024-12-11"),
        &[("August 2", "reconciled")],
    ),
    (
        DATE,
        "The exchange took place in August 2024.",
        None,
        &[("August 2024", "consistent")],
    ),
    (
        DATE,
        "The exchange took place in 2024.",
        None,
        &[("2024", "consistent")],
    ),
    (
        DATE,
        "The exchange took place in 2023.",
        None,
        &[("2023", "contradicts")],
    ),
    (
        DATE,
        "The exchange took place on Wednesday.",
        Some("2024-08-02"),
        &[],
    ),
    // Patterns: gaps, alternatives, sentence limits.
    (TOTAL, "A total of 26.", None, &[("26", "supports")]),
    (TOTAL, "A total, we are told, of 26.", None, &[]),
    (TOTAL, "A total of. 26 people arrived.", None, &[]),
];

#[test]
fn verdicts_for_each_kind_of_figure() {
    let mut failures = Vec::new();
    for (i, &(ledger, text, published, expected)) in CASES.iter().enumerate() {
        let found = evidence(&run(ledger, text, published));
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|&(t, v)| (t.to_string(), v.to_string()))
            .collect();
        if found != expected {
            failures.push(format!(
                "case {i}: {text:?} ({published:?})\n  expected {expected:?}\n  found    {found:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

const EXCHANGE: &str = r#"
[topic]
cues = ["swap"]

[[claim]]
id = "total"
statement = "26 people were exchanged"
value = 26
patterns = ["a total of {n}"]
sum_of = ["east", "west"]

[[claim.basis]]
value = 24
note = "without the children"

[[claim]]
id = "east"
statement = "10 went east"
value = 10
patterns = ["{n} went east"]

[[claim]]
id = "west"
statement = "16 went west"
value = 16
patterns = ["{n} went west"]
"#;

#[test]
fn parts_stated_in_one_paragraph_imply_their_sum() {
    let cases = [
        (
            "In the swap, 10 went east and 16 went west.",
            Some(("10 + 16", "supports")),
        ),
        (
            "In the swap, eight went east and 16 went west.",
            Some(("eight + 16", "reconciled")),
        ),
        (
            "In the swap, eight went east and 17 went west.",
            Some(("eight + 17", "contradicts")),
        ),
        (
            "In the swap, 10 went east.\n\nIn the swap, 16 went west.",
            None,
        ),
        ("10 went east and 16 went west.", None),
    ];
    for (text, expected) in cases {
        let report = run(EXCHANGE, text, None);
        let derived: Vec<(String, String)> = report.claims[0]
            .of(0)
            .expect("read back")
            .iter()
            .flat_map(|s| s.evidence.get().expect("evidence read back").into_owned())
            .filter(|e| !e.parts.is_empty())
            .map(|e| (e.text.clone(), e.verdict.name().to_string()))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(t, v)| (t.to_string(), v.to_string()))
            .collect();
        assert_eq!(derived, expected, "{text:?}");
    }
}

#[test]
fn cues_bound_where_patterns_count() {
    let ledger = |scope: &str| {
        format!(
            "[[claim]]\nid = \"bout\"\nstatement = \"25 years\"\nvalue = 25\ncues = [\"Bout\", \"arms dealer\"]\nscope = \"{scope}\"\npatterns = [\"received {{n}}\"]\n"
        )
    };
    let cases = [
        ("paragraph", "Bout was extradited. He received 25 years.", 1),
        ("sentence", "Bout was extradited. He received 25 years.", 0),
        ("sentence", "Bout received 25 years.", 1),
        (
            "paragraph",
            "Bout was extradited.\nHe received 25 years.",
            0,
        ),
        ("document", "Bout was extradited.\nHe received 25 years.", 1),
        ("paragraph", "It was about time. He received 25 years.", 0),
        (
            "paragraph",
            "The court heard that the arms\ndealer received 25 years, in a wrapped line.",
            1,
        ),
        ("paragraph", "BOUT: he received 25 years.", 1),
    ];
    for (scope, text, expected) in cases {
        let found = evidence(&run(&ledger(scope), text, None)).len();
        assert_eq!(found, expected, "{scope}: {text:?}");
    }
}

#[test]
fn a_source_that_contradicts_itself_gets_its_own_finding() {
    let report = run(
        TOTAL,
        "A total of 26. Later: 25 people were exchanged.",
        None,
    );
    let codes: Vec<Code> = report.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::SelfContradiction), "{codes:?}");
    let consistent = run(
        TOTAL,
        "A total of 26. Later: more than 20 people were exchanged.",
        None,
    );
    assert!(
        !consistent
            .findings
            .iter()
            .any(|f| f.code == Code::SelfContradiction)
    );
}

#[test]
fn quantities_no_pattern_matched_are_noted_in_scope_only() {
    let ledger = "[[claim]]\nid = \"total\"\nstatement = \"26\"\nvalue = 26\ncues = [\"swap\"]\npatterns = [\"a total of {n}\"]\n";
    let report = run(
        ledger,
        "In the swap, a total of 26 people left, and 12 of them flew.\n\nElsewhere, 40 people waited.\n\nThe swap involved the two countries.",
        None,
    );
    let noted: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::UnmatchedQuantity)
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(noted.len(), 1, "{noted:?}");
    assert!(noted[0].starts_with("\"12\""), "{noted:?}");
}

#[test]
fn statuses_count_outlets() {
    let report = run(TOTAL, "A total of 26.", None);
    assert_eq!(report.claims[0].status.name(), "single-outlet");
    let report = run(TOTAL, "Nothing about it.", None);
    assert_eq!(report.claims[0].status.name(), "unsupported");
    assert!(report.findings.iter().any(|f| f.code == Code::Unsupported));
    let report = run(TOTAL, "A total of 25.", None);
    assert_eq!(report.claims[0].status.name(), "contested");
    assert_eq!(report.exit_code(), 1);
}
