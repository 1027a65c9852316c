//! The command line: arguments, configuration discovery, output streams, colour, exit codes.
//!
//! Exit codes: 0 when no finding is an error, 1 when one is, 2 when the run could not be done
//! (bad ledger, configuration or arguments, unreadable source).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use claimcheck::check::{self, Options, ProgressEvent};
use claimcheck::config::{self, Config, Origin};
use claimcheck::corpus::{Corpus, Published, SourceText};
use claimcheck::extract::Extraction;
use claimcheck::files::{Files, display_path};
use claimcheck::findings::{Code, Finding, Severity, did_you_mean};
use claimcheck::policy::{Baseline, Policy, write_atomically};
use claimcheck::render::{self, Format, Style};

/// Width messages are wrapped at, the same on every machine so output is reproducible.
const WIDTH: usize = 100;

/// Sources beyond this many get a progress bar on a terminal.
const PROGRESS_FROM: usize = 300;

#[derive(Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Checks a ledger of factual claims against source texts, like a compiler."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the claim ledger against the sources.
    Check(CheckArgs),
    /// Show what claimcheck reads in one source: paragraphs, quantities and dates.
    Extract(ExtractArgs),
    /// Print the documentation of a diagnostic code, or list the codes.
    Explain {
        /// A code, such as `contradicts` or `claimcheck::contradicts`.
        code: Option<String>,
    },
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
struct CheckArgs {
    #[command(flatten)]
    settings: Settings,
    /// When to colour the output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Also report each piece of evidence that supports a claim
    #[arg(long, short)]
    verbose: bool,
    /// Threads to read sources with [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Write every current finding to FILE as a baseline (atomically), and exit 0
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(Args)]
struct ConfigArgs {
    #[command(flatten)]
    settings: Settings,
}

/// Settings that `claimcheck.toml` can give too; flags win.
#[derive(Args)]
struct Settings {
    /// Claim file or folder of them; repeatable [default: claims]
    #[arg(long = "claims", value_name = "PATH")]
    claims: Vec<PathBuf>,
    /// Source file or folder of them; repeatable [default: seeds]
    #[arg(long = "sources", value_name = "PATH")]
    sources: Vec<PathBuf>,
    /// Output format [default: human]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Make warnings fail the run like errors
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Option<Deny>,
    /// Show only findings of this severity or above [default: note]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    min_severity: Option<MinSeverity>,
    /// Findings in this baseline file do not fail the run
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Read this configuration file instead of looking for claimcheck.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run
    Warnings,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MinSeverity {
    /// Errors only
    Error,
    /// Errors and warnings
    Warning,
    /// Everything
    Note,
}

#[derive(Args)]
struct ExtractArgs {
    /// The source file to read
    file: PathBuf,
    /// Publication date to resolve years with (2024-12-11, 2024-12, 2024); by default the
    /// one in the `sources.toml` beside the file
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Output format: human or json
    #[arg(long, value_enum, default_value_t = ExtractFormat::Human)]
    format: ExtractFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    /// Paragraphs with their quantities and dates
    Human,
    /// Machine-readable JSON
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Extract(args) => run_extract(args),
        Command::Explain { code } => run_explain(code.as_deref()),
        Command::Config(args) => match configure(&args.settings) {
            Ok((config, _)) => {
                write_stdout(&config.describe());
                0
            }
            Err((files, findings)) => fail(&files, &findings, ColorChoice::Auto),
        },
        Command::Init { folder } => run_init(&folder),
        Command::Schema => {
            write_stdout(&render::json::schema());
            0
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimcheck", &mut out);
            write_stdout(&String::from_utf8_lossy(&out));
            0
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => {
                    write_stdout(&String::from_utf8_lossy(&out));
                    0
                }
                Err(error) => {
                    eprintln!("error: cannot render the manual page: {error}");
                    2
                }
            }
        }
    };
    ExitCode::from(code)
}

/// The configuration file (given or found from the current folder up) under the flags.
fn configure(settings: &Settings) -> Result<(Config, Files), (Files, Vec<Finding>)> {
    let mut files = Files::default();
    let file = match &settings.config {
        Some(path) => Some(path.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|dir| config::discover(&dir)),
    };
    let mut config = match &file {
        Some(path) => {
            Config::read(path, &mut files).map_err(|findings| (files.clone(), findings))?
        }
        None => Config::default(),
    };
    if !settings.claims.is_empty() {
        config
            .claims
            .set(settings.claims.clone(), Origin::Flag("--claims"));
    }
    if !settings.sources.is_empty() {
        config
            .sources
            .set(settings.sources.clone(), Origin::Flag("--sources"));
    }
    if let Some(format) = settings.format {
        config.format.set(format, Origin::Flag("--format"));
    }
    if let Some(output) = &settings.output {
        config
            .output
            .set(Some(output.clone()), Origin::Flag("--output"));
    }
    if settings.deny == Some(Deny::Warnings) {
        config.deny_warnings.set(true, Origin::Flag("--deny"));
    }
    if let Some(min) = settings.min_severity {
        let min = match min {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Note => Severity::Note,
        };
        config.min_severity.set(min, Origin::Flag("--min-severity"));
    }
    if let Some(baseline) = &settings.baseline {
        config
            .baseline
            .set(Some(baseline.clone()), Origin::Flag("--baseline"));
    }
    Ok((config, files))
}

fn run_check(args: CheckArgs) -> u8 {
    if let Some(threads) = args.threads {
        if let Err(error) = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
        {
            eprintln!("error: cannot start {threads} threads: {error}");
            return 2;
        }
    }
    let (config, _) = match configure(&args.settings) {
        Ok(configured) => configured,
        Err((files, findings)) => return fail(&files, &findings, args.color),
    };
    let baseline = match &config.baseline.value {
        Some(path) => match Baseline::read(path) {
            Ok(baseline) => Some(baseline),
            Err(error) => {
                let message = format!("cannot read the baseline `{}`: {error}", display_path(path));
                return fail(
                    &Files::default(),
                    &[Finding::new(Code::UnreadableFile, message)],
                    args.color,
                );
            }
        },
        None => None,
    };
    let options = Options {
        claims: config.claims.value.clone(),
        sources: config.sources.value.clone(),
        verbose: args.verbose,
        progress: progress_bar(),
    };
    let mut report = match check::check(&options) {
        Ok(report) => report,
        Err(failure) => return fail(&failure.files, &failure.findings, args.color),
    };
    let policy = Policy {
        severity: config
            .severity
            .iter()
            .map(|(code, setting)| (*code, setting.value))
            .collect(),
        deny_warnings: config.deny_warnings.value,
        min_severity: Some(config.min_severity.value),
        baseline,
    };
    if let Some(path) = &args.write_baseline {
        let unfiltered = Policy {
            baseline: None,
            min_severity: None,
            ..policy
        };
        unfiltered.apply(&mut report);
        let baseline = Baseline::of(&report);
        return match baseline.write(path) {
            Ok(()) => {
                eprintln!(
                    "wrote {} findings to the baseline {}",
                    baseline.findings.len(),
                    display_path(path)
                );
                0
            }
            Err(error) => {
                eprintln!("error: {error}");
                2
            }
        };
    }
    let held_back = policy.apply(&mut report);
    let out = match config.format.value {
        Format::Human => {
            let terminal = config.output.value.is_none() && std::io::stdout().is_terminal();
            let mut out = render::human::render(&report, style(args.color, terminal));
            if held_back > 0 {
                out.push_str(&format!(
                    "{} in the baseline\n",
                    render::counted(held_back, "finding")
                ));
            }
            out
        }
        Format::Json => render::json::render(&report),
        Format::Sarif => render::sarif::render(&report),
        Format::Github => render::github::render(&report),
        Format::Markdown => render::markdown::render(&report),
        Format::Html => render::html::render(&report, &run_date()),
    };
    match &config.output.value {
        Some(path) => {
            if let Err(error) = write_atomically(path, out.as_bytes()) {
                eprintln!("error: {error}");
                return 2;
            }
        }
        None => write_stdout(&out),
    }
    u8::try_from(report.exit_code()).unwrap_or(1)
}

/// A progress bar on standard error when it is a terminal and there are many sources.
fn progress_bar() -> Option<Arc<check::Progress>> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::hidden();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} sources read  {elapsed}")
    {
        bar.set_style(style);
    }
    Some(Arc::new(move |event| match event {
        ProgressEvent::Found(count) if count > PROGRESS_FROM => {
            bar.set_length(count as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        ProgressEvent::Found(_) => {}
        ProgressEvent::Checked => {
            bar.inc(1);
            if bar.length().is_some_and(|length| bar.position() >= length) {
                bar.finish_and_clear();
            }
        }
    }))
}

/// The run's date: `SOURCE_DATE_EPOCH` (seconds) when set, for reproducible reports; now
/// otherwise.
fn run_date() -> String {
    let timestamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    timestamp.strftime("%Y-%m-%d %H:%M:%S UTC").to_string()
}

fn run_extract(args: ExtractArgs) -> u8 {
    let mut files = Files::default();
    let published = match args.published.as_deref().map(Published::parse) {
        Some(Ok(published)) => Some(published),
        Some(Err(message)) => {
            let finding = Finding::new(Code::InvalidValue, format!("--published: {message}"));
            return fail(&files, &[finding], ColorChoice::Auto);
        }
        None => match Corpus::discover(std::slice::from_ref(&args.file), &mut files) {
            Ok(corpus) => corpus.sources.first().and_then(|s| s.meta.published),
            Err(findings) => return fail(&files, &findings, ColorChoice::Auto),
        },
    };
    let source = match SourceText::read(&args.file) {
        Ok(source) => source,
        Err(error) => {
            let message = format!("cannot read `{}`: {error}", display_path(&args.file));
            return fail(
                &files,
                &[Finding::new(Code::UnreadableFile, message)],
                ColorChoice::Auto,
            );
        }
    };
    let extraction = Extraction::of(&source.text, &source.structure, published);
    let path = display_path(&args.file);
    let read = render::extraction::Read {
        path: &path,
        source: &source,
        extraction: &extraction,
        published,
    };
    write_stdout(&match args.format {
        ExtractFormat::Human => render::extraction::human(&read),
        ExtractFormat::Json => render::extraction::json(&read),
    });
    0
}

fn run_explain(code: Option<&str>) -> u8 {
    let Some(name) = code else {
        let mut out = String::from("Diagnostic codes (claimcheck explain CODE for more):\n\n");
        for code in Code::ALL {
            let severity = code.severity().to_string();
            out.push_str(&format!(
                "  {:<20} {severity:<8} {}\n",
                code.name(),
                code.summary()
            ));
        }
        write_stdout(&out);
        return 0;
    };
    let name = name.trim_start_matches("claimcheck::");
    match Code::ALL.iter().find(|c| c.name() == name) {
        Some(code) => {
            write_stdout(&format!(
                "{code} ({})\n\n{}\n",
                code.severity(),
                code.documentation()
            ));
            0
        }
        None => {
            let mut finding = Finding::new(
                Code::InvalidValue,
                format!("`{name}` is not a claimcheck code"),
            );
            finding.help = did_you_mean(name, Code::ALL.iter().map(|c| c.name()))
                .or_else(|| Some("run `claimcheck explain` to list the codes".to_string()));
            fail(&Files::default(), &[finding], ColorChoice::Auto)
        }
    }
}

const STARTER_CONFIG: &str = r#"# claimcheck configuration: `claimcheck config` shows what is in effect.
claims = ["claims"]
sources = ["seeds"]
format = "human"            # human, json, sarif, github, markdown or html
min_severity = "note"       # error, warning or note
deny_warnings = false

# A severity per diagnostic code: error, warning, note or off.
[severity]
unmatched-quantity = "note"
"#;

const STARTER_CLAIMS: &str = r#"# A claim file: one [[claim]] per fact, checked against every source in seeds/.
# `claimcheck explain` documents the findings; the README, the format.

[topic]
id = "example"
title = "An example topic"
cues = ["exchange"]          # patterns count only in paragraphs that name one of these

[[claim]]
id = "example.total"
statement = "26 people were exchanged in total"
value = 26
patterns = ["a total of {n}", "{n} people were exchanged"]

[[claim.example]]            # a self-test, checked on every run
text = "A total of 26 people were included in the exchange."
verdict = "supports"
"#;

fn run_init(folder: &Path) -> u8 {
    let mut status = 0;
    let files = [
        (folder.join(config::FILE_NAME), Some(STARTER_CONFIG)),
        (folder.join("claims/example.toml"), Some(STARTER_CLAIMS)),
        (folder.join("seeds"), None),
    ];
    for (path, contents) in files {
        let shown = display_path(&path);
        if path.exists() {
            println!("kept {shown}: it exists");
            continue;
        }
        let written = match contents {
            Some(contents) => path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, contents)),
            None => std::fs::create_dir_all(&path),
        };
        match written {
            Ok(()) => println!("wrote {shown}"),
            Err(error) => {
                eprintln!("error: cannot write {shown}: {error}");
                status = 2;
            }
        }
    }
    status
}

/// Prints the findings that stopped a run to stderr and returns exit code 2.
fn fail(files: &Files, findings: &[Finding], color: ColorChoice) -> u8 {
    let out = render::diagnostics::render(
        files,
        findings,
        style(color, std::io::stderr().is_terminal()),
    );
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(out.as_bytes());
    let _ = stderr.flush();
    2
}

fn style(choice: ColorChoice, terminal: bool) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    Style {
        color,
        width: WIDTH,
    }
}

/// Writes the whole output at once; a closed pipe (`| head`) is not an error.
fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
