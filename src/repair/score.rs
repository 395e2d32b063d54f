//! How much a piece of text reads like Kazakh or Russian: a letter-frequency (unigram) model
//! of the two languages, a penalty for words in mIxEd case, and a heavy penalty for characters
//! that wrong code pages produce and real documents practically never contain.
//!
//! Used to choose between readings of the same bytes (encoding detection, mojibake). It knows
//! general facts about the two alphabets only; nothing about particular documents. Not here:
//! word lists (see [`crate::lang::lexicon`]).

use crate::lang::script;

/// Log10 frequency of a lower-case Cyrillic letter in Kazakh or Russian prose (the larger of
/// the two languages' frequencies, so that either language reads as plausible).
fn letter_log_freq(c: char) -> f64 {
    // Approximate per-mille frequencies from standard Russian and Kazakh letter counts.
    let per_mille = match c {
        'а' => 110.0,
        'о' => 100.0,
        'е' => 85.0,
        'и' => 74.0,
        'н' => 70.0,
        'т' => 63.0,
        'ы' => 55.0,
        'с' => 55.0,
        'р' => 55.0,
        'л' => 50.0,
        'і' => 45.0,
        'в' => 45.0,
        'к' => 38.0,
        'д' => 35.0,
        'м' => 32.0,
        'қ' => 30.0,
        'п' => 28.0,
        'у' => 28.0,
        'ғ' => 16.0,
        'ң' => 16.0,
        'ә' => 16.0,
        'я' => 20.0,
        'ь' => 17.0,
        'г' => 17.0,
        'з' => 17.0,
        'б' => 18.0,
        'ұ' => 12.0,
        'ү' => 12.0,
        'ш' => 12.0,
        'ж' => 12.0,
        'ч' => 15.0,
        'й' => 14.0,
        'х' => 10.0,
        'ө' => 8.0,
        'ю' => 6.0,
        'ц' => 5.0,
        'щ' => 4.0,
        'э' => 3.0,
        'ф' => 3.0,
        'һ' => 0.5,
        'ъ' => 0.4,
        'ё' => 0.4,
        _ => return -6.0,
    };
    f64::log10(per_mille / 1000.0)
}

/// The score of one character as a letter of a Kazakh/Russian document, or `None` for
/// characters that do not count (digits, ASCII punctuation, spaces).
fn char_score(c: char) -> Option<f64> {
    if is_odd(c) {
        return Some(-8.0);
    }
    if script::is_cyrillic_letter(c) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        return Some(letter_log_freq(lower));
    }
    if c.is_ascii_alphabetic() {
        // Latin words (ISO, URLs) are normal in these documents; neither good nor bad.
        return Some(-1.6);
    }
    if c.is_alphabetic() {
        // Accented Latin, Greek, ...: what Cyrillic read as Latin-1 looks like.
        return Some(-5.0);
    }
    None
}

/// Characters a wrong code page produces and real documents practically never contain.
pub fn is_odd(c: char) -> bool {
    matches!(c,
        '\u{0080}'..='\u{009F}' | '¤' | '¦' | '¬' | '®' | '±' | 'µ' | '¶' | '‰' | '‡' | '†' | '\u{FFFD}' | '™' | '‹' | '›'
        | 'Ђ' | 'Ѓ' | 'ѓ' | 'Љ' | 'Њ' | 'Ќ' | 'Ћ' | 'Џ' | 'ђ' | 'љ' | 'њ' | 'ќ' | 'ћ' | 'џ' | 'Ў' | 'ў' | 'Ј' | 'Ґ' | 'ґ'
        | 'Ѕ' | 'ѕ' | 'ї' | 'Ї' | 'є' | 'Є' | 'ј'
        | '\u{2500}'..='\u{259F}' | '⌠' | '⌡' | '∙' | '√' | '≈' | '÷' | '²')
}

/// Score totals of a text: sum of character scores, characters scored, and words in mixed
/// case.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub sum: f64,
    pub chars: usize,
    pub miscased_words: usize,
    pub words: usize,
    /// Upper-case letters after a word's first letter.
    pub inner_capitals: usize,
}

impl Tally {
    pub fn of(text: &str) -> Tally {
        let mut tally = Tally::default();
        for c in text.chars() {
            if let Some(score) = char_score(c) {
                tally.sum += score;
                tally.chars += 1;
            }
        }
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2) {
            tally.words += 1;
            if !script::well_cased(word) {
                tally.miscased_words += 1;
            }
            tally.inner_capitals += word.chars().skip(1).filter(|c| c.is_uppercase()).count();
        }
        tally
    }

    /// Mean score per scored character, with each miscased word costing as much as three very
    /// unlikely letters, and a small cost for capitals inside words (prose is mostly lower
    /// case; KOI8-R read as windows-1251 swaps the cases). 0 for text without letters.
    pub fn mean(&self) -> f64 {
        if self.chars == 0 {
            return 0.0;
        }
        (self.sum - 12.0 * self.miscased_words as f64 - 0.3 * self.inner_capitals as f64) / self.chars as f64
    }

    /// The sum of two tallies.
    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            sum: self.sum + other.sum,
            chars: self.chars + other.chars,
            miscased_words: self.miscased_words + other.miscased_words,
            words: self.words + other.words,
            inner_capitals: self.inner_capitals + other.inner_capitals,
        }
    }
}

/// Mean per-letter score of `text` (higher is more Kazakh/Russian-like; clean prose is about
/// −1.3, mojibake −3 and below).
pub fn mean(text: &str) -> f64 {
    Tally::of(text).mean()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_beats_each_kind_of_mojibake() {
        let clean = "Қазақстан Республикасының Әділет";
        for garbled in [
            "ТљР°Р·Р°Т›СЃС‚Р°РЅ Р\u{A0}РµСЃРїСѓР±Р»РёРєР°СЃС‹РЅС‹ТЈ",
            "Ќазаќстан Республикасыныѕ Јділет",
            "Ð\u{9a}Ð°Ð·Ð°Ò\u{9b}Ñ\u{81}Ñ\u{82}Ð°Ð½",
        ] {
            assert!(mean(clean) > mean(garbled) + 0.5, "{garbled}: {} vs {}", mean(clean), mean(garbled));
        }
        assert!(mean("Настоящий приказ вводится") > mean("оБУФПСЭЙК РТЙЛБЪ ЧЧПДЙФУС") + 0.5);
        assert!(mean("Аппаратты") > mean("Àïïàðàòòû") + 1.0);
    }

    #[test]
    fn text_without_letters_scores_zero() {
        assert_eq!(mean("12, 34."), 0.0);
    }
}
