//! The audit trail holds with the real language data loaded (lexicon, OCR models): for every
//! corpus document, replaying the recorded edits over the acquired text reproduces the repaired
//! text exactly, so no change goes unrecorded.

use std::path::Path;

use normbase::{acquire, driver, repair};

#[test]
fn every_corpus_document_replays_with_the_full_resources() {
    let resources = driver::load_resources();
    let (files, failures) = driver::collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert!(failures.is_empty(), "{failures:?}");
    for path in files {
        let input = driver::read_input(&path).unwrap();
        let acquired = acquire::acquire(&input).unwrap();
        let repaired = repair::repair(&acquired.text, &resources);
        let replayed = repair::replay(&acquired.text, &repaired.edits);
        assert!(replayed.as_deref() == Some(repaired.text.as_str()), "{}: the edits do not replay to the repaired text", input.path);
    }
}
