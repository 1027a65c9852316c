//! Cyrillic to Latin under the systems that news and passports use: BGN/PCGN, ICAO 9303
//! (passports), GOST 7.79 system B, and the German (Duden) style with "sch".

use std::fmt;

use serde::Serialize;

/// A transliteration system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum System {
    /// BGN/PCGN 1947 (Russian): "Darchiyev", "Naval'nyy".
    BgnPcgn,
    /// ICAO Doc 9303, as in passports: "Darchiev", "Navalnyi".
    Icao,
    /// GOST 7.79-2000, system B: "Darchiev", "Naval`ny'".
    GostB,
    /// German (Duden): "Nawalny", "Chodorkowski".
    German,
}

impl System {
    /// Every system.
    pub const ALL: &'static [System] =
        &[System::BgnPcgn, System::Icao, System::GostB, System::German];

    /// The system's name, as findings and JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            System::BgnPcgn => "BGN/PCGN",
            System::Icao => "ICAO",
            System::GostB => "GOST 7.79 B",
            System::German => "German",
        }
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for System {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for System {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::shard::by_name(
            deserializer,
            System::ALL.iter().copied(),
            System::name,
            "system",
        )
    }
}

impl schemars::JsonSchema for System {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "System".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = System::ALL.iter().map(|s| s.name()).collect();
        schemars::json_schema!({
            "description": "A transliteration system.",
            "type": "string",
            "enum": names,
        })
    }
}

/// Whether `text` holds Cyrillic letters.
pub fn is_cyrillic(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0400}'..='\u{04ff}'))
}

/// `text` in Latin letters under `system`; other characters are kept. Capitals stay capitals.
pub fn transliterate(text: &str, system: System) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let previous = i
            .checked_sub(1)
            .map(|p| chars[p].to_lowercase().next().unwrap_or(chars[p]));
        let next = chars
            .get(i + 1)
            .map(|n| n.to_lowercase().next().unwrap_or(*n));
        let Some(latin) = letter(lower, previous, next, system) else {
            out.push(c);
            continue;
        };
        if c.is_uppercase() {
            let word_in_capitals = chars.get(i + 1).is_some_and(|n| n.is_uppercase())
                || previous.is_some() && chars[i - 1].is_uppercase();
            if word_in_capitals {
                out.push_str(&latin.to_uppercase());
            } else {
                let mut letters = latin.chars();
                if let Some(first) = letters.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(letters.as_str());
                }
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'і' | 'ї' | 'є'
    )
}

/// Whether a letter after `previous` is in a position where iotated vowels are written
/// with a y/j: at the start of a word, after a vowel or a sign.
fn iotated(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(p) => is_vowel(p) || matches!(p, 'ъ' | 'ь' | 'й') || !p.is_alphabetic(),
    }
}

/// The Latin letters for one lower-case Cyrillic letter, or `None` if it is not one.
fn letter(
    c: char,
    previous: Option<char>,
    next: Option<char>,
    system: System,
) -> Option<&'static str> {
    use System::*;
    let common = match c {
        'а' => "a",
        'б' => "b",
        'д' => "d",
        'з' if system == German => "s",
        'з' => "z",
        'и' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' if system == German && previous.is_some_and(is_vowel) && next.is_some_and(is_vowel) => {
            "ss"
        }
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'г' | 'ґ' => "g",
        'і' => "i",
        _ => "",
    };
    if !common.is_empty() {
        return Some(common);
    }
    Some(match (c, system) {
        ('в', German) => "w",
        ('в', _) => "v",
        ('е', BgnPcgn) if iotated(previous) => "ye",
        ('е', German) if iotated(previous) => "je",
        ('е', _) => "e",
        ('ё', BgnPcgn) if iotated(previous) => "yë",
        ('ё', BgnPcgn) => "ë",
        ('ё', Icao) => "e",
        ('ё', GostB) => "yo",
        ('ё', German) if matches!(previous, Some('ж' | 'ш' | 'ч' | 'щ')) => "o",
        ('ё', German) => "jo",
        ('ж', German) => "sch",
        ('ж', _) => "zh",
        ('й', BgnPcgn) => "y",
        ('й', Icao) => "i",
        ('й', GostB) => "j",
        ('й', German) if previous.is_none() && next.is_some_and(is_vowel) => "j",
        // "-ский", "-ный": the ending is written "-ski", "-ny".
        ('й', German) if matches!(previous, Some('и' | 'ы')) => "",
        ('й', German) => "i",
        ('х', GostB) => "x",
        ('х', German) => "ch",
        ('х', _) => "kh",
        ('ц', GostB) if matches!(next, Some('е' | 'и' | 'ы' | 'й' | 'і')) => "c",
        ('ц', GostB) => "cz",
        ('ц', German) => "z",
        ('ц', _) => "ts",
        ('ч', German) => "tsch",
        ('ч', _) => "ch",
        ('ш', German) => "sch",
        ('ш', _) => "sh",
        ('щ', GostB) => "shh",
        ('щ', German) => "schtsch",
        ('щ', _) => "shch",
        ('ъ', Icao) => "ie",
        ('ъ', _) => "",
        ('ы', GostB) => "y'",
        ('ы', _) => "y",
        ('ь', _) => "",
        ('э', GostB) => "e`",
        ('э', _) => "e",
        ('ю', Icao) => "iu",
        ('ю', German) => "ju",
        ('ю', _) => "yu",
        ('я', Icao) => "ia",
        ('я', German) => "ja",
        ('я', _) => "ya",
        ('ї', Icao) => "i",
        ('ї', German) => "ji",
        ('ї', _) => "yi",
        ('є', Icao) => "ie",
        ('є', German) => "je",
        ('є', _) => "ye",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_under_each_system() {
        let cases = [
            ("Александр Дарчиев", System::BgnPcgn, "Aleksandr Darchiyev"),
            ("Александр Дарчиев", System::Icao, "Aleksandr Darchiev"),
            ("Ксения Карелина", System::Icao, "Kseniia Karelina"),
            ("Ксения Карелина", System::BgnPcgn, "Kseniya Karelina"),
            ("Навальный", System::BgnPcgn, "Navalnyy"),
            ("Навальный", System::German, "Nawalny"),
            ("Ходорковский", System::German, "Chodorkowski"),
            ("Ходорковский", System::Icao, "Khodorkovskii"),
            ("Чайковский", System::GostB, "Chajkovskij"),
            ("Конощенок", System::German, "Konoschtschenok"),
            ("Конощенок", System::Icao, "Konoshchenok"),
            ("Зеленский", System::German, "Selenski"),
            ("Ельцин", System::BgnPcgn, "Yeltsin"),
            ("ДАРЧИЕВ", System::Icao, "DARCHIEV"),
            ("Цой", System::GostB, "Czoj"),
            ("Цимбал", System::GostB, "Cimbal"),
        ];
        for (cyrillic, system, latin) in cases {
            assert_eq!(
                transliterate(cyrillic, system),
                latin,
                "{cyrillic} under {system}"
            );
        }
        assert!(is_cyrillic("Винник") && !is_cyrillic("Vinnik"));
    }
}
