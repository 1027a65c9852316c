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
