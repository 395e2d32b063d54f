//! The OCR pass: text OCR'd with the wrong engine model, back to Kazakh/Russian Cyrillic.
//!
//! An English model turns every Cyrillic letter into a Latin look-alike or worse
//! ("Kazakcran" for "Қазақстан"); a Russian model drops the Kazakh letters ("казакстан").
//! The pass decides which of the two the text suffers from ([`Damage`]), picks the damaged
//! words, reads each with the channel model of that engine ([`decode`], [`candidates`]) —
//! also two pieces as one word — and chooses the best reading of the whole text at once under
//! the word bigram model and a document language prior ([`lattice`]). Numbers stay exact,
//! save a short one standing between two words of English-model garbage, which may be a word
//! ("IpaBua 4 ycroBHa") if the word model wants one there; genuine Latin (ISO/IEC,
//! URLs, e-mail) in a Cyrillic text stays. Every replaced word is one [`Change`] of kind `Ocr`
//! with a confidence; in a mostly clean text a low-confidence reading is only noted
//! (`Suspected`), never applied.
//!
//! Not here: single look-alike letters in otherwise Cyrillic words (see
//! [`crate::repair::lookalike`], which runs before), estimating the channel (see [`align`]),
//! loading it (the driver).

mod adapt;
pub mod align;
mod candidates;
mod case;
mod changes;
pub mod channel;
mod damage;
pub mod decode;
mod lattice;
mod words;

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use crate::lang::corpus::{lm_tokens, WordModel, NUMBER};
use crate::lang::lexicon::{Lexicon, KAZAKH, RUSSIAN};
use crate::lang::Resources;
use crate::model::EditKind;
use crate::repair::Change;
use candidates::{Candidate, Reader, Slot, OPTIONS};
use changes::{calibrated, changes};
use case::{document_capitals, CaseContext};
use channel::{lone_mark, Channel, EngineModel, FxMap};
use decode::{Origin, Params};
use lattice::{Arc, Choice, Step};
use words::{Piece, PieceKind};

pub use damage::{damage, Damage};

/// The channel models of the engine models the pass can undo, and the word model.
#[derive(Debug, Default)]
pub struct OcrModels {
    pub english: Channel,
    pub russian: Channel,
    pub words: WordModel,
    /// Kazakh noun suffix chains of the dictionary's stems ([`crate::lang::morphology`]),
    /// searched apart and at a price: they over-generate, and in the general lexicon's beam
    /// they would crowd the dictionary's own forms out.
    pub chains: Option<Lexicon>,
    /// The corpus words alone (the lexicon's corpus part), searched apart from the large
    /// general lexicon, whose many prefixes can crowd a frequent legal word out of the beam.
    pub corpus_words: Option<Lexicon>,
}

/// Extra cost, in English-model garbage, of keeping a slash between two letters (reading the
/// word's parts apart): the model prints д as "/a" and л as "/I" far more often than prose
/// writes "және/немесе" (131 such slashes in the dev pairs' English garbage, about 5 of them
/// prose's). Dev pairs, English model: 0: 1.69% (WER 8.77%), 3: 1.68%, 6 and 10: 1.67%
/// (8.76%); without the slash cut, 1.70% (8.85%). A Russian model's "/" for і is rarer, and
/// a price of 3 changed nothing there.
const SLASH_KEPT: f32 = 6.0;
/// Extra cost of reading two OCR pieces as one word: OCR splits words at wide letters, but
/// most spaces are real.
const MERGE_COST: f32 = 2.0;
/// Channel cost per OCR character from which a piece that reads as a lexicon word may still
/// be half of a word OCR split in two. Dev pairs, English model: never (until session 9)
/// 2.16%, 3: 2.16%, 2.5: 2.13%, 2: 2.11%, 1.5: 2.09% (WER 10.22% → 9.97%), 1 and 0.5: 2.09%
/// (WER 10.01%, 10.05%), 0 (every pair of neighbours): 2.09%, but Russian 0.54% → 0.56%.
const POOR_READING: f32 = 1.5;
/// Extra cost of a word only the other language's dictionary knows, once the document's
/// language is clear from its other words.
const FOREIGN_WORD: f32 = 4.0;
/// Extra cost, in a Kazakh document, of a reading only web text attests that the lexicon
/// also has with Kazakh letters where it has the Russian ones a keyboard types for them
/// ([`Lexicon::has_keyboard_original`]): Tesseract's word lists keep web spellings
/// ("кабылданатын", "тындайды"), an English model prints к and қ alike, and an order is
/// typeset in its alphabet. Dev pairs: English model 2.18% → 2.16%, Russian 0.55% → 0.54%;
/// 2 and 8 measure the same.
const KEYBOARD_SPELLING: f32 = 4.0;
/// Weight of the document cache ([`document_cache`]). Dev pairs: English model 2.78% →
/// 2.73%, Russian 0.59% → 0.57% (1.5: 2.73% / 0.59%).
const CACHE_BONUS: f32 = 1.0;
/// Least confidence of a reading that goes into the document cache (with the confidences as
/// refitted after the round 1–3 channel; dev English: 0.7 and 0.8: 2.52%, 0.9: 2.58%, 0.95:
/// 2.58%).
const CACHE_SURE: f32 = 0.8;
/// Bonus for a month name after a number: dates ("21 қазанда", "20 октября") are everywhere
/// in legal text, in every month, while the corpus has seen only some.
const DATE_BONUS: f32 = 4.0;
/// Longest digit run that may be an English model's reading of a word ("110" for "по").
const BARE_NUMBER_DIGITS: usize = 3;
/// Extra cost of keeping a bare number between words as a number. Dev pairs, English model:
/// 2.47% → 2.42% at 0 and 2 (WER 11.18% and 11.16%); at 4 a real "в пункте 10" became "по".
/// 2 leaves that margin, and no number of the dev or fresh pairs changed.
const NUMBER_KEPT: f32 = 2.0;
/// Share of a document's language-specific readings above which its language is clear.
const LANGUAGE_CLEAR: f64 = 0.7;

/// The decoder's weights.
fn params() -> Params {
    Params::default()
}

/// The weights of the first reading of English-model garbage, which only looks for the words
/// it reads surely to fit the channel to the document ([`adapt`]): a beam of 16 and unseen
/// edits from the best 4 fit it as well as the full search on the unseen-font dev pairs
/// (2.62% and 2.59%; seed 003 5.62% and 5.60%) in a fraction of the time.
fn survey_params() -> Params {
    Params { beam: 16, unseen_from: 4, ..Params::default() }
}

/// Finds the OCR damage in `text` and proposes its repair.
pub fn find(text: &str, resources: &Resources) -> Vec<Change> {
    let Some(models) = &resources.ocr else { return Vec::new() };
    let damage = damage(text, resources.lexicon.as_ref());
    let pieces = words::pieces(text);
    let fitted: Channel;
    let mut reader = if damage == Damage::LatinGarbage {
        // A first reading only has to find the sure words, and a narrow search finds them.
        let mut survey = Reader::new(damage, resources, models).with_params(survey_params()).doubting_commas_of(text);
        let (arcs, path) = read(text, &pieces, &mut survey, resources, models);
        fitted = evidence(text, &pieces, &arcs, &path, &models.english).fit(&models.english);
        survey.refit(EngineModel::English, &fitted);
        survey.with_params(params())
    } else {
        Reader::new(damage, resources, models).doubting_commas_of(text)
    };
    let (arcs, path) = read(text, &pieces, &mut reader, resources, models);
    let capitals = match damage {
        Damage::RussianModel => document_capitals(text, &models.russian),
        _ => FxMap::default(),
    };
    let mut changes = changes(text, &pieces, &arcs, &path, damage, &models.words, &capitals);
    changes.extend(lone_marks(text, &pieces, damage, models));
    changes
}

/// The lattice of `pieces` as `reader` reads them, and its best path.
fn read(text: &str, pieces: &[Piece], reader: &mut Reader, resources: &Resources, models: &OcrModels) -> (Vec<OcrArc>, Vec<Step>) {
    let mut arcs = arcs(text, pieces, reader, &models.words);
    if let Some(lexicon) = &resources.lexicon {
        language_prior(&mut arcs, lexicon);
    }
    let weight = params().word_weight;
    // Keyed by the previous token, then the next: the lattice asks for every pair of options
    // of neighbouring arcs, twice per pass, and a hit then allocates nothing.
    let mut bigrams: FxMap<String, FxMap<String, f32>> = FxMap::default();
    let mut junction = |prev: &str, next: &str| {
        if let Some(&cost) = bigrams.get(prev).and_then(|after| after.get(next)) {
            return cost;
        }
        let date = if prev == NUMBER && crate::lang::is_month(next) { DATE_BONUS } else { 0.0 };
        let cost = weight * models.words.bigram_cost(prev, next) as f32 - date;
        bigrams.entry(prev.to_owned()).or_default().insert(next.to_owned(), cost);
        cost
    };
    let mut path = lattice::best_path(&arcs, &mut junction);
    if document_cache(&mut arcs, &path) {
        path = lattice::best_path(&arcs, &mut junction);
    }
    (arcs, path)
}

/// What the words `path` reads surely (calibrated confidence [`CACHE_SURE`] or more) as
/// lexicon words show of `channel` in this document ([`adapt`]).
fn evidence(text: &str, pieces: &[Piece], arcs: &[OcrArc], path: &[Step], channel: &Channel) -> adapt::Evidence {
    let mut evidence = adapt::Evidence::new(channel);
    for step in path {
        let arc = &arcs[step.arc];
        let Some(candidate) = &arc.options[step.option].value else { continue };
        if arc.to != arc.from + 1 || candidate.reading.origin != Origin::Lexicon || calibrated(step.margin, candidate.engine) < CACHE_SURE {
            continue;
        }
        let printed = &text[pieces[arc.from].start..pieces[arc.from].end];
        // A comma the first reading dropped is the document's doubt about commas at work
        // ([`candidates`]' comma doubts), not what the word showed of the font: cut with it, the
        // fit learns the comma as part of the letter before it ("y," for у), and the second
        // reading drops every such comma (seed 003, watched, lost dozens of real commas after
        // "у" so once the character 4-grams changed which words the first reading was sure of;
        // the dev pairs read the same either way).
        let printed = printed.strip_suffix(',').filter(|_| !candidate.trail.ends_with(',')).unwrap_or(printed);
        evidence.add(channel, &format!("{}{}{}", candidate.lead, candidate.reading.lower, candidate.trail), printed);
    }
    evidence
}

/// Punctuation marks standing alone between spaces, read as the clean mark the engine's
/// channel most often printed that way: an English model prints the en dash of "(бұдан әрі –
/// ...)" as "—" or "-". A mark the channel is unsure of is only noted.
fn lone_marks(text: &str, pieces: &[Piece], damage: Damage, models: &OcrModels) -> Vec<Change> {
    let (channel, engine) = match damage {
        Damage::LatinGarbage => (&models.english, EngineModel::English),
        Damage::RussianModel => (&models.russian, EngineModel::Russian),
        Damage::Clean => return Vec::new(),
    };
    let spaced = |at: usize, before: bool| {
        let next = if before { text[..at].chars().next_back() } else { text[at..].chars().next() };
        next.is_none_or(char::is_whitespace)
    };
    let mut changes = Vec::new();
    for piece in pieces.iter().filter(|p| p.kind == PieceKind::Keep && spaced(p.start, true) && spaced(p.end, false)) {
        let Some(ocr) = lone_mark(&text[piece.start..piece.end]) else { continue };
        let Some((clean, share)) = channel.likeliest_mark(ocr).filter(|&(clean, _)| clean != ocr) else { continue };
        let reason = format!("OCR ({} model) prints a lone {clean:?} as {ocr:?} ({:.0}% of the marks it printed so)", engine.code(), 100.0 * share);
        changes.push(Change::new(piece.start, piece.end, clean.to_string(), EditKind::Ocr, share, reason).or_suspected(text));
    }
    changes
}

/// A document repeats its terms, and OCR damages each occurrence its own way: the words the
/// first reading read surely (confidence [`CACHE_SURE`] and up) make the same word cheaper
/// wherever else it is an option, by [`CACHE_BONUS`] times the log of one plus their sure
/// readings (a cache language model, Kuhn and De Mori 1990). Returns whether any option
/// changed.
fn document_cache(arcs: &mut [OcrArc], path: &[Step]) -> bool {
    let mut cache: HashMap<String, usize> = HashMap::new();
    for step in path {
        if let Some(candidate) = &arcs[step.arc].options[step.option].value {
            if candidate.reading.origin == Origin::Lexicon && calibrated(step.margin, candidate.engine) >= CACHE_SURE {
                *cache.entry(candidate.reading.lower.clone()).or_default() += 1;
            }
        }
    }
    let mut changed = false;
    for option in arcs.iter_mut().flat_map(|a| a.options.iter_mut()) {
        if let Some(n) = option.value.as_ref().and_then(|c| cache.get(&c.reading.lower)) {
            option.cost -= CACHE_BONUS * (1.0 + *n as f32).ln();
            changed = true;
        }
    }
    changed
}

type OcrArc = Arc<Option<Candidate>>;

/// The lattice of `pieces`: one arc per piece with letters or digits (a piece left as it is
/// has its text as the only option), and an arc over each pair of damaged pieces one space
/// apart whose join reads as a lexicon word.
fn arcs(text: &str, pieces: &[Piece], reader: &mut Reader, words: &WordModel) -> Vec<OcrArc> {
    let slice = |p: &Piece| &text[p.start..p.end];
    let engines: Vec<Option<EngineModel>> = pieces
        .iter()
        .map(|p| match p.kind {
            PieceKind::Keep => None,
            PieceKind::Word => reader.engine(slice(p), slot(&text[..p.start])),
        })
        .collect();
    let mut arcs = Vec::new();
    let mut prevs: Vec<String> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let original = slice(piece);
        let run_end = words::slash_run_end(text, pieces, i);
        if run_end > i + 1 && !(i >= 2 && words::slash_joined(text, pieces, i - 2)) {
            arcs.extend(slashed_whole(text, &pieces[i..run_end], i, reader, &prevs, words));
        }
        if reader.damage == Damage::LatinGarbage && bare_number_between_words(text, piece) {
            let options = number_options(original, reader, &prevs, words);
            prevs = options.iter().take(2).map(|o| o.last.clone()).collect();
            arcs.push(Arc { from: i, to: i + 1, options });
            continue;
        }
        let Some(engine) = engines[i] else {
            if let Some(kept) = as_printed(original) {
                prevs = vec![kept.last.clone()];
                arcs.push(Arc { from: i, to: i + 1, options: vec![kept] });
            }
            continue;
        };
        let context: Vec<&str> = prevs.iter().map(String::as_str).collect();
        let mut options = choices(reader.candidates(original, engine, &context), words);
        if engine == EngineModel::English && words::slash_joined(text, pieces, i) {
            // Read apart, the word keeps its slash between letters ([`slashed_whole`]).
            for option in &mut options {
                option.cost += SLASH_KEPT;
            }
        }
        if options.is_empty() {
            // A piece no search can read stays as printed: an arc without options would leave
            // the lattice without a path, and the whole text unread.
            let (first, last) = token_ends(original);
            options.push(Choice { cost: 0.0, first, last, value: None });
        }
        prevs = options.iter().take(2).map(|o| o.last.clone()).collect();
        arcs.push(Arc { from: i, to: i + 1, options });
        if let Some(next) = pieces.get(i + 1).filter(|_| engines[i + 1] == Some(engine)) {
            // The next word whole, slashes and all: "lO, Be/LOMCTBEHHEIX" is "подведомственных".
            let next_end = words::slash_run_end(text, pieces, i + 1);
            let next_word = &text[next.start..pieces[next_end - 1].end];
            if &text[piece.end..next.start] == " " && (unreadable(original, &arcs, engine, reader) || reads_poorly(next_word, engine, reader)) {
                let merged: Vec<(f32, Candidate)> = reader.merged(&format!("{original}{next_word}"), engine).into_iter().map(|(c, o)| (c + MERGE_COST, o)).collect();
                if !merged.is_empty() {
                    arcs.push(Arc { from: i, to: next_end, options: choices(merged, words) });
                }
            }
        }
    }
    arcs
}

/// The arc reading `parts` (word pieces with slashes between, from piece `from` on) as one
/// word, when it is damaged at all: the slash may be a letter's stroke (д printed "/a" by
/// an English model, і printed "/" by a Russian one), as the parts' own arcs say it is not.
fn slashed_whole(text: &str, parts: &[Piece], from: usize, reader: &mut Reader, prevs: &[String], words: &WordModel) -> Option<OcrArc> {
    let (start, end) = (parts.first()?.start, parts.last()?.end);
    let engine = reader.engine(&text[start..end], slot(&text[..start]))?;
    let context: Vec<&str> = prevs.iter().map(String::as_str).collect();
    let options = choices(reader.candidates(&text[start..end], engine, &context), words);
    (!options.is_empty()).then(|| Arc { from, to: from + parts.len(), options })
}

/// The option of keeping `original` as printed, as the word model sees it (its first and last
/// tokens); `None` when it has no token (punctuation alone).
fn as_printed(original: &str) -> Option<Choice<Option<Candidate>>> {
    let tokens = lm_tokens(original);
    let (first, last) = (tokens.first()?, tokens.last()?);
    Some(Choice { cost: 0.0, first: first.clone(), last: last.clone(), value: None })
}

/// The first and last word-model tokens of `text`, or the whole of it lower-cased when it has
/// none: what the lattice's junctions see of an option.
fn token_ends(text: &str) -> (String, String) {
    let tokens = lm_tokens(text);
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => (first.clone(), last.clone()),
        _ => (text.to_lowercase(), text.to_lowercase()),
    }
}

/// Whether `piece` is a short run of digits standing alone between two words of a line
/// ("IpaBua 4 ycroBHa"): an English model prints и as "4", о as "0", об as "06", по as "10".
/// A number in legal prose is that too ("10 жұмыс күні"), so both readings go to the lattice
/// and the word model chooses.
fn bare_number_between_words(text: &str, piece: &Piece) -> bool {
    let digits = &text[piece.start..piece.end];
    let before = text[..piece.start].strip_suffix(' ').and_then(|t| t.chars().next_back());
    let after = text[piece.end..].strip_prefix(' ').and_then(|t| t.chars().next());
    // Prose writes no number with a leading zero ("06" is "Об", "03" "өз"), so such a one
    // may be a word at a line's start too (a title's "06 yTBepxgeHun").
    let line_start = text[..piece.start].chars().next_back().is_none_or(|c| c == '\n');
    let leading_zero = digits.len() >= 2 && digits.starts_with('0');
    (1..=BARE_NUMBER_DIGITS).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (before.is_some_and(|c| c.is_alphabetic() || c == ',') || leading_zero && line_start)
        && after.is_some_and(char::is_alphabetic)
}

/// The options of a bare number: kept as the number, at the channel's price of reading its
/// digits as themselves plus [`NUMBER_KEPT`], or read as a lexicon word.
fn number_options(digits: &str, reader: &mut Reader, prevs: &[String], words: &WordModel) -> Vec<Choice<Option<Candidate>>> {
    let context: Vec<&str> = prevs.iter().map(String::as_str).collect();
    let readings: Vec<(f32, Candidate)> =
        reader.candidates(digits, EngineModel::English, &context).into_iter().filter(|(_, c)| c.reading.origin == Origin::Lexicon).collect();
    let kept = Choice { cost: reader.identity_cost(digits, EngineModel::English) + NUMBER_KEPT, first: NUMBER.to_owned(), last: NUMBER.to_owned(), value: None };
    let mut options = vec![kept];
    options.extend(choices(readings, words));
    options
}

/// Whether the piece just read (the last arc's) is best read as no word of the lexicon, or
/// reads poorly ([`reads_poorly`]): only then may it be half of a word OCR split in two
/// ("XKacaH bl"). Two words that each read well stay two words even when their join is a
/// word too ("қасқырлар мен" is not "қасқырлармен").
fn unreadable(original: &str, arcs: &[OcrArc], engine: EngineModel, reader: &mut Reader) -> bool {
    let best = arcs.last().and_then(|a| a.options.first()).and_then(|o| o.value.as_ref());
    best.is_none_or(|c| c.reading.origin == Origin::Characters) || reads_poorly(original, engine, reader)
}

/// Whether `word` is a fragment of one or two letters, or its best lexicon reading costs
/// [`POOR_READING`] or more per OCR character (or it has none): an English model splits
/// "бағдарламалық" into "Oar Aapnamanblk", whose halves read as "бағ арнамалы" only at a
/// price.
fn reads_poorly(word: &str, engine: EngineModel, reader: &mut Reader) -> bool {
    fragment(word) || reader.lexicon_cost(word, engine) >= POOR_READING * word.chars().count() as f32
}

fn fragment(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphanumeric()).count() <= 2
}

/// The [`OPTIONS`] most likely readings alone (cost plus unigram), one per written form.
fn choices(candidates: Vec<(f32, Candidate)>, words: &WordModel) -> Vec<Choice<Option<Candidate>>> {
    let weight = params().word_weight;
    // Each candidate's cost alone is computed once, not in every comparison of the sort.
    let mut scored: Vec<(f32, f32, Candidate)> =
        candidates.into_iter().map(|(cost, c)| (cost + weight * words.unigram_cost(&c.reading.lower) as f32, cost, c)).collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.2.reading.lower.cmp(&b.2.reading.lower)));
    let mut first_of: HashMap<(String, String, String), usize> = HashMap::new();
    let mut kept: Vec<(f32, f32, Candidate)> = Vec::new();
    for (alone, cost, c) in scored {
        match first_of.entry((c.lead.clone(), c.reading.lower.clone(), c.trail.clone())) {
            Entry::Occupied(at) => {
                let (_, kept_cost, kept) = &mut kept[*at.get()];
                fold_case_costs(&mut kept.reading.case_costs, *kept_cost, &c.reading.case_costs, cost);
            }
            Entry::Vacant(at) => {
                at.insert(kept.len());
                kept.push((alone, cost, c));
            }
        }
    }
    kept.truncate(OPTIONS);
    kept.into_iter()
        .map(|(_, cost, c)| {
            let (first, last) = token_ends(&c.reading.lower);
            Choice { cost, first, last, value: Some(c) }
        })
        .collect()
}

/// Folds into `kept`'s case costs (of a reading costing `kept_cost` in all) those of another
/// way, costing `other_cost`, to write the same word: a case is as likely as its likeliest
/// derivation. "[с" in "Президенті [с Басқармасы" is "Іс" (a Russian model prints І as "[")
/// or "с" with an "і" the OCR lost and a speck before it; the second is cheaper, but only in
/// lower case, since the training never saw a capital І lost.
fn fold_case_costs(kept: &mut [f32; 3], kept_cost: f32, other: &[f32; 3], other_cost: f32) {
    let offset = |costs: &[f32; 3], cost: f32| cost - costs.iter().copied().fold(f32::INFINITY, f32::min);
    let (kept_offset, other_offset) = (offset(kept, kept_cost), offset(other, other_cost));
    for (k, c) in kept.iter_mut().enumerate() {
        *c = c.min(other[k] + other_offset - kept_offset);
    }
}

/// Once most readings that only one language's dictionary knows are of one language, readings
/// only the other language knows (and the corpus never saw) cost [`FOREIGN_WORD`] more: a
/// Kazakh order is not written in Russian words that happen to look like its garbage, nor in
/// keyboard spellings of its own ([`KEYBOARD_SPELLING`]).
fn language_prior(arcs: &mut [OcrArc], lexicon: &Lexicon) {
    let only = |c: &Candidate| match (c.reading.origin, lexicon.languages(&c.reading.lower)) {
        (Origin::Lexicon, KAZAKH) => Some(KAZAKH),
        (Origin::Lexicon, RUSSIAN) => Some(RUSSIAN),
        _ => None,
    };
    let (mut kazakh, mut russian) = (0usize, 0usize);
    for arc in arcs.iter().filter(|a| a.to == a.from + 1) {
        match arc.options.first().and_then(|o| o.value.as_ref()).and_then(only) {
            Some(KAZAKH) => kazakh += 1,
            Some(_) => russian += 1,
            None => {}
        }
    }
    let total = (kazakh + russian) as f64;
    let foreign = if total < 10.0 {
        return;
    } else if kazakh as f64 >= LANGUAGE_CLEAR * total {
        RUSSIAN
    } else if russian as f64 >= LANGUAGE_CLEAR * total {
        KAZAKH
    } else {
        return;
    };
    for option in arcs.iter_mut().flat_map(|a| a.options.iter_mut()) {
        if let Some(c) = &option.value {
            if only(c) == Some(foreign) && !lexicon.in_corpus(&c.reading.lower) {
                option.cost += FOREIGN_WORD;
            }
            if foreign == RUSSIAN && keyboard_spelling(c, lexicon) {
                option.cost += KEYBOARD_SPELLING;
            }
        }
    }
}

/// Whether `c` reads as a web spelling of a Kazakh word that has its own letters
/// ([`KEYBOARD_SPELLING`]).
fn keyboard_spelling(c: &Candidate, lexicon: &Lexicon) -> bool {
    c.reading.origin == Origin::Lexicon && lexicon.text_only(&c.reading.lower) && lexicon.has_keyboard_original(&c.reading.lower)
}

fn slot(before: &str) -> Slot {
    match CaseContext::of(before, false) {
        CaseContext::NumberSuffix => Slot::NumberSuffix,
        _ => Slot::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::build_general;

    fn option(lower: &str) -> Choice<Option<Candidate>> {
        let reading = decode::Reading { text: lower.to_owned(), case_costs: [0.0; 3], lower: lower.to_owned(), channel_cost: 1.0, cost: 1.0, origin: Origin::Lexicon };
        Choice { cost: 1.0, first: lower.to_owned(), last: lower.to_owned(), value: Some(Candidate { lead: String::new(), trail: String::new(), reading, engine: EngineModel::English }) }
    }

    #[test]
    fn a_case_is_as_likely_as_its_likeliest_derivation() {
        // The kept derivation (cost 3.4) reads only lower case well; another (cost 4.5) reads
        // the word Capitalised at that price.
        let mut kept = [1.4, 4.4, 4.4];
        fold_case_costs(&mut kept, 3.4, &[7.5, 4.5, 7.5], 4.5);
        // In the kept one's frame (its cheapest case costs its own 1.4): title is 1.1 dearer.
        assert_eq!(kept[0], 1.4);
        assert!((kept[1] - 2.5).abs() < 1e-5, "{kept:?}");
        assert_eq!(kept[2], 4.4, "a derivation dearer in a case changes nothing");
    }

    #[test]
    fn once_a_document_reads_kazakh_russian_only_words_cost_more() {
        let words: Vec<(String, u64)> = (0..12).map(|i| (format!("сөз{i}"), KAZAKH)).chain([("джоне".to_owned(), RUSSIAN), ("және".to_owned(), KAZAKH | RUSSIAN)]).collect();
        let lexicon = Lexicon::from_bytes(build_general(words)).unwrap();
        let mut arcs: Vec<OcrArc> = (0..12).map(|i| Arc { from: i, to: i + 1, options: vec![option(&format!("сөз{i}"))] }).collect();
        arcs.push(Arc { from: 12, to: 13, options: vec![option("джоне"), option("және")] });
        language_prior(&mut arcs, &lexicon);
        let last = &arcs[12].options;
        assert_eq!(last[0].cost, 1.0 + FOREIGN_WORD, "Russian-only reading in a Kazakh text");
        assert_eq!(last[1].cost, 1.0, "a form both dictionaries know is no foreigner");
        assert_eq!(arcs[0].options[0].cost, 1.0);
        // Too few language-specific readings to tell: no prior.
        let mut few: Vec<OcrArc> = vec![Arc { from: 0, to: 1, options: vec![option("сөз1")] }, Arc { from: 1, to: 2, options: vec![option("джоне")] }];
        language_prior(&mut few, &lexicon);
        assert_eq!(few[1].options[0].cost, 1.0);
    }

    /// A lexicon of `dictionary` forms and of forms only web text attests.
    fn lexicon_with_web(dictionary: &[(&str, u64)], web: &[&str]) -> Lexicon {
        let words = dictionary.iter().map(|&(w, bits)| (w.to_owned(), bits)).chain(web.iter().map(|w| (w.to_string(), 0)));
        let mut attested = web.to_vec();
        attested.sort_unstable();
        Lexicon::from_bytes(build_general(words)).unwrap().with_attested(std::sync::Arc::new(fst::Set::from_iter(attested).unwrap()))
    }

    #[test]
    fn a_kazakh_document_is_not_read_in_keyboard_spellings() {
        let web = ["кабылданатын", "қабылданатын"];
        let mut dictionary: Vec<(String, u64)> = (0..12).map(|i| (format!("сөз{i}"), KAZAKH)).collect();
        dictionary.push(("отуі".to_owned(), KAZAKH));
        dictionary.push(("өтуі".to_owned(), KAZAKH));
        let dictionary: Vec<(&str, u64)> = dictionary.iter().map(|(w, b)| (w.as_str(), *b)).collect();
        let lexicon = lexicon_with_web(&dictionary, &web);
        let mut arcs: Vec<OcrArc> = (0..12).map(|i| Arc { from: i, to: i + 1, options: vec![option(&format!("сөз{i}"))] }).collect();
        arcs.push(Arc { from: 12, to: 13, options: vec![option("кабылданатын"), option("қабылданатын")] });
        arcs.push(Arc { from: 13, to: 14, options: vec![option("отуі")] });
        language_prior(&mut arcs, &lexicon);
        assert_eq!(arcs[12].options[0].cost, 1.0 + KEYBOARD_SPELLING, "only web text writes қ as к");
        assert_eq!(arcs[12].options[1].cost, 1.0);
        assert_eq!(arcs[13].options[0].cost, 1.0, "a dictionary form is no web spelling, whatever it looks like");
        // In a Russian document the same reading costs nothing more.
        let lexicon = lexicon_with_web(&[("как", RUSSIAN)], &web);
        let mut russian: Vec<OcrArc> = (0..12).map(|i| Arc { from: i, to: i + 1, options: vec![option("как")] }).collect();
        russian.push(Arc { from: 12, to: 13, options: vec![option("кабылданатын")] });
        language_prior(&mut russian, &lexicon);
        assert_eq!(russian[12].options[0].cost, 1.0);
    }

    #[test]
    fn a_word_read_surely_once_is_cheaper_wherever_else_it_is_an_option() {
        let mut doubtful = option("жобалау");
        doubtful.cost = 1.5;
        let mut arcs = vec![
            Arc { from: 0, to: 1, options: vec![option("жобалау")] },
            Arc { from: 1, to: 2, options: vec![option("жобалдау"), doubtful] },
            Arc { from: 2, to: 3, options: vec![option("осы")] },
        ];
        let sure = |arc: usize| Step { arc, option: 0, margin: 14.0, runner_up: None };
        let unsure = Step { arc: 2, option: 0, margin: 0.0, runner_up: None };
        assert!(document_cache(&mut arcs, &[sure(0), Step { margin: 0.0, ..sure(1) }, unsure]));
        let bonus = CACHE_BONUS * 2f32.ln();
        assert!((arcs[1].options[1].cost - (1.5 - bonus)).abs() < 1e-6 && arcs[1].options[1].cost < arcs[1].options[0].cost, "{:?}", arcs[1].options[1].cost);
        assert_eq!(arcs[1].options[0].cost, 1.0, "words no sure reading named keep their cost");
        // A reading in doubt teaches the cache nothing.
        let mut arcs = vec![Arc { from: 0, to: 1, options: vec![option("осы")] }, Arc { from: 1, to: 2, options: vec![option("осы")] }];
        assert!(!document_cache(&mut arcs, &[Step { arc: 0, option: 0, margin: 0.0, runner_up: None }]));
    }

    #[test]
    fn a_lone_dash_becomes_the_mark_the_channel_says_and_a_hyphen_in_a_word_stays() {
        let mut pairs = std::collections::BTreeMap::new();
        for (clean, ocr, n) in [("–", "—", 67), ("—", "—", 9), ("–", "-", 109), ("-", "-", 762), ("«", "«", 50), ("«", "<", 40), ("<", "<", 1)] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        let models = OcrModels { english: Channel::from_pairs(&pairs), ..OcrModels::default() };
        let text = "әрі — Mero 2—тармақ - a «b» < c";
        let pieces = words::pieces(text);
        let changes = lone_marks(text, &pieces, Damage::LatinGarbage, &models);
        let edits: Vec<(&str, &str, EditKind)> = changes.iter().map(|c| (&text[c.start..c.end], c.after.as_str(), c.kind)).collect();
        // The "—" glued into "2—тармақ" is not alone; "-" is most often a hyphen; "<" was a
        // « more often than a "<" (80 of 81), and says so with that confidence.
        assert_eq!(edits, [("—", "–", EditKind::Ocr), ("<", "«", EditKind::Ocr)]);
        assert!((changes[0].confidence - 67.0 / 76.0).abs() < 1e-6);
        assert!(lone_marks(text, &pieces, Damage::Clean, &models).is_empty(), "a clean text's marks are its own");
    }

    /// A channel and corpus of a few look-alike words: "Tepa 4 Kaca" is "тера и каса".
    fn tiny_resources() -> Resources {
        let mut pairs = std::collections::BTreeMap::new();
        for (clean, ocr, n) in [
            ("т", "T", 300), ("е", "e", 300), ("р", "p", 300), ("а", "a", 300), ("к", "K", 300), ("с", "c", 300), ("н", "H", 300),
            ("и", "u", 200), ("и", "4", 30), ("п", "n", 200), ("п", "1", 30), ("о", "o", 300), ("о", "0", 50), ("4", "4", 100), ("1", "1", 100), ("0", "0", 100),
            ("д", "/a", 100), ("/", "/", 100),
        ] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        let mut counts = crate::lang::corpus::CorpusCounts::default();
        let corpus = "тера и каса. тексте 10 нара. тера и каса. тексте 12 нара. тера и каса. по тексте 3 нара. ";
        counts.docs.insert("a".into(), crate::lang::corpus::DocCounts::of_text(&corpus.repeat(3)));
        let models = OcrModels { english: Channel::from_pairs(&pairs), words: counts.model(&[]), ..OcrModels::default() };
        let lexicon = Lexicon::from_words(["тера", "и", "каса", "тексте", "нара", "по", "сада"]);
        Resources { lexicon: Some(lexicon), ocr: Some(models) }
    }

    #[test]
    fn a_word_with_a_slash_inside_is_read_as_two_words_or_one_whichever_reads() {
        let resources = tiny_resources();
        let edits = |text: &str| -> Vec<(String, String)> { find(text, &resources).into_iter().map(|c| (text[c.start..c.end].to_owned(), c.after.to_lowercase())).collect() };
        // "және/немесе": two words, and the slash stays.
        assert_eq!(edits("Tepa/Kaca"), [("Tepa".to_owned(), "тера".to_owned()), ("Kaca".to_owned(), "каса".to_owned())]);
        // An English model's д ("/a"): one word.
        assert_eq!(edits("Tepa ca/aa"), [("Tepa".to_owned(), "тера".to_owned()), ("ca/aa".to_owned(), "сада".to_owned())]);
    }

    #[test]
    fn a_bare_number_between_words_reads_as_a_word_only_where_the_word_model_wants_one() {
        let resources = tiny_resources();
        let text = "Tepa 4 Kaca, TeKcTe 10 Hapa";
        let edits: Vec<(&str, String)> = find(text, &resources).into_iter().map(|c| (&text[c.start..c.end], c.after.to_lowercase())).collect();
        assert!(edits.contains(&("4", "и".to_owned())), "{edits:?}");
        assert!(!edits.iter().any(|(before, _)| *before == "10"), "a number where the corpus has numbers stays: {edits:?}");
        // Numbers not standing between two words on a line are never read as words.
        let piece = |text: &str| words::pieces(text).into_iter().find(|p| text[p.start..p.end].starts_with('4')).unwrap();
        for kept in ["тера 4. каса", "тера\n4 каса", "тера 4) каса", "№ 4 каса", "тера 4444 каса", "тера 4"] {
            assert!(!bare_number_between_words(kept, &piece(kept)), "{kept:?}");
        }
        assert!(bare_number_between_words("тера, 4 каса", &piece("тера, 4 каса")));
        // A leading zero is no number's: "06" may be a word at a line's start too.
        let zero = |text: &str| words::pieces(text).into_iter().find(|p| text[p.start..p.end].contains('0')).unwrap();
        for word in ["06 каса", "тера\n06 каса", "тера 03 каса"] {
            assert!(bare_number_between_words(word, &zero(word)), "{word:?}");
        }
        for kept in ["06. каса", "0 каса", "«06 каса", "06"] {
            assert!(!bare_number_between_words(kept, &zero(kept)), "{kept:?}");
        }
    }

    #[test]
    fn letters_of_another_script_stay_in_english_model_garbage() {
        let resources = tiny_resources();
        let text = "Tepa u δαβ 漢字 u Kaca";
        let changes = find(text, &resources);
        let written: Vec<&str> = changes.iter().map(|c| c.after.as_str()).collect();
        assert_eq!(written, ["Тера", "и", "и", "каса"]);
        assert!(changes.iter().all(|c| !text[c.start..c.end].contains('δ') && !text[c.start..c.end].contains('漢')));
    }

    #[test]
    fn a_list_numbers_point_printed_as_a_comma_comes_back_where_a_list_item_can_open() {
        use super::changes::list_points;
        let text = "1, Ocst\n\n2, Tepa u Kaca.\n3, Kaca Tepa u\n4, 5 u 6 Kaca\n\n05, Tepa\n123, Kaca";
        let fixed: Vec<usize> = list_points(text).iter().map(|c| c.start).collect();
        // Text start, after a blank line, after a sentence's end; not a wrapped line ("4, 5
        // и 6"), a leading zero or three digits.
        assert_eq!(fixed, [text.find("1,").unwrap() + 1, text.find("2,").unwrap() + 1, text.find("3,").unwrap() + 1]);
        assert!(list_points(text).iter().all(|c| c.after == "." && c.end == c.start + 1));
        // A point glued to the item's first word gets its space; a decimal, or a glued point
        // inside a wrapped sentence, does not.
        let glued = "1.Коса бұйрық.\n2.5 есе\nг.Алматы\n3.Тера каса\n4.Каса";
        let spaced: Vec<(usize, String)> = list_points(glued).into_iter().map(|c| (c.start, c.after)).collect();
        assert_eq!(spaced, [(1, ". ".to_owned())]);
        // Nor a point before a lower-case letter: the word's reading covers it ("1.a," read
        // as "А," gave two overlapping edits, found by the property below).
        assert!(list_points("1.a,\n").is_empty());
        let changes = find("1.a,\n", &tiny_resources());
        assert!(changes.windows(2).all(|pair| pair[0].end <= pair[1].start), "{changes:?}");
        // The item's first word opens a sentence, as after "1.".
        let item = "Tepa u Kaca.\n\n1, Kaca u Tepa";
        let changes = find(item, &tiny_resources());
        let after = |needle: &str| changes.iter().find(|c| c.start == item.find(needle).unwrap()).map(|c| c.after.as_str());
        assert_eq!((after(","), after("Kaca u")), (Some("."), Some("Каса")), "{changes:?}");
        // A clean text's commas are its own.
        let clean = "1, 2 және 3-тармақтар күшін жойды.\n\n4, 5 және 6-тармақтар қалады.";
        assert_eq!(damage(clean, tiny_resources().lexicon.as_ref()), Damage::Clean);
        assert!(find(clean, &tiny_resources()).iter().all(|c| c.after != "."));
    }

    #[test]
    fn a_quoted_title_opens_with_a_capital() {
        let resources = tiny_resources();
        let text = "Tepa u «Kaca» u Kaca";
        let written: Vec<String> = find(text, &resources).into_iter().map(|c| c.after).collect();
        assert_eq!(written, ["Тера", "и", "«Каса»", "и", "каса"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Whatever the text, the pass proposes edits inside it, on character boundaries and
        /// apart from each other: OCR garbage, other scripts, stray symbols, list numbers.
        #[test]
        fn any_text_gets_edits_that_fit_it(text in "(?s)[a-zA-Z0-9 ,.;:\n«»()@¢©€~δ漢Тера-]{0,120}") {
            let mut changes = find(&text, &tiny_resources());
            changes.sort_by_key(|c| (c.start, c.end));
            for change in &changes {
                proptest::prop_assert!(change.start <= change.end && change.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(change.start) && text.is_char_boundary(change.end));
            }
            for pair in changes.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start, "overlapping edits: {:?}", pair);
            }
        }
    }
}
