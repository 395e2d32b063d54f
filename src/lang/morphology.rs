//! Kazakh noun inflection: the suffix chains (plural, possessive, case) a stem takes, with
//! vowel harmony and the assimilation of each suffix's first consonant to the sound before
//! it. Debian's hunspell-kk lists stems with one suffix each and no chains, so on its own it
//! knows "жүйе" and "жүйелер" but not "жүйелерін"; legal text is made of such chains. The
//! lexicon build (`scripts/build-lexicon`) adds the chains of every hunspell-kk stem.
//!
//! Not here: verbs (their paradigms are hunspell's), derivation (the dictionary lists derived
//! stems such as "мемлекеттік" as stems of their own), deciding whether a chain is attested.

/// Which vowels a suffix takes: back (а, ы) or front (е, і), from the stem's last vowel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
}

/// What the stem ends with, for the suffix's first consonant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    Vowel,
    /// м н ң
    Nasal,
    /// л р й у
    Liquid,
    /// з ж
    Voiced,
    /// any other consonant
    Voiceless,
}

const BACK_VOWELS: &str = "аоұыуяэё";
const FRONT_VOWELS: &str = "әөүіеию";

fn harmony(word: &str) -> Harmony {
    // Loanwords follow their last vowel too, "и" counting as front (тарифтер, лимиттер).
    match word.chars().rev().find(|c| BACK_VOWELS.contains(*c) || FRONT_VOWELS.contains(*c)) {
        Some(c) if FRONT_VOWELS.contains(c) => Harmony::Front,
        _ => Harmony::Back,
    }
}

fn ending(word: &str) -> Ending {
    match word.chars().last() {
        Some(c) if BACK_VOWELS.contains(c) || FRONT_VOWELS.contains(c) => Ending::Vowel,
        Some('м' | 'н' | 'ң') => Ending::Nasal,
        Some('л' | 'р' | 'й' | 'у') => Ending::Liquid,
        Some('з' | 'ж') => Ending::Voiced,
        _ => Ending::Voiceless,
    }
}

/// A suffix written with archiphonemes: `A` = а/е, `I` = ы/і, `D` = the assimilating first
/// consonant (its three shapes given per suffix).
fn realise(template: &str, harmony: Harmony) -> String {
    template
        .chars()
        .map(|c| match (c, harmony) {
            ('A', Harmony::Back) => 'а',
            ('A', Harmony::Front) => 'е',
            ('I', Harmony::Back) => 'ы',
            ('I', Harmony::Front) => 'і',
            ('Q', Harmony::Back) => 'қ',
            ('Q', Harmony::Front) => 'к',
            ('G', Harmony::Back) => 'ғ',
            ('G', Harmony::Front) => 'г',
            _ => c,
        })
        .collect()
}

fn attach(word: &str, template: &str) -> String {
    format!("{word}{}", realise(template, harmony(word)))
}

fn plural(word: &str) -> String {
    let template = match ending(word) {
        Ending::Vowel | Ending::Liquid => "лAр",
        Ending::Nasal | Ending::Voiced => "дAр",
        Ending::Voiceless => "тAр",
    };
    attach(word, template)
}

/// The possessive forms (1st and 2nd person singular, 3rd person, 1st plural, polite 2nd),
/// each with whether it is the 3rd person (which changes the case suffixes after it).
fn possessives(word: &str) -> Vec<(String, bool)> {
    let vowel = ending(word) == Ending::Vowel;
    let forms: [(&str, &str, bool); 5] =
        [("м", "Iм", false), ("ң", "Iң", false), ("сI", "I", true), ("мIз", "IмIз", false), ("ңIз", "IңIз", false)];
    forms.iter().map(|&(after_vowel, after_consonant, third)| (attach(word, if vowel { after_vowel } else { after_consonant }), third)).collect()
}

/// The case forms of `word` (genitive, accusative, dative, locative, ablative,
/// instrumental, and the attributive -дағы); `third` when `word` ends in a 3rd person
/// possessive, after which the cases take an "н".
fn cases(word: &str, third: bool) -> Vec<String> {
    let templates: [&str; 7] = if third {
        ["нIң", "н", "нA", "ндA", "нAн", "мен", "ндAGI"]
    } else {
        match ending(word) {
            Ending::Vowel => ["нIң", "нI", "GA", "дA", "дAн", "мен", "дAGI"],
            Ending::Nasal => ["нIң", "дI", "GA", "дA", "нAн", "бен", "дAGI"],
            Ending::Liquid => ["дIң", "дI", "GA", "дA", "дAн", "мен", "дAGI"],
            Ending::Voiced => ["дIң", "дI", "GA", "дA", "дAн", "бен", "дAGI"],
            Ending::Voiceless => ["тIң", "тI", "QA", "тA", "тAн", "пен", "тAGI"],
        }
    };
    templates.iter().map(|t| attach(word, t)).collect()
}

/// Every form of the chain stem [+ plural] [+ possessive] [+ case] except the bare stem.
pub fn noun_forms(stem: &str) -> Vec<String> {
    let stem = stem.to_lowercase();
    if stem.chars().count() < 2 || !stem.chars().all(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let mut forms = Vec::new();
    for base in [stem.clone(), plural(&stem)] {
        forms.extend(cases(&base, false));
        for (possessed, third) in possessives(&base) {
            forms.extend(cases(&possessed, third));
            forms.push(possessed);
        }
        forms.push(base);
    }
    forms.retain(|f| *f != stem);
    forms.sort();
    forms.dedup();
    forms
}

/// The chains of every stem of `stems` that is not itself a chain of another of them (the
/// dictionary lists some inflected forms as stems: "жүйеге" beside "жүйе"; chaining those
/// again would make words like "жүйегелер").
pub fn chains_of_stems(stems: &[String]) -> Vec<String> {
    let known: std::collections::HashSet<String> = stems.iter().map(|s| s.to_lowercase()).collect();
    let mut out = Vec::new();
    for stem in &known {
        let inflected = stem.char_indices().skip(2).any(|(i, _)| known.contains(&stem[..i]) && noun_forms(&stem[..i]).iter().any(|f| f == stem));
        if !inflected {
            out.extend(noun_forms(stem));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_follow_harmony_and_assimilation() {
        let forms = noun_forms("жүйе");
        for expected in ["жүйелер", "жүйелерін", "жүйелердің", "жүйесі", "жүйесін", "жүйесінде", "жүйеге", "жүйемен"] {
            assert!(forms.iter().any(|f| f == expected), "{expected} missing from {forms:?}");
        }
        let forms = noun_forms("технология");
        for expected in ["технологиялар", "технологияларын", "технологиясын", "технологиялармен", "технологиясы"] {
            assert!(forms.iter().any(|f| f == expected), "{expected} missing");
        }
        let forms = noun_forms("әзірлеме");
        assert!(forms.iter().any(|f| f == "әзірлемелердің"));
        let forms = noun_forms("мемлекет");
        for expected in ["мемлекеттің", "мемлекетке", "мемлекетте", "мемлекеттер", "мемлекетпен"] {
            assert!(forms.iter().any(|f| f == expected), "{expected} missing");
        }
        let forms = noun_forms("бағдарлама");
        assert!(forms.iter().any(|f| f == "бағдарламаның") && forms.iter().any(|f| f == "бағдарламаларын"));
        assert!(!forms.iter().any(|f| f == "бағдарламалерін"), "no front suffix on a back stem");
    }

    #[test]
    fn stems_that_are_chains_of_other_stems_are_not_chained_again() {
        let forms = chains_of_stems(&["жүйе".to_owned(), "жүйеге".to_owned(), "сынақ".to_owned()]);
        assert!(forms.iter().any(|f| f == "жүйелерін") && forms.iter().any(|f| f == "сынақтар"));
        assert!(!forms.iter().any(|f| f == "жүйегелер"));
    }

    #[test]
    fn loanwords_and_junk_stems() {
        assert!(noun_forms("лимит").iter().any(|f| f == "лимиті"));
        assert!(noun_forms("тариф").iter().any(|f| f == "тарифтер"));
        assert!(noun_forms("а").is_empty() && noun_forms("3d").is_empty());
    }
}
