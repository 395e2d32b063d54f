//! Words shredded across lines: table cells exported line by line cut words anywhere
//! ("Көрсетілетін қызметті берушінің а" / "тауы" → "атауы"; "Жаса" / "  нды" → "Жасанды"),
//! and numbers with a hyphen are cut after it ("15408-" / "3-2017", "10-" / "қосымшасына").
//!
//! A break is rejoined when the line ends in a letter with no space after it, the next line
//! (after at most one blank line) starts with a lower-case letter, and the joined form is a
//! word of the lexicon while the pieces are not (or not both). Without a lexicon, words are
//! left alone. A word hyphen at a line end is removed only when the word without it is in the
//! lexicon; otherwise the hyphen is kept and the lines joined. A number-hyphen is joined to a
//! following number or reference word ("тармағына", "қосымшасына", "інші"); anything else after
//! it is reported as [`EditKind::Suspected`] (a moved word may have left it there).
//!
//! Not here: ordinary line wraps between whole words ([`super::unwrap`]).

use std::sync::LazyLock;

use regex::Regex;

use crate::lang::Resources;
use crate::model::EditKind;

use super::Change;

/// The shred pass.
pub fn find(text: &str, resources: &Resources) -> Vec<Change> {
    let lines = line_spans(text);
    let mut changes = Vec::new();
    for (i, &(start, end)) in lines.iter().enumerate() {
        let Some(next) = next_content_line(text, &lines, i) else { continue };
        let line = &text[start..end];
        if line.ends_with(char::is_whitespace) || line.trim().is_empty() {
            continue;
        }
        let (next_start, next_end) = lines[next];
        let next_line = &text[next_start..next_end];
        let indent = next_line.len() - next_line.trim_start().len();
        let join = (end, next_start + indent);
        let change = if line.ends_with('-') {
            hyphen_break(line, &next_line[indent..], join, resources)
        } else {
            word_break(line, &next_line[indent..], join, resources)
        };
        changes.extend(change.map(|c| (i, c)));
    }
    corroborate(changes)
}

/// How many lines away a sure rejoin still vouches for a doubtful one.
const NEIGHBOURHOOD: usize = 3;

/// A rejoin of two pieces that are both words ("Қазақ" + "стан") is doubtful on its own, but
/// inside a shredded table, where the breaks around it cut words for sure, it is one more cut:
/// it is made (at 0.75) when a rejoin of confidence 0.85 or more lies within a few lines.
/// Doubtful rejoins left alone become [`EditKind::Suspected`] notes.
fn corroborate(changes: Vec<(usize, Change)>) -> Vec<Change> {
    let sure: Vec<usize> = changes.iter().filter(|(_, c)| c.kind == EditKind::Rejoin && c.confidence >= 0.85).map(|(i, _)| *i).collect();
    changes
        .into_iter()
        .map(|(i, mut change)| {
            let doubtful = change.kind == EditKind::Rejoin && change.confidence < crate::model::LOW_CONFIDENCE;
            if doubtful && sure.iter().any(|&j| j != i && j.abs_diff(i) <= NEIGHBOURHOOD) {
                change.confidence = 0.75;
                change.reason.push_str(", inside a shredded table");
            }
            suspected_if_weak(change)
        })
        .collect()
}

/// Byte ranges of the lines, without their line ends.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        spans.push((start, start + content.len()));
        start += line.len();
    }
    spans
}

/// The next line with content after line `i`, skipping at most one blank line.
fn next_content_line(text: &str, lines: &[(usize, usize)], i: usize) -> Option<usize> {
    let blank = |j: usize| lines.get(j).is_some_and(|&(s, e)| text[s..e].trim().is_empty());
    match (lines.get(i + 1), blank(i + 1)) {
        (None, _) => None,
        (Some(_), false) => Some(i + 1),
        (Some(_), true) => lines.get(i + 2).filter(|_| !blank(i + 2)).map(|_| i + 2),
    }
}

/// The letters at the end of `line` (the fragment before the break).
fn trailing_letters(line: &str) -> &str {
    let start = line.char_indices().rev().take_while(|&(_, c)| c.is_alphabetic()).last().map_or(line.len(), |(i, _)| i);
    &line[start..]
}

/// The letters at the start of `line` (the fragment after the break).
fn leading_letters(line: &str) -> &str {
    let end = line.char_indices().find(|&(_, c)| !c.is_alphabetic()).map_or(line.len(), |(i, _)| i);
    &line[..end]
}

fn word_break(line: &str, next: &str, join: (usize, usize), resources: &Resources) -> Option<Change> {
    let lexicon = resources.lexicon.as_ref()?;
    let (a, b) = (trailing_letters(line), leading_letters(next));
    if a.is_empty() || b.is_empty() || !b.starts_with(char::is_lowercase) {
        return None;
    }
    let joined = format!("{a}{b}");
    if !lexicon.contains(&joined) {
        return None;
    }
    // A one-letter piece is no word of its own at a line end. Pieces are looked up in the
    // general dictionary only: the corpus word list holds the shredded documents' own
    // fragments ("нды", "тауы" as read from the damaged text).
    let is_word = |w: &str| w.chars().count() > 1 && in_dictionary(lexicon, w);
    let confidence = match (is_word(a), is_word(b)) {
        (false, false) => 0.95,
        (true, false) | (false, true) => 0.85,
        // Both pieces are words ("өнімдер" + "ін", "Қазақ" + "стан"): a short piece is more
        // likely a cut-off ending than a word of its own.
        (true, true) if a.chars().count().min(b.chars().count()) <= 3 => 0.75,
        (true, true) => 0.6,
    };
    let reason = format!("{a:?} + {b:?} rejoined: {joined:?} is a word");
    Some(Change::new(join.0, join.1, "", EditKind::Rejoin, confidence, reason))
}

/// Whether `word` is in the general dictionary, not only in the corpus word list.
fn in_dictionary(lexicon: &crate::lang::lexicon::Lexicon, word: &str) -> bool {
    let lower = word.to_lowercase();
    lexicon.contains(&lower) && (lexicon.languages(&lower) != 0 || !lexicon.in_corpus(&lower))
}

fn hyphen_break(line: &str, next: &str, join: (usize, usize), resources: &Resources) -> Option<Change> {
    let before_hyphen = &line[..line.len() - 1];
    if before_hyphen.ends_with(|c: char| c.is_ascii_digit()) {
        return number_hyphen_break(next, join);
    }
    let (a, b) = (trailing_letters(before_hyphen), leading_letters(next));
    if a.is_empty() || b.is_empty() || !b.starts_with(char::is_lowercase) {
        return None;
    }
    let joined = format!("{a}{b}");
    match resources.lexicon.as_ref() {
        Some(lexicon) if lexicon.contains(&joined) && !(in_dictionary(lexicon, a) && in_dictionary(lexicon, b)) => {
            let reason = format!("line-end hyphen removed: {joined:?} is a word");
            Some(Change::new(join.0 - 1, join.1, "", EditKind::Dehyphenate, 0.9, reason))
        }
        _ => {
            let reason = format!("hyphenated {a:?}-{b:?} rejoined across the line break, hyphen kept");
            Some(Change::new(join.0, join.1, "", EditKind::Unwrap, 0.8, reason))
        }
    }
}

/// "15408-" / "3-2017", "10-" / "қосымшасына": the number and what completes it.
fn number_hyphen_break(next: &str, join: (usize, usize)) -> Option<Change> {
    if let Some(change) = moved_number_word(next, join) {
        return Some(change);
    }
    if next.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(Change::new(join.0, join.1, "", EditKind::Rejoin, 0.9, "number cut after its hyphen, rejoined"));
    }
    let word = leading_letters(next);
    if word.is_empty() || !word.starts_with(char::is_lowercase) {
        return None;
    }
    if is_number_word(word) {
        let reason = format!("number cut after its hyphen, rejoined with {word:?}");
        return Some(Change::new(join.0, join.1, "", EditKind::Rejoin, 0.9, reason));
    }
    let reason = format!("number cut after its hyphen, but {word:?} does not complete it (a moved word may belong here)");
    Some(Change::new(join.0 - 1, join.0, "-", EditKind::Suspected, 0.0, reason))
}

/// "сондай-ақ 2-" / " көзделген ... дейін қосымшада": the word completing the number was
/// moved by the PDF exporter to the end of the next line (which has no soft-wrap space after
/// it). It goes back after the hyphen and the lines join.
fn moved_number_word(next: &str, join: (usize, usize)) -> Option<Change> {
    if next.ends_with(char::is_whitespace) || is_number_word(leading_letters(next)) {
        return None;
    }
    let word = trailing_letters(next);
    let rest = next[..next.len() - word.len()].trim_end();
    if word.is_empty() || rest.is_empty() || !word.starts_with(char::is_lowercase) || !is_unit_word(word) || !rest.ends_with(char::is_alphabetic) {
        return None;
    }
    let reason = format!("{word:?} moved back from the end of the next line to complete the cut number");
    Some(Change::new(join.0, join.1 + next.len(), format!("{word} {rest}"), EditKind::Move, 0.8, reason))
}

/// Units of acts in any case form (not ordinal endings, which are no words of their own).
fn is_unit_word(word: &str) -> bool {
    const UNITS: &[&str] = &["тармақ", "тармағ", "қосымша", "бап", "баб", "тарау", "бөлім", "абзац", "пункт", "стать", "глав", "раздел", "приложени"];
    UNITS.iter().any(|u| word.starts_with(u))
}

/// Words that follow a number and a hyphen: units of acts in any case form ("тармағына",
/// "қосымшасына", "бабының") and ordinal endings ("інші", "ші").
fn is_number_word(word: &str) -> bool {
    static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:тармақ|тармағ|тармақша|бап|баб|қосымша|тарау|бөлім|бөлімше|абзац|жол|кесте|баған|параграф|пункт|стать|глав|раздел|приложени|подпункт|інші|ыншы|нші|ші|шы|ы|і|жылғы|ге|ға|ке|қа)").expect("valid regex")
    });
    NUMBER_WORD.is_match(word)
}

/// A low-confidence rejoin becomes a note at the break that changes nothing.
fn suspected_if_weak(change: Change) -> Change {
    if change.confidence >= crate::model::LOW_CONFIDENCE {
        return change;
    }
    let reason = format!("{} (not applied, confidence {:.2})", change.reason, change.confidence);
    Change { after: String::new(), kind: EditKind::Suspected, reason, end: change.start, ..change }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::Lexicon;
    use crate::repair::change;

    fn with_lexicon(words: &[&str]) -> Resources {
        Resources { lexicon: Some(Lexicon::from_words(words)), ..Resources::default() }
    }

    fn fix(text: &str, resources: &Resources) -> String {
        change::apply(text, find(text, resources), 0).0
    }

    #[test]
    fn shredded_words_are_rejoined_when_the_lexicon_knows_the_whole() {
        let r = with_lexicon(&["атауы", "жасанды", "жаса", "интеллект", "және", "не", "қызметті", "берушінің"]);
        assert_eq!(fix("   Көрсетілетін қызметті берушінің а\n\nтауы\n", &r), "   Көрсетілетін қызметті берушінің атауы\n");
        assert_eq!(fix("  Қазақстан Республикасының Жаса\n  нды интеллект және", &r), "  Қазақстан Республикасының Жасанды интеллект және");
        assert_eq!(fix("  1) бағдарламалық қамтылымды жә\n   не электрондық", &r), "  1) бағдарламалық қамтылымды және электрондық");
    }

    #[test]
    fn whole_words_on_both_sides_stay_apart() {
        let r = with_lexicon(&["үшін", "көрсетілетін", "үшінкөрсетілетін"]);
        // Both pieces are words: at best a guess, so only suspected.
        let text = "    Мемлекеттік қызмет көрсету үшін\n   көрсетілетін қызметті";
        assert_eq!(fix(text, &r), text);
        let r = with_lexicon(&["цифрлық", "даму"]);
        let text = "цифрлық \n\nдаму министрлігі";
        assert!(find(text, &r).is_empty());
    }

    #[test]
    fn a_short_word_piece_is_taken_for_a_cut_ending() {
        let r = with_lexicon(&["өнімдер", "ін", "өнімдерін", "сенім"]);
        assert_eq!(fix("   не электрондық өнеркәсіп өнімдер\n   ін сенім", &r), "   не электрондық өнеркәсіп өнімдерін сенім");
    }

    #[test]
    fn pieces_known_only_from_the_corpus_are_no_words() {
        // The corpus list holds the damaged document's own fragments: they must not count.
        let lexicon = Lexicon::from_words(["жасанды"]).with_corpus_words(["жаса", "нды"]);
        let r = Resources { lexicon: Some(lexicon), ..Resources::default() };
        let changes = find("Жаса\n  нды интеллект", &r);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].confidence, 0.95);
    }

    #[test]
    fn doubtful_rejoins_inside_a_shredded_table_are_made() {
        let r = with_lexicon(&["қазақ", "стан", "қазақстан", "атауы", "республикасы"]);
        assert_eq!(fix("  Қазақ\n  стан Республикасы\n", &r), "  Қазақ\n  стан Республикасы\n");
        assert_eq!(fix("  а\n  тауы Қазақ\n  стан Республикасы\n", &r), "  атауы Қазақстан Республикасы\n");
    }

    #[test]
    fn without_a_lexicon_words_are_left_alone() {
        let text = "берушінің а\n\nтауы";
        assert!(find(text, &Resources::none()).is_empty());
    }

    #[test]
    fn numbers_cut_after_their_hyphen() {
        let r = Resources::none();
        assert_eq!(fix(" (бұдан әрі – ҚР СТ ISO/IEC 15408-\n\n  3-2017) сәйкес", &r), " (бұдан әрі – ҚР СТ ISO/IEC 15408-3-2017) сәйкес");
        assert_eq!(fix(" осы Қағидалардың 10-\n   қосымшасына сәйкес", &r), " осы Қағидалардың 10-қосымшасына сәйкес");
        let text = "сондай-ақ 2-\n\n көзделген құжаттардың";
        assert_eq!(fix(text, &r), text);
        assert_eq!(find(text, &r)[0].kind, EditKind::Suspected);
        // The completing word went to the end of the next line: it comes back.
        assert_eq!(
            fix("6-тармақтарында, сондай-ақ 2-\n\n көзделген құжаттардың мерзімдері аяқталатын күнге дейін қосымшада\nкүнтізбелік", &r),
            "6-тармақтарында, сондай-ақ 2-қосымшада көзделген құжаттардың мерзімдері аяқталатын күнге дейін\nкүнтізбелік"
        );
    }

    #[test]
    fn word_hyphens_are_kept_unless_the_lexicon_says_otherwise() {
        assert_eq!(fix("тәжірибелік-\nтехнологиялық жұмыстар", &Resources::none()), "тәжірибелік-технологиялық жұмыстар");
        let r = with_lexicon(&["деректерді"]);
        assert_eq!(fix("өңдеу де-\nректерді", &r), "өңдеу деректерді");
    }
}
