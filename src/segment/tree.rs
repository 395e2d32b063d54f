//! Blocks → tree: a stack machine that nests points in chapters and appendices, sub-points in
//! points, paragraphs, notes and quotes in the innermost open unit, and checks numbering so
//! that "3) тармақша алып тасталсын" inside an amending point is not taken for a sub-point of
//! this order.
//!
//! Conventions:
//! - an unnumbered paragraph belongs to the innermost open unit: after a sub-point, to that
//!   sub-point (as the official markdown nests it), until a new point or chapter closes it;
//! - points continue their appendix's numbering across chapters, or restart at 1;
//! - a stamp right after another stamp (a replaced appendix quoted whole) joins its appendix.
//!
//! Not here: which lines form a block (see [`super::blocks`]); eids (see [`super::eid`]).

use super::blocks::{Block, BlockKind};
use super::lines::Line;
use crate::model::{NodeKind, Num, Span};

/// A node under construction: its own lines' spans, children by index into the arena.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: NodeKind,
    pub num: Option<Num>,
    pub heading: Option<String>,
    /// Spans of the lines that belong to this node and to none of its children.
    pub own: Vec<Span>,
    pub children: Vec<usize>,
    last_point: Option<(u32, u32)>,
    last_subpoint: Option<(u32, u32)>,
    last_letter: Option<String>,
}

/// The arena; index 0 is the document itself (kind and own text unused).
pub struct Tree {
    pub drafts: Vec<Draft>,
}

struct Builder<'a, 't> {
    lines: &'a [Line<'t>],
    drafts: Vec<Draft>,
    stack: Vec<usize>,
}

/// Nests `blocks` (sorted, disjoint) into a tree.
pub fn build(lines: &[Line<'_>], blocks: &[Block]) -> Tree {
    let root = draft(NodeKind::Paragraph, None, None);
    let mut b = Builder { lines, drafts: vec![root], stack: vec![0] };
    for block in blocks {
        b.add(block);
    }
    Tree { drafts: b.drafts }
}

fn draft(kind: NodeKind, num: Option<Num>, heading: Option<String>) -> Draft {
    Draft { kind, num, heading, own: Vec::new(), children: Vec::new(), last_point: None, last_subpoint: None, last_letter: None }
}

/// `5-1` → (5, 1); `12` → (12, 0); `None` for anything else.
fn parse_num(num: &Num) -> Option<(u32, u32)> {
    let mut parts = num.norm.split('-');
    let base = parts.next()?.parse().ok()?;
    let sub = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    Some((base, sub))
}

fn is_container(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Appendix | NodeKind::Form | NodeKind::Chapter | NodeKind::Section)
}

impl Builder<'_, '_> {
    fn top(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn kind_of(&self, i: usize) -> Option<NodeKind> {
        (i != 0).then(|| self.drafts[i].kind)
    }

    fn spans(&self, block: &Block) -> Vec<Span> {
        (block.first..=block.last)
            .filter_map(|i| self.lines.get(i))
            .filter(|l| !l.is_blank())
            .map(|l| Span::new(l.start, l.end))
            .collect()
    }

    fn text(&self, block: &Block) -> String {
        let parts: Vec<&str> = (block.first..=block.last).filter_map(|i| self.lines.get(i)).map(|l| l.text).filter(|t| !t.is_empty()).collect();
        parts.join(" ")
    }

    /// Adds a node with `block`'s lines as its own text under `parent`; returns its index.
    fn attach(&mut self, parent: usize, kind: NodeKind, block: &Block) -> usize {
        let mut d = draft(kind, block.num.clone(), block.heading.clone());
        d.own = self.spans(block);
        self.drafts.push(d);
        let index = self.drafts.len() - 1;
        self.drafts[parent].children.push(index);
        index
    }

    fn pop_to(&mut self, keep: impl Fn(Option<NodeKind>) -> bool) {
        while self.stack.len() > 1 && !keep(self.kind_of(self.top())) {
            self.stack.pop();
        }
    }

    /// Index in the stack of the innermost node satisfying `pred` (the root matches `None`).
    fn find(&self, pred: impl Fn(Option<NodeKind>) -> bool) -> Option<usize> {
        self.stack.iter().rposition(|&i| pred(self.kind_of(i)))
    }

    fn add(&mut self, block: &Block) {
        match &block.kind {
            BlockKind::Title => self.at_root(NodeKind::Title, block),
            BlockKind::Status => self.at_root(NodeKind::Status, block),
            BlockKind::Header => self.at_root(NodeKind::Header, block),
            BlockKind::Preamble => self.at_root(NodeKind::Preamble, block),
            BlockKind::Note => self.leaf(NodeKind::Note, block),
            BlockKind::Formula => self.leaf(NodeKind::Formula, block),
            BlockKind::Placeholder => self.leaf(NodeKind::Blank, block),
            BlockKind::Paragraph => self.paragraph(block),
            BlockKind::Point => self.point(block),
            BlockKind::Subpoint => self.subpoint(block),
            BlockKind::LetterItem => self.letter_item(block),
            BlockKind::Chapter => self.chapter(NodeKind::Chapter, block),
            BlockKind::Section => self.chapter(NodeKind::Section, block),
            BlockKind::Quote { row } => self.quote(block, row.clone()),
            BlockKind::Signature => self.closing(NodeKind::Signature, block),
            BlockKind::Approval => self.closing(NodeKind::Approval, block),
            BlockKind::Stamp { .. } => self.stamp(block),
            BlockKind::Form => self.form(block),
            BlockKind::TableOpen => {
                let parent = self.top();
                let table = self.attach(parent, NodeKind::Table, block);
                self.stack.push(table);
            }
            BlockKind::RowOpen => match self.find(|k| k == Some(NodeKind::Table)) {
                Some(pos) => {
                    self.stack.truncate(pos + 1);
                    let row = self.attach(self.top(), NodeKind::Row, block);
                    self.stack.push(row);
                }
                None => self.paragraph(block),
            },
            BlockKind::Cell => {
                if self.find(|k| k == Some(NodeKind::Row)).is_some() {
                    self.pop_to(|k| k == Some(NodeKind::Row));
                    self.leaf(NodeKind::Cell, block);
                } else {
                    self.paragraph(block);
                }
            }
            BlockKind::RowClose => self.close(NodeKind::Row, block),
            BlockKind::TableClose => self.close(NodeKind::Table, block),
            BlockKind::Markup => self.paragraph(block),
        }
    }

    fn at_root(&mut self, kind: NodeKind, block: &Block) {
        self.stack.truncate(1);
        self.attach(0, kind, block);
    }

    fn leaf(&mut self, kind: NodeKind, block: &Block) {
        let parent = self.top();
        self.attach(parent, kind, block);
    }

    /// The closing tag's line is the table's (row's) own text; then the node is closed.
    fn close(&mut self, kind: NodeKind, block: &Block) {
        match self.find(|k| k == Some(kind)) {
            Some(pos) => {
                let index = self.stack[pos];
                let spans = self.spans(block);
                self.drafts[index].own.extend(spans);
                self.stack.truncate(pos);
            }
            None => self.paragraph(block),
        }
    }

    fn paragraph(&mut self, block: &Block) {
        let top = self.top();
        let heading_slot = matches!(self.kind_of(top), Some(NodeKind::Appendix | NodeKind::Form))
            && self.drafts[top].heading.is_none()
            && self.drafts[top].children.iter().all(|&c| self.drafts[c].kind == NodeKind::Stamp);
        let text = self.text(block);
        if heading_slot && !super::grammar::ends_sentence(&text) && text.chars().count() <= 400 {
            let spans = self.spans(block);
            self.drafts[top].heading = Some(text);
            self.drafts[top].own.extend(spans);
            return;
        }
        // A demoted point or sub-point ("3) тармақша алып тасталсын") keeps no number.
        let plain = Block { num: None, heading: None, ..block.clone() };
        self.attach(top, NodeKind::Paragraph, &plain);
    }

    fn point(&mut self, block: &Block) {
        let Some(n) = block.num.as_ref().and_then(parse_num) else { return self.paragraph(block) };
        let pos = self.find(|k| k.is_none_or(is_container)).unwrap_or(0);
        let container = self.stack[pos];
        let in_form = self.kind_of(container) == Some(NodeKind::Form);
        let last = self.drafts[container].last_point.or_else(|| self.scope_last_point(pos));
        let fresh_chapter = self.kind_of(container) == Some(NodeKind::Chapter) && self.drafts[container].last_point.is_none();
        let repeated = last == Some(n);
        let accepted = (follows(last, n, in_form) && !(repeated && block.flush_left)) || (fresh_chapter && n == (1, 0));
        if !accepted {
            return self.paragraph(block);
        }
        self.stack.truncate(pos + 1);
        let point = self.attach(container, NodeKind::Point, block);
        self.drafts[container].last_point = Some(n);
        // Chapters share their appendix's numbering: record it there too.
        if self.kind_of(container) == Some(NodeKind::Chapter) {
            if let Some(&outer) = self.stack[..pos].iter().rev().find(|&&i| i == 0 || is_container(self.drafts[i].kind)) {
                self.drafts[outer].last_point = Some(n);
            }
        }
        self.stack.push(point);
    }

    /// The numbering a new chapter continues: the enclosing appendix's (or document's).
    fn scope_last_point(&self, pos: usize) -> Option<(u32, u32)> {
        if self.kind_of(self.stack[pos]) != Some(NodeKind::Chapter) {
            return None;
        }
        self.stack[..pos].iter().rev().find_map(|&i| self.drafts[i].last_point)
    }

    fn subpoint(&mut self, block: &Block) {
        let Some(n) = block.num.as_ref().and_then(parse_num) else { return self.paragraph(block) };
        let pos = self.find(|k| k == Some(NodeKind::Point) || k.is_none_or(is_container)).unwrap_or(0);
        let parent = self.stack[pos];
        let last = self.drafts[parent].last_subpoint;
        let accepted = match last {
            None => n == (1, 0),
            Some(l) => next_in_list(l, n),
        };
        if !accepted {
            return self.paragraph(block);
        }
        self.stack.truncate(pos + 1);
        let sub = self.attach(parent, NodeKind::Subpoint, block);
        self.drafts[parent].last_subpoint = Some(n);
        self.stack.push(sub);
    }

    /// `а)`, `б)`: a list inside the innermost sub-point, lettered in alphabet order.
    fn letter_item(&mut self, block: &Block) {
        let Some(letter) = block.num.as_ref().map(|n| n.norm.clone()) else { return self.paragraph(block) };
        let numbered_subpoint = |i: usize| self.kind_of(i) == Some(NodeKind::Subpoint) && self.drafts[i].num.as_ref().is_some_and(|n| n.norm.starts_with(|c: char| c.is_ascii_digit()));
        let pos = self.stack.iter().rposition(|&i| numbered_subpoint(i) || self.kind_of(i).is_none_or(|k| k == NodeKind::Point || is_container(k))).unwrap_or(0);
        let parent = self.stack[pos];
        if !super::grammar::letter_follows(self.drafts[parent].last_letter.as_deref(), &letter) {
            return self.paragraph(block);
        }
        self.stack.truncate(pos + 1);
        let item = self.attach(parent, NodeKind::Subpoint, block);
        self.drafts[parent].last_letter = Some(letter);
        self.stack.push(item);
    }

    fn chapter(&mut self, kind: NodeKind, block: &Block) {
        let outer = |k: Option<NodeKind>| match kind {
            NodeKind::Section => k.is_none_or(|k| matches!(k, NodeKind::Appendix | NodeKind::Form)),
            _ => k.is_none_or(|k| matches!(k, NodeKind::Appendix | NodeKind::Form | NodeKind::Section)),
        };
        self.pop_to(outer);
        let parent = self.top();
        let chapter = self.attach(parent, kind, block);
        self.stack.push(chapter);
    }

    fn quote(&mut self, block: &Block, row: Option<Num>) {
        let parent = self.top();
        let Some(row) = row else {
            self.attach(parent, NodeKind::Quote, block);
            return;
        };
        let quote = self.attach(parent, NodeKind::Quote, block);
        // The row is the quoted content; lines of bare quotation marks stay the quote's own.
        let (own, content): (Vec<Span>, Vec<Span>) = self.drafts[quote].own.iter().partition(|s| {
            let text = &self.lines.iter().find(|l| l.start == s.start).map_or("", |l| l.text);
            super::grammar::is_punctuation_only(text)
        });
        if content.is_empty() {
            return;
        }
        self.drafts[quote].own = own;
        let mut r = draft(NodeKind::Row, Some(row), None);
        r.own = content;
        self.drafts.push(r);
        let index = self.drafts.len() - 1;
        self.drafts[quote].children.push(index);
    }

    /// Signatures and approvals close the body (or the appendix) they end.
    fn closing(&mut self, kind: NodeKind, block: &Block) {
        self.pop_to(|k| k.is_none_or(|k| matches!(k, NodeKind::Appendix | NodeKind::Form)));
        let parent = self.top();
        self.attach(parent, kind, block);
    }

    /// A stamp opens an appendix, unless it directly follows another stamp (an appendix that
    /// carries a replaced appendix's stamp under its own).
    fn stamp(&mut self, block: &Block) {
        let open = self.find(|k| k == Some(NodeKind::Appendix)).map(|pos| self.stack[pos]);
        if let Some(appendix) = open {
            let only_stamps = self.drafts[appendix].heading.is_none() && self.drafts[appendix].children.iter().all(|&c| self.drafts[c].kind == NodeKind::Stamp);
            if only_stamps {
                self.pop_to(|k| k == Some(NodeKind::Appendix));
                // The inner stamp's label numbers the quoted appendix, not this one: it stays
                // in the stamp's text.
                let inner = Block { num: None, ..block.clone() };
                self.attach(appendix, NodeKind::Stamp, &inner);
                return;
            }
        }
        self.stack.truncate(1);
        let mut d = draft(NodeKind::Appendix, block.num.clone(), None);
        d.own = Vec::new();
        self.drafts.push(d);
        let appendix = self.drafts.len() - 1;
        self.drafts[0].children.push(appendix);
        let mut stamp_block = block.clone();
        stamp_block.num = None;
        self.attach(appendix, NodeKind::Stamp, &stamp_block);
        self.stack.push(appendix);
    }

    fn form(&mut self, block: &Block) {
        self.pop_to(|k| k.is_none_or(|k| k == NodeKind::Appendix));
        let parent = self.top();
        let form = self.attach(parent, NodeKind::Form, block);
        self.stack.push(form);
    }
}

/// Whether point `n` may follow `last` in one list: the next number, an inserted `5-1`, or a
/// repeated number (a typo in the source). A skip is not accepted: "… пунктом 3." wrapped to
/// a line start is likelier than a lost point. In forms any increase is accepted.
fn follows(last: Option<(u32, u32)>, n: (u32, u32), in_form: bool) -> bool {
    let Some((lb, ls)) = last else { return n == (1, 0) || (in_form && n.1 == 0) };
    let (b, s) = n;
    if in_form {
        return (b, s) > (lb, ls);
    }
    (s == 0 && b == lb + 1) || (b == lb && s > ls) || (b == lb && s == 0 && ls == 0)
}

/// Whether sub-point `n` may follow `last`: strictly the next one or an insertion.
fn next_in_list(last: (u32, u32), n: (u32, u32)) -> bool {
    let (lb, ls) = last;
    let (b, s) = n;
    (s == 0 && b == lb + 1) || (b == lb && s > ls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_numbering() {
        assert!(follows(None, (1, 0), false));
        assert!(!follows(None, (3, 0), false));
        assert!(follows(Some((2, 0)), (3, 0), false));
        assert!(follows(Some((3, 0)), (3, 1), false));
        assert!(follows(Some((3, 1)), (4, 0), false));
        assert!(!follows(Some((3, 0)), (9, 0), false));
        assert!(!follows(Some((1, 0)), (3, 0), false));
        assert!(follows(Some((2, 0)), (6, 0), true));
    }

    #[test]
    fn subpoint_numbering_is_strict() {
        assert!(next_in_list((2, 0), (3, 0)));
        assert!(next_in_list((3, 0), (3, 1)));
        assert!(!next_in_list((2, 0), (4, 0)));
        assert!(!next_in_list((2, 0), (2, 0)));
    }
}
