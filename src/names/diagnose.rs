//! Findings about names: variant spellings of the ledger's entities, and names the corpus
//! spells more than one way.

use similar::{ChangeTag, TextDiff};

use super::cluster::SpellingGroup;
use super::compare::Signal;
use super::resolve::{NameVerdict, Resolved};
use super::translit::transliterate;
use crate::files::FileId;
use crate::findings::{Code, Finding};
use crate::ledger::{Accepted, Entity};

/// A character diff from `from` to `to`: kept text as is, `[-removed-]`, `{+added+}`.
pub fn char_diff(from: &str, to: &str) -> String {
    let diff = TextDiff::from_chars(from, to);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => out.push_str(text),
            ChangeTag::Delete => {
                if out.ends_with("-]") {
                    out.truncate(out.len() - 2);
                } else {
                    out.push_str("[-");
                }
                out.push_str(text);
                out.push_str("-]");
            }
            ChangeTag::Insert => {
                if out.ends_with("+}") {
                    out.truncate(out.len() - 2);
                } else {
                    out.push_str("{+");
                }
                out.push_str(text);
                out.push_str("+}");
            }
        }
    }
    out
}

fn describe(signals: &[Signal]) -> String {
    signals
        .iter()
        .map(|s| s.describe())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A `variant` finding for a mention spelt `written` at `span` of a source.
pub fn variant(
    entity: &Entity,
    resolved: &Resolved,
    written: &str,
    source: (&str, FileId),
    span: std::ops::Range<usize>,
) -> Finding {
    let spellings = entity.spellings();
    let (spelling, accepted, spelling_span) =
        spellings.get(resolved.spelling).cloned().unwrap_or((
            entity.name.as_str(),
            Accepted::Canonical,
            entity.name_span.clone(),
        ));
    let of = match accepted {
        Accepted::AlsoKnownAs => format!("`{spelling}`, another name of `{}`", entity.name),
        _ => format!("`{}`", entity.name),
    };
    let how = match resolved.system {
        Some(system) => format!("read as {} under {system}", transliterate(written, system)),
        None => char_diff(spelling, written),
    };
    let help = if resolved.system.is_some() && entity.native.is_none() {
        format!(
            "if `{written}` is the spelling in its own script, declare `native = \"{written}\"` for `{}`",
            entity.id
        )
    } else {
        format!(
            "if `{written}` is an accepted spelling, add it to `aliases` of `{}`",
            entity.id
        )
    };
    let signals = if resolved.signals.is_empty() {
        String::new()
    } else {
        format!("; {}", describe(&resolved.signals))
    };
    Finding::new(
        Code::Variant,
        format!("`{written}` is a variant spelling of {of}"),
    )
    .label(source.1, span, format!("{how}{signals}"))
    .label(
        entity.file,
        spelling_span,
        format!("the ledger: {spelling}"),
    )
    .help(help)
    .source(source.0)
}

/// An `inconsistent-spelling` finding; `file_of` gives each source's file and id.
pub fn inconsistent(group: &SpellingGroup, file_of: &dyn Fn(usize) -> (FileId, String)) -> Finding {
    let listed: Vec<String> = group
        .spellings
        .iter()
        .map(|s| format!("`{}` ({}×)", s.spelling, s.count))
        .collect();
    let mut finding = Finding::new(
        Code::InconsistentSpelling,
        format!(
            "the corpus spells one name {} ways: {}",
            group.spellings.len(),
            listed.join(", ")
        ),
    );
    let mut sources = Vec::new();
    for spelling in &group.spellings {
        if let Some(first) = spelling.occurrences.first() {
            let (file, id) = file_of(first.source());
            let more = spelling.count - 1;
            let text = if more == 0 {
                spelling.spelling.clone()
            } else {
                format!("{} (and {more} more)", spelling.spelling)
            };
            finding = finding.label(file, first.span(), text);
            sources.push(id);
        }
    }
    // Labels in one file go together, in text order, so the report can show them at once.
    finding.labels.sort_by_key(|l| (l.file, l.span.start));
    finding.help(format!(
        "{}; declare the name as an [[entity]] with its canonical spelling, and list the others as `aliases` if they are accepted",
        describe(&group.signals)
    ))
}

/// What a verdict on a name is called in reports.
pub fn verdict_name(verdict: NameVerdict) -> &'static str {
    match verdict {
        NameVerdict::Canonical => "canonical",
        NameVerdict::Alias => "alias",
        NameVerdict::AlsoKnownAs => "also-known-as",
        NameVerdict::Variant => "variant",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_show_what_changed() {
        assert_eq!(
            char_diff("Marc Fogel", "Mark Vogel"),
            "Mar[-c-]{+k+} [-F-]{+V+}ogel"
        );
        assert_eq!(
            char_diff("Kevin Lick", "Kevin Leek"),
            "Kevin L[-ic-]{+ee+}k"
        );
        assert_eq!(char_diff("Witkoff", "Whitkoff"), "W{+h+}itkoff");
    }
}
