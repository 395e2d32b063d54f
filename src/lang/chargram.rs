//! The character model of words no lexicon knows (names, rare derivations, participles
//! hunspell does not list): a character 4-gram model, Witten–Bell interpolated down to a
//! uniform distribution, of the word forms of running text (the word lists of Debian's
//! Tesseract models for Kazakh and Russian, web text of 2017: no measured document is in
//! them, so leave-one-out holds without leaving anything out).
//!
//! It is built once by `make data` into an `fst::Map` (`data/build/chargrams.fst`) and read
//! as it is: loading costs nothing, and the lookup of a seen n-gram walks a dozen bytes
//! (an unseen one backs off through shorter contexts). Each form counts once: unknown words
//! are types, not tokens.
//!
//! Not here: word frequencies or context (see [`super::corpus`]); the search that uses it
//! (see [`crate::repair::ocr::decode`]).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use fst::{Map, MapBuilder};

/// Characters of context (the model's order is one more). Dev pairs, English model: 2
/// (trigrams) 1.72%, 3 1.70% (WER 8.85%), 4 1.70% (WER 8.87%).
pub const CONTEXT: usize = 3;

/// The [`CONTEXT`] characters before a position, oldest first; `'^'` before a word's start.
pub type Context = [char; CONTEXT];

/// The context at a word's start.
pub const START: Context = ['^'; CONTEXT];

/// The end of a word, as a character the model predicts.
pub const END: char = '$';

/// The context after `c` in `context`.
pub fn shift(context: Context, c: char) -> Context {
    let mut next = [c; CONTEXT];
    next[..CONTEXT - 1].copy_from_slice(&context[1..]);
    next
}

/// The context after `word`: its last [`CONTEXT`] characters, `'^'` before its start.
pub fn tail_of(word: &str) -> Context {
    let mut tail = START;
    for (slot, c) in tail.iter_mut().rev().zip(word.chars().rev()) {
        *slot = c;
    }
    tail
}

/// Key byte between a context and the character after it (an n-gram's key, which holds its
/// interpolated probability).
const NEXT: u8 = 1;
/// Key byte after a context (the probability share it leaves to its shorter context).
const STATS: u8 = 2;
/// Key of the alphabet's size.
const ALPHABET: &[u8] = &[3];

/// Why the model's bytes are not a model.
#[derive(Debug, thiserror::Error)]
#[error("not a character model: {0}")]
pub struct CharGramsError(String);

/// A character n-gram model over an `fst::Map` (see the module doc).
pub struct CharGrams {
    map: Map<Vec<u8>>,
    alphabet: f64,
    id: u64,
}

impl std::fmt::Debug for CharGrams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CharGrams").field("keys", &self.map.len()).field("alphabet", &self.alphabet).finish()
    }
}

/// The key of `context` followed by `next` (an n-gram's) or alone (a context's).
fn key(context: &[char], next: Option<char>) -> Vec<u8> {
    let mut key = Vec::new();
    write_key(context, next, &mut key);
    key
}

fn write_key(context: &[char], next: Option<char>, key: &mut Vec<u8>) {
    key.clear();
    let mut buf = [0u8; 4];
    for c in context {
        key.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    match next {
        Some(c) => {
            key.push(NEXT);
            key.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        None => key.push(STATS),
    }
}

impl CharGrams {
    /// The serialised model of `words` (lower-cased forms, each counted once). Each seen
    /// n-gram's key holds its interpolated probability, and each seen context's the share of
    /// probability it leaves to its shorter context, so that a lookup of a seen n-gram is
    /// one walk of the automaton.
    pub fn build<'w>(words: impl IntoIterator<Item = &'w str>) -> Vec<u8> {
        // Per order k: (context of k chars, next char) → count; context → (total, distinct).
        let mut counts: Vec<BTreeMap<(Vec<char>, char), u64>> = vec![BTreeMap::new(); CONTEXT + 1];
        let mut letters = std::collections::BTreeSet::new();
        for word in words {
            let mut context = START;
            for c in word.chars().chain(std::iter::once(END)) {
                letters.insert(c);
                for (k, order) in counts.iter_mut().enumerate() {
                    *order.entry((context[CONTEXT - k..].to_vec(), c)).or_default() += 1;
                }
                context = shift(context, c);
            }
        }
        let uniform = 1.0 / (letters.len() as f64 + 1.0);
        let mut keys: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        let mut shorter: BTreeMap<(Vec<char>, char), f64> = BTreeMap::new();
        for order in &counts {
            let mut stats: BTreeMap<&[char], (f64, f64)> = BTreeMap::new();
            for ((context, _), &n) in order {
                let entry = stats.entry(context).or_default();
                entry.0 += n as f64;
                entry.1 += 1.0;
            }
            let mut probabilities = BTreeMap::new();
            for ((context, c), &n) in order {
                let (total, distinct) = stats[context.as_slice()];
                let backoff = context.split_first().map_or(uniform, |(_, rest)| shorter[&(rest.to_vec(), *c)]);
                let p = (n as f64 + distinct * backoff) / (total + distinct);
                keys.insert(key(context, Some(*c)), u64::from((p as f32).to_bits()));
                probabilities.insert((context.clone(), *c), p);
            }
            for (context, (total, distinct)) in stats {
                keys.insert(key(context, None), u64::from(((distinct / (total + distinct)) as f32).to_bits()));
            }
            shorter = probabilities;
        }
        keys.insert(ALPHABET.to_vec(), letters.len() as u64);
        let mut builder = MapBuilder::memory();
        builder.extend_iter(keys).expect("keys are sorted and distinct");
        builder.into_inner().expect("an in-memory fst")
    }

    /// The model in `bytes` (as [`CharGrams::build`] makes them).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<CharGrams, CharGramsError> {
        let map = Map::new(bytes).map_err(|err| CharGramsError(err.to_string()))?;
        let alphabet = map.get(ALPHABET).ok_or_else(|| CharGramsError("no alphabet".into()))? as f64;
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Ok(CharGrams { map, alphabet: alphabet.max(1.0), id: NEXT_ID.fetch_add(1, Ordering::Relaxed) })
    }

    /// A number no other model of this process has: costs cached under it stay right.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// −ln P(`c` | `context`); `c` may be [`END`]. The longest seen n-gram ending in `c` has
    /// its probability, scaled by the shares that the longer contexts seen leave to it.
    pub fn cost(&self, context: Context, c: char) -> f64 {
        let mut scale = 1.0f64;
        let mut key = Vec::with_capacity(4 * CONTEXT + 6);
        for k in (0..=CONTEXT).rev() {
            let context = &context[CONTEXT - k..];
            write_key(context, Some(c), &mut key);
            if let Some(p) = self.map.get(&key) {
                return -(scale * f64::from(f32::from_bits(p as u32))).ln();
            }
            write_key(context, None, &mut key);
            if let Some(share) = self.map.get(&key) {
                scale *= f64::from(f32::from_bits(share as u32));
            }
        }
        -(scale / (self.alphabet + 1.0)).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// −ln P(`word`), its end included.
    fn word_cost(model: &CharGrams, word: &str) -> f64 {
        let mut context = START;
        word.chars().chain([END]).map(|c| {
            let cost = model.cost(context, c);
            context = shift(context, c);
            cost
        }).sum()
    }

    fn model() -> CharGrams {
        CharGrams::from_bytes(CharGrams::build(["мадиев", "сапиев", "әлиев", "аттестатталатын", "бағалаушылар", "аттестатталады"])).unwrap()
    }

    #[test]
    fn the_context_after_a_word_is_its_last_characters() {
        assert_eq!(tail_of("бұйрық"), ['р', 'ы', 'қ']);
        assert_eq!(tail_of("іс"), ['^', 'і', 'с']);
        assert_eq!(tail_of(""), START);
        assert_eq!(tail_of("бұйрық"), "бұйрық".chars().fold(START, shift));
    }

    #[test]
    fn a_word_shaped_like_the_list_costs_less_than_garbage() {
        let model = model();
        assert!(word_cost(&model, "бисембиев") < word_cost(&model, "бйсембйөв"));
        // Longer contexts tell more than letter pairs: "тт" then "е" is seen, "тч" never.
        assert!(model.cost(['а', 'т', 'т'], 'е') + 2.0 < model.cost(['а', 'т', 'т'], 'ч'));
    }

    /// Witten–Bell interpolation as the textbook writes it, from the counts.
    fn interpolated(words: &[&str], context: Context, c: char) -> f64 {
        let alphabet: std::collections::BTreeSet<char> = words.iter().flat_map(|w| w.chars()).chain([END]).collect();
        let mut p = 1.0 / (alphabet.len() as f64 + 1.0);
        for k in 0..=CONTEXT {
            let history = &context[CONTEXT - k..];
            let mut nexts: BTreeMap<char, f64> = BTreeMap::new();
            for word in words {
                let mut at = START;
                for next in word.chars().chain([END]) {
                    if at[CONTEXT - k..] == *history {
                        *nexts.entry(next).or_default() += 1.0;
                    }
                    at = shift(at, next);
                }
            }
            if nexts.is_empty() {
                break;
            }
            let (total, distinct) = (nexts.values().sum::<f64>(), nexts.len() as f64);
            p = (nexts.get(&c).copied().unwrap_or(0.0) + distinct * p) / (total + distinct);
        }
        p
    }

    #[test]
    fn one_walk_gives_the_interpolated_probability() {
        let words = ["мадиев", "сапиев", "әлиев", "аттестатталатын", "бағалаушылар", "аттестатталады"];
        let model = CharGrams::from_bytes(CharGrams::build(words)).unwrap();
        for (context, c) in [(START, 'м'), (['т', 'т', 'е'], 'с'), (['и', 'е', 'в'], END), (['и', 'е', 'в'], 'а'), (['ж', 'ж', 'а'], 'т'), (['а', 'т', 'т'], 'ч'), (START, 'ё')] {
            let expected = interpolated(&words, context, c);
            let got = (-model.cost(context, c)).exp();
            assert!((got - expected).abs() < 1e-6 * expected.max(1e-3), "{context:?} {c}: {got} vs {expected}");
        }
    }

    #[test]
    fn every_character_and_context_has_a_finite_cost() {
        let model = model();
        let cost = model.cost(['ъ', 'q', '7'], '☃');
        assert!(cost.is_finite() && cost > 0.0, "{cost}");
        assert!(word_cost(&model, "").is_finite());
    }

    #[test]
    fn probabilities_after_a_context_sum_to_one_over_the_alphabet_and_the_rest() {
        let model = model();
        let seen: std::collections::BTreeSet<char> = ["мадиев", "сапиев", "әлиев", "аттестатталатын", "бағалаушылар", "аттестатталады"].iter().flat_map(|w| w.chars()).chain([END]).collect();
        for context in [START, ['и', 'е', 'в'], ['х', 'у', 'й']] {
            let sum: f64 = seen.iter().map(|&c| (-model.cost(context, c)).exp()).sum();
            // What is left is the uniform share of characters never seen.
            assert!(sum < 1.0 && sum > 0.9, "{context:?}: {sum}");
        }
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        assert!(CharGrams::from_bytes(b"not an fst".to_vec()).is_err());
        let empty = fst::Map::from_iter(std::iter::empty::<(&[u8], u64)>()).unwrap().into_fst().into_inner();
        assert!(CharGrams::from_bytes(empty).is_err());
    }
}
