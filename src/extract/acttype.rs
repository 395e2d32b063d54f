//! Act type words in Kazakh and Russian, with their inflections: "бұйрығы", "бұйрығына",
//! "бұйрығымен", "приказом", "Заңының", "кодекса".
//!
//! General linguistic knowledge only. Not here: finding citations (see [`super::citations`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::ActType;

/// The grammatical role the type word's ending gives the act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// "бұйрығы", "приказ": the act itself (a requisite line, a subject).
    Nominative,
    /// "бұйрығының", "приказа": of the act (its parts follow).
    Genitive,
    /// "бұйрығына", "приказу": to the act (it is amended, or something conforms to it).
    Dative,
    /// "бұйрығымен", "приказом": by the act (it approved or repealed something).
    Instrumental,
    Other,
}

struct TypeWord {
    pattern: &'static str,
    act_type: ActType,
}

/// Each pattern matches one whole lower-cased word.
const TYPE_WORDS: &[TypeWord] = &[
    TypeWord { pattern: r"бұйры[қғ](?:|ы|ын|ына|ымен|ының|қа|пен|тың|тары|тарды|тардың|тарына)", act_type: ActType::Order },
    TypeWord { pattern: r"приказ(?:|а|у|ом|е|ы|ов|ам|ами)", act_type: ActType::Order },
    TypeWord { pattern: r"қаулы(?:|сы|сын|сына|сымен|сының|ға|мен|ның|ны)", act_type: ActType::Resolution },
    TypeWord { pattern: r"постановлени(?:е|я|ю|ем|и|й)", act_type: ActType::Resolution },
    TypeWord { pattern: r"жарлы[қғ](?:|ы|ын|ына|ымен|ының|қа|пен|тың)", act_type: ActType::Decree },
    TypeWord { pattern: r"указ(?:|а|у|ом|е)", act_type: ActType::Decree },
    TypeWord { pattern: r"заң(?:|ы|ын|ына|ымен|ының|ында|ынан)", act_type: ActType::Law },
    TypeWord { pattern: r"закон(?:|а|у|ом|е|ы|ов)", act_type: ActType::Law },
    TypeWord { pattern: r"кодек(?:с|сі|сін|сіне|сімен|сінің|сінде|са|су|сом|се)", act_type: ActType::Code },
    TypeWord { pattern: r"шешім(?:|і|ін|іне|імен|інің)", act_type: ActType::Decision },
    TypeWord { pattern: r"решени(?:е|я|ю|ем|и)", act_type: ActType::Decision },
    TypeWord { pattern: r"конституци(?:я|ясы|ясына|ясының|и|ю|ей)", act_type: ActType::Constitution },
    TypeWord { pattern: r"ереже(?:|сі|сіне|сімен|сінің)", act_type: ActType::Regulation },
    TypeWord { pattern: r"положени(?:е|я|ю|ем|и)", act_type: ActType::Regulation },
    TypeWord { pattern: r"қағидалар(?:|ы|ына|ымен|ының|ын)", act_type: ActType::Rules },
    TypeWord { pattern: r"правил(?:а|ам|ами|ах)?", act_type: ActType::Rules },
    TypeWord { pattern: r"нұсқаулы[қғ](?:|ы|ына|ымен|ының|қа)", act_type: ActType::Instruction },
    TypeWord { pattern: r"инструкци(?:я|и|ю|ей)", act_type: ActType::Instruction },
    TypeWord { pattern: r"өкім(?:|і|іне|імен|інің)", act_type: ActType::Other },
    TypeWord { pattern: r"распоряжени(?:е|я|ю|ем|и)", act_type: ActType::Other },
];

static COMPILED: LazyLock<Vec<(Regex, ActType)>> = LazyLock::new(|| {
    TYPE_WORDS.iter().map(|t| (Regex::new(&format!("^(?:{})$", t.pattern)).expect("valid regex"), t.act_type)).collect()
});

/// The act type a word names, if it is a type word.
pub fn act_type_of(word: &str) -> Option<ActType> {
    let lower = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if lower.is_empty() {
        return None;
    }
    COMPILED.iter().find(|(re, _)| re.is_match(&lower)).map(|(_, t)| *t)
}

/// Whether the type is a "main" act type (one that has a date and number of its own), as
/// opposed to a document approved by one (rules, regulations).
pub fn is_main_type(act_type: ActType) -> bool {
    !matches!(act_type, ActType::Rules | ActType::Regulation | ActType::Instruction)
}

/// The role the word's ending gives.
pub fn role_of(word: &str) -> Role {
    let lower = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    const INSTRUMENTAL: &[&str] = &["мен", "пен", "бен", "ом", "ем", "ием"];
    const GENITIVE: &[&str] = &["ның", "нің", "тың", "тің", "дың", "дің"];
    const DATIVE: &[&str] = &["на", "не", "ға", "ге", "қа", "ке", "у", "ю"];
    if INSTRUMENTAL.iter().any(|s| lower.ends_with(s)) {
        Role::Instrumental
    } else if GENITIVE.iter().any(|s| lower.ends_with(s)) || lower.ends_with("ия") || lower.ends_with("ра") {
        Role::Genitive
    } else if DATIVE.iter().any(|s| lower.ends_with(s)) {
        Role::Dative
    } else if ["ы", "і", "сы", "сі"].iter().any(|s| lower.ends_with(s)) || act_type_of(&lower).is_some() {
        Role::Nominative
    } else {
        Role::Other
    }
}

/// Kazakh nominative forms as a requisite line ends with them ("№ 521/НҚ бұйрығы.").
pub fn is_requisite_form(word: &str) -> bool {
    let lower = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    act_type_of(&lower).is_some() && (lower.ends_with('ы') || lower.ends_with('і'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_and_their_inflections() {
        assert_eq!(act_type_of("бұйрығына"), Some(ActType::Order));
        assert_eq!(act_type_of("бұйрығымен"), Some(ActType::Order));
        assert_eq!(act_type_of("Заңының"), Some(ActType::Law));
        assert_eq!(act_type_of("кодексінің"), Some(ActType::Code));
        assert_eq!(act_type_of("приказом"), Some(ActType::Order));
        assert_eq!(act_type_of("қаулысымен"), Some(ActType::Resolution));
        assert_eq!(act_type_of("Ережесінің"), Some(ActType::Regulation));
        assert_eq!(act_type_of("қаулысын"), Some(ActType::Resolution));
    }

    #[test]
    fn near_misses_are_not_type_words() {
        assert_eq!(act_type_of("заңнамада"), None);
        assert_eq!(act_type_of("законодательством"), None);
        assert_eq!(act_type_of("заңды"), None);
        assert_eq!(act_type_of("ережелер"), None);
    }

    #[test]
    fn roles() {
        assert_eq!(role_of("бұйрығымен"), Role::Instrumental);
        assert_eq!(role_of("бұйрығына"), Role::Dative);
        assert_eq!(role_of("Заңының"), Role::Genitive);
        assert_eq!(role_of("бұйрығы"), Role::Nominative);
        assert!(is_requisite_form("бұйрығы."));
        assert!(!is_requisite_form("бұйрығына"));
    }
}
