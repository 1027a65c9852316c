//! Matching name mentions to the ledger's entities: exactly (canonical spelling, alias,
//! other name, native spelling), by surname alone when one entity has it, or as a spelling
//! variant found through blocking keys — never by comparing a mention with every entity.

use std::collections::BTreeSet;

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::compare::{Match, Signal, compare};
use super::given::given_key;
use super::phonetic::Phonetics;
use super::spelling::{Form, skeleton};
use super::translit::System;
use crate::extract::NameMention;
use crate::ledger::{Accepted, Entity};

/// How a mention spells its entity.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    JsonSchema,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum NameVerdict {
    /// The canonical spelling (or the native one the ledger declares).
    Canonical,
    /// An accepted alias.
    Alias,
    /// Another name of the entity ("married name").
    AlsoKnownAs,
    /// A spelling the ledger does not accept.
    Variant,
}

/// A mention matched to an entity.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Resolved {
    /// The entity, by index in the ledger.
    pub entity: usize,
    /// The ledger spelling it matched, by index in [`Entity::spellings`].
    pub spelling: usize,
    /// How it spells the entity.
    pub verdict: NameVerdict,
    /// Why it is a variant (empty when exact).
    pub signals: Vec<Signal>,
    /// The transliteration system that matched a Cyrillic mention.
    pub system: Option<System>,
}

/// One accepted spelling of an entity.
struct Spelling {
    entity: usize,
    index: usize,
    accepted: Accepted,
    forms: Vec<Form>,
    /// The blocking keys of each form, sorted.
    keys: Vec<Vec<BlockKey>>,
}

/// How well a ledger spelling suits a mention: same script, likeness, and how the ledger
/// accepts the spelling (canonical best).
type Rank = (bool, f64, std::cmp::Reverse<Accepted>);

/// The entities of a ledger, indexed for matching mentions.
pub struct EntityIndex {
    spellings: Vec<Spelling>,
    /// Folded spelling to spellings.
    exact: HashMap<CompactString, Vec<usize>>,
    /// Latin spelling without accents to spellings.
    plain: HashMap<CompactString, Vec<usize>>,
    /// Folded surname to spellings.
    surnames: HashMap<CompactString, Vec<usize>>,
    /// Surname blocking key to spellings, for mentions without a given name.
    blocks: HashMap<BlockKey, Vec<usize>>,
    /// Given-name key (or initial) and surname blocking key to spellings, for mentions with
    /// one.
    full_blocks: HashMap<BlockKey, Vec<usize>>,
}

/// Whether two sorted lists of keys share one.
fn shares(a: &[BlockKey], b: &[BlockKey]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The keys of a name's given name that a variant must share one of: its key (its class,
/// or its first transliteration key) and its initial.
fn given_keys(given: &str) -> [CompactString; 2] {
    [given_key(given), given.chars().take(1).collect()]
}

/// A blocking key: a hash of something two spellings of one name share (a transliteration
/// key, a Daitch–Mokotoff code, a consonant skeleton, with a given-name key). Keys that
/// hash alike by chance only add a candidate, which the comparison then turns down.
pub type BlockKey = u64;

/// The key of `value` (the same in every run: Fx hashing takes no random seed, and costs
/// far fewer instructions than SipHash on short strings).
fn key_of(value: impl std::hash::Hash) -> BlockKey {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(value)
}

/// The key of `text` of kind `kind`.
fn block_key(kind: u8, text: &str) -> BlockKey {
    key_of((kind, text))
}

/// The key of a given name's key (or initial) together with a surname's blocking key.
pub fn given_block(given: &str, surname: BlockKey) -> BlockKey {
    key_of((given, surname))
}

/// The blocking keys of a spelling: its surname's transliteration keys, Daitch–Mokotoff
/// codes, and consonant skeleton when short.
pub fn blocking_keys(form: &Form, phonetics: &Phonetics) -> Vec<BlockKey> {
    let surname = form.surname();
    // The form's keys are its surname's transliteration keys.
    let mut keys: Vec<BlockKey> = form.keys.iter().map(|k| block_key(b't', k)).collect();
    keys.extend(
        phonetics
            .daitch_mokotoff(surname)
            .iter()
            .map(|k| block_key(b'd', k)),
    );
    if surname.chars().count() <= 5 {
        keys.push(block_key(b's', &skeleton(surname)));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl EntityIndex {
    /// Indexes every accepted spelling of every entity.
    pub fn new(entities: &[Entity]) -> Self {
        let phonetics = Phonetics::get();
        let mut index = EntityIndex {
            spellings: Vec::new(),
            exact: HashMap::default(),
            plain: HashMap::default(),
            surnames: HashMap::default(),
            blocks: HashMap::default(),
            full_blocks: HashMap::default(),
        };
        for (entity_index, entity) in entities.iter().enumerate() {
            for (spelling_index, (written, accepted, _)) in
                entity.spellings().into_iter().enumerate()
            {
                let id = index.spellings.len();
                let forms = Form::all(written);
                let keys: Vec<Vec<BlockKey>> =
                    forms.iter().map(|f| blocking_keys(f, phonetics)).collect();
                for (form, form_keys) in forms.iter().zip(&keys) {
                    index.exact.entry(form.folded.clone()).or_default().push(id);
                    let folded_surname = form.folded.split(' ').next_back().unwrap_or_default();
                    let two_words = form.given().is_some();
                    if form.system.is_none() {
                        index.plain.entry(form.plain.clone()).or_default().push(id);
                        if two_words {
                            index
                                .surnames
                                .entry(form.surname().into())
                                .or_default()
                                .push(id);
                        }
                    }
                    if two_words {
                        index
                            .surnames
                            .entry(folded_surname.into())
                            .or_default()
                            .push(id);
                    }
                    for &key in form_keys {
                        if let Some(given) = form.given() {
                            for given in given_keys(given) {
                                index
                                    .full_blocks
                                    .entry(given_block(&given, key))
                                    .or_default()
                                    .push(id);
                            }
                        }
                        index.blocks.entry(key).or_default().push(id);
                    }
                }
                index.spellings.push(Spelling {
                    entity: entity_index,
                    index: spelling_index,
                    accepted,
                    keys,
                    forms,
                });
            }
        }
        let lists = index.exact.values_mut().chain(index.plain.values_mut());
        for list in lists
            .chain(index.surnames.values_mut())
            .chain(index.blocks.values_mut())
            .chain(index.full_blocks.values_mut())
        {
            list.sort_unstable();
            list.dedup();
        }
        index
    }

    /// The entity a mention names, and how it spells it.
    pub fn resolve(&self, mention: &NameMention) -> Option<Resolved> {
        let forms = Form::all(&mention.name);
        if let Some(resolved) = self.exactly(&forms) {
            return Some(resolved);
        }
        if mention.words == 1 {
            if let Some(resolved) = self.by_surname(&forms) {
                return Some(resolved);
            }
            // A lone capitalised word that opens a sentence is no evidence of a name.
            if mention.sentence_initial {
                return None;
            }
        }
        self.as_variant(&forms, mention.words == 1)
    }

    fn exact_verdict(&self, id: usize) -> Resolved {
        let spelling = &self.spellings[id];
        Resolved {
            entity: spelling.entity,
            spelling: spelling.index,
            verdict: match spelling.accepted {
                Accepted::Canonical | Accepted::Native => NameVerdict::Canonical,
                Accepted::Alias => NameVerdict::Alias,
                Accepted::AlsoKnownAs => NameVerdict::AlsoKnownAs,
            },
            signals: Vec::new(),
            system: None,
        }
    }

    /// A spelling the ledger accepts, written as it is (case and punctuation aside), or with
    /// other accents.
    fn exactly(&self, forms: &[Form]) -> Option<Resolved> {
        let original = forms.first()?;
        if let Some(&id) = self.exact.get(&original.folded).and_then(|ids| ids.first()) {
            return Some(self.exact_verdict(id));
        }
        if original.system.is_some() {
            return None;
        }
        let &id = self.plain.get(original.plain.as_str())?.first()?;
        let mut resolved = self.exact_verdict(id);
        resolved.verdict = NameVerdict::Variant;
        resolved.signals.push(Signal::Accents);
        Some(resolved)
    }

    /// A surname alone, when exactly one entity has it.
    fn by_surname(&self, forms: &[Form]) -> Option<Resolved> {
        let ids: BTreeSet<usize> = forms
            .iter()
            .filter_map(|f| {
                let key = if f.system.is_none() {
                    f.surname()
                } else {
                    f.folded.as_str()
                };
                self.surnames.get(key)
            })
            .flatten()
            .copied()
            .collect();
        let entities: BTreeSet<usize> = ids.iter().map(|&id| self.spellings[id].entity).collect();
        if entities.len() != 1 {
            return None;
        }
        ids.first().map(|&id| self.exact_verdict(id))
    }

    /// The entity whose spelling this is a variant of, through blocking keys; a lone
    /// surname must point at one entity only.
    fn as_variant(&self, forms: &[Form], surname_only: bool) -> Option<Resolved> {
        let phonetics = Phonetics::get();
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        let keys: Vec<Vec<BlockKey>> = forms.iter().map(|f| blocking_keys(f, phonetics)).collect();
        for (form, keys) in forms.iter().zip(&keys) {
            for key in keys {
                let found = match form.given() {
                    Some(given) => given_keys(given)
                        .iter()
                        .filter_map(|g| self.full_blocks.get(&given_block(g, *key)))
                        .flatten()
                        .copied()
                        .collect::<Vec<_>>(),
                    None => self.blocks.get(key).cloned().unwrap_or_default(),
                };
                candidates.extend(found);
            }
        }
        let mut best: Option<(Rank, usize, Match)> = None;
        let mut entities = BTreeSet::new();
        for id in candidates {
            let spelling = &self.spellings[id];
            for (form, keys) in forms.iter().zip(&keys) {
                // Only the forms that share a blocking key can be one name.
                let known_forms = spelling.forms.iter().zip(&spelling.keys);
                for (known, _) in known_forms.filter(|(_, k)| shares(keys, k)) {
                    let Some(found) = compare(form, known, phonetics) else {
                        continue;
                    };
                    entities.insert(spelling.entity);
                    // A spelling in the mention's own script first, then the closest, then
                    // the canonical one.
                    let rank = (
                        known.system.is_none() == form.system.is_none(),
                        found.likeness,
                        std::cmp::Reverse(spelling.accepted),
                    );
                    if best
                        .as_ref()
                        .is_none_or(|(best_rank, _, _)| rank > *best_rank)
                    {
                        best = Some((
                            rank,
                            id,
                            Match {
                                system: form.system,
                                ..found
                            },
                        ));
                    }
                }
            }
        }
        if surname_only && entities.len() != 1 {
            return None;
        }
        let (_, id, found) = best?;
        let spelling = &self.spellings[id];
        Some(Resolved {
            entity: spelling.entity,
            spelling: spelling.index,
            verdict: NameVerdict::Variant,
            signals: found.signals,
            system: found.system,
        })
    }
}
