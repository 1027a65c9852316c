//! Quantity expressions: a figure with its qualifier and unit ("more than 20", "about six
//! hours", "$4 billion to $9 billion", "two dozen", "dozens"), and the interval each means.
//!
//! Not counts: years (they are dates), numbers in names and codes ("Su-57", "COVID-19",
//! "Article 5"), clock times ("17.00", "11 p.m."), ordinals ("10th", "second"), phone
//! numbers, and the lone word "one" when no unit follows ("one of his sons").

use rustc_hash::FxHashSet;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::Serialize;

use super::numbers::{Number, number, number_of, plural_scale, scale_word};
use super::tokens::Toks;
use super::units::Unit;
use crate::text::TokenKind;

/// How a figure is qualified.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// "26", "exactly 26".
    Exact,
    /// "about 25", "some 300", "a dozen": within 10% (at least 1 for counts).
    About,
    /// "almost 30", "nearly an hour and a half": up to 10% below, or the figure rounded.
    Almost,
    /// "more than 20", "exceeded 20", "over 20".
    MoreThan,
    /// "at least 24", "no fewer than 24", "24 or more".
    AtLeast,
    /// "fewer than 30", "under 30".
    LessThan,
    /// "up to 30", "at most 30", "no more than 30".
    AtMost,
    /// "between 24 and 26", "$4 billion to $9 billion".
    Range,
    /// "dozens", "several", "a few", "billions".
    Vague,
}

impl Qualifier {
    /// The qualifier as the ledger and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Almost => "almost",
            Qualifier::MoreThan => "more-than",
            Qualifier::AtLeast => "at-least",
            Qualifier::LessThan => "less-than",
            Qualifier::AtMost => "at-most",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }

    /// The qualifiers a ledger claim may carry (`qualifier = "almost"`).
    pub const FOR_LEDGER: &'static [Qualifier] = &[
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::Almost,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::LessThan,
        Qualifier::AtMost,
    ];
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of values between two bounds, each open or closed.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    /// Lower bound (may be `-inf`).
    #[serde(with = "crate::shard::low_bound")]
    pub low: f64,
    /// Upper bound (may be `inf`).
    #[serde(with = "crate::shard::high_bound")]
    pub high: f64,
    /// Whether `low` itself is excluded.
    pub low_open: bool,
    /// Whether `high` itself is excluded.
    pub high_open: bool,
}

impl Interval {
    /// `[low, high]`.
    pub fn closed(low: f64, high: f64) -> Self {
        Interval {
            low,
            high,
            low_open: false,
            high_open: false,
        }
    }

    /// The values a qualified figure allows. `count` widens hedges to at least one.
    pub fn of(qualifier: Qualifier, low: f64, high: f64, count: bool) -> Self {
        let hedge = {
            let width = 0.1 * low.abs();
            if count { width.max(1.0) } else { width }
        };
        let floor = if low < 0.0 { f64::NEG_INFINITY } else { 0.0 };
        match qualifier {
            Qualifier::Exact => Interval::closed(low, low),
            Qualifier::About => Interval::closed(low - hedge, low + hedge),
            // "almost 90 minutes" is often 90 rounded: the figure itself is allowed.
            Qualifier::Almost => Interval::closed(low - hedge, low),
            Qualifier::MoreThan => Interval {
                low_open: true,
                ..Interval::closed(low, f64::INFINITY)
            },
            Qualifier::AtLeast => Interval::closed(low, f64::INFINITY),
            Qualifier::LessThan => Interval {
                high_open: true,
                ..Interval::closed(floor, low)
            },
            Qualifier::AtMost => Interval::closed(floor, low),
            Qualifier::Range | Qualifier::Vague => Interval::closed(low, high),
        }
    }

    /// Whether the two intervals share a value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let (low, low_open) = pick(self.low, self.low_open, other.low, other.low_open, f64::max);
        let (high, high_open) = pick(
            self.high,
            self.high_open,
            other.high,
            other.high_open,
            f64::min,
        );
        if approx_eq(low, high) {
            !low_open && !high_open
        } else {
            low < high
        }
    }

    /// The interval with both bounds multiplied by `factor` (> 0).
    pub fn scaled(&self, factor: f64) -> Self {
        Interval {
            low: self.low * factor,
            high: self.high * factor,
            ..*self
        }
    }
}

/// The tighter of two bounds, open if the chosen one is (or if they are equal and either is).
fn pick(a: f64, a_open: bool, b: f64, b_open: bool, choose: fn(f64, f64) -> f64) -> (f64, bool) {
    if approx_eq(a, b) {
        (a, a_open || b_open)
    } else if choose(a, b) == a {
        (a, a_open)
    } else {
        (b, b_open)
    }
}

/// Equality up to a relative rounding error.
pub fn approx_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A quantity expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Token indices of the whole expression, qualifier and unit word included.
    pub tokens: Range<usize>,
    /// Token indices of the figure: after a leading qualifier, before a trailing unit word.
    pub figure: Range<usize>,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// The figure, or the low end of a range or vague figure.
    pub low: f64,
    /// The figure, or the high end of a range or vague figure.
    pub high: f64,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// Its unit, if the text gives one.
    pub unit: Option<Unit>,
}

impl Quantity {
    /// The values the expression allows.
    pub fn interval(&self) -> Interval {
        Interval::of(self.qualifier, self.low, self.high, self.is_count())
    }

    /// Whether it counts things (no unit, a whole number).
    pub fn is_count(&self) -> bool {
        self.unit.is_none() && self.low.fract() == 0.0
    }
}

/// What the parser found at a token.
pub(crate) enum Found {
    /// A quantity.
    Quantity(Quantity),
    /// A year written alone ("in 2023"): a date, not a count.
    Year(usize),
    /// Tokens that hold numbers but no quantity, up to this index.
    Skip(usize),
}

use Qualifier::*;

/// Qualifier phrases before a figure.
const PREFIXES: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], MoreThan),
    (&["over"], MoreThan),
    (&["exceeded"], MoreThan),
    (&["exceeding"], MoreThan),
    (&["exceeds"], MoreThan),
    (&["exceed"], MoreThan),
    (&["topped"], MoreThan),
    (&["tops"], MoreThan),
    (&["surpassed"], MoreThan),
    (&["above"], MoreThan),
    (&["upwards", "of"], MoreThan),
    (&["in", "excess", "of"], MoreThan),
    (&["greater", "than"], MoreThan),
    (&["just", "over"], MoreThan),
    (&["well", "over"], MoreThan),
    (&["at", "least"], AtLeast),
    (&["no", "fewer", "than"], AtLeast),
    (&["no", "less", "than"], AtLeast),
    (&["not", "fewer", "than"], AtLeast),
    (&["not", "less", "than"], AtLeast),
    (&["a", "minimum", "of"], AtLeast),
    (&["fewer", "than"], LessThan),
    (&["less", "than"], LessThan),
    (&["under"], LessThan),
    (&["below"], LessThan),
    (&["just", "under"], LessThan),
    (&["up", "to"], AtMost),
    (&["at", "most"], AtMost),
    (&["no", "more", "than"], AtMost),
    (&["not", "more", "than"], AtMost),
    (&["as", "many", "as"], AtMost),
    (&["as", "much", "as"], AtMost),
    (&["a", "maximum", "of"], AtMost),
    (&["almost"], Almost),
    (&["nearly"], Almost),
    (&["close", "to"], Almost),
    (&["just", "shy", "of"], Almost),
    (&["about"], About),
    (&["around"], About),
    (&["some"], About),
    (&["approximately"], About),
    (&["approx"], About),
    (&["roughly"], About),
    (&["circa"], About),
    (&["an", "estimated"], About),
    (&["estimated"], About),
    (&["only"], Exact),
    (&["just"], Exact),
    (&["exactly"], Exact),
    (&["precisely"], Exact),
];

/// Qualifier phrases after a figure.
const SUFFIXES: &[(&[&str], Qualifier)] = &[
    (&["or", "more"], AtLeast),
    (&["or", "over"], AtLeast),
    (&["or", "so"], About),
    (&["or", "fewer"], AtMost),
    (&["or", "less"], AtMost),
    (&["-", "plus"], AtLeast),
    (&["plus"], AtLeast),
    (&["-", "odd"], About),
];

/// Vague words and the range of counts each means.
const VAGUE: &[(&[&str], (f64, f64))] = &[
    (&["dozens"], (24.0, 144.0)),
    (&["a", "few"], (2.0, 5.0)),
    (&["several"], (3.0, 9.0)),
    (&["a", "handful"], (2.0, 6.0)),
    (&["a", "couple"], (2.0, 3.0)),
    (&["couple", "of"], (2.0, 3.0)),
];

/// Capitalised words after which a number is a label, not a count ("Article 5").
const LABELS: &[&str] = &[
    "article",
    "chapter",
    "section",
    "part",
    "paragraph",
    "clause",
    "item",
    "page",
    "flight",
    "room",
    "route",
    "highway",
    "resolution",
    "protocol",
    "apollo",
    "boeing",
    "airbus",
    "channel",
    "unit",
    "division",
    "brigade",
    "regiment",
    "battalion",
    "corps",
    "number",
    "no",
    "volume",
    "vol",
    "episode",
    "season",
    "phase",
    "stage",
    "level",
    "gate",
    "terminal",
    "platform",
    "building",
    "block",
    "ward",
    "district",
    "bus",
    "mig",
];

/// Words before a four-digit number that make it a year.
const YEAR_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "through",
    "between", "and", "to", "early", "late", "mid", "the", "this", "that", "last", "next",
    "summer", "winter", "spring", "autumn", "fall", "year", "-",
];

/// Nouns after which a four-digit number is a count, not a year.
const COUNT_NOUNS: &[&str] = &["people", "persons", "men", "women", "children"];

/// The words a quantity expression can start with: qualifiers, vague words, number and
/// scale words, and the openers of ranges and halves.
fn starters() -> &'static FxHashSet<&'static str> {
    static STARTERS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    STARTERS.get_or_init(|| {
        let mut words: FxHashSet<&'static str> = FxHashSet::default();
        words.extend(PREFIXES.iter().map(|(phrase, _)| phrase[0]));
        words.extend(VAGUE.iter().map(|(phrase, _)| phrase[0]));
        words.extend(NUMBER_WORDS);
        words.extend([
            "between", "from", "a", "an", "half", "tens", "us", "$", "€", "£", "₽",
        ]);
        words.extend(["hundreds", "thousands", "millions", "billions", "trillions"]);
        words
    })
}

/// Every word a number may be written with.
const NUMBER_WORDS: [&str; 28] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

/// Reads what starts at token `i`.
pub(crate) fn parse(t: &Toks, i: usize) -> Option<Found> {
    if t.kind(i) != Some(TokenKind::Number) && !starters().contains(t.text(i)) {
        return None;
    }
    if let Some(end) = not_a_quantity(t, i) {
        return Some(Found::Skip(end));
    }
    let (prefix, j) = match t.longest(i, PREFIXES) {
        Some((qualifier, j)) => (Some(qualifier), j),
        None => (None, i),
    };
    if prefix.is_some() && not_a_quantity(t, j).is_some() {
        return None;
    }
    let core = core(t, j).or_else(|| prefix.and_then(|_| one_unit(t, j)))?;
    let mut end = core.end;
    let mut qualifier = core.qualifier;
    let mut unit = core.unit;
    let mut suffix = None;
    if let Some((q, k)) = t.longest(end, SUFFIXES) {
        suffix = Some(q);
        end = k;
    }
    let figure = j..end;
    if let Some((word_unit, k)) = unit_word(t, end) {
        unit = unit.or(Some(word_unit));
        end = k;
        if suffix.is_none() {
            if let Some((q, k)) = t.longest(end, SUFFIXES) {
                suffix = Some(q);
                end = k;
            }
        }
    }
    let bare = prefix.is_none() && suffix.is_none() && unit.is_none() && qualifier == Exact;
    if bare && core.lone_one {
        return None;
    }
    if bare && core.year_like && is_year(t, j, core.low) {
        return Some(Found::Year(j));
    }
    if !matches!(qualifier, Range | Vague) {
        if let Some(q) = prefix.or(suffix) {
            qualifier = q;
        }
    }
    Some(Found::Quantity(Quantity {
        span: t.tokens[i].start()..t.tokens[end - 1].end(),
        tokens: i..end,
        figure,
        low: core.low,
        high: core.high,
        qualifier,
        unit,
    }))
}

/// A figure without its leading qualifier or trailing unit word.
struct Core {
    low: f64,
    high: f64,
    qualifier: Qualifier,
    unit: Option<Unit>,
    end: usize,
    lone_one: bool,
    year_like: bool,
}

impl Core {
    fn single(amount: Amount, qualifier: Qualifier) -> Self {
        Core {
            low: amount.value,
            high: amount.value,
            qualifier,
            unit: amount.unit,
            end: amount.end,
            lone_one: amount.number.lone_one,
            year_like: amount.number.year_like && amount.unit.is_none(),
        }
    }

    fn span(low: f64, high: f64, qualifier: Qualifier, unit: Option<Unit>, end: usize) -> Self {
        Core {
            low,
            high,
            qualifier,
            unit,
            end,
            lone_one: false,
            year_like: false,
        }
    }
}

fn core(t: &Toks, j: usize) -> Option<Core> {
    // "between 24 and 26", "from $4 billion to $9 billion".
    for (opener, joiners) in [
        ("between", &["and"][..]),
        ("from", &["to", "-", "through"][..]),
    ] {
        if t.is(j, opener) {
            let low = amount(t, j + 1)?;
            if !t.is_any(low.end, joiners) {
                return None;
            }
            let high = amount(t, low.end + 1)?;
            return range(low, high);
        }
    }
    if let Some(core) = halves(t, j)
        .or_else(|| dozens(t, j))
        .or_else(|| vague(t, j))
    {
        return Some(core);
    }
    let low = amount(t, j)?;
    // "24-26", "24 to 26", "two or three".
    let joined = match t.text(low.end) {
        "-" => !(low.number.year_like && t.glued(low.end)),
        "to" => true,
        "or" => !t.is_any(low.end + 1, &["more", "so", "fewer", "less", "over"]),
        _ => false,
    };
    if joined {
        if let Some(core) = amount(t, low.end + 1).and_then(|high| range(low, high)) {
            return Some(core);
        }
    }
    Some(Core::single(low, Exact))
}

fn range(low: Amount, high: Amount) -> Option<Core> {
    let years = [low, high]
        .iter()
        .all(|a| a.unit.is_none() && a.number.year_like && (1800.0..=2100.0).contains(&a.value));
    if years {
        return None;
    }
    let unit = high.unit.or(low.unit);
    // "between 4 and 9 billion": the scale of the high end applies to the low one.
    let scale = high.number.scale;
    let low_value = if low.number.scale == 1.0 && low.value * scale <= high.value {
        low.value * scale
    } else {
        low.value
    };
    (low_value < high.value).then(|| Core::span(low_value, high.value, Range, unit, high.end))
}

/// A number with an optional currency symbol before it.
#[derive(Clone, Copy)]
struct Amount {
    value: f64,
    unit: Option<Unit>,
    end: usize,
    number: Number,
}

fn amount(t: &Toks, j: usize) -> Option<Amount> {
    let (unit, at) = match Unit::from_symbol(t.text(j)) {
        Some(unit) => (Some(unit), j + 1),
        None if t.is(j, "us") && t.is(j + 1, "$") => (Some(Unit::Usd), j + 2),
        None => (None, j),
    };
    let number = number_of(t, at, unit.is_some())?;
    Some(Amount {
        value: number.value,
        unit,
        end: number.end,
        number,
    })
}

/// "half an hour", "half a million", "an hour and a half", "a year and a half".
fn halves(t: &Toks, j: usize) -> Option<Core> {
    if t.is(j, "half") && t.is_any(j + 1, &["a", "an"]) {
        let word = t.text(j + 2);
        if let Some(unit) = Unit::from_word(word) {
            return Some(Core::span(0.5, 0.5, Exact, Some(unit), j + 3));
        }
        if let Some(scale) = scale_word(word) {
            return Some(Core::span(0.5 * scale, 0.5 * scale, Exact, None, j + 3));
        }
        if word == "dozen" {
            return Some(Core::span(6.0, 6.0, About, None, j + 3));
        }
    }
    if t.is_any(j, &["a", "an"]) {
        let unit = Unit::from_word(t.text(j + 1))?;
        let end = t.seq(j + 2, &["and", "a", "half"])?;
        return Some(Core::span(1.5, 1.5, Exact, Some(unit), end));
    }
    None
}

/// "an hour", "a year": one of a unit, read only after a qualifier ("more than an hour"),
/// since "a day later" or "twice a year" count nothing.
fn one_unit(t: &Toks, j: usize) -> Option<Core> {
    if !t.is_any(j, &["a", "an"]) {
        return None;
    }
    let unit = Unit::from_word(t.text(j + 1)).filter(|u| !matches!(u, Unit::Percent))?;
    Some(Core::span(1.0, 1.0, Exact, Some(unit), j + 2))
}

/// "a dozen", "two dozen" (about 12 each).
fn dozens(t: &Toks, j: usize) -> Option<Core> {
    let (count, at) = if t.is(j, "a") {
        (1.0, j + 1)
    } else {
        let n = number(t, j)?;
        (n.value, n.end)
    };
    t.is(at, "dozen")
        .then(|| Core::span(12.0 * count, 12.0 * count, About, None, at + 1))
}

/// "dozens", "several", "a few hundred", "billions", "tens of thousands".
fn vague(t: &Toks, j: usize) -> Option<Core> {
    if let Some(((low, high), end)) = t.longest(j, VAGUE) {
        let (scale, end) = match t.text(end) {
            "dozen" => (12.0, end + 1),
            word => match scale_word(word) {
                Some(scale) => (scale, end + 1),
                None => (1.0, end),
            },
        };
        return Some(Core::span(low * scale, high * scale, Vague, None, end));
    }
    // "thousands" is 2,000 to 100,000; "tens of thousands" 20,000 to 100,000;
    // "hundreds of thousands" 200,000 to 1,000,000.
    let ((low, high), at) = match t.text(j) {
        "tens" if t.is(j + 1, "of") => ((20.0, 100.0), j + 2),
        "hundreds" if t.is(j + 1, "of") && plural_scale(t.text(j + 2)).is_some() => {
            ((200.0, 1000.0), j + 2)
        }
        _ => ((2.0, 100.0), j),
    };
    let scale = plural_scale(t.text(at))?;
    Some(Core::span(low * scale, high * scale, Vague, None, at + 1))
}

/// A unit word after a figure ("hours", "-year", "percent", "%"), with the index after it.
fn unit_word(t: &Toks, k: usize) -> Option<(Unit, usize)> {
    if t.is(k, "%") && t.glued(k) {
        return Some((Unit::Percent, k + 1));
    }
    if let Some(end) = t.seq(k, &["per", "cent"]) {
        return Some((Unit::Percent, end));
    }
    // "three-year", "14-year".
    if t.is(k, "-") && t.glued(k) && t.glued(k + 1) {
        let unit = Unit::from_word(t.text(k + 1))
            .filter(|u| !matches!(u, Unit::Usd | Unit::Eur | Unit::Rub | Unit::Gbp))?;
        return Some((unit, k + 2));
    }
    Unit::from_word(t.text(k)).map(|unit| (unit, k + 1))
}

/// Whether a bare four-digit number at `j` is a year rather than a count.
fn is_year(t: &Toks, j: usize, value: f64) -> bool {
    if !(1800.0..=2100.0).contains(&value) {
        return false;
    }
    let before = j.checked_sub(1).map_or("", |k| t.text(k));
    if YEAR_CONTEXT.contains(&before) {
        return true;
    }
    let after = t.text(j + 1);
    let plural = after.len() > 3 && after.ends_with('s') && t.kind(j + 1) == Some(TokenKind::Word);
    !(plural || COUNT_NOUNS.contains(&after))
}

/// If the number at `i` belongs to a name, code, time, phone number or fraction, the index
/// after the tokens to skip.
fn not_a_quantity(t: &Toks, i: usize) -> Option<usize> {
    let is_digits = t.kind(i) == Some(TokenKind::Number);
    let is_number_word = t.kind(i) == Some(TokenKind::Word) && number(t, i).is_some();
    if !is_digits && !is_number_word {
        return None;
    }
    let before = |k: usize| i.checked_sub(k).map_or("", |b| t.text(b));
    // "#1", "No. 5".
    if before(1) == "#" && t.glued(i) {
        return Some(i + 1);
    }
    if before(1) == "." && before(2) == "no" {
        return Some(i + 1);
    }
    // "Su-57", "COVID-19", "BTC-e", but not "mid-2024".
    if is_digits
        && before(1) == "-"
        && t.glued(i)
        && i >= 2
        && t.glued(i - 1)
        && t.kind(i - 2) == Some(TokenKind::Word)
        && !["mid", "early", "late", "pre", "post"].contains(&before(2))
    {
        return Some(i + 1);
    }
    // "Article 5", "Flight 17".
    if i >= 1 && t.capitalized(i - 1) && LABELS.contains(&before(1)) {
        return Some(i + 1);
    }
    if !is_digits {
        return None;
    }
    // Clock times: "10:30", "11 p.m.", "at 17.00".
    if t.is(i + 1, ":")
        && t.glued(i + 1)
        && t.kind(i + 2) == Some(TokenKind::Number)
        && t.glued(i + 2)
    {
        return Some(i + 3);
    }
    if t.is_any(i + 1, &["am", "pm"])
        || (t.is_any(i + 1, &["a", "p"]) && t.is(i + 2, ".") && t.is(i + 3, "m"))
    {
        return Some(i + 1);
    }
    if before(1) == "at" && is_clock(t.text(i)) {
        return Some(i + 1);
    }
    // Fractions and slashed dates: "24/7", "8/1/2024".
    if t.is(i + 1, "/") && t.glued(i + 1) && t.kind(i + 2) == Some(TokenKind::Number) {
        let mut end = i + 1;
        while t.is(end, "/") && t.kind(end + 1) == Some(TokenKind::Number) {
            end += 2;
        }
        return Some(end);
    }
    // Phone numbers and codes: three or more digit groups joined by hyphens, or two that do
    // not rise ("16596-5062").
    let mut end = i + 1;
    let mut groups = vec![t.text(i)];
    while t.is(end, "-")
        && t.glued(end)
        && t.glued(end + 1)
        && t.kind(end + 1) == Some(TokenKind::Number)
    {
        groups.push(t.text(end + 1));
        end += 2;
    }
    let value = |g: &str| g.replace(',', "").parse::<f64>().ok();
    let falling = groups.len() == 2 && value(groups[1]) <= value(groups[0]);
    (groups.len() >= 3 || falling).then_some(end)
}

/// Whether a number reads as a clock time ("17.00", "9.30").
fn is_clock(text: &str) -> bool {
    let Some((hours, minutes)) = text.split_once('.') else {
        return false;
    };
    minutes.len() == 2
        && hours.parse::<u8>().is_ok_and(|h| h <= 24)
        && minutes.parse::<u8>().is_ok_and(|m| m < 60)
}
