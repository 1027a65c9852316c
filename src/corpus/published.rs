//! When a source was published: a day, or the window of days the evidence allows.

use std::fmt;

use jiff::civil::Date;

/// The earliest and latest day a source may have been published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// First possible day.
    pub earliest: Date,
    /// Last possible day.
    pub latest: Date,
}

impl Published {
    /// Published on one known day.
    pub fn on(day: Date) -> Self {
        Published {
            earliest: day,
            latest: day,
        }
    }

    /// Parses ISO 8601: `2024-12-11`, reduced precision `2024-12` or `2024`, or an interval
    /// `2024-11-06/2024-12-31` of any of these.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let window = match text.split_once('/') {
            Some((from, to)) => {
                let (from, to) = (Self::parse_one(from)?, Self::parse_one(to)?);
                Published {
                    earliest: from.earliest,
                    latest: to.latest,
                }
            }
            None => Self::parse_one(text)?,
        };
        if window.earliest > window.latest {
            return Err(format!("`{text}` ends before it starts"));
        }
        Ok(window)
    }

    fn parse_one(text: &str) -> Result<Self, String> {
        let invalid = || format!("`{text}` is not a date like 2024-12-11, 2024-12 or 2024");
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |part: &str, len: usize| -> Result<i16, String> {
            if part.len() == len && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| invalid())
            } else {
                Err(invalid())
            }
        };
        let date = |y: i16, m: i16, d: i16| -> Result<Date, String> {
            Date::new(y, m as i8, d as i8).map_err(|_| invalid())
        };
        match parts.as_slice() {
            [year] => {
                let year = number(year, 4)?;
                Ok(Published {
                    earliest: date(year, 1, 1)?,
                    latest: date(year, 12, 31)?,
                })
            }
            [year, month] => {
                let first = date(number(year, 4)?, number(month, 2)?, 1)?;
                Ok(Published {
                    earliest: first,
                    latest: first.last_of_month(),
                })
            }
            [year, month, day] => Ok(Published::on(date(
                number(year, 4)?,
                number(month, 2)?,
                number(day, 2)?,
            )?)),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Published {
    /// The shortest ISO 8601 form: a day, a month, a year or an interval.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (from, to) = (self.earliest, self.latest);
        if from == to {
            write!(f, "{from}")
        } else if from.day() == 1 && to == from.last_of_month() {
            write!(f, "{:04}-{:02}", from.year(), from.month())
        } else if from.month() == 1 && from.day() == 1 && to == from.last_of_year() {
            write!(f, "{:04}", from.year())
        } else {
            write!(f, "{from}/{to}")
        }
    }
}

/// Written as its ISO 8601 text ([`Published::parse`] reads it back).
impl serde::Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Published {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Published::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_days_reduced_precision_and_intervals() {
        let cases = [
            (
                "2024-12-11",
                date(2024, 12, 11),
                date(2024, 12, 11),
                "2024-12-11",
            ),
            ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
            ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024"),
            (
                "2024-11-06/2024-12-31",
                date(2024, 11, 6),
                date(2024, 12, 31),
                "2024-11-06/2024-12-31",
            ),
            (
                "2024-11/2025",
                date(2024, 11, 1),
                date(2025, 12, 31),
                "2024-11-01/2025-12-31",
            ),
        ];
        for (text, earliest, latest, shown) in cases {
            let window = Published::parse(text).expect(text);
            assert_eq!(
                (window.earliest, window.latest),
                (earliest, latest),
                "{text}"
            );
            assert_eq!(window.to_string(), shown, "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "2024-13",
            "24-12-11",
            "2024-02-30",
            "December 2024",
            "2025/2024",
            "",
        ] {
            assert!(Published::parse(text).is_err(), "{text}");
        }
    }
}
