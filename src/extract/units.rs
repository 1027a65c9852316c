//! Units a quantity can carry: time, money and percent. Time units convert into one another;
//! currencies and percent only match themselves.

use std::fmt;

use serde::Serialize;

/// A unit of measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
    /// US dollars.
    Usd,
    /// Euros.
    Eur,
    /// Pounds sterling.
    Gbp,
    /// Russian roubles.
    Rub,
    /// Percent.
    Percent,
}

/// Every unit with the names the ledger accepts for it; the first is the canonical one.
const NAMES: &[(Unit, &[&str])] = &[
    (Unit::Second, &["seconds", "second", "s"]),
    (Unit::Minute, &["minutes", "minute", "min"]),
    (Unit::Hour, &["hours", "hour", "h"]),
    (Unit::Day, &["days", "day"]),
    (Unit::Week, &["weeks", "week"]),
    (Unit::Month, &["months", "month"]),
    (Unit::Year, &["years", "year"]),
    (Unit::Usd, &["USD", "dollars", "$"]),
    (Unit::Eur, &["EUR", "euros", "€"]),
    (Unit::Gbp, &["GBP", "pounds", "£"]),
    (Unit::Rub, &["RUB", "roubles", "rubles", "₽"]),
    (Unit::Percent, &["percent", "%"]),
];

impl Unit {
    /// A unit as the ledger names it (`unit = "years"`), case-insensitively.
    pub fn from_name(name: &str) -> Option<Unit> {
        NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name.trim())))
            .map(|&(unit, _)| unit)
    }

    /// The canonical names of every unit, for help texts.
    pub fn all_names() -> impl Iterator<Item = &'static str> + Clone {
        NAMES.iter().map(|(_, names)| names[0])
    }

    /// A unit written after a number in folded text ("hours", "year", "dollars", "percent").
    pub fn from_word(word: &str) -> Option<Unit> {
        Some(match word {
            "second" | "seconds" | "sec" | "secs" => Unit::Second,
            "minute" | "minutes" | "min" | "mins" => Unit::Minute,
            "hour" | "hours" | "hr" | "hrs" => Unit::Hour,
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "month" | "months" => Unit::Month,
            "year" | "years" | "yr" | "yrs" => Unit::Year,
            "dollar" | "dollars" | "usd" => Unit::Usd,
            "euro" | "euros" | "eur" => Unit::Eur,
            "rouble" | "roubles" | "ruble" | "rubles" | "rub" => Unit::Rub,
            "gbp" => Unit::Gbp,
            "percent" | "%" => Unit::Percent,
            _ => return None,
        })
    }

    /// A currency symbol written before a number.
    pub fn from_symbol(symbol: &str) -> Option<Unit> {
        Some(match symbol {
            "$" => Unit::Usd,
            "€" => Unit::Eur,
            "£" => Unit::Gbp,
            "₽" => Unit::Rub,
            _ => return None,
        })
    }

    /// Seconds in one of this unit, for units of time.
    fn seconds(self) -> Option<f64> {
        const DAY: f64 = 86_400.0;
        Some(match self {
            Unit::Second => 1.0,
            Unit::Minute => 60.0,
            Unit::Hour => 3_600.0,
            Unit::Day => DAY,
            Unit::Week => 7.0 * DAY,
            Unit::Month => 30.436_875 * DAY,
            Unit::Year => 365.242_5 * DAY,
            _ => return None,
        })
    }

    /// `value` in this unit expressed in `to`, if the two measure the same thing.
    pub fn convert(self, value: f64, to: Unit) -> Option<f64> {
        if self == to {
            return Some(value);
        }
        Some(value * self.seconds()? / to.seconds()?)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = NAMES
            .iter()
            .find(|(unit, _)| unit == self)
            .map_or("", |(_, names)| names[0]);
        f.write_str(name)
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let unit_name = |unit: Unit| {
            NAMES
                .iter()
                .find(|(u, _)| *u == unit)
                .map_or("", |(_, names)| names[0])
        };
        crate::shard::by_name(
            deserializer,
            NAMES.iter().map(|&(u, _)| u),
            unit_name,
            "unit",
        )
    }
}

impl schemars::JsonSchema for Unit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Unit".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = NAMES.iter().map(|(_, names)| names[0]).collect();
        schemars::json_schema!({
            "description": "A unit of measure, by its canonical name.",
            "type": "string",
            "enum": names,
        })
    }
}

/// A figure as people write it: "26", "1.5 million", "$4 billion", "14 years", "30%".
pub fn format_amount(value: f64, unit: Option<Unit>) -> String {
    let number = format_number(value);
    match unit {
        None => number,
        Some(Unit::Usd) => format!("${number}"),
        Some(Unit::Eur) => format!("€{number}"),
        Some(Unit::Gbp) => format!("£{number}"),
        Some(Unit::Rub) => format!("{number} roubles"),
        Some(Unit::Percent) => format!("{number}%"),
        Some(time) => {
            let plural = time.to_string();
            let name = if value == 1.0 {
                plural.trim_end_matches('s')
            } else {
                &plural
            };
            format!("{number} {name}")
        }
    }
}

/// A number with a word for millions and more, and no needless decimals.
fn format_number(value: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if value.abs() >= scale {
            return format!("{} {word}", plain(value / scale));
        }
    }
    plain(value)
}

fn plain(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_time_but_not_money() {
        assert_eq!(Unit::Minute.convert(90.0, Unit::Hour), Some(1.5));
        assert_eq!(Unit::Year.convert(2.0, Unit::Year), Some(2.0));
        assert_eq!(Unit::Usd.convert(1.0, Unit::Eur), None);
        assert_eq!(Unit::Percent.convert(1.0, Unit::Hour), None);
    }

    #[test]
    fn reads_ledger_names() {
        assert_eq!(Unit::from_name("Years"), Some(Unit::Year));
        assert_eq!(Unit::from_name("usd"), Some(Unit::Usd));
        assert_eq!(Unit::from_name("parsecs"), None);
        assert_eq!(Unit::Usd.to_string(), "USD");
    }

    #[test]
    fn formats_amounts_as_people_write_them() {
        let cases = [
            (26.0, None, "26"),
            (4e9, Some(Unit::Usd), "$4 billion"),
            (1.5e6, None, "1.5 million"),
            (14.0, Some(Unit::Year), "14 years"),
            (1.0, Some(Unit::Year), "1 year"),
            (1.5, Some(Unit::Hour), "1.5 hours"),
            (30.0, Some(Unit::Percent), "30%"),
            (0.125, None, "0.125"),
        ];
        for (value, unit, text) in cases {
            assert_eq!(format_amount(value, unit), text);
        }
    }
}
