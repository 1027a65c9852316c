//! GitHub Actions workflow commands: one annotation per finding, on the file and lines it
//! points at (`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::msg`).

use rayon::prelude::*;

use crate::findings::{Finding, Severity};
use crate::report::Report;

/// How many findings' commands are made at once (on all threads) before they are written.
const BATCH: usize = 4096;

/// Writes `report` to `out` as workflow commands, one per line, in the findings' order;
/// each batch of commands is made on all threads, then written.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut findings = report.findings.iter().peekable();
    while findings.peek().is_some() {
        let batch: Vec<_> = findings.by_ref().take(BATCH).collect();
        let commands: Vec<String> = batch
            .par_iter()
            .map(|finding| command(report, finding))
            .collect();
        for command in commands {
            out.write_all(command.as_bytes())?;
        }
    }
    Ok(())
}

/// The workflow command of one finding, with its line break.
fn command(report: &Report, finding: &Finding) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = Vec::new();
    if let Some(label) = finding.labels.first() {
        let file = report.files.get(label.file);
        let (start, end) = (
            file.line_col(label.span.start),
            file.line_col(label.span.end),
        );
        properties.push(("file", file.display_path()));
        properties.push(("line", start.line.to_string()));
        properties.push(("col", start.column.to_string()));
        properties.push(("endLine", end.line.to_string()));
        properties.push(("endColumn", end.column.to_string()));
    }
    properties.push(("title", finding.code.to_string()));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();
    let mut message = finding.message.clone();
    for label in finding.labels.iter().skip(1) {
        let file = report.files.get(label.file);
        let at = file.line_col(label.span.start);
        message.push_str(&format!(
            "\n{}:{}:{}: {}",
            file.display_path(),
            at.line,
            at.column,
            label.text
        ));
    }
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as a message, and `:` and `,` too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_workflow_commands_reserve() {
        assert_eq!(escape_data("50% of\r\nit: a, b"), "50%25 of%0D%0Ait: a, b");
        assert_eq!(
            escape_property("claimcheck::a,b%"),
            "claimcheck%3A%3Aa%2Cb%25"
        );
    }
}
