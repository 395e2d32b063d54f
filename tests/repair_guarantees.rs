//! The repair stage's guarantees, on every corpus document and on generated text:
//! the audit trail replays, repair is idempotent, nothing is lost that an edit did not remove,
//! clean text is left alone (save the hand-checked artifacts in
//! `fixtures/repair/clean-edits.json`), and no input makes it panic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use normbase::lang::lexicon::Lexicon;
use normbase::lang::Resources;
use normbase::model::EditKind;
use normbase::repair::{repair, replay};
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every corpus text, as `ingest` finds them.
fn corpus_texts() -> Vec<PathBuf> {
    let (files, failures) = normbase::driver::collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")]);
    assert!(failures.is_empty() && files.len() >= 19, "expected the seeds and public acts: {failures:?}");
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Characters of `a` not in `b`, as a multiset.
fn minus(a: &str, b: &str) -> BTreeMap<char, i64> {
    let mut counts = BTreeMap::new();
    for c in a.chars() {
        *counts.entry(c).or_insert(0) += 1;
    }
    for c in b.chars() {
        *counts.entry(c).or_insert(0) -= 1;
    }
    counts.retain(|_, n| *n > 0);
    counts
}

#[test]
fn every_corpus_document_replays_is_idempotent_and_loses_nothing() {
    let resources = Resources::none();
    for path in corpus_texts() {
        let input = std::fs::read_to_string(&path).expect("UTF-8 corpus");
        let once = repair(&input, &resources);
        let name = relative(&path);
        assert_eq!(replay(&input, &once.edits).as_deref(), Some(once.text.as_str()), "{name}: replay");
        let twice = repair(&once.text, &resources);
        assert_eq!(twice.text, once.text, "{name}: not idempotent");
        // Every character missing from the output was removed by a recorded edit.
        let mut removed = BTreeMap::new();
        for edit in &once.edits {
            for (c, n) in minus(&edit.before, &edit.after) {
                *removed.entry(c).or_insert(0) += n;
            }
        }
        for (c, n) in minus(&input, &once.text) {
            assert!(removed.get(&c).copied().unwrap_or(0) >= n, "{name}: {n} × {c:?} lost without an edit");
        }
        for edit in &once.edits {
            assert!((0.0..=1.0).contains(&edit.confidence), "{name}: {edit:?}");
            assert!(!edit.reason.is_empty(), "{name}: {edit:?}");
            if edit.kind == EditKind::Suspected {
                assert_eq!(edit.before, edit.after, "{name}: a suspected edit changed text");
            }
        }
    }
}

/// One edit on clean text, as listed (and checked by hand) in the fixture.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct CleanEdit {
    file: String,
    kind: EditKind,
    before: String,
    after: String,
    why: String,
}

#[test]
fn clean_text_gets_only_the_named_artifacts() {
    let fixture = root().join("fixtures/repair/clean-edits.json");
    let expected: Vec<CleanEdit> = serde_json::from_str(&std::fs::read_to_string(&fixture).expect("fixture")).expect("fixture parses");
    let resources = Resources::none();
    let mut actual = Vec::new();
    for path in corpus_texts() {
        let name = relative(&path);
        // The public acts are clean; so is seed 004. (000-002 are PDF-damaged, 003 is OCR.)
        if !(name.contains("public-acts") || name.contains("/004_")) {
            continue;
        }
        let input = std::fs::read_to_string(&path).expect("UTF-8 corpus");
        for edit in repair(&input, &resources).edits {
            let why = expected
                .iter()
                .find(|e| e.file == name && e.kind == edit.kind && e.before == edit.before && e.after == edit.after)
                .map_or_else(|| "NOT IN FIXTURE".to_owned(), |e| e.why.clone());
            actual.push(CleanEdit { file: name.clone(), kind: edit.kind, before: edit.before, after: edit.after, why });
        }
    }
    if actual != expected {
        let shown = serde_json::to_string_pretty(&actual).unwrap_or_default();
        panic!("edits on clean text differ from {}; they are now:\n{shown}", fixture.display());
    }
}

const WORDS: &[&str] = &[
    "қазақстан", "республикасының", "әділет", "министрлігінде", "тіркелді", "бұйрық", "осы", "қолданысқа", "енгізіледі",
    "сәйкес", "тармағына", "және", "немесе", "ақпараттық", "технологиялар", "саласындағы", "приказ", "вводится", "в",
    "действие", "по", "истечении", "десяти", "дней", "официального", "опубликования", "өнеркәсіп", "үшін", "құрылыс",
];

fn lexicon_text() -> impl Strategy<Value = String> {
    let word = (0..WORDS.len(), 0..3usize).prop_map(|(i, case)| match case {
        0 => WORDS[i].to_owned(),
        1 => {
            let mut chars = WORDS[i].chars();
            chars.next().map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
        }
        _ => WORDS[i].to_uppercase(),
    });
    let punct = prop::sample::select(vec!["", "", "", ",", ".", ";", ":"]);
    let sentence = prop::collection::vec((word, punct), 1..12).prop_map(|parts| {
        parts.into_iter().map(|(w, p)| format!("{w}{p}")).collect::<Vec<_>>().join(" ")
    });
    // Paragraphs start indented, as in the documents.
    prop::collection::vec(sentence, 1..5).prop_map(|ps| ps.into_iter().map(|p| format!("      {p}\n")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn text_of_lexicon_words_and_punctuation_is_unchanged(text in lexicon_text()) {
        let resources = Resources { lexicon: Some(Lexicon::from_words(WORDS)), ..Resources::default() };
        let repaired = repair(&text, &resources);
        prop_assert_eq!(&repaired.text, &text);
        prop_assert!(repaired.edits.is_empty(), "{:?}", repaired.edits);
    }

    #[test]
    fn any_text_repairs_without_panic_and_replays(text in "(?s)[ \t\nа-яәіңғүұқөһА-ЯӘІҢҒҮҰҚӨҺa-zA-Z0-9.,:;()\"№«»/@-]{0,200}") {
        let resources = Resources::none();
        let repaired = repair(&text, &resources);
        prop_assert_eq!(replay(&text, &repaired.edits), Some(repaired.text.clone()));
        prop_assert_eq!(repair(&repaired.text, &resources).text, repaired.text);
    }

    #[test]
    fn any_string_repairs_without_panic(text in any::<String>()) {
        let repaired = repair(&text, &Resources::none());
        prop_assert_eq!(replay(&text, &repaired.edits), Some(repaired.text));
    }
}
