//! Candidate search for one damaged word: a beam search that reads the OCR characters left to
//! right, replaces each OCR segment by the clean segments the [`Channel`] says can produce it,
//! and keeps only clean prefixes the lexicon automata allow (so the search never leaves the
//! set of real word forms). A second, unconstrained search scored by the character model
//! covers words no lexicon knows (names). The winner's letter case is then chosen from the
//! cased channel costs (an English model prints Cyrillic lower-case к, м, т as K, M, T).
//!
//! Not here: splitting text into words, deciding which words are damaged, context (see
//! [`super`]).

mod beam;
mod nodes;

use beam::Found;
pub use nodes::StepCache;
use super::channel::{Channel, UNSEEN_IDENTITY};
use crate::lang::chargram;
use crate::lang::corpus::WordModel;
use crate::lang::lexicon::Lexicon;

/// Tunable weights of the search; the defaults were chosen on generated pairs of the public
/// acts (never on the seeds).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Hypotheses kept per OCR position in a lexicon search (64 until session 7; 128 on the
    /// dev pairs, English model: 2.37% → 2.30%, once the fan-out of unseen edits no longer
    /// grew with it — see `unseen_from`).
    pub beam: usize,
    /// Hypotheses kept per OCR position in the character-model search, which only backs the
    /// lexicon up (names): a narrower beam.
    pub character_beam: usize,
    /// How many of a position's best hypotheses the unseen edits fan out from: each goes to
    /// every letter that continues a word form, so this, not the beam, sets the cost of
    /// unseen edits (doubling it with the beam cost 2.5 times the time for nothing).
    pub unseen_from: usize,
    /// Clean sources tried per OCR segment (10 until session 7; 14 with the wider beam: dev
    /// 2.30% → 2.25%).
    pub max_sources: usize,
    /// Weight of the word unigram cost against the channel cost.
    pub word_weight: f32,
    /// Weight of the character model cost for words outside the lexicon.
    pub char_weight: f32,
    /// Extra cost of answering with a word outside the lexicon (2 with the corpus's character
    /// bigrams; 3 with the web forms' 4-grams, which make any word-shaped string cheaper: dev
    /// pairs, English model 1.70% either way, WER 8.88% → 8.85%, Russian WER 2.90% → 2.87%).
    pub oov_penalty: f32,
    /// Hypotheses worse than the best at their position by more than this are dropped (14
    /// until session 7; 16 with the wider beam and sources: dev 2.25% → 2.18%; 18 and 22 gain
    /// nothing more).
    pub window: f32,
    /// Cost of an edit the channel never saw, in a lexicon search: an OCR character read as any
    /// letter that continues a word form, an OCR character dropped, a letter the OCR lost
    /// (re-chosen on the dev pairs: 7 → 9 once the channel priced segments over all their
    /// occurrences, 9 → 10 with the round 1–3 English channel).
    /// This keeps every lexicon word reachable when the training was too small to show a
    /// segment pair.
    pub unseen_edit: f32,
    /// Extra cost of a lexicon word no running text attests ([`Lexicon::attested`]): a
    /// hunspell expansion or suffix chain nobody was seen writing (5 at first, 7 with the
    /// round 1–3 English channel; both chosen on the dev pairs).
    pub unattested: f32,
    /// Extra cost of a word only running text attests (no dictionary, not the corpus): the
    /// text the word lists came from has its own typos ("қүрылғылары", "зерггеу").
    pub text_only: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            beam: 128,
            character_beam: 16,
            unseen_from: 16,
            max_sources: 14,
            word_weight: 0.5,
            char_weight: 0.8,
            oov_penalty: 3.0,
            window: 16.0,
            unseen_edit: 10.0,
            unattested: 7.0,
            text_only: 2.0,
        }
    }
}

/// Prior costs of the letter cases of a word (lower-case costs nothing).
#[derive(Debug, Clone, Copy)]
pub struct CasePriors {
    pub title: f32,
    pub upper: f32,
}

impl Default for CasePriors {
    fn default() -> Self {
        CasePriors { title: 2.0, upper: 4.0 }
    }
}

impl Reading {
    /// The word in the letter case the channel and `priors` make likeliest.
    pub fn cased(&self, priors: &CasePriors) -> String {
        self.cased_weighted(priors, 1.0)
    }

    /// [`Reading::cased`] with the channel's case costs weighted by `channel` against the
    /// priors.
    pub fn cased_weighted(&self, priors: &CasePriors, channel: f32) -> String {
        let costs = self.case_costs.map(|c| channel * c);
        let totals = [costs[0], costs[1] + priors.title, costs[2] + priors.upper];
        let best = (0..3).min_by(|&a, &b| totals[a].total_cmp(&totals[b])).unwrap_or(0);
        match best {
            1 => capitalise(&self.lower),
            2 => self.lower.to_uppercase(),
            _ => self.lower.clone(),
        }
    }
}

/// Extra cost of reading an OCR segment as if it had been printed in another letter case.
const CASE_BACKOFF: f32 = 1.5;
/// Extra cost of a letter case of a clean segment the training never saw printed as the OCR
/// segment, when another case of it was ([`Decoder::other_case_cost`]).
const UNSEEN_CASE: f32 = 3.0;

/// Where a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Lexicon,
    Characters,
}

/// One reading of a damaged word.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The clean word, letter case restored by the channel alone (see [`Reading::cased`]).
    pub text: String,
    /// Channel cost of the lower, Capitalised and UPPER spellings, for choosing the case in
    /// context.
    pub case_costs: [f32; 3],
    /// Lower-cased, as in the lexicon.
    pub lower: String,
    /// Cost of the reading without the word model: the channel cost (−ln P(ocr | clean)),
    /// plus, for a character-model reading, its weighted character model cost and the
    /// out-of-lexicon penalty. Context models add the word cost to this.
    pub channel_cost: f32,
    /// Channel cost plus the weighted word or character model cost.
    pub cost: f32,
    pub origin: Origin,
}

/// The search over one engine model's channel.
pub struct Decoder<'a> {
    pub lexicon: Option<&'a Lexicon>,
    pub words: &'a WordModel,
    pub channel: &'a Channel,
    pub params: Params,
}

impl Decoder<'_> {
    /// Readings of `ocr`, best first: lexicon words, then the best character-model reading.
    /// At most `n` lexicon readings. Empty when the word is too long to search.
    pub fn readings(&self, ocr: &str, n: usize) -> Vec<Reading> {
        self.collect(ocr, n, true, None)
    }

    /// Lexicon readings only, best first, at most `n + 1` (no character-model search: for
    /// searches that only add lexicon words to readings found already).
    pub fn lexicon_readings(&self, ocr: &str, n: usize) -> Vec<Reading> {
        self.collect(ocr, n, false, None)
    }

    /// [`Decoder::readings`], keeping what the search learns of the lexicon's automata in
    /// `steps` for the next search of the same lexicon (the same readings, sooner).
    pub fn readings_with(&self, ocr: &str, n: usize, steps: &mut StepCache) -> Vec<Reading> {
        self.collect(ocr, n, true, Some(steps))
    }

    /// [`Decoder::lexicon_readings`] through `steps`, as [`Decoder::readings_with`].
    pub fn lexicon_readings_with(&self, ocr: &str, n: usize, steps: &mut StepCache) -> Vec<Reading> {
        self.collect(ocr, n, false, Some(steps))
    }

    fn collect(&self, ocr: &str, n: usize, characters: bool, steps: Option<&mut StepCache>) -> Vec<Reading> {
        let chars: Vec<char> = ocr.chars().collect();
        if chars.is_empty() || chars.len() > 48 {
            return Vec::new();
        }
        let mut readings = Vec::new();
        let table = self.source_table(&chars);
        if let Some(lexicon) = self.lexicon {
            let automata = lexicon.automata();
            let finals = self.search(&table, Some(automata), n.max(1) * 3, steps);
            for hyp in finals {
                let channel_cost = hyp.cost + self.prior(lexicon, &hyp.out);
                let cost = channel_cost + self.params.word_weight * self.words.unigram_cost(&hyp.out) as f32;
                readings.push(self.reading(&chars, &hyp, channel_cost, cost, Origin::Lexicon));
            }
        }
        // Run only when its reading is wanted: discarded ones took a fifth of the seed's time.
        if let Some(hyp) = characters.then(|| self.search(&table, None, 1, None)).and_then(|found| found.into_iter().next()) {
            let end = self.params.char_weight * self.words.chars.cost(chargram::tail_of(&hyp.out), chargram::END) as f32;
            let cost = hyp.cost + end + self.params.oov_penalty;
            readings.push(self.reading(&chars, &hyp, cost, cost, Origin::Characters));
        }
        readings.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.lower.cmp(&b.lower)));
        let mut seen = std::collections::HashSet::new();
        readings.retain(|r| seen.insert(r.lower.clone()));
        readings.truncate(n + 1);
        readings
    }

    /// What a lexicon reading costs for the kind of evidence that it is a word at all.
    fn prior(&self, lexicon: &Lexicon, lower: &str) -> f32 {
        if !lexicon.attested(lower) {
            self.params.unattested
        } else if lexicon.text_only(lower) {
            self.params.text_only
        } else {
            0.0
        }
    }

    fn reading(&self, chars: &[char], hyp: &Found, channel_cost: f32, cost: f32, origin: Origin) -> Reading {
        let lower = &hyp.out;
        let variants = [lower.clone(), capitalise(lower), lower.to_uppercase()];
        let case_costs = [0, 1, 2].map(|k| self.cased_cost(chars, hyp, lower, &variants[k]));
        let mut reading = Reading { text: String::new(), lower: lower.clone(), case_costs, channel_cost, cost, origin };
        reading.text = reading.cased(&CasePriors::default());
        reading
    }

    fn cased_cost(&self, chars: &[char], hyp: &Found, lower: &str, variant: &str) -> f32 {
        // `variant` has the same segment boundaries as `lower` in characters (case mapping of
        // Kazakh and Russian letters keeps the count), so walk both by character counts; a
        // variant that runs short (a case mapping that changes the count) reads as empty.
        let mut cost = 0.0;
        let (mut ocr_from, mut byte_from) = (0usize, 0usize);
        let mut rest = Some(variant);
        let mut ocr = String::new();
        for &(ocr_to, byte_to) in &hyp.segs {
            let ocr_to = ocr_to as usize;
            let byte_to = byte_to as usize;
            let clean_lower = lower.get(byte_from..byte_to).unwrap_or("");
            let n = clean_lower.chars().count();
            let clean = match rest {
                Some(r) if r.chars().count() >= n => {
                    let split = r.char_indices().nth(n).map_or(r.len(), |(i, _)| i);
                    rest = Some(&r[split..]);
                    &r[..split]
                }
                _ => {
                    rest = None;
                    ""
                }
            };
            ocr.clear();
            ocr.extend(chars.get(ocr_from..ocr_to).unwrap_or(&[]));
            cost += match self.channel.cased_cost(clean, &ocr) {
                Some(c) => c,
                None if clean == ocr => UNSEEN_IDENTITY,
                None => self.other_case_cost(clean, &ocr).map_or(UNSEEN_IDENTITY, |c| c.max(UNSEEN_IDENTITY)) + UNSEEN_CASE,
            };
            ocr_from = ocr_to;
            byte_from = byte_to;
        }
        cost
    }

    /// The cheapest cost of `ocr` from `clean` in any letter case: a cased pair the training
    /// never saw costs [`UNSEEN_CASE`] more than that, and never less than [`UNSEEN_CASE`]
    /// over the unseen-identity price (the floor the case priors of a Russian model's
    /// capitals were tuned against). Before, it started from the unseen-identity price
    /// alone, so a lower-case і the Russian model never printed as "[" cost less than the
    /// capital І it printed so 40 times: "Президенті [с Басқармасы" came out "іс".
    fn other_case_cost(&self, clean: &str, ocr: &str) -> Option<f32> {
        [clean.to_lowercase(), capitalise(&clean.to_lowercase()), clean.to_uppercase()]
            .iter()
            .filter_map(|variant| self.channel.cased_cost(variant, ocr))
            .min_by(f32::total_cmp)
    }
}

/// `word` with its first letter upper-cased.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::corpus::{CorpusCounts, DocCounts};
    use std::collections::BTreeMap;

    fn channel() -> Channel {
        let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (clean, ocr, n) in [
            ("қ", "k", 200), ("қ", "K", 50), ("к", "k", 300), ("К", "K", 300), ("Қ", "K", 200), ("а", "a", 500), ("з", "3", 100), ("з", "z", 100),
            ("с", "c", 400), ("т", "r", 100), ("т", "T", 300), ("н", "H", 300), ("н", "n", 50), ("ы", "bl", 200), ("ы", "bI", 100), ("б", "6", 100),
            ("п", "n", 100), ("л", "n", 100), ("и", "u", 200), ("у", "y", 200), ("р", "p", 300), ("е", "e", 300), ("Р", "P", 100), ("с", "C", 50),
        ] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        Channel::from_pairs(&pairs)
    }

    fn words() -> WordModel {
        let mut counts = CorpusCounts::default();
        counts.docs.insert("x".into(), DocCounts::of_text("қазақстан республикасы қазақстан"));
        counts.model(&[])
    }

    #[test]
    fn finds_the_lexicon_word_under_the_channel_and_restores_case() {
        let lexicon = Lexicon::from_words(["қазақстан", "республикасы", "казак", "салық"]);
        let (channel, words) = (channel(), words());
        let decoder = Decoder { lexicon: Some(&lexicon), words: &words, channel: &channel, params: Params::default() };
        let readings = decoder.readings("Kazakcran", 3);
        assert_eq!(readings[0].lower, "қазақстан", "{readings:?}");
        assert_eq!(readings[0].origin, Origin::Lexicon);
        // The channel favours a capital (K is Қ more surely than қ); whether that beats the
        // prior for lower case depends on where the word stands.
        let [lower, title, upper] = readings[0].case_costs;
        assert!(title < lower && lower < upper, "{readings:?}");
        assert_eq!(readings[0].cased(&CasePriors { title: -1.0, upper: 4.0 }), "Қазақстан");
        assert_eq!(readings[0].cased(&CasePriors { title: 2.0, upper: 4.0 }), "қазақстан");
        let readings = decoder.readings("Pecny6nukacbl", 3);
        assert_eq!(readings[0].lower, "республикасы", "{readings:?}");
        assert_eq!(readings[0].cased(&CasePriors { title: -1.0, upper: 4.0 }), "Республикасы");
    }

    #[test]
    fn a_form_no_text_attests_costs_more_than_one_only_text_attests() {
        use crate::lang::lexicon::{build_general, build_set, KAZAKH};
        let general = build_general([("жобалау", KAZAKH), ("жобалдау", KAZAKH), ("жүйелерін", 0)].map(|(w, bits)| (w.to_owned(), bits)));
        let attested = build_set(["жобалау", "жүйелерін"].map(str::to_owned));
        let lexicon = Lexicon::from_bytes(general).unwrap().with_attested_bytes(attested).unwrap().with_corpus_words(["кезеңдері"]);
        let (channel, words) = (channel(), words());
        let decoder = Decoder { lexicon: Some(&lexicon), words: &words, channel: &channel, params: Params::default() };
        let [dictionary_and_text, text_only, dictionary_only, corpus] = ["жобалау", "жүйелерін", "жобалдау", "кезеңдері"].map(|w| decoder.prior(&lexicon, w));
        assert_eq!((dictionary_and_text, corpus), (0.0, 0.0));
        assert!(0.0 < text_only && text_only < dictionary_only, "{text_only} {dictionary_only}");
        // And in a search: of two dictionary words the channel reads equally well ("n" is п
        // as often as л), the one running text attests wins (ties otherwise go to "ласа").
        let general = build_general([("паса", KAZAKH), ("ласа", KAZAKH)].map(|(w, b)| (w.to_owned(), b)));
        let lexicon = Lexicon::from_bytes(general).unwrap().with_attested_bytes(build_set(["паса".to_owned()])).unwrap();
        let decoder = Decoder { lexicon: Some(&lexicon), words: &words, channel: &channel, params: Params::default() };
        let readings = decoder.readings("naca", 2);
        assert_eq!(readings[0].lower, "паса", "{readings:?}");
        assert_eq!(readings[1].lower, "ласа", "{readings:?}");
    }

    #[test]
    fn a_letter_case_the_training_never_saw_printed_so_costs_more_than_one_it_saw() {
        // The training saw a capital І printed as "[" (rarely), never a lower-case і.
        let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (clean, ocr, n) in [("І", "[", 10), ("І", "І", 290), ("і", "і", 900), ("с", "с", 500)] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        let channel = Channel::from_pairs(&pairs);
        let (lexicon, words) = (Lexicon::from_words(["іс"]), words());
        let decoder = Decoder { lexicon: Some(&lexicon), words: &words, channel: &channel, params: Params::default() };
        let readings = decoder.readings("[с", 1);
        assert_eq!(readings[0].lower, "іс", "{readings:?}");
        let [lower, title, _] = readings[0].case_costs;
        // Before, the unseen lower case cost the unseen-identity price plus 3 (3.7), less than
        // the capital the training saw (3.9).
        assert!(title + 2.0 < lower, "{readings:?}");
    }

    #[test]
    fn unknown_words_fall_back_to_characters() {
        let lexicon = Lexicon::from_words(["қазақстан"]);
        let (channel, words) = (channel(), words());
        let decoder = Decoder { lexicon: Some(&lexicon), words: &words, channel: &channel, params: Params::default() };
        let readings = decoder.readings("Tacbl", 2);
        assert_eq!(readings[0].origin, Origin::Characters);
        assert_eq!(readings[0].lower, "тасы");
        assert!(decoder.readings("", 2).is_empty());
    }
}
