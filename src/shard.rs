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

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::check::{CheckedSource, Gathered};
use crate::corpus::normalize;
use crate::files::{File, FileId, Files, display_path};
use crate::findings::{Code, Finding};
use crate::ledger;
use crate::names::{Occurrence, Spelled};
use crate::policy::Policy;
use crate::report::Failure;
use crate::verify::Checker;

/// What the first line of a shard says.
const FORMAT: &str = "claimcheck-shard";

/// The first line of a shard: what made it.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
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
/// shard: a header line and a body line.
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
    let shows = shown(policy);
    let mut problems = Vec::new();
    let mut shards = Vec::new();
    for path in paths {
        match read(path, &digest, &shows) {
            Ok(shard) => shards.push((path, shard)),
            Err(problem) => problems.push(*problem),
        }
    }
    if shards.is_empty() && problems.is_empty() {
        problems.push(Finding::new(Code::NoSources, "no shard to merge"));
    }
    if !problems.is_empty() {
        return Err(Failure {
            files,
            findings: problems,
        });
    }

    // Sources in path order, as one run reads them, each with the shard it came from.
    let mut source_paths = Vec::new();
    let mut sources: Vec<(PathBuf, usize, usize, CheckedSource)> = Vec::new();
    let mut shard_files = Vec::new();
    let mut unknowns = Vec::new();
    for (number, (_, shard)) in shards.into_iter().enumerate() {
        for (local, source) in shard.sources.into_iter().enumerate() {
            sources.push((normalize(&source.path), number, local, source));
        }
        source_paths.extend(shard.source_paths);
        shard_files.push(shard.files);
        unknowns.push(shard.unknown);
    }
    sources.sort_by(|a, b| a.0.cmp(&b.0));
    check_sources(&sources, paths, &mut problems);
    if !problems.is_empty() {
        return Err(Failure {
            files,
            findings: problems,
        });
    }

    // Files get ids as in one run: the ledger's, the other files the shards read (metadata,
    // each once, by path), then the sources in path order.
    let mut moved: BTreeMap<(usize, usize), FileId> = BTreeMap::new();
    let is_source: std::collections::BTreeSet<(usize, usize)> = sources
        .iter()
        .map(|(_, number, _, s)| (*number, s.info.file.index()))
        .collect();
    let mut others: BTreeMap<(PathBuf, String), Vec<(usize, usize)>> = BTreeMap::new();
    let mut taken: Vec<Vec<Option<File>>> = Vec::new();
    for (number, list) in shard_files.into_iter().enumerate() {
        let mut slots = Vec::new();
        for (k, file) in list.into_iter().enumerate() {
            let id = ledger_files + k;
            if !is_source.contains(&(number, id)) {
                let text = file.full_text().map(|t| t.to_string()).unwrap_or_default();
                others
                    .entry((file.path.clone(), text))
                    .or_default()
                    .push((number, id));
            }
            slots.push(Some(file));
        }
        taken.push(slots);
    }
    let mut take = |number: usize, id: usize| {
        taken
            .get_mut(number)
            .and_then(|slots| slots.get_mut(id - ledger_files))
            .and_then(Option::take)
    };
    for users in others.into_values() {
        let Some(file) = users.first().and_then(|&(number, id)| take(number, id)) else {
            continue;
        };
        let global = files.push(file);
        for user in users {
            moved.insert(user, global);
        }
    }
    for (_, number, _, source) in &sources {
        let id = source.info.file.index();
        if let Some(file) = take(*number, id) {
            moved.insert((*number, id), files.push(file));
        }
    }
    let file = |number: usize, id: FileId| {
        if id.index() < ledger_files {
            Some(id)
        } else {
            moved.get(&(number, id.index())).copied()
        }
    };

    let mut index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (global, (_, number, local, _)) in sources.iter().enumerate() {
        index.insert((*number, *local), global);
    }
    let global = |number: usize, local: usize| index.get(&(number, local)).copied();
    // A shard that points at a file or source it does not hold is refused, not trusted.
    let mut broken = std::collections::BTreeSet::new();
    let mut merged_sources = Vec::with_capacity(sources.len());
    for (_, number, _, mut source) in sources {
        let mut moved_to = |id: FileId| {
            file(number, id).unwrap_or_else(|| {
                broken.insert(number);
                id
            })
        };
        source.info.file = moved_to(source.info.file);
        for label in source.findings.iter_mut().flat_map(|f| &mut f.labels) {
            label.file = moved_to(label.file);
        }
        for mention in &mut source.names.noncanonical {
            match global(number, mention.source) {
                Some(source) => mention.source = source,
                None => _ = broken.insert(number),
            }
        }
        merged_sources.push(source);
    }
    let mut unknown: BTreeMap<String, Spelled> = BTreeMap::new();
    for (number, names) in unknowns.into_iter().enumerate() {
        for (spelling, spelled) in names {
            let merged = unknown.entry(spelling).or_default();
            merged.count += spelled.count.saturating_sub(spelled.places.len());
            for place in spelled.places {
                match global(number, place.source) {
                    Some(source) => merged.add(Occurrence { source, ..place }),
                    None => _ = broken.insert(number),
                }
            }
        }
    }
    if !broken.is_empty() {
        let findings = broken
            .into_iter()
            .map(|number| {
                invalid(
                    &paths[number],
                    "refers to a file or source it does not hold",
                )
                .help("write the shard again with `claimcheck shard`")
            })
            .collect();
        return Err(Failure { files, findings });
    }

    Ok(Gathered {
        claim_paths: claims.to_vec(),
        source_paths,
        findings: Checker::new(&ledger).examples(),
        files,
        ledger,
        ledger_files,
        sources: merged_sources,
        unknown,
    })
}

/// Finds sources that two shards hold, and ids that two sources have.
fn check_sources(
    sources: &[(PathBuf, usize, usize, CheckedSource)],
    paths: &[PathBuf],
    problems: &mut Vec<Finding>,
) {
    for pair in sources.windows(2) {
        if pair[0].0 == pair[1].0 {
            problems.push(
                invalid(
                    &paths[pair[1].1],
                    format!(
                        "holds `{}`, which `{}` holds too",
                        display_path(&pair[1].3.path),
                        display_path(&paths[pair[0].1])
                    ),
                )
                .help("give each source to one shard only: split the corpus by folder or file"),
            );
        }
    }
    // The same source in two shards has its id twice: said above.
    let mut ids: BTreeMap<&str, (usize, &PathBuf)> = BTreeMap::new();
    for (path, number, _, source) in sources {
        let Some((other, other_path)) = ids.insert(&source.info.meta.id, (*number, path)) else {
            continue;
        };
        if other_path != path {
            problems.push(
                Finding::new(
                    Code::DuplicateId,
                    format!(
                        "two sources have the id `{}`: in `{}` and in `{}`",
                        source.info.meta.id,
                        display_path(&paths[other]),
                        display_path(&paths[*number])
                    ),
                )
                .help("give one of them another `id` in sources.toml"),
            );
        }
    }
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
    if value.is_finite() {
        serializer.serialize_f64(value)
    } else {
        serializer.serialize_none()
    }
}
