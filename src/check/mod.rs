//! Check: knowledge base → findings, each with a severity, a document and a span.
//!
//! Not here: fixing anything; the findings are for people and for CI gates.

use crate::model::{Finding, KnowledgeBase, Severity};

/// All findings for `kb`, sorted by document, then position.
pub fn check(kb: &KnowledgeBase) -> Vec<Finding> {
    let mut findings = Vec::new();
    for doc in kb.documents.iter().filter(|d| d.quality.readable) {
        for (field, missing) in [
            ("type", doc.act.act_type.is_none()),
            ("date", doc.act.date.is_none()),
            ("number", doc.act.number.is_none()),
        ] {
            if missing {
                findings.push(Finding {
                    severity: Severity::Error,
                    code: "missing-header-field".into(),
                    message: format!("the header gives no {field}"),
                    document: Some(doc.id.clone()),
                    span: None,
                });
            }
        }
    }
    findings
}
