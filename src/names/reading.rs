//! Reading a run's name mentions: each spelling is resolved against the ledger once per
//! run, whatever thread meets it first, and the places of person names the ledger does not
//! declare are gathered as they are met. A thread finds what it knows of a name with one
//! lookup: its resolution and where the thread gathers the name's places.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use compact_str::CompactString;
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap;
use thread_local::ThreadLocal;

use super::cluster::{Occurrence, Spelled};
use super::resolve::{EntityIndex, NameVerdict, Resolved};
use crate::extract::NameMention;

/// Places kept for each spelling of a name the ledger does not declare.
pub const PLACES: usize = 20;

/// Names remembered at most, per table: beyond, mentions are resolved anew.
#[cfg(not(test))]
const MEMO_LIMIT: usize = 1 << 20;
/// A handful in tests, so that they read names past the bound.
#[cfg(test)]
const MEMO_LIMIT: usize = 4;

/// No entry (of [`Seen`]'s indexes).
const NONE: u32 = u32::MAX;

/// The name mentions of a run's sources, read from any thread.
pub struct NameReader<'a> {
    index: &'a EntityIndex,
    /// Resolutions by the mention's words (in the [`table`] of the mention), shared by the
    /// threads: a corpus names the same people again and again.
    shared: [RwLock<FxHashMap<CompactString, Option<Arc<Resolved>>>>; 2],
    /// What each thread has met.
    local: ThreadLocal<RefCell<Local>>,
}

/// What one thread knows of the names it has met.
#[derive(Default)]
struct Local {
    /// By the mention's words, in the [`table`] of the mention.
    names: [FxHashMap<CompactString, Seen>; 2],
    /// The resolutions [`Seen::Entity`] points at (shared with the table the threads
    /// share: most names met resolve to no entity, and take a pointer's room there).
    resolutions: Vec<Arc<Resolved>>,
    /// Undeclared spellings, by where in `gathered` the thread gathers their places.
    undeclared: FxHashMap<CompactString, u32>,
    /// The places of undeclared spellings this thread has met.
    gathered: Vec<Gathering>,
    /// How often this thread has met each entity, spelt any way, by index in the ledger
    /// (grown as entities are met).
    mentions: Vec<usize>,
}

/// A name a thread has met, small enough that what most mentions need is read with the
/// table entry itself: the entity and whether it is spelt canonically, or how often the
/// name stands since its places were all kept.
#[derive(Clone, Copy)]
enum Seen {
    /// A name of an entity; its resolution is in [`Local::resolutions`] at `resolution`.
    Entity {
        entity: u32,
        canonical: bool,
        resolution: u32,
    },
    /// A name of no entity.
    Undeclared(Tally),
}

/// A name of no entity: where its places are gathered, once it is met as a person's name.
#[derive(Clone, Copy)]
struct Tally {
    /// In [`Local::gathered`] ([`NONE`]: not yet).
    gathering: u32,
    /// A copy of the gathering's [`Gathering::full_until`] ([`NONE`]: not full), which can
    /// only be later than the gathering's own: a place in a later source is only counted.
    full_until: u32,
    /// Places counted here and not in the gathering.
    counted: u32,
}

impl Seen {
    /// A name first met, resolved as `resolved`, whose resolution is kept at `at`.
    fn new(resolved: Option<&Resolved>, at: usize) -> Self {
        match resolved {
            Some(resolved) => Seen::Entity {
                entity: u32::try_from(resolved.entity).unwrap_or(u32::MAX),
                canonical: resolved.verdict == NameVerdict::Canonical,
                resolution: u32::try_from(at).unwrap_or(NONE),
            },
            None => Seen::Undeclared(Tally {
                gathering: NONE,
                full_until: NONE,
                counted: 0,
            }),
        }
    }
}

/// A mention of one of the ledger's entities, as [`NameReader::read`] hands it on. The
/// entity and whether it is canonical are also in `resolved`, but are read from the table
/// entry: most mentions then need no other memory.
#[derive(Clone, Copy)]
pub struct Known<'r> {
    /// The entity, by index in the ledger.
    pub entity: u32,
    /// Whether the mention spells the entity canonically.
    pub canonical: bool,
    /// How the mention resolves.
    pub resolved: &'r Resolved,
}

/// A spelling being gathered: once its first [`PLACES`] places are kept, the source of the
/// last of them, so that a place in a later source is counted without reading the places.
#[derive(Default)]
struct Gathering {
    spelled: Spelled,
    full_until: Option<usize>,
}

impl Gathering {
    fn add(&mut self, place: Option<Occurrence>) {
        let later = |place: &Occurrence| self.full_until.is_some_and(|last| place.source() > last);
        if place.as_ref().is_some_and(later) {
            self.spelled.count += 1;
            return;
        }
        self.spelled.add(place);
        if self.spelled.places.len() >= PLACES {
            self.full_until = self.spelled.places.last().map(Occurrence::source);
        }
    }
}

impl<'a> NameReader<'a> {
    /// A reader of mentions of `index`'s entities.
    pub fn new(index: &'a EntityIndex) -> Self {
        NameReader {
            index,
            shared: Default::default(),
            local: ThreadLocal::new(),
        }
    }

    /// Resolves the mentions of source `source` and records where the person names no
    /// entity has stand; hands `found` each mention of an entity, with what it is known
    /// as, and each such person name, without.
    pub fn read(
        &self,
        source: usize,
        mentions: Vec<NameMention>,
        mut found: impl FnMut(NameMention, Option<Known>),
    ) {
        let mut local = self.local.get_or_default().borrow_mut();
        let Local {
            names,
            resolutions,
            undeclared,
            gathered,
            mentions: counted,
        } = &mut *local;
        for mention in mentions {
            let names = &mut names[table(&mention)];
            // A name met for the first time in this thread when there is no more room to
            // remember it: known for this mention only.
            let mut unremembered: Option<(Seen, Option<Arc<Resolved>>)> = None;
            let (seen, spare) = match names.get_mut(mention.name.as_str()) {
                Some(seen) => (seen, None),
                None => {
                    let resolved = self.resolve_shared(&mention);
                    if names.len() < MEMO_LIMIT {
                        // At most 2 × MEMO_LIMIT resolutions: their indexes fit a u32.
                        let seen = Seen::new(resolved.as_deref(), resolutions.len());
                        resolutions.extend(resolved);
                        (names.entry(mention.name.clone()).or_insert(seen), None)
                    } else {
                        let seen = Seen::new(resolved.as_deref(), NONE as usize);
                        let (seen, resolved) = unremembered.insert((seen, resolved));
                        (seen, resolved.as_ref())
                    }
                }
            };
            match seen {
                Seen::Entity {
                    entity,
                    canonical,
                    resolution,
                } => {
                    let resolved = spare.or_else(|| resolutions.get(*resolution as usize));
                    if let Some(resolved) = resolved {
                        let at = *entity as usize;
                        if counted.len() <= at {
                            counted.resize(at + 1, 0);
                        }
                        counted[at] += 1;
                        let known = Known {
                            entity: *entity,
                            canonical: *canonical,
                            resolved,
                        };
                        found(mention, Some(known));
                    }
                }
                Seen::Undeclared(tally) if mention.person_like => {
                    let later = u32::try_from(source).is_ok_and(|s| s > tally.full_until);
                    if later && tally.counted < u32::MAX {
                        tally.counted += 1;
                    } else {
                        if tally.gathering == NONE {
                            tally.gathering = gathering_of(undeclared, gathered, &mention.name);
                        }
                        if let Some(gathering) = gathered.get_mut(tally.gathering as usize) {
                            gathering.add(Occurrence::new(source, mention.span.clone()));
                            tally.full_until = gathering
                                .full_until
                                .and_then(|last| u32::try_from(last).ok())
                                .unwrap_or(NONE);
                        }
                    }
                    found(mention, None);
                }
                Seen::Undeclared(_) => {}
            }
        }
    }

    /// The resolution of a mention met for the first time in this thread: from the table
    /// the threads share, or found now and shared.
    fn resolve_shared(&self, mention: &NameMention) -> Option<Arc<Resolved>> {
        let memo = &self.shared[table(mention)];
        let name = mention.name.as_str();
        if let Some(known) = memo.read().ok().and_then(|memo| memo.get(name).cloned()) {
            return known;
        }
        let resolved = self.index.resolve(mention).map(Arc::new);
        if let Ok(mut memo) = memo.write() {
            if memo.len() < MEMO_LIMIT {
                memo.insert(mention.name.clone(), resolved.clone());
            }
        }
        resolved
    }

    /// How often the mentions read name each of `entities` entities, spelt any way, by index
    /// in the ledger.
    pub fn mentions(&mut self, entities: usize) -> Vec<usize> {
        let mut total = vec![0; entities];
        for local in self.local.iter_mut() {
            for (sum, count) in total.iter_mut().zip(&local.get_mut().mentions) {
                *sum += count;
            }
        }
        total
    }

    /// Every undeclared person name met, in spelling order: how often it stands, and its
    /// first [`PLACES`] places in source and text order, whatever thread read which source.
    pub fn into_undeclared(mut self) -> BTreeMap<String, Spelled> {
        // Made at its size: grown by doubling, the list took up to three times its room at
        // once, beside the threads' tables (the peak of a 1 GiB run).
        let total = (self.local.iter_mut())
            .map(|local| local.get_mut().undeclared.len())
            .sum();
        let mut spellings: Vec<(CompactString, Spelled)> = Vec::with_capacity(total);
        for local in self.local {
            let Local {
                names,
                undeclared,
                mut gathered,
                ..
            } = local.into_inner();
            for seen in names.iter().flat_map(|names| names.values()) {
                if let Seen::Undeclared(tally) = seen {
                    if let Some(gathering) = gathered.get_mut(tally.gathering as usize) {
                        gathering.spelled.count += tally.counted as usize;
                    }
                }
            }
            for (spelling, at) in undeclared {
                if let Some(gathering) = gathered.get_mut(at as usize) {
                    spellings.push((spelling, std::mem::take(&mut gathering.spelled)));
                }
            }
        }
        // Sorted, then the threads' gatherings of one spelling merged (in any order: a
        // merge keeps the first places of both and adds the counts).
        spellings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(String, Spelled)> = Vec::with_capacity(spellings.len());
        for (spelling, spelled) in spellings {
            match merged.last_mut() {
                Some((last, into)) if last.as_str() == spelling.as_str() => into.merge(spelled),
                _ => merged.push((spelling.into_string(), spelled)),
            }
        }
        merged.into_iter().collect()
    }
}

/// Which table remembers a mention: a lone word opening a sentence is resolved otherwise
/// than the same word elsewhere (see [`EntityIndex::resolve`]); longer names are not.
fn table(mention: &NameMention) -> usize {
    usize::from(mention.words == 1 && mention.sentence_initial)
}

/// Where a thread gathers the places of `spelling` (a new gathering if it has none).
fn gathering_of(
    undeclared: &mut FxHashMap<CompactString, u32>,
    gathered: &mut Vec<Gathering>,
    spelling: &str,
) -> u32 {
    if let Some(&at) = undeclared.get(spelling) {
        return at;
    }
    let Ok(at) = u32::try_from(gathered.len()) else {
        return NONE;
    };
    gathered.push(Gathering::default());
    undeclared.insert(CompactString::from(spelling), at);
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mention of the undeclared person "Ivan Petrov" at `at`.
    fn petrov(at: usize, sentence_initial: bool) -> NameMention {
        NameMention {
            span: at..at + 11,
            name: "Ivan Petrov".into(),
            words: 2,
            sentence_initial,
            person_like: true,
        }
    }

    #[test]
    fn an_undeclared_name_is_gathered_once_wherever_and_by_whichever_thread() {
        let index = EntityIndex::new(&[]);
        let expected: Vec<Occurrence> = [(0, 7), (1, 0), (1, 50), (2, 3)]
            .into_iter()
            .map(|(source, at)| Occurrence::new(source, at..at + 11).expect("small"))
            .collect();
        for threads in [1, 2] {
            let reader = NameReader::new(&index);
            let read = |source: usize, mentions: Vec<NameMention>| {
                reader.read(source, mentions, |_, known| assert!(known.is_none()));
            };
            // Opening a sentence and not; sources read out of order, on one or two threads.
            let later = || {
                read(2, vec![petrov(3, true)]);
                read(1, vec![petrov(0, true), petrov(50, false)]);
            };
            std::thread::scope(|scope| {
                if threads == 1 {
                    later();
                } else {
                    scope.spawn(later);
                }
                read(0, vec![petrov(7, false)]);
            });
            let gathered = reader.into_undeclared();
            assert_eq!(gathered.len(), 1, "{threads}");
            let spelled = &gathered["Ivan Petrov"];
            assert_eq!(spelled.count, 4, "{threads}");
            assert_eq!(spelled.places, expected, "{threads}");
        }
    }

    #[test]
    fn names_past_the_bound_of_the_tables_are_read_as_those_within_it() {
        // The tables remember MEMO_LIMIT names (a handful in tests): a name met once they
        // are full is resolved at each mention, and its places are still gathered.
        let mut files = crate::files::Files::default();
        let file = files.add("claims/people.toml".into(), "".into());
        let fogel = crate::ledger::Entity {
            id: "marc-fogel".into(),
            file,
            id_span: 0..0,
            name: "Marc Fogel".into(),
            name_span: 0..0,
            aliases: Vec::new(),
            also_known_as: Vec::new(),
            native: None,
            kind: crate::ledger::EntityKind::Person,
        };
        let index = EntityIndex::new(&[fogel]);
        let undeclared = [
            "Ivan Petrov",
            "Anna Ivanova",
            "Oleg Sidorov",
            "Petr Smirnov",
            "Olga Kuznetsova",
            "Yuri Popov",
        ];
        assert!(undeclared.len() > MEMO_LIMIT);
        let mention = |name: &str, at: usize, sentence_initial| NameMention {
            span: at..at + name.len(),
            name: name.into(),
            words: 2,
            sentence_initial,
            person_like: true,
        };
        let mut reader = NameReader::new(&index);
        let mut read = Vec::new();
        for source in 0..3 {
            let mut mentions: Vec<NameMention> = (undeclared.iter().enumerate())
                .map(|(k, name)| mention(name, k * 100, k % 2 == 0))
                .collect();
            mentions.push(mention("Marc Fogel", 1000, false));
            mentions.push(mention("Mark Vogel", 1100, true));
            reader.read(source, mentions, |mention, known| {
                let known = known.map(|k| (k.entity, k.canonical, k.resolved.entity));
                read.push((mention.name.to_string(), known));
            });
        }
        let per_source = (undeclared.iter().map(|name| (name.to_string(), None)))
            .chain([
                ("Marc Fogel".to_string(), Some((0, true, 0))),
                ("Mark Vogel".to_string(), Some((0, false, 0))),
            ])
            .collect::<Vec<_>>();
        let expected: Vec<_> = (0..3).flat_map(|_| per_source.iter().cloned()).collect();
        assert_eq!(read, expected);
        // Marc Fogel, spelt either way: named twice in each source.
        assert_eq!(reader.mentions(1), [6]);
        let gathered = reader.into_undeclared();
        assert_eq!(gathered.len(), undeclared.len());
        for (k, name) in undeclared.iter().enumerate() {
            let places: Vec<Occurrence> = (0..3)
                .map(|source| {
                    Occurrence::new(source, k * 100..k * 100 + name.len()).expect("small")
                })
                .collect();
            assert_eq!(gathered[*name].count, 3, "{name}");
            assert_eq!(gathered[*name].places, places, "{name}");
        }
    }

    #[test]
    fn a_frequent_undeclared_name_is_counted_wherever_its_places_are_no_longer_kept() {
        // Three mentions in each of 30 sources, the second opening a sentence: past the
        // first PLACES places most are only counted, in both of a thread's tables.
        let index = EntityIndex::new(&[]);
        let sources = 30;
        let mentions = |_| (0..3).map(|k| petrov(k * 20, k == 1)).collect();
        let expected: Vec<Occurrence> = (0..sources)
            .flat_map(|source| (0..3).map(move |k| (source, k * 20)))
            .take(PLACES)
            .map(|(source, at)| Occurrence::new(source, at..at + 11).expect("small"))
            .collect();
        let forward: Vec<usize> = (0..sources).collect();
        let backward: Vec<usize> = (0..sources).rev().collect();
        let scattered: Vec<usize> = (0..sources).map(|i| i * 7 % sources).collect();
        for order in [forward, backward, scattered] {
            for threads in [1, 2] {
                let reader = NameReader::new(&index);
                std::thread::scope(|scope| {
                    for thread in 0..threads {
                        let (reader, order) = (&reader, &order);
                        scope.spawn(move || {
                            for &source in order.iter().skip(thread).step_by(threads) {
                                reader.read(source, mentions(source), |_, known| {
                                    assert!(known.is_none());
                                });
                            }
                        });
                    }
                });
                let gathered = reader.into_undeclared();
                let spelled = &gathered["Ivan Petrov"];
                assert_eq!(spelled.count, 3 * sources, "{order:?}, {threads}");
                assert_eq!(spelled.places, expected, "{order:?}, {threads}");
            }
        }
    }

    #[test]
    fn undeclared_spellings_keep_their_first_places_whatever_the_reading_order() {
        // Three places in each of 30 sources; one source's places share its index, so a
        // place in the source of the last kept place must still be looked at.
        let places: Vec<Occurrence> = (0..30)
            .flat_map(|source| {
                (0..3).map(move |k| Occurrence::new(source, k * 10..k * 10 + 5).expect("small"))
            })
            .collect();
        let expected: Vec<Occurrence> = places.iter().take(PLACES).cloned().collect();
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
            // Read by one thread, and by two that take alternate sources.
            for threads in [1, 2] {
                let mut gathered: Vec<Gathering> =
                    (0..threads).map(|_| Gathering::default()).collect();
                for &i in &order {
                    let place = places[i].clone();
                    gathered[place.source() % threads].add(Some(place));
                }
                let mut spelled = Spelled::default();
                for gathering in gathered {
                    spelled.merge(gathering.spelled);
                }
                assert_eq!(spelled.count, places.len(), "{order:?}, {threads}");
                assert_eq!(spelled.places, expected, "{order:?}, {threads}");
            }
        }
    }
}
