//! A list of findings, in the order they are shown, that need not be in memory: the
//! findings about each source of a large run wait in the run's spill file until the report
//! is written, and are read back one source at a time.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Code, Finding};
use crate::spill::{Place, Spill, Stored};

/// Findings in the order they are shown, in runs (the findings about one source, say),
/// each in memory or in the run's spill file.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    runs: Vec<Stored<Vec<Finding>>>,
}

impl Findings {
    /// `findings`, written to `spill` if there is one (and it takes them), kept in memory
    /// otherwise.
    pub fn keep(findings: Vec<Finding>, spill: Option<&Arc<Spill>>) -> Self {
        // Room for its one run only: every source's list is kept to the end, and a first
        // push would make room for four.
        let mut list = Findings {
            runs: Vec::with_capacity(usize::from(!findings.is_empty())),
        };
        list.add_run(findings, spill);
        list
    }

    /// Adds `findings` after the others, as one run written to `spill` if there is one.
    fn add_run(&mut self, mut findings: Vec<Finding>, spill: Option<&Arc<Spill>>) {
        if !findings.is_empty() {
            findings.shrink_to_fit();
            self.runs.push(Stored::keep(findings, spill));
        }
    }

    /// Where each run is, if every run is in `spill`.
    pub fn places_in(&self, spill: &Arc<Spill>) -> Option<Vec<Place>> {
        self.runs.iter().map(|run| run.place_in(spill)).collect()
    }

    /// The findings whose runs are at `places` in `spill`, in that order.
    pub fn at(places: Vec<Place>, spill: &Arc<Spill>) -> Self {
        Findings {
            runs: (places.into_iter())
                .map(|place| Stored::There(Arc::clone(spill), place))
                .collect(),
        }
    }

    /// Moves the findings held in memory to `spill` (if it takes them).
    pub fn spill(&mut self, spill: &Arc<Spill>) {
        for run in &mut self.runs {
            run.spill(spill);
        }
    }

    /// Adds a finding at the end.
    pub fn push(&mut self, finding: Finding) {
        match self.runs.last_mut() {
            Some(Stored::Here(last)) => last.push(finding),
            _ => self.runs.push(Stored::Here(vec![finding])),
        }
    }

    /// Adds `other`'s findings at the end.
    pub fn append(&mut self, other: Findings) {
        self.runs.extend(other.runs);
    }

    /// The findings in order; those in the spill file are read back one run at a time.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            runs: self.runs.iter(),
            here: [].iter(),
            there: Vec::new().into_iter(),
        }
    }

    /// Keeps the findings `keep` returns true for, after it has changed them as it needs;
    /// runs in the spill file are read back, changed and written again one at a time.
    pub fn retain_mut(&mut self, mut keep: impl FnMut(&mut Finding) -> bool) {
        for run in std::mem::take(&mut self.runs) {
            let (mut findings, spill) = match run {
                Stored::Here(findings) => (findings, None),
                there @ Stored::There(..) => (read(&there).into_owned(), there.spill_file()),
            };
            findings.retain_mut(&mut keep);
            self.add_run(findings, spill.as_ref());
        }
    }
}

/// The findings of `run`; if they cannot be read back, an error saying so.
fn read(run: &Stored<Vec<Finding>>) -> Cow<'_, [Finding]> {
    match run.get() {
        Ok(Cow::Borrowed(findings)) => Cow::Borrowed(findings),
        Ok(Cow::Owned(findings)) => Cow::Owned(findings),
        Err(error) => Cow::Owned(vec![Finding::new(
            Code::UnreadableFile,
            format!("findings of this run are lost: {error}"),
        )]),
    }
}

impl From<Vec<Finding>> for Findings {
    fn from(findings: Vec<Finding>) -> Self {
        Findings::keep(findings, None)
    }
}

impl Extend<Finding> for Findings {
    fn extend<I: IntoIterator<Item = Finding>>(&mut self, iter: I) {
        for finding in iter {
            self.push(finding);
        }
    }
}

/// The findings of a [`Findings`], in order.
pub struct Iter<'a> {
    runs: std::slice::Iter<'a, Stored<Vec<Finding>>>,
    here: std::slice::Iter<'a, Finding>,
    there: std::vec::IntoIter<Finding>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Cow<'a, Finding>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(finding) = self.here.next() {
                return Some(Cow::Borrowed(finding));
            }
            if let Some(finding) = self.there.next() {
                return Some(Cow::Owned(finding));
            }
            match read(self.runs.next()?) {
                Cow::Borrowed(findings) => self.here = findings.iter(),
                Cow::Owned(findings) => self.there = findings.into_iter(),
            }
        }
    }
}

/// Written as a list of findings, wherever they are.
impl Serialize for Findings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Read as a list of findings, into memory.
impl<'de> Deserialize<'de> for Findings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Finding>::deserialize(deserializer).map(Findings::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(n: usize) -> Finding {
        Finding::new(Code::UnreadableFile, format!("finding {n}"))
    }

    fn messages(list: &Findings) -> Vec<String> {
        list.iter().map(|f| f.message.clone()).collect()
    }

    #[test]
    fn spilled_and_kept_runs_read_in_order_and_filter_alike() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let mut list = Findings::from(vec![finding(0)]);
        list.append(Findings::keep(vec![finding(1), finding(2)], Some(&spill)));
        list.append(Findings::keep(Vec::new(), Some(&spill)));
        list.append(Findings::keep(vec![finding(3)], None));
        list.append(Findings::keep(vec![finding(4), finding(5)], Some(&spill)));
        list.push(finding(6));
        assert!(matches!(list.runs[1], Stored::There(..)));
        let all: Vec<String> = (0..7).map(|n| format!("finding {n}")).collect();
        assert_eq!(messages(&list), all);
        assert_eq!(
            serde_json::to_value(&list).ok(),
            serde_json::to_value(list.iter().collect::<Vec<_>>()).ok()
        );

        list.retain_mut(|f| {
            f.message.push('!');
            !f.message.contains(['2', '4'])
        });
        assert_eq!(
            messages(&list),
            [
                "finding 0!",
                "finding 1!",
                "finding 3!",
                "finding 5!",
                "finding 6!"
            ]
        );
        assert!(list.runs.iter().any(|r| matches!(r, Stored::There(..))));

        let before = messages(&list);
        list.spill(&spill);
        assert!(list.runs.iter().all(|r| matches!(r, Stored::There(..))));
        assert_eq!(messages(&list), before);
    }

    #[test]
    fn a_run_that_cannot_be_read_back_is_an_error_not_a_silence() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        // Not a list of findings.
        let place = spill.put(&u64::MAX).expect("put");
        let list = Findings {
            runs: vec![Stored::There(spill, place)],
        };
        let read: Vec<Finding> = list.iter().map(Cow::into_owned).collect();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].code, Code::UnreadableFile);
        assert!(
            read[0]
                .message
                .starts_with("findings of this run are lost: cannot read back")
        );
    }
}
