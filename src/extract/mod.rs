//! Extract: structure tree → identity, references, relations, effective dates, amendments and
//! facts of one document.
//!
//! An eyecite-style pipeline over a whitespace-collapsed view of the text ([`flat`]): find
//! dates ([`dates`]) and act type words ([`acttype`]), read the document's own identity
//! ([`identity`]), find citations ([`citations`]) with their pinpoints ([`pinpoints`]), give
//! each a relation from the governing verb ([`relations`]), resolve internal references
//! ([`internal`]), then entry into force ([`effective`]), amendment instructions
//! ([`amendments`]) and facts ([`facts`]).
//!
//! Not here: anything that needs other documents (merging acts, resolving references to KB
//! acts, status over time: see [`crate::kb`]).

pub mod acttype;
pub mod amendments;
pub mod citations;
pub mod dates;
pub mod effective;
pub mod facts;
pub mod flat;
pub mod identity;
pub mod internal;
pub mod pinpoints;
pub mod relations;

use crate::model::{ActIdentity, Amendment, Effective, Fact, Language, Node, Reference, Registration, Status};
use flat::Flat;

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
pub fn extract(text: &str, structure: &[Node], language: Option<Language>) -> Extracted {
    let flat = Flat::new(text);
    let own = identity::own(text, &flat, language);
    if identity::header_damaged(&flat, &own) {
        // Garbage a repair made look like words: read nothing rather than guess.
        return Extracted { status: own.status, ..Default::default() };
    }
    let references = references(&flat, structure, language, &own);
    let effective = effective::find_effective(&flat.text)
        .into_iter()
        .map(|f| {
            let span = effective::span_of(&flat, &f);
            let parts = effective::resolve_parts(&f.parts, structure);
            let except = effective::resolve_parts(&f.except, structure);
            Effective { rule: f.rule, parts, except, eid: internal::eid_at(structure, span.start), span }
        })
        .collect();
    let amendments = amendments::find_amendments(&flat, structure, &references);
    let facts = facts::find_facts(text, &flat, structure, language);
    Extracted { title: own.title, act: own.act, registration: own.registration, status: own.status, effective, references, amendments, facts }
}

/// Citations of other acts and internal references, in text order.
fn references(flat: &Flat, structure: &[Node], language: Option<Language>, own: &identity::Own) -> Vec<Reference> {
    let citations: Vec<citations::Citation> = citations::find_citations(&flat.text, language)
        .into_iter()
        .filter(|c| !own.requisite.is_some_and(|(s, e)| c.start < e && s < c.end))
        .filter(|c| !is_self(&c.act.identity, &own.act))
        .collect();
    let mut out: Vec<Reference> = Vec::new();
    for (i, c) in citations.iter().enumerate() {
        let stated = relations::relation(&flat.text, &citations, i, language);
        let span = flat.span(c.start, c.end);
        out.push(Reference {
            span,
            eid: internal::eid_at(structure, span.start),
            act: Some(c.act.clone()),
            pinpoint: c.pinpoint.clone(),
            relation: stated.map(|s| s.kind),
            internal_eid: None,
            inverse: stated.is_some_and(|s| s.inverse),
        });
    }
    for found in internal::find_internal(&flat.text) {
        let span = flat.span(found.start, found.end);
        // Inside text quoted by an amendment, "осы Қағидалар" is the amended act's.
        let quoted = internal::containing(structure, span.start).iter().any(|n| n.kind == crate::model::NodeKind::Quote);
        let relation = match language {
            Some(crate::model::Language::Russian) => relations::verb_before(&flat.text, found.start),
            _ => relations::verb_after_internal(&flat.text, found.end),
        };
        out.push(Reference {
            span,
            eid: internal::eid_at(structure, span.start),
            act: None,
            pinpoint: found.pinpoint.clone(),
            relation,
            internal_eid: if quoted { None } else { internal::resolve(&found, structure, span.start) },
            inverse: false,
        });
    }
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out
}

/// A stamp or note naming the document's own act ("... № 604/НҚ бұйрығымен бекітілген").
fn is_self(cited: &ActIdentity, own: &ActIdentity) -> bool {
    let norm = |n: &str| n.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    match (&cited.number, &own.number, cited.date, own.date) {
        (Some(a), Some(b), Some(da), Some(db)) => da == db && norm(a) == norm(b),
        _ => false,
    }
}
