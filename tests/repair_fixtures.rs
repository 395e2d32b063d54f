//! Before/after pairs for each kind of damage (`fixtures/repair/<kind>/<name>.before.txt` and
//! `.after.txt`, the after files checked by hand): the repair turns each before into its after,
//! with at least one edit of that kind, and its edits replay.
//!
//! A kind's directory may hold `lexicon.txt` (one word a line): the lexicon that pair is
//! repaired with (the shred pass needs one); otherwise the repair runs without a lexicon.

use std::path::Path;

use normbase::lang::lexicon::Lexicon;
use normbase::lang::Resources;
use normbase::model::EditKind;
use normbase::repair::{repair, replay};

fn kind_of(dir: &str) -> EditKind {
    match dir {
        "mojibake" => EditKind::Mojibake,
        "lookalike" => EditKind::Lookalike,
        "move" => EditKind::Move,
        "shred" => EditKind::Rejoin,
        "unwrap" => EditKind::Unwrap,
        "dehyphenate" => EditKind::Dehyphenate,
        "whitespace" => EditKind::Whitespace,
        "suspected" => EditKind::Suspected,
        other => panic!("unknown fixture kind {other}"),
    }
}

#[test]
fn every_fixture_pair_repairs_to_its_after() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repair");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).expect("fixtures").flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let mut pairs = 0;
    let mut failures = Vec::new();
    for dir in dirs {
        let kind_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let kind = kind_of(&kind_name);
        let resources = match std::fs::read_to_string(dir.join("lexicon.txt")) {
            Ok(words) => Resources { lexicon: Some(Lexicon::from_words(words.lines().map(str::trim).filter(|w| !w.is_empty()))), ..Resources::default() },
            Err(_) => Resources::none(),
        };
        let mut names: Vec<_> = std::fs::read_dir(&dir).expect("kind dir").flatten().map(|e| e.path()).collect();
        names.sort();
        for before_path in names.iter().filter(|p| p.to_string_lossy().ends_with(".before.txt")) {
            let after_path = before_path.to_string_lossy().replace(".before.txt", ".after.txt");
            let before = std::fs::read_to_string(before_path).expect("before");
            let after = std::fs::read_to_string(&after_path).expect("after file beside the before file");
            let repaired = repair(&before, &resources);
            pairs += 1;
            let name = before_path.strip_prefix(&root).unwrap_or(before_path).display().to_string();
            if repaired.text != after {
                failures.push(format!("{name}: got\n{}\n---", repaired.text));
            }
            if !repaired.edits.iter().any(|e| e.kind == kind) {
                failures.push(format!("{name}: no {kind:?} edit among {:?}", repaired.edits.iter().map(|e| e.kind).collect::<Vec<_>>()));
            }
            assert_eq!(replay(&before, &repaired.edits).as_deref(), Some(repaired.text.as_str()), "{name}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(pairs >= 15, "{pairs} pairs");
}
