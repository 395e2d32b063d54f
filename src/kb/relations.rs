//! Relations of the knowledge base: typed edges between acts, from the references each
//! document states (and the notes that say what another act did to it), with provenance.
//!
//! Not here: reading relations from text (see [`crate::extract::relations`]).

use std::collections::BTreeMap;

use crate::model::{Date, Document, EffectiveRule, NodeKind, Provenance, Relation, RelationKind};

/// The date a document's act as a whole comes into force, when the text fixes it.
pub fn whole_act_date(doc: &Document) -> Option<Date> {
    doc.effective.iter().filter(|e| e.parts.is_empty()).find_map(|e| match e.rule {
        EffectiveRule::OnDate { date } => Some(date),
        EffectiveRule::OnSigning => doc.act.date,
        _ => None,
    })
}

/// Every edge the documents state, deduplicated per (kind, from, to): the statement by the
/// acting act itself wins over a note in the other act, then the first in document order.
/// `effective_of` gives an act's entry-into-force date, when known.
pub fn relations_of(documents: &[(Option<String>, &Document)], effective_of: &BTreeMap<String, Date>) -> Vec<Relation> {
    let mut all: Vec<(bool, Relation)> = Vec::new();
    for (own_id, doc) in documents {
        let Some(own_id) = own_id else { continue };
        for reference in &doc.references {
            let (Some(kind), Some(cited)) = (reference.relation, reference.act.as_ref()) else { continue };
            // Text quoted by an amendment speaks for the amended act, not for this one.
            let quoted = crate::extract::internal::containing(&doc.structure, reference.span.start).iter().any(|n| n.kind == NodeKind::Quote);
            if quoted {
                continue;
            }
            let Some(cited_id) = cited.act_id.clone() else { continue };
            let (from, to) = if reference.inverse { (cited_id, own_id.clone()) } else { (own_id.clone(), cited_id) };
            if from == to {
                continue;
            }
            let effective = match kind {
                RelationKind::Repeals | RelationKind::Amends => effective_of.get(&from).copied(),
                _ => None,
            };
            let provenance = Provenance { document: doc.id.clone(), eid: reference.eid.clone(), span: reference.span };
            all.push((reference.inverse, Relation { kind, from, to, effective, provenance }));
        }
    }
    all.sort_by(|(ia, a), (ib, b)| {
        (a.kind, &a.from, &a.to, ia, &a.provenance).cmp(&(b.kind, &b.from, &b.to, ib, &b.provenance))
    });
    all.dedup_by(|(_, b), (_, a)| a.kind == b.kind && a.from == b.from && a.to == b.to);
    all.into_iter().map(|(_, r)| r).collect()
}
