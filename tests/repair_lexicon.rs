//! The repair with the real general lexicon (Debian's hunspell-kk and hunspell-ru expanded;
//! no corpus words, so nothing of the measured document feeds it). Needs `make data`; run with
//! `cargo test --test repair_lexicon -- --ignored --nocapture`.

use normbase::lang::lexicon::Lexicon;
use normbase::lang::Resources;
use normbase::model::EditKind;
use normbase::repair::{repair, replay};

fn general_lexicon() -> Resources {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/build/lexicon.fst");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}: run `make data`", path.display()));
    Resources { lexicon: Some(Lexicon::from_bytes(bytes).expect("lexicon")), ..Resources::default() }
}

#[test]
#[ignore = "needs data/build/lexicon.fst (make data)"]
fn shredded_table_of_seed_002_with_the_general_lexicon() {
    let resources = general_lexicon();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds/002_b7d9b1cdc6f4aeb2.txt");
    let input = std::fs::read_to_string(path).expect("seed");
    let repaired = repair(&input, &resources);
    assert_eq!(replay(&input, &repaired.edits).as_deref(), Some(repaired.text.as_str()));
    let rejoins: Vec<_> = repaired.edits.iter().filter(|e| e.kind == EditKind::Rejoin).collect();
    let suspected = repaired.edits.iter().filter(|e| e.kind == EditKind::Suspected).count();
    for e in &rejoins {
        println!("{:.2} {}", e.confidence, e.reason);
    }
    println!("{} rejoins, {suspected} suspected", rejoins.len());
    for word in ["атауы", "Жасанды", "бағдарламалық", "электрондық", "қауіпсіздік"] {
        assert!(repaired.text.contains(word), "{word}");
    }
    assert!(!repaired.text.contains("берушінің а\n"), "атауы still shredded");
    assert!(!repaired.text.contains("Жаса\n"), "Жасанды still shredded");
}

#[test]
#[ignore = "needs data/build/lexicon.fst (make data)"]
fn clean_documents_stay_clean_with_the_general_lexicon() {
    let resources = general_lexicon();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/public-acts");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).expect("public acts").flatten().map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        for lang in ["kaz.txt", "rus.txt"] {
            let input = std::fs::read_to_string(dir.join(lang)).expect("act");
            let repaired = repair(&input, &resources);
            let changed: Vec<_> = repaired.edits.iter().filter(|e| !matches!(e.kind, EditKind::Lookalike | EditKind::Suspected)).collect();
            assert!(changed.is_empty(), "{}/{lang}: {changed:?}", dir.display());
        }
    }
}
