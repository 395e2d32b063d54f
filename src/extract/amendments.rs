//! Amendment instructions (not written yet).
use super::flat::Flat;
use crate::model::{Amendment, Node, Reference};

pub fn find_amendments(_flat: &Flat, _structure: &[Node], _references: &[Reference]) -> Vec<Amendment> {
    Vec::new()
}
