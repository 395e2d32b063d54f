//! Line wraps: a paragraph the exporter wrapped into lines is joined back into one line.
//!
//! The structure decides: a line is joined to the next when the next starts at column 0 (in
//! these documents every paragraph and point starts indented, continuations do not) and does
//! not start a point ("1. ", "1) ", "а) ", "- "), and
//! - the next line starts with punctuation that closes what came before ("түрлендіру" /
//!   ", сүйемелдеу"; "тәртіппен" / ":") — joined without a space;
//! - the line ends with an opening bracket ("қызметтер (" / "цифрлық") — without a space;
//! - the line ends with a space, the exporter's mark of a soft wrap — with one space;
//! - the line ends inside a sentence (a letter, digit, comma or dash), the next starts in
//!   lower case, and the paragraph started indented (stamps and headers start at column 0
//!   and keep their lines) — with one space.
//!
//! Blank lines are paragraph boundaries and are never crossed. Not here: words cut in two
//! ([`super::shred`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Resources;
use crate::model::EditKind;

use super::Change;

/// The unwrap pass.
pub fn find(text: &str, _resources: &Resources) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    // Whether the current line belongs to a paragraph whose first line is indented.
    let mut in_indented_paragraph = false;
    let mut previous_blank = true;
    while let Some(line) = lines.next() {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        // Tab-indented lines are stamps and cells in these exports, not paragraphs.
        if !blank && content.starts_with([' ', '\u{A0}']) {
            in_indented_paragraph = true;
        } else if blank || previous_blank {
            in_indented_paragraph = false;
        }
        previous_blank = blank;
        let Some(&next) = lines.peek() else { break };
        let body_end = offset + content.trim_end().len();
        let next_start = offset + line.len();
        if let Some((after, reason)) = join(content, next.trim_end_matches(['\n', '\r']), in_indented_paragraph) {
            changes.push(Change::new(body_end, next_start, after, EditKind::Unwrap, 0.9, reason));
        }
        offset += line.len();
    }
    changes
}

/// How `line` and `next` join, if they do: the text between them and why.
fn join(line: &str, next: &str, in_indented_paragraph: bool) -> Option<(&'static str, &'static str)> {
    let body = line.trim_end();
    if body.is_empty() || next.trim().is_empty() || next.starts_with(char::is_whitespace) || starts_structure(next) || is_heading(next) {
        return None;
    }
    let last = body.chars().next_back()?;
    let first = next.chars().next()?;
    if matches!(first, ',' | '.' | ';' | ':' | ')' | '!' | '?') {
        return Some(("", "punctuation pushed to the next line"));
    }
    if last == '(' {
        return Some(("", "line wrapped after an opening bracket"));
    }
    let soft = line.len() > body.len();
    let sentence_ends = matches!(last, '.' | ':' | ';' | '!' | '?');
    if soft && (!sentence_ends || first.is_lowercase()) {
        return Some((" ", "soft line wrap (line ends with a space)"));
    }
    let mid_sentence = last.is_alphanumeric() || matches!(last, ',' | '–' | '—' | '-' | '"' | '»' | ')');
    // A comma or dash cannot end a paragraph: the next line goes on with it whatever its case
    // ("орынбасары –" / "Жасанды интеллект").
    if in_indented_paragraph && matches!(last, ',' | '–' | '—') {
        return Some((" ", "line wrapped after a comma or dash"));
    }
    // Without the soft-wrap space, only inside a paragraph that started indented: stamps and
    // headers ("Утверждены" / "приказом Управляющего" / "Делами Президента") start at
    // column 0 and keep their lines.
    // A full-width line (the exporter's wrap) ending in a conjunction; short stamp lines
    // ("Денсаулық сақтау және" / "әлеуметтік даму министрі") keep their layout.
    let dangling = ends_with_conjunction(body) && body.chars().count() >= FULL_LINE;
    if (in_indented_paragraph || dangling) && mid_sentence && first.is_lowercase() && last != '-' {
        return Some((" ", "line wrapped inside a sentence"));
    }
    None
}

/// A line at least this long (in characters) was wrapped by the exporter, not by hand.
const FULL_LINE: usize = 60;

/// A line ending in a conjunction ("және", "немесе", "и") has its sentence go on below, even
/// in a header.
fn ends_with_conjunction(body: &str) -> bool {
    const CONJUNCTIONS: &[&str] = &["және", "мен", "пен", "бен", "немесе", "не", "әрі", "бірақ", "и", "или", "а", "но", "в", "на", "по", "с", "о", "об"];
    body.rsplit(' ').next().is_some_and(|w| CONJUNCTIONS.contains(&w))
}

/// A line in capitals only ("БҰЙЫРАМЫН:", "ПРИКАЗЫВАЮ:"): a heading of its own.
fn is_heading(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && line.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// A line that starts a unit of structure: a numbered point or sub-point, a dash item, or a
/// quoted one.
fn starts_structure(line: &str) -> bool {
    static START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^["«]?(?:\d+(?:[-.]\d+)*[.)]\s|\d+(?:-\d+)*\)|\p{Ll}\)\s|[-–—•*]\s)"#).expect("valid regex")
    });
    START.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::change;

    fn fix(text: &str) -> String {
        change::apply(text, find(text, &Resources::none()), 0).0
    }

    #[test]
    fn wrapped_paragraphs_are_joined() {
        assert_eq!(
            fix("      2. Ақпараттық жүйелерді (мемлекеттік органдардың ақпараттық жүйелерін \nқоспағанда) құру, түрлендіру\n, сүйемелдеу.\n"),
            "      2. Ақпараттық жүйелерді (мемлекеттік органдардың ақпараттық жүйелерін қоспағанда) құру, түрлендіру, сүйемелдеу.\n"
        );
        assert_eq!(fix("заңнамада белгіленген тәртіппен\n:\n      1) осы"), "заңнамада белгіленген тәртіппен:\n      1) осы");
        assert_eq!(fix("көрсетілетін қызметтер (\nцифрлық майнинг"), "көрсетілетін қызметтер (цифрлық майнинг");
        assert_eq!(
            fix("Қазақстан Республикасы Премьер-Министрінің орынбасары – Жасанды интеллект және\nцифрлық даму министрінің"),
            "Қазақстан Республикасы Премьер-Министрінің орынбасары – Жасанды интеллект және цифрлық даму министрінің"
        );
        assert_eq!(fix("      1) Әділет министрлігінде мемлекеттік\nтіркеуді;"), "      1) Әділет министрлігінде мемлекеттік тіркеуді;");
    }

    #[test]
    fn point_and_paragraph_boundaries_are_kept() {
        for text in [
            "      1. Мыналар:\n      1) осы бұйрыққа\n",
            "бекітілсін.\n      2. Осы бұйрыққа",
            "тізбесі;\n2) осы бұйрыққа",
            "мыналар: \n1. Бірінші",
            "министрі\n\nЖ. Мадиев",
            "БҰЙЫРАМЫН:\n1. Мыналар",
            "тіркелді\nБҰЙЫРАМЫН:",
            "сәйкес \nБҰЙЫРАМЫН:",
            "Жоба\n- бірінші",
            "Денсаулық сақтау және\nәлеуметтік даму министрі",
            "\tҚазақстан Республикасы\nПремьер-Министрінің\nорынбасары – Жасанды\nинтеллект және цифрлық даму\nминистрі",
            "\nУтверждены\nприказом Управляющего\nДелами Президента\nРеспублики Казахстан\nот 28 января 2016 года",
        ] {
            assert_eq!(fix(text), text, "{text:?}");
        }
    }

    #[test]
    fn joining_is_idempotent() {
        let text = "      Қазақстан Республикасының Жасанды \nинтеллект және цифрлық даму министрлігінің \nинтернет-ресурсында\nорналастыруды;\n";
        let once = fix(text);
        assert_eq!(once, "      Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігінің интернет-ресурсында орналастыруды;\n");
        assert_eq!(fix(&once), once);
    }
}
