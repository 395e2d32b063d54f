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

use super::align;
use super::channel::{self, Channel, FxMap, UNSEEN_IDENTITY};

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
    /// The (clean, OCR) lengths of the segments a cut may use: a clean side of up to
    /// `longest` characters (none: a speck), an OCR side as long as the channel's.
    shapes: Vec<(usize, usize)>,
}

impl Evidence {
    /// Empty evidence to be cut with `channel`'s segments.
    pub fn new(channel: &Channel) -> Evidence {
        let segments: HashSet<String> = channel.clean_segments().map(str::to_owned).collect();
        let longest = segments.iter().map(|s| s.chars().count()).max().unwrap_or(1);
        let shapes = (0..=longest).flat_map(|clean| (1..=channel.max_ocr_len).map(move |ocr| (clean, ocr))).collect();
        Evidence { segments, longest, shapes, ..Evidence::default() }
    }

    /// Adds the word pair (`clean`, lower case; `ocr`, as printed), cut as `channel` cuts it
    /// most cheaply; a pair it cannot cut is left out.
    pub fn add(&mut self, channel: &Channel, clean: &str, ocr: &str) {
        let Some(cut) = cheapest_cut(channel, clean, ocr, &self.shapes) else { return };
        for pair in cut {
            *self.pairs.entry(pair).or_default() += 1;
        }
        // Every occurrence counts, cut whole or not: the channel's probabilities are over
        // occurrences (see `channel`'s doc).
        for segment in channel::substrings(clean, self.longest).into_iter().filter(|s| self.segments.contains(*s)) {
            *self.occurrences.entry(segment.to_owned()).or_default() += 1;
        }
    }

    /// `trained` fitted to this evidence.
    pub fn fit(&self, trained: &Channel) -> Channel {
        trained.fitted(&self.pairs, &self.occurrences, TAU)
    }
}

/// The cheapest cut of (`clean`, `ocr`) into segment pairs of `shapes` (see
/// [`Evidence::new`]): pairs the channel knows, a character it never saw standing for itself,
/// and at [`NEW_PAIR`] a clean character printed as one or two OCR characters the channel
/// never paired with it.
fn cheapest_cut(channel: &Channel, clean: &str, ocr: &str, shapes: &[(usize, usize)]) -> Option<Vec<(String, String)>> {
    let (n, m) = (clean.chars().count(), ocr.chars().count());
    if n == 0 || m == 0 || n > LONGEST_WORD || m > LONGEST_WORD {
        return None;
    }
    align::cheapest_cut(clean, ocr, shapes, |c, o| pair_cost(channel, c, o).map(f64::from))
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
        let shapes = Evidence::new(&channel).shapes;
        let cut = cheapest_cut(&channel, "тасы", "TacbI", &shapes).unwrap();
        let pairs: Vec<(&str, &str)> = cut.iter().map(|(c, o)| (c.as_str(), o.as_str())).collect();
        assert_eq!(pairs, [("т", "T"), ("а", "a"), ("с", "c"), ("ы", "bI")]);
        // An italic т ("m") the training never showed is cut as a new pair.
        let cut = cheapest_cut(&channel, "тас", "mac", &shapes).unwrap();
        assert_eq!(cut[0], ("т".to_owned(), "m".to_owned()));
        assert!(cheapest_cut(&channel, "тас", "", &shapes).is_none());
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
