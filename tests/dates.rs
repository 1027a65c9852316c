//! What the date extractor reads, and the years it gives dates written without one.

use claimcheck::corpus::{Published, Structure};
use claimcheck::extract::Extraction;

/// The dates found in `text`, as (text, earliest, latest, precision).
fn dates(text: &str, published: Option<&str>) -> Vec<(String, String, String, &'static str)> {
    let published = published.map(|p| Published::parse(p).expect("valid published date"));
    let extraction = Extraction::of(text, &Structure::of(text), published).expect("a short text");
    let show = |d: Option<jiff::civil::Date>| d.map_or("?".to_string(), |d| d.to_string());
    extraction
        .dates
        .iter()
        .map(|d| {
            (
                text[d.span.clone()].to_string(),
                show(d.value.earliest()),
                show(d.value.latest()),
                d.value.precision(),
            )
        })
        .collect()
}

/// A phrase, the publication date of its source, the date expression, the first and last
/// day it can mean, and how precise it is.
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const CASES: &[Case] = &[
    (
        "took place on August 1.",
        Some("2024-12-11"),
        "August 1",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "took place on Aug. 1, Ryabkov said",
        Some("2024-12-11"),
        "Aug. 1",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "on August 1 of this year",
        Some("2024-12"),
        "August 1 of this year",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "on August 1, 2024, when",
        None,
        "August 1, 2024",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "on 1 August 2024",
        None,
        "1 August 2024",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "on the 1st of August",
        Some("2025-01-05"),
        "1st of August",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "On February 11, Moscow",
        Some("2025-04-11"),
        "February 11",
        "2025-02-11",
        "2025-02-11",
        "day",
    ),
    // A month and day later than publication fall in the year before.
    (
        "on December 20",
        Some("2025-04-11"),
        "December 20",
        "2024-12-20",
        "2024-12-20",
        "day",
    ),
    (
        "on April 11",
        Some("2025-04-11"),
        "April 11",
        "2025-04-11",
        "2025-04-11",
        "day",
    ),
    (
        "on April 12",
        Some("2025-04-11"),
        "April 12",
        "2024-04-12",
        "2024-04-12",
        "day",
    ),
    // A publication window can leave the year open.
    (
        "took place on August 1.",
        Some("2024-11-06/2024-12-31"),
        "August 1",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "took place on August 1.",
        Some("2024"),
        "August 1",
        "2023-08-01",
        "2024-08-01",
        "year-uncertain",
    ),
    (
        "took place on August 1.",
        None,
        "August 1",
        "?",
        "?",
        "year-unknown",
    ),
    // Months and years.
    (
        "in February 2025",
        None,
        "February 2025",
        "2025-02-01",
        "2025-02-28",
        "month",
    ),
    (
        "since July 2020",
        None,
        "July 2020",
        "2020-07-01",
        "2020-07-31",
        "month",
    ),
    (
        "He was arrested in 2023.",
        None,
        "2023",
        "2023-01-01",
        "2023-12-31",
        "year",
    ),
    (
        "the massive summer exchange that took place last August",
        Some("2025-02-13"),
        "last August",
        "2024-08-01",
        "2024-08-31",
        "month",
    ),
    (
        "in April, talks resumed",
        Some("2025-05-02"),
        "April",
        "2025-04-01",
        "2025-04-30",
        "month",
    ),
    // Numeric forms.
    (
        "Birthdate : 2006-12-13",
        None,
        "2006-12-13",
        "2006-12-13",
        "2006-12-13",
        "day",
    ),
    (
        "on 01.08.2024",
        None,
        "01.08.2024",
        "2024-08-01",
        "2024-08-01",
        "day",
    ),
    (
        "February 29",
        Some("2024-03-01"),
        "February 29",
        "2024-02-29",
        "2024-02-29",
        "day",
    ),
];

#[test]
fn reads_dates_and_their_years() {
    let mut failures = Vec::new();
    for &(phrase, published, text, earliest, latest, precision) in CASES {
        let expected = vec![(
            text.to_string(),
            earliest.to_string(),
            latest.to_string(),
            precision,
        )];
        let found = dates(phrase, published);
        if found != expected {
            failures.push(format!(
                "{phrase:?} ({published:?})\n  expected {expected:?}\n  found    {found:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} misread:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn that_year_is_the_year_stated_last() {
    let text =
        "Prisoner exchanges also took place in 2022. In April of that year, Yaroshenko returned.";
    let found = dates(text, Some("2024-12-01"));
    assert_eq!(
        found[1],
        (
            "April of that year".into(),
            "2022-04-01".into(),
            "2022-04-30".into(),
            "month"
        )
    );
}

#[test]
fn weekdays_lower_case_months_and_bad_days_are_not_dates() {
    for phrase in [
        "on Wednesday",
        "they may agree",
        "a march on the capital",
        "February 30",
        "the 31 members",
        "version 1.08.2024.1",
        "code 001.08.2024",
        "31.02.2024",
    ] {
        assert_eq!(dates(phrase, Some("2025-02-13")), vec![], "{phrase}");
    }
}

/// A check reads quantities only where some claim's patterns count, but dates and years
/// everywhere: a year in a sentence no claim looks at still gives a later date its year.
#[test]
fn quantities_only_where_they_count_dates_and_years_everywhere() {
    use claimcheck::text::Folded;
    let text = "The talks began in 2023 with 40 delegates.\n\n\
                By August 1 that year, 26 people had been exchanged.\n";
    let structure = Structure::of(text);
    let whole = Extraction::of(text, &structure, None).expect("a short text");
    let scoped = Extraction::scoped(
        text,
        Folded::new(text).expect("a short text"),
        &structure,
        None,
        |s| s == 1,
    );
    let quantities = |e: &Extraction| -> Vec<String> {
        e.quantities
            .iter()
            .map(|q| text[q.span.clone()].to_string())
            .collect()
    };
    assert_eq!(quantities(&whole), ["40", "26"]);
    assert_eq!(quantities(&scoped), ["26"]);
    let dates = |e: &Extraction| -> Vec<(String, String)> {
        e.dates
            .iter()
            .map(|d| {
                let day = d
                    .value
                    .earliest()
                    .map_or("?".to_string(), |d| d.to_string());
                (text[d.span.clone()].to_string(), day)
            })
            .collect()
    };
    assert_eq!(dates(&scoped), dates(&whole));
    assert!(
        dates(&scoped).contains(&("August 1 that year".to_string(), "2023-08-01".to_string())),
        "{:?}",
        dates(&scoped)
    );
}
