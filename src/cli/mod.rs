//! The command line: arguments, configuration discovery, output streams, colour, exit codes.
//!
//! Exit codes: 0 when no finding is an error, 1 when one is, 2 when the run could not be done
//! (bad ledger, configuration or arguments, unreadable source).

mod args;
mod draft;
mod init;
mod inspect;
mod run;
mod shard;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, ColorChoice, Command};
use claimcheck::files::Files;
use claimcheck::findings::Finding;
use claimcheck::render::{self, Style};

/// Width messages are wrapped at, the same on every machine so output is reproducible.
const WIDTH: usize = 100;

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => run::check(args),
        Command::Draft(args) => draft::run(args),
        Command::Shard(args) => shard::shard(args),
        Command::Merge(args) => shard::merge(args),
        Command::Extract(args) => inspect::extract(args),
        Command::Explain { code } => inspect::explain(code.as_deref()),
        Command::Config(args) => match run::configure(&args.settings) {
            Ok(config) => write_stdout(&config.describe()),
            Err((files, findings)) => fail(&files, &findings, ColorChoice::Auto),
        },
        Command::Init { folder } => init::run(&folder),
        Command::Schema => write_stdout(&render::json::schema()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimcheck", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => write_stdout(&String::from_utf8_lossy(&out)),
                Err(error) => {
                    eprintln!("error: cannot render the manual page: {error}");
                    2
                }
            }
        }
    };
    ExitCode::from(code)
}

/// Prints the findings that stopped a run to stderr and returns exit code 2.
fn fail(files: &Files, findings: &[Finding], color: ColorChoice) -> u8 {
    let out = render::diagnostics::render(
        files,
        findings,
        style(color, std::io::stderr().is_terminal()),
    );
    write_stderr(&out);
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

/// Writes the whole output at once; returns the exit code: 0, or 2 if it cannot be
/// written (a closed pipe, `| head`, is not an error).
fn write_stdout(text: &str) -> u8 {
    match write_stdout_with(|out| out.write_all(text.as_bytes())) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("error: cannot write to standard output: {error}");
            2
        }
    }
}

/// Writes output made as it is written, buffered; a closed pipe (`| head`) is not an error,
/// any other failure to write is.
fn write_stdout_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}

/// Writes to standard error at once.
fn write_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}
