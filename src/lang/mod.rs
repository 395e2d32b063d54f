//! Language data shared by the stages: alphabets and scripts ([`script`]), language
//! identification, and the lexicon of word forms ([`lexicon`]).
//!
//! Not a stage: nothing here reads files. [`Resources`] is loaded once by the driver and lent
//! to the stages.

pub mod chargram;
pub mod corpus;
pub mod data;
pub mod endings;
pub mod lexicon;
pub mod morphology;
pub mod script;

use crate::model::Language;

/// Everything the stages need that is built from data rather than written as code.
#[derive(Debug, Default)]
pub struct Resources {
    /// Kazakh and Russian word forms; `None` runs the pipeline without a lexicon (heuristics
    /// only), which is what unit tests of single stages do.
    pub lexicon: Option<lexicon::Lexicon>,
    /// OCR channel models and the word model of the corpus; `None` turns the OCR pass off.
    pub ocr: Option<crate::repair::ocr::OcrModels>,
}

impl Resources {
    /// No data at all: every stage falls back to its heuristics.
    pub fn none() -> Self {
        Resources::default()
    }
}

/// Kazakh month stems, January first. The inflected forms (қазандағы, қаңтардан, сәуірде)
/// all start with them.
pub const KAZAKH_MONTHS: [&str; 12] =
    ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];

/// Russian month names in the genitive, January first.
pub const RUSSIAN_MONTHS: [&str; 12] =
    ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

/// Whether a lower-cased word is a month name (Kazakh, any inflection; Russian genitive).
pub fn is_month(lower: &str) -> bool {
    KAZAKH_MONTHS.iter().any(|stem| lower.starts_with(stem)) || RUSSIAN_MONTHS.contains(&lower)
}

/// Which of the two languages a text is written in, from letters only Kazakh uses.
///
/// `None` when the text has too few Cyrillic letters to tell.
pub fn identify(text: &str) -> Option<Language> {
    let mut cyrillic = 0usize;
    let mut kazakh_only = 0usize;
    for c in text.chars() {
        if script::is_cyrillic_letter(c) {
            cyrillic += 1;
            if script::is_kazakh_only_letter(c) {
                kazakh_only += 1;
            }
        }
    }
    if cyrillic < 20 {
        return None;
    }
    // Kazakh prose has 6–9 % of its letters in ә ғ қ ң ө ұ ү һ і; Russian has none, save in
    // names and citations of Kazakh titles.
    Some(if kazakh_only * 100 >= cyrillic * 2 { Language::Kazakh } else { Language::Russian })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_kazakh_from_russian() {
        assert_eq!(identify("Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі."), Some(Language::Kazakh));
        assert_eq!(identify("Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования."), Some(Language::Russian));
        assert_eq!(identify("ISO/IEC 15408"), None);
    }
}
