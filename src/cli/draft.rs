//! `claimcheck draft`: an editor's draft checked against the ledger and the sources, and
//! its misspelt names fixed on request.

use claimcheck::corpus::Published;
use claimcheck::draft::{self, Fix};
use claimcheck::findings::{Code, Finding};
use claimcheck::render::Format;
use claimcheck::report::Report;

use super::args::DraftArgs;
use super::run::{Setup, run_time};
use super::{fail, write_stderr, write_stdout};

/// Runs `claimcheck draft`.
pub fn run(args: DraftArgs) -> u8 {
    let setup = match Setup::new(&args.settings, &args.run) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let published = match &args.published {
        Some(date) => match Published::parse(date) {
            Ok(published) => published,
            Err(message) => {
                let finding = Finding::new(Code::InvalidValue, format!("--published: {message}"));
                return fail(&Default::default(), &[finding], setup.color);
            }
        },
        None => match Published::parse(&run_time().strftime("%Y-%m-%d").to_string()) {
            Ok(today) => today,
            Err(message) => {
                eprintln!("error: cannot tell today's date: {message}");
                return 2;
            }
        },
    };
    let mut report = match setup.check(args.run.verbose, Some(&args.article), true) {
        Ok(report) => report,
        Err(code) => return code,
    };
    let check_draft = |report: &mut Report| {
        draft::check(report, &args.article, Some(published), args.run.verbose)
            .map_err(|failure| fail(&failure.files, &failure.findings, setup.color))
    };
    if let Err(code) = check_draft(&mut report) {
        return code;
    }
    if args.fix || args.dry_run {
        match fix(&args, &setup, &report) {
            // The draft changed: what is reported is the fixed file.
            Ok(true) => {
                if let Err(code) = check_draft(&mut report) {
                    return code;
                }
            }
            Ok(false) => {}
            Err(code) => return code,
        }
    }
    setup.finish(report)
}

/// Shows the diff of the spelling fixes and, unless `--dry-run`, writes them; says whether
/// the draft was written.
fn fix(args: &DraftArgs, setup: &Setup, report: &Report) -> Result<bool, u8> {
    let Some(draft) = &report.draft else {
        return Ok(false);
    };
    let fixes: Vec<&Fix> = draft
        .names
        .iter()
        .filter_map(|n| n.known.as_ref().and_then(|k| k.fix.as_ref()))
        .collect();
    let file = report.files.get(draft.file);
    let Some(text) = file.full_text() else {
        return Ok(false);
    };
    if fixes.is_empty() {
        write_stderr(&format!("nothing to fix in {}\n", file.display_path()));
        return Ok(false);
    }
    let read = std::fs::read(&args.article).map_err(|error| {
        eprintln!("error: cannot read `{}`: {error}", file.display_path());
        2
    })?;
    if read != text.as_bytes() {
        eprintln!(
            "error: refusing to fix `{}`: it is not UTF-8, or it changed since claimcheck read it",
            file.display_path()
        );
        return Err(2);
    }
    let fixed = draft::fix::apply(text, &fixes);
    let diff = draft::fix::unified_diff(&file.path, text, &fixed);
    // The diff goes where a person reads it: with the report on a terminal format, else to
    // standard error so that a machine-readable report stays whole.
    if setup.config.format.value == Format::Human && setup.config.output.value.is_none() {
        if write_stdout(&diff) != 0 {
            return Err(2);
        }
    } else {
        write_stderr(&diff);
    }
    if args.dry_run {
        return Ok(false);
    }
    let mut protected = setup.config.claims.value.clone();
    protected.extend(setup.config.sources.value.iter().cloned());
    if let Err(error) = draft::fix::write(&args.article, &read, fixed.as_bytes(), &protected) {
        eprintln!("error: {error}");
        return Err(2);
    }
    write_stderr(&format!(
        "fixed {} in {}\n",
        claimcheck::render::counted(fixes.len(), "name"),
        file.display_path()
    ));
    Ok(true)
}
