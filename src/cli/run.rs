//! What `check` and `draft` share: configuration under the flags, threads, the corpus run
//! with a progress bar, the policy, and writing the report in the chosen format.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use claimcheck::check::{self, Options, ProgressEvent};
use claimcheck::config::{self, Config, Origin};
use claimcheck::files::{Files, display_path, write_atomically_with};
use claimcheck::findings::{Code, Finding, Severity};
use claimcheck::policy::{Baseline, Policy};
use claimcheck::render::{self, Format};
use claimcheck::report::Report;

use super::args::{CheckArgs, ColorChoice, Deny, MinSeverity, RunFlags, Settings};
use super::{fail, style, write_stdout_with};

/// Sources beyond this many get a progress bar on a terminal.
const PROGRESS_FROM: usize = 300;

/// The configuration file (given or found from the current folder up) under the flags.
pub fn configure(settings: &Settings) -> Result<Config, (Files, Vec<Finding>)> {
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
    Ok(config)
}

/// A run's configuration and policy, read before any source.
pub struct Setup {
    /// The effective configuration.
    pub config: Config,
    /// What the configuration decides about findings.
    pub policy: Policy,
    /// When to colour.
    pub color: ColorChoice,
}

impl Setup {
    /// Reads the configuration and the baseline and starts the threads; on failure, prints
    /// why and returns the exit code.
    pub fn new(settings: &Settings, run: &RunFlags) -> Result<Setup, u8> {
        if let Some(threads) = run.threads {
            if let Err(error) = rayon::ThreadPoolBuilder::new()
                .num_threads(threads.max(1))
                .build_global()
            {
                eprintln!("error: cannot start {threads} threads: {error}");
                return Err(2);
            }
        }
        let config = configure(settings).map_err(|(files, f)| fail(&files, &f, run.color))?;
        let baseline = match &config.baseline.value {
            Some(path) => Some(Baseline::read(path).map_err(|error| {
                let message = format!("cannot read the baseline `{}`: {error}", display_path(path));
                let finding = Finding::new(Code::UnreadableFile, message);
                fail(&Files::default(), &[finding], run.color)
            })?),
            None => None,
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
        Ok(Setup {
            config,
            policy,
            color: run.color,
        })
    }

    /// Checks the ledger against the sources, leaving out `exclude` (a draft); keeps only
    /// the findings the policy shows when `filter`.
    pub fn check(&self, verbose: bool, exclude: Option<&Path>, filter: bool) -> Result<Report, u8> {
        check::check(&self.options(verbose, exclude, filter))
            .map_err(|failure| fail(&failure.files, &failure.findings, self.color))
    }

    /// Reads the ledger and the sources, keeping the findings the policy shows (the
    /// baseline is applied when the shards are merged).
    pub fn gather(&self, verbose: bool) -> Result<check::Gathered, u8> {
        check::gather(&self.options(verbose, None, true))
            .map_err(|failure| fail(&failure.files, &failure.findings, self.color))
    }

    /// The policy findings are filtered with as each source is read: all but the baseline.
    pub fn worker_policy(&self) -> Policy {
        Policy {
            baseline: None,
            ..self.policy.clone()
        }
    }

    fn options(&self, verbose: bool, exclude: Option<&Path>, filter: bool) -> Options {
        Options {
            claims: self.config.claims.value.clone(),
            sources: self.config.sources.value.clone(),
            verbose,
            progress: progress_bar(),
            exclude: exclude.map(Path::to_path_buf),
            policy: if filter {
                self.worker_policy()
            } else {
                Policy::default()
            },
        }
    }

    /// Applies the policy to `report`, writes it in the configured format and returns the
    /// exit code; the report is not freed, as the process ends next.
    pub fn finish(&self, mut report: Report) -> u8 {
        let held_back = self.policy.apply(&mut report);
        // Every format but Markdown, a summary that does not list each finding, is written
        // as it is made.
        let render = |out: &mut dyn Write| match self.config.format.value {
            Format::Json => render::json::write(&report, out),
            Format::Sarif => render::sarif::write(&report, out),
            Format::Github => render::github::write(&report, out),
            Format::Human => {
                let terminal =
                    self.config.output.value.is_none() && std::io::stdout().is_terminal();
                render::human::write(&report, style(self.color, terminal), out)?;
                if held_back > 0 {
                    let held_back = render::counted(held_back, "finding");
                    writeln!(out, "{held_back} in the baseline")?;
                }
                Ok(())
            }
            Format::Markdown => out.write_all(render::markdown::render(&report)?.as_bytes()),
            Format::Html => render::html::write(
                &report,
                &run_time().strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
                out,
            ),
        };
        // A report that misses what could not be read back from the spill file fails
        // (and is not put in place of the output file).
        let write = |out: &mut dyn Write| render(out).and_then(|()| report.files.intact());
        let written = match &self.config.output.value {
            Some(path) => write_atomically_with(path, None, write),
            None => write_stdout_with(write)
                .map_err(|error| format!("cannot write to standard output: {error}")),
        };
        if let Err(error) = written {
            eprintln!("error: {error}");
            return 2;
        }
        let code = u8::try_from(report.exit_code()).unwrap_or(1);
        // The process ends next: the system takes back the report's memory whole, faster
        // than it is freed piece by piece (0.2 s of a 1 GiB run).
        std::mem::forget(report);
        code
    }
}

/// `claimcheck check`.
pub fn check(args: CheckArgs) -> u8 {
    let setup = match Setup::new(&args.settings, &args.run) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let mut report = match setup.check(args.run.verbose, None, args.write_baseline.is_none()) {
        Ok(report) => report,
        Err(code) => return code,
    };
    let Some(path) = &args.write_baseline else {
        return setup.finish(report);
    };
    let unfiltered = Policy {
        baseline: None,
        min_severity: None,
        ..setup.policy.clone()
    };
    unfiltered.apply(&mut report);
    let baseline = Baseline::of(&report);
    let intact = report.files.intact().map_err(|error| error.to_string());
    match intact.and_then(|()| baseline.write(path)) {
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
    }
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

/// The run's time: `SOURCE_DATE_EPOCH` (seconds) when set, for reproducible reports; now
/// otherwise.
pub fn run_time() -> jiff::Timestamp {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
        .unwrap_or_else(jiff::Timestamp::now)
}
