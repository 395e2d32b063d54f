//! Extract: structure tree → identity, references, relations, effective dates, amendments and
//! facts of one document.
//!
//! An eyecite-style pipeline over a whitespace-collapsed view of the text ([`flat`]): find
//! dates ([`dates`]) and act type words ([`acttype`]), read the document's own identity
//! ([`identity`]), find citations ([`citations`]) with their pinpoints ([`pinpoints`]), give
//! each a relation from the governing verb ([`relations`]), then entry into force
//! ([`effective`]), amendment instructions ([`amendments`]) and facts ([`facts`]).
//!
//! Not here: anything that needs other documents (merging acts, resolving references to KB
//! acts, status over time: see [`crate::kb`]).

pub mod acttype;
pub mod citations;
pub mod dates;
pub mod flat;
pub mod identity;
pub mod pinpoints;

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
pub fn extract(text: &str, _structure: &[Node], language: Option<Language>) -> Extracted {
    let flat = flat::Flat::new(text);
    let own = identity::own(text, &flat, language);
    Extracted { title: own.title, act: own.act, registration: own.registration, status: own.status, ..Default::default() }
}
