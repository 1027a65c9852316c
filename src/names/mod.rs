//! Names: spellings of people, places and organisations, matched to the ledger's entities
//! across spellings and scripts, and the names the corpus spells more than one way.

pub mod cluster;
pub mod compare;
pub mod diagnose;
pub mod given;
pub mod memo;
pub mod phonetic;
pub mod reading;
pub mod resolve;
pub mod spelling;
pub mod translit;

use std::ops::Range;
use std::sync::Arc;

pub use cluster::{Occurrence, Spelled, SpellingGroup};
pub use compare::{Match, Signal, compare};
pub use phonetic::Phonetics;
pub use reading::{Known, NameReader, PLACES};
pub use resolve::{EntityIndex, NameVerdict, Resolved};
pub use spelling::Form;
pub use translit::System;

use crate::extract::NameMention;
use crate::files::FileId;
use crate::findings::Finding;
use crate::ledger::Ledger;
use crate::spill::{Spill, Spool, Spoolable};

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

impl EntityMention {
    /// Mention `mention` of source `source` (whose text is `text`), resolved as `resolved`.
    fn new(source: usize, mention: NameMention, resolved: &Resolved, text: &str) -> Self {
        EntityMention {
            source,
            spelling: text[mention.span.clone()].to_string(),
            span: mention.span,
            resolved: resolved.clone(),
        }
    }
}

impl Spoolable for EntityMention {
    type Form = Self;

    fn into_form(self, _: Option<&Arc<Spill>>) -> std::io::Result<Self> {
        Ok(self)
    }

    fn from_form(form: Self, _: Option<&Arc<Spill>>) -> std::io::Result<Self> {
        Ok(form)
    }
}

/// The names of one text (a draft), in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextNames {
    /// Mentions of the ledger's entities.
    pub matched: Vec<EntityMention>,
    /// Person names the ledger does not know: spelling and span.
    pub unknown: Vec<(compact_str::CompactString, Range<usize>)>,
}

/// The names of one text (a draft).
pub fn read_text(reader: &NameReader, mentions: Vec<NameMention>, text: &str) -> TextNames {
    let mut names = TextNames::default();
    reader.read(0, mentions, |mention, known| match known {
        Some(known) => names
            .matched
            .push(EntityMention::new(0, mention, known.resolved, text)),
        None => names.unknown.push((mention.name, mention.span)),
    });
    names
}

/// The `variant` findings among a source's mentions of entities.
pub fn source_findings(
    ledger: &Ledger,
    mentions: &[EntityMention],
    source: (&str, FileId),
) -> Vec<Finding> {
    mentions
        .iter()
        .filter(|m| m.resolved.verdict == NameVerdict::Variant)
        .map(|m| {
            let entity = &ledger.entities[m.resolved.entity];
            diagnose::variant(entity, &m.resolved, &m.spelling, source, m.span.clone())
        })
        .collect()
}

/// What the report keeps of a source's entity mentions: those not spelt canonically.
/// Canonical mentions are only counted, by the [`NameReader`] for the whole run, so that
/// what a run holds grows with the names, not with the corpus.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeptNames {
    /// Mentions spelt otherwise than canonically (alias, other name, variant).
    pub noncanonical: Vec<EntityMention>,
}

impl KeptNames {
    /// Reads the name mentions of source `source` (whose text is `text`): what the report
    /// keeps of its entity mentions; the person names no entity has are gathered by
    /// `reader`.
    pub fn read(
        reader: &NameReader,
        source: usize,
        mentions: Vec<NameMention>,
        text: &str,
    ) -> Self {
        let mut noncanonical = Vec::new();
        reader.read(source, mentions, |mention, known| {
            let Some(known) = known else {
                return;
            };
            if !known.canonical {
                noncanonical.push(EntityMention::new(source, mention, known.resolved, text));
            }
        });
        noncanonical.shrink_to_fit();
        KeptNames { noncanonical }
    }
}

/// What the names of a run come to.
#[derive(Debug, Clone, Default)]
pub struct NameReport {
    /// For each entity of the ledger, how often the sources name it, spelt any way.
    pub counts: Vec<usize>,
    /// For each entity, its mentions not spelt canonically, in source and text order: on
    /// disk in a large run.
    pub noncanonical: Vec<Spool<EntityMention>>,
    /// Names the ledger does not declare that the corpus spells more than one way.
    pub groups: Vec<SpellingGroup>,
}

impl NameReport {
    /// The mentions of entity `entity` spelt as variants of its name, in source and text
    /// order, read back as they come.
    pub fn variants(
        &self,
        entity: usize,
    ) -> impl Iterator<Item = std::io::Result<EntityMention>> + '_ {
        let variant = |m: &std::io::Result<EntityMention>| {
            m.as_ref()
                .map_or(true, |m| m.resolved.verdict == NameVerdict::Variant)
        };
        (self.noncanonical.get(entity).into_iter())
            .flat_map(Spool::iter)
            .filter(variant)
    }
}
