//! Every clean document in `corpus/`, garbled by each code-page mix-up the repair knows, comes
//! back byte for byte from the mojibake pass.

use std::path::{Path, PathBuf};

use normbase::lang::Resources;
use normbase::repair::mojibake::{self, MISREADINGS};
use normbase::repair::{change, replay};

/// Every corpus text, as `ingest` finds them.
fn corpus_texts() -> Vec<PathBuf> {
    let (files, failures) = normbase::driver::collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert!(failures.is_empty() && files.len() >= 19, "expected the seeds and public acts: {failures:?}");
    files
}

#[test]
fn every_corpus_document_round_trips_through_every_misreading() {
    let resources = Resources::none();
    let mut checked = 0;
    for path in corpus_texts() {
        let clean = std::fs::read_to_string(&path).expect("UTF-8 corpus");
        assert!(mojibake::find(&clean, &resources).is_empty(), "{}: clean text must not be touched", path.display());
        for misreading in MISREADINGS {
            // KOI8-R and windows-1251 have no Kazakh letters: those mix-ups only happen to
            // texts they can encode.
            let Some(garbled) = misreading.garble(&clean) else { continue };
            let (repaired, edits) = change::apply(&garbled, mojibake::find(&garbled, &resources), 0);
            if repaired != clean {
                let first = clean.lines().zip(repaired.lines()).find(|(a, b)| a != b);
                panic!("{} {misreading:?}: first differing line {first:?}", path.display());
            }
            assert_eq!(replay(&garbled, &edits).as_deref(), Some(clean.as_str()));
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} round trips ran");
}

#[test]
fn twice_garbled_and_partly_garbled_documents_round_trip() {
    use normbase::repair::mojibake::Misreading::*;
    let resources = Resources::none();
    for path in corpus_texts() {
        let clean = std::fs::read_to_string(&path).expect("UTF-8 corpus");
        let twice = Utf8AsCp1251.garble(&Utf8AsCp1251.garble(&clean).unwrap()).unwrap();
        let mixed = Utf8AsLatin1.garble(&Utf8AsCp1251.garble(&clean).unwrap()).unwrap();
        // Only every third line damaged: a document garbled in part.
        let partly: String = clean
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, line)| if i % 3 == 1 { Utf8AsCp1251.garble(line).unwrap() } else { line.to_owned() })
            .collect();
        for (what, garbled) in [("twice", twice), ("cp1251 then latin-1", mixed), ("partly", partly)] {
            let (repaired, _) = change::apply(&garbled, mojibake::find(&garbled, &resources), 0);
            let first = clean.lines().zip(repaired.lines()).find(|(a, b)| a != b);
            assert!(repaired == clean, "{} {what}: first differing line {first:?}", path.display());
        }
    }
}
