//! Matching claims to what each source says: scopes, patterns, verdicts, derived sums,
//! unmatched quantities, and each claim's status across sources. Knows nothing of output.

mod diagnose;
mod judge;
mod matcher;
mod scope;
mod status;

use std::collections::BTreeSet;
use std::io;
use std::ops::Range;
use std::sync::Arc;

use crate::corpus::{SourceText, Structure};
use crate::extract::{Extraction, Interval, Qualifier, Unit};
use crate::findings::{Code, Finding};
use crate::ledger::Ledger;
use crate::spill::{Local, Spill, Spool, Spoolable, Stored};
use crate::text::Folded;
pub use diagnose::{
    SourceRef, claim_findings, invalid_utf8, ledger_label, source_findings, stated_text, unmatched,
};
pub use judge::{Stated, Verdict, judge};
pub use matcher::{Match, PatternIndex, Slot};
pub use scope::{CueIndex, InScope};
use status::Standing;
pub use status::Status;

/// One thing a source says about a claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// The claim, by index in the ledger.
    pub claim: usize,
    /// What it means for the claim.
    pub verdict: Verdict,
    /// The basis it states, by index in the claim's bases, when reconciled.
    pub basis: Option<usize>,
    /// The figure stated, in the claim's unit.
    pub stated: Stated,
    /// The figure as written ("exceeded 20"), or the sum of the parts for a derived figure.
    pub text: String,
    /// Byte range of the figure in the source (for a derived figure, from the first part to
    /// the last).
    pub span: Range<usize>,
    /// Byte range of the sentence (or sentences) it stands in.
    pub sentence: Range<usize>,
    /// The claim's pattern that matched, by index; `None` for a figure derived with `sum_of`.
    pub pattern: Option<usize>,
    /// The parts a derived figure adds up.
    pub parts: Vec<Part>,
}

/// One part of a figure derived with `sum_of`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Part {
    /// The part's claim, by index in the ledger.
    pub claim: usize,
    /// The part's figure as written.
    pub text: String,
    /// Its byte range in the source.
    pub span: Range<usize>,
}

/// A quantity in the scope of some claims that no pattern matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    /// The quantity as written.
    pub text: String,
    /// Its byte range in the source.
    pub span: Range<usize>,
    /// The claims in whose scope it stands, by index in the ledger.
    pub claims: Vec<usize>,
}

/// What one source says about every claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceCheck {
    /// Evidence, ordered by claim, then position.
    pub evidence: Vec<Evidence>,
    /// Quantities no pattern matched, in text order.
    pub unmatched: Vec<Unmatched>,
}

/// What one source says about one claim.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SourceVerdict {
    /// The claim, by index in the ledger.
    pub claim: usize,
    /// The source, by index in source order.
    pub source: usize,
    /// The verdict of all its evidence together.
    pub verdict: Verdict,
    /// Its evidence, in text order: in a large run, in the run's spill file until the
    /// report is written.
    pub evidence: Stored<Vec<Evidence>>,
}

impl SourceVerdict {
    /// What source `source` says about each claim it states, in claim order, from its
    /// `evidence` (in claim order, then text order); the evidence is written to `spill`
    /// if there is one.
    pub fn of_source(
        source: usize,
        evidence: Vec<Evidence>,
        spill: Option<&Arc<Spill>>,
    ) -> Vec<SourceVerdict> {
        // Grouped once, by length; the list is made at its size (every source's is kept to
        // the end) and the evidence is moved into its groups.
        let groups: Vec<usize> = evidence
            .chunk_by(|a, b| a.claim == b.claim)
            .map(<[Evidence]>::len)
            .collect();
        let mut items = evidence.into_iter();
        groups
            .into_iter()
            .map(|len| {
                let group: Vec<Evidence> = items.by_ref().take(len).collect();
                SourceVerdict {
                    claim: group[0].claim,
                    source,
                    verdict: Verdict::combine(group.iter().map(|e| e.verdict)),
                    evidence: Stored::keep(group, spill),
                }
            })
            .collect()
    }
}

impl Spoolable for SourceVerdict {
    type Form = (usize, usize, Verdict, Local<Vec<Evidence>>);

    fn into_form(self, spill: Option<&Arc<Spill>>) -> io::Result<Self::Form> {
        let evidence = self.evidence.into_local(spill)?;
        Ok((self.claim, self.source, self.verdict, evidence))
    }

    fn from_form(form: Self::Form, spill: Option<&Arc<Spill>>) -> io::Result<Self> {
        let (claim, source, verdict, evidence) = form;
        let evidence = Stored::from_local(evidence, spill)?;
        Ok(SourceVerdict {
            claim,
            source,
            verdict,
            evidence,
        })
    }
}

/// What the corpus says about one claim.
#[derive(Debug, Clone)]
pub struct ClaimResult {
    /// Its status across sources.
    pub status: Status,
    /// The sources that say something about it, in source order; the others are silent.
    /// Kept sparse, and on disk in a large run, so that memory grows with neither claims ×
    /// sources nor the evidence.
    pub sources: Spool<SourceVerdict>,
    /// How many of them give each verdict, by the verdict's place in [`Verdict`].
    counts: [usize; 5],
}

impl ClaimResult {
    /// What source `source` says, if anything: read back through the claim's list.
    pub fn of(&self, source: usize) -> io::Result<Option<SourceVerdict>> {
        for said in self.sources.iter() {
            let said = said?;
            if said.source >= source {
                return Ok((said.source == source).then_some(said));
            }
        }
        Ok(None)
    }

    /// How many of the sources that say something about the claim give `verdict` (none are
    /// silent).
    pub fn count(&self, verdict: Verdict) -> usize {
        self.counts[verdict as usize]
    }
}

/// The claims' results, made as what the sources say comes in, in source order.
#[derive(Debug)]
pub struct Results {
    claims: Vec<(Standing, ClaimResult)>,
}

impl Results {
    /// Nothing said yet of `claims` claims; their lists go to `spill` if there is one.
    pub fn new(claims: usize, spill: Option<&Arc<Spill>>) -> Self {
        let empty = || ClaimResult {
            status: Status::Unsupported,
            sources: Spool::new(spill.cloned()),
            counts: [0; 5],
        };
        Results {
            claims: (0..claims)
                .map(|_| (Standing::default(), empty()))
                .collect(),
        }
    }

    /// Files `said`, by a source of outlet `outlet`, under its claim; an error if its
    /// evidence cannot be read back.
    pub fn file(&mut self, said: SourceVerdict, outlet: &str) -> io::Result<()> {
        let Some((standing, result)) = self.claims.get_mut(said.claim) else {
            return Err(io::Error::other(
                "a verdict on a claim the ledger does not have",
            ));
        };
        standing.add(outlet, said.verdict);
        result.counts[said.verdict as usize] += 1;
        result.sources.push(said)
    }

    /// Each claim's result, in ledger order.
    pub fn finish(self) -> Vec<ClaimResult> {
        (self.claims.into_iter())
            .map(|(standing, mut result)| {
                result.sources.finish();
                result.status = standing.status();
                result
            })
            .collect()
    }
}

/// A ledger compiled for checking: its cues and patterns, built once for all sources.
pub struct Checker<'l> {
    ledger: &'l Ledger,
    cues: CueIndex,
    patterns: PatternIndex,
    /// The claims with `sum_of`.
    sums: Vec<usize>,
}

impl<'l> Checker<'l> {
    /// Compiles `ledger`.
    pub fn new(ledger: &'l Ledger) -> Self {
        Checker {
            ledger,
            cues: CueIndex::new(ledger),
            patterns: PatternIndex::new(ledger),
            sums: (0..ledger.claims.len())
                .filter(|&c| !ledger.claims[c].sum_of.is_empty())
                .collect(),
        }
    }

    /// Checks one source, read once into `extraction`: one pass to find every cue, one to
    /// match every pattern.
    pub fn check(&self, source: &SourceText, extraction: &Extraction) -> SourceCheck {
        let scope = self.scope(&extraction.folded, &source.structure);
        self.check_in(source, extraction, &scope)
    }

    /// Where each claim's patterns count in a document, from its folded text.
    pub fn scope(&self, folded: &Folded, structure: &Structure) -> InScope {
        self.cues.scan(folded, structure)
    }

    /// Checks each claim's `[[claim.example]]` texts, with every pattern counting anywhere
    /// (an example is about its claim, cue or no cue).
    pub fn examples(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (index, claim) in self.ledger.claims.iter().enumerate() {
            for example in &claim.examples {
                let source = SourceText::new(example.text.as_bytes().to_vec());
                let extraction = match Extraction::of(&source.text, &source.structure, None) {
                    Ok(extraction) => extraction,
                    Err(error) => {
                        let message = format!("an example of `{}` cannot be read", claim.id);
                        findings.push(
                            Finding::new(Code::FailingExample, message)
                                .label(claim.file, example.span.clone(), error.to_string())
                                .claim(&claim.id),
                        );
                        continue;
                    }
                };
                let scope = InScope::everywhere(self.ledger.claims.len(), &source.structure);
                let check = self.check_in(&source, &extraction, &scope);
                let evidence: Vec<&Evidence> =
                    check.evidence.iter().filter(|e| e.claim == index).collect();
                let verdict = Verdict::combine(evidence.iter().map(|e| e.verdict));
                if verdict.name() == example.verdict {
                    continue;
                }
                let found: Vec<String> = evidence
                    .iter()
                    .map(|e| format!("\"{}\" ({})", e.text, e.verdict))
                    .collect();
                let label = if found.is_empty() {
                    "no pattern of the claim matched".to_string()
                } else {
                    format!("the patterns found {}", found.join(", "))
                };
                findings.push(
                    Finding::new(
                        Code::FailingExample,
                        format!(
                            "an example of `{}` should be {}, but is {verdict}",
                            claim.id, example.verdict
                        ),
                    )
                    .label(claim.file, example.span.clone(), label)
                    .help("fix the claim's patterns, or the example")
                    .claim(&claim.id),
                );
            }
        }
        findings
    }

    /// Checks one source, read and scoped, against every claim.
    pub fn check_in(
        &self,
        source: &SourceText,
        extraction: &Extraction,
        scope: &InScope,
    ) -> SourceCheck {
        let matches = self.patterns.find(extraction, scope);
        let mut evidence = self.evidence(&matches, extraction, source);
        evidence.extend(self.sums(&evidence, scope, &source.structure));
        evidence.sort_by_key(|e| (e.claim, e.span.start, e.span.end));
        let unmatched =
            self.unmatched(&matches, extraction, scope, &source.structure, &source.text);
        SourceCheck {
            evidence,
            unmatched,
        }
    }

    fn evidence(
        &self,
        matches: &[Match],
        extraction: &Extraction,
        source: &SourceText,
    ) -> Vec<Evidence> {
        let mut found = Vec::with_capacity(matches.len());
        for m in matches {
            let claim = &self.ledger.claims[m.claim];
            let (stated, span) = match m.slot {
                Slot::Quantity(q) => {
                    let quantity = &extraction.quantities[q];
                    let Some(stated) = Stated::quantity(quantity, claim.unit) else {
                        continue;
                    };
                    (stated, quantity.span.clone())
                }
                Slot::Date(d) => {
                    let date = &extraction.dates[d];
                    (Stated::Date(date.value), date.span.clone())
                }
            };
            let (verdict, basis) = judge(claim, &stated);
            found.push(Evidence {
                claim: m.claim,
                verdict,
                basis,
                stated,
                text: source.text[span.clone()].to_string(),
                span,
                sentence: source.structure.sentences[m.sentence].span.clone(),
                pattern: Some(m.pattern),
                parts: Vec::new(),
            });
        }
        found
    }

    /// Figures implied by `sum_of`: where one paragraph states every part of a claim, their
    /// sum is judged like a stated figure.
    fn sums(&self, stated: &[Evidence], scope: &InScope, structure: &Structure) -> Vec<Evidence> {
        let mut derived = Vec::new();
        let paragraph_of = |e: &Evidence| {
            structure
                .sentence_at(e.sentence.start)
                .map(|s| structure.sentences[s].paragraph)
        };
        for &index in &self.sums {
            let claim = &self.ledger.claims[index];
            let paragraphs: BTreeSet<usize> = stated
                .iter()
                .filter(|e| e.claim == claim.sum_of[0])
                .filter_map(paragraph_of)
                .collect();
            for paragraph in paragraphs {
                let parts: Option<Vec<&Evidence>> = claim
                    .sum_of
                    .iter()
                    .map(|&part| {
                        stated
                            .iter()
                            .filter(|e| e.claim == part && paragraph_of(e) == Some(paragraph))
                            .min_by_key(|e| e.span.start)
                    })
                    .collect();
                let Some(mut parts) = parts else {
                    continue;
                };
                let in_scope = parts.iter().any(|p| {
                    structure
                        .sentence_at(p.sentence.start)
                        .is_some_and(|s| scope.contains(index, s))
                });
                let Some(sum) = sum(&parts, claim.unit).filter(|_| in_scope) else {
                    continue;
                };
                let (verdict, basis) = judge(claim, &sum);
                parts.sort_by_key(|p| p.span.start);
                let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
                derived.push(Evidence {
                    claim: index,
                    verdict,
                    basis,
                    text: texts.join(" + "),
                    span: parts[0].span.start..parts.iter().map(|p| p.span.end).max().unwrap_or(0),
                    sentence: parts[0].sentence.start
                        ..parts.iter().map(|p| p.sentence.end).max().unwrap_or(0),
                    stated: sum,
                    pattern: None,
                    parts: parts
                        .iter()
                        .map(|p| Part {
                            claim: p.claim,
                            text: p.text.clone(),
                            span: p.span.clone(),
                        })
                        .collect(),
                });
            }
        }
        derived
    }

    fn unmatched(
        &self,
        matches: &[Match],
        extraction: &Extraction,
        scope: &InScope,
        structure: &Structure,
        text: &str,
    ) -> Vec<Unmatched> {
        let matched: BTreeSet<usize> = matches
            .iter()
            .filter_map(|m| match m.slot {
                Slot::Quantity(q) => Some(q),
                Slot::Date(_) => None,
            })
            .collect();
        let by_sentence = scope.narrow_claims_by_sentence(structure);
        let mut unmatched = Vec::new();
        let mut sentence = 0;
        for (index, quantity) in extraction.quantities.iter().enumerate() {
            while extraction.sentence_tokens[sentence].end <= quantity.tokens.start {
                sentence += 1;
            }
            // "the two countries" counts what the text has already named: not a figure to check.
            let anaphoric = quantity.tokens.start > 0
                && extraction.tokens[quantity.tokens.start - 1].text(&extraction.folded) == "the";
            if matched.contains(&index) || anaphoric {
                continue;
            }
            let claims: Vec<usize> = by_sentence[sentence]
                .iter()
                .copied()
                .filter(|&c| {
                    let claim = &self.ledger.claims[c];
                    !claim.figure.is_date() && Stated::quantity(quantity, claim.unit).is_some()
                })
                .collect();
            if !claims.is_empty() {
                unmatched.push(Unmatched {
                    text: text[quantity.span.clone()].to_string(),
                    span: quantity.span.clone(),
                    claims,
                });
            }
        }
        unmatched
    }
}

/// The sum of the parts' stated figures, or `None` if a part is not a quantity.
fn sum(parts: &[&Evidence], unit: Option<Unit>) -> Option<Stated> {
    let mut low = 0.0;
    let mut high = 0.0;
    let mut interval = Interval::closed(0.0, 0.0);
    let mut exact = true;
    for part in parts {
        let Stated::Quantity {
            low: l,
            high: h,
            qualifier,
            interval: i,
            ..
        } = &part.stated
        else {
            return None;
        };
        low += l;
        high += h;
        interval.low += i.low;
        interval.high += i.high;
        interval.low_open |= i.low_open;
        interval.high_open |= i.high_open;
        exact &= *qualifier == Qualifier::Exact;
    }
    let (low, high, qualifier) = if exact {
        (low, high, Qualifier::Exact)
    } else {
        (interval.low, interval.high, Qualifier::Range)
    };
    Some(Stated::Quantity {
        low,
        high,
        qualifier,
        unit,
        interval,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Unit;

    fn stated(claim: usize, verdict: Verdict, interval: Interval, at: usize) -> Evidence {
        Evidence {
            claim,
            verdict,
            basis: None,
            stated: Stated::Quantity {
                low: interval.low,
                high: interval.high,
                qualifier: Qualifier::MoreThan,
                unit: Some(Unit::Day),
                interval,
            },
            text: format!("figure {at}"),
            span: at..at + 2,
            sentence: 0..40,
            pattern: Some(0),
            parts: Vec::new(),
        }
    }

    #[test]
    fn what_a_source_says_is_grouped_by_claim_and_read_back_as_it_was() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let open = Interval {
            low: 20.0,
            high: f64::INFINITY,
            low_open: true,
            high_open: false,
        };
        let evidence = vec![
            stated(0, Verdict::Supports, Interval::closed(26.0, 26.0), 1),
            stated(0, Verdict::Contradicts, open, 9),
            stated(3, Verdict::Consistent, open, 5),
        ];
        for spill in [None, Some(&spill)] {
            let said = SourceVerdict::of_source(7, evidence.clone(), spill);
            let summary: Vec<(usize, usize, Verdict)> = said
                .iter()
                .map(|s| (s.claim, s.source, s.verdict))
                .collect();
            assert_eq!(
                summary,
                [(0, 7, Verdict::Contradicts), (3, 7, Verdict::Consistent)]
            );
            assert_eq!(
                matches!(said[0].evidence, Stored::There(..)),
                spill.is_some()
            );
            let back: Vec<Evidence> = said
                .iter()
                .flat_map(|s| s.evidence.get().expect("read back").into_owned())
                .collect();
            assert_eq!(back, evidence);
        }
    }
}
