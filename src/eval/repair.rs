//! `normbase eval repair --pairs DIR`: how well the repair restores damaged text.
//!
//! A pair is `<name>.damaged.txt` + `<name>.clean.txt` in DIR, with an optional
//! `<name>.exclude` listing (one per line) the corpus documents the pair was made from: those
//! are left out of every model the pair is measured with (leave-one-out). For each pair this
//! prints the character error rate (edit distance ÷ reference length, after NFC and folding
//! whitespace runs to one space; case kept), the word error rate, and the broken rate (of the
//! reference words the damaged input already had right, the share the repair made wrong),
//! before and after the repair, then the totals.
//!
//! The name's prefix says what the pair is and so which target applies: `eng-` (English-model
//! OCR, CER ≤ 1.5 %), `rus-` (Russian-model OCR, ≤ 0.5 %), `seed-` (a real damaged seed,
//! ≤ 1 %), `clean-` (clean input, must come back unchanged: CER ≤ 0.1 %); every pair must keep
//! the broken rate ≤ 0.1 %. What is measured is the repair through its OCR pass
//! ([`repair_through_ocr`]). With `--errors N` the errors left are also broken down by kind,
//! with the N most frequent confusions and broken words ([`errors`]). Not here: the repair
//! (see [`crate::repair`]).

mod errors;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::{EvalError, Report};
use crate::{driver, repair};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The pairs directory; `fixtures/ocr/pairs` when `None`.
    pub gold: Option<PathBuf>,
    /// Where to write each pair's repaired text (`<name>.repaired.txt`), for reading the
    /// errors (created if missing); nothing is written when `None`.
    pub dump: Option<PathBuf>,
    /// Break the errors down by kind, listing this many of the most frequent confusions and
    /// broken words per kind of pair; no breakdown when `None`.
    pub errors: Option<usize>,
}

/// Most broken words allowed, as a share of the words the input had right.
pub const TARGET_BROKEN: f64 = 0.001;

/// One damaged/clean pair.
#[derive(Debug, Clone)]
pub struct Pair {
    pub name: String,
    pub damaged: String,
    pub clean: String,
    pub exclude: Vec<String>,
}

/// Measurements of one text against its reference.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Errors {
    pub char_edits: usize,
    pub ref_chars: usize,
    pub word_edits: usize,
    pub ref_words: usize,
}

impl Errors {
    pub fn cer(&self) -> f64 {
        ratio(self.char_edits, self.ref_chars)
    }
    pub fn wer(&self) -> f64 {
        ratio(self.word_edits, self.ref_words)
    }
    fn add(&mut self, other: Errors) {
        self.char_edits += other.char_edits;
        self.ref_chars += other.ref_chars;
        self.word_edits += other.word_edits;
        self.ref_words += other.ref_words;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Result of one pair.
#[derive(Debug, Clone)]
pub struct PairResult {
    pub name: String,
    pub before: Errors,
    pub after: Errors,
    /// Reference words the input had right, and how many of them the repair broke.
    pub right_before: usize,
    pub broken: usize,
}

pub fn run(options: &Options) -> Result<Report, EvalError> {
    let dir = options.gold.clone().unwrap_or_else(|| PathBuf::from("fixtures/ocr/pairs"));
    let pairs = read_pairs(&dir)?;
    if pairs.is_empty() {
        return Err(EvalError::Input { path: driver::display(&dir), cause: "no *.damaged.txt + *.clean.txt pairs".into() });
    }
    if let Some(dir) = &options.dump {
        std::fs::create_dir_all(dir).map_err(|e| EvalError::Input { path: driver::display(dir), cause: e.to_string() })?;
    }
    use rayon::prelude::*;
    let data = driver::load_language_data().map_err(EvalError::Other)?;
    let results: Vec<(PairResult, Option<errors::Tally>)> = pairs
        .par_iter()
        .map(|pair| {
            let exclude: Vec<&str> = pair.exclude.iter().map(String::as_str).collect();
            let repaired = repair_through_ocr(&pair.damaged, &data.resources(&exclude));
            let tally = options.errors.map(|_| errors::Tally::of(&normalise(&pair.damaged), &normalise(&repaired), &normalise(&pair.clean)));
            (measure(&pair.name, &pair.damaged, &repaired, &pair.clean), repaired, tally)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(result, repaired, tally)| {
            if let Some(dir) = &options.dump {
                let path = dir.join(format!("{}.repaired.txt", result.name));
                driver::write_atomically(&path, repaired.as_bytes()).map_err(|e| EvalError::Input { path: driver::display(&path), cause: e.to_string() })?;
            }
            Ok((result, tally))
        })
        .collect::<Result<_, EvalError>>()?;
    let (results, tallies): (Vec<PairResult>, Vec<Option<errors::Tally>>) = results.into_iter().unzip();
    let mut report = report(&results);
    if let Some(top) = options.errors {
        report.text.push_str(&breakdown(&results, &tallies, top));
    }
    Ok(report)
}

/// The error breakdown of each kind of pair (the name's prefix), kinds in name order.
fn breakdown(results: &[PairResult], tallies: &[Option<errors::Tally>], top: usize) -> String {
    let mut by_kind: BTreeMap<&str, errors::Tally> = BTreeMap::new();
    for (result, tally) in results.iter().zip(tallies) {
        if let Some(tally) = tally {
            by_kind.entry(kind_of(&result.name)).or_default().merge(tally);
        }
    }
    by_kind.iter().map(|(kind, tally)| format!("\n{}", tally.render(kind, top))).collect()
}

/// The kind of a pair: its name's prefix (`eng`, `rus`, `seed`, `clean`).
fn kind_of(name: &str) -> &str {
    name.split(['-', '_']).next().unwrap_or("")
}

/// The repair passes up to and including the OCR pass (encoding, look-alikes, OCR): what this
/// evaluation measures. The later passes (moved words, shredded cells, unwrapping) have
/// their own measurements, and the references of the seed pairs keep the damage they fix.
pub fn repair_through_ocr(text: &str, resources: &crate::lang::Resources) -> String {
    let mut current = text.to_owned();
    for (index, (name, pass)) in repair::PASSES.iter().enumerate() {
        let changes = pass(&current, resources);
        if !changes.is_empty() {
            current = repair::change::apply(&current, changes, index as u32).0;
        }
        if *name == "ocr" {
            break;
        }
    }
    current
}

/// Reads every pair in `dir`, sorted by name.
pub fn read_pairs(dir: &Path) -> Result<Vec<Pair>, EvalError> {
    let input_error = |path: &Path, err: std::io::Error| EvalError::Input { path: driver::display(path), cause: err.to_string() };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| input_error(dir, e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".damaged.txt")).map(str::to_owned))
        .collect();
    names.sort();
    let mut pairs = Vec::new();
    for name in names {
        let read = |ext: &str| {
            let path = dir.join(format!("{name}.{ext}"));
            std::fs::read(&path).map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| input_error(&path, e))
        };
        let exclude = read("exclude").unwrap_or_default().lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect();
        pairs.push(Pair { damaged: read("damaged.txt")?, clean: read("clean.txt")?, exclude, name });
    }
    Ok(pairs)
}

/// Text as measured: NFC, whitespace runs folded to one space, trimmed; case kept.
pub fn normalise(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Measures `input` and its repair `output` against `reference`.
pub fn measure(name: &str, input: &str, output: &str, reference: &str) -> PairResult {
    let (input, output, reference) = (normalise(input), normalise(output), normalise(reference));
    let ref_chars: Vec<char> = reference.chars().collect();
    let ref_words: Vec<&str> = reference.split(' ').filter(|w| !w.is_empty()).collect();
    let errors = |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        Errors { char_edits: levenshtein(&chars, &ref_chars), ref_chars: ref_chars.len(), word_edits: levenshtein(&words, &ref_words), ref_words: ref_words.len() }
    };
    let right_in = matched(&input.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>(), &ref_words);
    let right_out = matched(&output.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>(), &ref_words);
    let right_before = right_in.iter().filter(|&&r| r).count();
    let broken = right_in.iter().zip(&right_out).filter(|(&i, &o)| i && !o).count();
    PairResult { name: name.to_owned(), before: errors(&input), after: errors(&output), right_before, broken }
}

/// Edit distance between two sequences (two rows of the table: memory linear in `b`).
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// For each reference word, whether an optimal word alignment of `words` to `reference`
/// matches it exactly.
fn matched(words: &[&str], reference: &[&str]) -> Vec<bool> {
    let mut out = vec![false; reference.len()];
    for step in errors::align(words, reference) {
        if let errors::Step::Same(_, j) = step {
            out[j] = true;
        }
    }
    out
}

/// The CER target of a pair, from its name's prefix.
pub fn target_cer(name: &str) -> f64 {
    match kind_of(name) {
        "rus" => 0.005,
        "seed" => 0.01,
        "clean" => 0.001,
        _ => 0.015,
    }
}

fn report(results: &[PairResult]) -> Report {
    let mut text = format!("{:<36} {:>9} {:>9} {:>9} {:>9} {:>8}  target\n", "pair", "CER in", "CER out", "WER in", "WER out", "broken");
    let mut totals: BTreeMap<String, (Errors, Errors, usize, usize)> = BTreeMap::new();
    let mut met = true;
    for r in results {
        let broken = ratio(r.broken, r.right_before);
        let ok = r.after.cer() <= target_cer(&r.name) && broken <= TARGET_BROKEN;
        met &= ok;
        text.push_str(&format!(
            "{:<36} {:>8.2}% {:>8.2}% {:>8.2}% {:>8.2}% {:>7.2}%  {}\n",
            r.name,
            100.0 * r.before.cer(),
            100.0 * r.after.cer(),
            100.0 * r.before.wer(),
            100.0 * r.after.wer(),
            100.0 * broken,
            if ok { "met" } else { "MISSED" }
        ));
        let kind = kind_of(&r.name).to_owned();
        for key in [kind, "all".to_owned()] {
            let t = totals.entry(key).or_default();
            t.0.add(r.before);
            t.1.add(r.after);
            t.2 += r.right_before;
            t.3 += r.broken;
        }
    }
    text.push('\n');
    for (kind, (before, after, right, broken)) in &totals {
        text.push_str(&format!(
            "{:<36} {:>8.2}% {:>8.2}% {:>8.2}% {:>8.2}% {:>7.2}%\n",
            format!("total {kind}"),
            100.0 * before.cer(),
            100.0 * after.cer(),
            100.0 * before.wer(),
            100.0 * after.wer(),
            100.0 * ratio(*broken, *right)
        ));
    }
    Report { text, targets_met: met }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_fold_whitespace_and_keep_case() {
        let r = measure("x", "Kazakcran  PecnyOnukace!", "Қазақстан\nРеспубликасы", "Қазақстан   Республикасы");
        assert_eq!(r.after.char_edits, 0);
        assert_eq!(r.after.word_edits, 0);
        assert!(r.before.cer() > 0.5);
        let cased = measure("x", "", "қазақстан", "Қазақстан");
        assert_eq!(cased.after.char_edits, 1);
    }

    #[test]
    fn broken_counts_only_words_the_input_had_right() {
        let r = measure("x", "осы бұйрык күшіне енеді", "осы бұйрық күші енеді", "осы бұйрық күшіне енеді");
        assert_eq!(r.right_before, 3);
        assert_eq!(r.broken, 1);
        assert_eq!(r.after.word_edits, 1);
    }

    #[test]
    fn levenshtein_basics() {
        let a: Vec<char> = "kitten".chars().collect();
        let b: Vec<char> = "sitting".chars().collect();
        assert_eq!(levenshtein(&a, &b), 3);
        assert_eq!(levenshtein::<char>(&[], &b), 7);
    }

    #[test]
    fn targets_follow_the_name() {
        assert_eq!(target_cer("rus-public-acts-1469-kaz"), 0.005);
        assert_eq!(target_cer("seed-003"), 0.01);
        assert_eq!(target_cer("eng-seeds-001"), 0.015);
    }
}
