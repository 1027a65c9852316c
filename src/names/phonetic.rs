//! Phonetic keys: Daitch–Mokotoff soundex (codes for blocking and comparing) and
//! Beider–Morse phonetic matching (forms for comparing), from `rphonetic`, built once.

use std::sync::OnceLock;

use compact_str::CompactString;

use super::memo::{Keys, WordMemo, remembered};

use rphonetic::{
    BeiderMorse, BeiderMorseBuilder, ConfigFiles, DaitchMokotoffSoundex, Encoder, NameType,
    RuleType,
};

/// The phonetic encoders, built once per process. Beider–Morse, whose rules take a few
/// milliseconds to parse, is built only when a comparison first needs it.
pub struct Phonetics {
    daitch_mokotoff: DaitchMokotoffSoundex,
    beider_morse: OnceLock<BeiderMorse<'static>>,
}

static RULES: OnceLock<ConfigFiles> = OnceLock::new();
static PHONETICS: OnceLock<Phonetics> = OnceLock::new();

impl Phonetics {
    /// The shared encoders.
    pub fn get() -> &'static Phonetics {
        PHONETICS.get_or_init(|| Phonetics {
            daitch_mokotoff: DaitchMokotoffSoundex::default(),
            beider_morse: OnceLock::new(),
        })
    }

    /// The Daitch–Mokotoff codes of a word (several when a letter reads two ways).
    pub fn daitch_mokotoff(&self, word: &str) -> Keys {
        thread_local! {
            static CODES: WordMemo = WordMemo::default();
        }
        remembered(&CODES, word, |word| {
            let codes = self.daitch_mokotoff.inner_soundex(word, true);
            codes.into_iter().map(CompactString::from).collect()
        })
    }

    /// The Beider–Morse phonetic forms of a word.
    pub fn beider_morse(&self, word: &str) -> Keys {
        let encoder = self.beider_morse.get_or_init(|| {
            let rules = RULES.get_or_init(ConfigFiles::default);
            BeiderMorseBuilder::new(rules)
                .name_type(NameType::Generic)
                .rule_type(RuleType::Approx)
                .build()
        });
        let encoded = encoder.encode(word);
        let mut forms: Vec<CompactString> = encoded
            .split(['|', '-', '(', ')'])
            .filter(|f| !f.is_empty())
            .map(CompactString::from)
            .collect();
        forms.sort();
        forms.dedup();
        forms.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(a: &[CompactString], b: &[CompactString]) -> bool {
        a.iter().any(|x| b.contains(x))
    }

    #[test]
    fn phonetic_keys_hear_what_spellings_hide() {
        let phonetics = Phonetics::get();
        let dm = |w| phonetics.daitch_mokotoff(w);
        assert!(share(&dm("fogel"), &dm("vogel")));
        assert!(share(&dm("kuznchik"), &dm("kuznechik")));
        assert!(!share(&dm("krasikov"), &dm("konoshchenok")));
        let bm = |w| phonetics.beider_morse(w);
        assert!(share(&bm("qaddafi"), &bm("kadhafi")));
    }
}
