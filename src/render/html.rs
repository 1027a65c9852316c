//! One self-contained HTML page for an editor: the claims × sources matrix with a colour per
//! verdict and a legend, each cell opening its evidence (the sentence with the figure
//! marked, file and line), the variant spellings per entity, the sources' metadata, and the
//! run's date and inputs. No network, no external assets; every text from the sources and
//! the ledger is escaped, and a Content-Security-Policy lets only the page's own script run.

use std::fmt::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};

use crate::draft::DraftReport;
use crate::files::display_path;
use crate::findings::Severity;
use crate::names::NameVerdict;
use crate::report::Report;
use crate::verify::{Evidence, Verdict};

use super::{Chunked, counted, marked_sentence, symbol};

/// Writes `report` as a page to `out` as it is made; `run_at` is the run's date as it
/// should be shown.
pub fn write(report: &Report, run_at: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let digest = BASE64.encode(Sha256::digest(SCRIPT.as_bytes()));
    let mut page = Chunked::new(out);
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>claimcheck report</title>\n\
<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    header(report, run_at, &mut page);
    if let Some(draft) = &report.draft {
        draft_section(report, draft, &mut page);
    }
    matrix(report, &mut page);
    names(report, &mut page);
    sources(report, &mut page);
    findings(report, &mut page);
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    page.finish()
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn header(report: &Report, run_at: &str, out: &mut Chunked) {
    let counts = report.counts();
    let paths = |paths: &[std::path::PathBuf]| {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| format!("<code>{}</code>", escape(&display_path(p))))
            .collect();
        shown.join(", ")
    };
    let _ = write!(
        out,
        "<header><h1>claimcheck report</h1>\n<p class=\"run\">Run at <time>{}</time> by claimcheck {}; ledger {}; sources {}.</p>\n\
<p class=\"counts\"><span class=\"error\">{}</span> <span class=\"warning\">{}</span> <span class=\"note\">{}</span></p></header>\n",
        escape(run_at),
        env!("CARGO_PKG_VERSION"),
        paths(&report.claim_paths),
        paths(&report.source_paths),
        counted(counts.errors, "error"),
        counted(counts.warnings, "warning"),
        counted(counts.notes, "note")
    );
}

/// Beyond this many sources with something to say, the matrix lists each claim's sources
/// instead of giving every source a column.
const MAX_COLUMNS: usize = 40;

fn matrix(report: &Report, out: &mut Chunked) {
    // A column for each source that says something about some claim; a source silent on
    // every claim would be a column of blanks, so it is only counted (and listed under
    // Sources). Past MAX_COLUMNS, each row lists its own sources instead, so that the page
    // grows with the evidence, not with claims × sources.
    let mut talking = vec![false; report.sources.len()];
    for said in report.claims.iter().flat_map(|c| c.sources.iter()) {
        match said.map(|said| talking.get_mut(said.source)) {
            Ok(Some(talks)) => *talks = true,
            Ok(None) => {}
            Err(error) => out.fail(error),
        }
    }
    let columns: Vec<usize> = (0..report.sources.len()).filter(|&s| talking[s]).collect();
    let wide = columns.len() > MAX_COLUMNS;
    out.push_str("<section id=\"matrix\"><h2>Claims × sources</h2>\n");
    let quiet = report.sources.len() - columns.len();
    if quiet > 0 {
        let _ = writeln!(
            out,
            "<p class=\"quiet\">Sources with nothing to say about any claim have no column: {quiet} of {}, listed under Sources below.</p>",
            report.sources.len()
        );
    }
    out.push_str(
        "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>claim</th><th>status</th>",
    );
    if wide {
        for verdict in Verdict::SHOWN {
            let _ = write!(out, "<th class=\"cell {0}\">{0}</th>", verdict.name());
        }
        out.push_str("<th>the sources that say something (by number)</th>");
    } else {
        for &i in &columns {
            let _ = write!(
                out,
                "<th title=\"{}\">{}</th>",
                escape(report.sources.id(i)),
                i + 1
            );
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (c, (claim, result)) in report.ledger.claims.iter().zip(&report.claims).enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><code>{}</code><div class=\"statement\">{}</div></th><td class=\"status {}\">{}</td>",
            escape(&claim.id),
            escape(&claim.statement),
            result.status.name(),
            result.status.name()
        );
        // The cell of source `s`, whose verdict is `verdict` unless it is silent.
        let cell = |s: usize, verdict: Option<Verdict>, out: &mut Chunked| {
            let Some(verdict) = verdict else {
                let _ = write!(
                    out,
                    "<td class=\"cell silent\" title=\"silent\">{}</td>",
                    symbol(Verdict::Silent)
                );
                return;
            };
            let id = format!("evidence-{c}-{s}");
            let label = if wide {
                (s + 1).to_string()
            } else {
                symbol(verdict).to_string()
            };
            let tag = if wide { "span" } else { "td" };
            let _ = write!(
                out,
                "<{tag} class=\"cell {}\"><button type=\"button\" data-evidence=\"{id}\" aria-controls=\"{id}\" title=\"{}: {}\">{label}</button></{tag}>",
                verdict.name(),
                escape(report.sources.id(s)),
                verdict.name(),
            );
        };
        if wide {
            for verdict in Verdict::SHOWN {
                let count = match verdict {
                    Verdict::Silent => report.sources.len() - result.sources.len(),
                    _ => result.count(verdict),
                };
                let _ = write!(out, "<td class=\"count\">{count}</td>");
            }
            out.push_str("<td class=\"chips\">");
            for said in result.sources.iter() {
                match said {
                    Ok(said) => cell(said.source, Some(said.verdict), out),
                    Err(error) => out.fail(error),
                }
            }
            out.push_str("</td>");
        } else {
            // At most a cell per column: the row's verdicts are read back once.
            let said = result.sources.to_vec().unwrap_or_else(|error| {
                out.fail(error);
                Vec::new()
            });
            for &s in &columns {
                let of = said.binary_search_by_key(&s, |said| said.source);
                cell(s, of.ok().map(|at| said[at].verdict), out);
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n<ul class=\"legend\">");
    for verdict in Verdict::SHOWN {
        let _ = write!(
            out,
            "<li><span class=\"cell {}\">{}</span> {}</li>",
            verdict.name(),
            symbol(verdict),
            verdict.name()
        );
    }
    out.push_str("</ul>\n<ol class=\"columns\">");
    for &i in columns.iter().filter(|_| !wide) {
        let _ = write!(
            out,
            "<li value=\"{}\"><code>{}</code></li>",
            i + 1,
            escape(report.sources.id(i))
        );
    }
    out.push_str("</ol>\n</section>\n<section id=\"evidence\"><h2>Evidence</h2>\n<p id=\"placeholder\">Choose a cell of the table to see what the source says.</p>\n");
    // A panel for each cell with evidence, in the table's order: the order of the claim's
    // sources.
    for (c, (claim, result)) in report.ledger.claims.iter().zip(&report.claims).enumerate() {
        for said in result.sources.iter() {
            let read = said.and_then(|said| {
                let evidence = said.evidence.get()?.into_owned();
                Ok((said.source, said.verdict, evidence))
            });
            match read {
                Ok((s, verdict, evidence)) => {
                    evidence_panel(report, (c, claim), (s, verdict), &evidence, out);
                }
                Err(error) => out.fail(error),
            }
        }
    }
    out.push_str("</section>\n");
}

/// The panel a cell of the table opens: what source `s` says about the claim.
fn evidence_panel(
    report: &Report,
    (c, claim): (usize, &crate::ledger::Claim),
    (s, verdict): (usize, Verdict),
    evidence: &[Evidence],
    out: &mut Chunked,
) {
    let _ = write!(
        out,
        "<div class=\"evidence\" id=\"evidence-{c}-{s}\" hidden><h3><code>{}</code> in <code>{}</code>: <span class=\"{}\">{}</span></h3>\n<p class=\"ledger\">The ledger: {} ({})</p>\n",
        escape(&claim.id),
        escape(report.sources.id(s)),
        verdict.name(),
        verdict.name(),
        escape(&claim.figure_text()),
        escape(&claim.statement)
    );
    for evidence in evidence {
        evidence_block(report, s, claim, evidence, out);
    }
    out.push_str("</div>\n");
}

/// The draft's figures with their verdicts and what the sources say, and its names.
fn draft_section(report: &Report, draft: &DraftReport, out: &mut Chunked) {
    let file = report.files.get(draft.file);
    let _ = writeln!(
        out,
        "<section id=\"draft\"><h2>Draft <code>{}</code></h2>",
        escape(&file.display_path())
    );
    let mut figures: Vec<&Evidence> = draft.figures.iter().collect();
    figures.sort_by_key(|f| (f.span.start, f.claim));
    out.push_str("<table class=\"draft\"><thead><tr><th>line</th><th>the draft</th><th>claim</th><th>the ledger</th><th>verdict</th><th>the sources</th></tr></thead><tbody>\n");
    for figure in figures {
        let claim = &report.ledger.claims[figure.claim];
        let quote = marked_sentence(&file, figure, escape, |f| format!("<mark>{f}</mark>"));
        let mut verdict = escape(figure.verdict.name());
        if let Some(basis) = figure.basis.and_then(|b| claim.basis.get(b)) {
            let _ = write!(verdict, ": {}", escape(&basis.note));
        }
        let status = report.claims[figure.claim].status.name();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{quote}</td><td><code>{}</code></td><td>{}</td><td class=\"cell {}\">{verdict}</td><td class=\"status {status}\">{status}</td></tr>",
            file.line_col(figure.span.start).line,
            escape(&claim.id),
            escape(&claim.figure_text()),
            figure.verdict.name(),
        );
    }
    out.push_str("</tbody></table>\n<ul class=\"draft-names\">");
    for name in &draft.names {
        let line = file.line_col(name.span.start).line;
        let text = match &name.known {
            Some(known) if known.resolved.verdict == NameVerdict::Variant => {
                let entity = &report.ledger.entities[known.resolved.entity];
                format!(
                    "<strong>{}</strong> (line {line}): write <strong>{}</strong>",
                    escape(&name.spelling),
                    escape(known.fix.as_ref().map_or(&entity.name, |f| &f.replacement))
                )
            }
            Some(_) => continue,
            None => format!(
                "{} (line {line}): not in the ledger",
                escape(&name.spelling)
            ),
        };
        let _ = write!(out, "<li>{text}</li>");
    }
    out.push_str("</ul></section>\n");
}

fn evidence_block(
    report: &Report,
    s: usize,
    claim: &crate::ledger::Claim,
    evidence: &Evidence,
    out: &mut Chunked,
) {
    let file = report.files.get(report.sources.file(s));
    let quote = marked_sentence(&file, evidence, escape, |figure| {
        format!("<mark>{figure}</mark>")
    });
    let position = file.line_col(evidence.span.start);
    let mut about = format!("{}: {}", evidence.verdict.name(), escape(&evidence.text));
    if let Some(basis) = evidence.basis.and_then(|b| claim.basis.get(b)) {
        let _ = write!(about, "; the basis “{}”", escape(&basis.note));
    }
    if let Some(pattern) = evidence.pattern.and_then(|p| claim.patterns.get(p)) {
        let _ = write!(
            about,
            "; pattern <code>{}</code>",
            escape(&pattern.pattern.text)
        );
    }
    let _ = writeln!(
        out,
        "<blockquote class=\"{}\">{quote}</blockquote>\n<p class=\"where\">{about}; <code>{}:{}:{}</code></p>",
        evidence.verdict.name(),
        escape(&file.display_path()),
        position.line,
        position.column
    );
}

fn names(report: &Report, out: &mut Chunked) {
    if report.ledger.entities.is_empty() {
        return;
    }
    out.push_str("<section id=\"names\"><h2>Names</h2>\n<table class=\"names\"><thead><tr><th>entity</th><th>mentions</th><th>variant spellings</th></tr></thead><tbody>\n");
    for ((e, entity), count) in report
        .ledger
        .entities
        .iter()
        .enumerate()
        .zip(&report.names.counts)
    {
        let mut variants = String::new();
        for m in report.names.variants(e) {
            let m = match m {
                Ok(m) => m,
                Err(error) => {
                    out.fail(error);
                    break;
                }
            };
            let file = report.files.get(report.sources.file(m.source));
            let signals: Vec<&str> = m.resolved.signals.iter().map(|s| s.describe()).collect();
            let _ = write!(
                variants,
                "<li><strong>{}</strong> <code>{}:{}</code> <span class=\"signals\">{}</span></li>",
                escape(&m.spelling),
                escape(&file.display_path()),
                file.line_col(m.span.start).line,
                escape(&signals.join(", "))
            );
        }
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{} <code>{}</code></th><td>{}</td><td><ul>{}</ul></td></tr>",
            escape(&entity.name),
            escape(&entity.id),
            count,
            variants
        );
    }
    out.push_str("</tbody></table>\n");
    for group in &report.names.groups {
        let spellings: Vec<String> = group
            .spellings
            .iter()
            .map(|s| {
                format!(
                    "<strong>{}</strong> ×{}",
                    escape(&s.spelling),
                    s.occurrences.len()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"inconsistent\">Spelt more than one way: {}</p>",
            spellings.join(", ")
        );
    }
    out.push_str("</section>\n");
}

fn sources(report: &Report, out: &mut Chunked) {
    out.push_str("<section id=\"sources\"><h2>Sources</h2>\n<table class=\"sources\"><thead><tr><th>#</th><th>source</th><th>outlet</th><th>published</th><th>language</th><th>translation</th><th>notes</th></tr></thead><tbody>\n");
    for (i, meta) in report.sources.metas().enumerate() {
        let meta = match meta.and_then(|meta| Ok(meta.get()?.into_owned())) {
            Ok(meta) => meta,
            Err(error) => return out.fail(error),
        };
        let text = |value: &Option<String>| value.as_deref().map_or(String::new(), escape);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code><div class=\"title\">{}</div><div class=\"path\">{}</div></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            escape(&meta.id),
            text(&meta.title),
            escape(&report.files.get(report.sources.file(i)).display_path()),
            text(&meta.outlet),
            meta.published
                .map_or(String::new(), |p| escape(&p.to_string())),
            text(&meta.language),
            text(&meta.translation),
            text(&meta.notes)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn findings(report: &Report, out: &mut Chunked) {
    out.push_str("<section id=\"findings\"><h2>Findings</h2>\n<ul class=\"findings\">\n");
    for finding in report.findings.iter() {
        let class = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let place = finding.labels.first().map_or(String::new(), |label| {
            let file = report.files.get(label.file);
            let at = file.line_col(label.span.start);
            format!(
                " <code>{}:{}:{}</code>",
                escape(&file.display_path()),
                at.line,
                at.column
            )
        });
        let _ = writeln!(
            out,
            "<li class=\"{class}\"><span class=\"code\">{}</span> {}{place}</li>",
            escape(&finding.code.to_string()),
            escape(&finding.message)
        );
    }
    out.push_str("</ul></section>\n");
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:78rem;padding:1rem 1.5rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
code{font:13px ui-monospace,monospace}.run,.counts{margin:.2rem 0}
.counts span{margin-right:1rem;font-weight:600}.error{color:#a40e26}.warning{color:#8a5300}.note{color:#235a97}
.scroll{overflow-x:auto}table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
.matrix td.cell{text-align:center;vertical-align:middle;padding:0;min-width:2.2rem}.matrix button{all:unset;display:block;cursor:pointer;padding:.3rem .5rem}
.matrix button:focus{outline:2px solid #235a97}.statement{font-size:12px;color:#555;max-width:28rem}
.cell.supports{background:#cdeccf}.cell.consistent{background:#e3eefc}.cell.reconciled{background:#fdf0c6}
.cell.contradicts{background:#f8c9cf}.cell.silent{color:#aaa}.legend{list-style:none;padding:0;display:flex;gap:1rem}
.legend .cell{display:inline-block;width:1.6rem;text-align:center;border:1px solid #ddd}
.matrix td.count{text-align:right}.chips span.cell{display:inline-block;margin:.1rem;border:1px solid #ddd}
.status.contested{color:#a40e26;font-weight:600}.status.unsupported{color:#8a5300}.status.corroborated{color:#1d6b28}
.columns{font-size:13px;columns:2}.evidence{border-left:4px solid #235a97;padding:.2rem 1rem;margin:1rem 0;background:#f7f9fc}
blockquote{margin:.5rem 0;padding:.3rem .8rem;background:#fff;border:1px solid #e4e4e4}mark{background:#ffe066;padding:0 .1rem}
.where{font-size:13px;color:#444}.draft code{white-space:nowrap}.signals,.path,.title{font-size:12px;color:#555}.findings li{margin:.2rem 0}.code{font:12px ui-monospace,monospace;color:#555}
";

const SCRIPT: &str = "
(function () {
  var buttons = document.querySelectorAll('button[data-evidence]');
  function show(id) {
    document.querySelectorAll('.evidence').forEach(function (panel) { panel.hidden = panel.id !== id; });
    buttons.forEach(function (b) { b.setAttribute('aria-expanded', String(b.dataset.evidence === id)); });
    var placeholder = document.getElementById('placeholder');
    if (placeholder) { placeholder.hidden = true; }
    var panel = document.getElementById(id);
    if (panel) { panel.scrollIntoView({ block: 'nearest' }); }
  }
  buttons.forEach(function (b) {
    b.setAttribute('aria-expanded', 'false');
    b.addEventListener('click', function () { show(b.dataset.evidence); });
  });
})();
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>x</script> & \"q\" 'a'"),
            "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
    }
}
