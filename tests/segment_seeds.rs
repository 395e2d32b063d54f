//! The seeds' structure trees against their hand-checked golden files
//! (`fixtures/segment/seeds/*.json`), on the text as acquired (wrapped lines, indents,
//! page-break gaps and moved words included), and the same structure after the line
//! unwrapping a repair does.
//!
//! To look at a changed tree: `cargo test --test segment_seeds -- --ignored` rewrites the files
//! into `target/segment-seeds/` (never over the golden files), for a diff by hand.

use std::collections::BTreeSet;
use std::path::Path;

use normbase::acquire::{self, Input};
use normbase::eval::segment::{compact, seed_gold_json, CompactNode, SeedGold};
use normbase::model::Node;
use normbase::segment;

const SEEDS: [(&str, &str); 4] = [
    ("000", "corpus/seeds/000_4a8942dd3ddeb8f3.txt"),
    ("001", "corpus/seeds/001_9a5cba1920c8ac8d.txt"),
    ("002", "corpus/seeds/002_b7d9b1cdc6f4aeb2.txt"),
    ("004", "corpus/seeds/004_39ecdd500e690dd8.txt"),
];

fn acquired(path: &str) -> String {
    let bytes = std::fs::read(path).expect("seed readable");
    acquire::acquire(&Input { path: path.to_owned(), bytes }).expect("seed decodes").text
}

fn gold(id: &str) -> SeedGold {
    let path = format!("fixtures/segment/seeds/{id}.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("golden file")).expect("golden file parses")
}

fn structure(nodes: &[Node]) -> BTreeSet<(String, String, String)> {
    segment::walk(nodes).map(|n| (n.eid.clone(), n.kind.eid_name().to_owned(), n.num.as_ref().map(|x| x.norm.clone()).unwrap_or_default())).collect()
}

fn show(nodes: &[CompactNode]) -> String {
    nodes.iter().map(|n| format!("{} {} {:?} {:?} | {}", n.eid, n.kind, n.num, n.heading, n.text)).collect::<Vec<_>>().join("\n")
}

#[test]
fn seeds_match_their_golden_trees() {
    for (id, path) in SEEDS {
        let text = acquired(path);
        let got = compact(&segment::segment(&text, None), &text);
        let expected = gold(id);
        assert_eq!(expected.source, path);
        assert!(got == expected.nodes, "seed {id} differs from its golden tree.\n--- got:\n{}\n--- expected:\n{}", show(&got), show(&expected.nodes));
    }
}

/// What a repair's unwrapping does: lines that continue a sentence (flush left, starting in
/// lowercase or with punctuation) join the line before, and the page-break gaps between go.
fn unwrap_lines(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut pending_blank = 0;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            pending_blank += 1;
            continue;
        }
        let indent: usize = line.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum();
        let flush_left = indent < 2;
        let continues = flush_left && trimmed.chars().next().is_some_and(|c| c.is_lowercase() || ",.;:)".contains(c));
        match out.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(trimmed);
            }
            _ => {
                out.extend(std::iter::repeat_n(String::new(), pending_blank));
                out.push(line.trim_end().to_owned());
            }
        }
        pending_blank = 0;
    }
    out.join("\n") + "\n"
}

#[test]
fn unwrapped_seeds_keep_their_structure() {
    for (id, path) in SEEDS {
        let text = acquired(path);
        let unwrapped = unwrap_lines(&text);
        assert_ne!(unwrapped, text, "seed {id}: the unwrapping changed nothing, so this test tests nothing");
        let raw = structure(&segment::segment(&text, None));
        let repaired = structure(&segment::segment(&unwrapped, None));
        let missing: Vec<_> = raw.difference(&repaired).collect();
        let extra: Vec<_> = repaired.difference(&raw).collect();
        assert!(missing.is_empty() && extra.is_empty(), "seed {id}: unwrapping changed the structure\nmissing: {missing:?}\nextra: {extra:?}");
    }
}

#[test]
fn ocr_garbage_segments_without_panicking_and_keeps_its_text() {
    let text = acquired("corpus/seeds/003_feede087de93e305.txt");
    let nodes = segment::segment(&text, None);
    let covered: usize = nodes.iter().map(|n| n.span.len()).sum();
    assert!(covered > 0);
    assert!(nodes.windows(2).all(|w| w[0].span.end <= w[1].span.start));
}

#[test]
fn reprocessing_gives_the_same_ids() {
    for (_, path) in SEEDS {
        let text = acquired(path);
        assert_eq!(segment::segment(&text, None), segment::segment(&text, None));
    }
}

#[test]
#[ignore = "writes candidate golden files to target/segment-seeds for review"]
fn write_candidate_golden_files() {
    let dir = Path::new("target/segment-seeds");
    std::fs::create_dir_all(dir).expect("target dir");
    for (id, path) in SEEDS {
        let text = acquired(path);
        let gold = SeedGold { source: path.to_owned(), nodes: compact(&segment::segment(&text, None), &text) };
        std::fs::write(dir.join(format!("{id}.json")), seed_gold_json(&gold)).expect("write");
    }
}

#[test]
fn the_pipeline_puts_the_tree_in_the_document() {
    let path = "corpus/seeds/000_4a8942dd3ddeb8f3.txt";
    let input = Input { path: path.to_owned(), bytes: std::fs::read(path).expect("seed") };
    let doc = normbase::pipeline::process(&input, &normbase::lang::Resources::none()).expect("processes");
    let eids: Vec<&str> = segment::walk(&doc.structure).map(|n| n.eid.as_str()).collect();
    for eid in ["preamble", "point_5", "signature_1", "approval_4", "appendix_1__point_19", "appendix_3__point_3"] {
        assert!(eids.contains(&eid), "{eid} missing from the document's structure");
    }
    assert!(segment::walk(&doc.structure).all(|n| n.span.end <= doc.text.len() && doc.text.is_char_boundary(n.span.start)));
}
