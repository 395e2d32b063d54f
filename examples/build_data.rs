//! Builds normbase's language data; run by `scripts/build-lexicon` (via `make data`), not by
//! hand. Subcommands:
//!
//! - `lexicon OUT.fst KK.words RU.words [ATTESTED.fst TEXT.words...]`: the general lexicon
//!   (`fst::Map` word → language bits) from hunspell expansions (one word form per line, as
//!   `unmunch` prints them); with word lists of running text (Tesseract's, one form per line),
//!   also the set of those forms, which join the general lexicon with no language bits;
//! - `char-grams OUT.fst ATTESTED.fst`: the character model of unknown words
//!   ([`normbase::lang::chargram`]) from the running-text forms `lexicon` wrote;
//! - `corpus-counts OUT.tsv [LEXICON.fst]`: per-document word and bigram counts of the clean
//!   documents in `corpus/` as the repair reads them, with the general lexicon when given (the
//!   Latin-garbage seed is skipped: it would teach the models garbage);
//! - `channel OUT.tsv TRAINING_DIR [ROUNDS]`: OCR channel counts per (engine model, document),
//!   and each clean segment's occurrences, from the pages `scripts/ocr-training/generate`
//!   wrote (only those ROUNDS names, when given: corpus rounds `1,2`, or per engine
//!   `eng=1,2,3;rus=1,2,3,4,lexicon` where `lexicon` adds the lexicon pages);
//! - `sentences LEXICON.fst OUT_DIR KK_LINES RU_LINES`: pseudo-sentences of hunspell word forms
//!   for the OCR training pages (`OUT_DIR/kk.txt`, `OUT_DIR/ru.txt`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use normbase::lang::corpus::{CorpusCounts, DocCounts};
use normbase::lang::Resources;
use normbase::lang::lexicon::{build_general, build_set, Lexicon, KAZAKH, RUSSIAN};
use normbase::repair::ocr::align;
use normbase::repair::ocr::channel::{self, ChannelCounts, EngineModel};
use normbase::repair::ocr::{damage, Damage};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["lexicon", out, kk, ru] => lexicon(out, kk, ru, None, &[]),
        ["lexicon", out, kk, ru, attested, ref texts @ ..] => lexicon(out, kk, ru, Some(attested), texts),
        ["char-grams", out, attested] => char_grams(out, attested),
        ["corpus-counts", out] => corpus_counts(out, None),
        ["corpus-counts", out, lexicon] => corpus_counts(out, Some(lexicon)),
        ["channel", out, dir] => channel(out, dir, None),
        ["channel", out, dir, rounds] => channel(out, dir, Some(rounds)),
        ["sentences", lexicon, out, kk_lines, ru_lines] => sentences(lexicon, out, kk_lines, ru_lines),
        _ => Err("usage: build_data lexicon OUT KK RU [ATTESTED TEXT_WORDS...] | char-grams OUT ATTESTED | corpus-counts OUT [LEXICON] | channel OUT TRAINING_DIR [ROUNDS] | sentences LEXICON OUT_DIR KK_LINES RU_LINES".into()),
    }
}

fn read(path: &str) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn lexicon(out: &str, kk: &str, ru: &str, attested: Option<&str>, texts: &[&str]) -> Result<(), String> {
    let mut words = Vec::new();
    for (path, bit) in [(kk, KAZAKH), (ru, RUSSIAN)] {
        for line in read(path)?.lines() {
            // unmunch prints "form" or "form/FLAGS"; forms with digits or spaces are not words.
            let form = line.split('/').next().unwrap_or("").trim();
            if !form.is_empty() && form.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                words.push((form.to_lowercase(), bit));
            }
        }
    }
    if let Some(attested) = attested {
        let mut forms = Vec::new();
        for path in texts {
            forms.extend(read(path)?.lines().filter_map(text_form));
        }
        words.extend(forms.iter().map(|form| (form.clone(), 0)));
        let bytes = build_set(forms);
        fs::write(attested, &bytes).map_err(|e| format!("{attested}: {e}"))?;
        eprintln!("lexicon: attested forms, {} bytes -> {attested}", bytes.len());
    }
    let bytes = build_general(words);
    fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("lexicon: {} bytes -> {out}", bytes.len());
    Ok(())
}

fn char_grams(out: &str, attested: &str) -> Result<(), String> {
    let bytes = fs::read(attested).map_err(|e| format!("{attested}: {e}"))?;
    let forms = fst::Set::new(bytes).map_err(|e| format!("{attested}: {e}"))?.stream().into_strs().map_err(|e| format!("{attested}: {e}"))?;
    let bytes = normbase::lang::chargram::CharGrams::build(forms.iter().map(String::as_str));
    fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("char-grams: {} forms, {} bytes -> {out}", forms.len(), bytes.len());
    Ok(())
}

/// A line of a running-text word list as a lower-cased form, if it is a Cyrillic word:
/// the lists also hold Latin words, numbers and codes, which no Cyrillic reading should be.
fn text_form(line: &str) -> Option<String> {
    let form = line.trim();
    let cyrillic = normbase::lang::script::is_cyrillic_letter;
    (form.chars().any(cyrillic) && form.chars().all(|c| cyrillic(c) || c == '-')).then(|| form.to_lowercase())
}

/// The corpus id of a corpus file (see [`normbase::lang::corpus::doc_id`]).
pub fn doc_id(path: &Path) -> String {
    normbase::lang::corpus::doc_id(&path.to_string_lossy())
}

/// The corpus texts, found the way `ingest` finds them.
fn corpus_files() -> Vec<PathBuf> {
    normbase::driver::collect_inputs(&[PathBuf::from("corpus")]).0
}

fn corpus_counts(out: &str, lexicon: Option<&str>) -> Result<(), String> {
    // With the dictionary's word forms the repair also rejoins words a PDF table shredded
    // across cells (seed 002's "аэроғарыш ө / неркәсібі"), which would otherwise be counted as
    // words ("неркәсібі", "амасыз") that the OCR pass could answer with.
    let resources = match lexicon {
        Some(path) => {
            let bytes = fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            Resources { lexicon: Some(Lexicon::from_bytes(bytes).map_err(|e| format!("{path}: {e}"))?), ocr: None }
        }
        None => Resources::none(),
    };
    let tag = regex::Regex::new(r"</?[A-Za-z][^<>]*>").expect("a valid pattern");
    let mut counts = CorpusCounts::default();
    for path in corpus_files() {
        let text = read(&path.to_string_lossy())?;
        if damage(&text, None) != Damage::Clean {
            eprintln!("corpus-counts: skipping {} (not Cyrillic text)", path.display());
            continue;
        }
        // Counted as the pipeline reads it: Latin letters typed inside Cyrillic words
        // ("жөнiндегi") would otherwise become words the OCR pass can answer with.
        let repaired = normbase::repair::repair(&text, &resources).text;
        counts.docs.insert(doc_id(&path), DocCounts::of_text(&without_markup(&repaired, &tag)));
    }
    fs::write(out, counts.to_tsv()).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("corpus-counts: {} documents -> {out}", counts.docs.len());
    Ok(())
}

/// `text` with its HTML tags (`tag` matches "<td>", "<tr rowspan=\"2\">": kept for the
/// segmenter to read tables) as spaces: their names are not words of the document, and between
/// two cells they would stand in every word pair.
fn without_markup(text: &str, tag: &regex::Regex) -> String {
    tag.replace_all(text, " ").into_owned()
}

/// The round a training page belongs to: `rN-page-*`, or 1 for `page-*` (trees made before
/// rounds were numbered).
fn page_round(src: &Path) -> Option<u32> {
    let name = src.file_name()?.to_str()?;
    if name.starts_with("page-") {
        return Some(1);
    }
    name.strip_prefix('r')?.split_once("-page-")?.0.parse().ok()
}

/// Which training pages an engine's channel learns from: corpus pages of some rounds, and
/// the lexicon pseudo-sentence pages or not.
#[derive(Debug, Clone, Default)]
struct PageChoice {
    rounds: Vec<u32>,
    lexicon: bool,
}

impl PageChoice {
    fn wants(&self, page: &Path, doc: &str) -> bool {
        if doc.starts_with("lexicon/") {
            self.lexicon
        } else {
            page_round(page).is_some_and(|n| self.rounds.contains(&n))
        }
    }
}

/// The pages each engine's channel learns from: `1,2` (corpus rounds 1 and 2, both engines),
/// or per engine `eng=1,2,3;rus=1,2,3,4,lexicon` (`lexicon`: the lexicon pages too; an engine
/// not named gets none).
fn engine_pages(spec: &str) -> Result<BTreeMap<String, PageChoice>, String> {
    let choice = |text: &str| -> Result<PageChoice, String> {
        let mut choice = PageChoice::default();
        for item in text.split(',').map(str::trim) {
            if item == "lexicon" {
                choice.lexicon = true;
            } else {
                choice.rounds.push(item.parse().map_err(|_| format!("bad round {item:?} in {spec:?}"))?);
            }
        }
        Ok(choice)
    };
    let mut by_engine = BTreeMap::new();
    if spec.contains('=') {
        for part in spec.split(';') {
            let (engine, pages) = part.split_once('=').ok_or_else(|| format!("expected ENGINE=PAGES in {spec:?}"))?;
            by_engine.insert(engine.trim().to_owned(), choice(pages)?);
        }
    } else {
        let pages = choice(spec)?;
        by_engine.insert("eng".to_owned(), pages.clone());
        by_engine.insert("rus".to_owned(), pages);
    }
    Ok(by_engine)
}

fn channel(out: &str, dir: &str, rounds: Option<&str>) -> Result<(), String> {
    let choices = rounds.map(engine_pages).transpose()?;
    let wanted = |engine: EngineModel, page: &Path, doc: &str| choices.as_ref().is_none_or(|c| c.get(engine.code()).is_some_and(|c| c.wants(page, doc)));
    // (engine, doc) → word pairs.
    let mut pairs: BTreeMap<(EngineModel, String), Vec<(String, String)>> = BTreeMap::new();
    let mut pages = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".src.txt") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    for src in &pages {
        let src_name = src.to_string_lossy().into_owned();
        let stem = src_name.trim_end_matches(".src.txt");
        let doc = src.parent().and_then(|p| p.strip_prefix(dir).ok()).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let clean = read(&src_name)?;
        for engine in [EngineModel::English, EngineModel::Russian].into_iter().filter(|&e| wanted(e, src, &doc)) {
            let Ok(ocr) = fs::read_to_string(format!("{stem}.{}.txt", engine.code())) else { continue };
            pairs.entry((engine, doc.clone())).or_default().extend(align::word_pairs(&clean, &ocr));
        }
    }
    let mut counts = ChannelCounts::default();
    for engine in [EngineModel::English, EngineModel::Russian] {
        // The segmentation model (how a word pair is cut into segment pairs) is estimated on
        // the pages of lexicon pseudo-sentences only, which belong to no measured document, so
        // that leaving a document's counts out leaves out everything it taught. Without such
        // pages it falls back to all pages (and a measured document then shaped the cuts).
        let of_engine = || pairs.iter().filter(move |((e, _), _)| *e == engine);
        let lexicon: Vec<(String, String)> = of_engine().filter(|((_, doc), _)| doc.starts_with("lexicon/")).flat_map(|(_, p)| p.iter().cloned()).collect();
        let em_pairs = if lexicon.is_empty() {
            eprintln!("channel {}: no lexicon pages: the segmentation model is estimated on all pages", engine.code());
            of_engine().flat_map(|(_, p)| p.iter().cloned()).collect()
        } else {
            lexicon
        };
        eprintln!("channel {}: {} word pairs, estimating on {}", engine.code(), of_engine().map(|(_, p)| p.len()).sum::<usize>(), em_pairs.len());
        // EM over every pair costs minutes per engine and a sample of evenly spaced pairs
        // learns the same cuts: at most EM_PAIRS of them.
        const EM_PAIRS: usize = 20_000;
        let step = em_pairs.len().div_ceil(EM_PAIRS).max(1);
        let sample: Vec<(String, String)> = em_pairs.iter().step_by(step).cloned().collect();
        eprintln!("channel {}: EM on {} of them", engine.code(), sample.len());
        let model = align::estimate(&sample, 5);
        let mut skipped = 0usize;
        let mut counted: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for ((e, doc), word_pairs) in &pairs {
            if *e != engine {
                continue;
            }
            for (clean, ocr) in word_pairs {
                let segments = align::viterbi(&model, clean, ocr).unwrap_or_default();
                // A word cut with a dropped or invented character is, far more often than a
                // true deletion, a word the page alignment paired wrongly (or a degraded page's
                // lost edge): counted, such pairs teach the decoder to drop letters anywhere.
                if segments.iter().any(|(c, o)| c.is_empty() || o.is_empty()) {
                    skipped += 1;
                    continue;
                }
                for (c, o) in segments {
                    counts.add(engine, doc, &c, &o, 1);
                }
                counted.entry(doc.as_str()).or_default().push(clean.as_str());
            }
        }
        eprintln!("channel {}: {skipped} word pairs skipped (a segment with an empty side)", engine.code());
        count_occurrences(&mut counts, engine, &counted);
    }
    fs::write(out, counts.to_tsv()).map_err(|e| format!("{out}: {e}"))?;
    eprintln!("channel: {} pages -> {out}", pages.len());
    Ok(())
}

/// Counts, per document, how often each clean segment the cuts produced occurs in the clean
/// words that were cut, whether or not it was cut whole there (the channel's denominators).
fn count_occurrences(counts: &mut ChannelCounts, engine: EngineModel, counted: &BTreeMap<&str, Vec<&str>>) {
    let segments: std::collections::BTreeSet<String> =
        counts.counts.iter().filter(|((e, _), _)| *e == engine).flat_map(|(_, table)| table.keys().map(|(clean, _)| clean.clone())).filter(|c| !c.is_empty()).collect();
    let longest = segments.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    for (doc, words) in counted {
        let mut found: BTreeMap<&str, u32> = BTreeMap::new();
        for word in words {
            for segment in channel::substrings(word, longest).into_iter().filter_map(|s| segments.get(s)) {
                *found.entry(segment.as_str()).or_default() += 1;
            }
        }
        for (segment, n) in found {
            counts.add_occurrences(engine, doc, segment, n);
        }
    }
}

/// Writes `OUT/kk.txt` and `OUT/ru.txt`, `kk_lines` and `ru_lines` pseudo-sentences made of
/// word forms of the general (hunspell) lexicon only, never of corpus text: the pages rendered
/// from them belong to no measured document, so the channel learnt from them needs no
/// leave-one-out. Deterministic: every line is drawn from a generator seeded by its language
/// and line number (so a shorter text is a prefix of a longer one).
fn sentences(lexicon: &str, out: &str, kk_lines: &str, ru_lines: &str) -> Result<(), String> {
    let number = |s: &str| s.parse::<usize>().map_err(|_| format!("not a number: {s:?}"));
    let (kk_lines, ru_lines) = (number(kk_lines)?, number(ru_lines)?);
    let bytes = fs::read(lexicon).map_err(|e| format!("{lexicon}: {e}"))?;
    let map = fst::Map::new(bytes).map_err(|e| format!("{lexicon}: {e}"))?;
    let (mut kk, mut ru) = (Vec::new(), Vec::new());
    let mut stream = map.stream();
    use fst::Streamer;
    while let Some((key, bits)) = stream.next() {
        let Ok(word) = std::str::from_utf8(key) else { continue };
        // Cyrillic letters and inner hyphens only: the hunspell lists hold a few odd entries.
        if !word.chars().all(|c| c == '-' || ('\u{400}'..='\u{4ff}').contains(&c)) || word.starts_with('-') || word.ends_with('-') {
            continue;
        }
        if bits & KAZAKH != 0 {
            kk.push(word.to_owned());
        }
        if bits & RUSSIAN != 0 {
            ru.push(word.to_owned());
        }
    }
    fs::create_dir_all(out).map_err(|e| format!("{out}: {e}"))?;
    for (lang, forms, lines) in [(Lang::Kazakh, &kk, kk_lines), (Lang::Russian, &ru, ru_lines)] {
        if forms.is_empty() {
            return Err(format!("{lexicon}: no {lang:?} forms"));
        }
        let mut text = String::new();
        for l in 0..lines {
            let mut rng = Rng::new(&format!("{}/{l}", lang.code()));
            text.push_str(&pseudo_sentence(&mut rng, lang, forms));
            text.push('\n');
        }
        let path = format!("{out}/{}.txt", lang.code());
        fs::write(&path, text).map_err(|e| format!("{path}: {e}"))?;
        eprintln!("sentences: {lines} {lang:?} lines from {} forms -> {path}", forms.len());
    }
    Ok(())
}

#[derive(Debug, Clone, Copy)]
enum Lang {
    Kazakh,
    Russian,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Kazakh => "kk",
            Lang::Russian => "ru",
        }
    }

    /// Frequent function words (general knowledge of the language, not corpus text): uniform
    /// draws from millions of inflected forms would almost never give them, yet they are the
    /// commonest words of any legal text.
    fn function_words(self) -> &'static [&'static str] {
        match self {
            Lang::Kazakh => &["және", "мен", "бен", "пен", "үшін", "туралы", "бойынша", "немесе", "осы", "бұл", "сәйкес", "жылғы", "тармағы", "бабы", "бұйрық", "қаулысы", "Қазақстан", "Республикасының", "өз", "мына", "тиіс", "жоқ", "бар", "емес", "ғана", "да", "де", "тағы", "күні", "бірінші", "екі", "үш"],
            Lang::Russian => &["и", "в", "на", "по", "о", "с", "для", "от", "или", "не", "к", "при", "об", "из", "года", "пункта", "статьи", "приказ", "Республики", "Казахстан", "настоящего", "согласно", "является", "также", "который", "со", "дня"],
        }
    }

    fn months(self) -> &'static [&'static str] {
        match self {
            Lang::Kazakh => &["қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы"],
            Lang::Russian => &["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        }
    }
}

/// splitmix64 seeded from a string: a fixed, portable sequence (no dependency on `rand`'s
/// algorithm choice across versions).
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        // FNV-1a of the seed.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One line: 5–13 tokens of word forms (half the time the shorter of two draws, so that
/// short forms are not drowned by long suffix chains), function words, numbers, "№ N",
/// dates, "17-бабы"-style numbered forms and punctuation, in one of the cases legal texts use.
fn pseudo_sentence(rng: &mut Rng, lang: Lang, forms: &[String]) -> String {
    let mut tokens: Vec<String> = Vec::new();
    let n = 5 + rng.below(9);
    if rng.chance(15) {
        tokens.push(match rng.below(3) {
            0 => format!("{}.", 1 + rng.below(40)),
            1 => format!("{})", 1 + rng.below(20)),
            _ => format!("{}.{}.", 1 + rng.below(12), 1 + rng.below(9)),
        });
    }
    while tokens.len() < n {
        let token = match rng.below(100) {
            0..=59 => {
                let a = rng.pick(forms);
                if rng.chance(50) {
                    let b = rng.pick(forms);
                    if b.chars().count() < a.chars().count() { b.clone() } else { a.clone() }
                } else {
                    a.clone()
                }
            }
            60..=79 => rng.pick(lang.function_words()).to_string(),
            80..=84 => {
                let max = if rng.chance(50) { 30 } else { 3000 };
                (1 + rng.below(max)).to_string()
            }
            85..=87 => format!("№ {}", 1 + rng.below(999)),
            88..=90 => format!("{:02}.{:02}.{}", 1 + rng.below(28), 1 + rng.below(12), 1991 + rng.below(40)),
            91..=93 => format!("{} {} {}", 1 + rng.below(28), rng.pick(lang.months()), 1991 + rng.below(40)),
            _ => format!("{}-{}", 1 + rng.below(60), rng.pick(forms)),
        };
        tokens.push(token);
    }
    // Punctuation after some tokens, quotes or brackets around a few.
    for t in tokens.iter_mut().skip(1) {
        match rng.below(100) {
            0..=7 => t.push(','),
            8 => t.push(';'),
            9 => t.push(':'),
            10..=11 => *t = format!("«{t}»"),
            12 => *t = format!("({t})"),
            13 => *t = format!("\"{t}\""),
            _ => {}
        }
    }
    let mut line = tokens.join(" ");
    match rng.below(100) {
        0..=54 => line = capitalise_first(&line),
        55..=69 => {}
        70..=89 => line = line.to_uppercase(),
        _ => line = line.split(' ').map(capitalise_first).collect::<Vec<_>>().join(" "),
    }
    if rng.chance(70) && line.ends_with(|c: char| c.is_alphanumeric() || c == '»' || c == ')' || c == '"') {
        line.push(*rng.pick(&['.', '.', '.', ';', ':']));
    }
    line
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
