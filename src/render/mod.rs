//! Output formats, each a function of a finished report (or of a failed run's findings).

pub mod diagnostics;
pub mod extraction;
pub mod human;
pub mod json;

pub use diagnostics::Style;

/// A number written as an integer when it is one, and as `null` when infinite.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f64);

impl serde::Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0;
        if !value.is_finite() {
            serializer.serialize_none()
        } else if value.fract() == 0.0 && value.abs() < 9.0e15 {
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }
}

/// What a figure means, as JSON writes it: the figure, the lowest and highest values it
/// allows (`null`: no bound), its qualifier and unit.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub(crate) struct Amount {
    /// The figure stated, for anything but a range or vague figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Num>,
    low: Num,
    high: Num,
    qualifier: crate::extract::Qualifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<crate::extract::Unit>,
}

impl Amount {
    /// The amount of a figure `nominal` that allows `interval`.
    pub(crate) fn new(
        nominal: f64,
        interval: crate::extract::Interval,
        qualifier: crate::extract::Qualifier,
        unit: Option<crate::extract::Unit>,
    ) -> Self {
        use crate::extract::Qualifier::{Range, Vague};
        Amount {
            value: (!matches!(qualifier, Range | Vague)).then_some(Num(nominal)),
            low: Num(interval.low),
            high: Num(interval.high),
            qualifier,
            unit,
        }
    }
}
