//! The options of one stretch of OCR'd text: which engine model damaged a word (or that it is
//! not damaged), its readings under that model's channel with leading and trailing OCR
//! punctuation tried both as punctuation and as letters, readings proposed by the words the
//! corpus has after the previous word, and readings of two pieces merged into one word ("XKacaH
//! bl" → "Жасанды"). Readings are cached per document.
//!
//! Not here: choosing among the options in context (see [`super::lattice`]), letter case and
//! the edits (see [`super`]).

use std::collections::HashMap;

use super::channel::{self, Channel, EngineModel};
use super::decode::{Decoder, Origin, Params, Reading, StepCache};
use super::channel::FxMap;
use super::{words, Damage};
use crate::lang::lexicon::Lexicon;
use crate::lang::{script, Resources};

/// Readings asked of the decoder per word.
const READINGS: usize = 4;
/// Readings asked of each search apart (corpus words, suffix chains).
const APART_READINGS: usize = 2;
/// Extra cost of a reading only the generated suffix chains know: a listed word that fits
/// the OCR as well is the likelier one.
const CHAIN_WORD: f32 = 2.0;
/// The suffix chains are searched only when the best lexicon reading so far costs at least
/// this much channel per OCR character: a chain word pays [`CHAIN_WORD`] and the unattested
/// price, so it only wins where no listed word fits, and its search is a third of the pass.
/// Dev pairs, English model, at a beam of 128: searched always 2.31%, from 3 nats 2.30%,
/// 2.5 and 2: 2.30%, 1.5: 2.31% (Russian 0.55% throughout); `eval repair` over the dev pairs
/// takes about 15% less time.
const CHAINS_FROM: f32 = 2.5;
/// Options kept per arc, cheapest first by cost plus unigram.
pub const OPTIONS: usize = 8;

/// Punctuation that legal prose puts before a word, and after one. A slash closes a name
/// ("Серікбаев/") but seldom opens a word, while an English model prints д as "/", "/{" or
/// "/,": a leading "/" is odd ("/etamMu" is "деталями").
const LEADING_MARKS: &str = "(\"«'“„-–—№";
const TRAILING_MARKS: &str = "),.:;\"»'”-–—/%";
/// Extra cost of keeping any other mark next to a word.
const ODD_MARK: f32 = 3.0;
/// Prior cost of a comma after a word: the log-odds against one (about 4% of the corpus's
/// words have one; ln(96/4) ≈ 3.2). Without it a comma kept as printed cost nothing, and
/// "KbI3MeTWiciHiH," read as "қызметшісінің," though OCR prints ң as "H," (its descender as a
/// comma) a fifth of the time. Dev pairs, English model: 2.89% → 2.78% (1.5: 2.81%).
const COMMA: f32 = 3.0;
/// Prior cost of an opening parenthesis glued to a word: the log-odds against one (142 of the
/// corpus's 13,177 words, ln(13035/142) ≈ 4.5). An English model prints ф as "(p", "(b" or
/// "(|)", and "p" alone reads as ф too, so without it "(bopmupyer" kept its "(" as prose:
/// "(формирует". Dev pairs, English model: 2.51% → 2.49%. The same log-odds for the other
/// marks (a final point 2.9, « 4.4, ») 4.1 …) made it worse (2.55%): those are seldom a
/// letter's remains, and a prior against them only makes a core swallow them.
const OPEN_PARENTHESIS: f32 = 4.5;
/// Cost of dropping such a mark as an OCR speck.
const DROPPED_MARK: f32 = 2.0;
/// Cost of dropping a mark after a word a Russian model read: that model prints a Kazakh
/// document's letters as letters or as single marks ("кызметтер!" is "қызметтері", "!" for
/// і), seldom specks, and at [`DROPPED_MARK`] the shorter, more frequent form won. Dev pairs,
/// Russian model: 2: 0.54% (WER 3.60%), 3: 0.52% (3.45%), 4: 0.52% (3.47%), 6: 0.53%
/// (3.53%); the same price before a word as well: 0.54% at 4 ("[іс" kept its bracket).
const DROPPED_TRAILING_MARK_RUSSIAN: f32 = 3.0;

/// Cost of reading the OCR character `c` as itself.
fn char_identity_cost(channel: &Channel, c: char) -> f32 {
    let mut buf = [0u8; 4];
    let c = c.encode_utf8(&mut buf);
    channel.cased_cost(c, c).unwrap_or(channel::UNSEEN_IDENTITY)
}

/// Marks that end a clause: prose never puts two in a row after a word.
const CLAUSE_MARKS: &str = ".,:;";

/// Per mark of `text`, whether prose puts it there: a mark of `allowed`, unless it is a clause
/// mark right before another ("м1ндетт:." is "міндетті.": OCR prints і as ":").
fn prose_marks(text: &str, allowed: &str) -> Vec<bool> {
    let chars: Vec<char> = text.chars().collect();
    let clause = |c: Option<&char>| c.is_some_and(|c| CLAUSE_MARKS.contains(*c));
    (0..chars.len()).map(|k| allowed.contains(chars[k]) && !(clause(chars.get(k)) && clause(chars.get(k + 1)))).collect()
}

/// One decoded reading of an arc: the reading of the word's core, with the OCR punctuation
/// kept around it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub lead: String,
    pub trail: String,
    pub reading: Reading,
    pub engine: EngineModel,
}

/// The position of a word among its neighbours that decides which readings to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Glued to a number by a slash ("521/НҚ"): an abbreviation.
    NumberSuffix,
    Other,
}

/// Finds readings, caching them per (engine, OCR text).
pub struct Reader<'a> {
    pub damage: Damage,
    latin: Decoder<'a>,
    cyrillic: Decoder<'a>,
    cache: HashMap<(EngineModel, String), Vec<Reading>>,
    /// The lexicon of the corpus's successors of each previous word, built once per document:
    /// previous words repeat (the seed asks 1,105 times for 292 words).
    successors: HashMap<String, Lexicon>,
    /// What the searches learnt of each lexicon's automata ([`StepCache::owner`]; all of
    /// them outlive the reader): a document's words share their prefixes.
    steps: FxMap<[usize; 2], StepCache>,
    resources: &'a Resources,
    corpus_words: Option<&'a Lexicon>,
    chains: Option<&'a Lexicon>,
    /// Extra cost of a comma kept after a word ending in each OCR letter ([`comma_doubts`]).
    comma_doubts: FxMap<char, f32>,
}

impl<'a> Reader<'a> {
    pub fn new(damage: Damage, resources: &'a Resources, models: &'a super::OcrModels) -> Reader<'a> {
        let lexicon = resources.lexicon.as_ref();
        Reader {
            damage,
            latin: Decoder { lexicon, words: &models.words, channel: &models.english, params: super::params() },
            cyrillic: Decoder { lexicon, words: &models.words, channel: &models.russian, params: super::params() },
            cache: HashMap::new(),
            successors: HashMap::new(),
            steps: FxMap::default(),
            resources,
            corpus_words: models.corpus_words.as_ref(),
            chains: models.chains.as_ref(),
            comma_doubts: FxMap::default(),
        }
    }

    /// This reader doubting the commas `text` prints after some letters ([`comma_doubts`]).
    pub fn doubting_commas_of(mut self, text: &str) -> Reader<'a> {
        self.comma_doubts = comma_doubts(text);
        self
    }

    /// This reader searching with `params` instead of the pass's own.
    pub fn with_params(mut self, params: Params) -> Reader<'a> {
        self.latin.params = params;
        self.cyrillic.params = params;
        self
    }

    /// Reads `engine` through `channel` (the document's own, see [`super::adapt`]) from now
    /// on. The readings found so far under `engine` are dropped: costs from two channels do
    /// not compare in one lattice (keeping the sure words' readings cost 0.1 point on the
    /// unseen-font dev pairs). The lexicons' step caches stay: they know nothing of the
    /// channel.
    pub fn refit(&mut self, engine: EngineModel, channel: &'a Channel) {
        match engine {
            EngineModel::English => self.latin.channel = channel,
            EngineModel::Russian => self.cyrillic.channel = channel,
        }
        self.cache.retain(|(cached, _), _| *cached != engine);
    }

    fn decoder(&self, engine: EngineModel) -> &Decoder<'a> {
        match engine {
            EngineModel::English => &self.latin,
            EngineModel::Russian => &self.cyrillic,
        }
    }

    /// Which engine model damaged `word`, or `None` when it reads as it is.
    pub fn engine(&self, word: &str, slot: Slot) -> Option<EngineModel> {
        let latin = word.chars().any(script::is_latin_letter);
        let cyrillic = word.chars().any(script::is_cyrillic_letter);
        let lexicon = self.resources.lexicon.as_ref();
        let known = lexicon.is_some_and(|l| l.contains(word));
        let kazakh = word.chars().any(script::is_kazakh_only_letter);
        let digits = word.chars().any(|c| c.is_ascii_digit());
        // Neither engine model prints letters of another script: the Greek of a formula or a
        // name in Chinese is what the document says.
        if word.chars().any(other_script_letter) {
            return None;
        }
        if self.damage != Damage::LatinGarbage && grade_code(word, self.cyrillic.channel) {
            return None;
        }
        match self.damage {
            // An English model prints no Cyrillic: a Cyrillic word in its garbage was not read
            // by it (it is a word already repaired, or one the look-alike pass mended), and
            // reading it again would make repair not idempotent.
            Damage::LatinGarbage if !latin && (known || !digits) => None,
            Damage::LatinGarbage => Some(EngineModel::English),
            // Genuine Latin in a Cyrillic text (ISO, IEC, names of standards) stays.
            _ if latin && !cyrillic => None,
            // Mixed words in a clean text are the look-alike pass's business (or formulas).
            Damage::Clean if latin => None,
            _ if latin => Some(EngineModel::English),
            // A Russian model never prints a Kazakh letter: such a word was not read by one.
            _ if kazakh => None,
            Damage::RussianModel => Some(EngineModel::Russian),
            Damage::Clean if digits && cyrillic && !known => Some(EngineModel::Russian),
            // An order number's letters ("604/НК"): OCR drops the Kazakh letters of these
            // abbreviations too; the corpus knows the real ones.
            Damage::Clean if slot == Slot::NumberSuffix && !lexicon.is_some_and(|l| l.in_corpus(&word.to_lowercase())) => Some(EngineModel::Russian),
            Damage::Clean => None,
        }
    }

    /// The readings of `word` under `engine`, each with its leading and trailing punctuation,
    /// plus readings among the corpus's successors of each of `prevs`.
    pub fn candidates(&mut self, word: &str, engine: EngineModel, prevs: &[&str]) -> Vec<(f32, Candidate)> {
        let mut out = Vec::new();
        for (from, to) in words::core_options(word) {
            let (lead, trail, core) = (&word[..from], &word[to..], &word[from..to]);
            let mut readings = self.readings(core, engine);
            for prev in prevs {
                readings.extend(self.context_readings(core, engine, prev));
            }
            // A reading is Cyrillic letters, or the piece as printed (genuine Latin): one that
            // keeps some Latin letters ("ішwsp" from the character model's fallback) or digits
            // ("зе2ия") is no repair, and reading it again would change it again.
            let printed = core.to_lowercase();
            readings.retain(|r| r.lower == printed || !r.lower.chars().any(|c| script::is_latin_letter(c) || c.is_ascii_digit()));
            for (lead, trail, marks) in self.mark_options(engine, lead, trail, core.chars().last()) {
                for reading in &readings {
                    out.push((reading.channel_cost + marks, Candidate { lead: lead.clone(), trail: trail.clone(), reading: reading.clone(), engine }));
                }
            }
        }
        out
    }

    /// The channel cost of the best reading of `word` (marks and all: the marks of any core
    /// option are left out) as a lexicon word; infinite when it has none.
    pub fn lexicon_cost(&mut self, word: &str, engine: EngineModel) -> f32 {
        let cores = words::core_options(word);
        cores.into_iter().map(|(from, to)| best_lexicon_cost(&self.readings(&word[from..to], engine))).fold(f32::INFINITY, f32::min)
    }

    /// Lexicon readings of two OCR pieces read as one word: the listed words and the corpus's
    /// only. Most joins tried are of two words OCR did not split, which fit no word, so the
    /// suffix chains would be searched for each and the character model read it for nothing:
    /// with them, the pass took half as long again on the seed.
    pub fn merged(&mut self, joined: &str, engine: EngineModel) -> Vec<(f32, Candidate)> {
        self.search(joined, engine, false)
            .into_iter()
            .filter(|r| r.origin == Origin::Lexicon)
            .map(|reading| (reading.channel_cost, Candidate { lead: String::new(), trail: String::new(), reading, engine }))
            .collect()
    }

    /// The ways to write the marks around a word's core, with their costs: as OCR printed
    /// them, and, when some are marks prose does not put there, without those (OCR specks and
    /// the leftovers of a misread letter: ")" of ")K" for Ж, "!" of "e!" for ы).
    /// `last` is the core's last OCR character: a comma after it may be its descender.
    fn mark_options(&self, engine: EngineModel, lead: &str, trail: &str, last: Option<char>) -> Vec<(String, String, f32)> {
        let doubt = last.and_then(|c| self.comma_doubts.get(&c)).copied().unwrap_or(0.0);
        let priors = if trail.starts_with(',') { COMMA + doubt } else { 0.0 } + if lead.starts_with('(') { OPEN_PARENTHESIS } else { 0.0 };
        let kept = self.punctuation_cost(engine, lead, LEADING_MARKS) + self.punctuation_cost(engine, trail, TRAILING_MARKS) + priors;
        let mut options = vec![(lead.to_owned(), trail.to_owned(), kept)];
        let keep = |text: &str, allowed: &str| -> (String, usize) {
            let kept: String = text.chars().zip(prose_marks(text, allowed)).filter(|(_, prose)| *prose).map(|(c, _)| c).collect();
            let dropped = text.chars().count() - kept.chars().count();
            (kept, dropped)
        };
        let ((lead_kept, lead_dropped), (trail_kept, trail_dropped)) = (keep(lead, LEADING_MARKS), keep(trail, TRAILING_MARKS));
        if lead_dropped + trail_dropped > 0 {
            let trailing = if engine == EngineModel::Russian { DROPPED_TRAILING_MARK_RUSSIAN } else { DROPPED_MARK };
            let dropped = DROPPED_MARK * lead_dropped as f32 + trailing * trail_dropped as f32;
            let cost = self.punctuation_cost(engine, &lead_kept, LEADING_MARKS) + self.punctuation_cost(engine, &trail_kept, TRAILING_MARKS) + dropped;
            options.push((lead_kept, trail_kept, cost));
        }
        options
    }

    /// Cost of reading `text` as itself under the engine's channel.
    pub fn identity_cost(&self, text: &str, engine: EngineModel) -> f32 {
        let channel = self.decoder(engine).channel;
        text.chars().map(|c| char_identity_cost(channel, c)).sum()
    }

    /// Cost of reading punctuation as itself under the engine's channel, plus [`ODD_MARK`]
    /// for each mark legal prose does not put on that side of a word (what OCR makes of
    /// letters: "!" for ы, "€" for е, ")" of ")K" for ж).
    fn punctuation_cost(&self, engine: EngineModel, text: &str, allowed: &str) -> f32 {
        let channel = self.decoder(engine).channel;
        text.chars()
            .zip(prose_marks(text, allowed))
            .map(|(c, prose)| char_identity_cost(channel, c) + if prose { 0.0 } else { ODD_MARK })
            .sum()
    }

    /// Readings among the words the corpus most often has after `prev` ("жылғы" after a
    /// number): the context proposes words the channel search alone may not reach.
    fn context_readings(&mut self, word: &str, engine: EngineModel, prev: &str) -> Vec<Reading> {
        let key = (engine, format!("{prev}\u{1}{word}"));
        if let Some(r) = self.cache.get(&key) {
            return r.clone();
        }
        let words = self.decoder(engine).words;
        let successors = words.successors(prev);
        let readings = if successors.is_empty() {
            Vec::new()
        } else {
            if !self.successors.contains_key(prev) {
                self.successors.insert(prev.to_owned(), Lexicon::from_words(successors));
            }
            let decoder = self.decoder(engine);
            let lexicon = self.successors.get(prev);
            let local = Decoder { lexicon, words, channel: decoder.channel, params: decoder.params };
            let steps = self.steps.entry(lexicon.map_or([0, 0], StepCache::owner)).or_default();
            local.lexicon_readings_with(word, 2, steps)
        };
        self.cache.insert(key, readings.clone());
        readings
    }

    fn readings(&mut self, word: &str, engine: EngineModel) -> Vec<Reading> {
        self.search(word, engine, true)
    }

    /// The readings of `word`: the lexicon's, the corpus words', and with `piece` (a piece of
    /// the text, not a join of two) the suffix chains' where no listed word fits and the
    /// character model's.
    fn search(&mut self, word: &str, engine: EngineModel, piece: bool) -> Vec<Reading> {
        // A join is cached apart: it has fewer readings than the same letters as a piece.
        let key = (engine, if piece { word.to_owned() } else { format!("\u{2}{word}") });
        if let Some(r) = self.cache.get(&key) {
            return r.clone();
        }
        // The decoder's field alone is borrowed, so that the step caches stay free to use.
        let decoder = match engine {
            EngineModel::English => &self.latin,
            EngineModel::Russian => &self.cyrillic,
        };
        let steps = self.steps.entry(decoder.lexicon.map_or([0, 0], StepCache::owner)).or_default();
        let mut readings = if piece { decoder.readings_with(word, READINGS, steps) } else { decoder.lexicon_readings_with(word, READINGS, steps) };
        let (words, channel, params) = (decoder.words, decoder.channel, decoder.params);
        let chains = self.chains.filter(|_| piece && fits_poorly(&readings, word));
        for (lexicon, price) in [(self.corpus_words, 0.0), (chains, CHAIN_WORD)] {
            let Some(lexicon) = lexicon else { continue };
            let local = Decoder { lexicon: Some(lexicon), words, channel, params };
            let steps = self.steps.entry(StepCache::owner(lexicon)).or_default();
            for mut reading in local.lexicon_readings_with(word, APART_READINGS, steps) {
                if !readings.iter().any(|r| r.lower == reading.lower) {
                    reading.channel_cost += price;
                    reading.cost += price;
                    readings.push(reading);
                }
            }
        }
        self.cache.insert(key, readings.clone());
        readings
    }
}

/// Words ending in a letter a document must print before [`comma_doubts`] judges its commas.
const COMMA_EVIDENCE: u32 = 10;
/// Pseudo-count of words, at the document's comma share after other letters, added to each
/// letter's own in [`comma_doubts`].
const COMMA_PRIOR_WORDS: f32 = 20.0;

/// Per OCR letter, how much dearer a comma kept after a word ending in it is in `text`: for a
/// letter followed by a comma more than twice as often as the document's words are, the log
/// of how many times more often than after the other letters (smoothed toward those). A
/// font's descender of қ or ң reads as a comma ("K,", "H,"), so such a document prints
/// "…bIK," where it says "…ық" far more often than prose puts commas there (round-1 pages of
/// seed 000: after "K" 30 times in 76 words, after other letters 17%; of act 108164: after
/// "H" 33 in 80, against 9.5%). Whether a comma after a letter is real is a property of the
/// document's font, which no training page need have had.
fn comma_doubts(text: &str) -> FxMap<char, f32> {
    let mut words: FxMap<char, (u32, u32)> = FxMap::default();
    for chunk in text.split_whitespace() {
        let core = chunk.strip_suffix(',').unwrap_or(chunk);
        let Some(last) = core.chars().last().filter(|c| c.is_alphabetic()) else { continue };
        let entry = words.entry(last).or_default();
        entry.0 += 1;
        entry.1 += u32::from(core.len() < chunk.len());
    }
    let share = |(n, k): (u32, u32)| (k as f32 + 0.5) / (n as f32 + 1.0);
    let sum = |pairs: &mut dyn Iterator<Item = (u32, u32)>| pairs.fold((0, 0), |(n, k), (a, b)| (n + a, k + b));
    // Prose's own share of commas: after the letters not suspect of printing their own (no
    // more than twice the document's share), so that many "H," do not hide some "K,".
    let overall = share(sum(&mut words.values().copied()));
    let suspect = |&(n, k): &(u32, u32)| n >= COMMA_EVIDENCE && share((n, k)) > 2.0 * overall;
    let (plain_words, plain_commas) = sum(&mut words.values().copied().filter(|w| !suspect(w)));
    if plain_words < COMMA_EVIDENCE {
        return FxMap::default();
    }
    let base = share((plain_words, plain_commas));
    let mut doubts = FxMap::default();
    for (&letter, &(n, k)) in words.iter().filter(|(_, w)| suspect(w)) {
        let smoothed = (k as f32 + COMMA_PRIOR_WORDS * base) / (n as f32 + COMMA_PRIOR_WORDS);
        if smoothed > base {
            doubts.insert(letter, (smoothed / base).ln());
        }
    }
    doubts
}

/// Whether `c` is a letter of neither engine model's alphabet: not Cyrillic, and past the
/// Latin blocks (and the "ﬁ" ligatures) an English model prints.
fn other_script_letter(c: char) -> bool {
    let latin_like = c < '\u{0370}' || ('\u{1E00}'..='\u{1EFF}').contains(&c) || ('\u{FB00}'..='\u{FB06}').contains(&c);
    c.is_alphabetic() && !latin_like && !script::is_cyrillic_letter(c)
}

/// Whether `word` is a code of one letter and a number ("В2", "С1": a grade, a table's
/// cell) whose digits `channel` reads as digits before any letter: read as a word, its number
/// went ("В2" became "В"). Not for English-model garbage, whose "M0", "I10" and "N2" are "по"
/// and "и" far more often than codes (dev pairs, English model: 2.06% → 2.12% with the rule).
fn grade_code(word: &str, channel: &Channel) -> bool {
    let mut signs = word.chars().filter(|c| c.is_alphanumeric());
    let Some(letter) = signs.next() else { return false };
    let digits: Vec<char> = signs.collect();
    let read_as_digit = |d: &char| {
        let mut buf = [0u8; 4];
        channel.sources(d.encode_utf8(&mut buf)).first().is_none_or(|s| s.clean.starts_with(*d))
    };
    letter.is_alphabetic() && !digits.is_empty() && digits.iter().all(|d| d.is_ascii_digit() && read_as_digit(d))
}

/// Whether the best lexicon reading of `ocr` among `readings` costs [`CHAINS_FROM`] or more
/// per OCR character (or there is none).
fn fits_poorly(readings: &[Reading], ocr: &str) -> bool {
    best_lexicon_cost(readings) >= CHAINS_FROM * ocr.chars().count() as f32
}

/// The channel cost of the cheapest lexicon reading among `readings` (infinite without one).
fn best_lexicon_cost(readings: &[Reading]) -> f32 {
    readings.iter().filter(|r| r.origin == Origin::Lexicon).map(|r| r.channel_cost).fold(f32::INFINITY, f32::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_after_a_letter_a_font_prints_with_a_descender_are_doubted() {
        // "H," after 12 of 40 words, a comma after 2 of 100 others: ң's descender.
        let text = format!("{} {} {} {}", "MeKeMeH, ".repeat(12), "MeKeMeH ".repeat(28), "aTa, ".repeat(2), "aTa ".repeat(98));
        let doubts = comma_doubts(&text);
        let doubt = doubts[&'H'];
        // (12 + 20 × 0.025) / 60 against 2.5 / 101: about 8 times.
        assert!((doubt - (((12.0 + 20.0 * 2.5 / 101.0) / 60.0) / (2.5 / 101.0f32)).ln()).abs() < 1e-4, "{doubts:?}");
        assert!(!doubts.contains_key(&'a'), "prose's own commas are not doubted: {doubts:?}");
        // Commas after every letter alike: none is doubted.
        assert!(comma_doubts(&"MeKeMeH, aTa, MeKeMeH aTa ".repeat(30)).is_empty());
    }

    #[test]
    fn odd_marks_may_be_dropped_and_prose_marks_stay() {
        let (resources, models) = (Resources::none(), super::super::OcrModels::default());
        let reader = Reader::new(Damage::LatinGarbage, &resources, &models);
        // ")" before a word and "!" after it are what OCR leaves of letters: drop them, at a price.
        let options = reader.mark_options(EngineModel::English, ")", "!", None);
        assert_eq!(options.len(), 2);
        assert_eq!((options[1].0.as_str(), options[1].1.as_str()), ("", ""));
        assert!(options[1].2 < options[0].2, "dropping two specks is cheaper than keeping them: {options:?}");
        // ")" after a word is prose: nothing to drop, and keeping it costs no more than the channel says.
        let options = reader.mark_options(EngineModel::English, "", ")", None);
        assert_eq!(options.len(), 1);
        assert!(options[0].2 < ODD_MARK, "{options:?}");
        // "(" before one is prose too, but rare, and what is left of ф ("(p"): it pays its prior.
        let options = reader.mark_options(EngineModel::English, "(", "", None);
        assert_eq!(options.len(), 1);
        let bare = reader.mark_options(EngineModel::English, "", "", None)[0].2;
        assert!(options[0].2 - bare >= OPEN_PARENTHESIS, "{options:?}");
        // A comma right after the word is priced as the rare thing it is in prose, so that a
        // core that reads it as part of a letter (ң printed "H,") can win.
        let (bare, comma) = (reader.mark_options(EngineModel::English, "", ".", None)[0].2, reader.mark_options(EngineModel::English, "", ",", None)[0].2);
        assert!((comma - bare - COMMA).abs() < 1e-6, "{bare} {comma}");
        // Two clause marks in a row are not prose: the first may be a letter's remains
        // ("м1ндетт:." is "міндетті."), dropped at a price.
        let options = reader.mark_options(EngineModel::Russian, "", ":.", None);
        assert_eq!(options.len(), 2, "{options:?}");
        assert_eq!(options[1].1, ".");
        assert_eq!(prose_marks(":.", TRAILING_MARKS), [false, true]);
        assert_eq!(prose_marks(").", TRAILING_MARKS), [true, true]);
        // A Russian model prints і as "!" more often than it leaves a speck after a word:
        // dropping that mark costs more than after an English model's garbage.
        let dropped = |engine| reader.mark_options(engine, "", "!", None)[1].2;
        assert_eq!(dropped(EngineModel::English), DROPPED_MARK);
        assert_eq!(dropped(EngineModel::Russian), DROPPED_TRAILING_MARK_RUSSIAN);
        assert_eq!(reader.mark_options(EngineModel::Russian, "[", "", None)[1].2, DROPPED_MARK, "before a word the price stays");
    }

    #[test]
    fn a_letter_and_digits_the_channel_reads_as_digits_is_a_code() {
        let mut pairs = std::collections::BTreeMap::new();
        for (clean, ocr, n) in [("2", "2", 500), ("1", "1", 500), ("б", "6", 300), ("6", "6", 10), ("в", "В", 100)] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        let channel = Channel::from_pairs(&pairs);
        assert!(grade_code("В2", &channel));
        assert!(grade_code("«С12»,", &channel), "marks around it do not matter");
        assert!(!grade_code("О6", &channel), "6 is б first: a word ('об')");
        assert!(!grade_code("ВС2", &channel) && !grade_code("2В", &channel) && !grade_code("В", &channel));
    }

    fn reading(lower: &str, channel_cost: f32, origin: Origin) -> Reading {
        Reading { text: lower.to_owned(), case_costs: [0.0; 3], lower: lower.to_owned(), channel_cost, cost: channel_cost, origin }
    }

    #[test]
    fn suffix_chains_are_searched_only_where_no_listed_word_fits() {
        // 4 OCR characters: the bar is 4 × CHAINS_FROM.
        let bar = 4.0 * CHAINS_FROM;
        assert!(!fits_poorly(&[reading("жүйе", bar - 0.1, Origin::Lexicon)], "xyii"));
        assert!(fits_poorly(&[reading("жүйе", bar, Origin::Lexicon)], "xyii"));
        // A character-model reading is no listed word, however cheap.
        assert!(fits_poorly(&[reading("жүйе", 0.0, Origin::Characters)], "xyii"));
        assert!(fits_poorly(&[], "xyii"));
    }
}
