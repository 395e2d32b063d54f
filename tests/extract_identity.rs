//! End to end: each seed's document id, identity and registration come out of the whole
//! pipeline (acquire → repair → segment → extract) as the header states them.

use normbase::acquire::Input;
use normbase::lang::Resources;
use normbase::model::StatusState;
use normbase::pipeline;

/// The resources a real run uses (the built lexicon when present), so that the repair is the
/// real one.
fn resources() -> &'static Resources {
    static RESOURCES: std::sync::OnceLock<Resources> = std::sync::OnceLock::new();
    RESOURCES.get_or_init(normbase::driver::load_resources)
}

fn process(path: &str) -> normbase::model::Document {
    let bytes = std::fs::read(path).expect("seed exists");
    pipeline::process(&Input { path: path.into(), bytes }, resources()).expect("processed")
}

#[test]
fn seed_ids_and_registrations() {
    for (path, id, reg, reg_date) in [
        ("corpus/seeds/000_4a8942dd3ddeb8f3.txt", "kz/order/2025-10-20/521-НҚ/kaz", "37182", "2025-10-21"),
        ("corpus/seeds/001_9a5cba1920c8ac8d.txt", "kz/order/2022-04-19/130-НҚ/kaz", "27788", "2022-04-27"),
        ("corpus/seeds/002_b7d9b1cdc6f4aeb2.txt", "kz/order/2025-11-07/567-НҚ/kaz", "37408", "2025-11-13"),
        ("corpus/seeds/004_39ecdd500e690dd8.txt", "kz/order/2025-11-28/604-НҚ/kaz", "37506", "2025-12-01"),
    ] {
        let doc = process(path);
        assert_eq!(doc.id, id, "{path}");
        let registration = doc.registration.expect("registration");
        assert_eq!(registration.number, reg, "{path}");
        assert_eq!(registration.date.map(|d| d.to_string()).as_deref(), Some(reg_date), "{path}");
        assert_eq!(doc.act.type_native.as_deref(), Some("бұйрығы"), "{path}");
    }
}

#[test]
fn seed_001_is_repealed_by_521() {
    let doc = process("corpus/seeds/001_9a5cba1920c8ac8d.txt");
    assert_eq!(doc.status.state, StatusState::Repealed);
    let by = doc.status.repealed_by.expect("repealer");
    assert_eq!(by.identity.number.as_deref(), Some("521/НҚ"));
    assert_eq!(by.identity.date.map(|d| d.to_string()).as_deref(), Some("2025-10-20"));
}

#[test]
fn garbage_seed_invents_nothing() {
    let doc = process("corpus/seeds/003_feede087de93e305.txt");
    assert!(doc.id.starts_with("kz/unknown/"), "{}", doc.id);
    assert_eq!(doc.act.date, None);
    assert_eq!(doc.act.number, None);
    assert_eq!(doc.registration, None);
    assert!(doc.references.is_empty());
    assert!(doc.effective.is_empty());
    assert!(doc.facts.is_empty());
}
