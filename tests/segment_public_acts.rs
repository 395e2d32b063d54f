//! The public acts (Kazakh and Russian): their markdown states the structure (headings,
//! stamps, numbered lines, tables); the segmenter sees only the plain text rendered from it,
//! as the corpus does. Scored over (eid, kind, num) by `normbase eval segment`'s own code.

use normbase::eval::segment::{score_markdown, Score, TARGET_F1};

fn markdowns(lang: &str) -> Vec<(String, String)> {
    let mut dirs: Vec<_> = std::fs::read_dir("fixtures/segment/public-acts").expect("public acts").filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    dirs.into_iter()
        .filter_map(|d| {
            let path = d.join(format!("{lang}.md"));
            std::fs::read_to_string(&path).ok().map(|md| (path.display().to_string(), md))
        })
        .collect()
}

fn score(lang: &str) -> Score {
    let mut total = Score::default();
    for (path, md) in markdowns(lang) {
        let (score, missed, extra) = score_markdown(&md);
        eprintln!("{path}: F1 {:.3} (missed {missed:?}, extra {extra:?})", score.f1());
        total.add(&score);
    }
    total
}

#[test]
fn kazakh_public_acts_reach_the_target() {
    let s = score("kaz");
    assert!(s.gold >= 300, "too little gold ({}) for the score to mean anything", s.gold);
    assert!(s.f1() >= TARGET_F1, "Kazakh public acts: F1 {:.3} < {TARGET_F1}", s.f1());
}

#[test]
fn russian_public_acts_segment_as_well_as_kazakh_ones() {
    let s = score("rus");
    assert!(s.gold >= 300, "too little gold ({}) for the score to mean anything", s.gold);
    assert!(s.f1() >= TARGET_F1, "Russian public acts: F1 {:.3} < {TARGET_F1}", s.f1());
    assert!(s.f1() + 0.01 >= score("kaz").f1(), "Russian lags Kazakh");
}

#[test]
fn a_wrong_tree_scores_low() {
    // The measure must be able to fail: a markdown whose points are renumbered by hand no
    // longer matches the gold read from the original.
    let (_, md) = markdowns("rus").into_iter().next().expect("one act");
    let gold = normbase::eval::segment::markdown_gold::eids(&normbase::eval::segment::markdown_gold::gold_from_markdown(&md));
    assert!(gold.iter().any(|(_, k, _)| *k == "point"));
    let (same, _, _) = score_markdown(&md);
    let stripped: String = md.lines().filter(|l| !l.starts_with("1.") && !l.starts_with("1\\.")).collect::<Vec<_>>().join("\n");
    let (broken, _, _) = score_markdown(&stripped);
    assert!(broken.found > 0 && same.f1() > 0.9);
}

#[test]
fn without_indentation_the_structure_stays() {
    // Texts from other sources have no six-space body indent: the line-by-line reading must
    // find the same structure.
    use normbase::acquire::markdown::to_plain_text;
    use normbase::segment;
    for lang in ["kaz", "rus"] {
        for (path, md) in markdowns(lang) {
            let text = to_plain_text(&md);
            let flat: String = text.lines().map(str::trim_start).collect::<Vec<_>>().join("\n");
            let ids = |t: &str| segment::walk(&segment::segment(t, None)).map(|n| (n.eid.clone(), n.kind)).collect::<Vec<_>>();
            assert_eq!(ids(&text), ids(&flat), "{path}: flush-left text segments differently");
        }
    }
}
