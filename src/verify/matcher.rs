//! Every pattern of every claim, compiled once and matched together: one pass over the words
//! of a document, with a hash lookup per word for the patterns that start with it.

use rustc_hash::FxHashMap;

use super::scope::InScope;
use crate::extract::Extraction;
use crate::ledger::{Element, Ledger};

/// What a pattern's slot matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// A quantity, by index in the extraction.
    Quantity(usize),
    /// A date, by index in the extraction.
    Date(usize),
}

/// A pattern that matched in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The claim whose pattern matched.
    pub claim: usize,
    /// The pattern's index within the claim.
    pub pattern: usize,
    /// What the claim's slot matched.
    pub slot: Slot,
    /// The sentence.
    pub sentence: usize,
}

struct Compiled {
    claim: usize,
    pattern: usize,
    elements: Vec<Element>,
    wants_date: bool,
}

/// All patterns of a ledger, indexed by how they start.
pub struct PatternIndex {
    compiled: Vec<Compiled>,
    by_first_word: FxHashMap<String, Vec<usize>>,
    quantity_first: Vec<usize>,
    date_first: Vec<usize>,
}

const NONE: u32 = u32::MAX;

/// Positions of a document's words and of the quantities and dates among them.
struct Words<'a> {
    extraction: &'a Extraction,
    /// Token index of each word.
    tokens: Vec<usize>,
    /// Quantity starting at each word (whole expression or figure), or `NONE`.
    quantity_at: Vec<u32>,
    /// Date starting at each word, or `NONE`.
    date_at: Vec<u32>,
    /// Word index at or after each token (and one past the end).
    word_of_token: Vec<usize>,
}

impl PatternIndex {
    /// Compiles every pattern of `ledger`.
    pub fn new(ledger: &Ledger) -> Self {
        let mut index = PatternIndex {
            compiled: Vec::new(),
            by_first_word: FxHashMap::default(),
            quantity_first: Vec::new(),
            date_first: Vec::new(),
        };
        for (claim, entry) in ledger.claims.iter().enumerate() {
            for (pattern, at) in entry.patterns.iter().enumerate() {
                let id = index.compiled.len();
                match &at.pattern.elements[0] {
                    Element::Words(alternatives) => {
                        for alternative in alternatives {
                            let list = index
                                .by_first_word
                                .entry(alternative[0].clone())
                                .or_default();
                            if !list.contains(&id) {
                                list.push(id);
                            }
                        }
                    }
                    Element::Quantity => index.quantity_first.push(id),
                    Element::Date => index.date_first.push(id),
                    Element::Gap(_) => {}
                }
                index.compiled.push(Compiled {
                    claim,
                    pattern,
                    elements: at.pattern.elements.clone(),
                    wants_date: entry.figure.is_date(),
                });
            }
        }
        index
    }

    /// Every match of every pattern in the document, where its claim's scope allows.
    pub fn find(&self, extraction: &Extraction, scope: &InScope) -> Vec<Match> {
        let words = Words::new(extraction);
        let mut matches = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        for (sentence, tokens) in extraction.sentence_tokens.iter().enumerate() {
            if !scope.any(sentence) {
                continue;
            }
            let (first, end) = (
                words.word_of_token[tokens.start],
                words.word_of_token[tokens.end],
            );
            for w in first..end {
                candidates.clear();
                if let Some(list) = self.by_first_word.get(words.text(w)) {
                    candidates.extend(list);
                }
                if words.quantity_at[w] != NONE {
                    candidates.extend(&self.quantity_first);
                }
                if words.date_at[w] != NONE {
                    candidates.extend(&self.date_first);
                }
                for &id in &candidates {
                    let compiled = &self.compiled[id];
                    if !scope.contains(compiled.claim, sentence) {
                        continue;
                    }
                    let mut slot = None;
                    if words.matches(&compiled.elements, w, end, compiled.wants_date, &mut slot) {
                        if let Some(slot) = slot {
                            matches.push(Match {
                                claim: compiled.claim,
                                pattern: compiled.pattern,
                                slot,
                                sentence,
                            });
                        }
                    }
                }
            }
        }
        matches.sort_unstable_by_key(|m| (m.claim, m.slot, m.pattern));
        matches
            .dedup_by(|later, earlier| later.claim == earlier.claim && later.slot == earlier.slot);
        matches
    }
}

impl<'a> Words<'a> {
    fn new(extraction: &'a Extraction) -> Self {
        let tokens: Vec<usize> = (0..extraction.tokens.len())
            .filter(|&i| extraction.tokens[i].is_wordlike())
            .collect();
        let mut word_of_token = vec![tokens.len(); extraction.tokens.len() + 1];
        let mut next = tokens.len();
        for t in (0..extraction.tokens.len()).rev() {
            if extraction.tokens[t].is_wordlike() {
                next -= 1;
            }
            word_of_token[t] = next;
        }
        let mut quantity_at = vec![NONE; tokens.len() + 1];
        for (i, q) in extraction.quantities.iter().enumerate() {
            for start in [q.tokens.start, q.figure.start] {
                quantity_at[word_of_token[start]] = i as u32;
            }
        }
        let mut date_at = vec![NONE; tokens.len() + 1];
        for (i, d) in extraction.dates.iter().enumerate() {
            date_at[word_of_token[d.tokens.start]] = i as u32;
        }
        Words {
            extraction,
            tokens,
            quantity_at,
            date_at,
            word_of_token,
        }
    }

    fn text(&self, w: usize) -> &'a str {
        self.extraction.tokens[self.tokens[w]].text(&self.extraction.folded)
    }

    /// Whether `elements` match from word `w` without passing `end`; records the slot of the
    /// claim's kind.
    fn matches(
        &self,
        elements: &[Element],
        w: usize,
        end: usize,
        wants_date: bool,
        slot: &mut Option<Slot>,
    ) -> bool {
        let Some((element, rest)) = elements.split_first() else {
            return true;
        };
        match element {
            Element::Words(alternatives) => alternatives.iter().any(|alternative| {
                let after = w + alternative.len();
                after <= end
                    && alternative
                        .iter()
                        .enumerate()
                        .all(|(k, word)| self.text(w + k) == word)
                    && self.matches(rest, after, end, wants_date, slot)
            }),
            Element::Gap(max) => (0..=*max)
                .take_while(|skip| w + skip <= end)
                .any(|skip| self.matches(rest, w + skip, end, wants_date, slot)),
            Element::Quantity | Element::Date => {
                let Some((found, ends)) = self.slot_at(element, w) else {
                    return false;
                };
                let wanted = matches!(element, Element::Date) == wants_date;
                self.slot_then(rest, &ends, end, wants_date, slot, wanted.then_some(found))
            }
        }
    }

    /// The quantity or date (as `element` asks) that starts at word `w`, with the words it
    /// may end before: after its unit word, or after its figure.
    fn slot_at(&self, element: &Element, w: usize) -> Option<(Slot, [usize; 2])> {
        if *element == Element::Date {
            let d = *self.date_at.get(w).filter(|&&d| d != NONE)? as usize;
            let end = self.word_of_token[self.extraction.dates[d].tokens.end];
            return Some((Slot::Date(d), [end; 2]));
        }
        let q = *self.quantity_at.get(w).filter(|&&q| q != NONE)? as usize;
        let quantity = &self.extraction.quantities[q];
        let ends = [
            self.word_of_token[quantity.tokens.end],
            self.word_of_token[quantity.figure.end],
        ];
        Some((Slot::Quantity(q), ends))
    }

    /// Tries the rest of a pattern after a slot, from each place the slot may end.
    fn slot_then(
        &self,
        rest: &[Element],
        ends: &[usize; 2],
        end: usize,
        wants_date: bool,
        slot: &mut Option<Slot>,
        found: Option<Slot>,
    ) -> bool {
        let alternatives = if ends[0] == ends[1] {
            &ends[..1]
        } else {
            &ends[..]
        };
        for &after in alternatives {
            if after > end {
                continue;
            }
            let saved = *slot;
            if found.is_some() {
                *slot = found;
            }
            if self.matches(rest, after, end, wants_date, slot) {
                return true;
            }
            *slot = saved;
        }
        false
    }
}
