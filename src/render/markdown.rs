//! A discrepancy report in Markdown, for a pull-request comment: the counts, the contested
//! claims with each side's evidence quoted, the figures a counting basis explains, the
//! claims no source states, and the names spelt otherwise than the ledger does. For a
//! draft: its figures with their verdicts, the claims the sources do not settle, and its
//! names to fix.

use std::fmt::Write;

use super::{counts_phrase, marked_sentence};
use crate::draft::DraftReport;
use crate::files::FileId;
use crate::ledger::Claim;
use crate::names::NameVerdict;
use crate::report::Report;
use crate::verify::{Evidence, Status, Verdict};

/// Renders `report` as Markdown; fails only if what it quotes cannot be read back.
pub fn render(report: &Report) -> std::io::Result<String> {
    if let Some(draft) = &report.draft {
        return render_draft(report, draft);
    }
    let mut out = String::new();
    let _ = writeln!(out, "## claimcheck: {}\n", counts_phrase(report.counts()));
    let status = |s: Status| report.claims.iter().filter(|c| c.status == s).count();
    let _ = writeln!(
        out,
        "| claims | sources | corroborated | single outlet | contested | unsupported |"
    );
    let _ = writeln!(out, "| ---: | ---: | ---: | ---: | ---: | ---: |");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n",
        report.claims.len(),
        report.sources.len(),
        status(Status::Corroborated),
        status(Status::SingleOutlet),
        status(Status::Contested),
        status(Status::Unsupported)
    );
    contested(report, &mut out)?;
    reconciled(report, &mut out)?;
    unsupported(report, &mut out);
    variants(report, &mut out)?;
    spellings(report, &mut out);
    Ok(out)
}

fn render_draft(report: &Report, draft: &DraftReport) -> std::io::Result<String> {
    let mut out = String::new();
    let file = report.files.get(draft.file);
    let _ = writeln!(
        out,
        "## claimcheck draft: {}\n\n{}\n",
        cell(&file.display_path()),
        counts_phrase(report.counts())
    );
    let mut figures: Vec<&Evidence> = draft.figures.iter().collect();
    figures.sort_by_key(|f| (f.span.start, f.claim));
    if figures.is_empty() {
        let _ = writeln!(
            out,
            "No figure of the draft states a claim of the ledger.\n"
        );
    } else {
        let _ = writeln!(
            out,
            "| line | the draft | claim | the ledger | verdict | the sources |"
        );
        let _ = writeln!(out, "| ---: | --- | --- | --- | --- | --- |");
        for figure in figures {
            let claim = &report.ledger.claims[figure.claim];
            let mut verdict = figure.verdict.name().to_string();
            if let Some(basis) = figure.basis.and_then(|b| claim.basis.get(b)) {
                verdict = format!("{verdict}: {}", cell(&basis.note));
            }
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} | {} | {} |",
                file.line_col(figure.span.start).line,
                quote(report, draft.file, figure),
                claim.id,
                cell(&claim.figure_text()),
                if figure.verdict == Verdict::Supports {
                    verdict
                } else {
                    format!("**{verdict}**")
                },
                report.claims[figure.claim].status.name()
            );
        }
        out.push('\n');
    }
    unsettled(report, draft, &mut out)?;
    draft_names(report, draft, &mut out);
    Ok(out)
}

/// The claims of the draft that the sources contest or do not corroborate, with what each
/// source says.
fn unsettled(report: &Report, draft: &DraftReport, out: &mut String) -> std::io::Result<()> {
    let mut claims: Vec<usize> = draft.figures.iter().map(|f| f.claim).collect();
    claims.sort_unstable();
    claims.dedup();
    claims.retain(|&c| report.claims[c].status != Status::Corroborated);
    if claims.is_empty() {
        return Ok(());
    }
    let _ = writeln!(out, "### Claims the sources do not settle\n");
    for c in claims {
        let claim = &report.ledger.claims[c];
        let result = &report.claims[c];
        let _ = writeln!(
            out,
            "- `{}` ({}): {}",
            claim.id,
            result.status.name(),
            cell(&claim.statement)
        );
        for said in result.sources.iter() {
            let said = said?;
            if let Some(evidence) = said.evidence.get()?.first() {
                let _ = writeln!(
                    out,
                    "  - `{}` {}: {}",
                    report.sources.id(said.source),
                    said.verdict.name(),
                    quote(report, report.sources.file(said.source), evidence)
                );
            }
        }
    }
    out.push('\n');
    Ok(())
}

/// The draft's misspelt names and the names the ledger does not know.
fn draft_names(report: &Report, draft: &DraftReport, out: &mut String) {
    let file = report.files.get(draft.file);
    let misspelt: Vec<String> = draft
        .names
        .iter()
        .filter_map(|name| {
            let known = name.known.as_ref()?;
            (known.resolved.verdict == NameVerdict::Variant).then(|| {
                let entity = &report.ledger.entities[known.resolved.entity];
                let fix = known.fix.as_ref().map_or_else(
                    || format!("{} (by hand)", cell(&entity.name)),
                    |f| cell(&f.replacement),
                );
                format!(
                    "| {} | {} | {fix} |",
                    file.line_col(name.span.start).line,
                    cell(&name.spelling)
                )
            })
        })
        .collect();
    let _ = writeln!(out, "### Names\n");
    if misspelt.is_empty() {
        let _ = writeln!(
            out,
            "Every name the ledger knows is spelt as it spells it.\n"
        );
    } else {
        let _ = writeln!(out, "| line | written | write (`claimcheck draft --fix`) |");
        let _ = writeln!(out, "| ---: | --- | --- |");
        for row in misspelt {
            let _ = writeln!(out, "{row}");
        }
        out.push('\n');
    }
    let mut unknown: Vec<(&str, usize)> = draft
        .names
        .iter()
        .filter(|n| n.known.is_none())
        .map(|n| (n.spelling.as_str(), file.line_col(n.span.start).line))
        .collect();
    unknown.sort_unstable();
    unknown.dedup_by_key(|(spelling, _)| *spelling);
    if !unknown.is_empty() {
        let listed: Vec<String> = unknown
            .iter()
            .map(|(spelling, line)| format!("{} (line {line})", cell(spelling)))
            .collect();
        let _ = writeln!(out, "Not in the ledger: {}.\n", listed.join(", "));
    }
}

/// Text safe in a Markdown table cell, on one line.
fn cell(text: &str) -> String {
    collapse(&escape(text))
}

/// `text` with Markdown's special characters escaped and line breaks made spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            out.push('\\');
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
    }
    out
}

/// Runs of whitespace made one space, ends trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentence of a piece of evidence, the figure in bold.
fn quote(report: &Report, file: FileId, evidence: &Evidence) -> String {
    let file = report.files.get(file);
    let out = marked_sentence(&file, evidence, escape, |figure| format!("**{figure}**"));
    let line = file.line_col(evidence.span.start).line;
    format!("“{}” ({}:{line})", collapse(&out), file.display_path())
}

/// Where the ledger gives a claim's figure: `claims/topic.toml:12`.
fn figure_place(report: &Report, claim: &Claim) -> String {
    let file = report.files.get(claim.file);
    let line = file.line_col(claim.figure_span.start).line;
    format!("{}:{line}", file.display_path())
}

fn contested(report: &Report, out: &mut String) -> std::io::Result<()> {
    let contested: Vec<usize> = (0..report.claims.len())
        .filter(|&c| report.claims[c].status == Status::Contested)
        .collect();
    let _ = writeln!(out, "### Contested claims\n");
    if contested.is_empty() {
        let _ = writeln!(out, "No claim is contested.\n");
        return Ok(());
    }
    for c in contested {
        let claim = &report.ledger.claims[c];
        let _ = writeln!(
            out,
            "#### `{}`: {}\n\nThe ledger: **{}** ({})\n",
            claim.id,
            cell(&claim.statement),
            cell(&claim.figure_text()),
            figure_place(report, claim)
        );
        let _ = writeln!(out, "| source | verdict | what it says |");
        let _ = writeln!(out, "| --- | --- | --- |");
        for said in report.claims[c].sources.iter() {
            let said = said?;
            let id = report.sources.id(said.source);
            for evidence in said.evidence.get()?.iter() {
                let mut verdict = evidence.verdict.name().to_string();
                if evidence.verdict == Verdict::Reconciled {
                    if let Some(basis) = evidence.basis.and_then(|b| claim.basis.get(b)) {
                        verdict = format!("reconciled: {}", cell(&basis.note));
                    }
                }
                if evidence.verdict == Verdict::Contradicts {
                    if let Some(ack) = claim.acks.iter().find(|a| a.source == id) {
                        verdict = format!("contradicts (acknowledged: {})", cell(&ack.reason));
                    }
                }
                let _ = writeln!(
                    out,
                    "| `{id}` | {verdict} | {} |",
                    quote(report, report.sources.file(said.source), evidence)
                );
            }
        }
        out.push('\n');
    }
    Ok(())
}

fn reconciled(report: &Report, out: &mut String) -> std::io::Result<()> {
    let mut rows = Vec::new();
    for (claim, result) in report.ledger.claims.iter().zip(&report.claims) {
        for said in result.sources.iter() {
            let said = said?;
            for evidence in said
                .evidence
                .get()?
                .iter()
                .filter(|e| e.verdict == Verdict::Reconciled)
            {
                let basis = evidence.basis.and_then(|b| claim.basis.get(b));
                rows.push(format!(
                    "| `{}` | {} | {} | `{}` | {} |",
                    claim.id,
                    cell(&claim.figure_text()),
                    basis.map_or(String::new(), |b| {
                        format!("{}: {}", cell(&b.figure.text(claim.unit)), cell(&b.note))
                    }),
                    report.sources.id(said.source),
                    quote(report, report.sources.file(said.source), evidence)
                ));
            }
        }
    }
    if rows.is_empty() {
        return Ok(());
    }
    let _ = writeln!(out, "### Figures a counting basis explains\n");
    let _ = writeln!(
        out,
        "| claim | the ledger | the basis | source | what it says |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
    for row in rows {
        let _ = writeln!(out, "{row}");
    }
    out.push('\n');
    Ok(())
}

fn unsupported(report: &Report, out: &mut String) {
    let _ = writeln!(out, "### Claims no source states\n");
    let mut any = false;
    for (claim, result) in report.ledger.claims.iter().zip(&report.claims) {
        if result.status == Status::Unsupported {
            any = true;
            let _ = writeln!(
                out,
                "- `{}`: {} (the ledger: {}, {})",
                claim.id,
                cell(&claim.statement),
                cell(&claim.figure_text()),
                figure_place(report, claim)
            );
        }
    }
    if !any {
        let _ = writeln!(out, "Every claim is stated by a source.");
    }
    out.push('\n');
}

fn variants(report: &Report, out: &mut String) -> std::io::Result<()> {
    let _ = writeln!(out, "### Variant spellings\n");
    let mut rows = Vec::new();
    for (e, entity) in report.ledger.entities.iter().enumerate() {
        for mention in report.names.variants(e) {
            let mention = mention?;
            let file = report.files.get(report.sources.file(mention.source));
            let line = file.line_col(mention.span.start).line;
            let signals: Vec<&str> = mention
                .resolved
                .signals
                .iter()
                .map(|s| s.describe())
                .collect();
            rows.push(format!(
                "| {} | {} | {}:{line} | {} |",
                cell(&entity.name),
                cell(&mention.spelling),
                file.display_path(),
                cell(&signals.join(", "))
            ));
        }
    }
    if rows.is_empty() {
        let _ = writeln!(out, "Every name is spelt as the ledger spells it.\n");
        return Ok(());
    }
    let _ = writeln!(out, "| canonical | written | where | signals |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for row in rows {
        let _ = writeln!(out, "{row}");
    }
    out.push('\n');
    Ok(())
}

fn spellings(report: &Report, out: &mut String) {
    if report.names.groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Names spelt more than one way\n");
    for group in &report.names.groups {
        let listed: Vec<String> = group
            .spellings
            .iter()
            .map(|s| {
                let places: Vec<String> = s
                    .occurrences
                    .iter()
                    .map(|o| {
                        let file = report.files.get(report.sources.file(o.source()));
                        format!(
                            "{}:{}",
                            file.display_path(),
                            file.line_col(o.span().start).line
                        )
                    })
                    .collect();
                format!(
                    "{} ×{} ({})",
                    cell(&s.spelling),
                    s.occurrences.len(),
                    places.join(", ")
                )
            })
            .collect();
        let _ = writeln!(out, "- {}", listed.join("; "));
    }
    out.push('\n');
}
