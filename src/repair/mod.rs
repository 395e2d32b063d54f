//! Repair: decoded text → repaired text plus every edit made, so an analyst can audit each
//! change and [`replay`] can reproduce the result.
//!
//! Not here: choosing the byte encoding (see [`crate::acquire::encoding`]); structure.

use crate::lang::Resources;
use crate::model::{Edit, Repaired};

/// Repairs `text`. Clean text comes back unchanged with no edits.
pub fn repair(text: &str, _resources: &Resources) -> Repaired {
    Repaired { text: text.to_owned(), edits: Vec::new() }
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
}
