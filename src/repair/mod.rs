//! Repair: decoded text → repaired text plus every edit made, so an analyst can audit each
//! change and [`replay`] can reproduce the result.
//!
//! The repair is an explicit, ordered list of passes ([`PASSES`]). Each pass reads the text the
//! previous one produced and proposes [`Change`]s; [`repair`] applies them and records each as
//! an [`Edit`] carrying the pass's index. Adding a pass is one line in [`PASSES`].
//!
//! Not here: choosing the byte encoding (see [`crate::acquire::encoding`]); structure.

pub mod change;
pub mod lookalike;
pub mod mojibake;
pub mod moved;
pub mod ocr;
pub mod score;
pub mod shred;
pub mod unwrap;

use crate::lang::Resources;
use crate::model::{Edit, Repaired};
pub use change::Change;

/// A repair pass: reads the whole text, returns the changes it wants (any order; overlapping
/// changes after the first are dropped).
pub type PassFn = fn(&str, &Resources) -> Vec<Change>;

/// The passes, in application order. An edit's `pass` is its pass's index in this list.
///
/// Layout repairs (moved words, shredded words) come before OCR correction: they restore whole
/// words from pieces ("жазылсын:19-тармақ", "а" / "тауы") that a word-level OCR model would
/// otherwise take for misreadings and "correct" into something else.
pub const PASSES: &[(&str, PassFn)] = &[
    ("mojibake", mojibake::find),
    ("lookalike", lookalike::find),
    ("moved", moved::find),
    ("shred", shred::find),
    ("ocr", ocr::find),
    ("unwrap", unwrap::find),
];

/// At most this many rounds of all passes: one repair can expose another (a look-alike fixed
/// makes a mojibake token whole), and the result must be a fixed point so that repairing it
/// again changes nothing.
const MAX_ROUNDS: usize = 4;

/// Repairs `text`. Clean text comes back unchanged with no edits.
///
/// Runs [`PASSES`] in order, and again while a round still changes the text. An edit's `pass`
/// is `round × PASSES.len() + index`, so passes stay numbered in application order and replaying
/// the edits reproduces the text.
pub fn repair(text: &str, resources: &Resources) -> Repaired {
    let mut current = text.to_owned();
    let mut edits = Vec::new();
    for round in 0..MAX_ROUNDS {
        let before = current.clone();
        for (index, (_name, pass)) in PASSES.iter().enumerate() {
            let changes = pass(&current, resources);
            if changes.is_empty() {
                continue;
            }
            let (next, pass_edits) = change::apply(&current, changes, (round * PASSES.len() + index) as u32);
            current = next;
            // Suspected notes are repeated by every round; those of the first one are enough.
            edits.extend(pass_edits.into_iter().filter(|e| round == 0 || e.kind != crate::model::EditKind::Suspected));
        }
        if current == before {
            break;
        }
    }
    Repaired { text: current, edits }
}

/// Applies `edits` (pass by pass, as recorded) to `input`.
///
/// Returns `None` when an edit does not fit the text it claims to change, which makes this
/// the check of the audit trail: `replay(input, &r.edits) == Some(r.text)`.
pub fn replay(input: &str, edits: &[Edit]) -> Option<String> {
    let mut text = input.to_owned();
    let mut start = 0;
    while start < edits.len() {
        let pass = edits[start].pass;
        let end = start + edits[start..].iter().take_while(|e| e.pass == pass).count();
        text = apply_pass(&text, &edits[start..end])?;
        start = end;
    }
    Some(text)
}

fn apply_pass(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in edits {
        let (s, e) = (edit.span.start, edit.span.end);
        if s < cursor || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) || text[s..e] != *edit.before {
            return None;
        }
        out.push_str(&text[cursor..s]);
        out.push_str(&edit.after);
        cursor = e;
    }
    out.push_str(&text[cursor..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EditKind, Span};

    fn edit(pass: u32, start: usize, end: usize, before: &str, after: &str) -> Edit {
        Edit { pass, span: Span::new(start, end), before: before.into(), after: after.into(), kind: EditKind::Lookalike, confidence: 1.0, reason: String::new() }
    }

    #[test]
    fn replay_applies_passes_in_order() {
        let edits = vec![edit(0, 0, 1, "a", "bb"), edit(0, 2, 3, "c", "d"), edit(1, 0, 2, "bb", "e")];
        assert_eq!(replay("abc", &edits).as_deref(), Some("ebd"));
    }

    #[test]
    fn replay_rejects_an_edit_that_does_not_fit() {
        assert_eq!(replay("abc", &[edit(0, 0, 1, "x", "y")]), None);
    }

    #[test]
    fn clean_text_gets_no_edits() {
        let text = "      1. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.\n";
        let repaired = repair(text, &Resources::none());
        assert_eq!(repaired.text, text);
        assert!(repaired.edits.is_empty(), "{:?}", repaired.edits);
    }

    #[test]
    fn every_pass_is_recorded_with_its_index_and_replays() {
        // Mojibake (pass 0) and a look-alike (pass 1) in one text.
        let text = "ТљР°Р·Р°Т›СЃС‚Р°РЅ Кабинетiнiң шешімі";
        let repaired = repair(text, &Resources::none());
        assert_eq!(repaired.text, "Қазақстан Кабинетінің шешімі");
        let passes: Vec<u32> = repaired.edits.iter().map(|e| e.pass).collect();
        assert_eq!(passes, vec![0, 1]);
        assert_eq!(replay(text, &repaired.edits).as_deref(), Some(repaired.text.as_str()));
    }
}
