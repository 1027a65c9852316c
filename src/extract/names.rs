//! Name mentions: runs of capitalised words in Latin or Cyrillic script ("Marc Fogel",
//! "Vladimir Kara-Murza", "J.D. Vance", "Александр Дарчиев", "SERGEY DOLZHENKO" in a photo
//! credit), without the titles, roles and sentence openers before them ("Russian Deputy
//! Foreign Minister Sergei Ryabkov" is "Sergei Ryabkov"), split where an organisation or
//! place word ends ("The Wall Street Journal Evan Gershkovich"), and without a possessive
//! "'s". A single capitalised word is a mention too, for matching surnames; whether it
//! starts its sentence is kept, since there it is no evidence of a name.

use std::ops::Range;
use std::sync::OnceLock;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use super::numbers::{scale_word, small_cardinal};
use super::tokens::Toks;
use crate::text::TokenKind;

/// A name as written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// The words as written, separated by single spaces: hyphenated and apostrophe names
    /// joined ("Kara-Murza", "O'Brien"), initials with their full stop ("J.").
    pub name: CompactString,
    /// How many words it has.
    pub words: usize,
    /// Whether the mention is the first word of its sentence.
    pub sentence_initial: bool,
    /// Whether it reads as a person's name: two or more words, none of them a word of
    /// organisations or places.
    pub person_like: bool,
}

/// Capitalised words that open sentences or stand before names without being names:
/// function words, titles and roles, nationalities, months and days.
const NOT_NAMES: &[&str] = &[
    // Function words and sentence openers.
    "a",
    "about",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "back",
    "because",
    "before",
    "besides",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "first",
    "following",
    "for",
    "from",
    "further",
    "furthermore",
    "given",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "it",
    "its",
    "just",
    "last",
    "later",
    "like",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "my",
    "neither",
    "never",
    "nevertheless",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "per",
    "perhaps",
    "prior",
    "second",
    "secondly",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "together",
    "tomorrow",
    "under",
    "unlike",
    "until",
    "upon",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
    "you",
    "your",
    "photo",
    "video",
    "source",
    "read",
    "see",
    "note",
    "update",
    "breaking",
    // Titles and roles.
    "acting",
    "adm",
    "admiral",
    "adviser",
    "advisor",
    "agent",
    "ambassador",
    "analyst",
    "assistant",
    "associate",
    "attorney",
    "bishop",
    "brother",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "comrade",
    "congressman",
    "congresswoman",
    "consul",
    "correspondent",
    "councillor",
    "count",
    "dame",
    "defence",
    "defense",
    "delegate",
    "deputy",
    "director",
    "doctor",
    "dr",
    "duke",
    "editor",
    "emperor",
    "envoy",
    "executive",
    "father",
    "first",
    "foreign",
    "former",
    "founder",
    "gen",
    "general",
    "governor",
    "head",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "madam",
    "major",
    "marine",
    "marshal",
    "mayor",
    "minister",
    "miss",
    "mister",
    "mr",
    "mrs",
    "ms",
    "officer",
    "patriarch",
    "pilot",
    "pope",
    "premier",
    "presidential",
    "president",
    "press",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "researcher",
    "reverend",
    "saint",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sir",
    "sister",
    "speaker",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "st",
    "state",
    "sultan",
    "tsar",
    "vice",
    // Months and days.
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nationalities: not part of a person's name ("Russian President Vladimir Putin"), but
/// part of an organisation's ("Russian Federation").
const NATIONALITIES: &[&str] = &[
    "afghan",
    "african",
    "american",
    "arab",
    "armenian",
    "asian",
    "austrian",
    "azerbaijani",
    "belarusian",
    "british",
    "canadian",
    "chinese",
    "cypriot",
    "czech",
    "danish",
    "dutch",
    "egyptian",
    "english",
    "estonian",
    "european",
    "finnish",
    "french",
    "georgian",
    "german",
    "greek",
    "hungarian",
    "indian",
    "iranian",
    "iraqi",
    "irish",
    "israeli",
    "italian",
    "japanese",
    "jewish",
    "jordanian",
    "kazakh",
    "korean",
    "latvian",
    "lithuanian",
    "moldovan",
    "norwegian",
    "palestinian",
    "polish",
    "portuguese",
    "qatari",
    "romanian",
    "russian",
    "saudi",
    "serbian",
    "slovak",
    "slovenian",
    "soviet",
    "spanish",
    "swedish",
    "swiss",
    "syrian",
    "turkish",
    "ukrainian",
    "uzbek",
    "western",
    "eastern",
    "northern",
    "southern",
];

/// Words of organisations, places and events: a name run ends after one, and a mention
/// that holds one is not a person's name.
const NOT_PEOPLE: &[&str] = &[
    "academy",
    "accords",
    "act",
    "administration",
    "agency",
    "agreement",
    "agreements",
    "airlines",
    "airport",
    "alliance",
    "army",
    "assembly",
    "association",
    "avenue",
    "bank",
    "base",
    "bay",
    "board",
    "bridge",
    "building",
    "bureau",
    "capital",
    "cathedral",
    "center",
    "central",
    "centre",
    "channel",
    "church",
    "city",
    "coast",
    "college",
    "commission",
    "committee",
    "company",
    "conference",
    "congress",
    "corporation",
    "council",
    "county",
    "court",
    "crisis",
    "cup",
    "day",
    "department",
    "district",
    "duma",
    "east",
    "economics",
    "embassy",
    "geography",
    "geopolitics",
    "industry",
    "operators",
    "politics",
    "relations",
    "empire",
    "federation",
    "force",
    "forces",
    "forum",
    "foundation",
    "front",
    "fund",
    "games",
    "government",
    "group",
    "guard",
    "hall",
    "house",
    "initiative",
    "institute",
    "international",
    "island",
    "islands",
    "journal",
    "kingdom",
    "kremlin",
    "lake",
    "laboratory",
    "law",
    "league",
    "library",
    "middle",
    "ministry",
    "mountains",
    "movement",
    "museum",
    "nations",
    "navy",
    "network",
    "news",
    "north",
    "ocean",
    "office",
    "oblast",
    "organization",
    "organisation",
    "palace",
    "parliament",
    "party",
    "plaza",
    "police",
    "post",
    "press",
    "prison",
    "program",
    "programme",
    "project",
    "province",
    "quartet",
    "radio",
    "region",
    "republic",
    "river",
    "road",
    "school",
    "sciences",
    "sea",
    "security",
    "senate",
    "service",
    "services",
    "society",
    "south",
    "square",
    "stadium",
    "states",
    "station",
    "strait",
    "street",
    "strip",
    "studies",
    "summit",
    "telegram",
    "television",
    "theory",
    "times",
    "treaty",
    "tribunal",
    "union",
    "united",
    "university",
    "valley",
    "war",
    "week",
    "west",
    "world",
    "year",
];

/// Lower-case words that may stand inside a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le", "bin", "ibn",
    "al", "el", "ter", "ten",
];

/// What the word lists above say of a word in lower case, looked up once per name word.
#[derive(Clone, Copy)]
struct Class(u8);

impl Class {
    /// In [`NOT_NAMES`].
    const NOT_NAME: u8 = 1;
    /// In [`NOT_PEOPLE`].
    const NOT_PEOPLE: u8 = 2;
    /// Opens a noun phrase, not a name: a nationality (singular or plural) or a number
    /// ("Eight Russians", "Two Americans").
    const NOUN_PHRASE: u8 = 4;
    /// In [`PARTICLES`].
    const PARTICLE: u8 = 8;

    fn of(word: &str) -> Class {
        static TABLE: OnceLock<FxHashMap<String, u8>> = OnceLock::new();
        let table = TABLE.get_or_init(|| {
            let mut table: FxHashMap<String, u8> = FxHashMap::default();
            let lists = [
                (NOT_NAMES, Class::NOT_NAME),
                (NOT_PEOPLE, Class::NOT_PEOPLE),
                (NATIONALITIES, Class::NOUN_PHRASE),
                (PARTICLES, Class::PARTICLE),
            ];
            for (list, flag) in lists {
                for word in list {
                    *table.entry((*word).to_string()).or_default() |= flag;
                }
            }
            for nationality in NATIONALITIES {
                *table.entry(format!("{nationality}s")).or_default() |= Class::NOUN_PHRASE;
            }
            table
        });
        let mut class = table.get(word).copied().unwrap_or(0);
        if small_cardinal(word).is_some() || scale_word(word).is_some() {
            class |= Class::NOUN_PHRASE;
        }
        Class(class)
    }

    fn is(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    /// "Fogel", "Дарчиев".
    Title,
    /// "DOLZHENKO".
    Capitals,
    /// "J."
    Initial,
}

/// A word of a name run: its tokens (`first..last`, with glued hyphen or apostrophe parts
/// and an initial's full stop), its case, and the token index after it (past an abbreviated
/// title's full stop).
struct Word {
    first: usize,
    last: usize,
    case: Case,
    end: usize,
    /// The class of [`Word::lower`].
    class: Class,
}

impl Word {
    /// The word of tokens `tokens`, of case `case`, followed by token `end`.
    fn new(t: &Toks, tokens: Range<usize>, case: Case, end: usize) -> Word {
        let mut word = Word {
            first: tokens.start,
            last: tokens.end,
            case,
            end,
            class: Class(0),
        };
        word.class = Class::of(word.lower(t));
        word
    }

    /// The word in lower case: its folded tokens, which are glued and so contiguous.
    fn lower<'a>(&self, t: &Toks<'a>) -> &'a str {
        let folded = t.tokens[self.first].folded().start..t.tokens[self.last - 1].folded().end;
        &t.folded.as_str()[folded]
    }

    /// The word as written: its tokens' original text, without what folding drops between
    /// them.
    fn written(&self, t: &Toks, original: &str, out: &mut CompactString) {
        for token in &t.tokens[self.first..self.last] {
            out.push_str(&original[token.span()]);
        }
    }
}

/// Room for the words of one run of name words, reused from sentence to sentence.
#[derive(Default)]
pub(crate) struct RunBuffer(Vec<(usize, Word)>);

/// The name mentions of one sentence, whose tokens start at `start`.
pub(crate) fn mentions(
    t: &Toks,
    start: usize,
    original: &str,
    found: &mut Vec<NameMention>,
    RunBuffer(run): &mut RunBuffer,
) {
    let mut i = start;
    while i < t.end {
        // Most tokens are not capitalised: passed over without a call.
        if !t.capitalized(i) {
            i += 1;
            continue;
        }
        let Some(first) = word(t, i, original) else {
            i += 1;
            continue;
        };
        run.clear();
        run.push((i, first));
        loop {
            let (_, last) = run.last().expect("a run has a first word");
            let next = last.end;
            let particle = t.kind(next) == Some(TokenKind::Word)
                && !t.capitalized(next)
                && Class::of(t.text(next)).is(Class::PARTICLE)
                && word(t, next + 1, original).is_some();
            let (at, following) = if particle {
                (next, word(t, next + 1, original))
            } else {
                (next, word(t, next, original))
            };
            match following {
                Some(w) if compatible(last.case, w.case) => {
                    if particle {
                        run.push((at, particle_word(t, at)));
                    }
                    let index = if particle { at + 1 } else { at };
                    run.push((index, w));
                }
                _ => break,
            }
        }
        i = run.last().map_or(i + 1, |(_, w)| w.end);
        push_mention(t, (start, original), run, found);
    }
}

fn particle_word(t: &Toks, at: usize) -> Word {
    Word::new(t, at..at + 1, Case::Title, at + 1)
}

/// Whether a word of case `b` may follow one of case `a` in a name.
fn compatible(a: Case, b: Case) -> bool {
    match (a, b) {
        (Case::Capitals, Case::Capitals) => true,
        (Case::Capitals, _) | (_, Case::Capitals) => false,
        _ => true,
    }
}

/// Splits a run after its last organisation or place word ("The Wall Street Journal" |
/// "Evan Gershkovich"), trims what stands before names, and records the mentions.
fn push_mention(
    t: &Toks,
    (sentence_start, original): (usize, &str),
    run: &[(usize, Word)],
    found: &mut Vec<NameMention>,
) {
    let organisation = run.iter().rposition(|(_, w)| w.class.is(Class::NOT_PEOPLE));
    let (head, tail) = run.split_at(organisation.map_or(0, |last| last + 1));
    let not_name = |w: &Word| w.case != Case::Initial && w.class.is(Class::NOT_NAME);
    let not_person = |w: &Word| not_name(w) || w.class.is(Class::NOUN_PHRASE);
    let head = &head[head.iter().take_while(|(_, w)| not_name(w)).count()..];
    let tail = &tail[tail.iter().take_while(|(_, w)| not_person(w)).count()..];
    for (segment, person) in [(head, false), (tail, true)] {
        push_segment(t, (sentence_start, original), (segment, person), found);
    }
}

fn push_segment(
    t: &Toks,
    (sentence_start, original): (usize, &str),
    (mut run, person): (&[(usize, Word)], bool),
    found: &mut Vec<NameMention>,
) {
    // A trailing particle or initial is no end of a name.
    while let Some(((_, w), rest)) = run.split_last() {
        if w.case != Case::Initial && !w.class.is(Class::PARTICLE) {
            break;
        }
        run = rest;
    }
    let Some(&(first, _)) = run.first() else {
        return;
    };
    let capitals = run.iter().any(|(_, w)| w.case == Case::Capitals);
    if capitals && (run.len() < 2 || run.iter().any(|(_, w)| w.lower(t).chars().count() < 3)) {
        return;
    }
    let last_end = run.last().map_or(first + 1, |(_, w)| w.end);
    // "in Abu Dhabi", "in New York": a place.
    let after_in = first > sentence_start && t.is_any(first - 1, &["in", "в"]);
    let person_like = person
        && !after_in
        && run.len() >= 2
        && !run
            .iter()
            .any(|(_, w)| w.class.is(Class::NOT_NAME | Class::NOUN_PHRASE));
    // Most names fit in the string itself: no allocation per mention.
    let mut name = CompactString::default();
    for (k, (_, w)) in run.iter().enumerate() {
        if k > 0 {
            name.push(' ');
        }
        w.written(t, original, &mut name);
    }
    found.push(NameMention {
        span: t.tokens[first].start()..t.tokens[last_end - 1].end(),
        name,
        words: run.len(),
        sentence_initial: first == sentence_start || opens_sentence(t, sentence_start, first),
        person_like,
    });
}

/// Whether only punctuation (a dash, a quote) stands between the sentence start and `at`.
fn opens_sentence(t: &Toks, sentence_start: usize, at: usize) -> bool {
    (sentence_start..at).all(|k| t.kind(k) == Some(TokenKind::Punct))
}

/// The name word at token `i`, if there is one: a capitalised word (with glued hyphen or
/// apostrophe parts), an initial, or a word in capitals.
fn word(t: &Toks, i: usize, original: &str) -> Option<Word> {
    if t.kind(i) != Some(TokenKind::Word) || !t.capitalized(i) {
        return None;
    }
    let written = &original[t.tokens[i].span()];
    // One pass: all letters, how many, and whether none is lower-case.
    let (mut letters, mut capitals) = (0, true);
    for c in written.chars() {
        if !crate::text::is_letter(c) {
            return None;
        }
        letters += 1;
        capitals &= !c.is_lowercase();
    }
    let apostrophe = t.is(i + 1, "'") && t.glued(i + 1) && t.glued(i + 2) && t.capitalized(i + 2);
    if letters == 1 && !apostrophe {
        // An initial: "J." (also inside "J.D.").
        return (t.is(i + 1, ".") && t.glued(i + 1))
            .then(|| Word::new(t, i..i + 2, Case::Initial, i + 2));
    }
    let mut end = i + 1;
    // "Kara-Murza", "O'Brien": glued parts that start with a capital. A possessive "'s"
    // is not part of the name.
    while t.is_any(end, &["-", "'"])
        && t.glued(end)
        && t.glued(end + 1)
        && t.capitalized(end + 1)
        && t.kind(end + 1) == Some(TokenKind::Word)
    {
        end += 2;
    }
    let last = end;
    // "Mr.", "Gen.": an abbreviated title keeps its full stop.
    if t.is(end, ".") && t.glued(end) && Class::of(t.text(i)).is(Class::NOT_NAME) {
        end += 1;
    }
    let case = if capitals && letters > 1 {
        Case::Capitals
    } else {
        Case::Title
    };
    Some(Word::new(t, i..last, case, end))
}
