//! `normbase eval segment`: precision, recall and F1 of the structure over (eid, kind, num)
//! triples, against two kinds of gold:
//! - the public acts' markdown (`<gold>/public-acts/<code>/{kaz,rus}.md`), turned into gold by
//!   [`markdown_gold`] and into plain text by [`crate::acquire::markdown::to_plain_text`], as
//!   the corpus is;
//! - the hand-checked seed trees (`<gold>/seeds/*.json`, in the [`CompactNode`] format), whose
//!   `source` text is acquired, repaired and segmented as the pipeline does.
//!
//! The segmenter learns nothing from data, so there is nothing to leave out: every document is
//! unseen by construction. Not here: the segmenter (see [`crate::segment`]).

pub mod markdown_gold;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{EvalError, Report};
use crate::model::Node;
use crate::{acquire, driver, repair, segment};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Gold data; `fixtures/segment` when `None`.
    pub gold: Option<PathBuf>,
}

/// The F1 the public acts must reach.
pub const TARGET_F1: f64 = 0.98;

/// One node of a seed's golden tree, flattened in text order: reviewable by eye, one per line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactNode {
    pub eid: String,
    pub kind: String,
    pub num: Option<String>,
    pub heading: Option<String>,
    /// The first words of the node's span.
    pub text: String,
}

/// A seed's golden file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedGold {
    /// The seed text, relative to the repository root.
    pub source: String,
    pub nodes: Vec<CompactNode>,
}

/// Flattens a tree into compact nodes (pre-order).
pub fn compact(nodes: &[Node], text: &str) -> Vec<CompactNode> {
    segment::walk(nodes)
        .map(|n| CompactNode {
            eid: n.eid.clone(),
            kind: n.kind.eid_name().to_owned(),
            num: n.num.as_ref().map(|x| x.norm.clone()),
            heading: n.heading.clone(),
            text: first_words(n.span.of(text), 6),
        })
        .collect()
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Serialises a seed gold file one node per line.
pub fn seed_gold_json(gold: &SeedGold) -> String {
    let nodes: Vec<String> = gold.nodes.iter().map(|n| serde_json::to_string(n).unwrap_or_default()).collect();
    format!("{{\n  \"source\": {},\n  \"nodes\": [\n    {}\n  ]\n}}\n", serde_json::to_string(&gold.source).unwrap_or_default(), nodes.join(",\n    "))
}

type Triple = (String, String, String);

fn triples(nodes: &[Node]) -> BTreeSet<Triple> {
    segment::walk(nodes).map(|n| (n.eid.clone(), n.kind.eid_name().to_owned(), n.num.as_ref().map(|x| x.norm.clone()).unwrap_or_default())).collect()
}

/// Counts for one document or a total.
pub type Score = super::Counts;

impl super::Counts {
    /// The counts of a found set against a gold set.
    pub fn of(found: &BTreeSet<Triple>, gold: &BTreeSet<Triple>) -> Score {
        Score { found: found.len(), gold: gold.len(), matched: found.intersection(gold).count() }
    }
}

/// Scores one markdown act: gold from the markdown, found from its plain text.
pub fn score_markdown(markdown: &str) -> (Score, Vec<Triple>, Vec<Triple>) {
    let gold: BTreeSet<Triple> = markdown_gold::eids(&markdown_gold::gold_from_markdown(markdown)).into_iter().map(|(e, k, n)| (e, k.to_owned(), n)).collect();
    let text = acquire::markdown::to_plain_text(markdown);
    let found = triples(&segment::segment(&text, crate::lang::identify(&text)));
    let missed = gold.difference(&found).cloned().collect();
    let extra = found.difference(&gold).cloned().collect();
    (Score::of(&found, &gold), missed, extra)
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::Input { path: path.display().to_string(), cause: e.to_string() })
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| EvalError::Input { path: dir.display().to_string(), cause: e.to_string() })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

pub fn run(options: &Options) -> Result<Report, EvalError> {
    let root = options.gold.clone().unwrap_or_else(|| PathBuf::from("fixtures/segment"));
    let mut text = String::from("document                         found  gold  match  precision  recall     F1\n");
    let mut acts = Score::default();
    let mut details = String::new();
    for dir in sorted_entries(&root.join("public-acts"))? {
        for lang in ["kaz", "rus"] {
            let path = dir.join(format!("{lang}.md"));
            if !path.exists() {
                continue;
            }
            let (score, missed, extra) = score_markdown(&read(&path)?);
            text.push_str(&row(&format!("public-acts/{}/{lang}", name_of(&dir)), &score));
            for (label, list) in [("missed", &missed), ("extra", &extra)] {
                for (e, k, n) in list.iter().take(8) {
                    details.push_str(&format!("  {}/{lang} {label}: {e} ({k} {n})\n", name_of(&dir)));
                }
            }
            acts.add(&score);
        }
    }
    text.push_str(&row("public acts (micro)", &acts));
    let mut seeds = Score::default();
    let seeds_dir = root.join("seeds");
    if seeds_dir.exists() {
        let resources = driver::load_resources();
        for path in sorted_entries(&seeds_dir)?.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            let gold: SeedGold = serde_json::from_str(&read(&path)?).map_err(|e| EvalError::Input { path: path.display().to_string(), cause: e.to_string() })?;
            let bytes = std::fs::read(&gold.source).map_err(|e| EvalError::Input { path: gold.source.clone(), cause: e.to_string() })?;
            let acquired = acquire::acquire(&acquire::Input { path: gold.source.clone(), bytes }).map_err(|e| EvalError::Input { path: gold.source.clone(), cause: e.to_string() })?;
            let repaired = repair::repair(&acquired.text, &resources);
            let found = triples(&segment::segment(&repaired.text, crate::lang::identify(&repaired.text)));
            let expected: BTreeSet<Triple> = gold.nodes.iter().map(|n| (n.eid.clone(), n.kind.clone(), n.num.clone().unwrap_or_default())).collect();
            let score = Score::of(&found, &expected);
            text.push_str(&row(&format!("seeds/{}", name_of(&path)), &score));
            for (e, k, n) in expected.difference(&found).take(8) {
                details.push_str(&format!("  {} missed: {e} ({k} {n})\n", name_of(&path)));
            }
            for (e, k, n) in found.difference(&expected).take(8) {
                details.push_str(&format!("  {} extra: {e} ({k} {n})\n", name_of(&path)));
            }
            seeds.add(&score);
        }
        text.push_str(&row("seeds (micro)", &seeds));
    }
    if !details.is_empty() {
        text.push_str("\ndifferences (first 8 per document):\n");
        text.push_str(&details);
    }
    let targets_met = acts.f1() >= TARGET_F1 && seeds.matched == seeds.gold && seeds.found == seeds.gold;
    text.push_str(&format!("\ntarget: public acts F1 >= {TARGET_F1:.2} and seeds exact: {}\n", if targets_met { "met" } else { "NOT met" }));
    Ok(Report { text, targets_met })
}

fn name_of(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn row(label: &str, s: &Score) -> String {
    format!("{label:<32} {:>5} {:>5} {:>6} {:>10.3} {:>7.3} {:>6.3}\n", s.found, s.gold, s.matched, s.precision(), s.recall(), s.f1())
}
