//! Reading a shard for a merge, as a stream: the body is parsed as it is read and hashed on
//! the way, and what the report keeps on disk (excerpts, metadata, evidence, findings) is
//! written to the merge's spill file source by source. A merge therefore never holds a
//! shard's text or a whole shard's sources in memory. Nothing parsed is used before the
//! checksum that ends the shard has matched the body.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use sha2::{Digest, Sha256};

use super::{Checksum, FORMAT, Header, Shard, hex};
use crate::check::CheckedSource;
use crate::files::{File, display_path};
use crate::findings::{Code, Finding};
use crate::ledger::Ledger;
use crate::spill::Spill;

/// The header and checksum lines are short: a longer first line is no shard's.
const LINE_LIMIT: u64 = 64 * 1024;

/// A problem with the shard at `path`.
pub(super) fn invalid(path: &Path, message: impl fmt::Display) -> Finding {
    Finding::new(
        Code::InvalidShard,
        format!("`{}` {message}", display_path(path)),
    )
}

/// A problem with what the shard at `path` holds, which only writing it again mends.
pub(super) fn corrupt(path: &Path, message: impl fmt::Display) -> Finding {
    invalid(path, message).help("write the shard again with `claimcheck shard`")
}

/// Reads the shard at `path`, made with `ledger` (whose digest is `digest`) and keeping at
/// least the codes in `shows`, moving what its sources keep on disk to `spill`.
pub(super) fn read(
    path: &Path,
    (ledger, digest): (&Ledger, &str),
    shows: &[String],
    spill: Option<&Arc<Spill>>,
) -> Result<Shard, Box<Finding>> {
    let unreadable = |error: io::Error| {
        Box::new(Finding::new(
            Code::UnreadableFile,
            format!("cannot read `{}`: {error}", display_path(path)),
        ))
    };
    let mut reader =
        BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(unreadable)?);
    let mut first = Vec::new();
    (&mut reader)
        .take(LINE_LIMIT)
        .read_until(b'\n', &mut first)
        .map_err(unreadable)?;
    check_header(path, &first, digest, shows)?;

    let mut body = BodyLine::new(&mut reader);
    let parsed = {
        // Buffered again above the line: the parser reads a byte at a time, which the
        // standard library's buffered reader serves fastest.
        let mut json = serde_json::Deserializer::from_reader(BufReader::new(&mut body));
        ShardSeed { ledger, spill }
            .deserialize(&mut json)
            .and_then(|shard| json.end().map(|()| shard))
    };
    // What a parse error left unread is hashed too: a damaged shard is called damaged.
    io::copy(&mut body, &mut io::sink()).map_err(unreadable)?;
    let (hash, ended) = body.finish();
    let damaged = |why: &str| Box::new(corrupt(path, format!("is damaged: {why}")));
    let mut last = Vec::new();
    reader
        .take(LINE_LIMIT)
        .read_to_end(&mut last)
        .map_err(unreadable)?;
    let checksum: Checksum = ended
        .then(|| serde_json::from_slice(last.trim_ascii_end()).ok())
        .flatten()
        .ok_or_else(|| damaged("it ends before its checksum line"))?;
    if hex(&hash) != checksum.sha256 {
        return Err(damaged("its body does not match its checksum"));
    }
    let (shard, foreign) = parsed.map_err(|error| {
        if error.is_io() {
            return unreadable(io::Error::other(error));
        }
        // The body is the file's second line.
        let (line, column) = (error.line() + 1, error.column());
        let message = error.to_string();
        let what = message
            .strip_suffix(&format!(" at line {} column {column}", error.line()))
            .unwrap_or(&message);
        Box::new(corrupt(
            path,
            format!("is damaged at line {line}, column {column}: {what}"),
        ))
    })?;
    if foreign || shard.mentions.len() != ledger.entities.len() {
        return Err(Box::new(corrupt(
            path,
            "names or counts a claim or entity the ledger does not have",
        )));
    }
    Ok(shard)
}

/// Refuses a first line that is not the header of a shard made by this version, with this
/// ledger (digest `digest`), keeping at least the codes in `shows`.
fn check_header(
    path: &Path,
    first: &[u8],
    digest: &str,
    shows: &[String],
) -> Result<(), Box<Finding>> {
    let header: Header = serde_json::from_slice(first.trim_ascii_end())
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
    if header.ledger != digest {
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
    Ok(())
}

/// The body line of a shard as a reader: it ends at the line break (which it consumes),
/// and hashes every byte it gives, a buffer at a time.
struct BodyLine<R> {
    inner: R,
    hash: Sha256,
    /// How much of the inner reader's buffer has been given and not yet hashed.
    given: usize,
    /// Whether the line break was met.
    ended: bool,
}

impl<R: BufRead> BodyLine<R> {
    fn new(inner: R) -> Self {
        BodyLine {
            inner,
            hash: Sha256::new(),
            given: 0,
            ended: false,
        }
    }

    /// The hash of the body, and whether a line break ended it.
    fn finish(self) -> (Vec<u8>, bool) {
        (self.hash.finalize().to_vec(), self.ended)
    }
}

impl<R: BufRead> Read for BodyLine<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.ended || out.is_empty() {
                return Ok(0);
            }
            let buffer = self.inner.fill_buf()?;
            let rest = &buffer[self.given..];
            if rest.is_empty() {
                // All of the buffer given: hashed and let go, then the next one.
                let len = buffer.len();
                self.hash.update(buffer);
                self.inner.consume(len);
                self.given = 0;
                if len == 0 {
                    return Ok(0);
                }
                continue;
            }
            if rest[0] == b'\n' {
                self.hash.update(&buffer[..self.given]);
                self.inner.consume(self.given + 1);
                self.given = 0;
                self.ended = true;
                return Ok(0);
            }
            let wanted = &rest[..rest.len().min(out.len())];
            let len = memchr::memchr(b'\n', wanted).unwrap_or(wanted.len());
            out[..len].copy_from_slice(&wanted[..len]);
            self.given += len;
            return Ok(len);
        }
    }
}

/// Reads a shard's body: its files and sources moved to `spill` one by one as they are
/// read; also says whether a source names a claim or entity `ledger` does not have.
struct ShardSeed<'a> {
    ledger: &'a Ledger,
    spill: Option<&'a Arc<Spill>>,
}

/// The fields of a [`Shard`], as written.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    SourcePaths,
    Files,
    Sources,
    Mentions,
    Unknown,
    #[serde(other)]
    Other,
}

impl<'de> DeserializeSeed<'de> for ShardSeed<'_> {
    type Value = (Shard, bool);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        const FIELDS: &[&str] = &["source_paths", "files", "sources", "mentions", "unknown"];
        deserializer.deserialize_struct("Shard", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for ShardSeed<'_> {
    type Value = (Shard, bool);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a shard's body")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ShardSeed { ledger, spill } = self;
        let mut foreign = false;
        let (mut source_paths, mut files, mut sources, mut mentions, mut unknown) =
            (None, None, None, None, None);
        while let Some(field) = map.next_key()? {
            match field {
                Field::SourcePaths => source_paths = Some(map.next_value()?),
                Field::Files => {
                    files = Some(map.next_value_seed(Each::new(|file: &mut File| {
                        if let Some(spill) = spill {
                            file.spill(spill);
                        }
                    }))?);
                }
                Field::Sources => {
                    sources =
                        Some(map.next_value_seed(Each::new(|source: &mut CheckedSource| {
                            foreign |= !names_only(source, ledger);
                            if let Some(spill) = spill {
                                source.spill(spill);
                            }
                        }))?);
                }
                Field::Mentions => mentions = Some(map.next_value()?),
                Field::Unknown => unknown = Some(map.next_value()?),
                Field::Other => _ = map.next_value::<IgnoredAny>()?,
            }
        }
        let shard = Shard {
            source_paths: source_paths.ok_or_else(|| A::Error::missing_field("source_paths"))?,
            files: files.ok_or_else(|| A::Error::missing_field("files"))?,
            sources: sources.ok_or_else(|| A::Error::missing_field("sources"))?,
            mentions: mentions.ok_or_else(|| A::Error::missing_field("mentions"))?,
            unknown: unknown.ok_or_else(|| A::Error::missing_field("unknown"))?,
        };
        Ok((shard, foreign))
    }
}

/// Whether every claim and entity `source` names is one of `ledger`'s: the report looks
/// them up by index.
fn names_only(source: &CheckedSource, ledger: &Ledger) -> bool {
    let claim = |c: usize| c < ledger.claims.len();
    let said = |said: &crate::verify::SourceVerdict| {
        claim(said.claim)
            && said.evidence.get().is_ok_and(|evidence| {
                (evidence.iter())
                    .all(|e| e.claim == said.claim && e.parts.iter().all(|p| claim(p.claim)))
            })
    };
    source.said.iter().all(said)
        && (source.names.noncanonical.iter()).all(|m| m.resolved.entity < ledger.entities.len())
}

/// A list read item by item, each handed to `each` as soon as it is read.
struct Each<T, F> {
    each: F,
    item: PhantomData<T>,
}

impl<T, F> Each<T, F> {
    fn new(each: F) -> Self {
        Each {
            each,
            item: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(&mut T)> DeserializeSeed<'de> for Each<T, F> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(&mut T)> Visitor<'de> for Each<T, F> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(mut item) = seq.next_element::<T>()? {
            (self.each)(&mut item);
            items.push(item);
        }
        items.shrink_to_fit();
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_line_ends_at_its_line_break_and_hashes_exactly_what_it_gives() {
        let body = "{\"Фогель\":[26,8]}".repeat(40);
        let shard = format!("{body}\n{{\"sha256\":\"…\"}}\n");
        // A reader's buffer smaller than the line, and reads of one byte and of many.
        for (buffer, chunk) in [(7, 1), (7, 5), (1 << 16, 1), (1 << 16, 4096)] {
            let mut inner = BufReader::with_capacity(buffer, shard.as_bytes());
            let mut line = BodyLine::new(&mut inner);
            let mut read = Vec::new();
            let mut out = vec![0; chunk];
            loop {
                let n = line.read(&mut out).expect("read");
                if n == 0 {
                    break;
                }
                read.extend_from_slice(&out[..n]);
            }
            let (hash, ended) = line.finish();
            assert_eq!(read, body.as_bytes(), "{buffer} {chunk}");
            assert!(ended);
            assert_eq!(hash, Sha256::digest(body.as_bytes()).to_vec());
            let mut rest = String::new();
            inner.read_to_string(&mut rest).expect("read");
            assert_eq!(rest, "{\"sha256\":\"…\"}\n", "{buffer} {chunk}");
        }
        // A body cut short has no line break: it did not end.
        let mut cut = BodyLine::new(BufReader::new(&b"{\"sour"[..]));
        io::copy(&mut cut, &mut io::sink()).expect("read");
        let (hash, ended) = cut.finish();
        assert!(!ended);
        assert_eq!(hash, Sha256::digest(b"{\"sour").to_vec());
    }
}
