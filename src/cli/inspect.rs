//! `claimcheck extract` and `claimcheck explain`: what claimcheck reads in a source, and
//! what its codes mean.

use claimcheck::corpus::{Corpus, Published, SourceText};
use claimcheck::extract::Extraction;
use claimcheck::files::{Files, display_path};
use claimcheck::findings::{Code, Finding, did_you_mean};
use claimcheck::render;

use super::args::{ColorChoice, ExtractArgs, ExtractFormat};
use super::{fail, write_stdout};

/// Shows the paragraphs, quantities and dates of one source.
pub fn extract(args: ExtractArgs) -> u8 {
    let mut files = Files::default();
    let published = match args.published.as_deref().map(Published::parse) {
        Some(Ok(published)) => Some(published),
        Some(Err(message)) => {
            let finding = Finding::new(Code::InvalidValue, format!("--published: {message}"));
            return fail(&files, &[finding], ColorChoice::Auto);
        }
        None => match Corpus::discover(std::slice::from_ref(&args.file), &mut files, None) {
            Ok(corpus) => corpus.sources.first().and_then(|s| s.published),
            Err(findings) => return fail(&files, &findings, ColorChoice::Auto),
        },
    };
    let unreadable = |error: &dyn std::fmt::Display| {
        let message = format!("cannot read `{}`: {error}", display_path(&args.file));
        fail(
            &files,
            &[Finding::new(Code::UnreadableFile, message)],
            ColorChoice::Auto,
        )
    };
    let source = match SourceText::read(&args.file) {
        Ok(source) => source,
        Err(error) => return unreadable(&error),
    };
    let extraction = match Extraction::of(&source.text, &source.structure, published) {
        Ok(extraction) => extraction,
        Err(error) => return unreadable(&error),
    };
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
    })
}

/// Prints the documentation of a code, or the list of codes.
pub fn explain(code: Option<&str>) -> u8 {
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
        return write_stdout(&out);
    };
    let name = name.trim_start_matches("claimcheck::");
    match Code::ALL.iter().find(|c| c.name() == name) {
        Some(code) => write_stdout(&format!(
            "{code} ({})\n\n{}\n",
            code.severity(),
            code.documentation()
        )),
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
