//! Runs split across machines. `claimcheck shard` checks one part of a corpus and writes
//! what the report needs of each source (its excerpt, evidence, names and findings) and the
//! names the ledger does not declare; `claimcheck merge` reads the shards of a corpus and
//! makes the report that one run over the whole corpus would have made: the sources in path
//! order, the claims judged across all of them, the undeclared names grouped anew.
//!
//! A shard is three lines of JSON: a [`Header`] (so a file from another ledger or version
//! is refused before its body is read), the [`Shard`], and the SHA-256 of the body (so a
//! truncated or altered shard is refused before it is trusted).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::check::{CheckedSource, Gathered};
use crate::corpus::normalize;
use crate::files::{File, FileId, Files, display_path};
use crate::findings::{Code, Finding};
use crate::ledger;
use crate::names::Spelled;
use crate::policy::Policy;
use crate::report::Failure;
use crate::spill::Spill;
use crate::verify::Checker;

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
/// judged across the corpus.
#[derive(Debug, Serialize, Deserialize)]
pub struct Shard {
    /// The source paths the shard's run was given.
    pub source_paths: Vec<PathBuf>,
    /// The files it read after the ledger's (metadata, sources); their ids follow the
    /// ledger's files.
    pub files: Vec<File>,
    /// Its sources, in path order.
    pub sources: Vec<CheckedSource>,
    /// How often its sources name each entity of the ledger, spelt any way.
    pub mentions: Vec<usize>,
    /// The names the ledger does not declare, by spelling; places point into `sources`.
    pub unknown: BTreeMap<String, Spelled>,
}

/// The digest of a ledger: its files' paths and texts.
fn ledger_digest(files: &[File]) -> String {
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
        ledger: ledger_digest(gathered.files.before(gathered.ledger_files)),
        shows: shown(policy),
    };
    let shard = Shard {
        source_paths: gathered.source_paths,
        files: gathered.files.split_off(gathered.ledger_files),
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

/// A problem with the shard at `path`.
fn invalid(path: &Path, message: impl std::fmt::Display) -> Finding {
    Finding::new(
        Code::InvalidShard,
        format!("`{}` {message}", display_path(path)),
    )
}

/// Reads the shard at `path`, made with the ledger whose digest is `ledger` and keeping
/// at least the codes in `shows`.
fn read(path: &Path, ledger: &str, shows: &[String]) -> Result<Shard, Box<Finding>> {
    let bytes = std::fs::read(path).map_err(|error| {
        Box::new(Finding::new(
            Code::UnreadableFile,
            format!("cannot read `{}`: {error}", display_path(path)),
        ))
    })?;
    let mut lines = bytes.splitn(3, |&b| b == b'\n');
    let (first, body, last) = (
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or_default(),
    );
    let header: Header = serde_json::from_slice(first)
        .ok()
        .filter(|h: &Header| h.format == FORMAT)
        .ok_or_else(|| {
            Box::new(
                invalid(path, "is not a shard (`claimcheck shard` writes them)").help(
                    "give `claimcheck merge` the files `claimcheck shard -o FILE` wrote, one per part of the corpus",
                ),
            )
        })?;
    let version = env!("CARGO_PKG_VERSION");
    if header.claimcheck != version {
        return Err(Box::new(
            invalid(
                path,
                format!(
                    "was written by claimcheck {}, this is {version}",
                    header.claimcheck
                ),
            )
            .help("run every shard and the merge with the same claimcheck"),
        ));
    }
    if header.ledger != ledger {
        return Err(Box::new(
            invalid(path, "was made with another ledger than the one given")
                .help("run every shard and the merge with the same claim files"),
        ));
    }
    let left_out: Vec<&str> = shows
        .iter()
        .filter(|code| !header.shows.contains(code))
        .map(String::as_str)
        .collect();
    if !left_out.is_empty() {
        return Err(Box::new(
            invalid(
                path,
                format!(
                    "left out findings this merge shows: {}",
                    left_out.join(", ")
                ),
            )
            .help("give the shards and the merge the same --min-severity and [severity] settings"),
        ));
    }
    let damaged = |why: &str| {
        Box::new(
            invalid(path, format!("is damaged: {why}"))
                .help("write the shard again with `claimcheck shard`"),
        )
    };
    let checksum: Checksum = serde_json::from_slice(last.trim_ascii_end())
        .map_err(|_| damaged("it ends before its checksum line"))?;
    if hex(&Sha256::digest(body)) != checksum.sha256 {
        return Err(damaged("its body does not match its checksum"));
    }
    serde_json::from_slice(body).map_err(|error| {
        // The body is the file's second line.
        let (line, column) = (error.line() + 1, error.column());
        let message = error.to_string();
        let what = message
            .strip_suffix(&format!(" at line {} column {column}", error.line()))
            .unwrap_or(&message);
        Box::new(
            invalid(
                path,
                format!("is damaged at line {line}, column {column}: {what}"),
            )
            .help("write the shard again with `claimcheck shard`"),
        )
    })
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
    let digest = ledger_digest(files.before(ledger_files));
    // What the report quotes of each source, the findings about it and its evidence wait
    // on disk as each shard is read, so that a merge holds one shard whole at a time.
    let spill = files.start_spill();
    let shards = match read_all(paths, (&ledger, &digest), &shown(policy), spill.as_ref()) {
        Ok(shards) => shards,
        Err(findings) => return Err(Failure { files, findings }),
    };

    // Sources in path order, as one run reads them, each with the shard it came from.
    let mut source_paths = Vec::new();
    let mut sources = Vec::new();
    let mut shard_files = Vec::new();
    let mut unknowns = Vec::new();
    let mut mentions = vec![0; ledger.entities.len()];
    for (shard, body) in shards.into_iter().enumerate() {
        for (total, count) in mentions.iter_mut().zip(body.mentions) {
            *total += count;
        }
        for (local, source) in body.sources.into_iter().enumerate() {
            let file = (source.info.file.index().checked_sub(ledger_files))
                .and_then(|at| body.files.get(at));
            let Some(file) = file else {
                let finding = invalid(&paths[shard], "refers to a file it does not hold")
                    .help("write the shard again with `claimcheck shard`");
                return Err(Failure {
                    files,
                    findings: vec![finding],
                });
            };
            sources.push(Placed {
                key: normalize(&file.path),
                path: file.path.clone(),
                shard,
                local,
                source,
            });
        }
        source_paths.extend(body.source_paths);
        shard_files.push(body.files);
        unknowns.push(body.unknown);
    }
    sources.sort_by(|a, b| a.key.cmp(&b.key));
    let problems = check_sources(&sources, paths);
    if !problems.is_empty() {
        return Err(Failure {
            files,
            findings: problems,
        });
    }

    let moved = number_files(&mut files, ledger_files, shard_files, &sources);
    let index: BTreeMap<(usize, usize), usize> = sources
        .iter()
        .enumerate()
        .map(|(global, placed)| ((placed.shard, placed.local), global))
        .collect();
    // A shard that points at a file or source it does not hold is refused, not trusted.
    let mut broken = std::collections::BTreeSet::new();
    let sources = move_ids(sources, (ledger_files, &moved), &index, &mut broken);
    let unknown = merge_spellings(unknowns, &index, &mut broken);
    if !broken.is_empty() {
        let findings = broken
            .into_iter()
            .map(|shard| {
                invalid(&paths[shard], "refers to a file or source it does not hold")
                    .help("write the shard again with `claimcheck shard`")
            })
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

/// Reads every shard at `paths`, made with `ledger` (whose digest is `digest`), or says
/// what is wrong with each that cannot be merged.
fn read_all(
    paths: &[PathBuf],
    (ledger, digest): (&ledger::Ledger, &str),
    shows: &[String],
    spill: Option<&Arc<Spill>>,
) -> Result<Vec<Shard>, Vec<Finding>> {
    let mut problems = Vec::new();
    let mut shards = Vec::new();
    for path in paths {
        match read(path, digest, shows) {
            Ok(shard) if !names_only(&shard, ledger) => problems.push(
                invalid(
                    path,
                    "names or counts a claim or entity the ledger does not have",
                )
                .help("write the shard again with `claimcheck shard`"),
            ),
            Ok(mut shard) => {
                if let Some(spill) = spill {
                    for file in &mut shard.files {
                        file.spill(spill);
                    }
                    for source in &mut shard.sources {
                        source.info.meta.spill(spill);
                        source.findings.spill(spill);
                        for said in &mut source.said {
                            said.evidence.spill(spill);
                        }
                    }
                }
                shards.push(shard);
            }
            Err(problem) => problems.push(*problem),
        }
    }
    if shards.is_empty() && problems.is_empty() {
        problems.push(Finding::new(Code::NoSources, "no shard to merge"));
    }
    if problems.is_empty() {
        Ok(shards)
    } else {
        Err(problems)
    }
}

/// Whether every claim and entity `shard` names, and counts, is one of `ledger`'s: the
/// report looks them up by index.
fn names_only(shard: &Shard, ledger: &ledger::Ledger) -> bool {
    let claim = |c: usize| c < ledger.claims.len();
    let said = |said: &crate::verify::SourceVerdict| {
        claim(said.claim)
            && said.evidence.get().is_ok_and(|evidence| {
                (evidence.iter())
                    .all(|e| e.claim == said.claim && e.parts.iter().all(|p| claim(p.claim)))
            })
    };
    shard.mentions.len() == ledger.entities.len()
        && shard.sources.iter().all(|source| {
            source.said.iter().all(said)
                && (source.names.noncanonical.iter())
                    .all(|m| m.resolved.entity < ledger.entities.len())
        })
}

/// A source of a shard: its path as one run sorts it and as written, its shard, and its
/// index there.
struct Placed {
    key: PathBuf,
    path: PathBuf,
    shard: usize,
    local: usize,
    source: CheckedSource,
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
        .map(|placed| (placed.shard, placed.source.info.file.index()))
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
        let id = placed.source.info.file.index();
        if let Some(file) = take(placed.shard, id) {
            moved.insert((placed.shard, id), files.push(file));
        }
    }
    moved
}

/// The sources with their file ids and source indexes moved to the merged run's; a shard
/// whose ids lead nowhere goes into `broken`.
fn move_ids(
    sources: Vec<Placed>,
    (ledger_files, moved): (usize, &BTreeMap<(usize, usize), FileId>),
    index: &BTreeMap<(usize, usize), usize>,
    broken: &mut std::collections::BTreeSet<usize>,
) -> Vec<CheckedSource> {
    let mut merged = Vec::with_capacity(sources.len());
    for Placed {
        shard, mut source, ..
    } in sources
    {
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
            match index.get(&(shard, mention.source)) {
                Some(&global) => mention.source = global,
                None => _ = broken.insert(shard),
            }
        }
        for said in &mut source.said {
            match index.get(&(shard, said.source)) {
                Some(&global) => said.source = global,
                None => _ = broken.insert(shard),
            }
        }
        merged.push(source);
    }
    merged
}

/// The shards' undeclared spellings as one run would have gathered them: counts summed,
/// the first places kept, places moved to the merged run's source indexes.
fn merge_spellings(
    unknowns: Vec<BTreeMap<String, Spelled>>,
    index: &BTreeMap<(usize, usize), usize>,
    broken: &mut std::collections::BTreeSet<usize>,
) -> BTreeMap<String, Spelled> {
    let mut unknown: BTreeMap<String, Spelled> = BTreeMap::new();
    for (shard, names) in unknowns.into_iter().enumerate() {
        for (spelling, spelled) in names {
            let places = spelled
                .places
                .into_iter()
                .filter_map(|place| {
                    let moved = index.get(&(shard, place.source()));
                    match moved.and_then(|&source| place.in_source(source)) {
                        Some(place) => Some(place),
                        None => {
                            broken.insert(shard);
                            None
                        }
                    }
                })
                .collect();
            let count = spelled.count;
            unknown
                .entry(spelling)
                .or_default()
                .merge(Spelled { count, places });
        }
    }
    unknown
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
        let Some(other) = ids.insert(&placed.source.info.id, placed) else {
            continue;
        };
        if other.key != placed.key {
            problems.push(
                Finding::new(
                    Code::DuplicateId,
                    format!(
                        "two sources have the id `{}`: in `{}` and in `{}`",
                        placed.source.info.id,
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
        let value: Option<f64> = serde::Deserialize::deserialize(deserializer)?;
        Ok(value.unwrap_or(f64::NEG_INFINITY))
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
        let value: Option<f64> = serde::Deserialize::deserialize(deserializer)?;
        Ok(value.unwrap_or(f64::INFINITY))
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
