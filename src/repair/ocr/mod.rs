//! The OCR pass: text OCR'd with the wrong engine model, back to Kazakh/Russian Cyrillic.
//!
//! An English model turns every Cyrillic letter into a Latin look-alike or worse
//! ("Kazakcran" for "Қазақстан"); a Russian model drops the Kazakh letters ("казакстан").
//! The pass decides which of the two the text suffers from ([`Damage`]), picks the damaged
//! words, reads each with the channel model of that engine ([`decode`]) and chooses among the
//! readings in context with the word bigram model. Numbers stay exact; genuine Latin (ISO/IEC,
//! URLs, e-mail) in a Cyrillic text stays. Every replaced word is one [`Change`] of kind `Ocr`
//! with a confidence; in a mostly clean text a low-confidence reading is only noted
//! (`Suspected`), never applied.
//!
//! Not here: single look-alike letters in otherwise Cyrillic words (see
//! [`crate::repair::lookalike`], which runs before), estimating the channel (see [`align`]),
//! loading it (the driver).

pub mod align;
pub mod channel;
pub mod decode;
mod words;

use std::collections::HashMap;

use crate::lang::corpus::{WordModel, NUMBER};
use crate::lang::{script, Resources};
use crate::model::{EditKind, LOW_CONFIDENCE};
use crate::repair::Change;
use channel::{Channel, EngineModel};
use decode::{CasePriors, Decoder, Origin, Params, Reading};
use words::{Piece, PieceKind};

/// The channel models of the engine models the pass can undo, and the word model.
#[derive(Debug, Default)]
pub struct OcrModels {
    pub english: Channel,
    pub russian: Channel,
    pub words: WordModel,
}

/// What kind of OCR damage a text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Mostly Latin letters where Cyrillic belongs: an English engine model.
    LatinGarbage,
    /// Cyrillic without Kazakh letters and with many words no lexicon knows: Kazakh read by a
    /// Russian engine model.
    RussianModel,
    /// Cyrillic text that reads: only words with digits or Latin letters inside are suspects.
    Clean,
}

/// Share of Latin letters above which a text is taken as English-model garbage.
const LATIN_GARBAGE_SHARE: f64 = 0.3;
/// Kazakh prose has 6–9 % of its Cyrillic letters in ә ғ қ ң ө ұ ү һ і; below this share a
/// text has lost them (or is Russian).
const KAZAKH_LETTERS_LOST: f64 = 0.01;
/// Share of words outside the lexicon above which a Cyrillic text is taken as damaged.
const UNKNOWN_WORDS_DAMAGED: f64 = 0.15;

/// Readings considered per word in context.
const READINGS: usize = 4;

/// Finds the OCR damage in `text` and proposes its repair.
pub fn find(text: &str, resources: &Resources) -> Vec<Change> {
    let Some(models) = &resources.ocr else { return Vec::new() };
    let lexicon = resources.lexicon.as_ref();
    let damage = damage(text, lexicon);
    let mut state = State {
        damage,
        decoder_latin: Decoder { lexicon, words: &models.words, channel: &models.english, params: Params::default() },
        decoder_cyrillic: Decoder { lexicon, words: &models.words, channel: &models.russian, params: Params::default() },
        cache: HashMap::new(),
        resources,
    };
    let mut changes = Vec::new();
    let mut prev = String::from(NUMBER);
    let mut sentence_start = true;
    for piece in words::pieces(text) {
        let original = &text[piece.start..piece.end];
        let written = match piece.kind {
            PieceKind::Keep => original.to_owned(),
            PieceKind::Word => match state.decide(original, &prev, CaseContext::of(&text[..piece.start], sentence_start)) {
                Some(choice) => {
                    let change = state.change(&piece, original, choice);
                    let after = change.after.clone();
                    changes.push(change);
                    after
                }
                None => original.to_owned(),
            },
        };
        if let Some(token) = crate::lang::corpus::lm_tokens(&written).pop() {
            prev = token;
        }
        sentence_start = written.ends_with(['.', '?', '!']) && !written.ends_with("ж.");
    }
    changes
}

/// Which damage `text` shows, from its letters (and words, with a lexicon).
pub fn damage(text: &str, lexicon: Option<&crate::lang::lexicon::Lexicon>) -> Damage {
    let (mut latin, mut letters, mut cyrillic, mut kazakh) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if script::is_latin_letter(c) {
            latin += 1;
        } else if script::is_cyrillic_letter(c) {
            cyrillic += 1;
            kazakh += usize::from(script::is_kazakh_only_letter(c));
        }
    }
    if letters > 0 && latin as f64 / letters as f64 >= LATIN_GARBAGE_SHARE {
        return Damage::LatinGarbage;
    }
    let Some(lexicon) = lexicon else { return Damage::Clean };
    if cyrillic == 0 || kazakh as f64 / cyrillic as f64 >= KAZAKH_LETTERS_LOST {
        return Damage::Clean;
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2 && w.chars().all(script::is_cyrillic_letter)).collect();
    let unknown = words.iter().filter(|w| !lexicon.contains(w)).count();
    if !words.is_empty() && unknown as f64 / words.len() as f64 >= UNKNOWN_WORDS_DAMAGED {
        Damage::RussianModel
    } else {
        Damage::Clean
    }
}

/// Where a word stands, for its letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseContext {
    /// First word of a sentence: capitalised.
    SentenceStart,
    /// Glued to a number by a slash ("521/НҚ", "37/НҚ"): an abbreviation, in capitals.
    NumberSuffix,
    Other,
}

impl CaseContext {
    fn of(before: &str, sentence_start: bool) -> CaseContext {
        let mut tail = before.chars().rev();
        if tail.next() == Some('/') && tail.next().is_some_and(|c| c.is_ascii_digit()) {
            CaseContext::NumberSuffix
        } else if sentence_start {
            CaseContext::SentenceStart
        } else {
            CaseContext::Other
        }
    }

    fn priors(self) -> CasePriors {
        match self {
            CaseContext::SentenceStart => CasePriors { title: -1.0, upper: 4.0 },
            CaseContext::NumberSuffix => CasePriors { title: 4.0, upper: -4.0 },
            CaseContext::Other => CasePriors::default(),
        }
    }
}

struct State<'a> {
    damage: Damage,
    decoder_latin: Decoder<'a>,
    decoder_cyrillic: Decoder<'a>,
    cache: HashMap<String, Vec<Reading>>,
    resources: &'a Resources,
}

/// The chosen reading of one word.
struct Choice {
    after: String,
    confidence: f32,
    reason: String,
}

impl State<'_> {
    /// The reading of `word` to write, or `None` to leave it.
    fn decide(&mut self, word: &str, prev: &str, case: CaseContext) -> Option<Choice> {
        let latin = word.chars().any(script::is_latin_letter);
        let cyrillic = word.chars().any(script::is_cyrillic_letter);
        let known = self.resources.lexicon.as_ref().is_some_and(|l| l.contains(word));
        let kazakh = word.chars().any(script::is_kazakh_only_letter);
        let digits = word.chars().any(|c| c.is_ascii_digit());
        let engine = match self.damage {
            Damage::LatinGarbage if known && !latin => return None,
            Damage::LatinGarbage => EngineModel::English,
            // Genuine Latin in a Cyrillic text (ISO, IEC, names of standards) stays.
            _ if latin && !cyrillic => return None,
            // Mixed words in a clean text are the look-alike pass's business (or formulas).
            Damage::Clean if latin => return None,
            _ if latin => EngineModel::English,
            // A Russian model never prints a Kazakh letter: such a word was not read by one.
            _ if kazakh => return None,
            Damage::RussianModel => EngineModel::Russian,
            Damage::Clean if digits && cyrillic && !known => EngineModel::Russian,
            // An order number's letters ("604/НК"): OCR drops the Kazakh letters of these
            // abbreviations too; the corpus knows the real ones.
            Damage::Clean if case == CaseContext::NumberSuffix && !self.in_corpus(word) => EngineModel::Russian,
            Damage::Clean => return None,
        };
        let mut scored: Vec<(f32, String, Origin)> = Vec::new();
        for (from, to) in words::core_options(word) {
            let (lead, trail) = (&word[..from], &word[to..]);
            let kept = self.punctuation_cost(engine, lead) + self.punctuation_cost(engine, trail);
            let mut readings = self.readings(&word[from..to], engine);
            readings.extend(self.context_readings(&word[from..to], engine, prev));
            for reading in readings {
                let context = match reading.origin {
                    Origin::Lexicon => self.decoder_latin.params.word_weight * self.decoder_latin.words.bigram_cost(prev, &reading.lower) as f32,
                    Origin::Characters => 0.0,
                };
                let cased = reading.cased(&case.priors());
                scored.push((reading.channel_cost + kept + context, format!("{lead}{cased}{trail}"), reading.origin));
            }
        }
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let mut seen = std::collections::HashSet::new();
        scored.retain(|s| seen.insert(s.1.clone()));
        let (best_cost, best, origin) = scored.first()?;
        let margin = scored.get(1).map_or(4.0, |s| s.0 - best_cost);
        let mut confidence = 1.0 / (1.0 + (-margin).exp());
        if *origin == Origin::Characters {
            confidence = confidence.min(0.5);
        }
        if best == word {
            return None;
        }
        let reason = format!(
            "OCR ({} model) read as {} word{}",
            engine.code(),
            if *origin == Origin::Lexicon { "a lexicon" } else { "an unknown" },
            scored.get(1).map(|s| format!("; runner-up {:?}", s.1)).unwrap_or_default()
        );
        Some(Choice { after: best.clone(), confidence, reason })
    }

    fn in_corpus(&self, word: &str) -> bool {
        self.resources.lexicon.as_ref().is_some_and(|l| l.in_corpus(&word.to_lowercase()))
    }

    /// Cost of reading punctuation as itself under the engine's channel.
    fn punctuation_cost(&self, engine: EngineModel, text: &str) -> f32 {
        let channel = match engine {
            EngineModel::English => self.decoder_latin.channel,
            EngineModel::Russian => self.decoder_cyrillic.channel,
        };
        let mut buf = [0u8; 4];
        text.chars().map(|c| {
            let c = c.encode_utf8(&mut buf);
            channel.cased_cost(c, c).unwrap_or(channel::UNSEEN_IDENTITY)
        }).sum()
    }

    /// Readings among the words the corpus most often has after `prev` ("жылғы" after a
    /// number): the context proposes words the channel search alone may not reach.
    fn context_readings(&mut self, word: &str, engine: EngineModel, prev: &str) -> Vec<Reading> {
        let key = format!("{}\u{1}{prev}\u{1}{word}", engine.code());
        if let Some(r) = self.cache.get(&key) {
            return r.clone();
        }
        let decoder = match engine {
            EngineModel::English => &self.decoder_latin,
            EngineModel::Russian => &self.decoder_cyrillic,
        };
        let successors = decoder.words.successors(prev);
        let readings = if successors.is_empty() {
            Vec::new()
        } else {
            let small = crate::lang::lexicon::Lexicon::from_words(successors);
            let local = Decoder { lexicon: Some(&small), words: decoder.words, channel: decoder.channel, params: decoder.params };
            local.readings(word, 2).into_iter().filter(|r| r.origin == Origin::Lexicon).collect()
        };
        self.cache.insert(key, readings.clone());
        readings
    }

    fn readings(&mut self, word: &str, engine: EngineModel) -> Vec<Reading> {
        let key = format!("{}{word}", engine.code());
        if let Some(r) = self.cache.get(&key) {
            return r.clone();
        }
        let decoder = match engine {
            EngineModel::English => &self.decoder_latin,
            EngineModel::Russian => &self.decoder_cyrillic,
        };
        let readings = decoder.readings(word, READINGS);
        self.cache.insert(key, readings.clone());
        readings
    }

    fn change(&self, piece: &Piece, word: &str, choice: Choice) -> Change {
        let change = Change::new(piece.start, piece.end, choice.after, EditKind::Ocr, choice.confidence, choice.reason);
        match self.damage {
            // Garbage is worse than a flagged guess: apply it, its confidence says it is one.
            Damage::LatinGarbage => change,
            _ if change.confidence >= LOW_CONFIDENCE => change,
            _ => {
                let _ = word;
                Change::new(piece.start, piece.end, word, EditKind::Suspected, change.confidence, format!("{} (not applied: would read {:?})", change.reason, change.after))
            }
        }
    }
}

