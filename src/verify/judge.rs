//! Verdicts: what a figure a source states means for a claim.
//!
//! `supports` when the source states the ledger's figure (same value within tolerance, same
//! qualifier); `reconciled` when it states a declared basis instead, or a figure only a basis
//! satisfies; `consistent` when its bound, hedge, range or vague figure allows the ledger's;
//! `contradicts` when nothing the ledger declares can satisfy it.

use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::extract::quantity::approx_eq;
use crate::extract::{DateValue, Interval, Qualifier, Quantity, Unit};
use crate::ledger::{Claim, Figure, figure_interval};

/// What one source says about one claim.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    JsonSchema,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// States the ledger's figure.
    Supports,
    /// States a declared basis.
    Reconciled,
    /// States a bound, hedge, range or vague figure the ledger's figure satisfies.
    Consistent,
    /// States a figure the ledger's cannot satisfy.
    Contradicts,
    /// States nothing about the claim.
    Silent,
}

impl Verdict {
    /// Every verdict, in the order reports show them: those a source gives when it says
    /// something, then silence.
    pub const SHOWN: [Verdict; 5] = [
        Verdict::Supports,
        Verdict::Consistent,
        Verdict::Reconciled,
        Verdict::Contradicts,
        Verdict::Silent,
    ];

    /// The verdict as every output writes it.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supports => "supports",
            Verdict::Reconciled => "reconciled",
            Verdict::Consistent => "consistent",
            Verdict::Contradicts => "contradicts",
            Verdict::Silent => "silent",
        }
    }

    /// The verdict of a source that gives several pieces of evidence: a contradiction
    /// outweighs support, support a basis, a basis a mere consistency.
    pub fn combine(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        let rank = |v: Verdict| match v {
            Verdict::Contradicts => 0,
            Verdict::Supports => 1,
            Verdict::Reconciled => 2,
            Verdict::Consistent => 3,
            Verdict::Silent => 4,
        };
        verdicts
            .into_iter()
            .min_by_key(|&v| rank(v))
            .unwrap_or(Verdict::Silent)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A figure a source states, in the claim's unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Stated {
    /// A quantity.
    Quantity {
        /// The figure, or the low end of a range.
        low: f64,
        /// The figure, or the high end of a range.
        high: f64,
        /// How it is qualified.
        qualifier: Qualifier,
        /// Its unit (the claim's, when the text gives none).
        unit: Option<Unit>,
        /// The values it allows.
        interval: Interval,
    },
    /// A date.
    Date(DateValue),
}

impl Stated {
    /// A quantity expressed in `unit`; `None` if its own unit measures something else.
    pub fn quantity(quantity: &Quantity, unit: Option<Unit>) -> Option<Stated> {
        let factor = match (quantity.unit, unit) {
            (Some(from), Some(to)) => from.convert(1.0, to)?,
            _ => 1.0,
        };
        Some(Stated::Quantity {
            low: quantity.low * factor,
            high: quantity.high * factor,
            qualifier: quantity.qualifier,
            unit: unit.or(quantity.unit),
            interval: quantity.interval().scaled(factor),
        })
    }

    /// Whether two statements can both be true.
    pub fn compatible(&self, other: &Stated) -> bool {
        match (self, other) {
            (Stated::Quantity { interval: a, .. }, Stated::Quantity { interval: b, .. }) => {
                a.overlaps(b)
            }
            (Stated::Date(a), Stated::Date(b)) => match (a.exact(), b.exact()) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            },
            _ => true,
        }
    }
}

/// The verdict on `stated` for `claim`, with the basis it uses when reconciled.
pub fn judge(claim: &Claim, stated: &Stated) -> (Verdict, Option<usize>) {
    let states = |figure: &Figure, qualifier: Qualifier, tolerance: f64| {
        states(stated, figure, qualifier, tolerance)
    };
    if states(&claim.figure, claim.qualifier, claim.tolerance) {
        return (Verdict::Supports, None);
    }
    if let Some(i) = claim
        .basis
        .iter()
        .position(|b| states(&b.figure, Qualifier::Exact, 0.0))
    {
        return (Verdict::Reconciled, Some(i));
    }
    let allows = |figure: &Figure, qualifier: Qualifier, tolerance: f64| match (stated, figure) {
        (Stated::Date(value), Figure::Date(day)) => value.contains(*day),
        (Stated::Quantity { interval, .. }, _) => {
            figure_interval(*figure, qualifier, tolerance, claim.unit)
                .is_some_and(|f| interval.overlaps(&f))
        }
        _ => false,
    };
    if allows(&claim.figure, claim.qualifier, claim.tolerance) {
        return (Verdict::Consistent, None);
    }
    if let Some(i) = claim
        .basis
        .iter()
        .position(|b| allows(&b.figure, Qualifier::Exact, 0.0))
    {
        return (Verdict::Reconciled, Some(i));
    }
    (Verdict::Contradicts, None)
}

/// Whether `stated` is the figure itself, as precisely as the ledger gives it.
fn states(stated: &Stated, figure: &Figure, qualifier: Qualifier, tolerance: f64) -> bool {
    let near = |a: f64, b: f64| approx_eq(a, b) || (a - b).abs() <= tolerance;
    match (stated, figure) {
        (
            Stated::Quantity {
                low, qualifier: q, ..
            },
            Figure::Value(value),
        ) => *q == qualifier && near(*low, *value),
        (
            Stated::Quantity {
                low,
                high,
                qualifier: q,
                ..
            },
            Figure::Range(a, b),
        ) => *q == Qualifier::Range && near(*low, *a) && near(*high, *b),
        (Stated::Date(value), Figure::Date(day)) => value.exact() == Some(*day),
        _ => false,
    }
}
