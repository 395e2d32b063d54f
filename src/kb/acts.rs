//! Acts of the knowledge base: one per act known from its own documents or from citations,
//! merged by registration number, else by date and number, else (laws and codes cited by
//! name) by type and name; every citation then carries the id of the act it resolved to.
//!
//! Not here: relations and status (see [`super::relations`], [`super::timeline`]).

use std::collections::BTreeMap;

use crate::ids;
use crate::model::{Act, ActIdentity, CitedAct, Document, Registration};

/// Where mentions of acts are filed, so every later mention finds its act.
#[derive(Debug, Default)]
pub struct Index {
    pub acts: BTreeMap<String, Act>,
    by_registration: BTreeMap<String, String>,
    by_key: BTreeMap<(crate::model::Date, String), String>,
    /// Numberless acts (laws, codes) cited with a date: type and date.
    by_type_date: BTreeMap<(crate::model::ActType, crate::model::Date), String>,
}

impl Index {
    /// The id of the act a document is, filing it (documents come first: they are the best
    /// source of an act's requisites).
    pub fn file_document(&mut self, doc: &Document) -> Option<String> {
        let id = ids::act_id(&doc.act)?;
        let registration = doc.registration.clone();
        let act = self.acts.entry(id.clone()).or_insert_with(|| Act {
            id: id.clone(),
            act_type: doc.act.act_type,
            issuer: doc.act.issuer.clone(),
            date: doc.act.date,
            number: doc.act.number.clone(),
            registration: None,
            title: doc.title.clone(),
            documents: Vec::new(),
            timeline: Vec::new(),
        });
        act.documents.push(doc.id.clone());
        if act.registration.is_none() {
            act.registration = registration;
        }
        if act.issuer.is_none() {
            act.issuer = doc.act.issuer.clone();
        }
        self.remember(&id, &doc.act, doc.registration.as_ref().map(|r| r.number.as_str()));
        Some(id)
    }

    /// The id of the act a citation names, filing it when it is new.
    pub fn file_citation(&mut self, cited: &CitedAct, nested_title: bool) -> Option<String> {
        let identity = &cited.identity;
        let existing = cited
            .registration
            .as_deref()
            .and_then(|r| self.by_registration.get(r))
            .or_else(|| ids::mention_key(identity).and_then(|k| self.by_key.get(&k)))
            .or_else(|| numberless_key(identity).and_then(|k| self.by_type_date.get(&k)))
            .cloned();
        let id = match existing {
            Some(id) => id,
            None => new_id(cited)?,
        };
        let act = self.acts.entry(id.clone()).or_insert_with(|| Act {
            id: id.clone(),
            act_type: identity.act_type,
            issuer: identity.issuer.clone(),
            date: identity.date,
            number: identity.number.clone(),
            registration: None,
            title: None,
            documents: Vec::new(),
            timeline: Vec::new(),
        });
        if act.registration.is_none() {
            act.registration = cited.registration.clone().map(|number| Registration { number, date: None, span: None });
        }
        if act.date.is_none() {
            act.date = identity.date;
        }
        if act.title.is_none() && !nested_title {
            act.title = cited.title.clone();
        }
        if act.issuer.is_none() {
            act.issuer = identity.issuer.clone();
        }
        self.remember(&id, identity, cited.registration.as_deref());
        Some(id)
    }

    fn remember(&mut self, id: &str, identity: &ActIdentity, registration: Option<&str>) {
        if let Some(r) = registration {
            self.by_registration.entry(r.to_owned()).or_insert_with(|| id.to_owned());
        }
        if let Some(key) = ids::mention_key(identity) {
            self.by_key.entry(key).or_insert_with(|| id.to_owned());
        }
        if let Some(key) = numberless_key(identity) {
            self.by_type_date.entry(key).or_insert_with(|| id.to_owned());
        }
    }
}

/// A law or code cited by date without a number ("2015 жылғы 23 қарашадағы Заңының"): the
/// Kazakh and Russian citations of it share type and date.
fn numberless_key(identity: &ActIdentity) -> Option<(crate::model::ActType, crate::model::Date)> {
    match (identity.act_type?, identity.number.as_ref()) {
        (t @ (crate::model::ActType::Law | crate::model::ActType::Code), None) => Some((t, identity.date?)),
        _ => None,
    }
}

fn new_id(cited: &CitedAct) -> Option<String> {
    let identity = &cited.identity;
    ids::act_id(identity)
        .or_else(|| cited.registration.as_deref().map(ids::registration_id))
        .or_else(|| {
            let act_type = identity.act_type?;
            let name = cited.title.as_deref().or(identity.type_native.as_deref().filter(|_| act_type == crate::model::ActType::Constitution))?;
            ids::named_act_id(act_type, name)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActType, Date};

    fn cited(date: Option<(i16, i8, i8)>, number: Option<&str>, registration: Option<&str>) -> CitedAct {
        CitedAct {
            identity: ActIdentity {
                act_type: Some(ActType::Order),
                date: date.and_then(|(y, m, d)| Date::from_ymd(y, m, d)),
                number: number.map(str::to_owned),
                ..Default::default()
            },
            registration: registration.map(str::to_owned),
            title: None,
            act_id: None,
        }
    }

    #[test]
    fn mentions_merge_by_registration_then_by_date_and_number() {
        let mut index = Index::default();
        let a = index.file_citation(&cited(Some((2019, 4, 11)), Some("37/НҚ"), None), false).unwrap();
        let b = index.file_citation(&cited(Some((2019, 4, 11)), Some("37/НҚ"), Some("18523")), false).unwrap();
        let c = index.file_citation(&cited(None, None, Some("18523")), false).unwrap();
        assert_eq!(a, "kz/order/2019-04-11/37-НҚ");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(index.acts.len(), 1);
        assert_eq!(index.acts[&a].registration.as_ref().map(|r| r.number.as_str()), Some("18523"));
        let d = index.file_citation(&cited(None, None, Some("99999")), false).unwrap();
        assert_eq!(d, "kz/reg/99999");
    }
}
