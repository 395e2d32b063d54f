//! End to end: the seeds' knowledge base states who repeals and amends whom, from when, and
//! `status --at` / `check` answer from it.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use normbase::driver::{ingest, IngestOptions};
use normbase::kb::timeline::status_on;
use normbase::lang::Resources;
use normbase::model::{Date, KnowledgeBase, RelationKind, StatusState};

fn seeds_kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        let options = IngestOptions { paths: vec![PathBuf::from("corpus/seeds")], jobs: Some(2), progress: false, ocr: Default::default() };
        ingest(&options, &Resources::none()).kb
    })
}

fn day(s: &str) -> Date {
    s.parse().expect("a date")
}

fn state(kb: &KnowledgeBase, act: &str, on: &str) -> StatusState {
    let act = kb.acts.iter().find(|a| a.id == act).unwrap_or_else(|| panic!("{act} in the KB"));
    status_on(act, day(on)).state
}

#[test]
fn order_521_repeals_three_orders_from_2026() {
    let kb = seeds_kb();
    let repealed: Vec<(&str, Option<Date>)> = kb
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Repeals && r.from == "kz/order/2025-10-20/521-НҚ")
        .map(|r| (r.to.as_str(), r.effective))
        .collect();
    assert_eq!(
        repealed,
        [
            ("kz/order/2019-04-11/37-НҚ", Some(day("2026-01-01"))),
            ("kz/order/2022-04-19/130-НҚ", Some(day("2026-01-01"))),
            ("kz/order/2023-09-20/413-НҚ", Some(day("2026-01-01"))),
        ]
    );
    let act_37 = kb.acts.iter().find(|a| a.id == "kz/order/2019-04-11/37-НҚ").expect("37/НҚ known by citation");
    assert_eq!(act_37.registration.as_ref().map(|r| r.number.as_str()), Some("18523"));
    assert!(act_37.documents.is_empty());
}

#[test]
fn amendments_and_citations_resolve_to_one_act() {
    let kb = seeds_kb();
    assert!(kb.relations.iter().any(|r| r.kind == RelationKind::Amends && r.from == "kz/order/2025-11-07/567-НҚ" && r.to == "kz/order/2018-03-28/53-НҚ"));
    assert!(kb.relations.iter().any(|r| r.kind == RelationKind::Amends && r.from == "kz/order/2022-04-19/130-НҚ" && r.to == "kz/order/2019-04-11/37-НҚ"));
    // 004 cites 53/НҚ with its registration number: the same act as 002's.
    let doc_004 = kb.documents.iter().find(|d| d.id == "kz/order/2025-11-28/604-НҚ/kaz").expect("004");
    let cited = doc_004.references.iter().filter_map(|r| r.act.as_ref()).find(|a| a.registration.as_deref() == Some("16750")).expect("cites reg 16750");
    assert_eq!(cited.act_id.as_deref(), Some("kz/order/2018-03-28/53-НҚ"));
    let law = doc_004.references.iter().filter_map(|r| r.act.as_ref()).find(|a| a.title.as_deref() == Some("Өнеркәсіптік саясат туралы")).expect("the Law");
    assert_eq!(law.act_id.as_deref(), Some("kz/law/name/өнеркәсіптік-саясат-туралы"));
}

#[test]
fn status_before_and_after_2026() {
    let kb = seeds_kb();
    assert_eq!(state(kb, "kz/order/2025-10-20/521-НҚ", "2025-12-31"), StatusState::NotYetInForce);
    assert_eq!(state(kb, "kz/order/2019-04-11/37-НҚ", "2025-12-31"), StatusState::InForce);
    assert_eq!(state(kb, "kz/order/2022-04-19/130-НҚ", "2025-12-31"), StatusState::InForce);
    assert_eq!(state(kb, "kz/order/2025-10-20/521-НҚ", "2026-01-01"), StatusState::InForce);
    assert_eq!(state(kb, "kz/order/2019-04-11/37-НҚ", "2026-01-01"), StatusState::Repealed);
    assert_eq!(state(kb, "kz/order/2022-04-19/130-НҚ", "2026-01-01"), StatusState::Repealed);
}

#[test]
fn status_and_check_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kb_path = dir.path().join("kb.json");
    std::fs::write(&kb_path, normbase::driver::kb_json(seeds_kb())).expect("written");
    let bin = env!("CARGO_BIN_EXE_normbase");
    let out = Command::new(bin).args(["status"]).arg(&kb_path).args(["--at", "2025-12-31"]).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |id: &str| text.lines().find(|l| l.contains(&format!("  {id}  "))).unwrap_or_default().to_owned();
    assert!(line("kz/order/2025-10-20/521-НҚ").starts_with("not yet in force"), "{text}");
    assert!(line("kz/order/2019-04-11/37-НҚ").starts_with("in force"), "{text}");
    assert!(line("kz/order/2019-04-11/37-НҚ").contains("2026-01-01"), "the upcoming repeal is said: {text}");
    let out = Command::new(bin).args(["status"]).arg(&kb_path).args(["--at", "2026-01-01"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.starts_with("repealed") && l.contains("37-НҚ") && l.contains("521-НҚ")), "{text}");
    let out = Command::new(bin).args(["check"]).arg(&kb_path).output().expect("runs");
    assert!(out.status.success(), "the seeds have no error findings: {}", String::from_utf8_lossy(&out.stdout));
    let out = Command::new(bin).args(["status"]).arg(&kb_path).args(["--at", "31.12.2025"]).output().expect("runs");
    assert!(!out.status.success(), "a malformed date is refused");
}
