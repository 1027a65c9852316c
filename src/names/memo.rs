//! Per-thread memos of what a name word's keys are: a corpus writes the same surnames and
//! given names in many combinations, and a word's transliteration keys and phonetic codes
//! take thousands of instructions to compute.

use std::cell::RefCell;
use std::sync::Arc;
use std::thread::LocalKey;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// Words remembered at most per memo and thread: beyond, keys are computed anew, so that
/// a corpus of endless distinct names does not grow each thread's memory without bound.
pub const WORDS: usize = 1 << 15;

/// A memo: each word's keys.
pub type WordMemo = RefCell<FxHashMap<CompactString, Keys>>;

/// A word's keys: short strings, kept inline, in one allocation shared by the memo and
/// every spelling form that holds them.
pub type Keys = Arc<[CompactString]>;

/// The keys of `word` from `memo`, computed with `keys` on first sight.
pub fn remembered(
    memo: &'static LocalKey<WordMemo>,
    word: &str,
    keys: impl FnOnce(&str) -> Keys,
) -> Keys {
    if let Some(known) = memo.with_borrow(|memo| memo.get(word).cloned()) {
        return known;
    }
    let computed = keys(word);
    memo.with_borrow_mut(|memo| {
        if memo.len() < WORDS {
            memo.insert(CompactString::from(word), computed.clone());
        }
    });
    computed
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: WordMemo = RefCell::default();
    }

    fn length(word: &str) -> Keys {
        [word.len().to_string().into()].into()
    }

    #[test]
    fn computes_once_per_word_and_stops_remembering_at_the_bound() {
        let calls = std::cell::Cell::new(0);
        let counted = |word: &str| {
            calls.set(calls.get() + 1);
            length(word)
        };
        assert_eq!(*remembered(&LENGTHS, "fogel", counted), ["5"]);
        assert_eq!(*remembered(&LENGTHS, "fogel", counted), ["5"]);
        assert_eq!(calls.get(), 1);
        // Past the bound, words are still answered right, and no longer remembered.
        for n in 0..WORDS + 10 {
            let word = format!("w{n}");
            assert_eq!(remembered(&LENGTHS, &word, length), length(&word));
        }
        LENGTHS.with_borrow(|memo| assert_eq!(memo.len(), WORDS));
        assert_eq!(*remembered(&LENGTHS, "fogel", counted), ["5"]);
        assert_eq!(calls.get(), 1);
    }
}
