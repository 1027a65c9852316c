//! Whether two spellings are one name: a labelled set of real transliteration variants and
//! hard negatives (distinct people with close names, family members, shared given names),
//! scored for precision and recall.

use claimcheck::names::same_name;

/// Spellings of one name.
const SAME: &[(&str, &str)] = &[
    // The seeds.
    ("Marc Fogel", "Mark Vogel"),
    ("Marc Fogel", "Mark Fogel"),
    ("Steve Witkoff", "Steve Whitkoff"),
    ("Artur Muradyan", "Artur Muradian"),
    ("Vadim Konoshchenok", "Vadim Konoschenok"),
    ("Kevin Lick", "Kevin Leek"),
    ("Andrei Kuznechik", "Andrei Kuznchik"),
    ("Kaja Kallas", "Kaya Kallas"),
    ("Alexander Darchiev", "Александр Дарчиев"),
    ("Ksenia Karelina", "Ксения Карелина"),
    ("Alexander Vinnik", "Александр Винник"),
    ("Anna Dultseva", "Anna Dultsev"),
    ("J.D. Vance", "James Vance"),
    // Transliterations of well-known names.
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Zelensky", "Zelenskiy"),
    ("Zelensky", "Selenskyj"),
    ("Zelenskyy", "Selenskyj"),
    ("Alexei Navalny", "Alexei Navalnyy"),
    ("Navalny", "Nawalny"),
    ("Alexey Navalny", "Aleksei Navalny"),
    ("Mikhail Khodorkovsky", "Mikhail Chodorkowski"),
    ("Khodorkovsky", "Chodorkowski"),
    ("Tchaikovsky", "Chaikovsky"),
    ("Pyotr Tchaikovsky", "Petr Chaikovsky"),
    ("Muammar Gaddafi", "Muammar Qaddafi"),
    ("Gaddafi", "Kadhafi"),
    ("Qaddafi", "Kadhafi"),
    ("Sergei Ryabkov", "Sergey Ryabkov"),
    ("Dmitry Peskov", "Dmitri Peskov"),
    ("Yuri Ushakov", "Yury Ushakov"),
    ("Andrei Pivovarov", "Andrey Pivovarov"),
    ("Ilya Yashin", "Ilia Yashin"),
    ("Ilya Yashin", "Ilja Jaschin"),
    ("Alsu Kurmasheva", "Alsu Kurmascheva"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Yevgeny Prigozhin", "Jewgeni Prigoschin"),
    ("Sergei Shoigu", "Sergey Shoygu"),
    ("Yulia Tymoshenko", "Yulia Timoshenko"),
    ("Viktor Bout", "Viktor But"),
    ("Alexander Lukashenko", "Aleksandr Lukashenko"),
    ("Lukashenko", "Lukaschenko"),
    ("Roman Abramovich", "Roman Abramowitsch"),
    ("Mikhail Gorbachev", "Mikhail Gorbachov"),
    ("Gorbachev", "Gorbatschow"),
    ("Boris Yeltsin", "Boris Jelzin"),
    ("Dmitry Medvedev", "Dmitri Medwedew"),
    ("Sergei Lavrov", "Sergej Lawrow"),
    ("Nikolai Patrushev", "Nikolay Patrushev"),
    ("Anna Politkovskaya", "Anna Politkovskaja"),
    ("Maria Zakharova", "Maria Sacharowa"),
    ("Vasily Nebenzya", "Vassily Nebenzia"),
    ("Ramzan Kadyrov", "Ramsan Kadyrow"),
    ("Ksenia Karelina", "Kseniya Karelina"),
    ("Ksenia Karelina", "Xenia Karelina"),
    ("Evan Gershkovich", "Evan Gerschkowitsch"),
    ("Demuri Voronin", "Demuri Woronin"),
    ("Vladislav Klyushin", "Vladislav Kljuschin"),
    ("Roman Seleznev", "Roman Selesnjow"),
    ("Pavel Rubtsov", "Pavel Rubzow"),
    ("Mikhail Mikushin", "Michail Mikuschin"),
    ("Alexander Bortnikov", "Aleksandr Bortnikov"),
    ("Sergei Naryshkin", "Sergej Naryschkin"),
    ("Andrei Belousov", "Andrej Belousow"),
    ("Oleg Orlov", "Oleg Orlow"),
    ("Alexandra Skochilenko", "Aleksandra Skochilenko"),
    ("Lilia Chanysheva", "Liliya Chanysheva"),
    ("Konstantin Yaroshenko", "Konstantin Jaroschenko"),
    ("Konstantin Yaroshenko", "Konstantin Yarošenko"),
    ("Vadim Krasikov", "Wadim Krassikow"),
    ("Kevin Lick", "Kevin Lik"),
    ("Fyodor Dostoevsky", "Fedor Dostoyevsky"),
    ("Vladimir Kara-Murza", "Владимир Кара-Мурза"),
    ("Sergei Ryabkov", "Сергей Рябков"),
    ("Dmitry Peskov", "Дмитрий Песков"),
    ("Sergey Dolzhenko", "SERGEY DOLZHENKO"),
];

/// Different people, or different names.
const DIFFERENT: &[(&str, &str)] = &[
    // The seeds.
    ("Artem Dultsev", "Anna Dultseva"),
    ("Vera Vinnik", "Alexander Vinnik"),
    ("Vadim Krasikov", "Vadim Konoshchenok"),
    ("Dultsev", "Dultseva"),
    ("Ksenia Khavana", "Ksenia Karelina"),
    ("Alexander Darchiev", "Alexander Bortnikov"),
    ("Sergei Ryabkov", "Sergei Naryshkin"),
    ("Dmitry Peskov", "Dmitry Novikov"),
    ("Dmitry Peskov", "Dmitry Gorin"),
    ("Andrei Kortunov", "Andrei Kuznechik"),
    ("Andrei Belousov", "Andrei Pivovarov"),
    ("Artur Petrov", "Artur Muradyan"),
    ("Ksenia Karelina", "Ksenia Fadeeva"),
    ("Artur Petrov", "Artem Petrov"),
    ("Joseph Tater", "Joseph Tate"),
    ("Gordon Black", "Gordon Blake"),
    // Families and shared given names.
    ("Alexei Navalny", "Yulia Navalnaya"),
    ("Navalny", "Navalnaya"),
    ("Oleg Orlov", "Olga Orlova"),
    ("Ivan Petrov", "Ivana Petrova"),
    ("Nikolai Patrushev", "Dmitry Patrushev"),
    ("Ramzan Kadyrov", "Akhmat Kadyrov"),
    ("Vladimir Kara-Murza", "Evgenia Kara-Murza"),
    ("Alexander Darchiev", "Alexandra Darchieva"),
    ("Alexei Navalny", "Alexander Navalny"),
    ("Ksenia Karelina", "Oksana Karelina"),
    ("Evan Gershkovich", "Ivan Gershkovich"),
    // Close surnames of different people.
    ("Vladimir Putin", "Vladimir Zelensky"),
    ("Vladimir Kara-Murza", "Vladimir Putin"),
    ("Alexander Lukashenko", "Alexander Lukashevich"),
    ("Roman Abramovich", "Roman Abramov"),
    ("Kevin Lick", "Kevin Link"),
    ("Kevin Lick", "Kevin Lim"),
    ("Mark Fogel", "Mark Feygin"),
    ("Steve Witkoff", "Steve Wozniak"),
    ("Pavel Rubtsov", "Pavel Rublev"),
    ("Dmitry Medvedev", "Dmitry Medinsky"),
    ("Sergei Shoigu", "Sergei Sobyanin"),
    ("Vladimir Putin", "Vladimir Pugachev"),
    ("Mikhail Mikushin", "Mikhail Mishustin"),
    ("Alexander Bortnikov", "Alexander Bastrykin"),
    ("Evan Gershkovich", "Evan Gershman"),
    ("Anna Dultseva", "Anna Dulova"),
    ("Alexei Navalny", "Alexei Venediktov"),
    ("Demuri Voronin", "Demuri Voronov"),
    ("Vadim Ostanin", "Vadim Osmanov"),
    ("Alexander Vinnik", "Alexander Vinokurov"),
    ("Alexander Vinnik", "Alexander Vinnikov"),
    ("Viktor Bout", "Viktor Boyko"),
    ("Tigran Meloyan", "Tigran Melikyan"),
    ("Marco Rubio", "Marco Rubini"),
    ("Kaja Kallas", "Kaja Kalvet"),
    ("Mikhail Gorbachev", "Mikhail Gorbunov"),
    ("Yevgeny Prigozhin", "Yevgeny Primakov"),
    ("Andrei Kuznechik", "Andrei Kuzmin"),
    ("Alsu Kurmasheva", "Alsu Kurbanova"),
    ("Lilia Chanysheva", "Lilia Chernysheva"),
    ("Dmitry Novikov", "Dmitry Novak"),
    ("Ilya Yashin", "Ilya Yashkin"),
    ("Paul Whelan", "Paul Whalen"),
    ("Rico Krieger", "Rico Kruger"),
];

#[test]
fn precision_and_recall_on_labelled_pairs() {
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for &(a, b) in SAME {
        if same_name(a, b).is_none() {
            misses.push(format!("{a} / {b}"));
        }
    }
    for &(a, b) in DIFFERENT {
        if let Some(found) = same_name(a, b) {
            false_alarms.push(format!("{a} / {b} ({:?})", found.signals));
        }
    }
    let true_positives = (SAME.len() - misses.len()) as f64;
    let precision = true_positives / (true_positives + false_alarms.len() as f64);
    let recall = true_positives / SAME.len() as f64;
    println!(
        "{} pairs: precision {precision:.3}, recall {recall:.3}\nmissed: {misses:#?}\nfalse alarms: {false_alarms:#?}",
        SAME.len() + DIFFERENT.len()
    );
    assert!(SAME.len() + DIFFERENT.len() >= 80);
    assert!(
        precision >= 0.95,
        "precision {precision:.3}: {false_alarms:#?}"
    );
    assert!(recall >= 0.90, "recall {recall:.3}: {misses:#?}");
}

#[test]
fn signals_say_why() {
    let found = same_name("Marc Fogel", "Mark Vogel").expect("one name");
    let signals: Vec<String> = found.signals.iter().map(|s| format!("{s:?}")).collect();
    assert!(signals.contains(&"GivenName".to_string()), "{signals:?}");
    assert!(
        signals.contains(&"DaitchMokotoff".to_string()),
        "{signals:?}"
    );
    let cyrillic = same_name("Alexander Darchiev", "Александр Дарчиев").expect("one name");
    assert!(cyrillic.system.is_some());
}

mod common;

use claimcheck::corpus::Structure;
use claimcheck::extract::Extraction;
use claimcheck::findings::Code;
use claimcheck::report::Report;

/// The name mentions of `text`: words joined by spaces, with "P" for a person's name and
/// "S" for a mention that opens its sentence.
fn mentions(text: &str) -> Vec<String> {
    Extraction::of(text, &Structure::of(text), None)
        .expect("a short text")
        .names
        .iter()
        .map(|m| {
            let flags = format!(
                "{}{}",
                if m.person_like { "P" } else { "" },
                if m.sentence_initial { "S" } else { "" }
            );
            format!("{} {flags}", m.name).trim_end().to_string()
        })
        .collect()
}

#[test]
fn name_mentions_leave_out_titles_openers_and_organisations() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Russian Deputy Foreign Minister Sergei Ryabkov said so.",
            &["Sergei Ryabkov P"],
        ),
        (
            "They met US Vice President J.D. Vance in Munich.",
            &["J. D. Vance P", "Munich"],
        ),
        (
            "Vladimir Kara-Murza was freed.",
            &["Vladimir Kara-Murza PS"],
        ),
        ("It was Trump's call.", &["Trump"]),
        ("Eight Russians were freed.", &[]),
        ("They met in Abu Dhabi on Friday.", &["Abu Dhabi"]),
        (
            "Two Americans, Paul Whelan among them, came home.",
            &["Paul Whelan P"],
        ),
        (
            "A reporter of The Wall Street Journal Evan Gershkovich was freed.",
            &["Wall Street Journal", "Evan Gershkovich P"],
        ),
        (
            "новый посол в США Александр Дарчиев",
            &["Александр Дарчиев P"],
        ),
        ("Photo: TASS/EPA/SERGEY DOLZHENKO", &["SERGEY DOLZHENKO P"]),
        ("Fogel returned to the States.", &["Fogel S", "States"]),
        (
            "The works of Ludwig van Beethoven and Conan O'Brien.",
            &["Ludwig van Beethoven P", "Conan O'Brien P"],
        ),
        ("Then Mr. Smith spoke.", &["Smith"]),
        (
            "Russia and the United States agreed.",
            &["Russia S", "United States"],
        ),
        (
            "Artem and Anna Dultsev returned.",
            &["Artem S", "Anna Dultsev P"],
        ),
        ("the CIA and the FSB", &[]),
    ];
    for (text, expected) in cases {
        assert_eq!(mentions(text), *expected, "{text:?}");
    }
}

const PEOPLE: &str = r#"
[[claim]]
id = "placeholder"
statement = "a claim, so that the ledger has one"
value = 1
patterns = ["placeholder {n}"]

[[entity]]
id = "marc-fogel"
name = "Marc Fogel"
aliases = ["Marc Christopher Fogel"]

[[entity]]
id = "ksenia-karelina"
name = "Ksenia Karelina"
also_known_as = [{ name = "Ksenia Khavana", note = "married name" }]
native = "Ксения Карелина"

[[entity]]
id = "alexander-darchiev"
name = "Alexander Darchiev"

[[entity]]
id = "alexander-vinnik"
name = "Alexander Vinnik"

[[entity]]
id = "artem-dultsev"
name = "Artem Dultsev"

[[entity]]
id = "anna-dultseva"
name = "Anna Dultseva"

[[entity]]
id = "ivan-petrov"
name = "Ivan Petrov"

[[entity]]
id = "artur-petrov"
name = "Artur Petrov"
"#;

fn run(text: &str) -> Report {
    match common::check_files(
        "names",
        &[("claims/people.toml", PEOPLE), ("seeds/source.txt", text)],
    ) {
        Ok(report) => report,
        Err(failure) => panic!("the run failed: {:?}", failure.findings),
    }
}

/// Each mention of `text` matched to an entity of the report's ledger: spelling, entity id
/// and verdict, in text order.
fn matched(report: &Report, text: &str) -> Vec<(String, String, String)> {
    let index = claimcheck::names::EntityIndex::new(&report.ledger.entities);
    let extraction = Extraction::of(text, &Structure::of(text), None).expect("a short text");
    let reader = claimcheck::names::NameReader::new(&index);
    claimcheck::names::read_text(&reader, extraction.names, text)
        .matched
        .iter()
        .map(|m| {
            (
                m.spelling.clone(),
                report.ledger.entities[m.resolved.entity].id.clone(),
                claimcheck::names::diagnose::verdict_name(m.resolved.verdict).to_string(),
            )
        })
        .collect()
}

/// The index of entity `id` in the report's ledger.
fn entity(report: &Report, id: &str) -> usize {
    let entities = &report.ledger.entities;
    entities.iter().position(|e| e.id == id).expect("declared")
}

fn triple(spelling: &str, entity: &str, verdict: &str) -> (String, String, String) {
    (
        spelling.to_string(),
        entity.to_string(),
        verdict.to_string(),
    )
}

#[test]
fn mentions_are_matched_to_entities_as_the_ledger_spells_them() {
    let text = "Officials said Marc Fogel, or Marc Christopher Fogel, flew home; Mark Vogel was met \
by Ksenia Khavana, known as Ksenia Karelina (Ксения Карелина). Later Fogel spoke. Alexander \
Darchiev met Александр Дарчиев's staff. Vera Vinnik, mother of Alexander Vinnik, spoke to \
Anna Dultsev. They saw Petrov.";
    let report = run(text);
    assert_eq!(
        matched(&report, text),
        [
            triple("Marc Fogel", "marc-fogel", "canonical"),
            triple("Marc Christopher Fogel", "marc-fogel", "alias"),
            triple("Mark Vogel", "marc-fogel", "variant"),
            triple("Ksenia Khavana", "ksenia-karelina", "also-known-as"),
            triple("Ksenia Karelina", "ksenia-karelina", "canonical"),
            triple("Ксения Карелина", "ksenia-karelina", "canonical"),
            triple("Fogel", "marc-fogel", "canonical"),
            triple("Alexander Darchiev", "alexander-darchiev", "canonical"),
            triple("Александр Дарчиев", "alexander-darchiev", "variant"),
            triple("Alexander Vinnik", "alexander-vinnik", "canonical"),
            triple("Anna Dultsev", "anna-dultseva", "variant"),
        ],
        "Vera Vinnik is not Alexander Vinnik, and Petrov is the surname of two entities"
    );
    let variants: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::Variant)
        .map(|f| f.help.clone().unwrap_or_default())
        .collect();
    assert!(
        variants
            .iter()
            .any(|h| h.contains("native = \"Александр Дарчиев\"")),
        "{variants:#?}"
    );
    assert!(
        variants
            .iter()
            .any(|h| h.contains("add it to `aliases` of `marc-fogel`")),
        "{variants:#?}"
    );
    // The report counts every mention and keeps those not spelt canonically.
    let fogel = entity(&report, "marc-fogel");
    assert_eq!(report.names.counts[fogel], 4);
    let kept: Vec<String> = report.names.noncanonical[fogel]
        .iter()
        .map(|m| m.expect("read back").spelling)
        .collect();
    assert_eq!(kept, ["Marc Christopher Fogel", "Mark Vogel"]);
}

#[test]
fn a_lone_misspelt_surname_opening_a_sentence_is_no_mention_whatever_it_is_elsewhere() {
    // A lone capitalised word opening a sentence may be any word: it is read as a name only
    // if the ledger spells it so. Remembered names must not carry the reading of the same
    // word in the middle of a sentence to its start, or back; a full name reads the same
    // wherever it stands.
    let text = "Vogel spoke. Later Vogel spoke. Vogel smiled. Mark Vogel left. Then Mark Vogel \
returned, and Vogel waved. Fogel spoke.";
    let report = run(text);
    assert_eq!(
        matched(&report, text),
        [
            triple("Vogel", "marc-fogel", "variant"),
            triple("Mark Vogel", "marc-fogel", "variant"),
            triple("Mark Vogel", "marc-fogel", "variant"),
            triple("Vogel", "marc-fogel", "variant"),
            triple("Fogel", "marc-fogel", "canonical"),
        ]
    );
    let fogel = entity(&report, "marc-fogel");
    assert_eq!(report.names.counts[fogel], 5);
}

#[test]
fn undeclared_names_spelt_two_ways_are_reported_once_with_every_spelling() {
    let first = "Artur Muradyan said so. Later Artur Muradyan added more. Dmitry Gorin agreed.";
    let second = "Artur Muradian admits it. Svetlana Gorina disagreed.";
    let report = common::check_files(
        "names",
        &[
            ("claims/people.toml", PEOPLE),
            ("seeds/a.txt", first),
            ("seeds/b.txt", second),
        ],
    )
    .expect("the run works");
    let groups = &report.names.groups;
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let spellings: Vec<(&str, usize)> = groups[0]
        .spellings
        .iter()
        .map(|s| (s.spelling.as_str(), s.occurrences.len()))
        .collect();
    assert_eq!(spellings, [("Artur Muradyan", 2), ("Artur Muradian", 1)]);
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == Code::InconsistentSpelling)
        .expect("reported");
    assert_eq!(finding.labels.len(), 2, "one label per spelling");
}

#[test]
fn entities_that_share_a_spelling_stop_the_run() {
    let ledger = format!(
        "{PEOPLE}\n[[entity]]\nid = \"another\"\nname = \"Someone\"\naliases = [\"marc fogel\"]\n\n[[entity]]\nid = \"a-place\"\nname = \"Somewhere\"\nkind = \"plase\"\n"
    );
    let failure = common::check_files(
        "names",
        &[("claims/people.toml", &ledger), ("seeds/a.txt", "text")],
    )
    .expect_err("the run stops");
    let codes: Vec<Code> = failure.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::DuplicateName), "{codes:?}");
    assert!(codes.contains(&Code::InvalidValue), "{codes:?}");
}

/// A spelling that stands once, in `source` at `span`.
fn spelled(source: usize, span: std::ops::Range<usize>) -> claimcheck::names::Spelled {
    claimcheck::names::Spelled {
        count: 1,
        places: claimcheck::names::Occurrence::new(source, span)
            .into_iter()
            .collect(),
    }
}

#[test]
fn variant_discovery_grows_with_the_names_not_their_pairs() {
    // Twenty thousand distinct names, a few of them spelt two ways: blocking must keep the
    // comparisons near-linear, or this takes minutes.
    let given = [
        "Ivan", "Anna", "Pavel", "Olga", "Sergei", "Maria", "Dmitry", "Elena", "Oleg", "Irina",
    ];
    let syllables = [
        "ko", "va", "ri", "men", "tor", "sha", "ly", "bur", "den", "gal", "pe", "zin", "mar", "lo",
        "vich",
    ];
    let mut unknown = std::collections::BTreeMap::new();
    let mut n = 0;
    'outer: for a in syllables {
        for b in syllables {
            for c in syllables {
                for d in ["ov", "in", "enko", "sky", "man", "berg"] {
                    let name = format!(
                        "{} {}{a}{b}{c}{d}",
                        given[n % given.len()],
                        ["K", "B", "T", "S"][n % 4]
                    );
                    let span = n * 40..n * 40 + name.len();
                    unknown.insert(name, spelled(0, span));
                    n += 1;
                    if n == 20_000 {
                        break 'outer;
                    }
                }
            }
        }
    }
    for (source, name) in ["Artur Muradyan", "Artur Muradian"].into_iter().enumerate() {
        unknown.insert(name.to_string(), spelled(source, 0..14));
    }
    let started = std::time::Instant::now();
    let groups = claimcheck::names::cluster::inconsistent(&unknown);
    let elapsed = started.elapsed();
    assert!(
        groups
            .iter()
            .any(|g| g.spellings.iter().any(|s| s.spelling == "Artur Muradian")),
        "the injected variant is found"
    );
    println!("{} names: {elapsed:?}", unknown.len());
    assert!(
        elapsed.as_secs() < 60,
        "{} names took {elapsed:?}",
        unknown.len()
    );
}
