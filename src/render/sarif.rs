//! SARIF 2.1.0, for GitHub code scanning and other tools that read static-analysis results:
//! one rule per diagnostic code, one result per finding, with repository-relative locations
//! and a fingerprint that survives unrelated line moves.

use serde::Serialize;
use serde_json::{Value, json};

use crate::files::File;
use crate::findings::{Code, Finding, Label, Severity};
use crate::report::Report;

use super::Lazy;

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";

/// Writes `report` as a SARIF log to `out`, each result made as it is written.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let fingerprints = report.fingerprints();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: VERSION,
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": "claimcheck",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": Code::ALL.iter().map(|&code| rule(code)).collect::<Vec<_>>(),
                }
            }),
            column_kind: "unicodeCodePoints",
            results: Lazy::new(|| {
                report
                    .findings
                    .iter()
                    .zip(&fingerprints)
                    .map(|(finding, fingerprint)| result(report, &finding, fingerprint))
            }),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// The log: one run of claimcheck.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

/// The run: the tool with its rules, and the results.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    column_kind: &'static str,
    /// One result per finding, each made as it is written.
    results: Lazy<'a, Value>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(code: Code) -> Value {
    let what_to_do = code.section("What to do");
    let example = code.section("Example");
    json!({
        "id": code.name(),
        "name": code.name().split('-').map(capitalise).collect::<String>(),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": code.section("What it means") },
        "help": {
            "text": format!("{what_to_do} Example: {example}"),
            "markdown": code.documentation(),
        },
        "defaultConfiguration": { "level": level(code.severity()) },
        "properties": { "tags": [if code.stops_run() { "ledger" } else { "check" }] },
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn result(report: &Report, finding: &Finding, fingerprint: &str) -> Value {
    let rule_index = Code::ALL
        .iter()
        .position(|c| *c == finding.code)
        .unwrap_or(0);
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": finding.code.name(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": message },
        "partialFingerprints": { "claimcheck/v1": fingerprint },
    });
    let mut labels = finding.labels.iter();
    if let Some(primary) = labels.next() {
        result["locations"] = json!([location(&report.files.get(primary.file), primary)]);
        let related: Vec<Value> = labels
            .enumerate()
            .map(|(i, label)| {
                let mut related = location(&report.files.get(label.file), label);
                related["id"] = json!(i + 1);
                related["message"] = json!({ "text": label.text });
                related
            })
            .collect();
        if !related.is_empty() {
            result["relatedLocations"] = Value::Array(related);
        }
    }
    result
}

/// A physical location: the file's repository-relative URI and the region of the label.
fn location(file: &File, label: &Label) -> Value {
    let start = file.line_col(label.span.start);
    let end = file.line_col(label.span.end.max(label.span.start));
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.display_path()) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
                "snippet": { "text": file.slice(label.span.clone()) },
            },
        }
    })
}

/// A relative URI reference for a path: `/`-separated, with reserved characters escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("seeds/a b/Дар.txt"),
            "seeds/a%20b/%D0%94%D0%B0%D1%80.txt"
        );
        assert_eq!(uri("claims/ankara-2024.toml"), "claims/ankara-2024.toml");
    }
}
