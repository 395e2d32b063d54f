//! Eids: Akoma-Ntoso-like path ids (`appendix_1__chapter_2__point_5`), unique within a
//! document and the same on every run. Numbered nodes are named by their normalised number
//! (`point_3`, `subpoint_3-1`), unnumbered ones by their ordinal among siblings of their kind
//! (`para_2`); the one-of-a-kind front parts by their kind alone (`title`, `preamble`).
//! A repeated name among siblings gets a suffix: `point_3`, `point_3_2`.
//!
//! Not here: which nodes exist (see [`super::tree`]).

use std::collections::BTreeMap;

use crate::model::{NodeKind, Num};

/// The eid path separator.
pub const SEPARATOR: &str = "__";

/// Names for the children of one node, in order: `(kind, num)` → last path component.
pub fn sibling_names<'a>(children: impl IntoIterator<Item = (NodeKind, Option<&'a Num>)>) -> Vec<String> {
    let mut ordinals: BTreeMap<NodeKind, usize> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut names = Vec::new();
    for (kind, num) in children {
        let base = match num.map(|n| component(&n.norm)).filter(|n| !n.is_empty()) {
            Some(n) => format!("{}_{n}", kind.eid_name()),
            None if is_singular(kind) => kind.eid_name().to_owned(),
            None => {
                let ordinal = ordinals.entry(kind).or_insert(0);
                *ordinal += 1;
                format!("{}_{ordinal}", kind.eid_name())
            }
        };
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        names.push(if *count == 1 { base } else { format!("{base}_{count}") });
    }
    names
}

/// Parts a document has at most one of, named without an ordinal.
fn is_singular(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Title | NodeKind::Header | NodeKind::Status | NodeKind::Preamble)
}

/// A normalised number as an eid component: letters, digits and `-` kept, the rest `-`.
pub fn component(norm: &str) -> String {
    let mapped: String = norm.trim().chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    mapped.trim_matches('-').to_owned()
}

/// Joins a parent eid and a child's name.
pub fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}{SEPARATOR}{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Num {
        Num { raw: s.to_owned(), norm: s.to_owned() }
    }

    #[test]
    fn numbered_ordinal_singular_and_duplicates() {
        let (a, b, c) = (num("3"), num("3"), num("3-1"));
        let names = sibling_names([
            (NodeKind::Title, None),
            (NodeKind::Paragraph, None),
            (NodeKind::Point, Some(&a)),
            (NodeKind::Point, Some(&b)),
            (NodeKind::Subpoint, Some(&c)),
            (NodeKind::Paragraph, None),
        ]);
        assert_eq!(names, ["title", "para_1", "point_3", "point_3_2", "subpoint_3-1", "para_2"]);
        assert_eq!(join("appendix_1", "point_5"), "appendix_1__point_5");
    }
}
