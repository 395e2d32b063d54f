//! End to end: the OCR repair on the English-model seed (003), measured leave-one-out — the
//! resources exclude both 003 and the clean copy of the same order (000). Needs `make data`.

use normbase::acquire::Input;
use normbase::eval::repair::{measure, repair_through_ocr};
use normbase::model::EditKind;
use normbase::{driver, pipeline, repair};

const DAMAGED: &str = include_str!("../fixtures/ocr/pairs/seed-003.damaged.txt");
const CLEAN: &str = include_str!("../fixtures/ocr/pairs/seed-003.clean.txt");
/// What 003's pages say (see `seed-003-page.exclude`).
const PAGE: &str = include_str!("../fixtures/ocr/pairs/seed-003-page.clean.txt");

fn resources_without_order_521() -> normbase::lang::Resources {
    driver::load_resources_excluding(&["seeds/000", "seeds/003"]).expect("language data (run `make data`)")
}

#[test]
fn seed_003_gets_the_identity_of_seed_000_without_knowing_it() {
    let resources = resources_without_order_521();
    let input = Input { path: "003.txt".into(), bytes: DAMAGED.as_bytes().to_vec() };
    let doc = pipeline::process(&input, &resources).expect("a document");
    assert!(doc.quality.readable, "{:?}", doc.quality);
    assert_eq!(doc.id, "kz/order/2025-10-20/521-НҚ/kaz");
    // The registration sentence is read too: only "тіркелді" and the number survive whole.
    let registration = doc.registration.as_ref().expect("a registration");
    assert_eq!(registration.number, "37182");
    assert_eq!(registration.date.map(|d| d.to_string()).as_deref(), Some("2025-10-21"));
    // Guesses are flagged, not presented as certain.
    assert!(doc.quality.high_confidence_share < 1.0);
    assert!(doc.repairs.iter().any(|e| e.kind == EditKind::Ocr && e.confidence < normbase::model::LOW_CONFIDENCE));
}

#[test]
fn seed_003_character_error_rate_falls_from_garbage_to_readable() {
    let resources = resources_without_order_521();
    let repaired = repair_through_ocr(DAMAGED, &resources);
    let result = measure("seed-003", DAMAGED, &repaired, CLEAN);
    assert!(result.before.cer() > 0.9, "{:?}", result.before);
    // Measured 2026-11-21: 6.0 % (9.0 % before the attested lexicon and the occurrence-priced
    // channel). A guard against regressions, not the target (1 %).
    assert!(result.after.cer() < 0.075, "CER {:.3}", result.after.cer());
}

#[test]
fn seed_000_is_not_what_003_prints_so_its_measure_has_a_floor() {
    // A perfect reading of 003 is its page reference; against 000 that still scores 2.68%
    // (000's moved words, the footer it lacks): the 1% target against 000 cannot be met.
    let floor = measure("seed-003", PAGE, PAGE, CLEAN);
    assert!((0.025..0.029).contains(&floor.after.cer()), "CER {:.4}", floor.after.cer());
    // The page reference is 000's words (moved back) plus that footer, nothing reworded.
    assert!(PAGE.contains("орынбасары – Ж. Мадиев") && PAGE.trim_end().ends_with("ШЖҚ РМК"));
    let page_words: std::collections::BTreeSet<&str> = PAGE.split_whitespace().collect();
    let foreign: Vec<&str> = page_words.iter().copied().filter(|w| !CLEAN.split_whitespace().any(|c| c == *w)).collect();
    assert!(foreign.len() <= 16, "words 000 does not have: {foreign:?}");
}

#[test]
fn clean_seeds_get_no_ocr_edits_and_edits_replay() {
    let resources = resources_without_order_521();
    for text in [CLEAN, include_str!("../corpus/seeds/004_39ecdd500e690dd8.txt")] {
        let repaired = repair::repair(text, &resources);
        let ocr: Vec<_> = repaired.edits.iter().filter(|e| e.kind == EditKind::Ocr).collect();
        assert!(ocr.is_empty(), "OCR edits in clean text: {ocr:?}");
        assert_eq!(repair::replay(text, &repaired.edits).as_deref(), Some(repaired.text.as_str()));
    }
    // The OCR pass's edits (and those before it) replay to what it produced.
    let ocr_pass = repair::PASSES.iter().position(|(name, _)| *name == "ocr").expect("an ocr pass") as u32;
    let repaired = repair::repair(DAMAGED, &resources);
    let first_round: Vec<_> = repaired.edits.iter().filter(|e| e.pass <= ocr_pass).cloned().collect();
    assert!(first_round.iter().filter(|e| e.kind == EditKind::Ocr).count() > 500);
    assert_eq!(repair::replay(DAMAGED, &first_round), Some(repair_through_ocr(DAMAGED, &resources)));
}


#[test]
fn an_order_numbers_lost_kazakh_letter_comes_back_in_clean_text() {
    let resources = resources_without_order_521();
    let text = "Осы бұйрық 2025 жылғы 28 қарашадағы № 604/НК бұйрығымен бекітілген қағидаларға сәйкес.\n";
    let repaired = repair::repair(text, &resources);
    assert!(repaired.text.contains("604/НҚ"), "{}", repaired.text);
    assert_eq!(repaired.edits.iter().filter(|e| e.kind == EditKind::Ocr).count(), 1);
}

#[test]
fn a_word_the_ocr_split_in_two_is_read_whole_even_when_its_halves_read_as_words() {
    // Order 111948 (Russian) as an English model read it, measured without that order: "Jes"
    // and "TeIbHOCTU" read as "дел" and "тельности" at a price, "деятельности" as one word.
    let resources = driver::load_resources_excluding(&["public-acts/111948/rus", "public-acts/111948/kaz"]).expect("language data (run `make data`)");
    let text = "1. YrBepyuTb Ipuntaraemyto MeroyiMky OMeHKM Jes TeIbHOCTU aMMHUCTpaTMBHbIX TOcyapCTBeHHBIX Cy KAWIMX Kopriyca «B».\n";
    let repaired = repair::repair(text, &resources);
    assert!(repaired.text.contains("оценки деятельности административных"), "{}", repaired.text);
}

#[test]
fn a_font_no_training_page_had_is_read_through_the_channel_fitted_to_the_document() {
    // Order 111948 in Kazakh, rendered in PT Mono and PT Serif Italic (faces no training
    // round drew from: `FONTS=... generate`, see the training README) and OCR'd by the
    // English model; the order is left out of every model.
    let damaged = include_str!("../fixtures/ocr/pairs/eng-unseen-public-acts-111948-kaz.damaged.txt");
    let clean = include_str!("../fixtures/ocr/pairs/eng-unseen-public-acts-111948-kaz.clean.txt");
    let resources = driver::load_resources_excluding(&["public-acts/111948/kaz"]).expect("language data (run `make data`)");
    let repaired = repair_through_ocr(damaged, &resources);
    let result = measure("eng-unseen", damaged, &repaired, clean);
    // Measured 2026-11-22: 4.03% with the trained channel alone, 1.48% once it is fitted to
    // the document's sure words.
    assert!(result.after.cer() < 0.025, "CER {:.4}", result.after.cer());
}

#[test]
fn eval_repair_breaks_the_errors_left_down_by_kind() {
    let dir = std::env::temp_dir().join(format!("normbase-eval-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Clean text the pass leaves alone, against a reference with another word form.
    std::fs::write(dir.join("clean-x.damaged.txt"), "Осы бұйрық алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі.").unwrap();
    std::fs::write(dir.join("clean-x.clean.txt"), "Осы бұйрығы алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі.").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_normbase"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", "repair", "--errors", "3", "--pairs"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("errors clean"), "{text}");
    assert!(text.lines().any(|l| l.trim_start().starts_with("word") && l.contains("1 places")), "{text}");
    assert!(text.contains("\"бұйрығы\" → \"бұйрық\"  1"), "{text}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// With the real models, any text — OCR garbage, other scripts, stray symbols — repairs
    /// without panic, its edits replay, and repairing the result changes nothing more.
    #[test]
    fn any_text_repairs_through_the_real_models_and_replays(text in "(?s)[a-zA-Z0-9 ,.;:\\n«»()!|@¢©~δ漢Қазақ-]{0,160}") {
        static RESOURCES: std::sync::LazyLock<normbase::lang::Resources> = std::sync::LazyLock::new(resources_without_order_521);
        let repaired = repair::repair(&text, &RESOURCES);
        proptest::prop_assert_eq!(repair::replay(&text, &repaired.edits), Some(repaired.text.clone()));
        proptest::prop_assert_eq!(repair::repair(&repaired.text, &RESOURCES).text, repaired.text);
    }
}
