//! Names: spellings of people, places and organisations, matched to the ledger's entities
//! across spellings and scripts, and the names the corpus spells more than one way.

pub mod cluster;
pub mod compare;
pub mod diagnose;
pub mod given;
pub mod memo;
pub mod phonetic;
pub mod resolve;
pub mod spelling;
pub mod translit;

use rustc_hash::FxHashMap;
use std::ops::Range;

pub use cluster::{Occurrence, Spelled, SpellingGroup};
pub use compare::{Match, Signal, compare};
pub use phonetic::Phonetics;
pub use resolve::{EntityIndex, NameVerdict, Resolved};
pub use spelling::Form;
pub use translit::System;

use crate::extract::NameMention;
use crate::files::FileId;
use crate::findings::Finding;
use crate::ledger::Ledger;

/// Whether two written names are one name: each side may be Latin or Cyrillic.
pub fn same_name(a: &str, b: &str) -> Option<Match> {
    let phonetics = Phonetics::get();
    let (forms_a, forms_b) = (Form::all(a), Form::all(b));
    forms_a
        .iter()
        .flat_map(|x| forms_b.iter().map(move |y| (x, y)))
        .filter_map(|(x, y)| compare(x, y, phonetics))
        .max_by(|p, q| p.likeness.total_cmp(&q.likeness))
}

/// A mention of an entity, where it stands.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntityMention {
    /// The source, by index.
    pub source: usize,
    /// Byte range in the source.
    pub span: Range<usize>,
    /// The spelling as written.
    pub spelling: String,
    /// How it spells the entity.
    pub resolved: Resolved,
}

/// The names of one source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceNames {
    /// Mentions of the ledger's entities.
    pub matched: Vec<EntityMention>,
    /// Person names the ledger does not know: spelling and span.
    pub unknown: Vec<(compact_str::CompactString, Range<usize>)>,
}

/// Matches the name mentions of source `source` to the ledger's entities (the index
/// remembers the names it has resolved).
pub fn read_source(
    index: &EntityIndex,
    source: usize,
    mentions: Vec<NameMention>,
    text: &str,
) -> SourceNames {
    let mut names = SourceNames::default();
    for mention in mentions {
        match index.resolve(&mention) {
            Some(resolved) => names.matched.push(EntityMention {
                source,
                spelling: text[mention.span.clone()].to_string(),
                span: mention.span,
                resolved,
            }),
            None if mention.person_like => names.unknown.push((mention.name, mention.span)),
            None => {}
        }
    }
    names
}

/// The `variant` findings of one source.
pub fn source_findings(
    ledger: &Ledger,
    names: &SourceNames,
    source: (&str, FileId),
) -> Vec<Finding> {
    names
        .matched
        .iter()
        .filter(|m| m.resolved.verdict == NameVerdict::Variant)
        .map(|m| {
            let entity = &ledger.entities[m.resolved.entity];
            diagnose::variant(entity, &m.resolved, &m.spelling, source, m.span.clone())
        })
        .collect()
}

/// What the report keeps of a source's entity mentions: how often each entity is named,
/// and the mentions not spelt canonically. Canonical mentions are only counted, so that
/// what a run holds grows with the names, not with the corpus.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeptNames {
    /// Mentions per entity, spelt any way: (entity, count).
    pub counts: Vec<(u32, u32)>,
    /// Mentions spelt otherwise than canonically (alias, other name, variant).
    pub noncanonical: Vec<EntityMention>,
}

/// Names the ledger does not declare, gathered from every source as it is read (from any
/// thread): how often each spelling stands, and its first [`PLACES`] places in source and
/// text order, whatever order the sources are read in.
pub struct UnknownNames {
    shards: Vec<std::sync::Mutex<FxHashMap<compact_str::CompactString, Gathering>>>,
}

/// A spelling being gathered: once its first [`PLACES`] places are kept, the source of the
/// last of them, so that a place in a later source is counted without reading the places.
#[derive(Default)]
struct Gathering {
    spelled: Spelled,
    full_until: Option<usize>,
}

impl Gathering {
    fn add(&mut self, place: Occurrence) {
        if self.full_until.is_some_and(|last| place.source > last) {
            self.spelled.count += 1;
            return;
        }
        self.spelled.add(place);
        if self.spelled.places.len() >= PLACES {
            self.full_until = self.spelled.places.last().map(|p| p.source);
        }
    }
}

impl Default for UnknownNames {
    fn default() -> Self {
        UnknownNames {
            shards: (0..64).map(|_| Default::default()).collect(),
        }
    }
}

impl UnknownNames {
    /// Records that `spelling` stands at `span` of source `source`.
    pub fn add(&self, spelling: &str, source: usize, span: Range<usize>) {
        use std::hash::BuildHasher;
        // The shard from the hash's high bits: the map in it indexes by the low ones.
        let hash = rustc_hash::FxBuildHasher.hash_one(spelling);
        let shard = (hash >> 58) as usize % self.shards.len();
        let Ok(mut map) = self.shards[shard].lock() else {
            return;
        };
        let place = Occurrence { source, span };
        match map.get_mut(spelling) {
            Some(gathering) => gathering.add(place),
            None => {
                let mut gathering = Gathering::default();
                gathering.add(place);
                map.insert(spelling.into(), gathering);
            }
        }
    }

    /// Every spelling gathered, in spelling order.
    pub fn into_sorted(self) -> std::collections::BTreeMap<String, Spelled> {
        self.shards
            .into_iter()
            .filter_map(|shard| shard.into_inner().ok())
            .flatten()
            .map(|(spelling, gathering)| (spelling.into_string(), gathering.spelled))
            .collect()
    }
}

/// Places kept for each spelling of a name the ledger does not declare.
pub const PLACES: usize = 20;

impl SourceNames {
    /// What the report keeps of these names' entity mentions; the unknown names go to
    /// `unknown`, as found in source `source`.
    pub fn kept(self, source: usize, unknown: &UnknownNames) -> KeptNames {
        for (spelling, span) in self.unknown {
            unknown.add(&spelling, source, span);
        }
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        let mut noncanonical = Vec::new();
        for mention in self.matched {
            let entity = u32::try_from(mention.resolved.entity).unwrap_or(u32::MAX);
            let count = counts.entry(entity).or_default();
            *count = count.saturating_add(1);
            if mention.resolved.verdict != NameVerdict::Canonical {
                noncanonical.push(mention);
            }
        }
        let mut counts: Vec<(u32, u32)> = counts.into_iter().collect();
        counts.sort_unstable();
        noncanonical.shrink_to_fit();
        KeptNames {
            counts,
            noncanonical,
        }
    }
}

/// What the names of a run come to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameReport {
    /// For each entity of the ledger, how often the sources name it, spelt any way.
    pub counts: Vec<usize>,
    /// For each entity, its mentions not spelt canonically, in source and text order.
    pub noncanonical: Vec<Vec<EntityMention>>,
    /// Names the ledger does not declare that the corpus spells more than one way.
    pub groups: Vec<SpellingGroup>,
}

impl NameReport {
    /// Gathers the names of every source (in source order) for `entities` entities, and
    /// the names no entity declares.
    pub fn gather(
        entities: usize,
        sources: Vec<KeptNames>,
        unknown: &std::collections::BTreeMap<String, Spelled>,
    ) -> Self {
        let mut counts = vec![0; entities];
        let mut noncanonical = vec![Vec::new(); entities];
        for names in sources {
            for (entity, count) in names.counts {
                if let Some(total) = counts.get_mut(entity as usize) {
                    *total += count as usize;
                }
            }
            for mention in names.noncanonical {
                noncanonical[mention.resolved.entity].push(mention);
            }
        }
        NameReport {
            counts,
            noncanonical,
            groups: cluster::inconsistent(unknown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undeclared_spellings_keep_their_first_places_whatever_the_reading_order() {
        // Three places in each of 30 sources; one source's places share its index, so a
        // place in the source of the last kept place must still be looked at.
        let places: Vec<(usize, Range<usize>)> = (0..30)
            .flat_map(|source| (0..3).map(move |k| (source, k * 10..k * 10 + 5)))
            .collect();
        let expected: Vec<Occurrence> = places
            .iter()
            .take(PLACES)
            .map(|(source, span)| Occurrence {
                source: *source,
                span: span.clone(),
            })
            .collect();
        // Sources in order, each source's places backwards: the last kept place's source
        // still has an earlier place to come.
        let backwards: Vec<usize> = (0..places.len()).map(|i| i / 3 * 3 + (2 - i % 3)).collect();
        let mut orders = vec![backwards];
        // Reversed, and every `step`-th place: sources arrive in many orders.
        for step in [1, 7, 11, 13, 89] {
            orders.push(
                (0..places.len())
                    .map(|i| (places.len() - 1 - i) * step % places.len())
                    .collect(),
            );
        }
        for order in orders {
            let unknown = UnknownNames::default();
            for &i in &order {
                let (source, span) = &places[i];
                unknown.add("Ivan Petrov", *source, span.clone());
            }
            let gathered = unknown.into_sorted();
            let spelled = &gathered["Ivan Petrov"];
            assert_eq!(spelled.count, places.len(), "{order:?}");
            assert_eq!(spelled.places, expected, "{order:?}");
        }
    }
}
