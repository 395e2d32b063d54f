//! Extract: structure tree → identity, references, relations, effective dates, amendments and
//! facts of one document.
//!
//! Not here: anything that needs other documents (merging acts, resolving references to KB
//! acts, status over time: see [`crate::kb`]).

use crate::model::{ActIdentity, Amendment, Effective, Fact, Language, Node, Reference, Registration, Status};

/// Everything read from one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub title: Option<String>,
    pub act: ActIdentity,
    pub registration: Option<Registration>,
    pub status: Status,
    pub effective: Vec<Effective>,
    pub references: Vec<Reference>,
    pub amendments: Vec<Amendment>,
    pub facts: Vec<Fact>,
}

/// Extracts what `text` (segmented as `structure`) says.
pub fn extract(_text: &str, _structure: &[Node], _language: Option<Language>) -> Extracted {
    Extracted::default()
}
