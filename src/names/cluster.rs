//! Names the corpus spells more than one way that the ledger does not declare. Candidate
//! pairs come from blocks that share a given-name key and a surname key, so the work grows
//! with the names, not with their pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use compact_str::CompactString;
use rayon::prelude::*;
use std::ops::Range;

use super::compare::{Signal, compare};
use super::given::given_key;
use super::phonetic::Phonetics;
use super::resolve::{BlockKey, blocking_keys, given_block};
use super::spelling::Form;

/// Where a spelling stands: a source and a byte range in it, in 12 bytes (a thread keeps
/// up to [`super::PLACES`] of these for each of the tens of thousands of spellings a large
/// corpus has).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Occurrence {
    source: u32,
    start: u32,
    end: u32,
}

impl Occurrence {
    /// Source `source`, at `span`; `None` past 4 GiB (such a place is counted, not kept).
    pub fn new(source: usize, span: Range<usize>) -> Option<Self> {
        Some(Occurrence {
            source: u32::try_from(source).ok()?,
            start: u32::try_from(span.start).ok()?,
            end: u32::try_from(span.end).ok()?,
        })
    }

    /// The source, by index.
    pub fn source(&self) -> usize {
        self.source as usize
    }

    /// The byte range in the source.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The same place in source `source`; `None` past 4 GiB.
    pub fn in_source(&self, source: usize) -> Option<Self> {
        Occurrence::new(source, self.span())
    }
}

/// How often a spelling stands, and where it first does.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Spelled {
    /// How many times.
    pub count: usize,
    /// The first places, in source and text order (at most [`super::PLACES`]).
    pub places: Vec<Occurrence>,
}

impl Spelled {
    /// Counts one more occurrence, keeping `place` (if there is one) if it is among the
    /// first.
    pub fn add(&mut self, place: Option<Occurrence>) {
        self.count += 1;
        let Some(place) = place else {
            return;
        };
        // Sources are mostly read in order: a later place is usually past the kept ones.
        if self.places.last().is_none_or(|last| *last <= place) {
            if self.places.len() < super::PLACES {
                self.make_room();
                self.places.push(place);
            }
            return;
        }
        let at = self.places.partition_point(|p| *p < place);
        if at < super::PLACES {
            // The last place kept makes room for this one if there is no other.
            self.places.truncate(super::PLACES - 1);
            self.make_room();
            self.places.insert(at, place);
        }
    }

    /// Room for one more place (there are fewer than [`super::PLACES`]), growing by doubling
    /// but never past `PLACES`: doubling alone would make room for 32 where 20 are kept, for
    /// each of the 50,000 spellings each thread gathers on a 1 GiB corpus.
    fn make_room(&mut self) {
        let len = self.places.len();
        if len == self.places.capacity() {
            self.places
                .reserve_exact(len.max(4).min(super::PLACES.saturating_sub(len)));
        }
    }

    /// Adds what was gathered elsewhere of the same spelling (in other sources).
    pub fn merge(&mut self, other: Spelled) {
        self.count += other.count.saturating_sub(other.places.len());
        for place in other.places {
            self.add(Some(place));
        }
    }
}

/// One spelling of a name and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellingCount {
    /// The spelling, as most often written.
    pub spelling: String,
    /// How many times it stands.
    pub count: usize,
    /// The first places it stands, in source and text order (at most [`super::PLACES`]).
    pub occurrences: Vec<Occurrence>,
}

/// A name the corpus spells two or more ways.
#[derive(Debug, Clone, PartialEq)]
pub struct SpellingGroup {
    /// Its spellings, most frequent first.
    pub spellings: Vec<SpellingCount>,
    /// The signals that tied them together.
    pub signals: Vec<Signal>,
}

/// Blocks larger than this are split no further and compared only within their first
/// members: a safeguard against pathological keys, not a path real names take.
const MAX_BLOCK: usize = 200;

/// The names in `spellings` (each written spelling with how often and where it stands) that
/// are spelt more than one way, ordered by where they first stand.
pub fn inconsistent(spellings: &BTreeMap<String, Spelled>) -> Vec<SpellingGroup> {
    let phonetics = Phonetics::get();
    // Spellings that differ only in case or punctuation are one spelling; so are a name in
    // Cyrillic and the Latin spelling that is its transliteration (a caption and the text).
    let forms: Vec<(&String, &Spelled, Vec<Form>)> = spellings
        .par_iter()
        .map(|(written, occurrences)| (written, occurrences, Form::all(written)))
        .collect();
    let latin: HashMap<&str, CompactString> = forms
        .iter()
        .filter_map(|(_, _, forms)| forms.first())
        .filter(|f| f.system.is_none())
        .map(|f| (f.plain.as_str(), f.folded.clone()))
        .collect();
    let mut by_fold: BTreeMap<CompactString, Vec<usize>> = BTreeMap::new();
    for (index, (_, _, forms)) in forms.iter().enumerate() {
        let transliterated = forms
            .iter()
            .filter(|f| f.system.is_some())
            .find_map(|f| latin.get(f.plain.as_str()));
        let key = match transliterated {
            Some(folded) => folded.clone(),
            None => forms
                .first()
                .map_or_else(CompactString::default, |f| f.folded.clone()),
        };
        by_fold.entry(key).or_default().push(index);
    }
    // Each name: the forms of its most frequent spelling, and its spellings (counted, with
    // their places, only for the names found spelt more than one way).
    let most_frequent = |variants: &[usize]| {
        variants
            .iter()
            .copied()
            .max_by_key(|&v| (forms[v].1.count, std::cmp::Reverse(forms[v].0)))
            .unwrap_or_default()
    };
    let names: Vec<(&[Form], Vec<usize>)> = by_fold
        .into_values()
        .map(|variants| (forms[most_frequent(&variants)].2.as_slice(), variants))
        .collect();
    let counted = |variants: &[usize]| {
        let mut occurrences: Vec<Occurrence> = variants
            .iter()
            .flat_map(|&v| forms[v].1.places.iter().cloned())
            .collect();
        occurrences.sort();
        occurrences.truncate(super::PLACES);
        SpellingCount {
            spelling: forms[most_frequent(variants)].0.clone(),
            count: variants.iter().map(|&v| forms[v].1.count).sum(),
            occurrences,
        }
    };

    // Each name's blocks, found on all threads (phonetic codes are the costly part), as
    // (block, name) in order: the names of a block are one run, in name order. (A map of
    // blocks held a list for each of the hundreds of thousands of blocks, most of one name.)
    let mut keyed: Vec<(BlockKey, usize)> = names
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, (forms, _))| {
            let mut keys = Vec::new();
            for form in *forms {
                let Some(given) = form.given() else {
                    continue;
                };
                let given_keys = [given_key(given), given.chars().take(1).collect()];
                for surname_key in blocking_keys(form, phonetics) {
                    for given_key in &given_keys {
                        keys.push((given_block(given_key, surname_key), index));
                    }
                }
            }
            keys
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.dedup();
    // Every pair that shares a block, once, compared in parallel; merged in pair order, so
    // the groups do not depend on the thread count.
    let blocks = || {
        keyed
            .chunk_by(|a, b| a.0 == b.0)
            .map(|block| &block[..block.len().min(MAX_BLOCK)])
    };
    let mut pairs: Vec<(usize, usize)> =
        Vec::with_capacity(blocks().map(|b| b.len() * (b.len() - 1) / 2).sum());
    for members in blocks() {
        for (i, &(_, a)) in members.iter().enumerate() {
            pairs.extend(members[i + 1..].iter().map(|&(_, b)| (a, b)));
        }
    }
    drop(keyed);
    pairs.sort_unstable();
    pairs.dedup();
    let matched: Vec<(usize, usize, Vec<Signal>)> = pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            names[a]
                .0
                .iter()
                .flat_map(|x| names[b].0.iter().map(move |y| (x, y)))
                .find_map(|(x, y)| compare(x, y, phonetics))
                .map(|found| (a, b, found.signals))
        })
        .collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    let mut signals: Vec<BTreeSet<Signal>> = vec![BTreeSet::new(); names.len()];
    for (a, b, found) in matched {
        let (root_a, root_b) = (find(&mut parent, a), find(&mut parent, b));
        let (keep, merge) = (root_a.min(root_b), root_a.max(root_b));
        if keep != merge {
            parent[merge] = keep;
            let merged = std::mem::take(&mut signals[merge]);
            signals[keep].extend(merged);
        }
        signals[keep].extend(found);
    }
    // (root, name) in order: each group is one run, in name order.
    let mut rooted: Vec<(usize, usize)> = (0..names.len())
        .map(|index| (find(&mut parent, index), index))
        .collect();
    rooted.sort_unstable();
    let mut found: Vec<SpellingGroup> = rooted
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|members| members.len() >= 2)
        .map(|members| {
            let root = members[0].0;
            let mut spellings: Vec<SpellingCount> =
                members.iter().map(|&(_, m)| counted(&names[m].1)).collect();
            spellings.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| a.occurrences.first().cmp(&b.occurrences.first()))
            });
            SpellingGroup {
                spellings,
                signals: signals[root].iter().copied().collect(),
            }
        })
        .collect();
    found.sort_by(|a, b| first_occurrence(a).cmp(&first_occurrence(b)));
    found
}

fn first_occurrence(group: &SpellingGroup) -> Option<&Occurrence> {
    group
        .spellings
        .iter()
        .filter_map(|s| s.occurrences.first())
        .min()
}

fn find(parent: &mut [usize], mut node: usize) -> usize {
    while parent[node] != node {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_kept_without_spare_room() {
        // In order, then out of order: the first PLACES places, in a vector of that size.
        for backwards in [false, true] {
            let mut spelled = Spelled::default();
            let mut sources: Vec<usize> = (0..30).collect();
            if backwards {
                sources.reverse();
            }
            for source in sources {
                spelled.add(Occurrence::new(source, 0..4));
                assert!(spelled.places.capacity() <= super::super::PLACES);
            }
            assert_eq!(spelled.count, 30);
            let kept: Vec<usize> = spelled.places.iter().map(Occurrence::source).collect();
            assert_eq!(kept, (0..super::super::PLACES).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_place_past_four_gibibytes_is_counted_not_kept() {
        let far = u32::MAX as usize + 1;
        assert_eq!(Occurrence::new(far, 0..4), None);
        assert_eq!(Occurrence::new(0, far..far + 4), None);
        let mut spelled = Spelled::default();
        spelled.add(Occurrence::new(0, far..far + 4));
        spelled.add(Occurrence::new(1, 0..4));
        assert_eq!(spelled.count, 2);
        assert_eq!(
            spelled.places,
            Occurrence::new(1, 0..4).into_iter().collect::<Vec<_>>()
        );
    }
}
