//! Reading TOML files key by key, with spans. Unknown keys get a did-you-mean, wrong types
//! and missing keys a diagnostic at their place, and every problem in a file is collected
//! before the run stops. Shared by the ledger and the source metadata.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::files::FileId;
use crate::findings::{Code, Finding, did_you_mean};

/// A value with the byte range it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Its byte range in the file.
    pub span: Range<usize>,
}

/// A TOML value with its span.
pub type Value<'i> = Spanned<DeValue<'i>>;

/// A table of a TOML file whose keys have been checked against the known ones.
#[derive(Clone, Copy)]
pub struct Table<'t, 'i> {
    map: &'t DeTable<'i>,
    span: (usize, usize),
}

impl<'t, 'i> Table<'t, 'i> {
    /// The table's span: its header, or the whole inline table.
    pub fn span(&self) -> Range<usize> {
        self.span.0..self.span.1
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.map.get(key)
    }

    /// The span of `key` itself, if present.
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.map.get_key_value(key).map(|(k, _)| k.span())
    }
}

/// Reads one TOML file and collects its problems.
pub struct TomlReader<'a> {
    /// The file being read.
    pub file: FileId,
    /// Its text.
    pub text: &'a str,
    /// Problems found so far.
    pub problems: Vec<Finding>,
}

impl<'a> TomlReader<'a> {
    /// Parses `text`; a syntax error is reported with `syntax` as its code.
    pub fn parse(
        file: FileId,
        text: &'a str,
        syntax: Code,
    ) -> Result<(Self, Spanned<DeTable<'a>>), Box<Finding>> {
        match DeTable::parse(text) {
            Ok(document) => Ok((
                TomlReader {
                    file,
                    text,
                    problems: Vec::new(),
                },
                document,
            )),
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let message = error.message().trim_end_matches('\n').to_string();
                Err(Box::new(
                    Finding::new(syntax, "invalid TOML").label(file, span, message),
                ))
            }
        }
    }

    /// The document's top-level table, checked against `known` keys.
    pub fn root<'t, 'i>(
        &mut self,
        document: &'t Spanned<DeTable<'i>>,
        known: &[&str],
    ) -> Table<'t, 'i> {
        let table = Table {
            map: document.get_ref(),
            span: (0, 0),
        };
        self.check_keys(&table, "the top-level table", known);
        table
    }

    /// `value` as a table whose keys are checked against `known`; `what` names it in messages.
    pub fn table<'t, 'i>(
        &mut self,
        value: &'t Value<'i>,
        what: &str,
        known: &[&str],
    ) -> Option<Table<'t, 'i>> {
        match value.get_ref() {
            DeValue::Table(map) => {
                let span = value.span();
                let table = Table {
                    map,
                    span: (span.start, span.end),
                };
                self.check_keys(&table, what, known);
                Some(table)
            }
            _ => {
                self.invalid(
                    value.span(),
                    format!("{what} must be a table"),
                    "expected a table",
                );
                None
            }
        }
    }

    /// The tables under `key`: an array of tables (`[[key]]`) or a single table.
    pub fn tables<'t, 'i>(
        &mut self,
        parent: &Table<'t, 'i>,
        key: &str,
        what: &str,
        known: &[&str],
    ) -> Vec<Table<'t, 'i>> {
        let Some(value) = parent.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.table(item, what, known))
                .collect(),
            DeValue::Table(_) => self.table(value, what, known).into_iter().collect(),
            _ => {
                self.invalid(
                    value.span(),
                    format!("`{key}` must be a table or an array of tables"),
                    "expected tables",
                );
                Vec::new()
            }
        }
    }

    /// An optional string.
    pub fn string(&mut self, table: &Table, key: &str) -> Option<Located<String>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Located {
                value: s.to_string(),
                span: value.span(),
            }),
            _ => {
                self.invalid(
                    value.span(),
                    format!("`{key}` must be a string"),
                    "expected a string",
                );
                None
            }
        }
    }

    /// A required, non-empty string; `what` names the table in the message.
    pub fn required_string(
        &mut self,
        table: &Table,
        key: &str,
        what: &str,
    ) -> Option<Located<String>> {
        if table.get(key).is_none() {
            self.invalid(
                table.span(),
                format!("{what} has no `{key}`"),
                format!("`{key}` missing"),
            );
            return None;
        }
        let located = self.string(table, key)?;
        if located.value.trim().is_empty() {
            self.invalid(located.span, format!("`{key}` must not be empty"), "empty");
            return None;
        }
        Some(located)
    }

    /// An optional number (integer or float).
    pub fn number(&mut self, table: &Table, key: &str) -> Option<Located<f64>> {
        let value = table.get(key)?;
        let number = self.as_number(value);
        if number.is_none() {
            self.invalid(
                value.span(),
                format!("`{key}` must be a number"),
                "expected a number",
            );
        }
        number
    }

    /// `value` as a finite number, if it is one.
    pub fn as_number(&self, value: &Value) -> Option<Located<f64>> {
        let number = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|n| n.is_finite())?;
        Some(Located {
            value: number,
            span: value.span(),
        })
    }

    /// An optional date (a TOML local date such as `2024-08-01`).
    pub fn date(&mut self, table: &Table, key: &str) -> Option<Located<jiff::civil::Date>> {
        let value = table.get(key)?;
        let date = self.as_date(value);
        if date.is_none() {
            self.invalid(
                value.span(),
                format!("`{key}` must be a date like 2024-08-01"),
                "expected a date",
            );
        }
        date
    }

    /// `value` as a date, if it is a TOML local date.
    pub fn as_date(&self, value: &Value) -> Option<Located<jiff::civil::Date>> {
        let DeValue::Datetime(datetime) = value.get_ref() else {
            return None;
        };
        let date = datetime
            .date
            .filter(|_| datetime.time.is_none() && datetime.offset.is_none())?;
        let date =
            jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8).ok()?;
        Some(Located {
            value: date,
            span: value.span(),
        })
    }

    /// An optional string key that must name one of a fixed set: `Some(None)` (and a
    /// problem with a did-you-mean) when it names none.
    pub fn choice<'n, T>(
        &mut self,
        table: &Table,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        names: impl Iterator<Item = &'n str> + Clone,
    ) -> Option<Option<T>> {
        let located = self.string(table, key)?;
        let parsed = parse(&located.value);
        if parsed.is_none() {
            self.not_a_choice(key, &located, names);
        }
        Some(parsed)
    }

    /// Reports that `located`, the value of `key`, is none of `names`.
    pub fn not_a_choice<'n>(
        &mut self,
        key: &str,
        located: &Located<String>,
        names: impl Iterator<Item = &'n str> + Clone,
    ) {
        let known: Vec<&str> = names.clone().collect();
        let help = did_you_mean(&located.value, names)
            .unwrap_or_else(|| format!("one of: {}", known.join(", ")));
        self.problems.push(
            Finding::new(
                Code::InvalidValue,
                format!("`{key}` cannot be `{}`", located.value),
            )
            .label(self.file, located.span.clone(), "not one of the choices")
            .help(help),
        );
    }

    /// An optional array of strings.
    pub fn strings(&mut self, table: &Table, key: &str) -> Vec<Located<String>> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.invalid(
                value.span(),
                format!("`{key}` must be an array of strings"),
                "expected an array",
            );
            return Vec::new();
        };
        let mut strings = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => strings.push(Located {
                    value: s.to_string(),
                    span: item.span(),
                }),
                DeValue::String(_) => {
                    self.invalid(item.span(), format!("`{key}` has an empty string"), "empty")
                }
                _ => self.invalid(
                    item.span(),
                    format!("`{key}` must hold only strings"),
                    "expected a string",
                ),
            }
        }
        strings
    }

    /// Reports an `invalid-value` problem at `span`.
    pub fn invalid(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        self.problem(Code::InvalidValue, span, message, label);
    }

    /// Reports a problem with any code at `span`.
    pub fn problem(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        self.problems
            .push(Finding::new(code, message).label(self.file, span, label));
    }

    /// Reports every key of `table` that is not in `known`.
    fn check_keys(&mut self, table: &Table, what: &str, known: &[&str]) {
        for (key, _) in table.map.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let mut finding = Finding::new(
                Code::UnknownKey,
                format!("unknown key `{name}` in {what}"),
            )
            .label(self.file, key.span(), "not a key claimcheck knows");
            finding.help = Some(match did_you_mean(name, known.iter().copied()) {
                Some(suggestion) => suggestion,
                None => format!("known keys: {}", known.join(", ")),
            });
            self.problems.push(finding);
        }
    }

    /// The problems, in file order.
    pub fn into_problems(mut self) -> Vec<Finding> {
        self.problems
            .sort_by_key(|f| f.labels.first().map(|l| (l.span.start, l.span.end)));
        self.problems
    }
}
