//! A claim's status across sources, counting outlets rather than articles.

use std::collections::BTreeSet;
use std::fmt;

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
    /// The status from each source's outlet and verdict.
    pub fn of<'a>(verdicts: impl IntoIterator<Item = (&'a str, Verdict)>) -> Status {
        let mut supporting = BTreeSet::new();
        let mut contested = false;
        for (outlet, verdict) in verdicts {
            match verdict {
                Verdict::Supports => {
                    supporting.insert(outlet);
                }
                Verdict::Contradicts => contested = true,
                _ => {}
            }
        }
        match supporting.len() {
            _ if contested => Status::Contested,
            0 => Status::Unsupported,
            1 => Status::SingleOutlet,
            _ => Status::Corroborated,
        }
    }

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
            (&[("Izvestia", Silent)], Status::Unsupported),
            (&[], Status::Unsupported),
        ];
        for (verdicts, status) in cases {
            assert_eq!(
                Status::of(verdicts.iter().copied()),
                *status,
                "{verdicts:?}"
            );
        }
    }
}
