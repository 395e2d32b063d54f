//! A change a pass proposes, and how a pass's changes become edits and a new text.
//!
//! Not here: deciding what to change (that is each pass's job).

use crate::model::{Edit, EditKind, Span, LOW_CONFIDENCE};

/// One replacement a pass wants: bytes `start..end` of the pass's input become `after`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub start: usize,
    pub end: usize,
    pub after: String,
    pub kind: EditKind,
    pub confidence: f32,
    pub reason: String,
}

impl Change {
    pub fn new(start: usize, end: usize, after: impl Into<String>, kind: EditKind, confidence: f32, reason: impl Into<String>) -> Change {
        Change { start, end, after: after.into(), kind, confidence, reason: reason.into() }
    }

    /// A place that looks damaged but is left as it is (before == after).
    pub fn suspected(start: usize, end: usize, text: &str, reason: impl Into<String>) -> Change {
        let before = text.get(start..end).unwrap_or("");
        Change::new(start, end, before, EditKind::Suspected, 0.0, reason)
    }

    /// This change, or — when its confidence is below [`LOW_CONFIDENCE`] — a [`Suspected`]
    /// note that leaves the text alone but keeps the proposal in the reason.
    ///
    /// [`Suspected`]: EditKind::Suspected
    pub fn or_suspected(self, text: &str) -> Change {
        if self.confidence >= LOW_CONFIDENCE || self.kind == EditKind::Suspected {
            return self;
        }
        let before = text.get(self.start..self.end).unwrap_or("").to_owned();
        let reason = format!("{} (not applied, confidence {:.2}; would read: {:?})", self.reason, self.confidence, self.after);
        Change { after: before, kind: EditKind::Suspected, reason, ..self }
    }
}

/// Applies `changes` to `text`: sorts them, drops those that overlap an earlier one or do not
/// sit on character boundaries, and records each applied change as an [`Edit`] of `pass`.
pub fn apply(text: &str, mut changes: Vec<Change>, pass: u32) -> (String, Vec<Edit>) {
    changes.sort_by_key(|c| (c.start, c.end));
    let mut out = String::with_capacity(text.len());
    let mut edits = Vec::with_capacity(changes.len());
    let mut cursor = 0;
    for change in changes {
        let fits = change.start >= cursor
            && change.start <= change.end
            && change.end <= text.len()
            && text.is_char_boundary(change.start)
            && text.is_char_boundary(change.end);
        // A zero-width change at the cursor right after another change would make the order
        // of the two ambiguous on replay; the first one wins.
        let collides = change.start == change.end && change.start == cursor && !edits.is_empty();
        if !fits || collides {
            continue;
        }
        let before = &text[change.start..change.end];
        if before == change.after && change.kind != EditKind::Suspected {
            continue;
        }
        out.push_str(&text[cursor..change.start]);
        out.push_str(&change.after);
        cursor = change.end;
        edits.push(Edit {
            pass,
            span: Span::new(change.start, change.end),
            before: before.to_owned(),
            after: change.after,
            kind: change.kind,
            confidence: change.confidence,
            reason: change.reason,
        });
    }
    out.push_str(&text[cursor..]);
    (out, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(start: usize, end: usize, after: &str) -> Change {
        Change::new(start, end, after, EditKind::Whitespace, 1.0, "test")
    }

    #[test]
    fn changes_are_sorted_and_overlaps_dropped() {
        let (text, edits) = apply("abcdef", vec![change(4, 5, "E"), change(0, 2, "AB"), change(1, 3, "x")], 3);
        assert_eq!(text, "ABcdEf");
        assert_eq!(edits.len(), 2);
        assert!(edits.iter().all(|e| e.pass == 3));
        assert_eq!(edits[0].before, "ab");
    }

    #[test]
    fn changes_off_char_boundaries_are_dropped() {
        let (text, edits) = apply("қаз", vec![change(1, 2, "x")], 0);
        assert_eq!(text, "қаз");
        assert!(edits.is_empty());
    }

    #[test]
    fn low_confidence_becomes_suspected_and_changes_nothing() {
        let text = "abc";
        let c = Change::new(0, 3, "xyz", EditKind::Move, 0.5, "guess").or_suspected(text);
        assert_eq!(c.kind, EditKind::Suspected);
        let (out, edits) = apply(text, vec![c], 0);
        assert_eq!(out, "abc");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].before, edits[0].after);
        assert!(edits[0].reason.contains("xyz"));
    }
}
