//! PDF decisions, as pure functions over what poppler's tools print: the page count from
//! `pdftotext`'s page separators, what a tool's error message means, the per-page split of
//! `pdftotext` output, and whether a page's text layer can be used or the page must be OCR'd.
//!
//! Not here: running the tools (driver side, [`crate::scan`]), OCR.

use super::AcquireError;
use crate::lang::script;

/// The number of pages in `pdftotext` output: it ends every page, blank ones too, with a
/// form feed.
pub fn page_count(text: &str) -> usize {
    text.matches('\u{c}').count()
}

/// Turns a poppler tool's failure (its stderr) into the error the user sees.
pub fn tool_failure(stderr: &str) -> AcquireError {
    let lower = stderr.to_lowercase();
    if lower.contains("incorrect password") || lower.contains("encrypted") {
        AcquireError::Encrypted
    } else if lower.contains("invalid page count 0") || lower.contains("last page (0)") {
        AcquireError::NoPages
    } else {
        let detail = stderr.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or("the PDF tools could not read it");
        AcquireError::Corrupt { format: "PDF", detail: detail.chars().take(200).collect() }
    }
}

/// Splits `pdftotext` output into `pages` page texts (it ends every page with a form feed).
/// Missing pages come back empty, so the result always has `pages` entries.
pub fn split_text_pages(text: &str, pages: usize) -> Vec<&str> {
    let mut out: Vec<&str> = text.split('\u{c}').take(pages).collect();
    out.resize(pages, "");
    out
}

/// Fewest letters a page's text layer needs to be used rather than OCR'd: a scanned page often
/// carries a text layer holding only a page number or a stamp.
const MIN_LETTERS: usize = 20;

/// Whether a text layer reads as text. Fails pages with too few letters, with replacement or
/// private-use characters (fonts without a Unicode map), or where most tokens are not
/// word-shaped (glyph codes mapped to punctuation and digits).
pub fn reads_as_text(text: &str) -> bool {
    let mut letters = 0usize;
    let mut visible = 0usize;
    let mut broken = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        if c == '\u{fffd}' || ('\u{e000}'..='\u{f8ff}').contains(&c) || c.is_control() {
            broken += 1;
        }
    }
    if letters < MIN_LETTERS || broken * 50 > visible || letters * 2 < visible {
        return false;
    }
    let tokens: Vec<&str> = text.split_whitespace().filter(|t| t.chars().any(char::is_alphabetic)).collect();
    let wordlike = tokens.iter().filter(|t| is_wordlike(t)).count();
    wordlike * 10 >= tokens.len() * 6
}

/// Tesseract language codes written in Cyrillic.
const CYRILLIC_LANGUAGES: &[&str] =
    &["kaz", "rus", "ukr", "bel", "bul", "srp", "mkd", "kir", "tgk", "mon", "tat", "bak", "chv", "uzb_cyrl", "aze_cyrl"];

/// Whether a page's text layer can be used as it is: it reads as text, in a script the OCR
/// languages write. A layer of mostly Latin letters where only Cyrillic languages are expected
/// is an earlier OCR with the wrong model ("Kazakcran" for "Қазақстан", as scanners that OCR in
/// English leave): recognising the page again with the right languages beats repairing it.
pub fn layer_is_usable(text: &str, ocr_languages: &str) -> bool {
    reads_as_text(text) && !in_foreign_script(text, ocr_languages)
}

fn in_foreign_script(text: &str, ocr_languages: &str) -> bool {
    if !ocr_languages.split('+').all(|lang| CYRILLIC_LANGUAGES.contains(&lang)) {
        return false;
    }
    let latin = text.chars().filter(|&c| script::is_latin_letter(c)).count();
    let cyrillic = text.chars().filter(|&c| script::is_cyrillic_letter(c)).count();
    latin > cyrillic
}

/// A token that looks like a word: letters (and inner hyphens or apostrophes) between
/// optional punctuation, e.g. `«Қазақстан`, `Премьер-Министрінің,`, `2-тармағына`.
fn is_wordlike(token: &str) -> bool {
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    let core = core.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
    !core.is_empty() && core.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_by_form_feeds() {
        assert_eq!(page_count("a\n\u{c}\u{c}b\n\u{c}"), 3);
        assert_eq!(page_count(""), 0);
    }

    #[test]
    fn tool_errors_are_named() {
        assert_eq!(tool_failure("Command Line Error: Incorrect password\n"), AcquireError::Encrypted);
        assert_eq!(tool_failure("Syntax Error: Invalid page count 0\n"), AcquireError::NoPages);
        assert!(matches!(tool_failure("Syntax Error: Couldn't read xref table\n"), AcquireError::Corrupt { .. }));
        assert!(matches!(tool_failure(""), AcquireError::Corrupt { .. }));
    }

    #[test]
    fn pdftotext_pages_are_split_on_form_feeds() {
        assert_eq!(split_text_pages("a\n\u{c}b\n\u{c}", 2), vec!["a\n", "b\n"]);
        assert_eq!(split_text_pages("a\n\u{c}", 3), vec!["a\n", "", ""]);
        assert_eq!(split_text_pages("", 1), vec![""]);
    }

    #[test]
    fn a_latin_layer_is_not_trusted_when_only_cyrillic_is_expected() {
        let english_ocr = "Kazakcran Pecny6nukace! Cudpnbik gamy MHHHCTpiHiH 6yitpsirbi TypanbI 6eKiTy";
        assert!(reads_as_text("Kazakcran Pecnyblikace Cudpnbik gamy ministrinin buyryk") );
        assert!(!layer_is_usable(english_ocr, "kaz+rus"));
        assert!(layer_is_usable("Приказ Министра цифрового развития Республики Казахстан", "kaz+rus"));
        // English is expected: the Latin layer is text.
        assert!(layer_is_usable("Order of the Minister of Digital Development of Kazakhstan", "kaz+rus+eng"));
    }

    #[test]
    fn text_layers_that_read_as_text() {
        assert!(reads_as_text("1. Қоса беріліп отырған Қазақстандық тауар өндірушілер тізіліміне енгізу үшін"));
        assert!(reads_as_text("В соответствии с пунктом 7 статьи 139 Трудового кодекса Республики Казахстан"));
        // Only a page number: the page is an image, OCR it.
        assert!(!reads_as_text("- 2 -"));
        // Glyph codes without a Unicode map.
        assert!(!reads_as_text("\u{e001}\u{e002}\u{e003} \u{e004}\u{e005} \u{e006}\u{e007}\u{e008}\u{e009} \u{e00a}\u{e00b}\u{e00c}\u{e00d}\u{e00e} \u{e00f}\u{e010}\u{e011}\u{e012}\u{e013}\u{e014}\u{e015}\u{e016}\u{e017}"));
        assert!(!reads_as_text("1?>B0=>2;5=85 #@02 8 CA;>289 ?@>254 0BB5AB0F88 3@06; A;C60I8E, 70=8<0NI8E"));
    }
}
