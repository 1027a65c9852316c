//! Findings as miette graphical reports. A finding's labels in its first file make the main
//! report; labels in another file (the ledger, say) make a related report, so both sides of
//! a conflict show at once. Long lines (a whole paragraph is often one line) are shown as a
//! window around the labels, with true line and column numbers.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::files::{File, FileId, Files};
use crate::findings::{Finding, Label, Severity};

/// How findings are drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to use colour.
    pub color: bool,
    /// Width to wrap messages at.
    pub width: usize,
}

/// Characters of context kept on each side of a label on a long line.
const CONTEXT_CHARS: usize = 70;

/// Characters of a long line shown around a label in a related report, the label
/// included: it is drawn indented and must still fit the width.
const RELATED_WINDOW_CHARS: usize = 56;

/// Characters of context kept on each side of a label in a related report, at the least.
const MIN_CONTEXT_CHARS: usize = 12;

/// Renders findings one after another.
pub fn render(files: &Files, findings: &[Finding], style: Style) -> String {
    let mut out = String::new();
    draw(files, findings, style, &mut out);
    out
}

/// Draws findings one after another into `out`.
pub fn draw<F: std::borrow::Borrow<Finding>>(
    files: &Files,
    findings: impl IntoIterator<Item = F>,
    style: Style,
    out: &mut impl std::fmt::Write,
) {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_urls(false)
        .with_context_lines(1)
        // Ids and dates hold hyphens; never break a line inside them.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_show_related_as_nested(true);
    for finding in findings {
        let finding = finding.borrow();
        let report = Report::new(
            files,
            finding,
            finding.message.clone(),
            &finding.labels,
            true,
        );
        // Writing to text in memory cannot fail (a `Chunked` keeps its own error); a
        // failure to read a span is drawn in the report.
        let _ = handler.render_report(out, &report);
        let _ = out.write_char('\n');
    }
}

/// One finding (or its part in one file) as a miette diagnostic.
struct Report<'a> {
    finding: &'a Finding,
    message: String,
    source: Option<Window<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
    main: bool,
}

impl<'a> Report<'a> {
    fn new(
        files: &'a Files,
        finding: &'a Finding,
        message: String,
        labels: &'a [Label],
        main: bool,
    ) -> Self {
        let file = labels.first().map(|l| l.file);
        let (here, elsewhere): (Vec<&Label>, Vec<&Label>) =
            labels.iter().partition(|l| Some(l.file) == file);
        let mut related = Vec::new();
        let mut others: Vec<FileId> = elsewhere.iter().map(|l| l.file).collect();
        others.dedup();
        for other in others {
            let start = labels.iter().position(|l| l.file == other).unwrap_or(0);
            let count = labels[start..]
                .iter()
                .take_while(|l| l.file == other)
                .count();
            let path = files.get(other).display_path();
            related.push(Report::new(
                files,
                finding,
                format!("in {path}"),
                &labels[start..start + count],
                false,
            ));
        }
        Report {
            finding,
            message,
            source: file.map(|f| Window {
                file: files.get(f),
                related: !main,
            }),
            labels: here
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let span = SourceSpan::from(l.span.start..l.span.end);
                    if i == 0 && main {
                        LabeledSpan::new_primary_with_span(Some(l.text.clone()), span)
                    } else {
                        LabeledSpan::new_with_span(Some(l.text.clone()), span)
                    }
                })
                .collect(),
            related,
            main,
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.main
            .then(|| Box::new(self.finding.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        if !self.main {
            return Some(miette::Severity::Advice);
        }
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.finding.help.as_ref().filter(|_| self.main)?;
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<dyn Iterator<Item = LabeledSpan>>)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)) as Box<_>)
    }
}

/// A file shown through a window around the requested span.
struct Window<'a> {
    file: std::borrow::Cow<'a, File>,
    /// Whether it is drawn in a related report, with less context.
    related: bool,
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_before: usize,
        context_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        let file = &*self.file;
        let (from, to, data) = if context_before == 0 && context_after == 0 {
            (start, end, file.slice(start..end))
        } else {
            let first = file.line_of(start);
            let last = file.line_of(end.saturating_sub(1).max(start));
            let (base, text) = file
                .lines_text(first, last)
                .ok_or(MietteError::OutOfBounds)?;
            let (start, end) = (start - base.min(start), end.saturating_sub(base));
            if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(MietteError::OutOfBounds);
            }
            let context = if self.related {
                let span_chars = text[start..end].chars().count();
                (RELATED_WINDOW_CHARS.saturating_sub(span_chars) / 2).max(MIN_CONTEXT_CHARS)
            } else {
                CONTEXT_CHARS
            };
            let (from, to) = (
                window_start(text, 0, start, context),
                window_end(text, text.len(), end, context),
            );
            (base + from, base + to, &text[from..to])
        };
        let position = file.line_col(from);
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.display_path(),
            data.as_bytes(),
            (from..to).into(),
            position.line - 1,
            position.column - 1,
            data.matches('\n').count(),
        )))
    }
}

/// Where a window on the line starting at `line_start` begins, to show `start` with
/// `context` characters before it: the line start if near, else just after a space.
fn window_start(text: &str, line_start: usize, start: usize, context: usize) -> usize {
    let before = &text[line_start..start];
    match before.char_indices().rev().nth(context) {
        None => line_start,
        Some((cut, _)) => {
            let from = line_start + cut;
            text[from..start]
                .find(' ')
                .map_or(from, |space| from + space + 1)
        }
    }
}

/// Where a window ending the line at `line_end` stops, to show `end` with `context`
/// characters after it.
fn window_end(text: &str, line_end: usize, end: usize, context: usize) -> usize {
    let after = &text[end..line_end];
    match after.char_indices().nth(context) {
        None => line_end,
        Some((cut, _)) => {
            let to = end + cut;
            text[end..to].rfind(' ').map_or(to, |space| end + space)
        }
    }
}
