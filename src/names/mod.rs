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
    shards: Vec<std::sync::Mutex<FxHashMap<compact_str::CompactString, Spelled>>>,
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
            Some(spelled) => spelled.add(place),
            None => {
                let mut spelled = Spelled::default();
                spelled.add(place);
                map.insert(spelling.into(), spelled);
            }
        }
    }

    /// Every spelling gathered, in spelling order.
    pub fn into_sorted(self) -> std::collections::BTreeMap<String, Spelled> {
        self.shards
            .into_iter()
            .filter_map(|shard| shard.into_inner().ok())
            .flatten()
            .map(|(spelling, spelled)| (spelling.into_string(), spelled))
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
