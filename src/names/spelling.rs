//! A name's spelling reduced for comparison: folded for case, punctuation and accents, split
//! into a given name and a surname, with keys under which transliteration variants meet.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use compact_str::CompactString;

use super::memo::{Keys, WordMemo, remembered};
use super::translit::{self, System};

/// A spelling of a name, ready to compare: only what comparing, blocking and resolving
/// read (tens of thousands of these are held while a large corpus's names are grouped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Lower case, without punctuation; accents kept: "marc fogel".
    pub folded: CompactString,
    /// Folded, accents stripped, in Latin letters (Cyrillic transliterated under `system`),
    /// its words apart by one space, initials as single letters: "marc fogel".
    pub plain: CompactString,
    /// The system a Cyrillic spelling was transliterated with, if it was.
    pub system: Option<System>,
    /// The transliteration keys of the surname, computed once.
    pub keys: Keys,
    /// The transliteration keys of the given name, if there is one.
    pub given_keys: Keys,
}

impl Form {
    /// The forms of a spelling: one for a Latin spelling; one per transliteration system
    /// for a Cyrillic one.
    pub fn all(written: &str) -> Vec<Form> {
        let folded = fold(written);
        if translit::is_cyrillic(written) {
            System::ALL
                .iter()
                .map(|&system| {
                    let latin = translit::transliterate(written, system);
                    Form::of(&folded, &latin, Some(system))
                })
                .collect()
        } else {
            vec![Form::of(&folded, written, None)]
        }
    }

    /// The form of a Latin spelling.
    pub fn latin(written: &str) -> Form {
        Form::of(&fold(written), written, None)
    }

    /// The form of a spelling folded as `folded` whose Latin letters are `latin`.
    fn of(folded: &str, latin: &str, system: Option<System>) -> Form {
        let plain = fold(&strip_accents(latin));
        let mut words = plain.split(' ').filter(|w| !w.is_empty());
        let first = words.next();
        let last = words.next_back();
        let no_keys = || Keys::from([]);
        Form {
            folded: folded.into(),
            keys: last.or(first).map_or_else(no_keys, translit_keys),
            given_keys: last.and(first).map_or_else(no_keys, translit_keys),
            plain: plain.into(),
            system,
        }
    }

    /// The given name: the first word of a name of two or more words.
    pub fn given(&self) -> Option<&str> {
        self.plain.split_once(' ').map(|(given, _)| given)
    }

    /// The surname: the last word.
    pub fn surname(&self) -> &str {
        self.plain.rsplit(' ').next().unwrap_or_default()
    }
}

/// Lower case, with punctuation removed inside words ("Kara-Murza" is "karamurza", "J.D."
/// is "j d") and white space collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // Most names are already composed: only the rest are normalised.
    let nfc: std::borrow::Cow<str> =
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            text.into()
        } else {
            text.nfc().collect::<String>().into()
        };
    let mut chars = nfc.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c == '.' {
            // "J.D." is two initials; "Mr.Smith" two words.
            pending_space = true;
        } else if matches!(c, '-' | '\'' | '’' | '‐' | '‑')
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // Joined parts stay one word.
        } else {
            pending_space = true;
        }
    }
    out
}

/// `text` without accents and with the letters that stand for two ("ß", "æ") spelt out;
/// letters with hačeks become their two-letter spellings ("š" is "sh").
pub fn strip_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c.to_lowercase().next().unwrap_or(c) {
            'š' | 'ś' => out.push_str(if c.is_uppercase() { "Sh" } else { "sh" }),
            'č' | 'ć' => out.push_str(if c.is_uppercase() { "Ch" } else { "ch" }),
            'ž' | 'ź' => out.push_str(if c.is_uppercase() { "Zh" } else { "zh" }),
            'ŝ' => out.push_str(if c.is_uppercase() { "Shch" } else { "shch" }),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str(if c.is_uppercase() { "Ae" } else { "ae" }),
            'œ' => out.push_str(if c.is_uppercase() { "Oe" } else { "oe" }),
            'ø' => out.push(if c.is_uppercase() { 'O' } else { 'o' }),
            'ł' => out.push(if c.is_uppercase() { 'L' } else { 'l' }),
            'đ' => out.push(if c.is_uppercase() { 'D' } else { 'd' }),
            _ if c.is_ascii() => out.push(c),
            _ => out.extend(c.nfd().filter(|m| !is_combining_mark(*m))),
        }
    }
    out
}

/// Replacements that bring transliteration variants together, longest first; "ch" is
/// ambiguous (ч in English, х in German) and gives two keys.
const KEY_RULES: &[(&str, &[&str])] = &[
    ("schtsch", &["S"]),
    ("shtch", &["S"]),
    ("shch", &["S"]),
    ("tsch", &["C"]),
    ("sch", &["S"]),
    ("tch", &["C"]),
    ("sh", &["S"]),
    ("ch", &["C", "H"]),
    ("zh", &["Z"]),
    ("kh", &["H"]),
    ("ts", &["Q"]),
    ("tz", &["Q"]),
    ("cz", &["Q"]),
    ("ck", &["k"]),
    ("ph", &["f"]),
    ("th", &["t"]),
    ("dh", &["d"]),
    ("gh", &["g"]),
    ("wh", &["v"]),
    ("h", &["H"]),
    ("w", &["v"]),
    ("x", &["ks"]),
    ("q", &["k"]),
    ("c", &["k"]),
    ("z", &["s", "Q"]),
    ("j", &["i"]),
    ("y", &["i"]),
];

/// Keys under which spellings of one name in different transliterations meet: digraphs
/// unified (shch/sch/šč, kh/h/ch, ts/tz/cz), y and j read as i (so ya/ia/ja, yu/iu/ju and
/// -sky/-skiy/-skij meet), w as v, doubled letters single, "ie" as "e" (so ye/je/e meet).
pub fn translit_keys(word: &str) -> Keys {
    thread_local! {
        static KEYS: WordMemo = WordMemo::default();
    }
    remembered(&KEYS, word, keys_of)
}

/// [`translit_keys`], computed.
fn keys_of(word: &str) -> Keys {
    let word = word.to_lowercase();
    let mut keys = vec![String::new()];
    let mut rest = word.as_str();
    let mut branches = 0;
    while !rest.is_empty() {
        let rule = KEY_RULES.iter().find(|(from, _)| rest.starts_with(from));
        match rule {
            Some((from, to)) => {
                if to.len() > 1 && branches < 3 {
                    branches += 1;
                    keys = keys
                        .iter()
                        .flat_map(|k| to.iter().map(move |t| format!("{k}{t}")))
                        .collect();
                } else {
                    keys.iter_mut().for_each(|k| k.push_str(to[0]));
                }
                rest = &rest[from.len()..];
            }
            None => {
                let c = rest.chars().next().expect("rest is not empty");
                if c.is_alphanumeric() {
                    keys.iter_mut().for_each(|k| k.push(c));
                }
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    let mut keys: Vec<CompactString> = keys
        .into_iter()
        .map(|k| single(&vowels(&single(&k))).into())
        .collect();
    keys.sort();
    keys.dedup();
    keys.into()
}

/// Iotated vowels read as plain ones: "ie" as "e" (ye/je/e), and "io" before a consonant
/// as "e" (ё written yo/jo/e: Fyodor / Fedor, Selesnjow / Seleznev).
fn vowels(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len());
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let consonant =
            |c: Option<char>| c.is_some_and(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'));
        if chars[i] == 'i' && (next == Some('e') || (next == Some('o') && consonant(after))) {
            out.push('e');
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `text` with runs of one letter made single.
fn single(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    for c in text.chars() {
        if last != Some(c) {
            out.push(c);
            last = Some(c);
        }
    }
    out
}

/// The consonants of a word's first key, for short names whose vowels transliterations
/// disagree on (Lick / Leek).
pub fn skeleton(word: &str) -> String {
    let key = translit_keys(word).first().cloned().unwrap_or_default();
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if i == 0 || !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            out.push(c);
        }
    }
    single(&out)
}

/// Whether `longer` is the female form of the surname `shorter` (Dultsev / Dultseva,
/// Karelin / Karelina, Zelensky / Zelenskaya, Navalny / Navalnaya, Tolstoy / Tolstaya).
pub fn is_female_form(shorter: &str, longer: &str) -> bool {
    if let Some(stem) = longer.strip_suffix('a') {
        if stem == shorter
            && ["ov", "ev", "in", "yn", "iv", "ёв"]
                .iter()
                .any(|e| shorter.ends_with(e))
        {
            return true;
        }
    }
    // Adjective surnames: -y, -iy, -yy, -oy and -ii in the male form, -aya or -aia in the
    // female one.
    ["yy", "iy", "yi", "ii", "oy", "y", "i"].iter().any(|male| {
        ["aya", "aia", "aja"].iter().any(|female| {
            match (shorter.strip_suffix(male), longer.strip_suffix(female)) {
                (Some(a), Some(b)) => a == b && !a.is_empty(),
                _ => false,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_punctuation_and_keeps_words() {
        assert_eq!(fold("Vladimir Kara-Murza"), "vladimir karamurza");
        assert_eq!(fold("J.D. Vance"), "j d vance");
        assert_eq!(fold("  O’Brien "), "obrien");
        assert_eq!(fold("SERGEY  DOLZHENKO"), "sergey dolzhenko");
        // Composed or not, one name: only a name not already composed is normalised.
        assert_eq!(fold("Jose\u{301} Martí"), "josé martí");
        assert_eq!(fold("Йе\u{308}рш"), fold("Йёрш"));
        assert_eq!(
            strip_accents("Selenskýj Šoigu Łukasz"),
            "Selenskyj Shoigu Lukasz"
        );
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        let same = [
            ("konoschenok", "konoshchenok"),
            ("muradyan", "muradian"),
            ("whitkoff", "witkoff"),
            ("zelensky", "selenskyj"),
            ("zelenskyy", "zelenskiy"),
            ("navalnyy", "nawalny"),
            ("khodorkovsky", "chodorkowski"),
            ("tchaikovsky", "chaikovsky"),
            ("darchiyev", "darchiev"),
            ("kaya", "kaja"),
            ("yevgeny", "evgeny"),
            ("xenia", "ksenia"),
        ];
        for (a, b) in same {
            let (ka, kb) = (translit_keys(a), translit_keys(b));
            assert!(ka.iter().any(|k| kb.contains(k)), "{a} {ka:?} / {b} {kb:?}");
        }
        let different = [
            ("krasikov", "konoshchenok"),
            ("vinnik", "vance"),
            ("fogel", "vogel"),
        ];
        for (a, b) in different {
            let (ka, kb) = (translit_keys(a), translit_keys(b));
            assert!(
                !ka.iter().any(|k| kb.contains(k)),
                "{a} {ka:?} / {b} {kb:?}"
            );
        }
    }

    #[test]
    fn skeletons_and_female_forms() {
        assert_eq!(skeleton("lick"), skeleton("leek"));
        assert_ne!(skeleton("lick"), skeleton("link"));
        assert!(is_female_form("dultsev", "dultseva"));
        assert!(is_female_form("zelensky", "zelenskaya"));
        assert!(is_female_form("navalny", "navalnaya"));
        assert!(is_female_form("tolstoy", "tolstaya"));
        assert!(!is_female_form("kallas", "kallasa"));
        assert!(!is_female_form("vinnik", "vinnika"));
    }

    #[test]
    fn cyrillic_spellings_have_a_form_per_system() {
        let forms = Form::all("Александр Дарчиев");
        let surnames: Vec<&str> = forms.iter().map(Form::surname).collect();
        assert_eq!(
            surnames,
            ["darchiyev", "darchiev", "darchiev", "dartschijew"]
        );
        assert_eq!(forms[1].given(), Some("aleksandr"));
        let fogel = Form::latin("Marc Fogel");
        assert_eq!(fogel.plain, "marc fogel");
        assert_eq!(Form::latin(" J.D.  Vance ").plain, "j d vance");
        assert_eq!((fogel.given(), fogel.surname()), (Some("marc"), "fogel"));
        let one = Form::latin("Fogel");
        assert_eq!((one.given(), one.surname()), (None, "fogel"));
        assert_eq!(one.given_keys.len(), 0);
    }
}
