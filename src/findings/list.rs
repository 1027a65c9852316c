//! A list of findings, in the order they are shown, that need not be in memory: the
//! findings about each source of a large run wait in the run's spill file until the report
//! is written, and are read back one source at a time.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Code, Finding};
use crate::spill::{Place, Spill};

/// Findings in the order they are shown, some of them perhaps in the run's spill file.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    parts: Vec<Part>,
    spill: Option<Arc<Spill>>,
}

/// Findings one after another: in memory, or `len` of them in the spill file.
#[derive(Debug, Clone)]
enum Part {
    Here(Vec<Finding>),
    There { place: Place, len: usize },
}

impl Findings {
    /// `findings`, written to `spill` if there is one (and it takes them), kept in memory
    /// otherwise.
    pub fn keep(findings: Vec<Finding>, spill: Option<&Arc<Spill>>) -> Self {
        let mut list = Findings::default();
        list.add_run(findings, spill);
        list
    }

    /// Adds `findings` after the others, as one run written to `spill` if there is one.
    fn add_run(&mut self, findings: Vec<Finding>, spill: Option<&Arc<Spill>>) {
        if findings.is_empty() {
            return;
        }
        let len = findings.len();
        let spilled = spill.and_then(|spill| {
            let place = spill.put(&findings).ok()?;
            Some((place, spill))
        });
        match spilled {
            Some((place, spill)) => {
                self.spill.get_or_insert_with(|| Arc::clone(spill));
                self.parts.push(Part::There { place, len });
            }
            None => {
                let mut findings = findings;
                findings.shrink_to_fit();
                self.parts.push(Part::Here(findings));
            }
        }
    }

    /// Moves the findings held in memory to `spill` (if it takes them).
    pub fn spill(&mut self, spill: &Arc<Spill>) {
        for part in std::mem::take(&mut self.parts) {
            match part {
                Part::Here(findings) => self.add_run(findings, Some(spill)),
                there => self.parts.push(there),
            }
        }
    }

    /// Adds a finding at the end.
    pub fn push(&mut self, finding: Finding) {
        match self.parts.last_mut() {
            Some(Part::Here(last)) => last.push(finding),
            _ => self.parts.push(Part::Here(vec![finding])),
        }
    }

    /// Adds `other`'s findings at the end.
    pub fn append(&mut self, other: Findings) {
        if self.spill.is_none() {
            self.spill = other.spill;
        }
        self.parts.extend(other.parts);
    }

    /// The findings in order; those in the spill file are read back one run at a time.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            list: self,
            parts: self.parts.iter(),
            here: [].iter(),
            there: Vec::new().into_iter(),
        }
    }

    /// Keeps the findings `keep` returns true for, after it has changed them as it needs;
    /// runs in the spill file are read back, changed and written again one at a time.
    pub fn retain_mut(&mut self, mut keep: impl FnMut(&mut Finding) -> bool) {
        let parts = std::mem::take(&mut self.parts);
        let spill = self.spill.clone();
        for part in parts {
            let (mut findings, spill) = match part {
                Part::Here(findings) => (findings, None),
                Part::There { place, len } => (self.read(place, len), spill.as_ref()),
            };
            findings.retain_mut(&mut keep);
            self.add_run(findings, spill);
        }
    }

    /// The run of `len` findings at `place`; if it cannot be read back, an error saying so.
    fn read(&self, place: Place, len: usize) -> Vec<Finding> {
        let read = self
            .spill
            .as_ref()
            .ok_or_else(|| "no temporary file".to_string())
            .and_then(|spill| spill.get(place).map_err(|e| e.to_string()));
        read.unwrap_or_else(|error| {
            vec![Finding::new(
                Code::UnreadableFile,
                format!("cannot read back {len} findings from this run's temporary file: {error}"),
            )]
        })
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
    list: &'a Findings,
    parts: std::slice::Iter<'a, Part>,
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
            match self.parts.next()? {
                Part::Here(findings) => self.here = findings.iter(),
                Part::There { place, len } => self.there = self.list.read(*place, *len).into_iter(),
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
        assert!(matches!(list.parts[1], Part::There { .. }));
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
        assert!(list.parts.iter().any(|p| matches!(p, Part::There { .. })));

        let before = messages(&list);
        list.spill(&spill);
        assert!(list.parts.iter().all(|p| matches!(p, Part::There { .. })));
        assert_eq!(messages(&list), before);
    }

    #[test]
    fn a_run_that_cannot_be_read_back_is_an_error_not_a_silence() {
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        // Not a list of findings.
        let place = spill.put(&u64::MAX).expect("put");
        let list = Findings {
            parts: vec![Part::There { place, len: 3 }],
            spill: Some(spill),
        };
        let read: Vec<Finding> = list.iter().map(Cow::into_owned).collect();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].code, Code::UnreadableFile);
        assert!(read[0].message.contains("cannot read back 3 findings"));
    }
}
