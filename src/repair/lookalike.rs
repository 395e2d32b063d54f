//! Latin look-alikes inside Cyrillic words: "Кабинетiнiң" typed with Latin "i" becomes
//! "Кабинетінің"; a Latin code typed with one Cyrillic letter ("КZ") becomes Latin.
//!
//! A word here is a maximal run of letters, so "Data-орталықтарды" is two words, each in one
//! script, and is left alone. Also left alone (genuine Latin): e-mail addresses and URLs, and
//! formula indices — an upper-case Cyrillic symbol followed by one lower-case Latin letter
//! ("СВi" in "∑СВi/∑ОСВᵢ" is the symbol СВ with index i, written like "СВᵢ" beside it).
//! Roman numerals typed with Cyrillic look-alikes ("ХI") become Latin ("XI").
//!
//! Not here: OCR misreadings in whole-Latin words ("Pecny6nuka"), which belong to the OCR pass.

use crate::lang::{script, Resources};
use crate::model::EditKind;

use super::Change;

/// Latin letters that look like a Cyrillic letter, and that letter. Kazakh "і" for "i",
/// "һ" for "h", "ә" for the Latin schwa.
const LATIN_TO_CYRILLIC: &[(char, char)] = &[
    ('a', 'а'), ('c', 'с'), ('e', 'е'), ('o', 'о'), ('p', 'р'), ('x', 'х'), ('y', 'у'), ('i', 'і'), ('k', 'к'), ('h', 'һ'),
    ('ə', 'ә'), ('Ə', 'Ә'), ('ı', 'і'),
    ('A', 'А'), ('B', 'В'), ('C', 'С'), ('E', 'Е'), ('H', 'Н'), ('K', 'К'), ('M', 'М'), ('O', 'О'), ('P', 'Р'), ('T', 'Т'),
    ('X', 'Х'), ('Y', 'У'), ('I', 'І'),
];

fn to_cyrillic(c: char) -> Option<char> {
    LATIN_TO_CYRILLIC.iter().find(|&&(l, _)| l == c).map(|&(_, k)| k)
}

fn to_latin(c: char) -> Option<char> {
    LATIN_TO_CYRILLIC.iter().find(|&&(_, k)| k == c).map(|&(l, _)| l).filter(char::is_ascii)
}

/// The look-alike pass.
pub fn find(text: &str, resources: &Resources) -> Vec<Change> {
    let mut changes = Vec::new();
    for (start, word) in letter_runs(text) {
        let has_latin = word.chars().any(script::is_latin_letter);
        let has_cyrillic = word.chars().any(script::is_cyrillic_letter);
        if !(has_latin && has_cyrillic) || in_address(text, start, start + word.len()) || is_formula_index(word) {
            continue;
        }
        if let Some(change) = fix_word(word, start, resources) {
            changes.push(change);
        }
    }
    changes
}

fn fix_word(word: &str, start: usize, resources: &Resources) -> Option<Change> {
    let end = start + word.len();
    if let Some(roman) = roman_numeral(word) {
        return Some(Change::new(start, end, roman, EditKind::Lookalike, 0.9, "Roman numeral typed with Cyrillic look-alikes"));
    }
    let latin: Vec<char> = word.chars().filter(|&c| script::is_latin_letter(c)).collect();
    if latin.iter().all(|&c| to_cyrillic(c).is_some()) {
        let fixed: String = word.chars().map(|c| if script::is_latin_letter(c) { to_cyrillic(c).unwrap_or(c) } else { c }).collect();
        let confidence = match resources.lexicon.as_ref() {
            Some(lexicon) if lexicon.contains(&fixed) => 0.99,
            Some(_) => 0.85,
            None => 0.95,
        };
        let letters: String = latin.iter().collect();
        return Some(Change::new(start, end, fixed, EditKind::Lookalike, confidence, format!("Latin {letters:?} inside a Cyrillic word")));
    }
    // Latin letters without a Cyrillic twin: a Latin word with Cyrillic look-alikes in it.
    let fixed: Option<String> = word.chars().map(|c| if script::is_cyrillic_letter(c) { to_latin(c) } else { Some(c) }).collect();
    match fixed {
        Some(fixed) => Some(Change::new(start, end, fixed, EditKind::Lookalike, 0.8, "Cyrillic look-alikes inside a Latin word")),
        None => Some(Change::new(start, end, word, EditKind::Suspected, 0.0, "word mixes Latin and Cyrillic letters that have no look-alike")),
    }
}

/// Maximal runs of letters with their byte offsets.
fn letter_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|&(_, c)| c.is_alphabetic())?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphabetic() {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Whether `start..end` lies in an e-mail address or URL (the whitespace-delimited token has
/// "@", "://" or "www.").
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let token_start = text[..start].char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
    let token = &text[token_start..token_end];
    token.contains('@') || token.contains("://") || token.contains("www.")
}

/// An upper-case Cyrillic symbol with a one-letter lower-case Latin index: "СВi".
fn is_formula_index(word: &str) -> bool {
    let mut chars: Vec<char> = word.chars().collect();
    let Some(index) = chars.pop() else { return false };
    index.is_ascii_lowercase() && !chars.is_empty() && chars.iter().all(|&c| script::is_cyrillic_letter(c) && c.is_uppercase())
}

/// "ХI" (Cyrillic Х, Latin I) → "XI": upper-case letters that are all Roman digits in one
/// script or the other.
fn roman_numeral(word: &str) -> Option<String> {
    let latin: Option<String> = word
        .chars()
        .map(|c| match c {
            'I' | 'V' | 'X' | 'L' | 'C' | 'M' => Some(c),
            'І' => Some('I'),
            'Х' => Some('X'),
            'С' => Some('C'),
            'М' => Some('M'),
            _ => None,
        })
        .collect();
    latin.filter(|r| is_roman(r))
}

/// A well-formed Roman numeral from 1 to 3999.
fn is_roman(s: &str) -> bool {
    static ROMAN: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$").expect("valid regex"));
    !s.is_empty() && ROMAN.is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::Lexicon;
    use crate::repair::change;

    fn fix(text: &str) -> String {
        change::apply(text, find(text, &Resources::none()), 0).0
    }

    #[test]
    fn latin_letters_in_cyrillic_words_become_cyrillic() {
        assert_eq!(fix("Министрлер Кабинетiнiң қаулысы"), "Министрлер Кабинетінің қаулысы");
        assert_eq!(fix("өндірушіcін растау"), "өндірушісін растау");
        assert_eq!(fix("Пpиказ MинистPа"), "Приказ МинистРа");
    }

    #[test]
    fn genuine_latin_stays() {
        for text in [
            "ISO/IEC 15408-3-2017",
            "moap@mdai.gov.kz, www.gov.kz",
            "(Data-орталықтарды)",
            "XIV тарау",
            "БҚОҮ = (1–(∑СВi/∑ ОСВᵢ)) × 100%",
            "интерактивті 3D қосымшалар",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn latin_codes_and_roman_numerals_become_latin() {
        assert_eq!(fix("\"СТ-КZ\" нысаны"), "\"СТ-KZ\" нысаны");
        assert_eq!(fix("ХI тарау"), "XI тарау");
    }

    #[test]
    fn lexicon_raises_confidence() {
        let resources = Resources { lexicon: Some(Lexicon::from_words(["кабинетінің"])), ..Resources::default() };
        let changes = find("Кабинетiнiң", &resources);
        assert_eq!(changes[0].confidence, 0.99);
    }
}
