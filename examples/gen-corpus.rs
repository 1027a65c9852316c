//! A reproducible benchmark workload: news-like text in many files, a ledger of claims and
//! entities, the spelling variants injected (with where), and the same dictionary in the
//! formats of the tools people would use instead.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --size 1GiB --seed 7 --out /tmp/corpus
//! ```
//!
//! Writes `seeds/NNNN/*.txt` (1–50 KiB each, with a `sources.toml` per folder),
//! `claims/topics.toml` and `claims/people.toml`, `truth/variants.tsv` (file, line, written,
//! canonical), and `peers/cues.txt` (for `rg -F -f`), `peers/typos.toml` (`extend-words` for
//! typos) and `peers/prh.yml` with `peers/.textlintrc.json` (textlint-rule-prh). The same
//! seed and arguments give the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[path = "support/names.rs"]
mod names;
use names::{Person, pool, variant};

#[derive(Parser)]
struct Args {
    /// Total size of the text: 100MiB, 1GiB, 500MB, 2000000
    #[arg(long, value_parser = parse_size, default_value = "100MiB")]
    size: u64,
    /// Seed of the generator
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Folder to write into (created; must not hold a previous corpus)
    #[arg(long)]
    out: PathBuf,
    /// Claims in the ledger
    #[arg(long, default_value_t = 200)]
    claims: usize,
    /// Entities in the ledger
    #[arg(long, default_value_t = 5000)]
    entities: usize,
    /// Distinct person names the text draws from
    #[arg(long, default_value_t = 30_000)]
    names: usize,
    /// Files per folder under seeds/
    #[arg(long, default_value_t = 1000)]
    per_folder: usize,
    /// Share of paragraphs about one of the ledger's topics
    #[arg(long, default_value_t = 0.05)]
    topical: f64,
    /// Share of a topic's figures that are wrong
    #[arg(long, default_value_t = 0.05)]
    wrong: f64,
    /// Share of person names that are the ledger's entities
    #[arg(long, default_value_t = 0.2)]
    known: f64,
    /// Share of person names that are variants of an entity's spelling
    #[arg(long, default_value_t = 0.005)]
    variants: f64,
}

fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| format!("not a size: {text}"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("unknown unit `{other}`")),
    };
    Ok((number * scale) as u64)
}

/// What a claim is about, and how the text says it.
#[derive(Clone)]
struct ClaimSpec {
    id: String,
    statement: String,
    kind: Kind,
    value: u64,
    /// The pattern's words before and after the slot.
    before: String,
    after: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Count,
    Years,
    Dollars,
    Percent,
    Date,
}

const NOUNS: &[&str] = &[
    "people",
    "workers",
    "protesters",
    "prisoners",
    "soldiers",
    "hostages",
    "students",
    "journalists",
    "miners",
    "refugees",
    "passengers",
    "sailors",
    "patients",
    "voters",
    "residents",
    "families",
    "engineers",
    "officials",
    "pilots",
    "doctors",
];
const VERBS: &[&str] = &[
    "were released",
    "were detained",
    "were evacuated",
    "were injured",
    "were hired",
    "were freed",
    "were arrested",
    "were rescued",
    "were relocated",
    "were questioned",
];
const WORDS: &[&str] = &[
    "Kestrel", "Harbor", "Granite", "Lantern", "Meridian", "Orchid", "Quarry", "Saffron", "Tundra",
    "Vesper", "Willow", "Zephyr", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Glacier",
    "Horizon", "Juniper",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "Evening Wire",
    "Northern Post",
    "City Herald",
    "Morning Standard",
    "Coastal Times",
    "Capital Review",
    "Valley Courier",
    "Harbor Gazette",
    "Summit News",
];

fn ledger(rng: &mut ChaCha8Rng, claims: usize) -> (Vec<(String, Vec<ClaimSpec>)>, Vec<String>) {
    let mut topics = Vec::new();
    let mut cues = Vec::new();
    let mut made = 0;
    let mut t = 0;
    while made < claims {
        let cue = format!("Operation {}-{}", WORDS[t % WORDS.len()], t);
        cues.push(cue.clone());
        let mut specs = Vec::new();
        for k in 0..5.min(claims - made) {
            let id = format!("topic-{t}.claim-{k}");
            let kind = [
                Kind::Count,
                Kind::Count,
                Kind::Years,
                Kind::Dollars,
                Kind::Percent,
                Kind::Date,
            ]
            .choose(rng)
            .copied()
            .unwrap_or(Kind::Count);
            let noun = NOUNS.choose(rng).copied().unwrap_or("people");
            let verb = VERBS.choose(rng).copied().unwrap_or("were freed");
            let (value, before, after, statement) = match kind {
                Kind::Count => {
                    let v = rng.random_range(3..400);
                    (
                        v,
                        String::new(),
                        format!("{noun} {verb}"),
                        format!("{v} {noun} {verb}"),
                    )
                }
                Kind::Years => {
                    let v = rng.random_range(2..25);
                    (
                        v,
                        format!("{noun} leader was sentenced to"),
                        String::new(),
                        format!("the leader was sentenced to {v} years"),
                    )
                }
                Kind::Dollars => {
                    let v = rng.random_range(2..90);
                    (
                        v,
                        format!("the {noun} fund received"),
                        String::new(),
                        format!("the fund received ${v} million"),
                    )
                }
                Kind::Percent => {
                    let v = rng.random_range(5..95);
                    (
                        v,
                        format!("turnout among {noun} reached"),
                        String::new(),
                        format!("turnout reached {v}%"),
                    )
                }
                Kind::Date => {
                    let v = rng.random_range(0..365);
                    (
                        v,
                        format!("the {noun} talks took place on"),
                        String::new(),
                        format!("the talks took place on day {v} of 2024"),
                    )
                }
            };
            specs.push(ClaimSpec {
                id,
                statement,
                kind,
                value,
                before,
                after,
            });
            made += 1;
        }
        topics.push((cue, specs));
        t += 1;
    }
    (topics, cues)
}

/// 2024's day `day` (0-based), as a date.
fn day_of_2024(day: u64) -> (u64, usize) {
    const LENGTHS: [u64; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day;
    for (month, length) in LENGTHS.iter().enumerate() {
        if rest < *length {
            return (rest + 1, month);
        }
        rest -= length;
    }
    (31, 11)
}

const SMALL: &[&str] = &[
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
];

/// How the text writes `value` of `kind`: exact, as words, hedged, or (a share `wrong` of
/// the time) wrong.
fn figure(kind: Kind, value: u64, wrong: f64, rng: &mut ChaCha8Rng) -> String {
    let roll: f64 = rng.random();
    let shown = if roll < wrong {
        value + 1 + rng.random_range(0..3)
    } else {
        value
    };
    let hedge = if (wrong..wrong + 0.08).contains(&roll) {
        ["about ", "more than ", "nearly ", "at least "]
            .choose(rng)
            .copied()
            .unwrap_or("")
    } else {
        ""
    };
    match kind {
        Kind::Count if shown <= 20 && rng.random_bool(0.5) => {
            format!("{hedge}{}", SMALL[shown as usize])
        }
        Kind::Count => format!("{hedge}{shown}"),
        Kind::Years => format!("{hedge}{shown} years"),
        Kind::Dollars => format!("{hedge}${shown} million"),
        Kind::Percent => format!("{hedge}{shown}%"),
        Kind::Date => {
            let (day, month) = day_of_2024(shown.min(365));
            format!("{} {day}, 2024", MONTHS[month])
        }
    }
}

/// Filler sentences with quantities, dates and names in every form the extractor reads.
const FILLERS: &[&str] = &[
    "The committee met on {date} and heard {count} witnesses over {hours} hours.",
    "Officials said {name} had spent {years} years abroad before returning in {month}.",
    "Prices rose by {pct} in the second quarter, according to {name}.",
    "A spokesperson for {name} declined to comment on the {money} deal.",
    "Some {count} people gathered outside the court, where {name} spoke briefly.",
    "The report, published in {month} {year}, lists {count} cases and about {count} appeals.",
    "{name} told reporters that nearly two dozen flights were cancelled on {date}.",
    "Local authorities estimated the damage at more than {money}.",
    "The hearing lasted almost an hour and a half, and {name} left without a statement.",
    "Analysts expect growth of {pct} next year, while {name} warned of a slowdown.",
];

struct Writer<'a> {
    rng: ChaCha8Rng,
    args: &'a Args,
    people: &'a [Person],
    entities: &'a [Person],
    variants: &'a [String],
    topics: &'a [(String, Vec<ClaimSpec>)],
}

impl Writer<'_> {
    /// A person's name, and the canonical spelling when it is an injected variant.
    fn name(&mut self) -> (String, Option<String>) {
        let roll: f64 = self.rng.random();
        if roll < self.args.variants && !self.entities.is_empty() {
            let k = self.rng.random_range(0..self.entities.len());
            let canonical = &self.entities[k].latin;
            let given = canonical.split(' ').next().unwrap_or("");
            return (
                format!("{given} {}", self.variants[k]),
                Some(canonical.clone()),
            );
        }
        if roll < self.args.variants + self.args.known && !self.entities.is_empty() {
            let k = self.rng.random_range(0..self.entities.len());
            return (self.entities[k].latin.clone(), None);
        }
        let person = &self.people[self.rng.random_range(0..self.people.len())];
        if self.rng.random_bool(0.08) {
            (person.cyrillic.clone(), None)
        } else {
            (person.latin.clone(), None)
        }
    }

    /// Appends a paragraph to `out`, with the variants it injects (offset in `out`, written,
    /// canonical).
    fn paragraph(&mut self, out: &mut String, injected: &mut Vec<(usize, String, String)>) {
        let sentences = self.rng.random_range(2..7);
        let topical = self.rng.random_bool(self.args.topical.clamp(0.0, 1.0));
        if topical {
            let (cue, specs) = &self.topics[self.rng.random_range(0..self.topics.len())];
            let spec = specs[self.rng.random_range(0..specs.len())].clone();
            let figure = figure(spec.kind, spec.value, self.args.wrong, &mut self.rng);
            let _ = write!(out, "In {cue}, ");
            let sentence = [spec.before.as_str(), figure.as_str(), spec.after.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let _ = write!(out, "{sentence}. ");
        }
        for _ in 0..sentences {
            let template = FILLERS[self.rng.random_range(0..FILLERS.len())];
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                out.push_str(&rest[..open]);
                let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
                let slot = &rest[open + 1..close];
                match slot {
                    "name" => {
                        let (name, canonical) = self.name();
                        if let Some(canonical) = canonical {
                            injected.push((out.len(), name.clone(), canonical));
                        }
                        out.push_str(&name);
                    }
                    "count" => {
                        let _ = write!(out, "{}", self.rng.random_range(2..900));
                    }
                    "hours" => {
                        let _ = write!(out, "{}", self.rng.random_range(2..12));
                    }
                    "years" => out.push_str(SMALL[self.rng.random_range(2..20)]),
                    "pct" => {
                        let _ = write!(
                            out,
                            "{}.{}%",
                            self.rng.random_range(1..30),
                            self.rng.random_range(0..10)
                        );
                    }
                    "money" => {
                        let _ = write!(
                            out,
                            "${}.{} billion",
                            self.rng.random_range(1..40),
                            self.rng.random_range(0..10)
                        );
                    }
                    "month" => out.push_str(MONTHS[self.rng.random_range(0..12)]),
                    "year" => {
                        let _ = write!(out, "{}", self.rng.random_range(2015..2026));
                    }
                    "date" => {
                        let day = self.rng.random_range(0..365);
                        let (d, m) = day_of_2024(day);
                        let _ = write!(out, "{} {d}, 2024", MONTHS[m]);
                    }
                    _ => {}
                }
                rest = &rest[(close + 1).min(rest.len())..];
            }
            out.push_str(rest);
            out.push(' ');
        }
        out.pop();
        out.push('\n');
    }
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let people = pool(&mut rng, args.names.max(args.entities));
    let entities: Vec<Person> = people[..args.entities.min(people.len())].to_vec();
    let variants: Vec<String> = entities
        .iter()
        .map(|p| variant(p.latin.split(' ').nth(1).unwrap_or(&p.latin), &mut rng))
        .collect();
    let (topics, cues) = ledger(&mut rng, args.claims);

    for folder in ["seeds", "claims", "truth", "peers"] {
        std::fs::create_dir_all(args.out.join(folder))?;
    }
    write_ledger(&args.out, &topics, &entities)?;
    write_peers(&args.out, &cues, &entities, &variants)?;

    let mut writer = Writer {
        rng: ChaCha8Rng::seed_from_u64(args.seed.wrapping_add(1)),
        args: &args,
        people: &people,
        entities: &entities,
        variants: &variants,
        topics: &topics,
    };
    let mut truth =
        std::io::BufWriter::new(std::fs::File::create(args.out.join("truth/variants.tsv"))?);
    writeln!(truth, "file\tline\twritten\tcanonical")?;
    let mut written = 0u64;
    let mut index = 0usize;
    let mut metadata = String::new();
    while written < args.size {
        let folder = format!("{:04}", index / args.per_folder);
        if index % args.per_folder == 0 {
            flush_metadata(&args.out, index, args.per_folder, &mut metadata)?;
            std::fs::create_dir_all(args.out.join("seeds").join(&folder))?;
        }
        let target = (1024.0 * (50f64).powf(writer.rng.random::<f64>())) as usize;
        let mut text = String::with_capacity(target + 1024);
        let mut injected = Vec::new();
        let _ = writeln!(text, "{} report {index}\n", OUTLETS[index % OUTLETS.len()]);
        while text.len() < target {
            writer.paragraph(&mut text, &mut injected);
            text.push('\n');
        }
        let name = format!("article-{index:07}.txt");
        let relative = format!("seeds/{folder}/{name}");
        for (offset, spelling, canonical) in injected {
            let line = text[..offset].matches('\n').count() + 1;
            writeln!(truth, "{relative}\t{line}\t{spelling}\t{canonical}")?;
        }
        std::fs::write(args.out.join(&relative), &text)?;
        let (day, month) = day_of_2024(index as u64 % 366);
        let _ = write!(
            metadata,
            "[[source]]\npath = \"{name}\"\noutlet = \"{}\"\npublished = 2024-{:02}-{day:02}\n\n",
            OUTLETS[index % OUTLETS.len()],
            month + 1
        );
        written += text.len() as u64;
        index += 1;
    }
    flush_metadata(&args.out, index, args.per_folder, &mut metadata)?;
    truth.flush()?;
    eprintln!(
        "wrote {index} files, {written} bytes, {} claims, {} entities into {}",
        args.claims,
        entities.len(),
        args.out.display()
    );
    Ok(())
}

/// Writes the `sources.toml` of the folder that ends before file `index`.
fn flush_metadata(
    out: &Path,
    index: usize,
    per_folder: usize,
    metadata: &mut String,
) -> std::io::Result<()> {
    if metadata.is_empty() || index == 0 {
        return Ok(());
    }
    let folder = format!("{:04}", (index - 1) / per_folder);
    std::fs::write(
        out.join("seeds").join(folder).join("sources.toml"),
        metadata.as_bytes(),
    )?;
    metadata.clear();
    Ok(())
}

fn write_ledger(
    out: &Path,
    topics: &[(String, Vec<ClaimSpec>)],
    entities: &[Person],
) -> std::io::Result<()> {
    let mut ledger = String::from("# Generated by examples/gen-corpus.rs.\n\n");
    for (cue, specs) in topics {
        for spec in specs {
            let (figure, unit) = match spec.kind {
                Kind::Count => (format!("value = {}", spec.value), ""),
                Kind::Years => (format!("value = {}", spec.value), "\nunit = \"years\""),
                Kind::Dollars => (
                    format!("value = {}", spec.value * 1_000_000),
                    "\nunit = \"USD\"",
                ),
                Kind::Percent => (format!("value = {}", spec.value), "\nunit = \"percent\""),
                Kind::Date => {
                    let (day, month) = day_of_2024(spec.value);
                    (format!("date = 2024-{:02}-{day:02}", month + 1), "")
                }
            };
            let slot = if spec.kind == Kind::Date {
                "{date}"
            } else {
                "{n}"
            };
            let pattern = [spec.before.as_str(), slot, spec.after.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(
                ledger,
                "[[claim]]\nid = \"{}\"\nstatement = \"{}\"\n{figure}{unit}\ncues = [\"{cue}\"]\npatterns = [\"{pattern}\"]\n",
                spec.id, spec.statement
            );
        }
    }
    std::fs::write(out.join("claims/topics.toml"), ledger)?;
    let mut people = String::from("# Generated by examples/gen-corpus.rs.\n\n");
    for (k, person) in entities.iter().enumerate() {
        let _ = writeln!(
            people,
            "[[entity]]\nid = \"person-{k}\"\nname = \"{}\"\nnative = \"{}\"\n",
            person.latin, person.cyrillic
        );
    }
    std::fs::write(out.join("claims/people.toml"), people)
}

fn write_peers(
    out: &Path,
    cues: &[String],
    entities: &[Person],
    variants: &[String],
) -> std::io::Result<()> {
    std::fs::write(out.join("peers/cues.txt"), cues.join("\n") + "\n")?;
    let mut typos = String::from(
        "# typos-cli: the injected variants as misspellings of the ledger's surnames.\n[default.extend-words]\n",
    );
    let mut prh = String::from("version: 1\nrules:\n");
    // One rule per misspelling: two people's variants can coincide.
    let mut seen = std::collections::HashSet::new();
    for (person, variant) in entities.iter().zip(variants) {
        let surname = person.latin.split(' ').nth(1).unwrap_or(&person.latin);
        if !seen.insert(variant.to_lowercase()) || variant.eq_ignore_ascii_case(surname) {
            continue;
        }
        let _ = writeln!(
            typos,
            "{} = \"{}\"",
            variant.to_lowercase(),
            surname.to_lowercase()
        );
        let _ = writeln!(
            prh,
            "  - expected: {surname}\n    patterns:\n      - {variant}"
        );
    }
    std::fs::write(out.join("peers/typos.toml"), typos)?;
    std::fs::write(out.join("peers/prh.yml"), prh)?;
    std::fs::write(
        out.join("peers/.textlintrc.json"),
        "{\n  \"rules\": {\n    \"prh\": { \"rulePaths\": [\"./prh.yml\"] }\n  }\n}\n",
    )
}
