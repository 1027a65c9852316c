//! Every pattern of every claim, compiled once and matched together: one pass over the words
//! of a document, with a hash lookup per word for the patterns that start with it.

use std::ops::Range;

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

/// Positions of one sentence's words and of the quantities and dates among them, as
/// indexes from the sentence's first word; the memory is reused from sentence to sentence.
struct Words<'a> {
    extraction: &'a Extraction,
    /// The sentence's first token.
    first_token: usize,
    /// Token index of each word.
    tokens: Vec<usize>,
    /// Quantity starting at each word (whole expression or figure), or `NONE`.
    quantity_at: Vec<u32>,
    /// Date starting at each word, or `NONE`.
    date_at: Vec<u32>,
    /// Word index at or after each token of the sentence (and one past its end).
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
        let mut words = Words::new(extraction);
        let mut matches = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        for (sentence, tokens) in extraction.sentence_tokens.iter().enumerate() {
            if !scope.any(sentence) {
                continue;
            }
            words.read(tokens.clone());
            let end = words.tokens.len();
            for w in 0..end {
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
        Words {
            extraction,
            first_token: 0,
            tokens: Vec::new(),
            quantity_at: Vec::new(),
            date_at: Vec::new(),
            word_of_token: Vec::new(),
        }
    }

    /// Takes the words of the sentence whose tokens are `sentence`.
    fn read(&mut self, sentence: Range<usize>) {
        let all = &self.extraction.tokens;
        self.first_token = sentence.start;
        self.tokens.clear();
        self.word_of_token.clear();
        for t in sentence.clone() {
            self.word_of_token.push(self.tokens.len());
            if all[t].is_wordlike() {
                self.tokens.push(t);
            }
        }
        self.word_of_token.push(self.tokens.len());
        let words = self.tokens.len() + 1;
        self.quantity_at.clear();
        self.quantity_at.resize(words, NONE);
        self.date_at.clear();
        self.date_at.resize(words, NONE);
        let starts_in = |start: usize| sentence.contains(&start);
        let quantities = &self.extraction.quantities;
        let from = quantities.partition_point(|q| q.tokens.start < sentence.start);
        for (i, q) in quantities.iter().enumerate().skip(from) {
            if !starts_in(q.tokens.start) {
                break;
            }
            for start in [q.tokens.start, q.figure.start] {
                let w = self.word_at(start);
                self.quantity_at[w] = i as u32;
            }
        }
        let dates = &self.extraction.dates;
        let from = dates.partition_point(|d| d.tokens.start < sentence.start);
        for (i, d) in dates.iter().enumerate().skip(from) {
            if !starts_in(d.tokens.start) {
                break;
            }
            let w = self.word_at(d.tokens.start);
            self.date_at[w] = i as u32;
        }
    }

    /// The word at or after token `t` of the sentence (the end past it).
    fn word_at(&self, t: usize) -> usize {
        t.checked_sub(self.first_token)
            .and_then(|k| self.word_of_token.get(k))
            .copied()
            .unwrap_or(self.tokens.len())
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
            let end = self.word_at(self.extraction.dates[d].tokens.end);
            return Some((Slot::Date(d), [end; 2]));
        }
        let q = *self.quantity_at.get(w).filter(|&&q| q != NONE)? as usize;
        let quantity = &self.extraction.quantities[q];
        let ends = [
            self.word_at(quantity.tokens.end),
            self.word_at(quantity.figure.end),
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
