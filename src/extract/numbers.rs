//! Numbers written in digits ("26", "4,000", "1.5", "4bn") or words ("twenty-six", "one
//! hundred and twenty", "two million"), with scale words.

use super::tokens::Toks;
use crate::text::TokenKind;

/// A number read from tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Number {
    /// Its value.
    pub value: f64,
    /// Index of the token after it.
    pub end: usize,
    /// Whether it is the lone word "one", which is more often a pronoun than a count.
    pub lone_one: bool,
    /// What scale words or suffixes multiplied it by ("million", "bn"), 1 if none.
    pub scale: f64,
    /// Whether it is a plain four-digit integer, as years are written.
    pub year_like: bool,
}

/// The value of a cardinal word below a hundred.
pub(crate) fn small_cardinal(word: &str) -> Option<u32> {
    let value = match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(value)
}

/// The multiplier of a scale word or abbreviation.
pub(crate) fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// The plural of a scale word, used vaguely ("hundreds", "billions").
pub(crate) fn plural_scale(word: &str) -> Option<f64> {
    Some(match word {
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    })
}

/// Reads a number at `i`, with any scale words after it.
pub(crate) fn number(t: &Toks, i: usize) -> Option<Number> {
    number_of(t, i, false)
}

/// Reads a number at `i`; after a currency symbol, `money` also reads "m" and "b" as
/// million and billion ("$4.5m").
pub(crate) fn number_of(t: &Toks, i: usize, money: bool) -> Option<Number> {
    let mut number = match t.kind(i)? {
        TokenKind::Number => digits(t.text(i), i, money)?,
        TokenKind::Word => words(t, i)?,
        TokenKind::Punct => return None,
    };
    // Scale words after the figure: "1.5 million", "two hundred thousand".
    while let Some(scale) = scale_word(t.text(number.end)) {
        if scale == 1e2 && number.value >= 100.0 {
            break;
        }
        number.value *= scale;
        number.end += 1;
        number.scale *= scale;
        number.lone_one = false;
        number.year_like = false;
    }
    // "two and a half", "one and a half million".
    if let Some(end) = t.seq(number.end, &["and", "a", "half"]) {
        number.value += 0.5 * number.scale;
        number.end = end;
        number.lone_one = false;
        number.year_like = false;
        if let Some(scale) = scale_word(t.text(end)).filter(|_| number.scale == 1.0) {
            number.value *= scale;
            number.end += 1;
            number.scale = scale;
        }
    }
    Some(number)
}

/// A number token: digits with separators, then an optional scale suffix ("4bn", "5k").
/// Ordinals ("10th"), decades ("1990s") and codes ("5G") are not numbers.
fn digits(text: &str, i: usize, money: bool) -> Option<Number> {
    let split = text.find(|c: char| c.is_alphabetic()).unwrap_or(text.len());
    let (figure, suffix) = text.split_at(split);
    let scale = match suffix {
        "" => 1.0,
        "k" => 1e3,
        "m" if money => 1e6,
        "b" if money => 1e9,
        other => scale_word(other)?,
    };
    let value: f64 = figure.replace(',', "").parse().ok()?;
    let year_like = suffix.is_empty() && figure.len() == 4 && !figure.contains([',', '.']);
    Some(Number {
        value: value * scale,
        end: i + 1,
        lone_one: false,
        scale,
        year_like,
    })
}

/// Number words: "twenty-six", "one hundred and twenty", "a hundred", "two million".
fn words(t: &Toks, start: usize) -> Option<Number> {
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        Nothing,
        Units,
        Tens,
        Hundred,
        Scale,
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last = Last::Nothing;
    let mut i = start;
    let mut end = start;
    let mut word_count = 0;
    // "a hundred", "a million".
    if t.is_any(i, &["a", "an"]) && scale_word(t.text(i + 1)).is_some() {
        current = 1.0;
        last = Last::Units;
        i += 1;
    }
    loop {
        let word = t.text(i);
        if let Some(value) = small_cardinal(word) {
            let value = f64::from(value);
            let fits = match last {
                Last::Nothing | Last::Hundred | Last::Scale => true,
                Last::Tens => value < 10.0,
                Last::Units => false,
            };
            if !fits {
                break;
            }
            current += value;
            last = if value >= 20.0 && value % 10.0 == 0.0 {
                Last::Tens
            } else {
                Last::Units
            };
            i += 1;
            end = i;
            word_count += 1;
            // "twenty-six": a glued hyphen between tens and units.
            if last == Last::Tens
                && t.is(i, "-")
                && t.glued(i)
                && t.glued(i + 1)
                && small_cardinal(t.text(i + 1)).is_some_and(|v| (1..10).contains(&v))
            {
                i += 1;
            }
            continue;
        }
        if word == "hundred" && matches!(last, Last::Units | Last::Tens) && current < 100.0 {
            current *= 100.0;
            last = Last::Hundred;
        } else if let Some(scale) = scale_word(word).filter(|&s| s >= 1e3) {
            if last == Last::Nothing || last == Last::Scale {
                break;
            }
            total += current * scale;
            current = 0.0;
            last = Last::Scale;
        } else if word == "and"
            && matches!(last, Last::Hundred | Last::Scale)
            && small_cardinal(t.text(i + 1)).is_some()
        {
            i += 1;
            continue;
        } else {
            break;
        }
        i += 1;
        end = i;
        word_count += 1;
    }
    if last == Last::Nothing {
        return None;
    }
    let value = total + current;
    Some(Number {
        value,
        end,
        lone_one: word_count == 1 && value == 1.0,
        scale: 1.0,
        year_like: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Folded, tokenize};

    fn read(input: &str) -> Option<(f64, usize)> {
        let folded = Folded::new(input).expect("a short text");
        let tokens = tokenize(&folded, input);
        let t = Toks {
            tokens: &tokens,
            folded: &folded,
            end: tokens.len(),
        };
        number(&t, 0).map(|n| (n.value, n.end))
    }

    #[test]
    fn reads_digits_and_words() {
        let cases: &[(&str, f64, usize)] = &[
            ("26 people", 26.0, 1),
            ("4,000,000 rubles", 4e6, 1),
            ("1.5 million", 1.5e6, 2),
            ("4bn", 4e9, 1),
            ("5k", 5e3, 1),
            ("twenty-six", 26.0, 3),
            ("twenty six", 26.0, 2),
            ("Nine years", 9.0, 1),
            ("one hundred and twenty", 120.0, 4),
            ("a hundred people", 100.0, 2),
            ("two million", 2e6, 2),
            ("three hundred thousand", 3e5, 3),
            ("two and a half years", 2.5, 4),
            ("one and a half million", 1.5e6, 5),
            ("twelve", 12.0, 1),
            ("1,000 and", 1000.0, 1),
        ];
        for &(input, value, end) in cases {
            assert_eq!(read(input), Some((value, end)), "{input}");
        }
    }

    #[test]
    fn rejects_ordinals_codes_and_non_numbers() {
        for input in [
            "10th", "1990s", "5G", "first", "a", "hundred", "million", "-",
        ] {
            assert_eq!(read(input), None, "{input}");
        }
    }

    #[test]
    fn stops_where_the_number_ends() {
        assert_eq!(read("six twenty"), Some((6.0, 1)));
        assert_eq!(read("two three"), Some((2.0, 1)));
        assert_eq!(read("twenty-first"), Some((20.0, 1)));
    }
}
