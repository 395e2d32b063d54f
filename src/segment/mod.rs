//! Segment: repaired text → structure tree (title, header, preamble, points, sub-points,
//! chapters, appendices, signature, ...), each node with a stable eid and a span.
//!
//! Not here: what the nodes mean (identity, references: see [`crate::extract`]).

use crate::model::{Language, Node};

/// Segments `text` into its top-level nodes, in text order.
pub fn segment(_text: &str, _language: Option<Language>) -> Vec<Node> {
    Vec::new()
}
