//! Which OCR damage a text shows ([`Damage`]): Latin look-alikes of an English engine model,
//! Kazakh letters a Russian model dropped, or none, from the text's letters and, with a
//! lexicon, its words.
//!
//! Not here: which words of a text are suspects (see [`super::candidates`]), repairing them.

use crate::lang::lexicon::Lexicon;
use crate::lang::script;

/// What kind of OCR damage a text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Mostly Latin letters where Cyrillic belongs: an English engine model.
    LatinGarbage,
    /// Cyrillic without Kazakh letters and with many words no lexicon knows: Kazakh read by a
    /// Russian engine model.
    RussianModel,
    /// Cyrillic text that reads: only words with digits or Latin letters inside are suspects.
    Clean,
}

/// Share of Latin letters above which a text is taken as English-model garbage.
const LATIN_GARBAGE_SHARE: f64 = 0.3;
/// Kazakh prose has 6–9 % of its Cyrillic letters in ә ғ қ ң ө ұ ү һ і; below this share a
/// text has lost them (or is Russian).
const KAZAKH_LETTERS_LOST: f64 = 0.01;
/// Share of words outside the lexicon above which a Cyrillic text is taken as damaged.
const UNKNOWN_WORDS_DAMAGED: f64 = 0.15;

/// Which damage `text` shows, from its letters (and words, with a lexicon).
pub fn damage(text: &str, lexicon: Option<&Lexicon>) -> Damage {
    let (mut latin, mut letters, mut cyrillic, mut kazakh) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if script::is_latin_letter(c) {
            latin += 1;
        } else if script::is_cyrillic_letter(c) {
            cyrillic += 1;
            kazakh += usize::from(script::is_kazakh_only_letter(c));
        }
    }
    if letters > 0 && latin as f64 / letters as f64 >= LATIN_GARBAGE_SHARE {
        return Damage::LatinGarbage;
    }
    let Some(lexicon) = lexicon else { return Damage::Clean };
    if cyrillic == 0 || kazakh as f64 / cyrillic as f64 >= KAZAKH_LETTERS_LOST {
        return Damage::Clean;
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2 && w.chars().all(script::is_cyrillic_letter)).collect();
    let unknown = words.iter().filter(|w| !lexicon.contains(w)).count();
    if !words.is_empty() && unknown as f64 / words.len() as f64 >= UNKNOWN_WORDS_DAMAGED {
        Damage::RussianModel
    } else {
        Damage::Clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::{build_general, KAZAKH};

    #[test]
    fn latin_look_alikes_dropped_kazakh_letters_and_clean_text_are_told_apart() {
        let words = ["қазақстан", "республикасы", "бұйрығы", "осы", "күні"].map(|w| (w.to_owned(), KAZAKH));
        let lexicon = Lexicon::from_bytes(build_general(words)).unwrap();
        assert_eq!(damage("Kazakcran Pecny6nukace! 6yiipbiFbl", Some(&lexicon)), Damage::LatinGarbage);
        assert_eq!(damage("Казакстан Республикасы буйрыгы осы куни", Some(&lexicon)), Damage::RussianModel);
        assert_eq!(damage("Қазақстан Республикасы бұйрығы осы күні", Some(&lexicon)), Damage::Clean);
        // Without a lexicon only the letters speak: no word can be found unknown.
        assert_eq!(damage("Казакстан Республикасы буйрыгы осы куни", None), Damage::Clean);
        // A little genuine Latin in a Cyrillic text is not garbage.
        assert_eq!(damage("Қазақстан Республикасы ISO/IEC 15408 бұйрығы осы күні", Some(&lexicon)), Damage::Clean);
    }
}
