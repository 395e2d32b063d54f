//! Facts (not written yet).
use super::flat::Flat;
use crate::model::{Fact, Language, Node};

pub fn find_facts(_text: &str, _flat: &Flat, _structure: &[Node], _language: Option<Language>) -> Vec<Fact> {
    Vec::new()
}
