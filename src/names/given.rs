//! Given names: when two are the same name written two ways.

use compact_str::CompactString;

use super::spelling::translit_keys;

/// Given names that transliteration keys do not bring together, each class one name.
const CLASSES: &[&[&str]] = &[
    &[
        "alexander",
        "aleksandr",
        "alexandr",
        "aleksander",
        "oleksandr",
        "alexandre",
        "aleksandar",
    ],
    &[
        "alexei", "alexey", "aleksei", "aleksey", "alexej", "oleksii", "oleksiy", "aleksiej",
    ],
    &["artem", "artyom", "artiom", "artjom"],
    &["fyodor", "fedor", "fjodor", "fiodor"],
    &["pyotr", "petr", "piotr", "pjotr"],
    &["mikhail", "michail", "mihail", "mykhailo", "mikhailo"],
    &["nikolai", "nikolay", "mykola", "nikolaj"],
    &["sergei", "sergey", "serguei", "sergej", "serhii", "serhiy"],
    &["vladimir", "wladimir", "volodymyr"],
    &[
        "yevgeny", "evgeny", "evgenii", "yevgeniy", "evgeniy", "jewgeni", "yevhen", "ievgen",
    ],
    &["olga", "olha"],
    &["andrei", "andrey", "andrej", "andrii", "andriy"],
    &["dmitry", "dmitri", "dmitrii", "dmitriy", "dmytro"],
    &["yuri", "yury", "iurii", "yuriy", "jurij", "juri", "yurii"],
    &["konstantin", "constantin", "kostiantyn", "kostyantyn"],
    &["ilya", "ilia", "ilja", "illia"],
    &["ksenia", "kseniya", "xenia", "ksenija", "kseniia"],
];

/// How two given names agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenMatch {
    /// The same after folding.
    Equal,
    /// Known equivalents or the same under transliteration keys (Mark / Marc).
    Equivalent,
    /// One is the other's initial.
    Initial,
}

/// Whether two folded given names are one name, and how.
pub fn same_given(a: &str, b: &str) -> Option<GivenMatch> {
    same_given_keyed((a, &translit_keys(a)), (b, &translit_keys(b)))
}

/// [`same_given`] for names whose transliteration keys are known.
pub fn same_given_keyed(
    (a, keys_a): (&str, &[CompactString]),
    (b, keys_b): (&str, &[CompactString]),
) -> Option<GivenMatch> {
    if a == b {
        return Some(GivenMatch::Equal);
    }
    let initial = |short: &str, long: &str| short.chars().count() == 1 && long.starts_with(short);
    if initial(a, b) || initial(b, a) {
        return Some(GivenMatch::Initial);
    }
    let class = |name: &str| CLASSES.iter().position(|class| class.contains(&name));
    if class(a).is_some() && class(a) == class(b) {
        return Some(GivenMatch::Equivalent);
    }
    keys_a
        .iter()
        .any(|k| keys_b.contains(k))
        .then_some(GivenMatch::Equivalent)
}

/// A key that all spellings of a given name share, for blocking: its class, or its first
/// transliteration key.
pub fn given_key(name: &str) -> CompactString {
    match CLASSES.iter().position(|class| class.contains(&name)) {
        Some(class) => compact_str::format_compact!("class{class}"),
        None => translit_keys(name).first().cloned().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_agree_when_they_are_one_name() {
        let same = [
            ("alexander", "aleksandr"),
            ("sergei", "sergey"),
            ("andrei", "andrey"),
            ("mark", "marc"),
            ("artur", "arthur"),
            ("ksenia", "kseniya"),
            ("ksenia", "xenia"),
            ("dmitry", "dmitri"),
            ("yuri", "yury"),
            ("kaya", "kaja"),
            ("j", "james"),
        ];
        for (a, b) in same {
            assert!(same_given(a, b).is_some(), "{a} / {b}");
        }
        for (a, b) in [
            ("artem", "anna"),
            ("vera", "alexander"),
            ("vadim", "viktor"),
            ("ivan", "ivana"),
            ("j", "kevin"),
        ] {
            assert!(same_given(a, b).is_none(), "{a} / {b}");
        }
    }
}
