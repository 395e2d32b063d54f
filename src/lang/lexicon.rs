//! The lexicon: Kazakh and Russian word forms, lower-cased, in two parts kept apart on purpose:
//!
//! - the *general* part, an `fst::Map` from word form to language bits ([`KAZAKH`],
//!   [`RUSSIAN`]), built by `scripts/build-lexicon` from Debian's hunspell-kk and hunspell-ru
//!   with every affix expanded (Kazakh is agglutinative: the suffix chains are there, not only
//!   stems). It is independent of the corpus, so it may be used when measuring any document;
//! - the *corpus* part, a small `fst::Set` of the word forms seen in the corpus, built at load
//!   time from per-document counts ([`super::corpus`]) so that a measured document can be left
//!   out of it;
//! - the *attested* set, an `fst::Set` of the forms found in running text: the word lists of
//!   Debian's Tesseract models for Kazakh and Russian (built from web text of 2017, years
//!   before any order measured here). Hunspell's affix expansion over-generates ("жобалдау",
//!   "кезеңілер" are not words), and it lacks many real forms ("жүйелерін"): the general part
//!   holds the attested forms too, and a reader may charge a form nobody wrote more
//!   ([`Lexicon::attested`]).
//!
//! Not here: spelling correction or OCR candidate search (see [`crate::repair::ocr`]), which walk
//! these automata; word frequencies (see [`super::corpus`]).

use std::sync::Arc;

use fst::raw::{Fst, Node};
use fst::{Map, MapBuilder, Set};

use super::script::keyboard_originals;

/// Language bit: the form is Kazakh (hunspell-kk).
pub const KAZAKH: u64 = 1;
/// Language bit: the form is Russian (hunspell-ru).
pub const RUSSIAN: u64 = 2;

/// A set of lower-cased word forms.
#[derive(Clone)]
pub struct Lexicon {
    general: Map<Vec<u8>>,
    corpus: Set<Vec<u8>>,
    /// Shared: the general and chain lexicons hold the same set, and every held-out copy of
    /// the resources clones the lexicons.
    attested: Option<Arc<Set<Vec<u8>>>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} general + {} corpus words)", self.general.len(), self.corpus.len())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("invalid lexicon data: {0}")]
pub struct LexiconError(#[from] fst::Error);

impl Lexicon {
    /// A lexicon of the given words (any order, any case; duplicates are fine), language
    /// unknown. For tests and small tools.
    pub fn from_words<I, S>(words: I) -> Lexicon
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let bytes = build_general(words.into_iter().map(|w| (w.as_ref().to_lowercase(), 0)));
        Lexicon { general: Map::new(bytes).expect("freshly built map"), corpus: Set::default(), attested: None }
    }

    /// A lexicon from the bytes of a serialised `fst::Map` (as written by [`build_general`]).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Lexicon, LexiconError> {
        Ok(Lexicon { general: Map::new(bytes)?, corpus: Set::default(), attested: None })
    }

    /// This lexicon with the attested forms from the bytes of a serialised `fst::Set` (as
    /// written by [`build_set`]). For tests: the data load shares one set between lexicons
    /// ([`Lexicon::with_attested`]).
    #[cfg(test)]
    pub fn with_attested_bytes(self, bytes: Vec<u8>) -> Result<Lexicon, LexiconError> {
        Ok(self.with_attested(Arc::new(Set::new(bytes)?)))
    }

    /// This lexicon with `attested` as its attested forms (shared with other lexicons).
    pub fn with_attested(mut self, attested: Arc<Set<Vec<u8>>>) -> Lexicon {
        self.attested = Some(attested);
        self
    }

    /// This lexicon with `words` (lower-cased forms seen in the corpus) as its corpus part.
    pub fn with_corpus_words<I, S>(mut self, words: I) -> Lexicon
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut sorted: Vec<String> = words.into_iter().map(|w| w.as_ref().to_lowercase()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        self.corpus = Set::from_iter(sorted).unwrap_or_default();
        self
    }

    pub fn len(&self) -> usize {
        self.general.len() + self.corpus.len()
    }

    pub fn is_empty(&self) -> bool {
        self.general.is_empty() && self.corpus.is_empty()
    }

    /// Whether `word` (any case) is a known word form.
    pub fn contains(&self, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.contains_lower(&word.to_lowercase())
        } else {
            self.contains_lower(word)
        }
    }

    fn contains_lower(&self, word: &str) -> bool {
        self.general.contains_key(word) || self.corpus.contains(word)
    }

    /// The language bits of a lower-cased form in the general part (0 when unknown there).
    pub fn languages(&self, lower: &str) -> u64 {
        self.general.get(lower).unwrap_or(0)
    }

    /// Whether a lower-cased form was seen in the corpus part.
    pub fn in_corpus(&self, lower: &str) -> bool {
        self.corpus.contains(lower)
    }

    /// Whether a lower-cased form was seen in running text: in the attested set or in the
    /// corpus. Without an attested set every form counts as attested, so that a lexicon
    /// built without one charges nothing extra.
    pub fn attested(&self, lower: &str) -> bool {
        self.attested.as_ref().is_none_or(|set| set.contains(lower)) || self.corpus.contains(lower)
    }

    /// Whether running text is the only evidence for a lower-cased form: it is in the attested
    /// set, but in no dictionary and not in the corpus. A lexicon without an attested set (a
    /// list of words, such as the corpus words that follow a given word) has no such forms.
    pub fn text_only(&self, lower: &str) -> bool {
        self.attested.as_ref().is_some_and(|set| set.contains(lower)) && self.languages(lower) == 0 && !self.corpus.contains(lower)
    }

    /// Whether another form of the lexicon is `lower` with one or more of its letters put back
    /// to the Kazakh letter a Russian keyboard types that way ([`keyboard_originals`]):
    /// "кабылданатын" is "қабылданатын" typed without Kazakh letters.
    pub fn has_keyboard_original(&self, lower: &str) -> bool {
        let chars: Vec<char> = lower.chars().collect();
        let automata = self.automata();
        keyboard_walk(automata, &chars, automata.map(|fst| Some(fst.root())), false)
    }

    /// A lexicon of this one's corpus part alone.
    pub fn corpus_only(&self) -> Lexicon {
        Lexicon { general: Map::default(), corpus: self.corpus.clone(), attested: None }
    }

    /// The automata to search (general, then corpus), for candidate generation.
    pub fn automata(&self) -> [&Fst<Vec<u8>>; 2] {
        [self.general.as_fst(), self.corpus.as_fst()]
    }
}

/// Depth-first over the spellings of `rest` from `nodes` (one per automaton, `None` where it
/// has no such prefix), each letter as it is or put back ([`keyboard_originals`]); whether one
/// that put some letter back is a form.
fn keyboard_walk(automata: [&Fst<Vec<u8>>; 2], rest: &[char], nodes: [Option<Node<'_>>; 2], restored: bool) -> bool {
    let Some((&c, tail)) = rest.split_first() else {
        return restored && nodes.iter().flatten().any(|node| node.is_final());
    };
    // A last н may be the accusative's where ң would be the genitive's or "your": two words,
    // not one spelt two ways ("жүйелерін", "жүйелерің").
    let originals = if c == 'н' && tail.is_empty() { &[][..] } else { keyboard_originals(c) };
    std::iter::once((c, false)).chain(originals.iter().map(|&k| (k, true))).any(|(letter, restores)| {
        let next = [0, 1].map(|k| nodes[k].and_then(|node| step(automata[k], node, letter)));
        next.iter().any(Option::is_some) && keyboard_walk(automata, tail, next, restored || restores)
    })
}

/// The node after `c`'s UTF-8 bytes from `node`, if the automaton goes on so.
fn step<'f>(fst: &'f Fst<Vec<u8>>, mut node: Node<'f>, c: char) -> Option<Node<'f>> {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        node = fst.node(node.transition(node.find_input(b)?).addr);
    }
    Some(node)
}

/// Serialises word forms with their language bits as an `fst::Map`. The input may be in any
/// order and repeat words: bits of repeats are OR-ed.
pub fn build_general<I>(words: I) -> Vec<u8>
where
    I: IntoIterator<Item = (String, u64)>,
{
    let mut all: Vec<(String, u64)> = words.into_iter().filter(|(w, _)| !w.is_empty()).collect();
    all.sort_unstable();
    let mut builder = MapBuilder::memory();
    let mut i = 0;
    while i < all.len() {
        let mut bits = all[i].1;
        let mut j = i + 1;
        while j < all.len() && all[j].0 == all[i].0 {
            bits |= all[j].1;
            j += 1;
        }
        // Sorted and deduplicated: insertion cannot fail.
        let _ = builder.insert(&all[i].0, bits);
        i = j;
    }
    builder.into_inner().unwrap_or_default()
}

/// Serialises word forms as an `fst::Set` (any order, repeats allowed; empty forms dropped).
pub fn build_set<I>(words: I) -> Vec<u8>
where
    I: IntoIterator<Item = String>,
{
    let mut all: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    all.sort_unstable();
    all.dedup();
    Set::from_iter(all).map(|set| set.into_fst().into_inner()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_ignores_case() {
        let lexicon = Lexicon::from_words(["Бұйрық", "приказ", "бұйрық"]);
        assert_eq!(lexicon.len(), 2);
        assert!(lexicon.contains("БҰЙРЫҚ"));
        assert!(lexicon.contains("приказ"));
        assert!(!lexicon.contains("приказа"));
    }

    #[test]
    fn languages_are_merged_and_corpus_part_is_separate() {
        let bytes = build_general([("іс".to_owned(), KAZAKH), ("как".to_owned(), RUSSIAN), ("іс".to_owned(), KAZAKH), ("мен".to_owned(), KAZAKH | RUSSIAN)]);
        let lexicon = Lexicon::from_bytes(bytes).unwrap().with_corpus_words(["НҚ"]);
        assert_eq!(lexicon.languages("іс"), KAZAKH);
        assert_eq!(lexicon.languages("мен"), KAZAKH | RUSSIAN);
        assert_eq!(lexicon.languages("нқ"), 0);
        assert!(lexicon.contains("НҚ") && lexicon.in_corpus("нқ"));
        assert!(!lexicon.in_corpus("іс"));
        assert_eq!(lexicon.len(), 4);
    }

    #[test]
    fn attested_forms_are_the_set_and_the_corpus() {
        let lexicon = Lexicon::from_words(["жобалау", "жобалдау"]);
        assert!(lexicon.attested("жобалдау"), "without an attested set, everything is attested");
        let lexicon = lexicon.with_attested_bytes(build_set(["жобалау".to_owned()])).unwrap().with_corpus_words(["кезеңдері"]);
        assert!(lexicon.attested("жобалау") && lexicon.attested("кезеңдері"));
        assert!(!lexicon.attested("жобалдау"));
        assert!(lexicon.text_only("жобалау") && !lexicon.text_only("кезеңдері") && !lexicon.text_only("жобалдау"));
        assert!(!Lexicon::from_words(["жобалау"]).text_only("жобалау"), "a word list has no text-only forms");
        assert!(lexicon.contains("жобалдау"));
        assert!(Lexicon::from_words(["а"]).with_attested_bytes(vec![7]).is_err());
    }

    #[test]
    fn keyboard_spellings_are_told_by_their_original() {
        let lexicon = Lexicon::from_words(["қабылданатын", "кабылданатын", "тыңдайды", "жүйелерін", "жүйелерің", "ол", "өл"]);
        assert!(lexicon.has_keyboard_original("кабылданатын"), "к for қ");
        assert!(lexicon.has_keyboard_original("тындайды"), "н for ң inside a word (the form itself need not be listed)");
        assert!(lexicon.has_keyboard_original("ол"), "the relation alone cannot tell ол from өл: readers ask it of web-only forms");
        assert!(!lexicon.has_keyboard_original("қабылданатын"), "a form is not its own original");
        assert!(!lexicon.has_keyboard_original("жүйелерін"), "a last н is the accusative's, not ң typed badly");
        assert!(!lexicon.has_keyboard_original("жобалау"), "no original listed");
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        assert!(Lexicon::from_bytes(vec![1, 2, 3]).is_err());
    }
}
