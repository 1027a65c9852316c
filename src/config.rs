//! Configuration: `claimcheck.toml`, found in the current folder or the nearest parent that
//! has one (like `typos.toml` or `.vale.ini`), under the command line's flags. Every value
//! remembers where it came from, for `claimcheck config`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::files::{Files, display_path};
use crate::findings::{Code, Finding, Severity};
use crate::render::Format;
use crate::toml_reader::{Located, TomlReader};

/// The name of the configuration file.
pub const FILE_NAME: &str = "claimcheck.toml";

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// claimcheck's default.
    Default,
    /// A line of the configuration file.
    File(PathBuf, usize),
    /// A command-line flag.
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path, line) => write!(f, "{}:{line}", display_path(path)),
            Origin::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

impl<T> Setting<T> {
    fn default(value: T) -> Self {
        Setting {
            value,
            origin: Origin::Default,
        }
    }

    /// Replaces the value with one from `origin`.
    pub fn set(&mut self, value: T, origin: Origin) {
        self.value = value;
        self.origin = origin;
    }
}

/// The severity a configuration gives a code: a severity, or `off`.
pub type Level = Option<Severity>;

/// The effective configuration of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The configuration file, if one was found.
    pub file: Option<PathBuf>,
    /// Claim files or folders.
    pub claims: Setting<Vec<PathBuf>>,
    /// Source files or folders.
    pub sources: Setting<Vec<PathBuf>>,
    /// Output format.
    pub format: Setting<Format>,
    /// File to write the report to, instead of standard output.
    pub output: Setting<Option<PathBuf>>,
    /// Findings below this severity are not shown.
    pub min_severity: Setting<Severity>,
    /// Whether warnings fail the run like errors.
    pub deny_warnings: Setting<bool>,
    /// A baseline of known findings that do not fail the run.
    pub baseline: Setting<Option<PathBuf>>,
    /// Severities given to codes.
    pub severity: BTreeMap<Code, Setting<Level>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            claims: Setting::default(vec![PathBuf::from("claims")]),
            sources: Setting::default(vec![PathBuf::from("seeds")]),
            format: Setting::default(Format::Human),
            output: Setting::default(None),
            min_severity: Setting::default(Severity::Note),
            deny_warnings: Setting::default(false),
            baseline: Setting::default(None),
            severity: BTreeMap::new(),
        }
    }
}

/// The nearest `claimcheck.toml` in `start` or a parent folder, as a path from `start`
/// (`claimcheck.toml`, `../claimcheck.toml`, ...).
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .position(|dir| dir.join(FILE_NAME).is_file())
        .map(|up| {
            let mut path: PathBuf = std::iter::repeat_n("..", up).collect();
            path.push(FILE_NAME);
            path
        })
}

const KEYS: &[&str] = &[
    "claims",
    "sources",
    "format",
    "output",
    "min_severity",
    "deny_warnings",
    "baseline",
    "severity",
];
const LEVELS: &[&str] = &["error", "warning", "note", "off"];

/// The severity named `name`, or `off`.
fn level(name: &str) -> Option<Level> {
    match name {
        "error" => Some(Some(Severity::Error)),
        "warning" => Some(Some(Severity::Warning)),
        "note" => Some(Some(Severity::Note)),
        "off" => Some(None),
        _ => None,
    }
}

/// The severity named `name` (not `off`).
pub fn severity(name: &str) -> Option<Severity> {
    level(name).flatten()
}

impl Config {
    /// The configuration from the file at `path`, over the defaults. Paths in it are taken
    /// from the file's folder. `files` receives the file for diagnostics.
    pub fn read(path: &Path, files: &mut Files) -> Result<Config, Vec<Finding>> {
        let text: Arc<str> = std::fs::read_to_string(path)
            .map_err(|e| {
                vec![Finding::new(
                    Code::UnreadableFile,
                    format!("cannot read `{}`: {e}", display_path(path)),
                )]
            })?
            .into();
        let file = files.add(path.to_path_buf(), text.clone());
        let (mut reader, document) =
            TomlReader::parse(file, &text, Code::ConfigSyntax).map_err(|f| vec![*f])?;
        let root = reader.root(&document, KEYS);
        let folder = path.parent().unwrap_or(Path::new(""));
        let lines = crate::text::LineIndex::new(&text);
        let origin = |span: &std::ops::Range<usize>| {
            Origin::File(path.to_path_buf(), lines.line_col(&text, span.start).line)
        };
        let mut config = Config {
            file: Some(path.to_path_buf()),
            ..Config::default()
        };
        let paths = |list: Vec<Located<String>>| -> Vec<PathBuf> {
            list.into_iter().map(|p| folder.join(p.value)).collect()
        };
        for (key, setting) in [
            ("claims", &mut config.claims),
            ("sources", &mut config.sources),
        ] {
            if let Some(value) = root.get(key) {
                let list = reader.strings(&root, key);
                if !list.is_empty() {
                    setting.set(paths(list), origin(&value.span()));
                }
            }
        }
        if let Some(located) = reader.string(&root, "format") {
            match Format::from_name(&located.value) {
                Some(format) => config.format.set(format, origin(&located.span)),
                None => reader.not_a_choice("format", &located, Format::NAMES.iter().copied()),
            }
        }
        if let Some(located) = reader.string(&root, "output") {
            config
                .output
                .set(Some(folder.join(&located.value)), origin(&located.span));
        }
        if let Some(located) = reader.string(&root, "baseline") {
            config
                .baseline
                .set(Some(folder.join(&located.value)), origin(&located.span));
        }
        if let Some(located) = reader.string(&root, "min_severity") {
            match severity(&located.value) {
                Some(min) => config.min_severity.set(min, origin(&located.span)),
                None => reader.not_a_choice("min_severity", &located, LEVELS[..3].iter().copied()),
            }
        }
        if let Some(value) = root.get("deny_warnings") {
            match value.get_ref() {
                toml::de::DeValue::Boolean(deny) => {
                    config.deny_warnings.set(*deny, origin(&value.span()))
                }
                _ => reader.invalid(
                    value.span(),
                    "`deny_warnings` must be true or false",
                    "expected a boolean",
                ),
            }
        }
        let names: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| !c.stops_run())
            .map(|c| c.name())
            .collect();
        if let Some(table) = root
            .get("severity")
            .and_then(|v| reader.table(v, "[severity]", &names))
        {
            for code in Code::ALL.iter().filter(|c| !c.stops_run()) {
                let Some(located) = reader.string(&table, code.name()) else {
                    continue;
                };
                match level(&located.value) {
                    Some(level) => {
                        config.severity.insert(
                            *code,
                            Setting {
                                value: level,
                                origin: origin(&located.span),
                            },
                        );
                    }
                    None => reader.not_a_choice(code.name(), &located, LEVELS.iter().copied()),
                }
            }
        }
        let problems = reader.into_problems();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The configuration as `claimcheck config` prints it: each value with where it came
    /// from.
    pub fn describe(&self) -> String {
        let list = |paths: &[PathBuf]| {
            let quoted: Vec<String> = paths
                .iter()
                .map(|p| format!("\"{}\"", display_path(p)))
                .collect();
            format!("[{}]", quoted.join(", "))
        };
        let optional = |path: &Option<PathBuf>| {
            path.as_ref()
                .map_or("(none)".to_string(), |p| format!("\"{}\"", display_path(p)))
        };
        let mut rows = vec![
            (
                "claims".to_string(),
                list(&self.claims.value),
                &self.claims.origin,
            ),
            (
                "sources".to_string(),
                list(&self.sources.value),
                &self.sources.origin,
            ),
            (
                "format".to_string(),
                format!("\"{}\"", self.format.value.name()),
                &self.format.origin,
            ),
            (
                "output".to_string(),
                optional(&self.output.value),
                &self.output.origin,
            ),
            (
                "min_severity".to_string(),
                format!("\"{}\"", self.min_severity.value),
                &self.min_severity.origin,
            ),
            (
                "deny_warnings".to_string(),
                self.deny_warnings.value.to_string(),
                &self.deny_warnings.origin,
            ),
            (
                "baseline".to_string(),
                optional(&self.baseline.value),
                &self.baseline.origin,
            ),
        ];
        for code in Code::ALL.iter().filter(|c| !c.stops_run()) {
            let (level, origin) = match self.severity.get(code) {
                Some(setting) => (setting.value, &setting.origin),
                None => (Some(code.severity()), &Origin::Default),
            };
            let level = level.map_or("off".to_string(), |s| s.to_string());
            rows.push((
                format!("severity.{}", code.name()),
                format!("\"{level}\""),
                origin,
            ));
        }
        let width = rows.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
        let value_width = rows.iter().map(|(_, v, _)| v.len()).max().unwrap_or(0);
        let mut out = match &self.file {
            Some(file) => format!("# configuration file: {}\n", display_path(file)),
            None => format!("# no {FILE_NAME} found in this folder or its parents\n"),
        };
        for (key, value, origin) in rows {
            out.push_str(&format!(
                "{key:width$} = {value:value_width$}  # {origin}\n"
            ));
        }
        out
    }
}
