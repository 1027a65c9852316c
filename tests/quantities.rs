//! What the quantity extractor reads in English phrases: a table of phrases and what they mean.

use claimcheck::corpus::Structure;
use claimcheck::extract::{Extraction, Qualifier, Unit};

/// The quantities found in `text`, as (text, qualifier, low, high, unit).
fn quantities(text: &str) -> Vec<(String, Qualifier, f64, f64, Option<Unit>)> {
    let extraction = Extraction::of(text, &Structure::of(text), None).expect("a short text");
    extraction
        .quantities
        .iter()
        .map(|q| {
            (
                text[q.span.clone()].to_string(),
                q.qualifier,
                q.low,
                q.high,
                q.unit,
            )
        })
        .collect()
}

use Qualifier::*;
const H: Option<Unit> = Some(Unit::Hour);
const Y: Option<Unit> = Some(Unit::Year);
const USD: Option<Unit> = Some(Unit::Usd);
const NONE: Option<Unit> = None;

/// A phrase, the expression found in it, and what that means.
type One = (
    &'static str,
    &'static str,
    Qualifier,
    f64,
    f64,
    Option<Unit>,
);

/// One quantity per phrase.
const ONE: &[One] = &[
    // Digits, separators, decimals, scales.
    (
        "A total of 26 people were included",
        "26",
        Exact,
        26.0,
        26.0,
        NONE,
    ),
    ("a list of 70 Russians", "70", Exact, 70.0, 70.0, NONE),
    ("4,000 protesters", "4,000", Exact, 4000.0, 4000.0, NONE),
    (
        "1,250,000 residents",
        "1,250,000",
        Exact,
        1_250_000.0,
        1_250_000.0,
        NONE,
    ),
    (
        "1.5 million people",
        "1.5 million",
        Exact,
        1.5e6,
        1.5e6,
        NONE,
    ),
    ("$4 billion in assets", "$4 billion", Exact, 4e9, 4e9, USD),
    ("a $4bn fund", "$4bn", Exact, 4e9, 4e9, USD),
    ("a $4.5m deal", "$4.5m", Exact, 4.5e6, 4.5e6, USD),
    ("a 1,000-strong crowd", "1,000", Exact, 1000.0, 1000.0, NONE),
    ("one in five voters", "five", Exact, 5.0, 5.0, NONE),
    ("Fifty protesters", "Fifty", Exact, 50.0, 50.0, NONE),
    ("US$ 12 million", "US$ 12 million", Exact, 12e6, 12e6, USD),
    (
        "9 billion dollars",
        "9 billion dollars",
        Exact,
        9e9,
        9e9,
        USD,
    ),
    ("€5 million", "€5 million", Exact, 5e6, 5e6, Some(Unit::Eur)),
    (
        "10 billion rubles",
        "10 billion rubles",
        Exact,
        10e9,
        10e9,
        Some(Unit::Rub),
    ),
    ("starting from just $2.", "just $2", Exact, 2.0, 2.0, USD),
    ("2,415 followers", "2,415", Exact, 2415.0, 2415.0, NONE),
    ("2415 followers", "2415", Exact, 2415.0, 2415.0, NONE),
    ("2000 people marched", "2000", Exact, 2000.0, 2000.0, NONE),
    (
        "30% of the vote",
        "30%",
        Exact,
        30.0,
        30.0,
        Some(Unit::Percent),
    ),
    (
        "30 percent of the vote",
        "30 percent",
        Exact,
        30.0,
        30.0,
        Some(Unit::Percent),
    ),
    (
        "12 per cent",
        "12 per cent",
        Exact,
        12.0,
        12.0,
        Some(Unit::Percent),
    ),
    // Number words.
    (
        "eight Russians held in Western countries",
        "eight",
        Exact,
        8.0,
        8.0,
        NONE,
    ),
    ("sentenced to nine years", "nine years", Exact, 9.0, 9.0, Y),
    ("Twenty-six people", "Twenty-six", Exact, 26.0, 26.0, NONE),
    ("twenty six people", "twenty six", Exact, 26.0, 26.0, NONE),
    (
        "one hundred and twenty troops",
        "one hundred and twenty",
        Exact,
        120.0,
        120.0,
        NONE,
    ),
    (
        "a hundred journalists",
        "a hundred",
        Exact,
        100.0,
        100.0,
        NONE,
    ),
    ("two million voters", "two million", Exact, 2e6, 2e6, NONE),
    (
        "three hundred thousand",
        "three hundred thousand",
        Exact,
        3e5,
        3e5,
        NONE,
    ),
    ("seventeen ships", "seventeen", Exact, 17.0, 17.0, NONE),
    ("two minor children", "two", Exact, 2.0, 2.0, NONE),
    ("three more people", "three", Exact, 3.0, 3.0, NONE),
    ("one year in prison", "one year", Exact, 1.0, 1.0, Y),
    // Dozens and couples.
    ("a dozen people", "a dozen", About, 12.0, 12.0, NONE),
    ("two dozen prisoners", "two dozen", About, 24.0, 24.0, NONE),
    ("half a dozen cases", "half a dozen", About, 6.0, 6.0, NONE),
    (
        "more than a dozen",
        "more than a dozen",
        MoreThan,
        12.0,
        12.0,
        NONE,
    ),
    ("a couple of months", "a couple", Vague, 2.0, 3.0, NONE),
    (
        "in the next couple of months",
        "couple of months",
        Vague,
        2.0,
        3.0,
        Some(Unit::Month),
    ),
    // Lower bounds.
    (
        "more than 20 people",
        "more than 20",
        MoreThan,
        20.0,
        20.0,
        NONE,
    ),
    (
        "the exchange fund exceeded 20 people",
        "exceeded 20",
        MoreThan,
        20.0,
        20.0,
        NONE,
    ),
    ("over 20 prisoners", "over 20", MoreThan, 20.0, 20.0, NONE),
    (
        "the toll topped 100",
        "topped 100",
        MoreThan,
        100.0,
        100.0,
        NONE,
    ),
    (
        "at least 24 people",
        "at least 24",
        AtLeast,
        24.0,
        24.0,
        NONE,
    ),
    (
        "no fewer than 24",
        "no fewer than 24",
        AtLeast,
        24.0,
        24.0,
        NONE,
    ),
    ("24 or more", "24 or more", AtLeast, 24.0, 24.0, NONE),
    ("20-plus years", "20-plus years", AtLeast, 20.0, 20.0, Y),
    (
        "upwards of 300",
        "upwards of 300",
        MoreThan,
        300.0,
        300.0,
        NONE,
    ),
    (
        "in excess of $1 million",
        "in excess of $1 million",
        MoreThan,
        1e6,
        1e6,
        USD,
    ),
    // Upper bounds.
    (
        "fewer than 30 people",
        "fewer than 30",
        LessThan,
        30.0,
        30.0,
        NONE,
    ),
    ("under 18", "under 18", LessThan, 18.0, 18.0, NONE),
    ("up to 20 years", "up to 20 years", AtMost, 20.0, 20.0, Y),
    ("at most 12", "at most 12", AtMost, 12.0, 12.0, NONE),
    ("no more than 5", "no more than 5", AtMost, 5.0, 5.0, NONE),
    ("as many as 40", "as many as 40", AtMost, 40.0, 40.0, NONE),
    ("almost 30 people", "almost 30", Almost, 30.0, 30.0, NONE),
    ("nearly 30 people", "nearly 30", Almost, 30.0, 30.0, NONE),
    // Hedges.
    ("about 25 people", "about 25", About, 25.0, 25.0, NONE),
    ("around 300", "around 300", About, 300.0, 300.0, NONE),
    ("some 300 people", "some 300", About, 300.0, 300.0, NONE),
    (
        "approximately 1,000",
        "approximately 1,000",
        About,
        1000.0,
        1000.0,
        NONE,
    ),
    (
        "roughly two dozen",
        "roughly two dozen",
        About,
        24.0,
        24.0,
        NONE,
    ),
    (
        "an estimated 5,000",
        "an estimated 5,000",
        About,
        5000.0,
        5000.0,
        NONE,
    ),
    ("40 or so", "40 or so", About, 40.0, 40.0, NONE),
    ("exactly 26", "exactly 26", Exact, 26.0, 26.0, NONE),
    // Ranges.
    (
        "laundering from $4 billion to $9 billion",
        "from $4 billion to $9 billion",
        Range,
        4e9,
        9e9,
        USD,
    ),
    (
        "laundering between $4 billion and $9 billion",
        "between $4 billion and $9 billion",
        Range,
        4e9,
        9e9,
        USD,
    ),
    (
        "between 24 and 26 people",
        "between 24 and 26",
        Range,
        24.0,
        26.0,
        NONE,
    ),
    ("24-26 people", "24-26", Range, 24.0, 26.0, NONE),
    ("24–26 people", "24–26", Range, 24.0, 26.0, NONE),
    ("24 to 26 people", "24 to 26", Range, 24.0, 26.0, NONE),
    (
        "two or three days",
        "two or three days",
        Range,
        2.0,
        3.0,
        Some(Unit::Day),
    ),
    (
        "between 4 and 9 billion",
        "between 4 and 9 billion",
        Range,
        4e9,
        9e9,
        NONE,
    ),
    ("10 to 12 years", "10 to 12 years", Range, 10.0, 12.0, Y),
    // Vague.
    (
        "Dozens of Russian citizens",
        "Dozens",
        Vague,
        24.0,
        144.0,
        NONE,
    ),
    ("several countries", "several", Vague, 3.0, 9.0, NONE),
    (
        "a few weeks after",
        "a few weeks",
        Vague,
        2.0,
        5.0,
        Some(Unit::Week),
    ),
    (
        "several hundred",
        "several hundred",
        Vague,
        300.0,
        900.0,
        NONE,
    ),
    ("a handful of cases", "a handful", Vague, 2.0, 6.0, NONE),
    (
        "thousands of Russians",
        "thousands",
        Vague,
        2000.0,
        100_000.0,
        NONE,
    ),
    (
        "laundering billions through",
        "billions",
        Vague,
        2e9,
        1e11,
        NONE,
    ),
    (
        "tens of thousands",
        "tens of thousands",
        Vague,
        20_000.0,
        100_000.0,
        NONE,
    ),
    (
        "hundreds of thousands",
        "hundreds of thousands",
        Vague,
        200_000.0,
        1_000_000.0,
        NONE,
    ),
    // Durations.
    (
        "lasted almost an hour and a half",
        "almost an hour and a half",
        Almost,
        1.5,
        1.5,
        H,
    ),
    (
        "lasted about six hours",
        "about six hours",
        About,
        6.0,
        6.0,
        H,
    ),
    ("half an hour later", "half an hour", Exact, 0.5, 0.5, H),
    ("a year and a half", "a year and a half", Exact, 1.5, 1.5, Y),
    (
        "one and a half hours",
        "one and a half hours",
        Exact,
        1.5,
        1.5,
        H,
    ),
    (
        "two and a half years",
        "two and a half years",
        Exact,
        2.5,
        2.5,
        Y,
    ),
    (
        "a three-year prison sentence",
        "three-year",
        Exact,
        3.0,
        3.0,
        Y,
    ),
    ("a 14-year sentence", "14-year", Exact, 14.0, 14.0, Y),
    (
        "90 minutes",
        "90 minutes",
        Exact,
        90.0,
        90.0,
        Some(Unit::Minute),
    ),
    ("for 30 days", "30 days", Exact, 30.0, 30.0, Some(Unit::Day)),
    ("spent 12 years in prison", "12 years", Exact, 12.0, 12.0, Y),
    ("had been sentenced to 20)", "20", Exact, 20.0, 20.0, NONE),
    // Context that is not part of the quantity.
    (
        "Mikhail Mikushin and 16 journalists",
        "16",
        Exact,
        16.0,
        16.0,
        NONE,
    ),
    (
        "He was born in 1990 and has 3 children",
        "3",
        Exact,
        3.0,
        3.0,
        NONE,
    ),
    ("over the years 5 people left", "5", Exact, 5.0, 5.0, NONE),
    ("some of the 26 people", "26", Exact, 26.0, 26.0, NONE),
    (
        "more than half of the 40 seats",
        "40",
        Exact,
        40.0,
        40.0,
        NONE,
    ),
];

#[test]
fn reads_one_quantity_per_phrase() {
    let mut failures = Vec::new();
    for &(phrase, text, qualifier, low, high, unit) in ONE {
        let expected = vec![(text.to_string(), qualifier, low, high, unit)];
        let found = quantities(phrase);
        if found != expected {
            failures.push(format!(
                "{phrase:?}\n  expected {expected:?}\n  found    {found:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} phrases misread:\n{}",
        failures.len(),
        ONE.len(),
        failures.join("\n")
    );
}

/// Phrases with numbers that are not counts: years, dates, ordinals, names, codes, times.
const NONE_HERE: &[&str] = &[
    "He was arrested in 2023.",
    "since 2021",
    "the 2022 peace treaty",
    "from 2020 to 2024",
    "It took place on August 1.",
    "took place on Aug. 1, Ryabkov said",
    "on 1 August 2024",
    "August 1, 2024",
    "the second round of talks",
    "the 10th anniversary",
    "the first conversation",
    "in the 1990s",
    "a Su-57 fighter",
    "COVID-19 cases",
    "under Article 5",
    "Flight 17 was shot down",
    "at 17.00 Moscow time",
    "at 10:30",
    "at 11 p.m.",
    "open 24/7",
    "on 8/1/2024",
    "Phone : 1-570-575-8169",
    "AK 16596-5062",
    "Birthdate : 2006-12-13",
    "one of his sons",
    "No one was hurt",
    "5G networks",
    "the G7 summit",
    "ranked #1",
    "in April of that year",
    "a number of other Russians",
    "many people",
    "a day later",
    "twice a year",
    "a 4.5m run",
    "between 2019 and 2021",
    "in the 2000s",
    "a third of voters",
];

#[test]
fn reads_no_count_where_there_is_none() {
    let failures: Vec<String> = NONE_HERE
        .iter()
        .filter_map(|phrase| {
            let found = quantities(phrase);
            (!found.is_empty()).then(|| format!("{phrase:?}: {found:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "counts found where there are none:\n{}",
        failures.join("\n")
    );
}

#[test]
fn reads_every_quantity_of_a_long_paragraph_in_order() {
    let text = "Prisoner exchanges also took place in 2022, although not so massive. In April of that \
year, pilot Konstantin Yaroshenko, who had spent 12 years in prison (having been sentenced to 20), \
returned to Russia. He was extradited to the U.S. in 2010, and two years later he received 25 years \
in prison. He was exchanged for Brittney Griner, who was sentenced to nine years in Russia.";
    let found: Vec<String> = quantities(text).into_iter().map(|q| q.0).collect();
    assert_eq!(
        found,
        ["12 years", "20", "two years", "25 years", "nine years"]
    );
}

#[test]
fn hedges_and_bounds_mean_intervals() {
    let text = "about 25, more than 20, almost 30, at most 12, between 24 and 26, dozens";
    let extraction = Extraction::of(text, &Structure::of(text), None).expect("a short text");
    let intervals: Vec<String> = extraction
        .quantities
        .iter()
        .map(|q| {
            let i = q.interval();
            format!(
                "{}{}, {}{}",
                if i.low_open { "(" } else { "[" },
                i.low,
                i.high,
                if i.high_open { ")" } else { "]" }
            )
        })
        .collect();
    assert_eq!(
        intervals,
        [
            "[22.5, 27.5]",
            "(20, inf]",
            "[27, 30]",
            "[0, 12]",
            "[24, 26]",
            "[24, 144]"
        ]
    );
}

#[test]
fn reads_quantities_between_dates_and_stops_each_before_the_next_date() {
    // Quantities before, between and after two dates of one sentence: none runs into the
    // date after it, and none after the first date is lost.
    let text = "Some 26 people were exchanged on 1 August 2024, 10 of them went home by \
2 August 2024 and 16 stayed.";
    let found: Vec<String> = quantities(text).into_iter().map(|q| q.0).collect();
    assert_eq!(found, ["Some 26", "10", "16"]);
}
