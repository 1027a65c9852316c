//! A claim's status across sources, counting outlets rather than articles.

use std::fmt;

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::Serialize;

use super::judge::Verdict;

/// What the corpus as a whole says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Supported by two or more outlets, contradicted by none.
    Corroborated,
    /// Supported by one outlet, contradicted by none.
    SingleOutlet,
    /// Contradicted by a source, with no basis that explains it.
    Contested,
    /// Stated by no source.
    Unsupported,
}

impl Status {
    /// The status as every output writes it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Corroborated => "corroborated",
            Status::SingleOutlet => "single-outlet",
            Status::Contested => "contested",
            Status::Unsupported => "unsupported",
        }
    }
}

/// A claim's status as the sources' verdicts come: whether one contradicts it, and the
/// first two outlets that support it (a third changes nothing).
#[derive(Debug, Clone, Default)]
pub struct Standing {
    supporting: Option<CompactString>,
    corroborated: bool,
    contested: bool,
}

impl Standing {
    /// Adds the verdict of a source of outlet `outlet`.
    pub fn add(&mut self, outlet: &str, verdict: Verdict) {
        match verdict {
            Verdict::Supports => match &self.supporting {
                None => self.supporting = Some(CompactString::from(outlet)),
                Some(first) => self.corroborated |= first != outlet,
            },
            Verdict::Contradicts => self.contested = true,
            _ => {}
        }
    }

    /// The status from the verdicts added.
    pub fn status(&self) -> Status {
        match &self.supporting {
            _ if self.contested => Status::Contested,
            None => Status::Unsupported,
            Some(_) if self.corroborated => Status::Corroborated,
            Some(_) => Status::SingleOutlet,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::*;

    #[test]
    fn counts_outlets_not_articles() {
        let cases: &[(&[(&str, Verdict)], Status)] = &[
            (
                &[("Izvestia", Supports), ("Izvestia", Supports)],
                Status::SingleOutlet,
            ),
            (
                &[("Izvestia", Supports), ("The Moscow Times", Supports)],
                Status::Corroborated,
            ),
            (
                &[("Izvestia", Supports), ("The Moscow Times", Contradicts)],
                Status::Contested,
            ),
            (
                &[("Izvestia", Consistent), ("The Moscow Times", Reconciled)],
                Status::Unsupported,
            ),
            (
                &[
                    ("Izvestia", Supports),
                    ("Izvestia", Supports),
                    ("TASS", Supports),
                ],
                Status::Corroborated,
            ),
            (
                &[
                    ("Izvestia", Contradicts),
                    ("TASS", Supports),
                    ("RIA", Supports),
                ],
                Status::Contested,
            ),
            (&[("Izvestia", Silent)], Status::Unsupported),
            (&[], Status::Unsupported),
        ];
        for (verdicts, status) in cases {
            let mut standing = Standing::default();
            for &(outlet, verdict) in *verdicts {
                standing.add(outlet, verdict);
            }
            assert_eq!(standing.status(), *status, "{verdicts:?}");
        }
    }
}
