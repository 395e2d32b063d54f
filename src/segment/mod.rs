//! Segment: repaired text → structure tree (title, header, notes, preamble, chapters, points,
//! sub-points, paragraphs, quotes, signature, approvals, appendices with their stamps, forms,
//! tables, formulas), each node with a stable eid and a span.
//!
//! A small grammar in the spirit of Laws.Africa's Bluebell, in three steps:
//! 1. [`lines`]: the text as lines with offsets and indentation;
//! 2. [`grammar`] says what each line can start, and [`blocks`] groups lines into units
//!    (wrapped lines and page-break gaps joined; stamps, signatures, approvals and quotations
//!    recognised from their neighbours);
//! 3. [`tree`] nests the units with a stack and checks numbering; [`eid`] names them.
//!
//! Every node's span covers its own lines and its children; children are disjoint and in text
//! order, and every non-blank character of the text lies in exactly one innermost node.
//! Works on raw text (wrapped lines, indents, gaps) as well as on repaired text.
//!
//! Not here: what the nodes mean (identity, references: see [`crate::extract`]).

pub mod blocks;
pub mod eid;
pub mod grammar;
pub mod lines;
pub mod tree;

use crate::model::{Language, Node, Span};

/// Segments `text` into its top-level nodes, in text order.
///
/// `language` is not needed today: the grammar knows both languages' words.
pub fn segment(text: &str, _language: Option<Language>) -> Vec<Node> {
    let lines = lines::split(text);
    let blocks = blocks::blocks(&lines);
    let tree = tree::build(&lines, &blocks);
    finish(&tree, 0, "")
}

/// Turns the drafts under `index` into nodes: spans from own lines and children, eids from
/// the path.
fn finish(tree: &tree::Tree, index: usize, prefix: &str) -> Vec<Node> {
    let Some(parent) = tree.drafts.get(index) else { return Vec::new() };
    let children: Vec<&tree::Draft> = parent.children.iter().filter_map(|&c| tree.drafts.get(c)).collect();
    let names = eid::sibling_names(children.iter().map(|d| (d.kind, d.num.as_ref())));
    parent
        .children
        .iter()
        .zip(names)
        .filter_map(|(&child, name)| {
            let draft = tree.drafts.get(child)?;
            let eid = eid::join(prefix, &name);
            let nodes = finish(tree, child, &eid);
            let span = hull(draft.own.iter().copied().chain(nodes.iter().map(|n| n.span)))?;
            Some(Node { kind: draft.kind, num: draft.num.clone(), eid, heading: draft.heading.clone(), span, children: nodes })
        })
        .collect()
}

fn hull(spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans.fold(None, |acc: Option<Span>, s| Some(acc.map_or(s, |a| Span::new(a.start.min(s.start), a.end.max(s.end)))))
}

/// Every node of `nodes` and their descendants, depth first.
pub fn walk(nodes: &[Node]) -> impl Iterator<Item = &Node> {
    nodes.iter().flat_map(Node::walk)
}
