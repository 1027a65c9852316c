//! The one model of what claimcheck reports: a [`Finding`] with a stable [`Code`], a
//! severity, a message, labelled spans in any file, and help. Every renderer takes findings
//! as they are; every code is documented once, here, and `claimcheck explain` prints it.

use std::fmt;
use std::ops::Range;

use schemars::JsonSchema;
use serde::Serialize;

use crate::files::FileId;

mod list;

pub use list::{Findings, Iter};

/// How serious a finding is.
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
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the run (exit code 1, or 2 when the run could not be done).
    Error,
    /// Needs a look, does not fail the run.
    Warning,
    /// Information for the ledger's author.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $name:literal, $severity:ident; )+) => {
        /// A stable diagnostic code, printed as `claimcheck::<name>`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code's name, as in `claimcheck::<name>`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),+ }
            }

            /// The severity findings with this code have.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),+ }
            }

            /// The code's documentation: what it means, why it matters, an example, what to do.
            pub fn doc(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc, "\n"),+)),+ }
            }
        }
    };
}

codes! {
    /// ## What it means
    /// A source states a figure for a claim that the ledger's figure cannot satisfy, and no
    /// declared counting basis explains it.
    ///
    /// ## Why it matters
    /// Either the source or the ledger is wrong; publishing both is publishing a conflict.
    ///
    /// ## Example
    /// The ledger says 26 people were exchanged; a source says "24 people were exchanged".
    ///
    /// ## What to do
    /// Check the source. If it counts on another basis (without the minors, say), declare it
    /// with `[[claim.basis]]`; if the ledger is wrong, correct it.
    Contradicts = "contradicts", Error;

    /// ## What it means
    /// A source states a figure that differs from the ledger's but equals a counting basis
    /// the claim declares with `[[claim.basis]]`.
    ///
    /// ## Why it matters
    /// The figures do not conflict, but a reader who sees both needs the basis spelt out.
    ///
    /// ## Example
    /// The ledger says 10 people returned to Russia, with a basis of 8 "adults only"; a source
    /// says "eight Russians were freed".
    ///
    /// ## What to do
    /// Nothing, unless your text uses the source's figure: then say which basis it counts.
    Reconciled = "reconciled", Note;

    /// ## What it means
    /// A source gives a bound, hedge, range or vague figure ("more than 20", "about 25",
    /// "dozens") that the ledger's figure satisfies.
    ///
    /// ## Why it matters
    /// It is no conflict, and no confirmation of the exact figure either.
    ///
    /// ## Example
    /// The ledger says 26; a source says the exchange fund "exceeded 20 people".
    ///
    /// ## What to do
    /// Nothing. Count it as support only for what it says.
    Consistent = "consistent", Note;

    /// ## What it means
    /// A source states exactly the ledger's figure (shown with `--verbose`).
    ///
    /// ## Why it matters
    /// It is the evidence behind a claim's status.
    ///
    /// ## Example
    /// The ledger says 26; a source says "a total of 26 people were included".
    ///
    /// ## What to do
    /// Nothing.
    Supports = "supports", Note;

    /// ## What it means
    /// A source contradicts a claim, and the claim acknowledges it with a `[[claim.ack]]`
    /// naming the source and the reason.
    ///
    /// ## Why it matters
    /// The disagreement was reviewed; it should be visible but no longer fail the run.
    ///
    /// ## Example
    /// `[[claim.ack]] source = "moscow-times-2024-12-11" reason = "counts adults only"`.
    ///
    /// ## What to do
    /// Nothing, while the reason holds.
    Acknowledged = "acknowledged", Note;

    /// ## What it means
    /// A `[[claim.ack]]` names a source that is not in the run, or that no longer
    /// contradicts the claim.
    ///
    /// ## Why it matters
    /// A stale acknowledgement would silence a future contradiction that nobody reviewed.
    ///
    /// ## Example
    /// The source was corrected and now states the ledger's figure.
    ///
    /// ## What to do
    /// Remove the `[[claim.ack]]`.
    StaleAck = "stale-ack", Warning;

    /// ## What it means
    /// A claim's `[[claim.example]]` is not judged as the ledger says: its patterns find
    /// something else in the example's text, or nothing.
    ///
    /// ## Why it matters
    /// The example documents what the patterns must catch; if they do not, sources that
    /// say the same are missed or misjudged.
    ///
    /// ## Example
    /// `text = "A total of 26 people were included"`, `verdict = "supports"`, but the only
    /// pattern is `"{n} people were exchanged"`.
    ///
    /// ## What to do
    /// Fix the patterns (the finding shows what they produced), or the example.
    FailingExample = "failing-example", Error;

    /// ## What it means
    /// One source gives figures for one claim that cannot all be true.
    ///
    /// ## Why it matters
    /// A source that contradicts itself is weak evidence for either figure.
    ///
    /// ## Example
    /// An article says "26 people were exchanged" and later "24 people were exchanged".
    ///
    /// ## What to do
    /// Read both passages; prefer another source, or declare the basis that explains one.
    SelfContradiction = "self-contradiction", Warning;

    /// ## What it means
    /// No source states the claim's figure: every source is silent, consistent only, or
    /// states another basis.
    ///
    /// ## Why it matters
    /// A claim nobody states is the ledger's word alone.
    ///
    /// ## Example
    /// The ledger says the swap took place on 10 April 2025; no source names the day.
    ///
    /// ## What to do
    /// Add a source that states it, or check the claim's patterns and cues: the
    /// `unmatched-quantity` notes show figures they missed.
    Unsupported = "unsupported", Warning;

    /// ## What it means
    /// A quantity stands in a claim's scope (a paragraph with one of its cues), but none of
    /// the patterns of any claim matched it. Only claims with cues and a sentence or
    /// paragraph scope get these notes, and quantities after "the" ("the two countries")
    /// count what the text already named, so they get none.
    ///
    /// ## Why it matters
    /// It shows the ledger's author what the patterns missed: it may state the claim.
    ///
    /// ## Example
    /// The claim about the exchange has the pattern "a total of {n}"; a paragraph with its
    /// cue "August 1" says "their two minor children returned home".
    ///
    /// ## What to do
    /// Add a pattern if the quantity states the claim; otherwise ignore the note.
    UnmatchedQuantity = "unmatched-quantity", Note;

    /// ## What it means
    /// A source spells a name of the ledger's entities in a way the ledger does not accept:
    /// not its canonical spelling, an alias, another name, or its native spelling.
    ///
    /// ## Why it matters
    /// Readers and search engines take two spellings for two people; a transliteration
    /// copied from a source spreads.
    ///
    /// ## Example
    /// The ledger spells Marc Fogel; a source writes "Mark Vogel". The finding shows the
    /// character diff (`Mar[-c-]{+k+} [-F-]{+V+}ogel`) and the signals that tie the two:
    /// equivalent given names, the same Daitch–Mokotoff code, one letter apart.
    ///
    /// ## What to do
    /// Use the canonical spelling when quoting; if the spelling is accepted, add it to the
    /// entity's `aliases` (or, for the spelling in its own script, set `native`).
    Variant = "variant", Warning;

    /// ## What it means
    /// A name no entity of the ledger declares is spelt two or more ways in the corpus.
    ///
    /// ## Why it matters
    /// One of the spellings is probably wrong, and a story that quotes both looks careless.
    ///
    /// ## Example
    /// One article writes "Artur Muradyan" and, a few paragraphs on, "Artur Muradian".
    ///
    /// ## What to do
    /// Declare the person as an `[[entity]]` with the canonical spelling; the other
    /// spellings then show as `variant` warnings where they stand.
    InconsistentSpelling = "inconsistent-spelling", Warning;

    /// ## What it means
    /// A figure in a draft (`claimcheck draft`) that a claim's patterns match is not the
    /// ledger's figure: it contradicts it, states another counting basis, or only hedges
    /// ("more than 20" where the ledger has 26). A draft is held to the ledger strictly.
    ///
    /// ## Why it matters
    /// What is published should say what the ledger says; a basis the reader is not told
    /// about reads as a conflict with other reports.
    ///
    /// ## Example
    /// The ledger says 10 people returned to Russia, with a basis of 8 "adults only"; the
    /// draft says "eight people returned". The finding names the basis, so the editor can
    /// write "eight adults".
    ///
    /// ## What to do
    /// Write the ledger's figure, or say which basis the figure counts; if the ledger is
    /// wrong, correct the ledger.
    DraftFigure = "draft-figure", Error;

    /// ## What it means
    /// A draft states a claim that the sources contest: at least one source contradicts the
    /// ledger's figure and no basis explains it. The finding quotes both sides with their
    /// sources.
    ///
    /// ## Why it matters
    /// Even a figure that matches the ledger is disputed in print; the reader may have seen
    /// the other one.
    ///
    /// ## Example
    /// The draft says 26 people were exchanged; one wire report says 25.
    ///
    /// ## What to do
    /// Check the contradicting source; attribute the figure, or acknowledge the reviewed
    /// disagreement in the ledger with `[[claim.ack]]`.
    DraftContested = "draft-contested", Warning;

    /// ## What it means
    /// A draft states a claim that no source states, or that only one outlet supports.
    ///
    /// ## Why it matters
    /// An uncorroborated figure rests on one report, or on none the ledger knows of.
    ///
    /// ## Example
    /// The draft says Karelina was swapped on 10 April 2025; no source gives the day.
    ///
    /// ## What to do
    /// Find a second source, or attribute the figure to the one that gives it.
    DraftUncorroborated = "draft-uncorroborated", Warning;

    /// ## What it means
    /// A name in a draft is a variant of an entity the ledger declares: not its canonical
    /// spelling, an alias, another name or its native spelling.
    ///
    /// ## Why it matters
    /// A misspelt name in print is a correction waiting to happen.
    ///
    /// ## Example
    /// The draft says "Mark Vogel"; the ledger spells "Marc Fogel".
    ///
    /// ## What to do
    /// Run `claimcheck draft --fix` to replace it with the ledger's spelling (it shows the
    /// diff first), or fix it by hand where markup stands inside the name.
    DraftSpelling = "draft-spelling", Error;

    /// ## What it means
    /// A draft has a name the ledger does not declare: a run of capitalised words that
    /// reads as a person's name.
    ///
    /// ## Why it matters
    /// claimcheck cannot check the spelling of a name it does not know.
    ///
    /// ## Example
    /// The draft quotes "Artur Muradyan", and no `[[entity]]` declares him.
    ///
    /// ## What to do
    /// Nothing, or declare the person as an `[[entity]]` so that every draft and source is
    /// checked against one spelling.
    NotInLedger = "not-in-ledger", Note;

    /// ## What it means
    /// A source is not valid UTF-8; it was read with each bad sequence replaced by U+FFFD.
    ///
    /// ## Why it matters
    /// Text near the bad bytes may be garbled, and figures in it misread.
    ///
    /// ## Example
    /// A file saved as Windows-1251 contains byte 0xC4 at offset 120.
    ///
    /// ## What to do
    /// Convert the file to UTF-8 (`iconv -f WINDOWS-1251 -t UTF-8`).
    InvalidUtf8 = "invalid-utf8", Warning;

    /// ## What it means
    /// A claim file is not valid TOML. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// claimcheck cannot tell what the ledger says.
    ///
    /// ## Example
    /// `value = 26 people` (a value must be a number).
    ///
    /// ## What to do
    /// Fix the syntax at the place shown.
    LedgerSyntax = "ledger-syntax", Error;

    /// ## What it means
    /// A source metadata file (`sources.toml`) is not valid TOML. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// claimcheck cannot tell which source is which, nor when each was published.
    ///
    /// ## Example
    /// `published = 2024-13-01` (there is no 13th month).
    ///
    /// ## What to do
    /// Fix the syntax at the place shown.
    MetadataSyntax = "metadata-syntax", Error;

    /// ## What it means
    /// The configuration file (`claimcheck.toml`) is not valid TOML. The run stops (exit
    /// code 2).
    ///
    /// ## Why it matters
    /// claimcheck cannot tell which ledger, sources and severities the run should use.
    ///
    /// ## Example
    /// `min_severity = warning` (the value must be quoted).
    ///
    /// ## What to do
    /// Fix the syntax at the place shown; `claimcheck config` shows the settings it reads.
    ConfigSyntax = "config-syntax", Error;

    /// ## What it means
    /// A claim file, `sources.toml` or `claimcheck.toml` has a key claimcheck does not
    /// know. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// A misspelt key is a setting silently ignored: `tolerence = 2` would check with none.
    ///
    /// ## Example
    /// `valeu = 26` in a `[[claim]]`.
    ///
    /// ## What to do
    /// Use the key the help suggests, or remove it.
    UnknownKey = "unknown-key", Error;

    /// ## What it means
    /// A key has a value of the wrong type or outside what it allows, or a required key is
    /// missing. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// claimcheck cannot check a claim it cannot read.
    ///
    /// ## Example
    /// A claim with both `value` and `date`, or with `scope = "page"`.
    ///
    /// ## What to do
    /// Give the value the message asks for.
    InvalidValue = "invalid-value", Error;

    /// ## What it means
    /// Two claims, or two sources, have the same id. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// Findings, `sum_of` and reports name claims and sources by id.
    ///
    /// ## Example
    /// Two files both declare `id = "ankara-2024.total"`.
    ///
    /// ## What to do
    /// Rename one of them.
    DuplicateId = "duplicate-id", Error;

    /// ## What it means
    /// Two entities of the ledger share a spelling (as name, alias, other name or native
    /// spelling). The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// A mention with that spelling could belong to either: claimcheck could not tell them
    /// apart.
    ///
    /// ## Example
    /// `alexander-vinnik` and `vera-vinnik` both list the alias "Vinnik".
    ///
    /// ## What to do
    /// Keep the spelling for one entity only.
    DuplicateName = "duplicate-name", Error;

    /// ## What it means
    /// A claim's `sum_of` names a claim that does not exist. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// The sum cannot be derived from parts the ledger does not have.
    ///
    /// ## Example
    /// `sum_of = ["ankara-2024.to-rusia"]`.
    ///
    /// ## What to do
    /// Use the id the help suggests.
    UnknownClaim = "unknown-claim", Error;

    /// ## What it means
    /// A `[[claim.basis]]` has the claim's own figure. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// A basis explains a figure that differs from the ledger's; one equal to it explains
    /// nothing and hides that the ledger author meant another figure.
    ///
    /// ## Example
    /// `value = 26` with a basis `value = 26`.
    ///
    /// ## What to do
    /// Give the basis the other figure it stands for, or remove it.
    RedundantBasis = "redundant-basis", Error;

    /// ## What it means
    /// A pattern cannot be parsed. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// claimcheck cannot tell what text the pattern should find.
    ///
    /// ## Example
    /// `"a total of {num}"` (the slots are `{n}` and `{date}`).
    ///
    /// ## What to do
    /// Write plain words, `{n}` or `{date}` (exactly one of the claim's kind), `...` for a
    /// gap of up to six words, and `a|b` for either word.
    PatternSyntax = "pattern-syntax", Error;

    /// ## What it means
    /// A path given on the command line, in `claimcheck.toml` or in `sources.toml` (or a
    /// baseline file) does not exist or cannot be read. Nor can a source of 4 GiB or more,
    /// as a file or once decoded and folded. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// A source that is not read is a silent gap in the check.
    ///
    /// ## Example
    /// `claimcheck check --sources seedz`.
    ///
    /// ## What to do
    /// Correct the path or the file's permissions; split a source that is too large.
    UnreadableFile = "unreadable-file", Error;

    /// ## What it means
    /// The sources given hold no file to check. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// Checking a ledger against nothing would report every claim unsupported.
    ///
    /// ## Example
    /// `claimcheck check --sources empty-folder/`.
    ///
    /// ## What to do
    /// Point `--sources` at the folder or files to check.
    NoSources = "no-sources", Error;

    /// ## What it means
    /// `claimcheck merge` was given a file that is not a shard made by `claimcheck shard`,
    /// a shard made with another ledger or another version of claimcheck, or two shards
    /// that hold the same source. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// A merged report is only the report of one run over the whole corpus when every
    /// shard checked the same ledger and each source was checked exactly once.
    ///
    /// ## Example
    /// A claim file was edited between two shard runs, or one folder was given to two
    /// shards.
    ///
    /// ## What to do
    /// Run the shards again with the same ledger and claimcheck, over sources that do not
    /// overlap.
    InvalidShard = "invalid-shard", Error;

    /// ## What it means
    /// The ledger paths given hold no claim file (`*.toml`), or no claim in the files they
    /// hold. The run stops (exit code 2).
    ///
    /// ## Why it matters
    /// There is nothing to check the sources against.
    ///
    /// ## Example
    /// `claimcheck check --claims empty-folder/`.
    ///
    /// ## What to do
    /// Point `--claims` at the ledger's folder or files.
    NoClaims = "no-claims", Error;
}

impl Code {
    /// The documentation as text: the doc comment without the space after `///`.
    pub fn documentation(self) -> String {
        let lines: Vec<&str> = self
            .doc()
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        lines.join("\n")
    }

    /// One section of the documentation ("What it means", "Why it matters", "Example",
    /// "What to do") as one paragraph.
    pub fn section(self, title: &str) -> String {
        let heading = format!("## {title}");
        let documentation = self.documentation();
        let lines: Vec<&str> = documentation
            .lines()
            .skip_while(|l| *l != heading)
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lines.join(" ")
    }

    /// The first sentence of what the code means.
    pub fn summary(self) -> String {
        let meaning = self.section("What it means");
        match meaning.find(". ") {
            Some(end) => meaning[..=end].to_string(),
            None => meaning,
        }
    }

    /// Whether findings with this code stop the run (exit code 2) rather than report on it;
    /// their severity cannot be configured.
    pub fn stops_run(self) -> bool {
        matches!(
            self,
            Code::LedgerSyntax
                | Code::MetadataSyntax
                | Code::ConfigSyntax
                | Code::UnknownKey
                | Code::InvalidValue
                | Code::DuplicateId
                | Code::DuplicateName
                | Code::UnknownClaim
                | Code::RedundantBasis
                | Code::PatternSyntax
                | Code::UnreadableFile
                | Code::NoSources
                | Code::NoClaims
                | Code::InvalidShard
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "claimcheck::{}", self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::shard::by_name(deserializer, Code::ALL.iter().copied(), Code::name, "code")
    }
}

impl JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        schemars::json_schema!({
            "description": "A diagnostic code; `claimcheck explain <code>` documents it.",
            "type": "string",
            "enum": names,
        })
    }
}

/// A labelled span in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    /// The file the span is in.
    pub file: FileId,
    /// Byte range in the file's decoded text.
    pub span: Range<usize>,
    /// What the span shows.
    pub text: String,
}

impl Label {
    /// A label.
    pub fn new(file: FileId, span: Range<usize>, text: impl Into<String>) -> Self {
        Label {
            file,
            span,
            text: text.into(),
        }
    }
}

/// One diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    /// Its code.
    pub code: Code,
    /// Its severity.
    pub severity: Severity,
    /// One sentence saying what was found.
    pub message: String,
    /// Labelled spans; the first is where the finding is.
    pub labels: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// The claim it concerns, if any.
    pub claim: Option<String>,
    /// The source it concerns, if any.
    pub source: Option<String>,
}

impl Finding {
    /// A finding with the code's severity and no labels.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: Vec::new(),
            help: None,
            claim: None,
            source: None,
        }
    }

    /// Adds a labelled span.
    pub fn label(mut self, file: FileId, span: Range<usize>, text: impl Into<String>) -> Self {
        self.labels.push(Label::new(file, span, text));
        self
    }

    /// Sets the help.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the claim it concerns.
    pub fn claim(mut self, id: impl Into<String>) -> Self {
        self.claim = Some(id.into());
        self
    }

    /// Sets the source it concerns.
    pub fn source(mut self, id: impl Into<String>) -> Self {
        self.source = Some(id.into());
        self
    }
}

/// "did you mean `x`?" for the known word closest to `word`, if any is close.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| format!("did you mean `{candidate}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_with_the_four_sections() {
        for code in Code::ALL {
            let doc = code.doc();
            for section in ["What it means", "Why it matters", "Example", "What to do"] {
                assert!(doc.contains(section), "{} lacks `{section}`", code.name());
            }
        }
    }

    #[test]
    fn code_names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert!(names.iter().all(|n| {
            n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        }));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn suggests_the_closest_known_word() {
        let known = ["value", "range", "date", "tolerance"];
        assert_eq!(
            did_you_mean("valeu", known).as_deref(),
            Some("did you mean `value`?")
        );
        assert_eq!(
            did_you_mean("tolerence", known).as_deref(),
            Some("did you mean `tolerance`?")
        );
        assert_eq!(did_you_mean("xyz", known), None);
    }
}
