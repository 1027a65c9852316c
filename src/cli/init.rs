//! `claimcheck init`: a starter configuration, claim file and sources folder.

use std::path::Path;

use claimcheck::config;
use claimcheck::files::display_path;

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

/// Writes the starter files under `folder`, keeping any that exist.
pub fn run(folder: &Path) -> u8 {
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
