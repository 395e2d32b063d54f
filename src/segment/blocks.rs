//! Lines → blocks: which consecutive lines make one unit (a title, a wrapped point, a stamp, a
//! signature, a quotation). Multi-line units that are recognised by their end or their
//! neighbours (quotes, approvals, signatures, stamps, the front matter) are claimed first;
//! the remaining lines are grouped into points, sub-points and paragraphs, joining wrapped
//! lines and bridging page-break gaps.
//!
//! Not here: single-line patterns (see [`super::grammar`]) and nesting (see [`super::tree`]).

use super::grammar::{self, Token};
use super::lines::Line;
use crate::model::Num;

/// What a block is, before nesting decides where it goes.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Title,
    Status,
    Header,
    Note,
    Preamble,
    Chapter,
    Section,
    Point,
    Subpoint,
    /// `а)`, `б)` under a sub-point.
    LetterItem,
    Paragraph,
    /// Quoted text of an amendment; `row` when the intro names a table row.
    Quote { row: Option<Num> },
    Signature,
    Approval,
    /// An appendix stamp; `labelled` when it has a `N-қосымша` / `Приложение N` line.
    Stamp { labelled: bool },
    Form,
    Placeholder,
    Formula,
    TableOpen,
    TableClose,
    RowOpen,
    RowClose,
    Cell,
    /// Conversion left-overs (`<a id="p1"></a>`): merged into a neighbour before nesting.
    Markup,
}

/// Consecutive lines `first..=last` (indices into the line list) forming one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub num: Option<Num>,
    pub heading: Option<String>,
    pub first: usize,
    pub last: usize,
    /// Printed flush left in a document whose body is indented: a number there is suspect.
    pub flush_left: bool,
}

/// How far a page-break gap may reach inside one unit, in blank lines.
pub(super) const MAX_GAP: usize = 3;

pub(super) struct Ctx<'a, 't> {
    pub(super) lines: &'a [Line<'t>],
    pub(super) tokens: Vec<Token>,
    pub(super) claimed: Vec<bool>,
    pub(super) blocks: Vec<Block>,
    /// Body paragraphs are indented and wrapped lines are not (the official site's layout).
    pub(super) indent_mode: bool,
    /// The indentation most points are printed with.
    pub(super) body_indent: Option<usize>,
}

/// Groups `lines` into blocks, sorted by their first line.
pub fn blocks(lines: &[Line<'_>]) -> Vec<Block> {
    let tokens: Vec<Token> = lines.iter().map(|l| grammar::classify(l.text)).collect();
    let indented = lines.iter().zip(&tokens).filter(|(l, _)| !l.is_blank() && l.is_indented());
    let (mut lines_in, mut points_in) = (0, 0);
    for (_, token) in indented {
        lines_in += 1;
        points_in += usize::from(matches!(token, Token::Point(_) | Token::Subpoint(_)));
    }
    let indent_mode = lines_in >= 2 || points_in >= 1;
    let body_indent = most_common_point_indent(lines, &tokens);
    let mut ctx = Ctx { lines, tokens, claimed: vec![false; lines.len()], blocks: Vec::new(), indent_mode, body_indent };
    let body = ctx.front_matter();
    ctx.quotes(body);
    ctx.approvals(body);
    ctx.signatures(body);
    ctx.stamps(body);
    ctx.rest();
    let mut blocks = ctx.blocks;
    blocks.sort_by_key(|b| b.first);
    merge_markup(blocks)
}

impl Ctx<'_, '_> {
    pub(super) fn claim(&mut self, kind: BlockKind, num: Option<Num>, heading: Option<String>, first: usize, last: usize) {
        for c in &mut self.claimed[first..=last] {
            *c = true;
        }
        self.blocks.push(Block { kind, num, heading, first, last, flush_left: false });
    }

    pub(super) fn next_nonblank(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !self.lines[i].is_blank())
    }

    pub(super) fn prev_nonblank(&self, before: usize) -> Option<usize> {
        (0..before).rev().find(|&i| !self.lines[i].is_blank())
    }

    pub(super) fn text(&self, i: usize) -> &str {
        self.lines[i].text
    }

    /// Tokens that always start something of their own.
    pub(super) fn is_hard(&self, i: usize) -> bool {
        !matches!(self.tokens[i], Token::Text | Token::Blank | Token::Name | Token::Status | Token::QuoteOpen)
    }

    /// Whether line `i` continues the paragraph whose last line is `prev`.
    fn continues(&self, prev: usize, i: usize) -> bool {
        let gap = i > prev + 1;
        if i - prev > MAX_GAP + 1 {
            return false;
        }
        let line = &self.lines[i];
        let prev_text = self.text(prev);
        if self.indent_mode {
            !line.is_indented() && (!gap || !grammar::ends_sentence(prev_text))
        } else {
            grammar::starts_like_continuation(line.text) && !grammar::ends_sentence(prev_text)
        }
    }

    /// The last line of the paragraph that starts at `start` (unclaimed, continuable lines).
    fn paragraph_end(&self, start: usize) -> usize {
        let mut last = start;
        while let Some(next) = self.next_nonblank(last + 1) {
            if self.claimed[next] || self.is_hard(next) || !self.continues(last, next) {
                break;
            }
            last = next;
        }
        last
    }

    fn joined(&self, first: usize, last: usize) -> String {
        let parts: Vec<&str> = (first..=last).map(|i| self.text(i)).filter(|t| !t.is_empty()).collect();
        parts.join(" ")
    }

    /// Title, status line, requisites header, top notes and preamble; returns the first line of
    /// the body.
    fn front_matter(&mut self) -> usize {
        let Some(mut i) = self.next_nonblank(0) else { return self.lines.len() };
        if let Some(last) = self.title_end(i) {
            let heading = self.joined(i, last);
            self.claim(BlockKind::Title, None, Some(heading), i, last);
            i = match self.next_nonblank(last + 1) {
                Some(n) => n,
                None => return self.lines.len(),
            };
        }
        if self.tokens[i] == Token::Status {
            self.claim(BlockKind::Status, None, None, i, i);
            i = match self.next_nonblank(i + 1) {
                Some(n) => n,
                None => return self.lines.len(),
            };
        }
        let header_last = self.header_end(i);
        if let Some(last) = header_last {
            self.claim(BlockKind::Header, None, None, i, last);
            i = match self.next_nonblank(last + 1) {
                Some(n) => n,
                None => return self.lines.len(),
            };
        }
        while let Token::Note { headline } = self.tokens[i] {
            let mut last = self.paragraph_end(i);
            if headline {
                if let Some(next) = self.next_nonblank(last + 1).filter(|&n| !self.is_hard(n) && !grammar::has_enacting_words(self.text(n))) {
                    last = self.paragraph_end(next);
                }
            }
            self.claim(BlockKind::Note, None, None, i, last);
            i = match self.next_nonblank(last + 1) {
                Some(n) => n,
                None => return self.lines.len(),
            };
        }
        self.preamble(i)
    }

    fn title_end(&self, first: usize) -> Option<usize> {
        if self.is_hard(first) || self.tokens[first] == Token::Name || grammar::is_header_text(self.text(first)) {
            return None;
        }
        let mut last = first;
        while last + 1 < self.lines.len() && last - first < 6 {
            let next = last + 1;
            let line = self.lines[next];
            if line.is_blank() || self.tokens[next] != Token::Text || grammar::is_header_text(line.text) {
                break;
            }
            last = next;
        }
        let text = self.joined(first, last);
        let ends_with_point = self.next_nonblank(last + 1).is_none();
        (!grammar::has_enacting_words(&text) && !ends_with_point).then_some(last)
    }

    fn header_end(&self, first: usize) -> Option<usize> {
        if self.is_hard(first) {
            return None;
        }
        let mut last = first;
        while last + 1 < self.lines.len() {
            let next = last + 1;
            let line = self.lines[next];
            if line.is_blank() || (self.indent_mode && line.is_indented()) || self.tokens[next] != Token::Text {
                break;
            }
            last = next;
        }
        grammar::is_header_text(&self.joined(first, last)).then_some(last)
    }

    /// The preamble runs to the enacting words ("БҰЙЫРАМЫН:"), or else to the first point.
    fn preamble(&mut self, first: usize) -> usize {
        let limit = (first + 80).min(self.lines.len());
        let mut last_text = None;
        for i in first..limit {
            if self.lines[i].is_blank() {
                continue;
            }
            let stops = matches!(
                self.tokens[i],
                Token::Point(_) | Token::Subpoint(_) | Token::Chapter(..) | Token::Section(..) | Token::AppendixLabel(_) | Token::Approval | Token::Name
            );
            if stops {
                if matches!(self.tokens[i], Token::Point(_)) {
                    if let Some(last) = last_text {
                        self.claim(BlockKind::Preamble, None, None, first, last);
                    }
                }
                return if last_text.is_some() && matches!(self.tokens[i], Token::Point(_)) { i } else { first };
            }
            if grammar::has_enacting_words(self.text(i)) {
                self.claim(BlockKind::Preamble, None, None, first, i);
                return i + 1;
            }
            last_text = Some(i);
        }
        first
    }

    /// Quoted new text of amendments: from an opening quote after an intro ("… мынадай
    /// редакцияда жазылсын:") to the line that closes it.
    fn quotes(&mut self, body: usize) {
        let mut i = body;
        while i < self.lines.len() {
            if self.claimed[i] || self.tokens[i] != Token::QuoteOpen {
                i += 1;
                continue;
            }
            let Some(intro) = self.prev_nonblank(i).filter(|&p| p >= body && !self.claimed[p]) else {
                i += 1;
                continue;
            };
            if !grammar::introduces_quote(self.text(intro)) {
                i += 1;
                continue;
            }
            // A signatory or an approval ends the order's text: a quote still open there was no
            // quote (a citation title opening a paragraph).
            let Some(mut close) = (i..self.lines.len().min(i + 400))
                .take_while(|&j| j == i || !matches!(self.tokens[j], Token::Name | Token::Approval))
                .find(|&j| grammar::closes_quote(self.text(j), j == i))
            else {
                i += 1;
                continue;
            };
            if close + 1 < self.lines.len() && grammar::is_punctuation_only(self.text(close + 1)) {
                close += 1;
            }
            let row = grammar::row_reference(self.text(intro));
            self.claim(BlockKind::Quote { row }, None, None, i, close);
            i = close + 1;
        }
    }

    /// `"КЕЛІСІЛДІ"` and the body that agreed, up to its institution, person or date.
    fn approvals(&mut self, body: usize) {
        for i in body..self.lines.len() {
            if self.claimed[i] || self.tokens[i] != Token::Approval {
                continue;
            }
            let mut last = i;
            let mut complete = false;
            let mut body_indent: Option<bool> = None;
            while let Some(next) = self.next_nonblank(last + 1) {
                let gap = next > last + 1;
                let text = self.text(next);
                let stop = self.claimed[next]
                    || (self.is_hard(next) && self.tokens[next] != Token::Approval && !matches!(self.tokens[next], Token::Name))
                    || self.tokens[next] == Token::Approval
                    || grammar::is_stamp_reference(text)
                    || grammar::is_stamp_approved(text)
                    || text.chars().count() > 100
                    || next - last > MAX_GAP + 1
                    || (gap && (complete || body_indent.is_some_and(|ind| ind != self.lines[next].is_indented())))
                    || next - i > 10;
                if stop {
                    break;
                }
                body_indent.get_or_insert(self.lines[next].is_indented());
                complete |= grammar::closes_approval(text);
                last = next;
            }
            self.claim(BlockKind::Approval, None, None, i, last);
        }
    }

    /// A signatory's name and the position lines above it.
    fn signatures(&mut self, body: usize) {
        for i in body..self.lines.len() {
            if self.claimed[i] || self.tokens[i] != Token::Name {
                continue;
            }
            let mut first = i;
            while let Some(prev) = self.prev_nonblank(first) {
                let text = self.text(prev);
                let ok = prev >= body
                    && !self.claimed[prev]
                    && first - prev <= 3
                    && i - prev <= 12
                    && matches!(self.tokens[prev], Token::Text)
                    && grammar::is_short_label(text)
                    && !grammar::is_stamp_reference(text)
                    && (!text.ends_with('.') || grammar::ends_with_abbreviation(text));
                if !ok {
                    break;
                }
                first = prev;
            }
            self.claim(BlockKind::Signature, None, None, first, i);
        }
    }

    /// Everything not claimed: points, sub-points, chapters, notes, paragraphs, table markup.
    fn rest(&mut self) {
        let mut i = 0;
        let mut absorb_next_paragraph = false;
        while i < self.lines.len() {
            if self.claimed[i] || self.lines[i].is_blank() {
                // A headline note takes the next paragraph only if nothing else comes between.
                absorb_next_paragraph &= !self.claimed[i];
                i += 1;
                continue;
            }
            let token = self.tokens[i].clone();
            let (kind, num, heading, mut last) = match token {
                Token::Markup => (BlockKind::Markup, None, None, i),
                Token::TableOpen => (BlockKind::TableOpen, None, None, i),
                Token::TableClose => (BlockKind::TableClose, None, None, i),
                Token::RowOpen => (BlockKind::RowOpen, None, None, i),
                Token::RowClose => (BlockKind::RowClose, None, None, i),
                Token::Cell { closed } => (BlockKind::Cell, None, None, if closed { i } else { self.cell_end(i) }),
                Token::Formula => (BlockKind::Formula, None, None, i),
                Token::Placeholder => (BlockKind::Placeholder, None, None, i),
                Token::FormMarker => (BlockKind::Form, None, None, i),
                Token::Chapter(n, h) => (BlockKind::Chapter, Some(n), Some(h), self.paragraph_end(i)),
                Token::Section(n, h) => (BlockKind::Section, Some(n), Some(h), self.paragraph_end(i)),
                Token::Note { headline } => {
                    absorb_next_paragraph = headline;
                    let last = self.paragraph_end(i);
                    self.push(BlockKind::Note, None, None, i, last);
                    i = last + 1;
                    continue;
                }
                Token::Point(n) => {
                    if self.continues_previous(i) {
                        self.extend_previous(i);
                        i += 1;
                        continue;
                    }
                    match self.heading_instead_of_point(i) {
                        Some(Token::NumberedHeading(n, h)) => (BlockKind::Chapter, Some(n), Some(h), self.paragraph_end(i)),
                        _ => (BlockKind::Point, Some(n), None, self.paragraph_end(i)),
                    }
                }
                Token::Subpoint(n) | Token::LetterItem(n) => {
                    if self.continues_previous(i) {
                        self.extend_previous(i);
                        i += 1;
                        continue;
                    }
                    let kind = if matches!(self.tokens[i], Token::LetterItem(_)) { BlockKind::LetterItem } else { BlockKind::Subpoint };
                    (kind, Some(n), None, self.paragraph_end(i))
                }
                _ => {
                    if self.continues_previous(i) {
                        self.extend_previous(i);
                        i += 1;
                        continue;
                    }
                    if absorb_next_paragraph {
                        absorb_next_paragraph = false;
                        let last = self.paragraph_end(i);
                        if let Some(note) = self.blocks.last_mut().filter(|b| b.kind == BlockKind::Note) {
                            note.last = last;
                            i = last + 1;
                            continue;
                        }
                    }
                    (BlockKind::Paragraph, None, None, self.paragraph_end(i))
                }
            };
            if !matches!(kind, BlockKind::Markup) {
                absorb_next_paragraph = false;
            }
            last = last.max(i);
            self.push(kind, num, heading, i, last);
            i = last + 1;
        }
    }

    fn push(&mut self, kind: BlockKind, num: Option<Num>, heading: Option<String>, first: usize, last: usize) {
        let flush_left = self.indent_mode && !self.lines[first].is_indented();
        self.blocks.push(Block { kind, num, heading, first, last, flush_left });
    }

    /// A numbered line that wraps a previous paragraph (`… тармақтың\n1. …` flush left).
    fn continues_previous(&self, i: usize) -> bool {
        let Some(prev) = self.blocks.last() else { return false };
        let continuable = matches!(prev.kind, BlockKind::Point | BlockKind::Subpoint | BlockKind::LetterItem | BlockKind::Paragraph | BlockKind::Chapter | BlockKind::Section | BlockKind::Note);
        let adjacent = self.prev_nonblank(i) == Some(prev.last) && !self.claimed[prev.last];
        if !continuable || !adjacent {
            return false;
        }
        match self.tokens[i] {
            // Where points are indented, a number at the start of a flush-left line is where a
            // wrap fell ("… пунктом\n3. …"): right under the text, or after a page break in
            // mid-sentence.
            // (An appendix title above "1. Жалпы ережелер" is no point in mid-sentence.)
            Token::Point(_) | Token::Subpoint(_) | Token::LetterItem(_) => {
                let in_point = matches!(prev.kind, BlockKind::Point | BlockKind::Subpoint | BlockKind::LetterItem);
                self.indent_mode && !self.lines[i].is_indented() && (i == prev.last + 1 || (in_point && self.continues(prev.last, i)))
            }
            _ => self.continues(prev.last, i),
        }
    }

    fn extend_previous(&mut self, i: usize) {
        if let Some(prev) = self.blocks.last_mut() {
            prev.last = i;
        }
    }

    /// In an indented document, `1. Общие положения` printed flush left after a blank line is a
    /// chapter heading, not a point.
    ///
    /// Without indentation to go by, the heading must also be followed by a point.
    fn heading_instead_of_point(&self, i: usize) -> Option<Token> {
        let after_blank = i == 0 || self.lines[i - 1].is_blank();
        if self.lines[i].is_indented() || !after_blank {
            return None;
        }
        if !self.indent_mode {
            let next = (i + 1..self.lines.len()).find(|&j| !self.lines[j].is_blank() && self.tokens[j] != Token::Markup)?;
            if !matches!(self.tokens[next], Token::Point(_)) {
                return None;
            }
        }
        // The heading is the whole paragraph: "3. Қағидалар) …\n… осы;" ends as a point does.
        let last = self.paragraph_end(i);
        grammar::numbered_heading(&self.joined(i, last))
    }

    fn cell_end(&self, first: usize) -> usize {
        let mut last = first;
        while last + 1 < self.lines.len() {
            let next = last + 1;
            if self.claimed[next] || matches!(self.tokens[next], Token::TableOpen | Token::TableClose | Token::RowOpen | Token::RowClose | Token::Cell { .. }) {
                break;
            }
            last = next;
            if self.text(next).to_lowercase().ends_with("</td>") || self.text(next).to_lowercase().ends_with("</th>") {
                break;
            }
        }
        last
    }
}

fn most_common_point_indent(lines: &[Line<'_>], tokens: &[Token]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for (line, token) in lines.iter().zip(tokens) {
        if matches!(token, Token::Point(_) | Token::Subpoint(_)) {
            *counts.entry(line.indent).or_insert(0usize) += 1;
        }
    }
    counts.into_iter().max_by_key(|&(indent, n)| (n, std::cmp::Reverse(indent))).map(|(indent, _)| indent)
}

/// Markup lines join the block they precede (an anchor names what follows), or the one before
/// when nothing follows.
fn merge_markup(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending: Option<(usize, usize)> = None;
    for mut block in blocks {
        if block.kind == BlockKind::Markup {
            let first = pending.map_or(block.first, |(f, _)| f);
            pending = Some((first, block.last));
            continue;
        }
        if let Some((first, _)) = pending.take() {
            block.first = first;
        }
        out.push(block);
    }
    if let Some((first, last)) = pending {
        match out.last_mut() {
            Some(prev) => prev.last = prev.last.max(last),
            None => out.push(Block { kind: BlockKind::Paragraph, num: None, heading: None, first, last, flush_left: false }),
        }
    }
    out
}
