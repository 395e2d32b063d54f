//! The channel fitted to one document: the words a first reading got surely right show how
//! this document's font and scan print each letter, and the channel is moved toward that
//! before the document is read again.
//!
//! The trained channel is a mixture over the fonts, sizes and noise of its training pages,
//! and a document has one font: an italic face makes an English model print т as "m", which
//! no training page showed, and a bold one prints ы as "bl" where a light one prints "bI".
//! Counting the segment pairs of the document's sure words and weighing them against the
//! trained probabilities (a maximum a posteriori estimate, the training as prior) sharpens the
//! channel toward what this document does, and lets in what only it does. Nothing here sees
//! any text but the document's own.
//!
//! Not here: which words are sure (see [`super`]), the trained channel and the fitting
//! arithmetic (see [`Channel::fitted`]).

use std::collections::HashSet;

use super::channel::{Channel, FxMap, UNSEEN_IDENTITY};

/// How many of the document's own occurrences of a clean segment weigh as much as the
/// training. Unseen-font dev pairs, English model (2.59% without fitting: 3.77%): 10: 2.70%,
/// 30: 2.59%, 100: 2.59%, 300: 2.67%.
pub const TAU: f32 = 100.0;

/// Cost, in a sure word's cut, of a segment pair the channel does not have: one clean
/// character printed as one or two OCR characters no training page showed. The unseen-edit
/// cost of the search; 6 and 14 measured the same or worse (2.65%, 2.68%).
const NEW_PAIR: f32 = 10.0;

/// Longest word (in characters, either side) cut: longer ones are rare and the cut is
/// quadratic.
const LONGEST_WORD: usize = 48;

/// Segment pairs of a document's sure words, and how often each clean segment occurs in them.
#[derive(Debug, Default)]
pub struct Evidence {
    pairs: FxMap<(String, String), u32>,
    occurrences: FxMap<String, u32>,
    /// The clean segments of the channel the evidence is cut with, and the longest one's
    /// length in characters.
    segments: HashSet<String>,
    longest: usize,
}

impl Evidence {
    /// Empty evidence to be cut with `channel`'s segments.
    pub fn new(channel: &Channel) -> Evidence {
        let segments: HashSet<String> = channel.clean_segments().map(str::to_owned).collect();
        let longest = segments.iter().map(|s| s.chars().count()).max().unwrap_or(1);
        Evidence { segments, longest, ..Evidence::default() }
    }

    /// Adds the word pair (`clean`, lower case; `ocr`, as printed), cut as `channel` cuts it
    /// most cheaply; a pair it cannot cut is left out.
    pub fn add(&mut self, channel: &Channel, clean: &str, ocr: &str) {
        let Some(cut) = cheapest_cut(channel, clean, ocr, self.longest) else { return };
        for pair in cut {
            *self.pairs.entry(pair).or_default() += 1;
        }
        // Every occurrence counts, cut whole or not: the channel's probabilities are over
        // occurrences (see `channel`'s doc).
        let starts: Vec<usize> = clean.char_indices().map(|(i, _)| i).chain([clean.len()]).collect();
        for (k, &from) in starts.iter().enumerate() {
            for &to in starts.iter().skip(k + 1).take(self.longest) {
                if self.segments.contains(&clean[from..to]) {
                    *self.occurrences.entry(clean[from..to].to_owned()).or_default() += 1;
                }
            }
        }
    }

    /// `trained` fitted to this evidence.
    pub fn fit(&self, trained: &Channel) -> Channel {
        trained.fitted(&self.pairs, &self.occurrences, TAU)
    }
}

/// The cheapest cut of (`clean`, `ocr`) into segment pairs, clean segments of at most
/// `max_clean` characters: pairs the channel knows, a character it never saw standing for
/// itself, and at [`NEW_PAIR`] a clean character printed as one or two OCR characters the
/// channel never paired with it.
fn cheapest_cut(channel: &Channel, clean: &str, ocr: &str, max_clean: usize) -> Option<Vec<(String, String)>> {
    let a: Vec<char> = clean.chars().collect();
    let b: Vec<char> = ocr.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 || n > LONGEST_WORD || m > LONGEST_WORD {
        return None;
    }
    let w = m + 1;
    let mut best = vec![f32::INFINITY; (n + 1) * w];
    let mut back = vec![(0usize, 0usize); (n + 1) * w];
    best[0] = 0.0;
    let (mut seg_a, mut seg_b) = (String::new(), String::new());
    for i in 0..=n {
        for j in 0..=m {
            let here = best[i * w + j];
            if !here.is_finite() {
                continue;
            }
            for da in 0..=max_clean.min(n - i) {
                seg_a.clear();
                seg_a.extend(&a[i..i + da]);
                for db in 1..=channel.max_ocr_len.min(m - j) {
                    seg_b.clear();
                    seg_b.extend(&b[j..j + db]);
                    let Some(cost) = pair_cost(channel, &seg_a, &seg_b) else { continue };
                    let k = (i + da) * w + j + db;
                    if here + cost < best[k] {
                        best[k] = here + cost;
                        back[k] = (da, db);
                    }
                }
            }
        }
    }
    if !best[n * w + m].is_finite() {
        return None;
    }
    let mut cut = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (da, db) = back[i * w + j];
        cut.push((a[i - da..i].iter().collect(), b[j - db..j].iter().collect()));
        (i, j) = (i - da, j - db);
    }
    cut.reverse();
    Some(cut)
}

/// Cost of the pair (`clean`, `ocr`) in a cut ([`cheapest_cut`]).
fn pair_cost(channel: &Channel, clean: &str, ocr: &str) -> Option<f32> {
    if let Some(cost) = channel.cost(clean, ocr) {
        return Some(cost);
    }
    let mut letters = clean.chars();
    let (Some(c), None) = (letters.next(), letters.next()) else { return None };
    if ocr.chars().count() == 1 && ocr.to_lowercase() == clean && !channel.knows_clean(c) {
        Some(UNSEEN_IDENTITY)
    } else if ocr.chars().count() <= 2 {
        Some(NEW_PAIR)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn channel() -> Channel {
        let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (clean, ocr, n) in [("т", "T", 400), ("т", "r", 100), ("а", "a", 500), ("с", "c", 500), ("ы", "bI", 200), ("ы", "bl", 200), ("о", "o", 500)] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        Channel::from_pairs(&pairs)
    }

    #[test]
    fn a_cut_uses_the_channel_and_prices_what_it_lacks() {
        let channel = channel();
        let cut = cheapest_cut(&channel, "тасы", "TacbI", 1).unwrap();
        let pairs: Vec<(&str, &str)> = cut.iter().map(|(c, o)| (c.as_str(), o.as_str())).collect();
        assert_eq!(pairs, [("т", "T"), ("а", "a"), ("с", "c"), ("ы", "bI")]);
        // An italic т ("m") the training never showed is cut as a new pair.
        let cut = cheapest_cut(&channel, "тас", "mac", 1).unwrap();
        assert_eq!(cut[0], ("т".to_owned(), "m".to_owned()));
        assert!(cheapest_cut(&channel, "тас", "", 1).is_none());
    }

    #[test]
    fn a_fitted_channel_follows_the_document() {
        let trained = channel();
        let mut evidence = Evidence::new(&trained);
        // A document whose font prints ы as "bl" only, and т as "m".
        for _ in 0..20 {
            evidence.add(&trained, "тасы", "macbl");
        }
        let fitted = evidence.fit(&trained);
        let cost = |c: &Channel, clean: &str, ocr: &str| c.cost(clean, ocr).unwrap_or(f32::INFINITY);
        assert!(cost(&fitted, "ы", "bl") < cost(&trained, "ы", "bl"));
        assert!(cost(&fitted, "ы", "bI") > cost(&trained, "ы", "bI"), "never seen in this document: dearer");
        assert!(cost(&trained, "т", "m").is_infinite());
        assert!(cost(&fitted, "т", "m").is_finite(), "a pair only this document shows enters");
        assert!(fitted.sources("m").iter().any(|s| s.clean == "т"));
        // A segment the document has no occurrence of keeps its trained cost.
        assert_eq!(cost(&fitted, "о", "o"), cost(&trained, "о", "o"));
    }

    #[test]
    fn a_pair_seen_once_is_not_taken_in() {
        let trained = channel();
        let mut evidence = Evidence::new(&trained);
        evidence.add(&trained, "тас", "mac");
        assert!(evidence.fit(&trained).cost("т", "m").is_none());
    }
}
