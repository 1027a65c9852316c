//! The prose of a draft: plain text as it is; for Markdown and HTML, only the words a reader
//! reads (no code, link targets, tags or attributes), one block per line, with a map back
//! to offsets in the file so that every span still points into it.

use std::ops::Range;
use std::path::Path;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How a draft is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    /// Plain text: all of it is prose.
    Text,
    /// Markdown (CommonMark with tables, footnotes and strikethrough).
    Markdown,
    /// HTML.
    Html,
}

impl Markup {
    /// The markup's name.
    pub fn name(self) -> &'static str {
        match self {
            Markup::Text => "text",
            Markup::Markdown => "markdown",
            Markup::Html => "html",
        }
    }

    /// The markup a file's extension says: `.md`/`.markdown`, `.html`/`.htm`, else text.
    pub fn of_path(path: &Path) -> Markup {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Markup::Markdown,
            Some("html" | "htm" | "xhtml") => Markup::Html,
            _ => Markup::Text,
        }
    }
}

/// The prose of a draft and where each part of it is in the file.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The prose: each block (paragraph, heading, list item, table cell) on a line of its
    /// own, blocks separated by a blank line.
    pub text: String,
    /// Where the pieces of `text` come from, in order.
    pieces: Vec<Piece>,
}

/// A piece of prose and the part of the file it comes from.
#[derive(Debug, Clone)]
struct Piece {
    /// Its range in the prose.
    prose: Range<usize>,
    /// Its range in the file.
    file: Range<usize>,
    /// Whether it is the file's text byte for byte (else it stands for all of `file`: an
    /// entity, an escape, a separator between blocks).
    verbatim: bool,
}

impl Prose {
    /// The prose of `text`, marked up as `markup`.
    pub fn of(text: &str, markup: Markup) -> Prose {
        match markup {
            Markup::Text => Prose {
                text: text.to_string(),
                pieces: vec![Piece {
                    prose: 0..text.len(),
                    file: 0..text.len(),
                    verbatim: true,
                }],
            },
            Markup::Markdown => markdown(text),
            Markup::Html => html(text),
        }
    }

    /// The span in the file of `span` in the prose. A span that starts or ends inside a
    /// piece that is not verbatim takes in all of that piece's text in the file.
    pub fn to_file(&self, span: &Range<usize>) -> Range<usize> {
        let piece_at = |offset: usize| {
            let i = self.pieces.partition_point(|p| p.prose.end <= offset);
            self.pieces.get(i).or(self.pieces.last())
        };
        let start = piece_at(span.start).map_or(0, |p| {
            if p.verbatim {
                p.file.start + span.start.saturating_sub(p.prose.start)
            } else {
                p.file.start
            }
        });
        let end = match span.end.checked_sub(1).filter(|_| span.end > span.start) {
            Some(last) => piece_at(last).map_or(start, |p| {
                if p.verbatim {
                    p.file.start + (span.end - p.prose.start).min(p.file.len())
                } else {
                    p.file.end
                }
            }),
            None => start,
        };
        start..end.max(start)
    }

    /// Whether the file holds `span` of the prose byte for byte, so that it can be edited
    /// there: a span in one verbatim piece.
    pub fn is_verbatim(&self, span: &Range<usize>) -> bool {
        let i = self.pieces.partition_point(|p| p.prose.end <= span.start);
        self.pieces
            .get(i)
            .is_some_and(|p| p.verbatim && p.prose.start <= span.start && span.end <= p.prose.end)
    }
}

/// Builds prose piece by piece.
#[derive(Default)]
struct Builder {
    prose: Prose,
    /// Whether the current block has any text yet.
    in_block: bool,
}

impl Builder {
    /// Appends `text`, taken from `file` of the source: byte for byte when `verbatim`.
    /// Line breaks become spaces: a block is one line.
    fn push(&mut self, text: &str, file: Range<usize>, verbatim: bool) {
        if text.is_empty() || (!self.in_block && text.trim().is_empty()) {
            return;
        }
        let start = self.prose.text.len();
        let blank = |c: char| if c == '\n' || c == '\r' { ' ' } else { c };
        self.prose.text.extend(text.chars().map(blank));
        self.prose.pieces.push(Piece {
            prose: start..self.prose.text.len(),
            file,
            verbatim,
        });
        self.in_block = true;
    }

    /// Appends `separator`, which stands for the markup at `at`.
    fn separate(&mut self, separator: &str, at: usize) {
        let start = self.prose.text.len();
        self.prose.text.push_str(separator);
        self.prose.pieces.push(Piece {
            prose: start..self.prose.text.len(),
            file: at..at,
            verbatim: false,
        });
    }

    /// Ends the current block, if it has text.
    fn end_block(&mut self, at: usize) {
        if self.in_block {
            self.separate("\n\n", at);
            self.in_block = false;
        }
    }

    /// A space between words that markup separates (`<br>`, a soft line break).
    fn space(&mut self, at: usize) {
        if self.in_block {
            self.separate(" ", at);
        }
    }
}

fn markdown(source: &str) -> Prose {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::default();
    // Depth inside code blocks, HTML blocks and metadata, whose text is not prose.
    let mut skipping = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                skipping += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skipping = skipping.saturating_sub(1);
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            ) => builder.end_block(range.start),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => builder.end_block(range.end),
            Event::Text(text) if skipping == 0 => {
                let verbatim = source.get(range.clone()) == Some(&*text);
                builder.push(&text, range, verbatim);
            }
            Event::SoftBreak | Event::HardBreak if skipping == 0 => builder.space(range.start),
            // Code, inline HTML, link targets, images' URLs, footnote references and rules
            // are not prose.
            _ => {}
        }
    }
    builder.end_block(source.len());
    builder.prose
}

/// Elements whose text is not prose.
const NOT_PROSE: &[&str] = &[
    "script", "style", "code", "pre", "kbd", "samp", "var", "template", "noscript", "svg", "math",
    "textarea", "select", "iframe", "object",
];

/// Elements that end a block of prose.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "title",
    "body",
    "html",
    "form",
    "fieldset",
    "legend",
];

/// Elements that are a line break inside a block.
const BREAKS: &[&str] = &["br", "wbr"];

fn html(source: &str) -> Prose {
    let mut builder = Builder::default();
    // Open elements whose text is not prose.
    let mut skipping: Vec<String> = Vec::new();
    let mut tag = String::new();
    let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: html5gum::Span| {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                tag = String::from_utf8_lossy(name).to_ascii_lowercase();
                if BLOCKS.contains(&tag.as_str()) {
                    builder.end_block(span.start);
                } else if BREAKS.contains(&tag.as_str()) {
                    builder.space(span.start);
                }
            }
            CallbackEvent::CloseStartTag { self_closing }
                if NOT_PROSE.contains(&tag.as_str()) && !self_closing =>
            {
                skipping.push(tag.clone());
            }
            CallbackEvent::EndTag { name } => {
                let name = String::from_utf8_lossy(name).to_ascii_lowercase();
                if let Some(open) = skipping.iter().rposition(|t| *t == name) {
                    skipping.truncate(open);
                }
                if BLOCKS.contains(&name.as_str()) {
                    builder.end_block(span.end);
                }
            }
            CallbackEvent::String { value } if skipping.is_empty() => {
                let decoded = String::from_utf8_lossy(value);
                let raw = &source[span.start..span.end];
                for (piece, at, verbatim) in align(raw, &decoded) {
                    builder.push(piece, span.start + at.start..span.start + at.end, verbatim);
                }
            }
            _ => {}
        }
        None::<()>
    });
    for _ in html5gum::Tokenizer::new_with_emitter(source, emitter) {}
    // The emitter borrows the builder mutably; it is dropped with the tokenizer.
    builder.end_block(source.len());
    builder.prose
}

/// Splits the decoded text of an HTML text node into pieces, each with its range in `raw`:
/// runs that stand as they are in `raw` (verbatim), and characters decoded from a character
/// reference or a `\r\n`. When the two cannot be aligned, the whole text is one piece.
fn align<'d>(raw: &str, decoded: &'d str) -> Vec<(&'d str, Range<usize>, bool)> {
    let whole = || vec![(decoded, 0..raw.len(), false)];
    let mut pieces = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut run = (0, 0); // start of the current verbatim run, in raw and decoded
    while j < decoded.len() {
        let rest = &raw[i..];
        let Some(c) = decoded[j..].chars().next() else {
            break;
        };
        let length = match rest.chars().next() {
            _ if reference(rest).is_some() => reference(rest),
            Some(a) if a == c => {
                i += a.len_utf8();
                j += c.len_utf8();
                continue;
            }
            Some('\r') if c == '\n' => Some(if rest.starts_with("\r\n") { 2 } else { 1 }),
            _ => None,
        };
        let Some(length) = length else {
            return whole();
        };
        if j > run.1 {
            pieces.push((&decoded[run.1..j], run.0..i, true));
        }
        pieces.push((&decoded[j..j + c.len_utf8()], i..i + length, false));
        i += length;
        j += c.len_utf8();
        run = (i, j);
    }
    if i != raw.len() {
        return whole();
    }
    if j > run.1 {
        pieces.push((&decoded[run.1..j], run.0..i, true));
    }
    pieces
}

/// The length of the character reference `text` starts with (`&amp;`, `&#8217;`,
/// `&#x2019;`), if it does.
fn reference(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let end = body.find(';')?;
    let name = &body[..end];
    let valid = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        !hex.is_empty() && hex.len() <= 6 && hex.chars().all(|c| c.is_ascii_hexdigit())
    } else if let Some(decimal) = name.strip_prefix('#') {
        !decimal.is_empty() && decimal.len() <= 7 && decimal.chars().all(|c| c.is_ascii_digit())
    } else {
        (2..=32).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    };
    valid.then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose, and the text of the file under each word of it.
    fn words(source: &str, markup: Markup) -> (String, Vec<(String, String)>) {
        let prose = Prose::of(source, markup);
        let mut found = Vec::new();
        let mut start = None;
        for (i, c) in prose.text.char_indices().chain([(prose.text.len(), ' ')]) {
            match (c.is_alphanumeric() || c == '\'' || c == '’', start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let span = prose.to_file(&(s..i));
                    found.push((prose.text[s..i].to_string(), source[span].to_string()));
                    start = None;
                }
                _ => {}
            }
        }
        (prose.text, found)
    }

    #[test]
    fn markdown_keeps_prose_and_drops_code_links_and_html() {
        let source = "# Swap &amp; more\n\nMark *Vogel* said `Mark Vogel` and \\*26\\* people\r\nwere [freed](http://x \"Mark\").\n\n```\ncode Mark\n```\n\n- item <b>two</b>\n\n| a | b |\n|---|---|\n| Fogel | 26 |\n";
        let (text, words) = words(source, Markup::Markdown);
        assert_eq!(
            text,
            "Swap & more\n\nMark Vogel said  and *26* people were freed.\n\nitem two\n\na\n\nb\n\nFogel\n\n26\n\n"
        );
        for (prose, file) in &words {
            assert_eq!(prose, file, "{words:?}");
        }
        assert!(!text.contains("code Mark") && !text.contains("http"));
    }

    #[test]
    fn html_keeps_prose_and_maps_entities_to_their_place() {
        let source = "<html><head><title>Swap</title><style>p { }</style></head><body>\n<p>Mark&nbsp;Vogel &amp; 26 <b>people</b>, Russia&rsquo;s\nsay</p><script>var x='Mark';</script><p title=\"Mark\">x&#8217;s <code>Vogel</code> end<br>next</p></body></html>";
        let prose = Prose::of(source, Markup::Html);
        assert_eq!(
            prose.text,
            "Swap\n\nMark\u{a0}Vogel & 26 people, Russia’s say\n\nx’s  end next\n\n"
        );
        let at = |word: &str| {
            let start = prose.text.find(word).expect("in the prose");
            &source[prose.to_file(&(start..start + word.len()))]
        };
        assert_eq!(at("Mark\u{a0}Vogel"), "Mark&nbsp;Vogel");
        assert_eq!(at("Vogel"), "Vogel");
        assert_eq!(at("26"), "26");
        assert_eq!(at("Russia’s"), "Russia&rsquo;s");
        assert_eq!(at("people"), "people");
        assert_eq!(at("next"), "next");
    }

    #[test]
    fn plain_text_is_all_prose() {
        let source = "Mark Vogel\r\n\r\n`code` <b>\n";
        assert_eq!(Prose::of(source, Markup::Text).text, source);
    }

    #[test]
    fn character_references_are_recognised() {
        for (text, length) in [
            ("&amp; x", Some(5)),
            ("&#8217;s", Some(7)),
            ("&#x2019;", Some(8)),
            ("&nbsp;", Some(6)),
            ("& x;", None),
            ("&T", None),
            ("&#;", None),
        ] {
            assert_eq!(reference(text), length, "{text}");
        }
    }
}
