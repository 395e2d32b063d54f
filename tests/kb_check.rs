//! `check` finds each kind of inconsistency when one is planted in the seeds' knowledge base
//! (which has none of them), and says where.

use std::path::PathBuf;
use std::sync::OnceLock;

use normbase::check::check;
use normbase::driver::{ingest, IngestOptions};
use normbase::lang::Resources;
use normbase::model::{EffectiveRule, KnowledgeBase, Relation, RelationKind, Severity};

fn seeds_kb() -> KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        let options = IngestOptions { paths: vec![PathBuf::from("corpus/seeds")], jobs: Some(2), progress: false, ocr: Default::default() };
        ingest(&options, &Resources::none()).kb
    })
    .clone()
}

fn codes(kb: &KnowledgeBase) -> Vec<String> {
    check(kb).into_iter().filter(|f| f.severity == Severity::Error).map(|f| f.code).collect()
}

#[test]
fn the_seeds_have_no_errors() {
    assert_eq!(codes(&seeds_kb()), Vec::<String>::new());
}

#[test]
fn an_entry_into_force_before_signing() {
    let mut kb = seeds_kb();
    let doc = kb.documents.iter_mut().find(|d| d.id.contains("521-НҚ")).expect("000");
    doc.effective[0].rule = EffectiveRule::OnDate { date: "2020-01-01".parse().expect("date") };
    let findings = check(&kb);
    let found = findings.iter().find(|f| f.code == "effective-before-signing").expect("found");
    assert_eq!(found.document.as_deref(), Some("kz/order/2025-10-20/521-НҚ/kaz"));
    assert!(found.span.is_some());
}

#[test]
fn an_amendment_of_a_repealed_act() {
    let mut kb = seeds_kb();
    let provenance = kb.relations[0].provenance.clone();
    kb.relations.push(Relation {
        kind: RelationKind::Amends,
        from: "kz/order/2025-11-07/567-НҚ".into(),
        to: "kz/order/2019-04-11/37-НҚ".into(),
        effective: Some("2026-02-01".parse().expect("date")),
        provenance,
    });
    assert!(codes(&kb).contains(&"amends-repealed-act".to_owned()));
}

#[test]
fn a_citation_that_disagrees_with_the_act_its_registration_names() {
    let mut kb = seeds_kb();
    let doc = kb.documents.iter_mut().find(|d| d.id.contains("604-НҚ")).expect("004");
    let cited = doc.references.iter_mut().filter_map(|r| r.act.as_mut()).find(|a| a.registration.as_deref() == Some("16750")).expect("53/НҚ");
    cited.identity.number = Some("35/НҚ".into());
    assert!(codes(&kb).contains(&"citation-disagrees".to_owned()));
}

#[test]
fn a_dangling_internal_reference_and_a_missing_field() {
    let mut kb = seeds_kb();
    let doc = kb.documents.iter_mut().find(|d| d.id.contains("521-НҚ")).expect("000");
    let internal = doc.references.iter_mut().find(|r| r.act.is_none() && r.internal_eid.as_deref() == Some("appendix_1")).expect("internal");
    internal.internal_eid = Some("appendix_9".into());
    doc.act.number = None;
    let codes = codes(&kb);
    assert!(codes.contains(&"dangling-internal-reference".to_owned()), "{codes:?}");
    assert!(codes.contains(&"missing-header-field".to_owned()), "{codes:?}");
}
