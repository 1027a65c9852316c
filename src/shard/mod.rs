//! Runs split across machines. `claimcheck shard` checks one part of a corpus and writes
//! what the report needs of each source (its excerpt, evidence, names and findings) and the
//! names the ledger does not declare; `claimcheck merge` reads the shards of a corpus and
//! makes the report that one run over the whole corpus would have made: the sources in path
//! order, the claims judged across all of them, the undeclared names grouped anew.
//!
//! A shard is three lines of JSON: a [`Header`] (so a file from another ledger or version
//! is refused before its body is read), the [`Shard`], and the SHA-256 of the body (so a
//! truncated or altered shard is refused before it is trusted).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::check::{CheckedSource, CheckedSources, Gathered, Slot};
use crate::corpus::normalize;
use crate::files::{File, FileId, Files, display_path};
use crate::findings::{Code, Finding};
use crate::ledger;
use crate::names::{Occurrence, Spelled};
use crate::policy::Policy;
use crate::report::Failure;
use crate::spill::Spill;
use crate::verify::Checker;

mod read;

use read::{corrupt, invalid};

/// What the first line of a shard says.
const FORMAT: &str = "claimcheck-shard";

/// The first line of a shard: what made it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Header {
    /// Always `claimcheck-shard`.
    pub format: String,
    /// The claimcheck version that wrote it; only the same version merges it.
    pub claimcheck: String,
    /// SHA-256 of the ledger's files (paths and text), in the order they were read.
    pub ledger: String,
    /// The codes whose findings about a source the shard kept (its policy's): a merge
    /// cannot show what a shard left out.
    pub shows: Vec<String>,
}

/// The body of a shard: what a run over part of a corpus found, before the claims are
/// judged across the corpus. Written from a run's [`CheckedSources`], read as a list.
#[derive(Debug, Serialize, Deserialize)]
pub struct Shard<Sources = Vec<CheckedSource>> {
    /// The source paths the shard's run was given.
    pub source_paths: Vec<PathBuf>,
    /// The files it read after the ledger's (metadata, sources); their ids follow the
    /// ledger's files.
    pub files: Vec<File>,
    /// Its sources, in path order.
    pub sources: Sources,
    /// How often its sources name each entity of the ledger, spelt any way.
    pub mentions: Vec<usize>,
    /// The names the ledger does not declare, by spelling; places point into `sources`.
    pub unknown: BTreeMap<String, Spelled>,
}

/// The digest of a ledger: its files' paths and texts.
fn ledger_digest(files: &[Cow<File>]) -> String {
    let mut hash = Sha256::new();
    for file in files {
        let path = display_path(&file.path);
        let text = file.full_text().map_or("", |t| &**t);
        for part in [path.as_bytes(), text.as_bytes()] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
    }
    hex(&hash.finalize())
}

/// The names of the codes `policy` shows.
fn shown(policy: &Policy) -> Vec<String> {
    Code::ALL
        .iter()
        .filter(|code| policy.shows(**code))
        .map(|code| code.name().to_string())
        .collect()
}

/// Writes what `gathered` found, with `policy` (whose findings it kept), to `out` as a
/// shard: a header line, a body line and a checksum line.
pub fn write(
    mut gathered: Gathered,
    policy: &Policy,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let header = Header {
        format: FORMAT.to_string(),
        claimcheck: env!("CARGO_PKG_VERSION").to_string(),
        ledger: ledger_digest(&gathered.files.before(gathered.ledger_files)),
        shows: shown(policy),
    };
    let shard = Shard {
        source_paths: gathered.source_paths,
        files: gathered.files.split_off(gathered.ledger_files)?,
        sources: gathered.sources,
        mentions: gathered.mentions,
        unknown: gathered.unknown,
    };
    serde_json::to_writer(&mut *out, &header)?;
    out.write_all(b"\n")?;
    let mut body = Hashing {
        out: &mut *out,
        hash: Sha256::new(),
    };
    serde_json::to_writer(&mut body, &shard)?;
    let checksum = Checksum {
        sha256: hex(&body.hash.finalize()),
    };
    out.write_all(b"\n")?;
    serde_json::to_writer(&mut *out, &checksum)?;
    out.write_all(b"\n")
}

/// The last line of a shard.
#[derive(Serialize, Deserialize)]
struct Checksum {
    /// SHA-256 of the body line, without its line break.
    sha256: String,
}

/// A writer that hashes what it passes on.
struct Hashing<'a> {
    out: &'a mut dyn std::io::Write,
    hash: Sha256,
}

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(buf)?;
        self.hash.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Bytes in lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Merges the shards at `paths` into what one run over all their sources would have
/// gathered, with the ledger at `claims`, for a report with `policy`.
pub fn merge(claims: &[PathBuf], paths: &[PathBuf], policy: &Policy) -> Result<Gathered, Failure> {
    let mut files = Files::default();
    let ledger = match ledger::load(claims, &mut files) {
        Ok(ledger) => ledger,
        Err(findings) => return Err(Failure { files, findings }),
    };
    let ledger_files = files.len();
    let digest = ledger_digest(&files.before(ledger_files));
    // What the report quotes of each source, the findings about it and its evidence wait
    // on disk as each shard is read, and each shard is folded into the merge as soon as it
    // is read: a merge never holds a whole shard.
    let spill = files.start_spill();
    let shows = shown(policy);
    let mut merging = Merging::new(ledger.entities.len());
    let mut problems = Vec::new();
    for (shard, path) in paths.iter().enumerate() {
        match read::read(path, (&ledger, &digest), &shows, spill.as_ref()) {
            // Once a shard is refused the merge fails: the others are only checked.
            Ok(body) if problems.is_empty() => {
                if let Err(why) = merging.add(shard, body, ledger_files, spill.as_ref()) {
                    problems.push(corrupt(path, why));
                }
            }
            Ok(_) => {}
            Err(problem) => problems.push(*problem),
        }
    }
    if paths.is_empty() {
        problems.push(Finding::new(Code::NoSources, "no shard to merge"));
    }
    if !problems.is_empty() {
        return Err(Failure {
            files,
            findings: problems,
        });
    }
    let Merging {
        source_paths,
        mut sources,
        shard_files,
        starts,
        mentions,
        unknown,
    } = merging;

    // Sources in path order, as one run reads them.
    sources.sort_by(|a, b| a.key.cmp(&b.key));
    let problems = check_sources(&sources, paths);
    if !problems.is_empty() {
        return Err(Failure {
            files,
            findings: problems,
        });
    }

    let moved = number_files(&mut files, ledger_files, shard_files, &sources);
    // The sources' files wait on disk in blocks, as in one run.
    files.seal();
    // Where each source of each shard went, by its place in the order the shards were read.
    let mut rank = vec![usize::MAX; sources.len()];
    for (global, placed) in sources.iter().enumerate() {
        rank[starts[placed.shard] + placed.local] = global;
    }
    let index = Index { starts, rank };
    // A shard that points at a file or source it does not hold is refused, not trusted.
    let mut broken = std::collections::BTreeSet::new();
    let sources = move_ids(
        sources,
        (ledger_files, &moved),
        (&index, spill.as_ref()),
        &mut broken,
    );
    let sources = match sources {
        Ok(sources) => sources,
        Err(error) => {
            let lost = format!("what this merge read of its shards is lost: {error}");
            let findings = vec![Finding::new(Code::UnreadableFile, lost)];
            return Err(Failure { files, findings });
        }
    };
    let unknown = place_spellings(unknown, &index);
    if !broken.is_empty() {
        let findings = broken
            .into_iter()
            .map(|shard| corrupt(&paths[shard], "refers to a file or source it does not hold"))
            .collect();
        return Err(Failure { files, findings });
    }

    Ok(Gathered {
        claim_paths: claims.to_vec(),
        source_paths,
        findings: Checker::new(&ledger).examples().into(),
        files,
        ledger,
        ledger_files,
        sources,
        mentions,
        unknown,
    })
}

/// What the shards read so far come to. A source is known by its place in the order the
/// shards were read (its shard's start, then its index in the shard) until every shard is
/// read and the sources are put in path order.
struct Merging {
    source_paths: Vec<PathBuf>,
    sources: Vec<Placed>,
    shard_files: Vec<Vec<File>>,
    /// Where each shard's sources start, in the order the shards were read.
    starts: Vec<usize>,
    mentions: Vec<usize>,
    /// The undeclared spellings, with their first places in path order so far; places name
    /// sources by their place in the order read.
    unknown: BTreeMap<String, Spelled>,
}

impl Merging {
    fn new(entities: usize) -> Self {
        Merging {
            source_paths: Vec::new(),
            sources: Vec::new(),
            shard_files: Vec::new(),
            starts: Vec::new(),
            mentions: vec![0; entities],
            unknown: BTreeMap::new(),
        }
    }

    /// Folds in shard `shard`'s `body`, each of its sources kept as a record in `spill` (in
    /// memory if there is none); says what is wrong if it refers to a file or a source it
    /// does not hold.
    fn add(
        &mut self,
        shard: usize,
        body: Shard,
        ledger_files: usize,
        spill: Option<&Arc<Spill>>,
    ) -> Result<(), &'static str> {
        let start = self.sources.len();
        let held = body.sources.len();
        for (total, count) in self.mentions.iter_mut().zip(&body.mentions) {
            *total += count;
        }
        for (local, source) in body.sources.into_iter().enumerate() {
            let file = (source.info.file.index().checked_sub(ledger_files))
                .and_then(|at| body.files.get(at))
                .ok_or("refers to a file it does not hold")?;
            self.sources.push(Placed {
                key: normalize(&file.path),
                path: file.path.clone(),
                shard,
                local,
                id: source.info.id.clone(),
                file: source.info.file,
                source: Slot::keep(source, spill),
            });
        }
        let sources = &self.sources;
        let key = |place: &Occurrence| {
            (
                &sources[place.source()].key,
                place.span().start,
                place.span().end,
            )
        };
        for (spelling, spelled) in body.unknown {
            let Spelled { count, places } = spelled;
            let mut read = Vec::with_capacity(places.len());
            for place in places {
                let moved = (place.source() < held)
                    .then(|| place.in_source(start + place.source()))
                    .flatten()
                    .ok_or("refers to a file or source it does not hold")?;
                read.push(moved);
            }
            // In one shard, path order is the shard's order.
            read.sort();
            let into = self.unknown.entry(spelling).or_default();
            into.count += count;
            into.places = first_places(std::mem::take(&mut into.places), read, key);
        }
        self.starts.push(start);
        self.source_paths.extend(body.source_paths);
        self.shard_files.push(body.files);
        Ok(())
    }
}

/// The first [`crate::names::PLACES`] of two lists of places, each in the order `key` gives.
fn first_places<K: Ord>(
    a: Vec<Occurrence>,
    b: Vec<Occurrence>,
    key: impl Fn(&Occurrence) -> K,
) -> Vec<Occurrence> {
    let mut kept = Vec::with_capacity(crate::names::PLACES.min(a.len() + b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while kept.len() < crate::names::PLACES {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if key(y) < key(x) => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(place) => kept.push(place),
            None => break,
        }
    }
    kept
}

/// Where the sources of each shard went in the merged run.
struct Index {
    /// Where each shard's sources start in the order read.
    starts: Vec<usize>,
    /// For each source in the order read, its index in path order.
    rank: Vec<usize>,
}

impl Index {
    /// The merged run's index of source `local` of shard `shard`, if the shard holds it.
    fn global(&self, shard: usize, local: usize) -> Option<usize> {
        let start = *self.starts.get(shard)?;
        let end = self
            .starts
            .get(shard + 1)
            .copied()
            .unwrap_or(self.rank.len());
        (local < end - start).then(|| self.rank[start + local])
    }
}

/// The undeclared spellings with their places moved to the merged run's source indexes.
fn place_spellings(
    mut unknown: BTreeMap<String, Spelled>,
    index: &Index,
) -> BTreeMap<String, Spelled> {
    for spelled in unknown.values_mut() {
        for place in &mut spelled.places {
            // Every place was checked against its shard as it was read.
            if let Some(moved) = index
                .rank
                .get(place.source())
                .and_then(|&at| place.in_source(at))
            {
                *place = moved;
            }
        }
    }
    unknown
}

/// A source of a shard: its path as one run sorts it and as written, its shard, and its
/// index there; its id and file (by the shard's id); and the source itself, waiting in the
/// merge's spill file until its ids are moved: a merge does not hold every source it reads.
struct Placed {
    key: PathBuf,
    path: PathBuf,
    shard: usize,
    local: usize,
    id: CompactString,
    file: FileId,
    source: Slot,
}

/// Registers the shards' files with ids in one run's order: after the ledger's, the other
/// files the shards read (metadata, each once, by path and text), then the sources in path
/// order. Returns where each (shard, shard's file id) went.
fn number_files(
    files: &mut Files,
    ledger_files: usize,
    shard_files: Vec<Vec<File>>,
    sources: &[Placed],
) -> BTreeMap<(usize, usize), FileId> {
    let source_files: std::collections::BTreeSet<(usize, usize)> = sources
        .iter()
        .map(|placed| (placed.shard, placed.file.index()))
        .collect();
    let mut others: BTreeMap<(PathBuf, String), Vec<(usize, usize)>> = BTreeMap::new();
    let mut slots: Vec<Vec<Option<File>>> = Vec::new();
    for (shard, list) in shard_files.into_iter().enumerate() {
        for (k, file) in list.iter().enumerate() {
            let id = ledger_files + k;
            if !source_files.contains(&(shard, id)) {
                let text = file.full_text().map(|t| t.to_string()).unwrap_or_default();
                others
                    .entry((file.path.clone(), text))
                    .or_default()
                    .push((shard, id));
            }
        }
        slots.push(list.into_iter().map(Some).collect());
    }
    let mut take = |shard: usize, id: usize| {
        let slot = slots
            .get_mut(shard)?
            .get_mut(id.checked_sub(ledger_files)?)?;
        slot.take()
    };
    let mut moved = BTreeMap::new();
    for users in others.into_values() {
        let Some(file) = users.first().and_then(|&(shard, id)| take(shard, id)) else {
            continue;
        };
        let global = files.push(file);
        for user in users {
            moved.insert(user, global);
        }
    }
    for placed in sources {
        let id = placed.file.index();
        if let Some(file) = take(placed.shard, id) {
            moved.insert((placed.shard, id), files.push(file));
        }
    }
    moved
}

/// The sources with their file ids and source indexes moved to the merged run's, each read
/// back from the spill file and written to it again; a shard whose ids lead nowhere goes
/// into `broken`. Fails if a source cannot be read back.
fn move_ids(
    sources: Vec<Placed>,
    (ledger_files, moved): (usize, &BTreeMap<(usize, usize), FileId>),
    (index, spill): (&Index, Option<&Arc<Spill>>),
    broken: &mut std::collections::BTreeSet<usize>,
) -> std::io::Result<CheckedSources> {
    let mut merged = CheckedSources::new(spill.cloned(), Vec::with_capacity(sources.len()));
    for Placed { shard, source, .. } in sources {
        let mut source = source.take(spill)?;
        let mut file = |id: FileId| {
            if id.index() < ledger_files {
                return id;
            }
            moved.get(&(shard, id.index())).copied().unwrap_or_else(|| {
                broken.insert(shard);
                id
            })
        };
        source.info.file = file(source.info.file);
        source.findings.retain_mut(|finding| {
            for label in &mut finding.labels {
                label.file = file(label.file);
            }
            true
        });
        for mention in &mut source.names.noncanonical {
            match index.global(shard, mention.source) {
                Some(global) => mention.source = global,
                None => _ = broken.insert(shard),
            }
        }
        for said in &mut source.said {
            match index.global(shard, said.source) {
                Some(global) => said.source = global,
                None => _ = broken.insert(shard),
            }
        }
        merged.push(source);
    }
    Ok(merged)
}

/// Sources that two shards hold, and ids that two sources have.
fn check_sources(sources: &[Placed], paths: &[PathBuf]) -> Vec<Finding> {
    let mut problems = Vec::new();
    for pair in sources.windows(2) {
        if pair[0].key == pair[1].key {
            problems.push(
                invalid(
                    &paths[pair[1].shard],
                    format!(
                        "holds `{}`, which `{}` holds too",
                        display_path(&pair[1].path),
                        display_path(&paths[pair[0].shard])
                    ),
                )
                .help("give each source to one shard only: split the corpus by folder or file"),
            );
        }
    }
    // The same source in two shards has its id twice: said above.
    let mut ids: BTreeMap<&str, &Placed> = BTreeMap::new();
    for placed in sources {
        let Some(other) = ids.insert(&placed.id, placed) else {
            continue;
        };
        if other.key != placed.key {
            problems.push(
                Finding::new(
                    Code::DuplicateId,
                    format!(
                        "two sources have the id `{}`: in `{}` and in `{}`",
                        placed.id,
                        display_path(&paths[other.shard]),
                        display_path(&paths[placed.shard])
                    ),
                )
                .help("give one of them another `id` in sources.toml"),
            );
        }
    }
    problems
}

/// `serde` for an interval's lower bound, which may be minus infinity (`null` in JSON).
pub mod low_bound {
    /// Writes a finite bound as a number, an infinite one as `null`.
    pub fn serialize<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        super::bound(*value, serializer)
    }

    /// Reads `null` as minus infinity.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        super::read_bound(deserializer, f64::NEG_INFINITY)
    }
}

/// `serde` for an interval's upper bound, which may be infinity (`null` in JSON).
pub mod high_bound {
    /// Writes a finite bound as a number, an infinite one as `null`.
    pub fn serialize<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        super::bound(*value, serializer)
    }

    /// Reads `null` as infinity.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        super::read_bound(deserializer, f64::INFINITY)
    }
}

/// Reads one of `all` by the name `name_of` gives it (codes, systems, units are written by
/// name); `what` says what it is in the error.
pub(crate) fn by_name<'de, D: serde::Deserializer<'de>, T: Copy>(
    deserializer: D,
    all: impl IntoIterator<Item = T>,
    name_of: impl Fn(T) -> &'static str,
    what: &str,
) -> Result<T, D::Error> {
    let name = String::deserialize(deserializer)?;
    all.into_iter()
        .find(|&item| name_of(item) == name)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown {what} `{name}`")))
}

fn bound<S: serde::Serializer>(value: f64, serializer: S) -> Result<S::Ok, S::Error> {
    // As an `Option`, which is how it is read: the same JSON, and right in the spill
    // file's format, which is not self-describing.
    if value.is_finite() {
        serializer.serialize_some(&value)
    } else {
        serializer.serialize_none()
    }
}

/// Reads a bound written by [`bound`]: `null` is `infinite`.
fn read_bound<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    infinite: f64,
) -> Result<f64, D::Error> {
    let value: Option<f64> = serde::Deserialize::deserialize(deserializer)?;
    Ok(value.unwrap_or(infinite))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Infinite bounds are written as `null` and read back as the infinity of their side,
    /// in a shard's JSON and in the spill file's format.
    #[test]
    fn infinite_bounds_are_read_back_on_their_side() {
        use crate::extract::Interval;
        let intervals = [
            Interval::closed(f64::NEG_INFINITY, -5.0),
            Interval::closed(26.0, f64::INFINITY),
            Interval::closed(f64::NEG_INFINITY, f64::INFINITY),
            Interval::closed(24.0, 26.0),
        ];
        for interval in intervals {
            let json = serde_json::to_string(&interval).expect("JSON");
            let read: Interval = serde_json::from_str(&json).expect("read back");
            assert_eq!(read, interval, "{json}");
            let bytes = postcard::to_stdvec(&interval).expect("postcard");
            let read: Interval = postcard::from_bytes(&bytes).expect("read back");
            assert_eq!(read, interval);
        }
        let json = serde_json::to_string(&intervals[2]).expect("JSON");
        assert!(
            json.contains(r#""low":null"#) && json.contains(r#""high":null"#),
            "{json}"
        );
    }

    #[test]
    fn the_first_places_of_two_shards_are_the_first_in_path_order() {
        let place = |source, start| Occurrence::new(source, start..start + 5).expect("small");
        // Sources 0 and 1 are one shard's, 2 and 3 another's; by path, 2 < 0 < 3 < 1.
        let rank = [1, 3, 0, 2];
        let key = |p: &Occurrence| (rank[p.source()], p.span().start);
        let mut a: Vec<Occurrence> = (0..12).map(|k| place(k % 2, k * 10)).collect();
        a.sort_by_key(key);
        let mut b: Vec<Occurrence> = (0..12).map(|k| place(2 + k % 2, k * 10)).collect();
        b.sort_by_key(key);
        let kept = first_places(a.clone(), b.clone(), key);
        let mut all: Vec<Occurrence> = a.into_iter().chain(b).collect();
        all.sort_by_key(key);
        all.truncate(crate::names::PLACES);
        assert_eq!(kept, all);
        assert_eq!(kept.len(), crate::names::PLACES);
        // Fewer than PLACES in all: every place, in order.
        let few = first_places(vec![place(0, 7)], vec![place(2, 9), place(3, 1)], key);
        assert_eq!(few, vec![place(2, 9), place(0, 7), place(3, 1)]);
    }
}
