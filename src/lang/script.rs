//! Scripts and alphabets: which characters are Cyrillic, Kazakh-only, Latin look-alikes; and a
//! cheap plausibility score for "does this read as Kazakh/Russian text".
//!
//! Not here: word lists (see [`super::lexicon`]).

/// Letters of the Kazakh Cyrillic alphabet that Russian does not have.
pub const KAZAKH_ONLY: &str = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

/// The Kazakh letters a Russian keyboard makes people type as a Russian one (lower case):
/// қ as к, ғ as г, ң as н, ү and ұ as у, ө as о or е, ә as а, е or э, і as и, һ as х. Web
/// text, and word lists made from it, are full of such spellings ("кабылданатын" for
/// "қабылданатын"); an order never is.
pub fn keyboard_originals(c: char) -> &'static [char] {
    match c {
        'к' => &['қ'],
        'г' => &['ғ'],
        'н' => &['ң'],
        'у' => &['ү', 'ұ'],
        'о' => &['ө'],
        'е' => &['ө', 'ә'],
        'а' | 'э' => &['ә'],
        'и' => &['і'],
        'х' => &['һ'],
        _ => &[],
    }
}

pub fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}') && c.is_alphabetic()
}

pub fn is_kazakh_only_letter(c: char) -> bool {
    KAZAKH_ONLY.contains(c)
}

pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic()
}

/// How much `text` reads like Kazakh or Russian prose, 0..1: the share of its words that are
/// well-formed Cyrillic words (one script, no case changes inside the word), less a penalty for
/// characters that real documents practically never contain.
///
/// Used to choose between candidate decodings; it knows nothing about particular documents.
pub fn plausibility(text: &str) -> f64 {
    let mut words = 0usize;
    let mut good = 0usize;
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if word.chars().all(is_cyrillic_letter) && well_cased(word) {
            good += 1;
        }
    }
    let odd = text.chars().filter(|&c| is_odd_symbol(c)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    if words == 0 {
        return 0.0;
    }
    (good as f64 / words as f64 - 4.0 * odd as f64 / letters as f64).max(0.0)
}

/// lower, Capitalised or UPPER — not mIxEd, which is what a wrong code page produces.
pub fn well_cased(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return true };
    let rest: Vec<char> = chars.collect();
    let rest_lower = rest.iter().all(|c| !c.is_uppercase());
    let rest_upper = rest.iter().all(|c| !c.is_lowercase());
    rest_lower || (first.is_uppercase() && rest_upper)
}

/// Characters that appear in text decoded with the wrong code page and almost never in a real
/// Kazakh or Russian document.
fn is_odd_symbol(c: char) -> bool {
    matches!(c,
        '\u{0080}'..='\u{009F}' | '¤' | '¦' | '¬' | '®' | '±' | 'µ' | '¶' | '‰' | '‡' | '†' | '\u{FFFD}'
        | 'Ђ' | 'Ѓ' | 'ѓ' | 'Љ' | 'Њ' | 'Ќ' | 'Ћ' | 'Џ' | 'ђ' | 'љ' | 'њ' | 'ќ' | 'ћ' | 'џ' | 'Ў' | 'ў' | 'Ј' | 'Ґ' | 'Ѕ' | 'ѕ' | 'ї' | 'Ї' | 'є' | 'Є' | 'ј'
        | '\u{2500}'..='\u{257F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_plausible_and_mojibake_is_not() {
        let clean = "Қазақстан Республикасының Әділет министрлігінде тіркелді";
        assert!(plausibility(clean) > 0.9);
        let mojibake = "ТљР°Р·Р°Т›СЃС‚Р°РЅ Р РµСЃРїСѓР±Р»РёРєР°СЃС‹РЅС‹ТЈ";
        assert!(plausibility(mojibake) < 0.3, "{}", plausibility(mojibake));
    }

    #[test]
    fn casing() {
        assert!(well_cased("бұйрық") && well_cased("Бұйрық") && well_cased("БҰЙЫРАМЫН"));
        assert!(!well_cased("бҰйрық") && !well_cased("РЕСПУБЛИКАсы"));
    }
}
