//! `claimcheck shard` and `claimcheck merge`: one corpus checked in parts, on as many
//! machines as there are parts, and reported as one run.

use claimcheck::check::Gathered;
use claimcheck::files::{Files, display_path, write_atomically_with};
use claimcheck::findings::{Code, Finding};
use claimcheck::shard;

use super::args::{MergeArgs, RunFlags, Settings, ShardArgs};
use super::fail;
use super::run::Setup;

/// `claimcheck shard`: checks the sources given and writes the shard.
pub fn shard(args: ShardArgs) -> u8 {
    let settings = Settings {
        claims: args.claims,
        sources: args.sources,
        config: args.config,
        min_severity: args.min_severity,
        ..Settings::default()
    };
    let setup = match Setup::new(&settings, &args.run) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let gathered = match setup.gather(args.run.verbose) {
        Ok(gathered) => gathered,
        Err(code) => return code,
    };
    let sources = gathered.sources.len();
    let policy = setup.worker_policy();
    let written = write_atomically_with(&args.output, None, |out| {
        shard::write(gathered, &policy, out)
    });
    if let Err(error) = written {
        eprintln!("error: {error}");
        return 2;
    }
    eprintln!(
        "wrote {} ({sources} sources) for `claimcheck merge`",
        display_path(&args.output)
    );
    0
}

/// `claimcheck merge`: the report of the shards' sources, as one run over all of them.
pub fn merge(args: MergeArgs) -> u8 {
    if !args.settings.sources.is_empty() {
        let finding = Finding::new(
            Code::InvalidValue,
            "`merge` takes its sources from the shards, not from --sources",
        )
        .help("give --sources to `claimcheck shard`, once per part of the corpus");
        return fail(&Files::default(), &[finding], args.color);
    }
    let run = RunFlags {
        color: args.color,
        verbose: false,
        threads: None,
    };
    let setup = match Setup::new(&args.settings, &run) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let merged = shard::merge(
        &setup.config.claims.value,
        &args.shards,
        &setup.worker_policy(),
    );
    match merged.and_then(Gathered::assemble) {
        Ok(report) => setup.finish(report),
        Err(failure) => fail(&failure.files, &failure.findings, args.color),
    }
}
