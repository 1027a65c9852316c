//! The terminal report: every finding as a miette diagnostic, then a claims × sources table
//! (or, for a draft, its figures and names) and the totals.

use std::fmt::Write;

use super::diagnostics::{self, Style};
use super::{Chunked, counted, counts_phrase, symbol};
use crate::draft::DraftReport;
use crate::names::NameVerdict;
use crate::report::Report;
use crate::verify::Verdict;

/// Sources beyond this many are summed per claim instead of given a column each.
const MAX_COLUMNS: usize = 12;

/// Writes `report` for a terminal or a log to `out`, each finding as it is drawn.
pub fn write(report: &Report, style: Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut text = Chunked::new(out);
    diagnostics::draw(&report.files, report.findings.iter(), style, &mut text);
    match &report.draft {
        Some(draft) => text.push_str(&draft_summary(report, draft)),
        None => match summary(report) {
            Ok(summary) => text.push_str(&summary),
            Err(error) => text.fail(error),
        },
    }
    text.finish()
}

/// Longest figure text shown in the draft's table.
const FIGURE_WIDTH: usize = 24;

/// The draft's figures with their verdicts and what the sources say, its names, and the
/// totals.
fn draft_summary(report: &Report, draft: &DraftReport) -> String {
    let mut out = String::new();
    let file = report.files.get(draft.file);
    let published = draft
        .published
        .map_or(String::new(), |p| format!(", dates read against {p}"));
    let _ = writeln!(
        out,
        "draft {} ({}{published}): {}",
        file.display_path(),
        draft.markup.name(),
        counted(draft.figures.len(), "figure")
    );
    if !draft.figures.is_empty() {
        let id_width = draft
            .figures
            .iter()
            .map(|f| report.ledger.claims[f.claim].id.chars().count())
            .max()
            .unwrap_or(5)
            .max(5);
        let _ = writeln!(
            out,
            "{:>5}  {:FIGURE_WIDTH$}  {:id_width$}  {:11}  the sources",
            "line", "figure", "claim", "the draft"
        );
        let mut figures: Vec<_> = draft.figures.iter().collect();
        figures.sort_by_key(|f| f.span.start);
        for figure in figures {
            let mut text = format!("\"{}\"", figure.text);
            if text.chars().count() > FIGURE_WIDTH {
                text = text.chars().take(FIGURE_WIDTH - 1).collect::<String>() + "…";
            }
            let _ = writeln!(
                out,
                "{:>5}  {text:FIGURE_WIDTH$}  {:id_width$}  {:11}  {}",
                file.line_col(figure.span.start).line,
                report.ledger.claims[figure.claim].id,
                figure.verdict.name(),
                report.claims[figure.claim].status.name(),
            );
        }
    }
    let (mut spelt, mut misspelt) = (0, 0);
    let mut unknown: Vec<&str> = Vec::new();
    for name in &draft.names {
        match &name.known {
            Some(known) if known.resolved.verdict == NameVerdict::Variant => misspelt += 1,
            Some(_) => spelt += 1,
            None => unknown.push(&name.spelling),
        }
    }
    unknown.sort_unstable();
    unknown.dedup();
    let _ = writeln!(
        out,
        "names: {} as the ledger spells them, {} misspelt, {} not in the ledger",
        spelt,
        misspelt,
        unknown.len()
    );
    let _ = writeln!(out, "\n{}", counts_phrase(report.counts()));
    out
}

/// The claims × sources table, its legend and the totals; an error if the sources'
/// metadata cannot be read back.
pub fn summary(report: &Report) -> std::io::Result<String> {
    let mut out = String::new();
    let sources = report.sources.len();
    let _ = writeln!(
        out,
        "{} × {}",
        counted(report.claims.len(), "claim"),
        counted(sources, "source")
    );
    let id_width = report
        .ledger
        .claims
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let status_width = "single-outlet".len();
    let matrix = sources <= MAX_COLUMNS;
    let mut header = format!("{:id_width$}  {:status_width$}", "claim", "status");
    if matrix {
        for i in 1..=sources {
            let _ = write!(header, " {i:>3}");
        }
    } else {
        header.push_str("  ✓ supports  ~ consistent  ± reconciled  ✗ contradicts");
    }
    let _ = writeln!(out, "{}", header.trim_end());
    for (claim, result) in report.ledger.claims.iter().zip(&report.claims) {
        let said = if matrix {
            result.sources.to_vec()?
        } else {
            Vec::new()
        };
        let mut row = format!(
            "{:id_width$}  {:status_width$}",
            claim.id,
            result.status.name()
        );
        if matrix {
            for source in 0..sources {
                let of = said.binary_search_by_key(&source, |s| s.source);
                let verdict = of.map_or(Verdict::Silent, |at| said[at].verdict);
                let _ = write!(row, " {:>3}", symbol(verdict));
            }
        } else {
            // A row counts what its sources say, not their silence.
            for verdict in Verdict::SHOWN.into_iter().filter(|&v| v != Verdict::Silent) {
                let _ = write!(row, "  {} {:<9}", symbol(verdict), result.count(verdict));
            }
        }
        let _ = writeln!(out, "{}", row.trim_end());
    }
    if matrix {
        out.push('\n');
        for (i, meta) in report.sources.metas().enumerate() {
            let meta = meta?.get()?.into_owned();
            let mut details: Vec<String> = meta.outlet.iter().cloned().collect();
            details.extend(meta.published.map(|p| p.to_string()));
            details.extend(meta.translation.as_ref().map(|_| "translated".to_string()));
            let details = if details.is_empty() {
                String::new()
            } else {
                format!(" ({})", details.join(", "))
            };
            let _ = writeln!(out, "{:>3}  {}{details}", i + 1, meta.id);
        }
        let _ = writeln!(
            out,
            "     ✓ supports  ~ consistent  ± reconciled  ✗ contradicts  · silent"
        );
    }
    out.push_str(&entities(report)?);
    let _ = writeln!(out, "\n{}", counts_phrase(report.counts()));
    Ok(out)
}

/// Each entity with how often the corpus names it, and the variant spellings it uses; an
/// error if its mentions cannot be read back.
fn entities(report: &Report) -> std::io::Result<String> {
    let entities = &report.ledger.entities;
    if entities.is_empty() {
        return Ok(String::new());
    }
    let mut out = format!(
        "\n{} entit{}\n",
        entities.len(),
        if entities.len() == 1 { "y" } else { "ies" }
    );
    let id_width = entities
        .iter()
        .map(|e| e.id.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(out, "{:id_width$}  mentions  variant spellings", "entity");
    for ((e, entity), count) in entities.iter().enumerate().zip(&report.names.counts) {
        let mut variants: Vec<(String, usize)> = Vec::new();
        for mention in report.names.variants(e) {
            let mention = mention?;
            match variants.iter_mut().find(|(s, _)| *s == mention.spelling) {
                Some((_, count)) => *count += 1,
                None => variants.push((mention.spelling, 1)),
            }
        }
        let listed: Vec<String> = variants.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
        let line = format!(
            "{:id_width$}  {:>8}  {}",
            entity.id,
            count,
            listed.join(", ")
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !report.names.groups.is_empty() {
        let _ = writeln!(
            out,
            "{} the ledger does not declare spelt more than one way",
            counted(report.names.groups.len(), "name")
        );
    }
    Ok(out)
}
