//! Stable, Akoma-Ntoso-like ids for acts and documents: `kz/order/2025-10-20/521-НҚ` and
//! `kz/order/2025-10-20/521-НҚ/kaz`.
//!
//! Ids are derived only from an act's requisites, so reprocessing gives the same ids. Not here:
//! eids of structure nodes (see [`crate::segment`]).

use crate::model::{ActIdentity, Language};

/// The id of an act with a known type, date and number.
pub fn act_id(identity: &ActIdentity) -> Option<String> {
    let act_type = identity.act_type?;
    let date = identity.date?;
    let number = identity.number.as_deref()?;
    Some(format!("kz/{}/{}/{}", act_type.as_str(), date, id_component(number)))
}

/// The id of an act known only by its registration number.
pub fn registration_id(number: &str) -> String {
    format!("kz/reg/{}", id_component(number))
}

/// The id of an act known only by type and name (laws and codes cited without date or
/// number): `kz/code/name/салық`.
pub fn named_act_id(act_type: crate::model::ActType, name: &str) -> Option<String> {
    let slug: String = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    (!slug.is_empty()).then(|| format!("kz/{}/name/{slug}", act_type.as_str()))
}

/// The key two mentions of one act share: date and number (numbers compared without case,
/// spaces, and with `/` and `-` alike).
pub fn mention_key(identity: &ActIdentity) -> Option<(crate::model::Date, String)> {
    Some((identity.date?, id_component(identity.number.as_deref()?).to_lowercase()))
}

/// The id of a document: its act's id and its language; `kz/unknown/<hash>` while the
/// identity is not known.
pub fn document_id(identity: &ActIdentity, language: Option<Language>, sha256: &str) -> String {
    let lang = language.map_or("und", Language::code3);
    match act_id(identity) {
        Some(act) => format!("{act}/{lang}"),
        None => format!("kz/unknown/{}/{lang}", &sha256[..sha256.len().min(16)]),
    }
}

/// A number as an id path component: `/` and spaces become `-`, nothing else changes.
pub fn id_component(number: &str) -> String {
    number.trim().split(|c: char| c == '/' || c.is_whitespace()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActType, Date};

    #[test]
    fn order_ids() {
        let identity = ActIdentity {
            act_type: Some(ActType::Order),
            date: Date::from_ymd(2025, 10, 20),
            number: Some("521/НҚ".into()),
            ..Default::default()
        };
        assert_eq!(act_id(&identity).as_deref(), Some("kz/order/2025-10-20/521-НҚ"));
        assert_eq!(document_id(&identity, Some(Language::Kazakh), "ab"), "kz/order/2025-10-20/521-НҚ/kaz");
        assert_eq!(document_id(&ActIdentity::default(), None, "0123456789abcdef0123"), "kz/unknown/0123456789abcdef/und");
    }

    #[test]
    fn named_ids_and_keys() {
        assert_eq!(named_act_id(ActType::Law, "Өнеркәсіптік саясат туралы").as_deref(), Some("kz/law/name/өнеркәсіптік-саясат-туралы"));
        assert_eq!(named_act_id(ActType::Code, " "), None);
        let a = ActIdentity { date: Date::from_ymd(2021, 7, 13), number: Some("454-НҚ".into()), ..Default::default() };
        let b = ActIdentity { date: Date::from_ymd(2021, 7, 13), number: Some("454/нҚ".into()), ..Default::default() };
        assert_eq!(mention_key(&a), mention_key(&b));
    }
}
