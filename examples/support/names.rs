//! Person names for the benchmark workloads: Cyrillic names built from syllables, their
//! BGN/PCGN Latin spellings, and the misspellings transliteration and copy-editing make.

use claimcheck::names::translit::{System, transliterate};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// Given names, in Cyrillic.
const GIVEN: &[&str] = &[
    "Александр",
    "Михаил",
    "Иван",
    "Сергей",
    "Дмитрий",
    "Николай",
    "Андрей",
    "Павел",
    "Владимир",
    "Юрий",
    "Олег",
    "Игорь",
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Мария",
    "Ксения",
    "Юлия",
    "Светлана",
    "Вера",
    "Дарья",
    "Артём",
    "Роман",
    "Кирилл",
    "Максим",
    "Борис",
    "Григорий",
    "Леонид",
    "Виктор",
    "Джон",
    "Мэри",
    "Джеймс",
    "Линда",
    "Роберт",
    "Сьюзан",
    "Дэвид",
    "Карен",
    "Томас",
    "Лора",
    "Дэниел",
    "Эмили",
    "Питер",
    "Хелен",
    "Пол",
    "Сара",
];

/// Pieces of surnames, in Cyrillic.
const ONSETS: &[&str] = &[
    "К", "М", "С", "Т", "В", "Б", "Д", "Г", "Л", "Н", "П", "Р", "Ш", "Ж", "Х", "Ч", "З", "Ф", "Щ",
    "Ц",
];
const INNER: &[&str] = &[
    "к", "м", "с", "т", "в", "б", "д", "г", "л", "н", "п", "р", "ш", "ж", "х", "ч", "з", "щ", "ц",
    "кс",
];
const VOWELS: &[&str] = &["а", "о", "е", "и", "у", "я", "ю"];
const ENDINGS: &[&str] = &[
    "ов",
    "ев",
    "ин",
    "ский",
    "енко",
    "ук",
    "ич",
    "ян",
    "идзе",
    "ова",
    "ьев",
    "инский",
    "ец",
    "ак",
];

/// A person: the name in Cyrillic and its Latin spelling.
#[derive(Clone)]
pub struct Person {
    /// The Latin spelling.
    pub latin: String,
    /// The name in Cyrillic.
    pub cyrillic: String,
}

/// `count` distinct people, each with a Cyrillic name and its BGN/PCGN Latin spelling.
pub fn pool(rng: &mut ChaCha8Rng, count: usize) -> Vec<Person> {
    let mut seen = std::collections::HashSet::new();
    let mut people = Vec::with_capacity(count);
    while people.len() < count {
        let given = GIVEN.choose(rng).copied().unwrap_or(GIVEN[0]);
        let mut parts = vec![
            ONSETS.choose(rng).copied().unwrap_or(ONSETS[0]),
            VOWELS.choose(rng).copied().unwrap_or(VOWELS[0]),
        ];
        for _ in 0..rng.random_range(1..3) {
            parts.push(INNER.choose(rng).copied().unwrap_or(INNER[0]));
            parts.push(VOWELS.choose(rng).copied().unwrap_or(VOWELS[0]));
        }
        parts.push(ENDINGS.choose(rng).copied().unwrap_or(ENDINGS[0]));
        let cyrillic_surname: String = parts.concat();
        let cyrillic = format!("{given} {cyrillic_surname}");
        // The Latin spelling is the name's BGN/PCGN transliteration, as wires write it.
        let latin = transliterate(&cyrillic, System::BgnPcgn);
        if seen.insert(latin.clone()) {
            people.push(Person { latin, cyrillic });
        }
    }
    people
}

/// A plausible misspelling of a Latin surname, as transliteration and copy-editing make them.
pub fn variant(surname: &str, rng: &mut ChaCha8Rng) -> String {
    const RULES: &[(&str, &str)] = &[
        ("shch", "sch"),
        ("ks", "x"),
        ("kh", "h"),
        ("ya", "ia"),
        ("yu", "iu"),
        ("sky", "ski"),
        ("yev", "iev"),
        ("ts", "tz"),
        ("v", "w"),
        ("y", "i"),
        ("ch", "tch"),
        ("e", "ye"),
    ];
    let start = rng.random_range(0..RULES.len());
    for k in 0..RULES.len() {
        let (from, to) = RULES[(start + k) % RULES.len()];
        // Never at the first letter, so the name still reads as itself.
        if let Some(at) = surname[1..].find(from) {
            let at = at + 1;
            return format!("{}{to}{}", &surname[..at], &surname[at + from.len()..]);
        }
    }
    let mut chars: Vec<char> = surname.chars().collect();
    let at = chars.len() / 2;
    chars.insert(at, chars[at]);
    chars.into_iter().collect()
}
