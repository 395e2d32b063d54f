//! Quality: how readable a repaired text is, and how much the repair had to do.
//!
//! A document whose text is unreadable garbage is marked so here, and the pipeline then leaves
//! its extracted fields empty rather than filling them with garbage. Not here: the repair
//! itself.

use crate::lang::{script, Resources};
use crate::model::{EditKind, Quality, Repaired, LOW_CONFIDENCE};

/// Below this share of recognised words a text is unreadable.
pub const READABLE_WORD_SHARE: f64 = 0.6;

/// Assesses a repaired text.
pub fn assess(repaired: &Repaired, resources: &Resources) -> Quality {
    let words: Vec<&str> = word_tokens(&repaired.text).collect();
    let tokens = words.len();
    let changed: Vec<_> = repaired
        .edits
        .iter()
        .filter(|e| !matches!(e.kind, EditKind::Suspected | EditKind::Whitespace | EditKind::Unwrap | EditKind::Normalize))
        .collect();
    let repaired_tokens: usize = changed.iter().map(|e| word_tokens(&e.after).count().max(1)).sum();
    let confident: usize = changed
        .iter()
        .filter(|e| e.confidence >= LOW_CONFIDENCE)
        .map(|e| word_tokens(&e.after).count().max(1))
        .sum();
    // A word the repair only guessed is not a recognised word: otherwise any noise the OCR
    // repair maps onto dictionary words would pass for a readable text.
    let guessed = repaired_tokens - confident;
    let recognised = words.iter().filter(|w| is_recognised(w, resources)).count().saturating_sub(guessed);
    let word_share = ratio(recognised, tokens);
    let readable = tokens >= 5 && word_share >= READABLE_WORD_SHARE;
    let verdict = if tokens < 5 {
        format!("too little text to read ({tokens} words)")
    } else if readable {
        format!("{:.1}% of {tokens} words recognised{}", 100.0 * word_share, guesses_note(guessed))
    } else {
        format!("unreadable: only {:.1}% of {tokens} words recognised{}", 100.0 * word_share, guesses_note(guessed))
    };
    Quality {
        tokens,
        word_share,
        readable,
        repaired_share: ratio(repaired_tokens.min(tokens), tokens),
        high_confidence_share: if repaired_tokens == 0 { 1.0 } else { ratio(confident, repaired_tokens) },
        verdict,
    }
}

/// Word tokens: maximal runs of letters (with inner hyphens), at least two letters long.
pub fn word_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

fn guesses_note(guessed: usize) -> String {
    if guessed == 0 {
        String::new()
    } else {
        format!(" ({guessed} low-confidence repairs not counted)")
    }
}

fn is_recognised(word: &str, resources: &Resources) -> bool {
    if let Some(lexicon) = &resources.lexicon {
        return word.split('-').all(|part| part.is_empty() || lexicon.contains(part) || is_acronym(part));
    }
    // Without a lexicon: a well-cased, all-Cyrillic word with a vowel.
    word.chars().all(|c| c == '-' || script::is_cyrillic_letter(c))
        && script::well_cased(word)
        && word.chars().any(|c| "аәеёиоөуұүыіэюяАӘЕЁИОӨУҰҮЫІЭЮЯ".contains(c))
}

fn is_acronym(word: &str) -> bool {
    word.chars().count() <= 6 && word.chars().all(|c| c.is_uppercase())
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Repaired {
        Repaired { text: t.to_owned(), edits: vec![] }
    }

    #[test]
    fn clean_kazakh_is_readable() {
        let q = assess(&text("Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізіледі және ресми жариялануға тиіс."), &Resources::none());
        assert!(q.readable, "{q:?}");
        assert!(q.word_share > 0.9);
    }

    #[test]
    fn words_the_repair_only_guessed_are_not_recognised() {
        use crate::model::{Edit, EditKind, Span};
        let guess = |start: usize, word: &str| Edit {
            pass: 0,
            span: Span::new(start, start + 1),
            before: "x".into(),
            after: word.into(),
            kind: EditKind::Ocr,
            confidence: 0.3,
            reason: "guess".into(),
        };
        let mut repaired = text("баш их пытка чьи жаба шарт ильи езжу");
        let clean = assess(&repaired, &Resources::none());
        repaired.edits = ["баш", "их", "пытка", "чьи", "жаба", "шарт"].iter().enumerate().map(|(i, w)| guess(i, w)).collect();
        let guessed = assess(&repaired, &Resources::none());
        assert!(clean.readable);
        assert!(!guessed.readable, "{guessed:?}");
        assert!(guessed.verdict.contains("6 low-confidence repairs not counted"), "{}", guessed.verdict);
    }

    #[test]
    fn english_model_ocr_garbage_is_not() {
        let q = assess(&text("Kazakcran PecnyOnukace! CanblK KoJeKCiHIH 17-0a0bIHBIH 2-TapMarbiHA COMKEC BYWBIPAMBIH"), &Resources::none());
        assert!(!q.readable, "{q:?}");
        assert!(q.verdict.starts_with("unreadable"));
    }
}
