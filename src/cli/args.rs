//! The command line's definition: subcommands, flags and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use claimcheck::render::Format;

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Checks a ledger of factual claims against source texts, like a compiler."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check the claim ledger against the sources.
    Check(CheckArgs),
    /// Check a draft article (text, Markdown or HTML) against the ledger and the sources,
    /// and fix its misspelt names.
    Draft(DraftArgs),
    /// Show what claimcheck reads in one source: paragraphs, quantities and dates.
    Extract(ExtractArgs),
    /// Print the documentation of a diagnostic code, or list the codes.
    Explain {
        /// A code, such as `contradicts` or `claimcheck::contradicts`.
        code: Option<String>,
    },
    /// Check one part of a large corpus and write a shard for `merge` (the baseline and the
    /// format are the merge's).
    Shard(ShardArgs),
    /// Merge the shards of a corpus into the report one `check` over all of it would make.
    Merge(MergeArgs),
    /// Print the effective configuration and where each value comes from.
    Config(ConfigArgs),
    /// Write a starter claimcheck.toml, claims/example.toml and an empty seeds/ (never
    /// overwriting a file).
    Init {
        /// The folder to set up
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Print the JSON Schema of the `--format json` report.
    Schema,
    /// Print shell completions.
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub settings: Settings,
    #[command(flatten)]
    pub run: RunFlags,
    /// Write every current finding to FILE as a baseline (atomically), and exit 0
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Args)]
pub struct DraftArgs {
    /// The draft: plain text, Markdown (.md) or HTML (.html); only its prose is checked
    pub article: PathBuf,
    #[command(flatten)]
    pub settings: Settings,
    #[command(flatten)]
    pub run: RunFlags,
    /// The date the draft's dates without a year are read against [default: today]
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Replace misspelt names with the ledger's spelling (after showing the diff); nothing
    /// else is changed
    #[arg(long)]
    pub fix: bool,
    /// Show the diff `--fix` would apply, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args)]
pub struct ShardArgs {
    /// Claim file or folder of them; repeatable [default: claims]
    #[arg(long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,
    /// Source file or folder of them: this shard's part of the corpus; repeatable
    #[arg(long = "sources", value_name = "PATH", required = true)]
    pub sources: Vec<PathBuf>,
    /// Write the shard to FILE (atomically)
    #[arg(long, short, value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Keep only findings of this severity or above; the merge must show no more
    /// [default: note]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<MinSeverity>,
    /// Read this configuration file instead of looking for claimcheck.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunFlags,
}

#[derive(Args)]
// The sources are the shards'; `--sources` is refused with a message, not listed.
#[command(mut_arg("sources", |arg| arg.hide(true)))]
pub struct MergeArgs {
    /// The shards, as `claimcheck shard -o FILE` wrote them
    #[arg(required = true, value_name = "SHARD")]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub settings: Settings,
    /// When to colour the output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Flags of a run that the configuration file does not give.
#[derive(Args)]
pub struct RunFlags {
    /// When to colour the output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Also report each piece of evidence that supports a claim
    #[arg(long, short)]
    pub verbose: bool,
    /// Threads to read sources with [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub settings: Settings,
}

/// Settings that `claimcheck.toml` can give too; flags win.
#[derive(Args, Default)]
pub struct Settings {
    /// Claim file or folder of them; repeatable [default: claims]
    #[arg(long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,
    /// Source file or folder of them; repeatable [default: seeds]
    #[arg(long = "sources", value_name = "PATH")]
    pub sources: Vec<PathBuf>,
    /// Output format [default: human]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Make warnings fail the run like errors
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
    /// Show only findings of this severity or above [default: note]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<MinSeverity>,
    /// Findings in this baseline file do not fail the run
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Read this configuration file instead of looking for claimcheck.toml
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run
    Warnings,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    /// Errors only
    Error,
    /// Errors and warnings
    Warning,
    /// Everything
    Note,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// The source file to read
    pub file: PathBuf,
    /// Publication date to resolve years with (2024-12-11, 2024-12, 2024); by default the
    /// one in the `sources.toml` beside the file
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Output format: human or json
    #[arg(long, value_enum, default_value_t = ExtractFormat::Human)]
    pub format: ExtractFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Paragraphs with their quantities and dates
    Human,
    /// Machine-readable JSON
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}
