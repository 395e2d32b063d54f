//! Words a PDF exporter moved to the end of the line: hyperlinked words ("2-тармағына",
//! "бұйрығы", "№ 521/НҚ") are cut out of their place, leaving a gap, and appended at the line
//! end — after the final punctuation, glued to it, or as the last word.
//!
//! The signature is a gap inside a line plus a movable tail at its end:
//! - gap: a double space inside the line ("17-бабының  сәйкес"); a space before punctuation
//!   ("түрлерінің :тізбесінде"); or, for a tail glued after the line's final colon, the line
//!   start ("мынадай редакцияда жазылсын:19-тармақ");
//! - tail: text glued after punctuation ("бекітілсін.2-қосымшаға", ":\";БҰЙЫРАМЫН"), after a
//!   split hyphenated number ("8-51-1-бабы" = "8-" + "51-1-бабы"), or the last word, taking
//!   along a bare number before it ("306) тармақшасына") or a "№" ("№ 521/НҚ").
//!
//! A glued tail has one place to go, so it moves with high confidence. A last-word tail moves
//! only with grammatical evidence for the spot ([`evidence`]): a case-suffixed reference
//! before "сәйкес", an act word after a number, a possessive after a genitive, a reference
//! after a reference. Without enough evidence the place is reported [`EditKind::Suspected`],
//! unchanged. A double space with nothing after it to move is collapsed ([`EditKind::Whitespace`]).
//!
//! Not here: words moved across lines (the exporter does not do that), shredded table cells
//! ([`super::shred`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Resources;
use crate::model::EditKind;

use super::Change;

/// The moved-words pass.
pub fn find(text: &str, _resources: &Resources) -> Vec<Change> {
    let modal_indent = modal_indent(text);
    let mut changes: Vec<(Change, bool)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(change) = fix_line(content, offset, modal_indent) {
            changes.push(change);
        }
        offset += line.len();
    }
    require_corroboration(text, changes)
}

/// Moves at least this sure are evidence that the exporter damaged the document.
const STRONG: f32 = 0.9;

/// A move on grammar alone with less than [`STRONG`] confidence is made only in a document
/// where at least two strong moves show the exporter's damage; elsewhere a double space after
/// a genitive is more likely OCR spacing than a moved word, and stays [`EditKind::Suspected`].
fn require_corroboration(text: &str, changes: Vec<(Change, bool)>) -> Vec<Change> {
    let strong = changes.iter().filter(|(c, _)| c.kind == EditKind::Move && c.confidence >= STRONG).count();
    changes
        .into_iter()
        .map(|(c, grammar_only)| {
            if strong < 2 && grammar_only && c.kind == EditKind::Move && c.confidence < STRONG {
                let reason = format!("{}; not applied: no other moved word in the document corroborates it", c.reason);
                Change::suspected(c.start, c.end, text, reason)
            } else {
                c
            }
        })
        .collect()
}

/// The most common non-zero indentation (in spaces) of the text's lines.
fn modal_indent(text: &str) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 0 && indent < line.trim_end().len() {
            *counts.entry(indent).or_insert(0usize) += 1;
        }
    }
    counts.into_iter().max_by_key(|&(indent, n)| (n, std::cmp::Reverse(indent))).map_or(0, |(indent, _)| indent)
}

/// A whitespace-separated token of a line: byte range within the line.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

fn tokens(line: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c == ' ' || c == '\t', start) {
            (true, Some(s)) => {
                out.push(Tok { start: s, end: i });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Tok { start: s, end: line.len() });
    }
    out
}

/// The movable text at the end of a line.
#[derive(Debug, Clone, Copy)]
struct Tail {
    /// Byte range of the moved text.
    start: usize,
    end: usize,
    /// For a tail glued after punctuation: where that punctuation starts (it stays behind).
    glued_punct: Option<usize>,
    /// For a tail glued to a split number ("8-" + "51-1-бабы").
    after_hyphen: bool,
}

/// The change for one line, and whether it rests on grammar alone (a last-word tail placed by
/// [`evidence`]) rather than on the exporter's own signature (a glued tail).
fn fix_line(line: &str, offset: usize, modal_indent: usize) -> Option<(Change, bool)> {
    let toks = tokens(line);
    let last = *toks.last()?;
    let indent = toks[0].start;
    let gaps = double_spaces(line, indent, last.end);
    let gap_before_last = gaps.last().is_some_and(|g| g.1 == last.start);
    let tail = glued_tail(line, last, !gaps.is_empty(), gap_before_last).or_else(|| word_tail(line, &toks));
    let at = |c: Change| Change { start: c.start + offset, end: c.end + offset, ..c };
    let change = match (gaps.as_slice(), tail) {
        ([], None) => None,
        ([], Some(tail)) => match tail.glued_punct {
            Some(p) => fix_without_double_space(line, &toks, tail, p, modal_indent),
            None if starts_with_orphan_punctuation(line, &toks) => {
                // The word the punctuation followed was cut out at the line start and appended
                // at the end: it goes back before the punctuation. Nothing but the layout
                // says so, hence a grammar-strength move that needs corroboration.
                let moved = &line[tail.start..tail.end];
                let rest = line[toks[0].start..tail.start].trim_end();
                let reason = format!("{moved:?} moved back from the line end to before the punctuation that starts the line");
                let change = Change::new(toks[0].start, tail.end, format!("{moved}{rest} "), EditKind::Move, 0.75, reason);
                return Some((at(change), true));
            }
            None => None,
        },
        ([gap], Some(tail)) if gap.1 <= tail.start => {
            let grammar_only = tail.glued_punct.is_none() && !tail.after_hyphen;
            return Some((at(fix_at_gap(line, *gap, tail)), grammar_only));
        }
        (gaps, _) => {
            let (s, e) = (gaps[0].0, gaps[gaps.len() - 1].1);
            Some(Change::suspected(s, e, line, "double space inside the line, but no word at the line end to put there"))
        }
    };
    change.map(|c| (at(c), false))
}

/// ", сондай-ақ ... қамтылымның қағидаларын": a line that starts with a comma or semicolon
/// standing alone (not "түрлендіру" / ", сүйемелдеу.", which ends its sentence) and ends in a
/// bare word: the word before the comma was probably moved to the end, across a line break,
/// which we do not undo.
fn starts_with_orphan_punctuation(line: &str, toks: &[Tok]) -> bool {
    // A line ending in a space ended there by wrapping: nothing was appended after it.
    toks.len() >= 3 && matches!(&line[toks[0].start..toks[0].end], "," | ";") && !line.ends_with(char::is_whitespace)
}

/// Runs of two or more spaces inside the line's content (not its indentation), as byte ranges.
fn double_spaces(line: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {2,}").expect("valid regex"));
    SPACES.find_iter(&line[from..to]).map(|m| (from + m.start(), from + m.end())).collect()
}

/// A tail glued after punctuation inside the last token: "бекітілсін.2-қосымшаға",
/// ":тізбесінде", "(бұйрығы" (this one only with a double space to go to), or after a split
/// hyphenated number "8-51-1-бабы" (only right after a double space: that is where the rest
/// of the number, "8-", was left; "Заңының  7) 7-6-бабының" is a number of its own).
fn glued_tail(line: &str, last: Tok, has_gap: bool, gap_before_last: bool) -> Option<Tail> {
    static GLUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^(?P<head>.*?\p{L})?(?P<punct>[.:;,(]["»«)(.:;,]*)(?P<tail>[\p{L}\d№][\p{L}\d/№-]*\p{L}[\p{L}\d/-]*)$"#).expect("valid regex")
    });
    static SPLIT_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+-(?P<tail>\d+(?:-\d+)*-\p{L}+)$").expect("valid regex"));
    let token = &line[last.start..last.end];
    if let Some(caps) = GLUED.captures(token) {
        let punct = caps.name("punct")?;
        let tail = caps.name("tail")?;
        let opens_bracket = punct.as_str().starts_with('(');
        // "М.Қасымбеков", "т.б": an initial or abbreviation before the point, not a word.
        let head_letters = caps.name("head").map_or(0, |h| h.as_str().chars().rev().take_while(|c| c.is_alphabetic()).count());
        if (1..3).contains(&head_letters) {
            return None;
        }
        if !tail.as_str().chars().any(crate::lang::script::is_cyrillic_letter) || (opens_bracket && !has_gap) {
            return None;
        }
        return Some(Tail { start: last.start + tail.start(), end: last.end, glued_punct: Some(last.start + punct.start()), after_hyphen: false });
    }
    let caps = SPLIT_NUMBER.captures(token).filter(|_| gap_before_last)?;
    let tail = caps.name("tail")?;
    Some(Tail { start: last.start + tail.start(), end: last.end, glued_punct: None, after_hyphen: true })
}

/// The last word as a tail, with a bare number before it ("306) тармақшасына") or the "№" of
/// a number ("№ 521/НҚ"). `None` when the line ends a sentence or a bracket.
fn word_tail(line: &str, toks: &[Tok]) -> Option<Tail> {
    let last = *toks.last()?;
    let word = &line[last.start..last.end];
    if !word.chars().last().is_some_and(char::is_alphanumeric) || !word.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut start = last.start;
    if let Some(prev) = toks.len().checked_sub(2).map(|i| toks[i]) {
        let before = &line[prev.start..prev.end];
        if !word.chars().any(|c| c.is_ascii_digit()) && is_bare_number(before) {
            start = prev.start;
        } else if word.starts_with(|c: char| c.is_ascii_digit()) && before.ends_with('№') {
            start = prev.end - '№'.len_utf8();
        }
    }
    Some(Tail { start, end: last.end, glued_punct: None, after_hyphen: false })
}

/// "306)", "13)", "5": a number that a following word ("тармақшасына") completes.
fn is_bare_number(token: &str) -> bool {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+(?:-\d+)*\)?$").expect("valid regex"));
    NUMBER.is_match(token)
}

/// Moves `tail` into the double-space `gap`; or, when nothing but the tail follows the gap,
/// collapses the gap.
fn fix_at_gap(line: &str, gap: (usize, usize), tail: Tail) -> Change {
    if tail.start == gap.1 && tail.glued_punct.is_none() {
        return Change::new(gap.0, gap.1, " ", EditKind::Whitespace, 0.9, "double space collapsed");
    }
    // What stays between the gap and the tail: for a glued tail its punctuation (and the
    // hyphen of a split number) stays with the word before it.
    let stays_end = tail.glued_punct.map_or(tail.start, |p| if tail.after_hyphen { tail.start } else { p.max(gap.1) });
    let stays = &line[gap.1..stays_end.max(gap.1)];
    let punct = tail.glued_punct.map_or("", |p| &line[p.max(gap.1)..tail.start]);
    let moved = &line[tail.start..tail.end];
    let between = stays.trim_end();
    // A last-word tail was appended after a space, which is the line's soft-wrap space: it
    // stays at the line end, where the unwrap pass reads it.
    let after = if tail.glued_punct.is_some() && !tail.after_hyphen {
        format!(" {moved} {between}{punct}")
    } else if tail.after_hyphen {
        format!(" {moved} {between}")
    } else {
        format!(" {moved} {between} ")
    };
    let (confidence, why) = if tail.after_hyphen {
        (0.75, "a hyphenated number was split by the moved word".to_owned())
    } else if tail.glued_punct.is_some() {
        (0.9, "glued after the final punctuation".to_owned())
    } else {
        evidence(line, gap, moved)
    };
    let reason = format!("{moved:?} moved back from the line end into the double-space gap ({why})");
    Change::new(gap.0, tail.end, after, EditKind::Move, confidence, reason).or_suspected(line)
}

/// A glued tail without a double space: into the space before punctuation ("түрлерінің
/// :тізбесінде" → "түрлерінің тізбесінде:"), or to the line start ("мынадай редакцияда
/// жазылсын:19-тармақ" → "19-тармақ мынадай редакцияда жазылсын:").
fn fix_without_double_space(line: &str, toks: &[Tok], tail: Tail, punct_at: usize, modal_indent: usize) -> Option<Change> {
    let moved = &line[tail.start..tail.end];
    let punct = &line[punct_at..tail.start];
    if punct_at > 0 && line[..punct_at].ends_with(' ') && punct.starts_with([':', ';', '.', ',']) {
        let reason = format!("{moved:?} moved back from after {punct:?} into the space before it");
        return Some(Change::new(punct_at, tail.end, format!("{moved}{punct}"), EditKind::Move, 0.9, reason));
    }
    let first = &line[toks[0].start..toks[0].end];
    if !punct.starts_with(':') || !first.starts_with(char::is_lowercase) {
        return Some(Change::suspected(tail.start, tail.end, line, "text glued after the final punctuation, with no gap to put it in"));
    }
    let indent = toks[0].start;
    let start = if indent > modal_indent { indent - 1 } else { indent };
    let rest = &line[indent..punct_at + punct.len()];
    let reason = format!("{moved:?} moved back from after the final colon to the line start");
    Some(Change::new(start, tail.end, format!("{moved} {rest}"), EditKind::Move, 0.8, reason))
}

/// How sure we are that `moved` belongs in `gap`, from the words on either side of it; and why.
fn evidence(line: &str, gap: (usize, usize), moved: &str) -> (f32, String) {
    let before = line[..gap.0].split(' ').next_back().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
    let after = line[gap.1..].split(' ').next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
    let moved_word = moved.rsplit(' ').next().unwrap_or(moved);
    let mut score = 0.5f32;
    let mut why = Vec::new();
    if is_reference(moved) {
        score += 0.2;
        why.push("a numbered reference");
    }
    if is_act_word(moved_word) && before.chars().any(|c| c.is_ascii_digit()) {
        score += 0.45;
        why.push("an act word after the act's number");
    }
    if moved.starts_with('№') && is_date(before) {
        score += 0.4;
        why.push("a number after the act's date");
    }
    if is_postposition_governing_dative(after) && is_dative(moved_word) {
        score += 0.3;
        why.push("a dative before a postposition");
    }
    if is_genitive(before) && is_possessive(moved_word) {
        score += 0.3;
        why.push("a possessive after a genitive");
    }
    if is_reference(before) && is_reference(moved) {
        score += 0.2;
        why.push("a reference after a reference");
    }
    let why = if why.is_empty() { "no grammatical evidence".to_owned() } else { why.join(", ") };
    (score.min(0.95), why)
}

fn is_reference(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(char::is_alphabetic)
}

fn is_date(word: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$").expect("valid regex"));
    DATE.is_match(word) || word == "жылғы"
}

/// Words naming an act, in any case form: Kazakh and Russian stems.
fn is_act_word(word: &str) -> bool {
    const STEMS: &[&str] = &["бұйры", "қаулы", "шешім", "заң", "кодек", "жарлы", "приказ", "постановлен", "решени", "закон", "указ", "распоряжени"];
    let lower = word.to_lowercase();
    STEMS.iter().any(|s| lower.starts_with(s))
}

fn is_postposition_governing_dative(word: &str) -> bool {
    matches!(word, "сәйкес" | "қарай" | "дейін" | "байланысты" | "қатысты" | "орай")
}

fn is_dative(word: &str) -> bool {
    ["ға", "ге", "қа", "ке", "на", "не", "а", "е"].iter().any(|s| word.ends_with(s))
}

fn is_genitive(word: &str) -> bool {
    ["ның", "нің", "дың", "дің", "тың", "тің"].iter().any(|s| word.ends_with(s))
}

/// A noun with the 3rd-person possessive (and maybe a case after it): "бабы", "тармағына",
/// "өлшемшарттары", "тізбесінде".
fn is_possessive(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ы", "і", "сы", "сі", "ын", "ін", "ына", "іне", "ында", "інде", "ынан", "інен", "ының", "інің", "ымен", "імен", "сына", "сіне",
        "сында", "сінде", "сының", "сінің",
    ];
    ENDINGS.iter().any(|s| word.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::change;

    fn fix(text: &str) -> String {
        change::apply(text, find(text, &Resources::none()), 0).0
    }

    fn kinds(text: &str) -> Vec<EditKind> {
        find(text, &Resources::none()).iter().map(|c| c.kind).collect()
    }

    #[test]
    fn reference_moves_before_the_postposition() {
        assert_eq!(fix("      Қазақстан Республикасы Салық кодексінің 17-бабының  сәйкес 2-тармағына\nБҰЙЫРАМЫН:\n"), "      Қазақстан Республикасы Салық кодексінің 17-бабының 2-тармағына сәйкес \nБҰЙЫРАМЫН:\n");
        assert_eq!(
            fix("      1) осы бұйрыққа  сәйкес ақпараттық-коммуникациялық технологиялар 1-қосымшаға\nсаласындағы"),
            "      1) осы бұйрыққа 1-қосымшаға сәйкес ақпараттық-коммуникациялық технологиялар \nсаласындағы"
        );
    }

    #[test]
    fn tail_glued_after_the_final_punctuation() {
        assert_eq!(fix("      2) осы бұйрыққа  сәйкес меншікті өндірістің өлшемшарты бекітілсін.2-қосымшаға"), "      2) осы бұйрыққа 2-қосымшаға сәйкес меншікті өндірістің өлшемшарты бекітілсін.");
        assert_eq!(fix("01.01.2026 бастап  енгізіледі) бұйрығымен.қолданысқа"), "01.01.2026 бастап қолданысқа енгізіледі) бұйрығымен.");
        assert_eq!(fix("министрінің 11 сәуірдегі № 37/НҚ  (бұйрығына"), "министрінің 11 сәуірдегі № 37/НҚ бұйрығына (");
    }

    #[test]
    fn act_word_after_the_number() {
        assert_eq!(fix("сәуірдегі № 37/НҚ  (Нормативтік құқықтық бұйрығы\nактілерді"), "сәуірдегі № 37/НҚ бұйрығы (Нормативтік құқықтық \nактілерді");
        assert_eq!(fix("тамыздағы № 327  бекітілген (Нормативтік құқықтық актілерді бұйрығымен"), "тамыздағы № 327 бұйрығымен бекітілген (Нормативтік құқықтық актілерді ");
    }

    #[test]
    fn number_with_its_sign_after_a_date() {
        assert_eq!(fix("министрінің 20.10.2025  (№ 521/НҚ"), "министрінің 20.10.2025 № 521/НҚ ( ");
    }

    #[test]
    fn space_before_punctuation_and_line_start_gaps() {
        assert_eq!(fix("технологиялар саласындағы басым қызмет түрлерінің :тізбесінде"), "технологиялар саласындағы басым қызмет түрлерінің тізбесінде:");
        assert_eq!(fix("      :5-тармақта\n"), "      5-тармақта:\n");
        assert_eq!(fix("сәйкес :\";БҰЙЫРАМЫН"), "сәйкес БҰЙЫРАМЫН:\";");
        let text = "      1. Бұйрық:\n      2. Бұйрық:\n       мынадай редакцияда жазылсын:19-тармақ\n";
        assert_eq!(fix(text), "      1. Бұйрық:\n      2. Бұйрық:\n      19-тармақ мынадай редакцияда жазылсын:\n");
    }

    #[test]
    fn number_before_the_word_moves_with_it() {
        assert_eq!(
            fix("Ережесінің 15-тармағының  сәйкес әзірленді және сенім 306) тармақшасына\nбілдірілген"),
            "Ережесінің 15-тармағының 306) тармақшасына сәйкес әзірленді және сенім \nбілдірілген"
        );
        assert_eq!(fix("Заңының  7) 7-6-бабының\nтармақшасына"), "Заңының 7-6-бабының 7) \nтармақшасына");
        assert_eq!(fix("Заңының 21-бабы  13) тармақшасына 4-тармағының"), "Заңының 21-бабы 4-тармағының 13) тармақшасына ");
    }

    #[test]
    fn split_hyphenated_number() {
        assert_eq!(fix("туралы\" Заңының  8-51-1-бабы\nтармағына"), "туралы\" Заңының 51-1-бабы 8-\nтармағына");
    }

    #[test]
    fn double_space_before_the_last_words_is_collapsed() {
        assert_eq!(fix("15-тармағының  306) тармақшасына"), "15-тармағының 306) тармақшасына");
        assert_eq!(kinds("өндірушісін растау  қағидалары"), vec![EditKind::Whitespace]);
    }

    #[test]
    fn word_before_an_orphan_comma_comes_back_only_with_corroboration() {
        let text = ", сондай-ақ электрондық өнеркәсіп пен бағдарламалық қамтылымның қағидаларын";
        assert_eq!(kinds(text), vec![EditKind::Suspected]);
        let strong = "Салық кодексінің 17-бабының  сәйкес 2-тармағына\nосы бұйрыққа  сәйкес меншікті бекітілсін.2-қосымшаға\n";
        let fixed = fix(&format!("{strong}{text}"));
        assert!(fixed.ends_with("\nқағидаларын, сондай-ақ электрондық өнеркәсіп пен бағдарламалық қамтылымның "), "{fixed}");
        assert!(find(", сүйемелдеу.", &Resources::none()).is_empty());
        assert!(find(", ұялы байланыс пен көліктегі жедел қызметтерді шұғыл шақыру жүйелері мен ", &Resources::none()).is_empty());
    }

    #[test]
    fn grammar_alone_needs_corroboration_from_the_document() {
        let weak = "бекітілген меншікті өндірістің  осы өлшемшарттары\n";
        assert_eq!(kinds(weak), vec![EditKind::Suspected]);
        let strong = "Салық кодексінің 17-бабының  сәйкес 2-тармағына\nосы бұйрыққа  сәйкес меншікті бекітілсін.2-қосымшаға\n";
        assert_eq!(fix(&format!("{strong}{weak}")), format!("Салық кодексінің 17-бабының 2-тармағына сәйкес \nосы бұйрыққа 2-қосымшаға сәйкес меншікті бекітілсін.\nбекітілген меншікті өндірістің өлшемшарттары осы \n"));
    }

    #[test]
    fn weak_evidence_is_only_suspected() {
        let text = "ақпарат  беру тәртібі туралы ереже";
        assert_eq!(fix(text), text);
        assert_eq!(kinds(text), vec![EditKind::Suspected]);
        let text = "Қолданысқа   енгізілу тәртібін 4-тармақтан қараңыз.";
        assert_eq!(fix(text), text);
        assert_eq!(kinds(text), vec![EditKind::Suspected]);
    }

    #[test]
    fn clean_lines_are_left_alone() {
        for text in [
            "      1. Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізіледі.",
            "сертификаттың нысанын белгілеу жөніндегі қағидаларға сәйкес \"СТ-КZ\" ",
            "көрсетілген moap@mdai.gov.kz.",
            "Заңының (бұдан",
            "01.01.2026 ж. бастап",
            "ж.б. т.б.",
            "М.Қасымбеков",
            "министрі Ж.Мадиев",
        ] {
            assert!(find(text, &Resources::none()).is_empty(), "{text}");
        }
    }
}
