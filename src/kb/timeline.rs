//! Status timelines: when each act comes into force and when it is repealed, and what an act's
//! status is on a given day, with the reason that decides it.
//!
//! An unknown date (ten days after a publication the text does not date) stays unknown: the
//! timeline says so rather than inventing one. Not here: reading the rules from text (see
//! [`crate::extract::effective`]).

use std::collections::BTreeMap;

use crate::model::{Act, Date, Document, EffectiveRule, Provenance, Relation, RelationKind, StatusChange, StatusState};

/// Builds `act.timeline` from its documents' entry-into-force rules and the repeals of it.
pub fn timeline(act: &Act, documents: &BTreeMap<String, &Document>, relations: &[Relation]) -> Vec<StatusChange> {
    let mut changes = Vec::new();
    let own_docs: Vec<&&Document> = act.documents.iter().filter_map(|id| documents.get(id)).collect();
    let rules_doc = own_docs.iter().find(|d| d.effective.iter().any(|e| e.parts.is_empty()));
    match rules_doc {
        Some(doc) => {
            for e in doc.effective.iter().filter(|e| e.parts.is_empty()) {
                let except = if e.except.is_empty() { String::new() } else { format!(" (except {})", e.except.join(", ")) };
                let (date, reason) = match &e.rule {
                    EffectiveRule::OnDate { date } => (Some(*date), format!("in force from {date}{except}, as the act states")),
                    EffectiveRule::AfterPublication { days, calendar } => (
                        None,
                        format!(
                            "in force {days} {}days after its first official publication{except}; the publication date is not stated",
                            if *calendar { "calendar " } else { "" }
                        ),
                    ),
                    EffectiveRule::OnPublication => (None, format!("in force from its first official publication{except}; the publication date is not stated")),
                    EffectiveRule::OnSigning => (act.date, format!("in force from signing{except}")),
                };
                let provenance = Some(Provenance { document: doc.id.clone(), eid: e.eid.clone(), span: e.span });
                changes.push(StatusChange { date, state: StatusState::InForce, reason, provenance });
            }
        }
        None => {
            if let Some(date) = act.date {
                let source = if act.documents.is_empty() { "known only by citation" } else { "its text states no entry into force" };
                changes.push(StatusChange {
                    date: Some(date),
                    state: StatusState::InForce,
                    reason: format!("{source}: taken as in force from its date {date}"),
                    provenance: None,
                });
            }
        }
    }
    for r in relations.iter().filter(|r| r.kind == RelationKind::Repeals && r.to == act.id) {
        let when = r.effective.map_or("on a date not known".to_owned(), |d| format!("from {d}"));
        changes.push(StatusChange {
            date: r.effective,
            state: StatusState::Repealed,
            reason: format!("repealed by {} {when}", r.from),
            provenance: Some(r.provenance.clone()),
        });
    }
    let repealed_known = changes.iter().any(|c| c.state == StatusState::Repealed);
    if !repealed_known {
        if let Some(doc) = own_docs.iter().find(|d| d.status.state == StatusState::Repealed) {
            changes.push(StatusChange {
                date: None,
                state: StatusState::Repealed,
                reason: "the document's status says repealed; the repealing act is not in the knowledge base".into(),
                provenance: doc.status.span.map(|span| Provenance { document: doc.id.clone(), eid: None, span }),
            });
        }
    }
    // Date order; an undated entry into force sits at the start (after signing), an undated
    // repeal at the end.
    changes.sort_by_key(|c| {
        let rank = match (c.date, c.state) {
            (None, StatusState::InForce) => (0, None),
            (Some(d), _) => (1, Some(d)),
            (None, _) => (2, None),
        };
        (rank, c.reason.clone())
    });
    changes
}

/// An act's status on `day`, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusOn {
    pub state: StatusState,
    pub why: String,
}

/// What the timeline says on `day`.
pub fn status_on(act: &Act, day: Date) -> StatusOn {
    if act.timeline.is_empty() {
        return StatusOn { state: StatusState::Unknown, why: "nothing is known of its entry into force".into() };
    }
    if act.date.is_some_and(|d| day < d) {
        return StatusOn { state: StatusState::NotYetInForce, why: format!("not yet signed ({})", act.date.map(|d| d.to_string()).unwrap_or_default()) };
    }
    let mut current: Option<(&StatusChange, bool)> = None;
    for change in &act.timeline {
        match change.date {
            Some(d) if d <= day => current = Some((change, false)),
            Some(_) => {}
            None => current = Some((change, true)),
        }
    }
    let next = act.timeline.iter().find(|c| c.date.is_some_and(|d| d > day));
    let upcoming = next.map(|c| format!("; from {}: {}", c.date.map(|d| d.to_string()).unwrap_or_default(), c.reason)).unwrap_or_default();
    match current {
        None => StatusOn {
            state: StatusState::NotYetInForce,
            why: next.map_or("no entry into force on or before this day".into(), |c| format!("{} (not yet)", c.reason)),
        },
        Some((change, undated)) => StatusOn {
            state: change.state,
            why: format!("{}{}{upcoming}", change.reason, if undated { " (assumed passed)" } else { "" }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn act(id: &str, date: Date, timeline: Vec<StatusChange>) -> Act {
        Act { id: id.into(), act_type: None, issuer: None, date: Some(date), number: None, registration: None, title: None, documents: vec![], timeline }
    }

    #[test]
    fn known_by_citation_and_repealed_later() {
        let signed = Date::from_ymd(2019, 4, 11).unwrap();
        let repeal = Relation {
            kind: RelationKind::Repeals,
            from: "kz/order/2025-10-20/521-НҚ".into(),
            to: "kz/order/2019-04-11/37-НҚ".into(),
            effective: Date::from_ymd(2026, 1, 1),
            provenance: Provenance { document: "d".into(), eid: None, span: Span::new(0, 1) },
        };
        let mut cited = act("kz/order/2019-04-11/37-НҚ", signed, vec![]);
        cited.timeline = timeline(&cited, &BTreeMap::new(), &[repeal]);
        assert_eq!(cited.timeline.len(), 2);
        assert_eq!(status_on(&cited, Date::from_ymd(2025, 12, 31).unwrap()).state, StatusState::InForce);
        let on = status_on(&cited, Date::from_ymd(2026, 1, 1).unwrap());
        assert_eq!(on.state, StatusState::Repealed);
        assert!(on.why.contains("521"), "{}", on.why);
        assert_eq!(status_on(&cited, Date::from_ymd(2019, 1, 1).unwrap()).state, StatusState::NotYetInForce);
    }

    #[test]
    fn not_yet_in_force_before_its_date() {
        let a = act(
            "a",
            Date::from_ymd(2025, 10, 20).unwrap(),
            vec![StatusChange { date: Date::from_ymd(2026, 1, 1), state: StatusState::InForce, reason: "in force from 2026-01-01".into(), provenance: None }],
        );
        let on = status_on(&a, Date::from_ymd(2025, 12, 31).unwrap());
        assert_eq!(on.state, StatusState::NotYetInForce);
        assert!(on.why.contains("2026-01-01"));
        assert_eq!(status_on(&a, Date::from_ymd(2026, 1, 1).unwrap()).state, StatusState::InForce);
    }
}
