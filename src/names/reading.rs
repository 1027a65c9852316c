//! Reading a run's name mentions: each spelling is resolved against the ledger once per
//! run, whatever thread meets it first, and the places of person names the ledger does not
//! declare are gathered as they are met. A thread finds what it knows of a name with one
//! lookup: its resolution and where the thread gathers the name's places.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::RwLock;

use compact_str::CompactString;
use rustc_hash::FxHashMap;
use thread_local::ThreadLocal;

use super::cluster::{Occurrence, Spelled};
use super::resolve::{EntityIndex, Resolved};
use crate::extract::NameMention;

/// Places kept for each spelling of a name the ledger does not declare.
pub const PLACES: usize = 20;

/// Names remembered at most, per table: beyond, mentions are resolved anew.
const MEMO_LIMIT: usize = 1 << 20;

/// No entry (of [`Seen`]'s indexes).
const NONE: u32 = u32::MAX;

/// The name mentions of a run's sources, read from any thread.
pub struct NameReader<'a> {
    index: &'a EntityIndex,
    /// Resolutions by the mention's words, apart for those that open a sentence, shared by
    /// the threads: a corpus names the same people again and again.
    shared: [RwLock<FxHashMap<CompactString, Option<Resolved>>>; 2],
    /// What each thread has met.
    local: ThreadLocal<RefCell<Local>>,
}

/// What one thread knows of the names it has met.
#[derive(Default)]
struct Local {
    /// By the mention's words, apart for those that open a sentence.
    names: [FxHashMap<CompactString, Seen>; 2],
    /// The resolutions [`Seen::resolution`] points at.
    resolutions: Vec<Resolved>,
    /// Undeclared spellings, by where in `gathered` the thread gathers their places.
    undeclared: FxHashMap<CompactString, u32>,
    /// The places of undeclared spellings this thread has met.
    gathered: Vec<Gathering>,
}

/// A name a thread has met: its resolution and where its places are gathered, as indexes
/// into [`Local`]'s lists ([`NONE`] for none, or not yet), so that an entry is small and
/// more of them stay in the cache.
#[derive(Clone, Copy)]
struct Seen {
    resolution: u32,
    gathering: u32,
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
    /// entity has stand; hands `found` each mention of an entity, with its resolution, and
    /// each such person name, without.
    pub fn read(
        &self,
        source: usize,
        mentions: Vec<NameMention>,
        mut found: impl FnMut(NameMention, Option<&Resolved>),
    ) {
        let mut local = self.local.get_or_default().borrow_mut();
        let Local {
            names,
            resolutions,
            undeclared,
            gathered,
        } = &mut *local;
        for mention in mentions {
            let names = &mut names[usize::from(mention.sentence_initial)];
            let name = mention.name.as_str();
            // A name met for the first time in this thread when there is no more room to
            // remember it: known for this mention only.
            let mut unremembered: Option<(Option<Resolved>, Seen)> = None;
            let (resolved, seen) = match names.get_mut(name) {
                Some(seen) => (resolutions.get(seen.resolution as usize), seen),
                None => {
                    let resolved = self.resolve_shared(&mention);
                    let mut seen = Seen {
                        resolution: NONE,
                        gathering: NONE,
                    };
                    if names.len() < MEMO_LIMIT {
                        if let Some(resolved) = resolved {
                            // At most 2 × MEMO_LIMIT resolutions: their indexes fit a u32.
                            seen.resolution = resolutions.len() as u32;
                            resolutions.push(resolved);
                        }
                        let seen = names.entry(mention.name.clone()).or_insert(seen);
                        (resolutions.get(seen.resolution as usize), seen)
                    } else {
                        let (resolved, seen) = unremembered.insert((resolved, seen));
                        (resolved.as_ref(), seen)
                    }
                }
            };
            match resolved {
                Some(resolved) => found(mention, Some(resolved)),
                None if mention.person_like => {
                    if seen.gathering == NONE {
                        seen.gathering = gathering_of(undeclared, gathered, name);
                    }
                    if let Some(gathering) = gathered.get_mut(seen.gathering as usize) {
                        let span = mention.span.clone();
                        gathering.add(Occurrence { source, span });
                    }
                    found(mention, None);
                }
                None => {}
            }
        }
    }

    /// The resolution of a mention met for the first time in this thread: from the table
    /// the threads share, or found now and shared.
    fn resolve_shared(&self, mention: &NameMention) -> Option<Resolved> {
        let memo = &self.shared[usize::from(mention.sentence_initial)];
        let name = mention.name.as_str();
        if let Some(known) = memo.read().ok().and_then(|memo| memo.get(name).cloned()) {
            return known;
        }
        let resolved = self.index.resolve(mention);
        if let Ok(mut memo) = memo.write() {
            if memo.len() < MEMO_LIMIT {
                memo.insert(mention.name.clone(), resolved.clone());
            }
        }
        resolved
    }

    /// Every undeclared person name met, in spelling order: how often it stands, and its
    /// first [`PLACES`] places in source and text order, whatever thread read which source.
    pub fn into_undeclared(self) -> BTreeMap<String, Spelled> {
        let mut spellings: BTreeMap<String, Spelled> = BTreeMap::new();
        for local in self.local {
            let Local {
                undeclared,
                mut gathered,
                ..
            } = local.into_inner();
            for (spelling, at) in undeclared {
                if let Some(gathering) = gathered.get_mut(at as usize) {
                    let spelled = std::mem::take(&mut gathering.spelled);
                    spellings
                        .entry(spelling.into_string())
                        .or_default()
                        .merge(spelled);
                }
            }
        }
        spellings
    }
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
            .map(|(source, at)| Occurrence {
                source,
                span: at..at + 11,
            })
            .collect();
        for threads in [1, 2] {
            let reader = NameReader::new(&index);
            let read = |source: usize, mentions: Vec<NameMention>| {
                reader.read(source, mentions, |_, resolved| assert!(resolved.is_none()));
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
    fn undeclared_spellings_keep_their_first_places_whatever_the_reading_order() {
        // Three places in each of 30 sources; one source's places share its index, so a
        // place in the source of the last kept place must still be looked at.
        let places: Vec<Occurrence> = (0..30)
            .flat_map(|source| {
                (0..3).map(move |k| Occurrence {
                    source,
                    span: k * 10..k * 10 + 5,
                })
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
                    gathered[place.source % threads].add(place);
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
