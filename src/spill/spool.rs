//! Lists written once, in order, and read back in order: what a report files under each
//! claim and each entity. Their items wait in the run's spill file in chunks, so a run holds
//! a place per chunk, not an item per source.

use std::io;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Place, Spill};

/// Bytes of encoded items gathered before they are written to the spill file as a chunk.
const CHUNK: usize = 4 << 10;

/// A value a [`Spool`] holds, written in a form that may give the places of its parts
/// already in the spill file rather than the parts themselves.
pub trait Spoolable: Sized {
    /// What is written.
    type Form: Serialize + DeserializeOwned;

    /// The value's form in `spill`; an error if a part of it cannot be read back.
    fn into_form(self, spill: Option<&Arc<Spill>>) -> io::Result<Self::Form>;

    /// The value whose form is `form`, its parts in `spill`.
    fn from_form(form: Self::Form, spill: Option<&Arc<Spill>>) -> io::Result<Self>;
}

/// A list of `T` appended to in order and read back in order: the items are encoded as they
/// come, and each chunk of them goes to the spill file when it is full (and the rest when
/// the list is [finished](Spool::finish)); a chunk stays in memory if there is no spill
/// file or it does not take it.
#[derive(Debug, Clone)]
pub struct Spool<T> {
    spill: Option<Arc<Spill>>,
    chunks: Vec<Chunk>,
    tail: Vec<u8>,
    len: usize,
    items: PhantomData<fn() -> T>,
}

/// A chunk of encoded items.
#[derive(Debug, Clone)]
enum Chunk {
    Here(Box<[u8]>),
    There(Place),
}

impl<T: Spoolable> Spool<T> {
    /// An empty list whose chunks go to `spill` if there is one.
    pub fn new(spill: Option<Arc<Spill>>) -> Self {
        Spool {
            spill,
            chunks: Vec::new(),
            tail: Vec::new(),
            len: 0,
            items: PhantomData,
        }
    }

    /// Adds `item` at the end; an error if a part of it cannot be read back.
    pub fn push(&mut self, item: T) -> io::Result<()> {
        let form = item.into_form(self.spill.as_ref())?;
        let tail = std::mem::take(&mut self.tail);
        self.tail = postcard::to_extend(&form, tail).map_err(io::Error::other)?;
        self.len += 1;
        if self.tail.len() >= CHUNK {
            self.finish();
        }
        Ok(())
    }

    /// Writes the items not yet in a chunk as one: after this, the list holds a place per
    /// chunk (while the spill file takes them). Items may still be added.
    pub fn finish(&mut self) {
        if self.tail.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.tail);
        let place = self.spill.as_ref().and_then(|s| s.put_bytes(&bytes).ok());
        self.chunks.push(match place {
            Some(place) => Chunk::There(place),
            None => Chunk::Here(bytes.into_boxed_slice()),
        });
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The items in order, read back a chunk at a time; after an item that cannot be read
    /// back, nothing more.
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            spool: self,
            chunk: 0,
            bytes: Vec::new(),
            at: 0,
            failed: false,
        }
    }

    /// Every item, in order.
    pub fn to_vec(&self) -> io::Result<Vec<T>> {
        self.iter().collect()
    }
}

/// The items of a [`Spool`], in order.
pub struct Iter<'a, T> {
    spool: &'a Spool<T>,
    /// The next chunk to read.
    chunk: usize,
    /// The chunk being read, and where its next item starts.
    bytes: Vec<u8>,
    at: usize,
    failed: bool,
}

impl<T: Spoolable> Iter<'_, T> {
    /// The next item, or `None` at the end.
    fn item(&mut self) -> io::Result<Option<T>> {
        while self.at == self.bytes.len() {
            let spool = self.spool;
            let bytes = match spool.chunks.get(self.chunk) {
                Some(Chunk::Here(bytes)) => bytes.to_vec(),
                Some(Chunk::There(place)) => (spool.spill.as_ref())
                    .ok_or_else(|| io::Error::other("a chunk in no spill file"))?
                    .get_bytes(*place)?,
                None if self.chunk == spool.chunks.len() => spool.tail.clone(),
                None => return Ok(None),
            };
            self.chunk += 1;
            self.bytes = bytes;
            self.at = 0;
        }
        let (form, rest) = postcard::take_from_bytes::<T::Form>(&self.bytes[self.at..])
            .map_err(io::Error::other)?;
        self.at = self.bytes.len() - rest.len();
        T::from_form(form, self.spool.spill.as_ref()).map(Some)
    }
}

impl<T: Spoolable> Iterator for Iter<'_, T> {
    type Item = io::Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let item = self.item().map_err(|error| {
            self.failed = true;
            io::Error::other(format!(
                "cannot read back from this run's temporary file: {error}"
            ))
        });
        item.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spill::{Local, Stored};

    /// A name and a note kept in the spill file.
    #[derive(Debug)]
    struct Noted(String, Stored<Vec<u32>>);

    impl Spoolable for Noted {
        type Form = (String, Local<Vec<u32>>);

        fn into_form(self, spill: Option<&Arc<Spill>>) -> io::Result<Self::Form> {
            Ok((self.0, self.1.into_local(spill)?))
        }

        fn from_form((name, note): Self::Form, spill: Option<&Arc<Spill>>) -> io::Result<Self> {
            Ok(Noted(name, Stored::from_local(note, spill)?))
        }
    }

    fn values(spool: &Spool<Noted>) -> Vec<(String, Vec<u32>)> {
        (spool.iter())
            .map(|item| {
                let Noted(name, note) = item.expect("read back");
                let note = note.get().expect("note read back").into_owned();
                (name, note)
            })
            .collect()
    }

    #[test]
    fn items_come_back_in_order_from_chunks_on_disk_in_memory_and_unfinished() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let made: Vec<(String, Vec<u32>)> = (0..2000u32)
            .map(|n| (format!("Фогель {n}"), vec![n; (n % 5) as usize]))
            .collect();
        for (spill, noted) in [
            (None, None),
            (Some(&spill), None),
            (Some(&spill), Some(&spill)),
        ] {
            let mut spool = Spool::new(spill.cloned());
            for (name, note) in &made {
                spool
                    .push(Noted(name.clone(), Stored::keep(note.clone(), noted)))
                    .expect("pushed");
            }
            assert_eq!(spool.len(), made.len());
            assert!(spool.chunks.len() > 2, "several chunks");
            assert!(!spool.tail.is_empty(), "a last chunk not yet written");
            assert_eq!(values(&spool), made);
            spool.finish();
            assert!(spool.tail.is_empty());
            let on_disk = (spool.chunks.iter()).all(|c| matches!(c, Chunk::There(_)));
            assert_eq!(on_disk, spill.is_some());
            assert_eq!(values(&spool), made);
        }
        assert!(Spool::<Noted>::new(None).iter().next().is_none());
    }

    #[test]
    fn a_chunk_that_cannot_be_read_back_is_an_error_then_the_end() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let mut spool = Spool::new(Some(Arc::clone(&spill)));
        spool
            .push(Noted("Fogel".into(), Stored::keep(vec![1], None)))
            .expect("pushed");
        spool.finish();
        spool.chunks.push(Chunk::There(Place {
            at: 1 << 40,
            len: 4,
        }));
        let mut items = spool.iter();
        assert!(matches!(items.next(), Some(Ok(_))));
        let error = items.next().and_then(Result::err).map(|e| e.to_string());
        assert!(
            error.is_some_and(|e| e.starts_with("cannot read back from this run's temporary file"))
        );
        assert!(items.next().is_none());
    }
}
