//! How likely a word's ending is in legal text, for words the corpus never saw, and how likely
//! it is after the word before ([`EndingPairs`]), for pairs the corpus never saw.
//!
//! Kazakh is agglutinative: the lexicon holds millions of inflected forms the corpus has never
//! seen, and OCR garbage often reads as several of them ("нәтижелерін", "нәтижелілерің",
//! "ведомстволарыңыз"). The corpus has not seen these words, but it has seen their endings:
//! orders are full of "-ларының", "-іледі", "-нің" and never address the reader ("-ңыз"). The
//! [`EndingModel`] is a letter 4-gram model of the corpus's word tokens that prices only the
//! last letters of a word and its end, relative to the average token, so that a typical
//! ending costs nothing extra and a rare one costs more. Each letter is predicted from the
//! three before it, so "-амын" and "-амың" are told apart by what precedes them, not by how
//! common "-ың" is after "-н" in the genitive.
//!
//! Not here: words the corpus saw (their own counts decide, see [`super::corpus::WordModel`]).

use std::collections::HashMap;

/// Letters at a word's end that are priced (the end of the word itself is priced too).
const ENDING: usize = 5;
/// Letters of context each is predicted from.
const CONTEXT: usize = 3;
/// Tokens a context needs before its continuations are trusted.
const MIN_TOKENS: u32 = 3;
/// Weight of a shorter context when the longer one never saw the letter ("stupid backoff").
const BACKOFF: f64 = 0.4;

/// Token counts of the letter n-grams (1 to `CONTEXT + 1` long) of the corpus's words, with
/// `^` and `$` marking their edges.
#[derive(Debug, Clone, Default)]
pub struct EndingModel {
    counts: HashMap<String, u32>,
    letters: u64,
    alphabet: usize,
    /// The token-weighted mean of [`EndingModel::raw_cost`] over the corpus words.
    mean: f64,
}

impl EndingModel {
    /// The model of `words` (lower-cased word → token count).
    pub fn of_words(words: &HashMap<String, u32>) -> EndingModel {
        let mut model = EndingModel::default();
        for (word, &n) in words {
            let marked: Vec<char> = marked(word);
            model.letters += u64::from(n) * marked.len() as u64;
            for len in 1..=CONTEXT + 1 {
                for gram in marked.windows(len) {
                    *model.counts.entry(gram.iter().collect()).or_default() += n;
                }
            }
        }
        model.alphabet = model.counts.keys().filter(|g| g.chars().count() == 1).count();
        let tokens: u64 = words.values().map(|&n| u64::from(n)).sum();
        if tokens > 0 {
            let sum: f64 = words.iter().map(|(word, &n)| f64::from(n) * model.raw_cost(word)).sum();
            model.mean = sum / tokens as f64;
        }
        model
    }

    /// How much less likely than the average token's `lower`'s ending is, in nats (negative
    /// for a common ending). Zero without a corpus.
    pub fn cost(&self, lower: &str) -> f64 {
        if self.letters == 0 {
            return 0.0;
        }
        self.raw_cost(lower) - self.mean
    }

    /// −ln P of the last [`ENDING`] letters and the word's end, each given the letters before.
    fn raw_cost(&self, lower: &str) -> f64 {
        // The n-grams are looked up as slices of one marked string: this runs for every
        // unseen word the decoder scores, so it allocates nothing per letter.
        let marked = format!("^{lower}$");
        let bounds: Vec<usize> = marked.char_indices().map(|(i, _)| i).chain(std::iter::once(marked.len())).collect();
        let letters = bounds.len() - 1;
        let first = letters.saturating_sub(ENDING + 1).max(1);
        (first..letters).map(|i| -self.probability(&marked, &bounds[i.saturating_sub(CONTEXT)..=i + 1]).ln()).sum()
    }

    /// P of the last letter of `marked[bounds[0]..bounds[last]]` given the letters before it,
    /// backing off to shorter contexts.
    fn probability(&self, marked: &str, bounds: &[usize]) -> f64 {
        let (end, next_start) = (bounds[bounds.len() - 1], bounds[bounds.len() - 2]);
        let count = |from: usize, to: usize| self.counts.get(&marked[from..to]).copied().unwrap_or(0);
        let mut weight = 1.0;
        for &from in &bounds[..bounds.len() - 2] {
            let (seen, pair) = (count(from, next_start), count(from, end));
            if seen >= MIN_TOKENS && pair > 0 {
                return weight * f64::from(pair) / f64::from(seen);
            }
            weight *= BACKOFF;
        }
        weight * (f64::from(count(next_start, end)) + 1.0) / (self.letters as f64 + self.alphabet as f64 + 1.0)
    }
}

/// `word`'s letters between `^` and `$`.
fn marked(word: &str) -> Vec<char> {
    std::iter::once('^').chain(word.chars()).chain(std::iter::once('$')).collect()
}

/// How a word's ending goes with the ending of the word before it, from the corpus's bigrams.
///
/// The corpus is too thin for word bigrams to see most pairs an order writes, but the pairs'
/// endings repeat: Kazakh marks syntax with suffixes (a genitive "-ның" wants a possessive
/// "-сы" after it; an accusative "-ын" a verb), Russian with agreement ("-ной комиссии",
/// "-ых служащих"). The association of two endings is P(next's | prev's) / P(next's), the
/// conditional smoothed toward the marginal; it multiplies the unigram a word model backs
/// off to, so two words the corpus never saw together still agree or not.
#[derive(Debug, Clone, Default)]
pub struct EndingPairs {
    /// Previous word's ending → (its bigram tokens, the next word's endings after it).
    after: HashMap<String, (u32, HashMap<String, u32>)>,
    /// Next word's ending → bigram tokens.
    seconds: HashMap<String, u32>,
    total: u64,
}

/// Letters of a word's ending in [`EndingPairs`] (the whole word when shorter): most Kazakh
/// case and Russian agreement endings show in their last two letters. Dev pairs, English /
/// Russian model, with a smoothing of 20: 2 letters 1.85% / 0.51%, 3: 1.85% / 0.53%,
/// 4: 1.85% / 0.53% (1.88% / 0.52% without the model); unseen-font dev pairs: 2 letters
/// 2.52% / 0.70%, 3: 2.54% / 0.70% (2.62% / 0.71% without).
const PAIR_ENDING_LETTERS: usize = 2;

/// Pseudo-count of the marginal in the smoothed conditional of [`EndingPairs`]. Dev pairs,
/// English model, 2 letters: 5 → 1.86%, 20 → 1.85%, 30 → 1.86%, 100 → 1.87%; unseen-font dev
/// pairs: 30 → 2.51%, 100 → 2.52% (flat).
const PAIR_SMOOTHING: f64 = 30.0;

/// The last [`PAIR_ENDING_LETTERS`] letters of `word`.
fn pair_ending(word: &str) -> &str {
    let start = word.char_indices().rev().nth(PAIR_ENDING_LETTERS - 1).map_or(0, |(i, _)| i);
    &word[start..]
}

impl EndingPairs {
    /// The model of `bigrams` (previous word, next word, token count).
    pub fn of_bigrams<'w>(bigrams: impl Iterator<Item = (&'w str, &'w str, u32)>) -> EndingPairs {
        let mut model = EndingPairs::default();
        for (prev, next, n) in bigrams {
            let (prev, next) = (pair_ending(prev), pair_ending(next));
            let (first, seconds) = model.after.entry(prev.to_owned()).or_default();
            *first += n;
            *seconds.entry(next.to_owned()).or_default() += n;
            *model.seconds.entry(next.to_owned()).or_default() += n;
            model.total += u64::from(n);
        }
        model
    }

    /// P(`next`'s ending | `prev`'s) / P(`next`'s ending); 1 without a corpus.
    pub fn association(&self, prev: &str, next: &str) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let next = pair_ending(next);
        let seen = f64::from(self.seconds.get(next).copied().unwrap_or(0));
        let marginal = (seen + 0.5) / (self.total as f64 + 0.5 * self.seconds.len() as f64);
        let (first, pair) = self
            .after
            .get(pair_ending(prev))
            .map_or((0, 0), |(first, seconds)| (*first, seconds.get(next).copied().unwrap_or(0)));
        (f64::from(pair) + PAIR_SMOOTHING * marginal) / (f64::from(first) + PAIR_SMOOTHING) / marginal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_common_ending_costs_less_than_a_rare_one() {
        let words: HashMap<String, u32> =
            [("қызметшілерін", 20), ("нәтижелерін", 10), ("талаптарын", 10), ("кітабыңыз", 1), ("сөз", 5)].into_iter().map(|(w, n)| (w.to_owned(), n)).collect();
        let model = EndingModel::of_words(&words);
        let common = model.cost("кезеңдерін");
        let rare = model.cost("кезеңдеріңіз");
        assert!(rare > common + 3.0, "{common} {rare}");
        assert_eq!(EndingModel::default().cost("кез"), 0.0);
    }

    #[test]
    fn endings_that_went_together_in_the_corpus_go_together_in_words_it_never_saw() {
        // A genitive is followed by a possessive, an accusative by a verb.
        let bigrams = [("комиссияның", "шешімі", 30), ("мекеменің", "басшысы", 20), ("құжаттарын", "ұсынады", 30), ("шешімін", "қабылдайды", 20)];
        let model = EndingPairs::of_bigrams(bigrams.into_iter());
        // Words none of the bigrams hold.
        let genitive_then_possessive = model.association("қызметшінің", "жұмысы");
        let accusative_then_possessive = model.association("нысанын", "жұмысы");
        assert!(genitive_then_possessive > 1.5, "{genitive_then_possessive}");
        assert!(accusative_then_possessive < 1.0, "{accusative_then_possessive}");
        assert_eq!(EndingPairs::default().association("а", "б"), 1.0);
    }
}
