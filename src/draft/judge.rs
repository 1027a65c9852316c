//! The findings of a draft: each figure against the ledger, each claim it states against
//! what the sources say, each name against the ledger's spellings.

use std::collections::BTreeMap;

use super::DraftReport;
use crate::files::FileId;
use crate::findings::{Code, Finding};
use crate::ledger::Claim;
use crate::names::NameVerdict;
use crate::report::Report;
use crate::text::counted;
use crate::verify::{Evidence, Status, Verdict, ledger_label, stated_text, unmatched};

/// Sources quoted on each side of a contested claim, at most.
const QUOTED: usize = 3;

/// The findings of `draft`, in text order.
pub fn findings(report: &Report, draft: &DraftReport, verbose: bool) -> Vec<Finding> {
    let mut found: Vec<(usize, Finding)> = Vec::new();
    let mut first_of_claim: BTreeMap<usize, &Evidence> = BTreeMap::new();
    for figure in &draft.figures {
        let claim = &report.ledger.claims[figure.claim];
        first_of_claim
            .entry(figure.claim)
            .and_modify(|first| {
                if figure.span.start < first.span.start {
                    *first = figure;
                }
            })
            .or_insert(figure);
        if figure.verdict != Verdict::Supports || verbose {
            found.push((figure.span.start, figure_finding(claim, figure, draft.file)));
        }
    }
    for (&c, figure) in &first_of_claim {
        if let Some(finding) = corroboration(report, c, figure, draft.file) {
            found.push((figure.span.start, finding));
        }
    }
    for quantity in &draft.unmatched {
        found.push((
            quantity.span.start,
            unmatched(&report.ledger, quantity, draft.file),
        ));
    }
    found.extend(names(report, draft));
    found.sort_by_key(|(start, finding)| (*start, finding.code));
    found.into_iter().map(|(_, finding)| finding).collect()
}

/// What a figure of the draft is against the ledger.
fn figure_finding(claim: &Claim, figure: &Evidence, file: FileId) -> Finding {
    let stated = stated_text(figure, claim);
    let ledger = claim.figure_text();
    let basis = figure.basis.and_then(|b| claim.basis.get(b));
    let (code, message, help) = match figure.verdict {
        Verdict::Supports => (
            Code::Supports,
            format!(
                "the draft states {stated} for `{}`, as the ledger does",
                claim.id
            ),
            None,
        ),
        Verdict::Reconciled => {
            let note = basis.map_or("", |b| b.note.as_str());
            (
                Code::DraftFigure,
                format!(
                    "the draft says {stated} for `{}`: the ledger's figure on the basis \"{note}\", not its {ledger}",
                    claim.id
                ),
                Some(format!(
                    "say which basis the figure counts ({note}), or write {ledger}"
                )),
            )
        }
        Verdict::Consistent => (
            Code::DraftFigure,
            format!(
                "the draft says {stated} for `{}`: the ledger's {ledger} satisfies it, but the draft should state it",
                claim.id
            ),
            Some(format!("write {ledger}, as the ledger has it")),
        ),
        Verdict::Contradicts | Verdict::Silent => (
            Code::DraftFigure,
            format!(
                "the draft says {stated} for `{}`; the ledger says {ledger}",
                claim.id
            ),
            Some(format!(
                "write {ledger}, or correct the ledger if the draft is right"
            )),
        ),
    };
    let mut finding = Finding::new(code, message).claim(&claim.id);
    finding.help = help;
    finding = finding.label(file, figure.span.clone(), format!("the draft: {stated}"));
    ledger_label(finding, claim, figure)
}

/// A warning when the draft states claim `c`, which the sources contest, or which fewer
/// than two outlets support; pointing at the draft's first figure for it.
fn corroboration(report: &Report, c: usize, figure: &Evidence, file: FileId) -> Option<Finding> {
    let claim = &report.ledger.claims[c];
    let result = &report.claims[c];
    // The sources on each side, and what the first few of each say: the evidence of only
    // those quoted is read.
    let mut supporting: Vec<usize> = Vec::new();
    let mut contradicting: Vec<usize> = Vec::new();
    let mut quoted = Vec::new();
    for said in result.sources.iter() {
        let said = match said {
            Ok(said) => said,
            Err(error) => return Some(Finding::new(Code::UnreadableFile, error.to_string())),
        };
        let side = match said.verdict {
            Verdict::Supports => &mut supporting,
            Verdict::Contradicts => &mut contradicting,
            _ => continue,
        };
        side.push(said.source);
        if side.len() <= QUOTED {
            quoted.push(said);
        }
    }
    let outlets = |side: &[usize]| {
        let mut names: Vec<&str> = side
            .iter()
            .map(|s| report.sources.outlet_or_id(*s))
            .collect();
        names.dedup();
        names
    };
    let (code, message, help) = match result.status {
        Status::Corroborated => return None,
        Status::Contested => (
            Code::DraftContested,
            format!(
                "the sources contest `{}`: {} {} {}, {} {} otherwise",
                claim.id,
                counted(supporting.len(), "source"),
                if supporting.len() == 1 {
                    "states"
                } else {
                    "state"
                },
                claim.figure_text(),
                counted(contradicting.len(), "source"),
                if contradicting.len() == 1 {
                    "says"
                } else {
                    "say"
                },
            ),
            "check the contradicting sources; attribute the figure, or acknowledge the reviewed disagreement with [[claim.ack]]",
        ),
        Status::SingleOutlet => (
            Code::DraftUncorroborated,
            format!(
                "only one outlet supports `{}`: {}",
                claim.id,
                outlets(&supporting).join(", ")
            ),
            "find a second outlet, or attribute the figure to this one",
        ),
        Status::Unsupported => (
            Code::DraftUncorroborated,
            format!("no source states `{}`: {}", claim.id, claim.statement),
            "find a source that states it, or attribute the figure",
        ),
    };
    let mut finding = Finding::new(code, message)
        .claim(&claim.id)
        .help(help)
        .label(
            file,
            figure.span.clone(),
            format!("the draft: {}", stated_text(figure, claim)),
        );
    // Contradicting sources first, each side in source order.
    quoted.sort_by_key(|said| (said.verdict != Verdict::Contradicts, said.source));
    for said in quoted {
        let verb = match said.verdict {
            Verdict::Contradicts => "says",
            _ => "states",
        };
        let evidence = match said.evidence.get() {
            Ok(evidence) => evidence,
            Err(error) => return Some(Finding::new(Code::UnreadableFile, error.to_string())),
        };
        let Some(evidence) = evidence.iter().find(|e| e.verdict == said.verdict) else {
            continue;
        };
        finding = finding.label(
            report.sources.file(said.source),
            evidence.span.clone(),
            format!("{verb} {}", stated_text(evidence, claim)),
        );
    }
    Some(finding)
}

/// Misspelt names, with their fixes, and names the ledger does not know.
fn names(report: &Report, draft: &DraftReport) -> Vec<(usize, Finding)> {
    let mut found = Vec::new();
    let mut unknown: BTreeMap<&str, Vec<std::ops::Range<usize>>> = BTreeMap::new();
    for name in &draft.names {
        let Some(known) = &name.known else {
            unknown
                .entry(&name.spelling)
                .or_default()
                .push(name.span.clone());
            continue;
        };
        if known.resolved.verdict != NameVerdict::Variant {
            continue;
        }
        let entity = &report.ledger.entities[known.resolved.entity];
        let mut finding = crate::names::diagnose::variant(
            entity,
            &known.resolved,
            &name.spelling,
            ("", draft.file),
            name.span.clone(),
        );
        let target = known
            .fix
            .as_ref()
            .map_or_else(|| entity.name.clone(), |f| f.replacement.clone());
        finding.code = Code::DraftSpelling;
        finding.severity = Code::DraftSpelling.severity();
        finding.source = None;
        finding.message = format!(
            "`{}` is not how the ledger spells `{}`: write `{target}`",
            name.spelling, entity.name
        );
        finding.help = Some(match &known.fix {
            Some(_) => format!("`claimcheck draft --fix` writes `{target}` here"),
            None => {
                format!("write `{target}` by hand: markup inside the name keeps `--fix` off it")
            }
        });
        found.push((name.span.start, finding));
    }
    for (spelling, spans) in unknown {
        let mut finding = Finding::new(
            Code::NotInLedger,
            format!(
                "`{spelling}` is not in the ledger ({})",
                counted(spans.len(), "mention")
            ),
        )
        .help("declare it as an [[entity]] to have every spelling of the name checked");
        for span in &spans {
            finding = finding.label(draft.file, span.clone(), "not in the ledger");
        }
        found.push((spans[0].start, finding));
    }
    found
}
