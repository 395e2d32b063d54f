//! The grammar's vocabulary: what a single line can start (a point, a sub-point, a chapter
//! heading, an appendix stamp, an approval, a signature name, a note, a quote...), in Kazakh and
//! Russian. Every word list and pattern of the segmenter lives here, so "where do I change a
//! rule" has one answer.
//!
//! Not here: decisions that need more than one line (which lines form a stamp or a signature,
//! where a quote ends: see [`super::blocks`]) and nesting (see [`super::tree`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Num;

/// What a line can start, judged from the line alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Blank,
    /// An HTML anchor or other lone markup left over from a conversion (`<a id="p1"></a>`).
    Markup,
    TableOpen,
    TableClose,
    RowOpen,
    RowClose,
    /// `<td>…</td>`; `closed` is false when the cell continues on the next lines.
    Cell { closed: bool },
    /// `1.`, `12.`, `5-1.`
    Point(Num),
    /// `1)`, `3-1)`
    Subpoint(Num),
    /// `а)`, `б)`: a sub-point's own list.
    LetterItem(Num),
    /// `1-тарау. Жалпы ережелер`, `Глава 1. Общие положения`
    Chapter(Num, String),
    /// `1-бөлім`, `Раздел 2`
    Section(Num, String),
    /// `1. Общие положения` as a heading line: short, no final punctuation.
    NumberedHeading(Num, String),
    /// `Ескерту. …`, `Сноска. …`; `headline` is true for `ЗҚАИ-ның ескертпесі!`, whose text is the
    /// next paragraph.
    Note { headline: bool },
    /// `"КЕЛІСІЛДІ"`, `СОГЛАСОВАНО`
    Approval,
    /// `1-қосымша`, `Қосымша`, `Приложение 2`: the label line of an appendix stamp.
    AppendixLabel(Option<Num>),
    /// `Нысан`, `Форма`
    FormMarker,
    /// `[Ұйымның атауын енгізіңіз]`, `__________`
    Placeholder,
    Formula,
    /// Starts with an opening quotation mark.
    QuoteOpen,
    /// `Ж. Мадиев`, `Мадиев Ж.`: a signatory's name.
    Name,
    /// `Күшін жойған`, `Утративший силу`
    Status,
    Text,
}

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).expect("a valid pattern"));
    };
}

const UPPER: &str = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ";
const LOWER: &str = "a-zа-яёәғқңөұүһіi";

regex!(POINT, r"^(\d{1,3}(?:-\d{1,3})?)\.(?:\s+|$)");
regex!(SUBPOINT, r"^(\d{1,3}(?:-\d{1,3})?)\)(?:\s+|$)");
regex!(LETTER_ITEM, r"^([а-яәғқңөұүһі])\)\s+\S");
regex!(CHAPTER, r"(?i)^(?:(\d{1,3})\s*-\s*(?:тарау|тарауы)|(?:глава|тарау)\s+(\d{1,3}|[IVXLC]+))\.?\s*(.*)$");
regex!(SECTION, r"(?i)^(?:(\d{1,3})\s*-\s*(?:бөлім|бөлімі)|(?:раздел|бөлім)\s+(\d{1,3}|[IVXLC]+))\.?\s*(.*)$");
regex!(NUMBERED_HEADING, r"^(\d{1,2})\.\s+(\S.*)$");
regex!(NOTE, r"(?i)^(?:ескерту|сноска|ескерту\s*\d+|сноска\s*\d+)\s*[.:]");
regex!(NOTE_HEADLINE, r"(?i)^(?:[\p{L}-]*\s*)?(?:ескертпесі|примечание\s+\S+)\s*!\s*$");
regex!(APPROVAL, r#"(?i)^["«“]?\s*(?:келісілді|согласовано|согласован|согласована|согласованы)\s*["»”]?\s*:?$"#);
regex!(APPENDIX_LABEL, r"(?i)^(?:(\d{1,3})\s*-\s*қосымша(?:сы)?|қосымша|приложение(?:\s*(?:№\s*)?(\d{1,3}))?)\.?$");
regex!(FORM_MARKER, r"(?i)^(?:нысан|форма)\.?$");
regex!(PLACEHOLDER, r"^(?:\[[^\]]{1,200}\]|_{5,}|\.{8,}|[_\s]{10,})$");
regex!(FORMULA, r"^[\p{L}\p{N}_ᵢ∑ΣΔ()]{1,15}\s*=\s*\S.*[×*/∑Σ+−√^%]");
regex!(STATUS, r"(?i)^(?:күшін жойған|күші жойылған|утративший силу|утратил силу|утратило силу|қолданыстағы|действующий|қолданысқа енгізілмеген|не введен в действие)$");
regex!(ANCHOR, r"^(?:<a\s[^>]*>\s*</a>|<a\s[^>]*/>|<br\s*/?>|</?(?:p|div|span)[^>]*>)$");
regex!(TABLE_OPEN, r"(?i)^<table[^>]*>$");
regex!(TABLE_CLOSE, r"(?i)^</table>$");
regex!(ROW_OPEN, r"(?i)^<tr[^>]*>$");
regex!(ROW_CLOSE, r"(?i)^</tr>$");
regex!(CELL, r"(?i)^<t[dh](?:\s[^>]*)?>");
regex!(CELL_END, r"(?i)</t[dh]>\s*$");

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    let initials = format!(r"(?:[{UPPER}]\.\s?){{1,2}}");
    let surname = format!(r"[{UPPER}][{LOWER}{UPPER}]+(?:-[{UPPER}][{LOWER}]+)?");
    Regex::new(&format!(r"^(?:.*(?:\t|\s{{2,}}))?(?:{initials}\s?{surname}\.?|{surname}\s+{initials})$")).expect("a valid pattern")
});

/// The words that end a preamble: "orders", "resolves", "decides".
static ENACTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:БҰЙЫРАМЫН|ПРИКАЗЫВАЮ|ҚАУЛЫ\s+ЕТЕДІ|ҚАУЛЫ\s+ЕТЕМІН|ПОСТАНОВЛЯЕТ|ПОСТАНОВЛЯЮ|ШЕШІМ\s+ҚАБЫЛДАДЫ|ШЕШІМ\s+ЕТТІ|ШЕШІМ\s+ЕТЕДІ|ШЕШІМ\s+ЕТЕМІН|ШЕШТІ|РЕШИЛ|РЕШАЕТ|РЕШИЛА|ПРИКАЗЫВАЕМ|БҰЙЫРАМЫЗ)",
    )
    .expect("a valid pattern")
});

/// The requisite line under the title: "… министрінің 2025 жылғы 20 қазандағы № 521/НҚ
/// бұйрығы. … № 37182 болып тіркелді", "Приказ Министра … от … № …".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:бұйрығы|қаулысы|шешімі|өкімі|жарлығы|бұйрығы)\s*\.|болып\s+тіркелді|зарегистрирован|^(?:приказ|совместный приказ|постановление|решение|распоряжение|указ)\s.{0,300}(?:\s№|\sот\s))",
    )
    .expect("a valid pattern")
});

/// A Kazakh stamp's reference line: "№ 604/НҚ бұйрығымен", "2025 жылғы № бұйрығына".
static STAMP_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:бұйрығына|бұйрығымен|бұйрыққа|қаулысына|қаулысымен|шешіміне|шешімімен|өкіміне|өкімімен|жарлығына|жарлығымен|қағидаларына\s+қосымша|қосымша)\s*(?:бекітілген)?$",
    )
    .expect("a valid pattern")
});

/// A stamp's "approved" line: "бекітілген", "Утверждена", "приказом …", "к приказу …".
static STAMP_APPROVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:бекітілген|бекітілді|утвержден[аоы]?|(?:к\s+)?(?:приказу|приказом|совместному\s+приказу|постановлению|постановлением|решению|решением|распоряжению|распоряжением)\b)",
    )
    .expect("a valid pattern")
});

/// What an amending point says before the text it quotes.
static QUOTE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:редакцияда\s+жазылсын|толықтырылсын|мазмұндағы|редакции|содержания|дополнить|изложить|жазылсын)").expect("a valid pattern")
});

/// A table row named by an amendment: "реттік нөмірі 2-жол", "строку, порядковый номер 2".
static ROW_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(\d{1,4})\s*-\s*жол|строк[аиу]?\s*,?\s*(?:порядковый\s+номер\s*|№\s*)?(\d{1,4}))").expect("a valid pattern")
});

/// Classifies one trimmed line. `indented` and `after_blank` are the only context used.
pub fn classify(text: &str) -> Token {
    if text.is_empty() {
        return Token::Blank;
    }
    if text.starts_with('<') {
        if let Some(token) = classify_markup(text) {
            return token;
        }
    }
    if let Some(c) = POINT.captures(text) {
        return Token::Point(number(&c[0], &c[1]));
    }
    if let Some(c) = SUBPOINT.captures(text) {
        return Token::Subpoint(number(&c[0], &c[1]));
    }
    if let Some(c) = LETTER_ITEM.captures(text) {
        return Token::LetterItem(Num { raw: format!("{})", &c[1]), norm: c[1].to_owned() });
    }
    if let Some(c) = CHAPTER.captures(text) {
        if text.chars().count() < 300 {
            let n = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            return Token::Chapter(numbered(n, text), heading_of(&c[3]));
        }
    }
    if let Some(c) = SECTION.captures(text) {
        if text.chars().count() < 300 {
            let n = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            return Token::Section(numbered(n, text), heading_of(&c[3]));
        }
    }
    if NOTE_HEADLINE.is_match(text) {
        return Token::Note { headline: true };
    }
    if NOTE.is_match(text) {
        return Token::Note { headline: false };
    }
    if APPROVAL.is_match(text) {
        return Token::Approval;
    }
    if let Some(c) = APPENDIX_LABEL.captures(text) {
        let n = c.get(1).or(c.get(2)).map(|m| Num { raw: text.trim_end_matches('.').to_owned(), norm: m.as_str().to_owned() });
        return Token::AppendixLabel(n);
    }
    if FORM_MARKER.is_match(text) {
        return Token::FormMarker;
    }
    if PLACEHOLDER.is_match(text) {
        return Token::Placeholder;
    }
    if FORMULA.is_match(text) && text.chars().count() < 200 {
        return Token::Formula;
    }
    if STATUS.is_match(text) {
        return Token::Status;
    }
    if text.starts_with(['"', '«', '“', '„']) {
        return Token::QuoteOpen;
    }
    if text.chars().count() < 80 && NAME.is_match(text) {
        return Token::Name;
    }
    Token::Text
}

fn classify_markup(text: &str) -> Option<Token> {
    if ANCHOR.is_match(text) {
        Some(Token::Markup)
    } else if TABLE_OPEN.is_match(text) {
        Some(Token::TableOpen)
    } else if TABLE_CLOSE.is_match(text) {
        Some(Token::TableClose)
    } else if ROW_OPEN.is_match(text) {
        Some(Token::RowOpen)
    } else if ROW_CLOSE.is_match(text) {
        Some(Token::RowClose)
    } else if CELL.is_match(text) {
        Some(Token::Cell { closed: CELL_END.is_match(text) })
    } else {
        None
    }
}

/// A `1. Общие положения` line read as a chapter heading: short, capitalised, no final
/// punctuation. Only asked of lines printed flush left in an indented document.
pub fn numbered_heading(text: &str) -> Option<Token> {
    let c = NUMBERED_HEADING.captures(text)?;
    let heading = c.get(2)?.as_str();
    let starts_upper = heading.chars().next().is_some_and(char::is_uppercase);
    let short = heading.chars().count() <= 150;
    let num = Num { raw: format!("{}.", &c[1]), norm: c[1].to_owned() };
    (starts_upper && short && !ends_sentence(heading)).then(|| Token::NumberedHeading(num, heading.to_owned()))
}

fn number(raw: &str, norm: &str) -> Num {
    Num { raw: raw.trim().to_owned(), norm: norm.to_owned() }
}

/// A heading's number: as written up to the first `.` or `:` (`1-тарау`, `Глава 2`), and as
/// an Arabic numeral.
fn numbered(n: &str, text: &str) -> Num {
    let raw = text.split(['.', ':']).next().unwrap_or(text).trim().to_owned();
    Num { raw, norm: roman_to_arabic(n).unwrap_or_else(|| n.to_owned()) }
}

fn heading_of(rest: &str) -> String {
    rest.trim().to_owned()
}

/// The alphabets' letters in order (Kazakh order, which contains the Russian one), for
/// checking that `б)` follows `а)`.
const LETTERS: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

/// Whether letter item `next` may follow `last` (`None` = first in its list).
pub fn letter_follows(last: Option<&str>, next: &str) -> bool {
    let position = |s: &str| LETTERS.chars().position(|c| s.starts_with(c));
    match (last.map(position), position(next)) {
        (None, Some(n)) => n == 0,
        (Some(Some(l)), Some(n)) => n > l && n <= l + 3,
        _ => false,
    }
}

/// `IV` → `4`; `None` when `s` is not a Roman numeral.
pub fn roman_to_arabic(s: &str) -> Option<String> {
    if s.is_empty() || !s.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let value = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let digits: Vec<i32> = s.chars().map(value).collect();
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    Some(total.to_string())
}

/// The line ends a sentence or a list item (`.`, `;`, `:`, `!`, `?`, maybe before a closing
/// quote or bracket).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '»', '”', ')', ' ']);
    t.ends_with(['.', ';', ':', '!', '?'])
}

pub fn has_enacting_words(text: &str) -> bool {
    ENACTING.is_match(text)
}

pub fn is_header_text(text: &str) -> bool {
    HEADER.is_match(text)
}

pub fn is_stamp_reference(text: &str) -> bool {
    text.chars().count() <= 160 && STAMP_REFERENCE.is_match(text)
}

pub fn is_stamp_approved(text: &str) -> bool {
    text.chars().count() <= 120 && STAMP_APPROVED.is_match(text)
}

pub fn introduces_quote(text: &str) -> bool {
    let tail: String = text.chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    tail.contains(':') || QUOTE_INTRO.is_match(text)
}

/// The row an amendment's intro names, if it names one.
pub fn row_reference(text: &str) -> Option<Num> {
    let c = ROW_REFERENCE.captures(text)?;
    let m = c.get(1).or(c.get(2))?;
    Some(Num { raw: c.get(0).map_or("", |m| m.as_str()).to_owned(), norm: m.as_str().to_owned() })
}

/// Whether the line ends a quotation opened earlier (or, for the opening line, after its first
/// character): `…қоспағанда).";`, `".`, `»;`, a lone `";`.
pub fn closes_quote(text: &str, is_opening_line: bool) -> bool {
    closes_quote_at_end(text, is_opening_line) || CLOSE_BEFORE_MOVED_WORD.is_match(text)
}

// A PDF export may glue a moved word after the closing mark: `сәйкес :";БҰЙЫРАМЫН`.
regex!(CLOSE_BEFORE_MOVED_WORD, r#"\S["»”][;.]\S+$"#);

fn closes_quote_at_end(text: &str, is_opening_line: bool) -> bool {
    let body = if is_opening_line { text.char_indices().nth(1).map_or("", |(i, _)| &text[i..]) } else { text };
    let t = body.trim_end();
    let t = t.strip_suffix([';', '.', ',']).map_or(t, str::trim_end);
    let Some(before) = t.strip_suffix(['"', '»', '”']) else { return false };
    if !is_opening_line && before.trim().is_empty() {
        return true;
    }
    let punct_after = body.trim_end().ends_with([';', '.', ',']);
    punct_after || before.ends_with(['.', ';', ':', '!', '?', ')'])
}

/// An approval's closing line: an institution in the nominative, a person, or a date.
pub fn closes_approval(text: &str) -> bool {
    ORGANISATION.is_match(text) || DATE_LINE.is_match(text) || (text.chars().count() < 80 && NAME.is_match(text))
}

regex!(ORGANISATION, r"(?i)(?:министрлігі|министрі|комитеті|агенттігі|әкімдігі|қызметі|палатасы|банкі|министерство|министр|комитет|агентство|служба|палата|банк|акимат|республики казахстан)\s*$");
regex!(DATE_LINE, r"(?i)^(?:«?_*»?\s*_*\s*)?\d{4}\s*(?:жылғы|жыл|года|г\.)|^«\s*_+\s*»");
regex!(ABBREVIATION_END, r"\p{L}\.\p{L}\.$");

/// Ends with an abbreviation such as `м.а.` or `и.о.`, not a sentence.
pub fn ends_with_abbreviation(text: &str) -> bool {
    ABBREVIATION_END.is_match(text)
}

/// Whether an appendix label is printed first (Russian `Приложение 1`) rather than last
/// (Kazakh `1-қосымша`).
pub fn label_opens_stamp(text: &str) -> bool {
    text.to_lowercase().starts_with("приложение")
}

/// A line that is nothing but punctuation (left over after a quote or a shredded table).
pub fn is_punctuation_only(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| matches!(c, ';' | '.' | ',' | ':' | '"' | '»'))
}

/// Starts like a wrapped line's tail: lowercase or punctuation first.
pub fn starts_like_continuation(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_lowercase() || matches!(c, ',' | '.' | ';' | ':' | ')' | '–' | '—'))
}

/// A short line of a stamp, a signature's position or an approval: no sentence end, not long.
pub fn is_short_label(text: &str) -> bool {
    let n = text.chars().count();
    n > 0 && n <= 120 && !text.trim_end().ends_with([';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(norm: &str) -> String {
        norm.to_owned()
    }

    #[test]
    fn points_subpoints_and_chapters() {
        assert!(matches!(classify("1. Мыналар:"), Token::Point(n) if n.norm == num("1") && n.raw == "1."));
        assert!(matches!(classify("3-1) бағдарламалық"), Token::Subpoint(n) if n.norm == "3-1" && n.raw == "3-1)"));
        assert!(matches!(classify("1-тарау. Жалпы ережелер"), Token::Chapter(n, h) if n.norm == "1" && h == "Жалпы ережелер"));
        assert!(matches!(classify("Глава 2. Порядок"), Token::Chapter(n, h) if n.norm == "2" && h == "Порядок"));
        assert!(matches!(classify("Раздел IV"), Token::Section(n, _) if n.norm == "4"));
        assert!(matches!(numbered_heading("1. Общие положения"), Some(Token::NumberedHeading(n, h)) if n.raw == "1." && h == "Общие положения"));
        assert!(numbered_heading("1. Утвердить правила.").is_none());
        assert!(matches!(classify("б) екінші"), Token::LetterItem(n) if n.norm == "б"));
        assert!(letter_follows(None, "а") && letter_follows(Some("а"), "б") && letter_follows(Some("в"), "г"));
        assert!(!letter_follows(None, "в") && !letter_follows(Some("б"), "а"));
        assert_eq!(classify("2025 жылғы № бұйрығына"), Token::Text);
    }

    #[test]
    fn notes_approvals_labels_and_names() {
        assert_eq!(classify("ЗҚАИ-ның ескертпесі!"), Token::Note { headline: true });
        assert_eq!(classify("Ескерту. Бұйрықтың күші жойылды"), Token::Note { headline: false });
        assert_eq!(classify("Сноска. Утратило силу"), Token::Note { headline: false });
        assert_eq!(classify("\"КЕЛІСІЛДІ\""), Token::Approval);
        assert_eq!(classify("«СОГЛАСОВАНО»:"), Token::Approval);
        assert!(matches!(classify("1-қосымша"), Token::AppendixLabel(Some(n)) if n.norm == "1"));
        assert!(matches!(classify("Приложение 2"), Token::AppendixLabel(Some(n)) if n.norm == "2"));
        assert_eq!(classify("ҚОСЫМША"), Token::AppendixLabel(None));
        assert_eq!(classify("Ж. Мадиев"), Token::Name);
        assert_eq!(classify("С.Үмбетов"), Token::Name);
        assert_eq!(classify("Ә.Өзбеков."), Token::Name);
        assert_eq!(classify("Қазақстан Республикасы"), Token::Text);
        assert_eq!(classify("Күшін жойған"), Token::Status);
        assert_eq!(classify("<a id=\"p1\"></a>"), Token::Markup);
        assert_eq!(classify("[Ұйымның атауын енгізіңіз]"), Token::Placeholder);
    }

    #[test]
    fn formulas_are_equations_with_operators() {
        assert_eq!(classify("БҚОҮ = (1–(∑СВi/∑ ОСВᵢ)) × 100%,"), Token::Formula);
        assert_eq!(classify("Осы бұйрық = жаңа"), Token::Text);
    }

    #[test]
    fn quote_ends() {
        assert!(closes_quote("қоспағанда).\";", false));
        assert!(closes_quote("\";", false));
        assert!(closes_quote("\"3-1) бағдарламалық қамтылым оқшаулау үлесінің кемінде 80%;\";", true));
        assert!(!closes_quote("\"", true));
        assert!(!closes_quote("бекіту туралы\"", false));
        assert!(!closes_quote("амасыз етуге қойылатын талаптар\"", false));
        assert!(closes_quote("тізілімінен алып тастау туралы өтініш\".", false));
        assert!(closes_quote("сәйкес :\";БҰЙЫРАМЫН", false));
        assert!(!closes_quote("\"Х туралы\"; және басқа", false));
    }

    #[test]
    fn stamp_lines_and_headers() {
        assert!(is_stamp_reference("2025 жылғы № бұйрығына"));
        assert!(is_stamp_reference("№ 604/НҚ бұйрығымен"));
        assert!(is_stamp_approved("Утверждена"));
        assert!(is_stamp_approved("к приказу Министра"));
        assert!(is_header_text("цифрлық даму министрінің 2025 жылғы 20 қазандағы № 521/НҚ бұйрығы. Қазақстан"));
        assert!(has_enacting_words("сәйкес БҰЙЫРАМЫН:"));
        assert_eq!(row_reference("реттік нөмірі 9-жол мынадай").map(|n| n.norm), Some("9".into()));
        assert_eq!(roman_to_arabic("XIV").as_deref(), Some("14"));
    }
}
