//! Appendix stamps: the short lines above an appendix that say whose order it belongs to
//! ("… министрінің 2025 жылғы № бұйрығына / 1-қосымша", "Приложение 1 / к приказу … / от … №
//! …", "… бұйрығымен / бекітілген"). Kazakh stamps are found from their last line back, Russian
//! ones from their first line on.
//!
//! Not here: the words that make an anchor line (see [`super::grammar`]); what a stamp opens
//! (see [`super::tree`]).

use super::blocks::{BlockKind, Ctx, MAX_GAP};
use super::grammar::{self, Token};

impl Ctx<'_, '_> {
    pub(super) fn stamps(&mut self, body: usize) {
        let mut i = body;
        while i < self.lines.len() {
            if self.claimed[i] || !self.is_stamp_anchor(i) {
                i += 1;
                continue;
            }
            let first = self.stamp_start(i, body);
            let last = self.stamp_end(i);
            let label = (first..=last).find_map(|j| match &self.tokens[j] {
                Token::AppendixLabel(n) => Some(n.clone()),
                _ => None,
            });
            self.claim(BlockKind::Stamp { labelled: label.is_some() }, label.flatten(), None, first, last);
            i = last + 1;
        }
    }

    fn is_stamp_anchor(&self, i: usize) -> bool {
        let text = self.text(i);
        match self.tokens[i] {
            Token::AppendixLabel(_) => true,
            Token::Text => {
                // Where body paragraphs are indented, stamps are laid out otherwise.
                let layout = !self.indent_mode || self.body_indent != Some(self.lines[i].indent);
                layout
                    && (grammar::is_stamp_reference(text) || grammar::is_stamp_approved(text))
                    && (text.chars().count() <= 90 || (text.chars().count() <= 160 && i > 0 && self.lines[i - 1].is_blank()))
                    && !text.contains(['(', ')'])
                    && self.short_lines_above(i)
            }
            _ => false,
        }
    }

    /// The lines directly above `i` (up to a blank line) are all short and none is a point: a
    /// stamp, not the wrapped tail of a point that happens to end in "… бұйрығына".
    fn short_lines_above(&self, i: usize) -> bool {
        let mut p = i;
        while p > 0 {
            p -= 1;
            let line = self.lines[p];
            if line.is_blank() || self.claimed[p] {
                return true;
            }
            if line.text.chars().count() > 120 || matches!(self.tokens[p], Token::Point(_) | Token::Subpoint(_)) {
                return false;
            }
        }
        true
    }

    /// Kazakh stamps end with their anchor ("… бұйрығына", "1-қосымша"): walk back over the
    /// issuer's short lines, across single page-break gaps of the same layout.
    fn stamp_start(&self, anchor: usize, body: usize) -> usize {
        if self.opens_stamp(anchor) {
            return anchor;
        }
        let mut first = anchor;
        while let Some(prev) = self.prev_nonblank(first) {
            let text = self.text(prev);
            let gap = prev + 1 < first;
            let ok = prev >= body
                && !self.claimed[prev]
                && first - prev <= MAX_GAP + 1
                && anchor - prev <= 14
                && matches!(self.tokens[prev], Token::Text | Token::AppendixLabel(_))
                && grammar::is_short_label(text)
                && (!text.ends_with('.') || grammar::ends_with_abbreviation(text))
                && !(gap && self.lines[prev].is_indented() != self.lines[first].is_indented() && self.indent_mode);
            if !ok {
                break;
            }
            first = prev;
        }
        first
    }

    /// A stamp that starts with its anchor: `Приложение 1`, `Утверждена`, `к приказу`.
    fn opens_stamp(&self, i: usize) -> bool {
        let text = self.text(i);
        match self.tokens[i] {
            Token::AppendixLabel(_) => grammar::label_opens_stamp(text),
            _ => grammar::is_stamp_approved(text) && !text.to_lowercase().starts_with("бекіт"),
        }
    }

    /// Closes a stamp: after a Kazakh end only more end lines follow (`бекітілген`,
    /// `1-қосымша`); after a Russian start, its contiguous short lines and any `к …`, `от …`,
    /// `№ …` lines after a gap.
    fn stamp_end(&self, anchor: usize) -> usize {
        let mut last = anchor;
        while let Some(next) = self.next_nonblank(last + 1) {
            let text = self.text(next);
            let gap = next > last + 1;
            let is_end_line = matches!(self.tokens[next], Token::AppendixLabel(_)) || grammar::is_stamp_reference(text) || grammar::is_stamp_approved(text);
            let current_is_end = !self.opens_stamp(last) && (matches!(self.tokens[last], Token::AppendixLabel(_)) || grammar::is_stamp_reference(self.text(last)) || self.text(last).to_lowercase().starts_with("бекіт"));
            let ok = !self.claimed[next]
                && next - last <= MAX_GAP + 1
                && matches!(self.tokens[next], Token::Text | Token::AppendixLabel(_))
                && grammar::is_short_label(text)
                && !text.ends_with('.')
                && if current_is_end {
                    is_end_line
                } else if gap {
                    is_end_line || text.starts_with(['№', 'к', 'о']) || text.starts_with(|c: char| c.is_ascii_digit())
                } else {
                    true
                };
            if !ok {
                break;
            }
            last = next;
        }
        last
    }
}
