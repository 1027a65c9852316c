//! Turning verdicts into findings: what each source says, shown against the ledger.

use std::ops::Range;

use super::{ClaimResult, Evidence, SourceCheck, Stated, Unmatched, Verdict};
use crate::extract::units::format_amount;
use crate::files::FileId;
use crate::findings::{Code, Finding};
use crate::ledger::{Claim, Ledger};
use crate::text::counted;

/// What the findings need to know of a checked source.
#[derive(Debug, Clone, Copy)]
pub struct SourceRef<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its file.
    pub file: FileId,
    /// Its path, as printed.
    pub path: &'a str,
    /// Offset of the first byte that was not UTF-8, if any.
    pub first_invalid: Option<usize>,
}

/// The findings of one source, by position: a bad encoding, what it says about each claim
/// (supporting evidence only if `verbose`), where it contradicts itself, and the quantities
/// no pattern matched, if `shows` says the run shows them (a corpus has many such notes).
/// `check` holds its evidence, ordered by claim.
pub fn source_findings(
    ledger: &Ledger,
    source: &SourceRef,
    check: &SourceCheck,
    verbose: bool,
    shows: impl Fn(Code) -> bool,
) -> Vec<Finding> {
    let mut found: Vec<(usize, usize, Finding)> = Vec::new();
    if let Some(offset) = source.first_invalid {
        let finding = invalid_utf8(source.path, source.file, offset).source(source.id);
        found.push((offset, 0, finding));
    }
    for evidence in check.evidence.chunk_by(|a, b| a.claim == b.claim) {
        let c = evidence[0].claim;
        let claim = &ledger.claims[c];
        for item in evidence {
            if item.verdict == Verdict::Supports && !verbose {
                continue;
            }
            found.push((
                item.span.start,
                c,
                evidence_finding(claim, item, source, ledger),
            ));
        }
        if let Some(finding) = self_contradiction(claim, evidence, source) {
            found.push((finding_start(&finding), c, finding));
        }
    }
    if shows(Code::UnmatchedQuantity) {
        for quantity in &check.unmatched {
            let finding = unmatched(ledger, quantity, source.file).source(source.id);
            found.push((quantity.span.start, usize::MAX, finding));
        }
    }
    found.sort_by_key(|(start, claim, finding)| (*start, *claim, finding.code));
    found.into_iter().map(|(_, _, finding)| finding).collect()
}

/// The findings about claims as a whole, in ledger order: those no source states, and
/// acknowledgements that match no contradiction. `source` finds a source of the run by
/// id. An error if what a source says cannot be read back.
pub fn claim_findings(
    ledger: &Ledger,
    claims: &[ClaimResult],
    source: impl Fn(&str) -> Option<usize>,
) -> std::io::Result<Vec<Finding>> {
    let mut findings = Vec::new();
    for (claim, result) in ledger.claims.iter().zip(claims) {
        if result.status == super::Status::Unsupported {
            findings.push(unsupported(claim, result));
        }
        for ack in &claim.acks {
            let why = match source(&ack.source) {
                None => format!("no source `{}` is in this run", ack.source),
                Some(index)
                    if result.of(index)?.map(|s| s.verdict) != Some(Verdict::Contradicts) =>
                {
                    format!("`{}` no longer contradicts `{}`", ack.source, claim.id)
                }
                Some(_) => continue,
            };
            findings.push(
                Finding::new(Code::StaleAck, format!("stale acknowledgement: {why}"))
                    .label(claim.file, ack.span.clone(), "acknowledged here")
                    .help("remove this [[claim.ack]], so that a new contradiction is not silenced")
                    .claim(&claim.id),
            );
        }
    }
    Ok(findings)
}

/// `finding` with a label on the ledger's side of `item`: the basis that reconciles it,
/// or else the claim's figure.
pub fn ledger_label(finding: Finding, claim: &Claim, item: &Evidence) -> Finding {
    match item.basis.and_then(|b| claim.basis.get(b)) {
        Some(basis) if item.verdict == Verdict::Reconciled => finding.label(
            claim.file,
            basis.span.clone(),
            format!("the basis: {}", basis.figure.text(claim.unit)),
        ),
        _ => finding.label(
            claim.file,
            claim.figure_span.clone(),
            format!("the ledger: {}", claim.figure_text()),
        ),
    }
}

/// The warning for a file at `path` that is not UTF-8 from byte `offset` (in the decoded
/// text) on.
pub fn invalid_utf8(path: &str, file: FileId, offset: usize) -> Finding {
    Finding::new(
        Code::InvalidUtf8,
        format!(
            "`{path}` is not valid UTF-8: the byte at offset {offset} and any others like it were read as U+FFFD"
        ),
    )
    .label(file, offset..offset + '\u{fffd}'.len_utf8(), "not UTF-8")
    .help("convert the file to UTF-8, for example with `iconv -f WINDOWS-1251 -t UTF-8`")
}

/// The note for a quantity in `file` that stands in some claims' scope but that no pattern
/// matched.
pub fn unmatched(ledger: &Ledger, quantity: &Unmatched, file: FileId) -> Finding {
    let ids: Vec<String> = quantity
        .claims
        .iter()
        .map(|&c| format!("`{}`", ledger.claims[c].id))
        .collect();
    Finding::new(
        Code::UnmatchedQuantity,
        format!(
            "\"{}\" stands in the scope of {} but no pattern matched it",
            quantity.text,
            ids.join(", ")
        ),
    )
    .label(file, quantity.span.clone(), "no pattern matched")
    .help("if it states the claim, add a pattern for it; otherwise ignore this note")
}

fn finding_start(finding: &Finding) -> usize {
    finding.labels.first().map_or(0, |l| l.span.start)
}

/// What a stated figure reads as: the words of the source, a derived sum, or a date with
/// the year claimcheck gave it.
pub fn stated_text(item: &Evidence, claim: &Claim) -> String {
    match (&item.stated, item.parts.is_empty()) {
        (Stated::Quantity { low, .. }, false) => {
            format!("{} ({})", format_amount(*low, claim.unit), item.text)
        }
        (Stated::Date(value), _) if !value.year_stated && value.years.is_none() => {
            format!("\"{}\" (year unknown)", item.text)
        }
        (Stated::Date(value), _) if !value.year_stated => {
            format!("\"{}\" (read as {})", item.text, value.reading())
        }
        _ => format!("\"{}\"", item.text),
    }
}

fn evidence_finding(
    claim: &Claim,
    item: &Evidence,
    source: &SourceRef,
    ledger: &Ledger,
) -> Finding {
    let stated = stated_text(item, claim);
    let says = if item.parts.is_empty() {
        "states"
    } else {
        "implies"
    };
    let figure = claim.figure_text();
    let ack = claim.acks.iter().find(|a| a.source == source.id);
    let (code, message, help) = match item.verdict {
        Verdict::Contradicts if ack.is_some() => (
            Code::Acknowledged,
            format!(
                "`{}` contradicts `{}`: it {says} {stated}, the ledger {figure}; acknowledged: {}",
                source.id,
                claim.id,
                ack.map_or("", |a| a.reason.as_str())
            ),
            None,
        ),
        Verdict::Contradicts => (
            Code::Contradicts,
            format!("`{}` contradicts `{}`: it {says} {stated}, the ledger {figure}", source.id, claim.id),
            Some(
                "if the source counts on another basis, declare it with [[claim.basis]]; if the ledger is wrong, correct it"
                    .to_string(),
            ),
        ),
        Verdict::Reconciled => {
            let basis = item.basis.and_then(|b| claim.basis.get(b));
            let note = basis.map_or(String::new(), |b| b.note.clone());
            (
                Code::Reconciled,
                format!("`{}` {says} {stated} for `{}`: the basis \"{note}\"", source.id, claim.id),
                Some(format!(
                    "the ledger's figure is {figure}; quoting this source, say which basis it counts"
                )),
            )
        }
        Verdict::Consistent => (
            Code::Consistent,
            format!(
                "`{}` {says} {stated} for `{}`, which the ledger's {figure} satisfies",
                source.id, claim.id
            ),
            None,
        ),
        Verdict::Supports | Verdict::Silent => (
            Code::Supports,
            format!("`{}` supports `{}`: it {says} {stated}", source.id, claim.id),
            None,
        ),
    };
    let mut finding = Finding::new(code, message)
        .claim(&claim.id)
        .source(source.id);
    finding.help = help;
    if item.parts.is_empty() {
        finding = finding.label(source.file, item.span.clone(), format!("{says} {stated}"));
    } else {
        for part in &item.parts {
            let part_id = &ledger.claims[part.claim].id;
            finding = finding.label(
                source.file,
                part.span.clone(),
                format!("\"{}\" for `{part_id}`", part.text),
            );
        }
    }
    finding = ledger_label(finding, claim, item);
    match ack {
        Some(ack) if code == Code::Acknowledged => {
            finding.label(claim.file, ack.span.clone(), "acknowledged here")
        }
        _ => finding,
    }
}

/// A finding when a source gives figures for a claim that cannot all be true, and at least
/// one of them contradicts the ledger.
fn self_contradiction(claim: &Claim, evidence: &[Evidence], source: &SourceRef) -> Option<Finding> {
    let (first, second) = evidence.iter().enumerate().find_map(|(i, a)| {
        evidence[i + 1..]
            .iter()
            .find(|b| {
                (a.verdict == Verdict::Contradicts || b.verdict == Verdict::Contradicts)
                    && !a.stated.compatible(&b.stated)
            })
            .map(|b| (a, b))
    })?;
    let text = |e: &Evidence| stated_text(e, claim);
    let span = |e: &Evidence| -> Range<usize> { e.span.clone() };
    Some(
        Finding::new(
            Code::SelfContradiction,
            format!(
                "`{}` gives figures for `{}` that cannot both be true: {} and {}",
                source.id,
                claim.id,
                text(first),
                text(second)
            ),
        )
        .label(source.file, span(first), text(first))
        .label(source.file, span(second), text(second))
        .help("read both passages; prefer another source, or declare the basis that explains one")
        .claim(&claim.id)
        .source(source.id),
    )
}

fn unsupported(claim: &Claim, result: &ClaimResult) -> Finding {
    let (consistent, reconciled) = (
        result.count(Verdict::Consistent),
        result.count(Verdict::Reconciled),
    );
    let help = if consistent + reconciled > 0 {
        let verb = |n: usize| if n == 1 { "is" } else { "are" };
        format!(
            "{} {} consistent with it and {reconciled} {} on another basis, but none states {}; add a source that does, or check the claim's patterns",
            counted(consistent, "source"),
            verb(consistent),
            verb(reconciled),
            claim.figure_text()
        )
    } else {
        "no source states it: add one that does, or check the claim's patterns and cues (see the unmatched-quantity notes)".to_string()
    };
    Finding::new(
        Code::Unsupported,
        format!("no source states `{}`: {}", claim.id, claim.statement),
    )
    .label(
        claim.file,
        claim.figure_span.clone(),
        format!("the ledger: {}", claim.figure_text()),
    )
    .help(help)
    .claim(&claim.id)
}
