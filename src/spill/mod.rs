//! A run's spill file: records written once as sources are read and read back by place
//! when the report is written, so that what a report keeps of a large corpus waits on disk
//! rather than in memory. The file is anonymous: the system removes it when the run ends,
//! however it ends. Records are serde values in `postcard`, a compact binary format.

mod spool;

pub use spool::{Spool, Spoolable};

use std::borrow::Cow;
use std::io;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes gathered before they are written to the file.
const BUFFER: usize = 1 << 20;

/// Where a record is in a [`Spill`]; a record may hold the places of others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    at: u64,
    len: u32,
}

/// An append-only store of records on an anonymous temporary file, shared by threads.
#[derive(Debug)]
pub struct Spill {
    file: std::fs::File,
    tail: Mutex<Tail>,
}

/// What is not yet written: the bytes, and where in the file they go; and whether writing
/// failed (a full disk), after which nothing more is taken.
#[derive(Debug, Default)]
struct Tail {
    bytes: Vec<u8>,
    at: u64,
    failed: bool,
}

impl Spill {
    /// A new, empty spill file in the system's temporary folder.
    pub fn new() -> io::Result<Self> {
        Ok(Spill {
            file: tempfile::tempfile()?,
            tail: Mutex::new(Tail::default()),
        })
    }

    /// Adds `value` as a record; returns where it is. Once writing has failed, every
    /// record is refused (the caller keeps it), and those taken before are still read back.
    pub fn put<T: serde::Serialize + ?Sized>(&self, value: &T) -> io::Result<Place> {
        self.put_bytes(&postcard::to_stdvec(value).map_err(io::Error::other)?)
    }

    /// The value of the record at `place`; if it cannot be read back, an error saying so.
    pub fn get<T: serde::de::DeserializeOwned>(&self, place: Place) -> io::Result<T> {
        let value = (self.get_bytes(place))
            .and_then(|bytes| postcard::from_bytes(&bytes).map_err(io::Error::other));
        value.map_err(|error| {
            io::Error::other(format!(
                "cannot read back from this run's temporary file: {error}"
            ))
        })
    }

    /// Adds a record's bytes; returns where they are.
    fn put_bytes(&self, record: &[u8]) -> io::Result<Place> {
        let len = u32::try_from(record.len()).map_err(io::Error::other)?;
        let mut tail = self.tail.lock().map_err(|_| io::Error::other("poisoned"))?;
        if tail.failed {
            return Err(io::Error::other("the spill file could not be written"));
        }
        let place = Place {
            at: tail.at + tail.bytes.len() as u64,
            len,
        };
        tail.bytes.extend_from_slice(record);
        if tail.bytes.len() >= BUFFER {
            if let Err(error) = write_at(&self.file, &tail.bytes, tail.at) {
                // The records before this one stay in the buffer, where they are read.
                let kept = tail.bytes.len() - record.len();
                tail.bytes.truncate(kept);
                tail.failed = true;
                return Err(error);
            }
            tail.at += tail.bytes.len() as u64;
            tail.bytes.clear();
        }
        Ok(place)
    }

    /// The bytes of the record at `place`.
    fn get_bytes(&self, place: Place) -> io::Result<Vec<u8>> {
        let len = place.len as usize;
        {
            let tail = self.tail.lock().map_err(|_| io::Error::other("poisoned"))?;
            if place.at >= tail.at {
                let start = usize::try_from(place.at - tail.at).map_err(io::Error::other)?;
                return start
                    .checked_add(len)
                    .and_then(|end| tail.bytes.get(start..end))
                    .map(<[u8]>::to_vec)
                    .ok_or_else(|| io::Error::other("a record past the end of the spill"));
            }
        }
        let mut record = vec![0; len];
        read_at(&self.file, &mut record, place.at)?;
        Ok(record)
    }
}

/// A value in memory, or a record in a run's spill file, read back when it is asked for.
/// Serialized as the value itself, wherever it is; deserialized into memory.
#[derive(Debug, Clone)]
pub enum Stored<T> {
    /// In memory.
    Here(T),
    /// In the spill file, at this place.
    There(Arc<Spill>, Place),
}

impl<T: Serialize + serde::de::DeserializeOwned + Clone> Stored<T> {
    /// `value`, written to `spill` if there is one (and it takes it), kept in memory
    /// otherwise.
    pub fn keep(value: T, spill: Option<&Arc<Spill>>) -> Self {
        match spill.and_then(|spill| Some((spill, spill.put(&value).ok()?))) {
            Some((spill, place)) => Stored::There(Arc::clone(spill), place),
            None => Stored::Here(value),
        }
    }

    /// The value, read back from the spill file if it is there.
    pub fn get(&self) -> io::Result<Cow<'_, T>> {
        match self {
            Stored::Here(value) => Ok(Cow::Borrowed(value)),
            Stored::There(spill, place) => spill.get(*place).map(Cow::Owned),
        }
    }

    /// Where the value is, if it is in `spill` (not in memory, nor in another spill file).
    pub fn place_in(&self, spill: &Arc<Spill>) -> Option<Place> {
        match self {
            Stored::There(there, place) if Arc::ptr_eq(there, spill) => Some(*place),
            _ => None,
        }
    }

    /// The spill file the value is in, if it is in one.
    pub fn spill_file(&self) -> Option<Arc<Spill>> {
        match self {
            Stored::Here(_) => None,
            Stored::There(spill, _) => Some(Arc::clone(spill)),
        }
    }

    /// Moves the value to `spill` if it is in memory (and `spill` takes it).
    pub fn spill(&mut self, spill: &Arc<Spill>) {
        if let Stored::Here(value) = self {
            if let Ok(place) = spill.put(value) {
                *self = Stored::There(Arc::clone(spill), place);
            }
        }
    }
}

/// How a [`Stored`] value is written inside a record of its own spill file: as its place
/// there, or as itself when it is not there.
#[derive(Debug, Serialize, Deserialize)]
pub enum Local<T> {
    /// The value.
    Here(T),
    /// Its place.
    There(Place),
}

impl<T: Serialize + serde::de::DeserializeOwned + Clone> Stored<T> {
    /// The value as a record of `spill` holds it: its place if it is there; read back and
    /// written whole if it is in another spill file.
    pub fn into_local(self, spill: Option<&Arc<Spill>>) -> io::Result<Local<T>> {
        if let Some(place) = spill.and_then(|spill| self.place_in(spill)) {
            return Ok(Local::There(place));
        }
        match self {
            Stored::Here(value) => Ok(Local::Here(value)),
            there @ Stored::There(..) => Ok(Local::Here(there.get()?.into_owned())),
        }
    }

    /// The value a record of `spill` holds as `local`.
    pub fn from_local(local: Local<T>, spill: Option<&Arc<Spill>>) -> io::Result<Self> {
        match (local, spill) {
            (Local::Here(value), _) => Ok(Stored::Here(value)),
            (Local::There(place), Some(spill)) => Ok(Stored::There(Arc::clone(spill), place)),
            (Local::There(_), None) => Err(io::Error::other("a value in no spill file")),
        }
    }
}

/// A stored value in a spool is written as its place when it is in the spool's file.
impl<T: Serialize + serde::de::DeserializeOwned + Clone> Spoolable for Stored<T> {
    type Form = Local<T>;

    fn into_form(self, spill: Option<&Arc<Spill>>) -> io::Result<Local<T>> {
        self.into_local(spill)
    }

    fn from_form(form: Local<T>, spill: Option<&Arc<Spill>>) -> io::Result<Self> {
        Stored::from_local(form, spill)
    }
}

impl<T: Serialize + serde::de::DeserializeOwned + Clone> Serialize for Stored<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get()
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Stored<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Stored::Here)
    }
}

#[cfg(unix)]
fn write_at(file: &std::fs::File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

#[cfg(windows)]
fn write_at(file: &std::fs::File, mut bytes: &[u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let written = std::os::windows::fs::FileExt::seek_write(file, bytes, at)?;
        if written == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        bytes = &bytes[written..];
        at += written as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, mut bytes: &mut [u8], mut at: u64) -> io::Result<()> {
    while !bytes.is_empty() {
        let read = std::os::windows::fs::FileExt::seek_read(file, bytes, at)?;
        if read == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[read..];
        at += read as u64;
    }
    Ok(())
}

/// Elsewhere, nothing is spilled: what a report keeps stays in memory.
#[cfg(not(any(unix, windows)))]
fn write_at(_: &std::fs::File, _: &[u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_whether_written_or_still_buffered() {
        let spill = Spill::new().expect("a temporary file");
        let big = vec![7u8; BUFFER + 10];
        let first = spill.put_bytes(b"first").expect("put");
        let written = spill.put_bytes(&big).expect("put");
        let buffered = spill.put_bytes(b"last").expect("put");
        assert_eq!(spill.get_bytes(first).expect("get"), b"first");
        assert_eq!(spill.get_bytes(written).expect("get"), big);
        assert_eq!(spill.get_bytes(buffered).expect("get"), b"last");
        assert_eq!(
            spill
                .get_bytes(Place {
                    at: 1 << 40,
                    len: 1
                })
                .ok(),
            None
        );
    }

    #[test]
    fn values_come_back_as_they_were_and_other_types_are_refused() {
        let spill = Spill::new().expect("a temporary file");
        let place = spill.put(&("Ксения", vec![26u32, 8])).expect("put");
        let back: (String, Vec<u32>) = spill.get(place).expect("get");
        assert_eq!(back, ("Ксения".to_string(), vec![26, 8]));
        assert!(spill.get::<Vec<u64>>(place).is_err());
    }

    #[test]
    fn a_stored_value_reads_the_same_wherever_it_is_and_a_lost_one_is_an_error() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let value = vec![("Fogel".to_string(), Some(1.5f64)), ("Фогель".into(), None)];
        let here = Stored::keep(value.clone(), None);
        let mut moved = Stored::keep(value.clone(), None);
        moved.spill(&spill);
        let there = Stored::keep(value.clone(), Some(&spill));
        for stored in [&here, &moved, &there] {
            assert_eq!(*stored.get().expect("get"), value);
            assert_eq!(
                serde_json::to_string(stored).ok(),
                serde_json::to_string(&value).ok()
            );
        }
        assert!(matches!(here, Stored::Here(_)));
        assert!(matches!(
            (&moved, &there),
            (Stored::There(..), Stored::There(..))
        ));

        let lost: Stored<Vec<(String, Option<f64>)>> = Stored::There(
            Arc::clone(&spill),
            Place {
                at: 1 << 40,
                len: 4,
            },
        );
        let error = lost.get().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.starts_with("cannot read back from this run's temporary file"));
        assert!(serde_json::to_string(&lost).is_err());
    }

    #[test]
    fn once_writing_fails_records_are_refused_and_those_taken_still_read() {
        // A file open for reading only: every write fails, as on a full disk.
        let file = tempfile::NamedTempFile::new().expect("a temporary file");
        let spill = Spill {
            file: std::fs::File::open(file.path()).expect("open"),
            tail: Mutex::new(Tail::default()),
        };
        let first = spill.put_bytes(b"first").expect("buffered");
        assert!(spill.put_bytes(&vec![7u8; BUFFER]).is_err());
        assert!(spill.put_bytes(b"later").is_err());
        assert_eq!(spill.get_bytes(first).expect("get"), b"first");
    }
}
