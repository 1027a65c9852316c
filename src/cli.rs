//! The command line: arguments, output streams, colour, exit codes.
//!
//! Exit codes: 0 when no finding is an error, 1 when one is, 2 when the run could not be done
//! (bad ledger, unreadable source, bad arguments).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use claimcheck::check::{self, Options};
use claimcheck::corpus::{Corpus, Published, SourceText};
use claimcheck::extract::Extraction;
use claimcheck::files::{Files, display_path};
use claimcheck::findings::{Code, Finding, did_you_mean};
use claimcheck::render::{self, Style};

/// Width messages are wrapped at, the same on every machine so output is reproducible.
const WIDTH: usize = 100;

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
}

#[derive(Args)]
struct CheckArgs {
    /// Claim file or folder of them; repeatable [default: claims]
    #[arg(long = "claims", value_name = "PATH")]
    claims: Vec<PathBuf>,
    /// Source file or folder of them; repeatable [default: seeds]
    #[arg(long = "sources", value_name = "PATH")]
    sources: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Also report each piece of evidence that supports a claim
    #[arg(long, short)]
    verbose: bool,
    /// Threads to read sources with [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

#[derive(Args)]
struct ExtractArgs {
    /// The source file to read
    file: PathBuf,
    /// Publication date to resolve years with (2024-12-11, 2024-12, 2024); by default the
    /// one in the `sources.toml` beside the file
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics and a summary table
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
    };
    ExitCode::from(code)
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
    let default = |paths: Vec<PathBuf>, folder: &str| {
        if paths.is_empty() {
            vec![PathBuf::from(folder)]
        } else {
            paths
        }
    };
    let options = Options {
        claims: default(args.claims, "claims"),
        sources: default(args.sources, "seeds"),
        verbose: args.verbose,
    };
    match check::check(&options) {
        Ok(report) => {
            let out = match args.format {
                Format::Human => render::human::render(
                    &report,
                    style(args.color, std::io::stdout().is_terminal()),
                ),
                Format::Json => render::json::render(&report),
            };
            write_stdout(&out);
            u8::try_from(report.exit_code()).unwrap_or(1)
        }
        Err(failure) => fail(&failure.files, &failure.findings, args.color),
    }
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
        Format::Human => render::extraction::human(&read),
        Format::Json => render::extraction::json(&read),
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
                summary(code.doc())
            ));
        }
        write_stdout(&out);
        return 0;
    };
    let name = name.trim_start_matches("claimcheck::");
    match Code::ALL.iter().find(|c| c.name() == name) {
        Some(code) => {
            let mut out = format!("{code} ({})\n\n", code.severity());
            for line in doc_lines(code.doc()) {
                out.push_str(&line);
                out.push('\n');
            }
            write_stdout(&out);
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

/// The first sentence of a code's "What it means" section.
fn summary(doc: &str) -> String {
    let lines = doc_lines(doc);
    let meaning: Vec<&str> = lines
        .iter()
        .skip_while(|l| !l.starts_with("## What it means"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(String::as_str)
        .collect();
    let text = meaning.join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_string(),
        None => text,
    }
}

/// The lines of a doc comment without the space after `///`.
fn doc_lines(doc: &str) -> Vec<String> {
    doc.lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line).to_string())
        .collect()
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
