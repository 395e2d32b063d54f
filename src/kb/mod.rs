//! KB: all documents → one knowledge base: acts merged from documents and citations
//! ([`acts`]), typed relations ([`relations`]), status timelines ([`timeline`]).
//!
//! Not here: anything read from a single document's text (see [`crate::extract`]).

pub mod acts;
pub mod relations;
pub mod timeline;

use std::collections::BTreeMap;

use crate::ids;
use crate::model::{Document, KnowledgeBase, RelationKind, SCHEMA_VERSION};

/// Builds the knowledge base from processed documents (in any order: the result is sorted).
pub fn build(mut documents: Vec<Document>) -> KnowledgeBase {
    disambiguate_ids(&mut documents);
    let mut index = acts::Index::default();
    let own_ids: Vec<Option<String>> = documents.iter().map(|doc| index.file_document(doc)).collect();
    resolve_citations(&mut documents, &mut index);
    let effective_of: BTreeMap<String, crate::model::Date> = documents
        .iter()
        .zip(&own_ids)
        .filter_map(|(doc, id)| Some((id.clone()?, relations::whole_act_date(doc)?)))
        .collect();
    let pairs: Vec<(Option<String>, &Document)> = own_ids.iter().cloned().zip(documents.iter()).collect();
    let relations = relations::relations_of(&pairs, &effective_of);
    let by_doc: BTreeMap<String, &Document> = documents.iter().map(|d| (d.id.clone(), d)).collect();
    let mut acts: Vec<_> = index.acts.into_values().collect();
    for act in &mut acts {
        act.documents.sort();
        act.timeline = timeline::timeline(act, &by_doc, &relations);
    }
    KnowledgeBase { schema_version: SCHEMA_VERSION, generator: crate::generator(), documents, acts, relations }
}

/// Fills `act_id` in every citation, status line and amendment target.
fn resolve_citations(documents: &mut [Document], index: &mut acts::Index) {
    for doc in documents.iter_mut() {
        for reference in &mut doc.references {
            let nested = reference.relation == Some(RelationKind::Cites);
            if let Some(cited) = reference.act.as_mut() {
                cited.act_id = index.file_citation(cited, nested);
            }
        }
        if let Some(by) = doc.status.repealed_by.as_mut() {
            by.act_id = index.file_citation(by, true);
        }
        for amendment in &mut doc.amendments {
            amendment.target.act_id = index.file_citation(&amendment.target, true);
        }
    }
}

/// Two inputs can be the same act in the same language (a clean text and its scan): the one
/// read best keeps the plain id, the others get their content hash appended.
fn disambiguate_ids(documents: &mut [Document]) {
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, doc) in documents.iter().enumerate() {
        by_id.entry(doc.id.clone()).or_default().push(i);
    }
    for indices in by_id.into_values().filter(|v| v.len() > 1) {
        let best = *indices
            .iter()
            .max_by(|&&a, &&b| {
                let (a, b) = (&documents[a], &documents[b]);
                a.quality.word_share.total_cmp(&b.quality.word_share).then_with(|| b.source.path.cmp(&a.source.path))
            })
            .expect("non-empty group");
        for i in indices.into_iter().filter(|&i| i != best) {
            let doc = &mut documents[i];
            doc.id = format!("{}@{}", doc.id, &doc.source.sha256[..12]);
        }
    }
    documents.sort_by(|a, b| a.id.cmp(&b.id));
}

/// The act id a document belongs to (its requisites), if known.
pub fn act_of(doc: &Document) -> Option<String> {
    ids::act_id(&doc.act)
}
