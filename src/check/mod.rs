//! Check: knowledge base → findings, each with a severity, a document and a span: dangling
//! internal references, one registration number claimed by two acts, a citation whose number
//! or date disagrees with the act its registration names, an amendment to an act already
//! repealed, an entry into force before signing, missing header fields.
//!
//! Not here: fixing anything; the findings are for people and for CI gates.

use std::collections::BTreeMap;

use crate::ids;
use crate::model::{EffectiveRule, Finding, KnowledgeBase, NodeKind, RelationKind, Severity, Span, StatusState};

/// All findings for `kb`, sorted by document, then position.
pub fn check(kb: &KnowledgeBase) -> Vec<Finding> {
    let mut findings = Vec::new();
    missing_header_fields(kb, &mut findings);
    dangling_internal_references(kb, &mut findings);
    shared_registrations(kb, &mut findings);
    disagreeing_citations(kb, &mut findings);
    amendments_of_repealed_acts(kb, &mut findings);
    effective_before_signing(kb, &mut findings);
    findings.sort_by(|a, b| (&a.document, a.span.map(|s| s.start), &a.code).cmp(&(&b.document, b.span.map(|s| s.start), &b.code)));
    findings
}

fn finding(severity: Severity, code: &str, message: String, document: Option<&str>, span: Option<Span>) -> Finding {
    Finding { severity, code: code.into(), message, document: document.map(str::to_owned), span }
}

fn missing_header_fields(kb: &KnowledgeBase, out: &mut Vec<Finding>) {
    for doc in kb.documents.iter().filter(|d| d.quality.readable) {
        for (field, missing) in [("type", doc.act.act_type.is_none()), ("date", doc.act.date.is_none()), ("number", doc.act.number.is_none())] {
            if missing {
                out.push(finding(Severity::Error, "missing-header-field", format!("the header gives no {field}"), Some(&doc.id), None));
            }
        }
        if doc.registration.is_none() && doc.act.number.is_some() {
            out.push(finding(Severity::Warning, "missing-registration", "no state registration stated".into(), Some(&doc.id), doc.act.span));
        }
    }
}

fn dangling_internal_references(kb: &KnowledgeBase, out: &mut Vec<Finding>) {
    for doc in &kb.documents {
        if doc.structure.is_empty() {
            continue;
        }
        let eids: Vec<&str> = doc.structure.iter().flat_map(|n| n.walk()).map(|n| n.eid.as_str()).collect();
        for r in doc.references.iter().filter(|r| r.act.is_none()) {
            let quoted = crate::extract::internal::containing(&doc.structure, r.span.start).iter().any(|n| n.kind == NodeKind::Quote);
            if quoted {
                continue;
            }
            let dangling = match &r.internal_eid {
                Some(eid) => !eids.contains(&eid.as_str()),
                None => true,
            };
            if dangling {
                let target = r.pinpoint.iter().map(|p| format!("{:?} {}", p.unit, p.num).to_lowercase()).collect::<Vec<_>>().join(", ");
                out.push(finding(
                    Severity::Error,
                    "dangling-internal-reference",
                    format!("internal reference to {target} matches no part of the document"),
                    Some(&doc.id),
                    Some(r.span),
                ));
            }
        }
    }
}

fn shared_registrations(kb: &KnowledgeBase, out: &mut Vec<Finding>) {
    let mut by_number: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for act in &kb.acts {
        if let Some(r) = &act.registration {
            by_number.entry(r.number.as_str()).or_default().push(act.id.as_str());
        }
    }
    for (number, acts) in by_number.into_iter().filter(|(_, a)| a.len() > 1) {
        out.push(finding(Severity::Error, "shared-registration", format!("registration № {number} is claimed by {}", acts.join(" and ")), None, None));
    }
}

fn disagreeing_citations(kb: &KnowledgeBase, out: &mut Vec<Finding>) {
    let acts: BTreeMap<&str, &crate::model::Act> = kb.acts.iter().map(|a| (a.id.as_str(), a)).collect();
    for doc in &kb.documents {
        for r in &doc.references {
            let Some(cited) = &r.act else { continue };
            let Some(act) = cited.act_id.as_deref().and_then(|id| acts.get(id)) else { continue };
            let number_differs = match (&cited.identity.number, &act.number) {
                (Some(a), Some(b)) => ids::id_component(a).to_lowercase() != ids::id_component(b).to_lowercase(),
                _ => false,
            };
            let date_differs = matches!((cited.identity.date, act.date), (Some(a), Some(b)) if a != b);
            if number_differs || date_differs {
                out.push(finding(
                    Severity::Error,
                    "citation-disagrees",
                    format!(
                        "cited as № {} of {}, but {} is № {} of {}",
                        cited.identity.number.as_deref().unwrap_or("?"),
                        cited.identity.date.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
                        act.id,
                        act.number.as_deref().unwrap_or("?"),
                        act.date.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
                    ),
                    Some(&doc.id),
                    Some(r.span),
                ));
            }
        }
    }
}

fn amendments_of_repealed_acts(kb: &KnowledgeBase, out: &mut Vec<Finding>) {
    let acts: BTreeMap<&str, &crate::model::Act> = kb.acts.iter().map(|a| (a.id.as_str(), a)).collect();
    for r in kb.relations.iter().filter(|r| r.kind == RelationKind::Amends) {
        let Some(target) = acts.get(r.to.as_str()) else { continue };
        let when = r.effective.or_else(|| acts.get(r.from.as_str()).and_then(|a| a.date));
        let Some(when) = when else { continue };
        let repealed = target.timeline.iter().find(|c| c.state == StatusState::Repealed && c.date.is_some_and(|d| d <= when));
        if let Some(repeal) = repealed {
            out.push(finding(
                Severity::Error,
                "amends-repealed-act",
                format!("{} amends {} on {when}, which is already repealed ({})", r.from, r.to, repeal.reason),
                Some(&r.provenance.document),
                Some(r.provenance.span),
            ));
        }
    }
}

fn effective_before_signing(kb: &KnowledgeBase, out: &mut Vec<Finding>) {
    for doc in &kb.documents {
        let Some(signed) = doc.act.date else { continue };
        for e in &doc.effective {
            if let EffectiveRule::OnDate { date } = e.rule {
                if date < signed {
                    out.push(finding(Severity::Error, "effective-before-signing", format!("in force from {date}, before its signing on {signed}"), Some(&doc.id), Some(e.span)));
                }
            }
        }
    }
}

/// One line for people: `error  kz/...  120..180  code: message`.
pub fn render(f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let span = f.span.map_or("-".to_owned(), |s| format!("{}..{}", s.start, s.end));
    format!("{severity:<7} {} {span} {}: {}", f.document.as_deref().unwrap_or("-"), f.code, f.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Act, Registration};

    fn empty_kb() -> KnowledgeBase {
        KnowledgeBase { schema_version: 1, generator: crate::generator(), documents: vec![], acts: vec![], relations: vec![] }
    }

    fn act(id: &str, reg: &str) -> Act {
        Act {
            id: id.into(),
            act_type: None,
            issuer: None,
            date: None,
            number: None,
            registration: Some(Registration { number: reg.into(), date: None, span: None }),
            title: None,
            documents: vec![],
            timeline: vec![],
        }
    }

    #[test]
    fn a_registration_claimed_twice_is_an_error() {
        let mut kb = empty_kb();
        kb.acts = vec![act("a", "100"), act("b", "100"), act("c", "200")];
        let found = check(&kb);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "shared-registration");
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn a_clean_kb_has_no_findings() {
        assert!(check(&empty_kb()).is_empty());
    }
}
