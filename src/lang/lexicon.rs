//! The lexicon: a set of Kazakh and Russian word forms, lower-cased, stored as an `fst::Set`.
//!
//! Built by `scripts/build-lexicon` from Debian's hunspell-kk and hunspell-ru and the corpus
//! (see the README). Not here: spelling correction or OCR candidate search (see
//! [`crate::repair`]), which use this set.

use fst::Set;

/// A set of lower-cased word forms.
pub struct Lexicon {
    words: Set<Vec<u8>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} words)", self.words.len())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("invalid lexicon data: {0}")]
pub struct LexiconError(#[from] fst::Error);

impl Lexicon {
    /// A lexicon of the given words (any order, any case; duplicates are fine).
    pub fn from_words<I, S>(words: I) -> Lexicon
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut sorted: Vec<String> = words.into_iter().map(|w| w.as_ref().to_lowercase()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        Lexicon { words: Set::from_iter(sorted).expect("sorted, deduplicated input") }
    }

    /// A lexicon from the bytes of a serialised `fst::Set` (as written by the build script).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Lexicon, LexiconError> {
        Ok(Lexicon { words: Set::new(bytes)? })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `word` (any case) is a known word form.
    pub fn contains(&self, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.words.contains(word.to_lowercase())
        } else {
            self.words.contains(word)
        }
    }

    /// The underlying set, for automaton searches.
    pub fn set(&self) -> &Set<Vec<u8>> {
        &self.words
    }
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
}
