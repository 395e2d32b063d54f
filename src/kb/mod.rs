//! KB: all documents → one knowledge base: acts merged from documents and citations, typed
//! relations, status timelines.
//!
//! Not here: anything read from a single document's text (see [`crate::extract`]).

use std::collections::BTreeMap;

use crate::ids;
use crate::model::{Act, Document, KnowledgeBase, SCHEMA_VERSION};

/// Builds the knowledge base from processed documents (in any order: the result is sorted).
pub fn build(mut documents: Vec<Document>) -> KnowledgeBase {
    documents.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.source.path.cmp(&b.source.path)));
    disambiguate_ids(&mut documents);
    let acts = acts_of(&documents);
    KnowledgeBase { schema_version: SCHEMA_VERSION, generator: crate::generator(), documents, acts, relations: Vec::new() }
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

fn acts_of(documents: &[Document]) -> Vec<Act> {
    let mut acts: BTreeMap<String, Act> = BTreeMap::new();
    for doc in documents {
        let Some(id) = ids::act_id(&doc.act) else { continue };
        let act = acts.entry(id.clone()).or_insert_with(|| Act {
            id,
            act_type: doc.act.act_type,
            issuer: doc.act.issuer.clone(),
            date: doc.act.date,
            number: doc.act.number.clone(),
            registration: doc.registration.clone(),
            title: doc.title.clone(),
            documents: Vec::new(),
            timeline: Vec::new(),
        });
        act.documents.push(doc.id.clone());
    }
    acts.into_values().collect()
}
