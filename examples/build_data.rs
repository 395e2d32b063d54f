//! Builds normbase's language data; run by `scripts/build-lexicon` (via `make data`), not by
//! hand. Subcommands:
//!
//! - `lexicon OUT.fst KK.words RU.words`: the general lexicon (`fst::Map` word → language bits)
//!   from hunspell expansions (one word form per line, as `unmunch` prints them);
//! - `corpus-counts OUT.tsv`: per-document word and bigram counts of the clean documents in
//!   `corpus/` (the Latin-garbage seed is skipped: it would teach the models garbage);
//! - `channel OUT.tsv TRAINING_DIR`: OCR channel counts per (engine model, document) from the
//!   pages `scripts/ocr-training/generate` wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use normbase::lang::corpus::{CorpusCounts, DocCounts};
use normbase::lang::lexicon::{build_general, KAZAKH, RUSSIAN};
use normbase::repair::ocr::align;
use normbase::repair::ocr::channel::{ChannelCounts, EngineModel};
use normbase::repair::ocr::{damage, Damage};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["lexicon", out, kk, ru] => lexicon(out, kk, ru),
        ["corpus-counts", out] => corpus_counts(out),
        ["channel", out, dir] => channel(out, dir),
        ["explain", engine, ref words @ ..] => explain(engine, words),
        _ => Err("usage: build_data lexicon OUT KK RU | corpus-counts OUT | channel OUT TRAINING_DIR".into()),
    }
}

/// Prints the readings the decoder finds for each word (for people tuning the decoder).
fn explain(engine: &str, words: &[&str]) -> Result<(), String> {
    let resources = normbase::driver::load_resources_excluding(&["seeds/000", "seeds/003"])?;
    let models = resources.ocr.as_ref().ok_or("no OCR models")?;
    let channel = if engine == "rus" { &models.russian } else { &models.english };
    let decoder = normbase::repair::ocr::decode::Decoder { lexicon: resources.lexicon.as_ref(), words: &models.words, channel, params: Default::default() };
    for word in words {
        println!("{word}:");
        for r in decoder.readings(word, 6) {
            println!("  {:<24} channel {:>6.2} total {:>6.2} {:?}", r.text, r.channel_cost, r.cost, r.origin);
        }
    }
    Ok(())
}

fn read(path: &str) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn lexicon(out: &str, kk: &str, ru: &str) -> Result<(), String> {
    let mut words = Vec::new();
    for (path, bit) in [(kk, KAZAKH), (ru, RUSSIAN)] {
        for line in read(path)?.lines() {
            // unmunch prints "form" or "form/FLAGS"; forms with digits or spaces are not words.
            let form = line.split('/').next().unwrap_or("").trim();
            if !form.is_empty() && form.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                words.push((form.to_lowercase(), bit));
            }
        }
    }
    let bytes = build_general(words);
    fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("lexicon: {} bytes -> {out}", bytes.len());
    Ok(())
}

/// The corpus id of a corpus file (see [`normbase::lang::corpus::doc_id`]).
pub fn doc_id(path: &Path) -> String {
    normbase::lang::corpus::doc_id(&path.to_string_lossy())
}

/// The corpus texts, found the way `ingest` finds them.
fn corpus_files() -> Vec<PathBuf> {
    normbase::driver::collect_inputs(&[PathBuf::from("corpus")]).0
}

fn corpus_counts(out: &str) -> Result<(), String> {
    let mut counts = CorpusCounts::default();
    for path in corpus_files() {
        let text = read(&path.to_string_lossy())?;
        if damage(&text, None) != Damage::Clean {
            eprintln!("corpus-counts: skipping {} (not Cyrillic text)", path.display());
            continue;
        }
        counts.docs.insert(doc_id(&path), DocCounts::of_text(&text));
    }
    fs::write(out, counts.to_tsv()).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("corpus-counts: {} documents -> {out}", counts.docs.len());
    Ok(())
}

fn channel(out: &str, dir: &str) -> Result<(), String> {
    // (engine, doc) → word pairs.
    let mut pairs: BTreeMap<(EngineModel, String), Vec<(String, String)>> = BTreeMap::new();
    let mut pages = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".src.txt") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    for src in &pages {
        let src_name = src.to_string_lossy().into_owned();
        let stem = src_name.trim_end_matches(".src.txt");
        let doc = src.parent().and_then(|p| p.strip_prefix(dir).ok()).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let clean = read(&src_name)?;
        for engine in [EngineModel::English, EngineModel::Russian] {
            let Ok(ocr) = fs::read_to_string(format!("{stem}.{}.txt", engine.code())) else { continue };
            pairs.entry((engine, doc.clone())).or_default().extend(align::word_pairs(&clean, &ocr));
        }
    }
    let mut counts = ChannelCounts::default();
    for engine in [EngineModel::English, EngineModel::Russian] {
        let all: Vec<(String, String)> = pairs.iter().filter(|((e, _), _)| *e == engine).flat_map(|(_, p)| p.iter().cloned()).collect();
        eprintln!("channel {}: {} word pairs, estimating", engine.code(), all.len());
        let model = align::estimate(&all, 5);
        for ((e, doc), word_pairs) in &pairs {
            if *e != engine {
                continue;
            }
            for (clean, ocr) in word_pairs {
                for (c, o) in align::viterbi(&model, clean, ocr).unwrap_or_default() {
                    counts.add(engine, doc, &c, &o, 1);
                }
            }
        }
    }
    fs::write(out, counts.to_tsv()).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("channel: {} pages -> {out}", pages.len());
    Ok(())
}
