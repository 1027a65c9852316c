//! Where each claim's patterns count: the sentences, paragraphs or documents that contain one
//! of its cues. All cues of all claims are found in one pass with one automaton.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::corpus::Structure;
use crate::ledger::{Ledger, Scope};
use crate::text::Folded;

/// The cues of every claim, compiled once.
#[derive(Debug, Clone)]
pub struct CueIndex {
    automaton: Option<AhoCorasick>,
    /// Folded text of each distinct cue.
    cues: Vec<String>,
    /// The claims that list each distinct cue.
    claims_of_cue: Vec<Vec<usize>>,
    /// Each claim's scope, and whether it has cues at all.
    scopes: Vec<(Scope, bool)>,
}

/// The places in one document where each claim's patterns count.
#[derive(Debug, Clone, Default)]
pub struct InScope {
    /// Per claim: sorted sentence indices with a cue.
    sentences: Vec<Vec<usize>>,
    /// Per claim: sorted paragraph indices with a cue.
    paragraphs: Vec<Vec<usize>>,
    /// Per claim: its scope and whether it has cues.
    scopes: Vec<(Scope, bool)>,
    /// Paragraph of each sentence.
    paragraph_of: Vec<usize>,
    /// Per sentence: whether any claim's patterns count in it.
    any: Vec<bool>,
}

impl CueIndex {
    /// Compiles the cues of every claim of `ledger`.
    pub fn new(ledger: &Ledger) -> Self {
        let mut cues: Vec<String> = Vec::new();
        let mut claims_of_cue: Vec<Vec<usize>> = Vec::new();
        for (claim_index, claim) in ledger.claims.iter().enumerate() {
            for cue in &claim.cues {
                let folded = Folded::text_of(cue).trim().to_string();
                if folded.is_empty() {
                    continue;
                }
                let at = match cues.iter().position(|c| *c == folded) {
                    Some(at) => at,
                    None => {
                        cues.push(folded);
                        claims_of_cue.push(Vec::new());
                        cues.len() - 1
                    }
                };
                if !claims_of_cue[at].contains(&claim_index) {
                    claims_of_cue[at].push(claim_index);
                }
            }
        }
        let automaton = (!cues.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&cues)
                .expect("cue automaton: cues are plain strings, so building cannot fail")
        });
        let scopes = ledger
            .claims
            .iter()
            .map(|claim| (claim.scope, claim.cues.iter().any(|c| !c.trim().is_empty())))
            .collect();
        CueIndex {
            automaton,
            cues,
            claims_of_cue,
            scopes,
        }
    }

    /// Finds every cue in a document.
    pub fn scan(&self, folded: &Folded, structure: &Structure) -> InScope {
        let claims = self.scopes.len();
        let mut scope = InScope {
            sentences: vec![Vec::new(); claims],
            paragraphs: vec![Vec::new(); claims],
            scopes: self.scopes.clone(),
            paragraph_of: structure.sentences.iter().map(|s| s.paragraph).collect(),
            any: Vec::new(),
        };
        let Some(automaton) = &self.automaton else {
            scope.any = scope.compute_any(structure.paragraphs.len());
            return scope;
        };
        let text = folded.as_str();
        for hit in automaton.find_overlapping_iter(text) {
            let cue = &self.cues[hit.pattern().as_usize()];
            if !at_word_boundaries(text, hit.start(), hit.end(), cue) {
                continue;
            }
            let start = folded.to_original(hit.start());
            let last = folded.to_original(hit.end() - 1);
            let (Some(sentence), Some(end_sentence)) =
                (structure.sentence_at(start), structure.sentence_at(last))
            else {
                continue;
            };
            let paragraph = structure.sentences[sentence].paragraph;
            if structure.sentences[end_sentence].paragraph != paragraph {
                continue;
            }
            for &claim in &self.claims_of_cue[hit.pattern().as_usize()] {
                scope.sentences[claim].push(sentence);
                scope.sentences[claim].push(end_sentence);
                scope.paragraphs[claim].push(paragraph);
            }
        }
        for list in scope
            .sentences
            .iter_mut()
            .chain(scope.paragraphs.iter_mut())
        {
            list.sort_unstable();
            list.dedup();
        }
        scope.any = scope.compute_any(structure.paragraphs.len());
        scope
    }
}

impl InScope {
    /// Every claim's patterns count everywhere (for a claim's own examples).
    pub fn everywhere(claims: usize, structure: &Structure) -> Self {
        InScope {
            sentences: vec![Vec::new(); claims],
            paragraphs: vec![Vec::new(); claims],
            scopes: vec![(Scope::Document, false); claims],
            paragraph_of: structure.sentences.iter().map(|s| s.paragraph).collect(),
            any: vec![true; structure.sentences.len()],
        }
    }

    /// Per sentence, whether any claim's patterns count in it; `paragraphs` is how many
    /// paragraphs the text has.
    fn compute_any(&self, paragraphs: usize) -> Vec<bool> {
        let everywhere = self
            .scopes
            .iter()
            .enumerate()
            .any(|(claim, &(scope, has_cues))| {
                !has_cues || (scope == Scope::Document && !self.paragraphs[claim].is_empty())
            });
        if everywhere {
            return vec![true; self.paragraph_of.len()];
        }
        let mut any = vec![false; self.paragraph_of.len()];
        let mut paragraph_in = vec![false; paragraphs];
        for (claim, &(scope, _)) in self.scopes.iter().enumerate() {
            match scope {
                Scope::Sentence => {
                    for &sentence in &self.sentences[claim] {
                        if let Some(slot) = any.get_mut(sentence) {
                            *slot = true;
                        }
                    }
                }
                Scope::Paragraph => {
                    for &paragraph in &self.paragraphs[claim] {
                        if let Some(slot) = paragraph_in.get_mut(paragraph) {
                            *slot = true;
                        }
                    }
                }
                Scope::Document => {}
            }
        }
        for (sentence, slot) in any.iter_mut().enumerate() {
            *slot |= paragraph_in
                .get(self.paragraph_of[sentence])
                .copied()
                .unwrap_or(false);
        }
        any
    }

    /// Whether any claim's patterns count in `sentence`.
    pub fn any(&self, sentence: usize) -> bool {
        self.any.get(sentence).copied().unwrap_or(false)
    }

    /// Whether `claim`'s patterns count in `sentence`.
    pub fn contains(&self, claim: usize, sentence: usize) -> bool {
        let (scope, has_cues) = self.scopes[claim];
        if !has_cues {
            return true;
        }
        match scope {
            Scope::Sentence => self.sentences[claim].binary_search(&sentence).is_ok(),
            Scope::Paragraph => self.paragraphs[claim]
                .binary_search(&self.paragraph_of[sentence])
                .is_ok(),
            Scope::Document => !self.paragraphs[claim].is_empty(),
        }
    }

    /// For each sentence, the claims with cues and a sentence or paragraph scope that it is
    /// in: those for which a quantity no pattern matched is worth a note.
    pub fn narrow_claims_by_sentence(&self, structure: &Structure) -> Vec<Vec<usize>> {
        let mut by_sentence = vec![Vec::new(); structure.sentences.len()];
        for (claim, &(scope, has_cues)) in self.scopes.iter().enumerate() {
            if !has_cues {
                continue;
            }
            match scope {
                Scope::Sentence => {
                    for &sentence in &self.sentences[claim] {
                        by_sentence[sentence].push(claim);
                    }
                }
                Scope::Paragraph => {
                    for &paragraph in &self.paragraphs[claim] {
                        for sentence in structure.paragraphs[paragraph].sentences.clone() {
                            by_sentence[sentence].push(claim);
                        }
                    }
                }
                Scope::Document => {}
            }
        }
        by_sentence
    }
}

/// Whether a cue hit is not part of a longer word ("Bout" in "about").
fn at_word_boundaries(text: &str, start: usize, end: usize, cue: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    let starts_word = cue.chars().next().is_some_and(is_word);
    let ends_word = cue.chars().last().is_some_and(is_word);
    let before_ok = !starts_word || !text[..start].chars().next_back().is_some_and(is_word);
    let after_ok = !ends_word || !text[end..].chars().next().is_some_and(is_word);
    before_ok && after_ok
}
