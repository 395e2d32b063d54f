//! The OCR channel model: how likely an OCR engine is to print `ocr` where the page said
//! `clean`, for many-to-many segments (`"ы"` → `"bI"`, `"ж"` → `")K"`, `"№"` → `"Ne"`).
//!
//! [`ChannelCounts`] are the segment-pair counts per (engine model, source document), as
//! written to `data/ocr-channel.tsv` by the data build from rendered-and-OCR'd pages; keeping
//! them per document lets [`ChannelCounts::channel`] leave the measured document out.
//! [`Channel`] is the runtime table: for each OCR segment, the clean segments that produce it
//! and their costs (−ln P(ocr | clean)).
//!
//! P(ocr | clean) is the count of the pair over the number of times the clean segment occurs
//! in the training words however they were cut (Brill and Moore's estimate), not over the
//! times it was cut as one segment: "ді" is cut whole mostly when the OCR lost its д ("ді" →
//! "i"), so over its own cuts that loss looked likely (P ≈ 0.6) and the decoder added a д
//! wherever it pleased ("қызметтері" read as "қызметтерді"). Over every "ді" of the training
//! it is what it is: rare.
//!
//! Not here: estimating the counts (see [`super::align`]), searching candidates (see
//! [`super::decode`]).

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Which OCR engine model produced the damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EngineModel {
    /// `tesseract -l eng` on Cyrillic pages: Latin look-alike garbage.
    English,
    /// `tesseract -l rus` on Kazakh pages: Kazakh letters dropped to Russian ones.
    Russian,
}

impl EngineModel {
    pub fn code(self) -> &'static str {
        match self {
            EngineModel::English => "eng",
            EngineModel::Russian => "rus",
        }
    }
    fn parse(code: &str) -> Option<EngineModel> {
        match code {
            "eng" => Some(EngineModel::English),
            "rus" => Some(EngineModel::Russian),
            _ => None,
        }
    }
}

/// Counts of (clean segment, OCR segment) pairs.
type PairCounts = BTreeMap<(String, String), u32>;

/// Segment-pair counts per (engine model, document), and how often each clean segment occurs
/// in the training words, cut or not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChannelCounts {
    pub counts: BTreeMap<(EngineModel, String), BTreeMap<(String, String), u32>>,
    pub occurrences: BTreeMap<(EngineModel, String), BTreeMap<String, u32>>,
}

/// The OCR field of a TSV line that counts a clean segment's occurrences: `escape` doubles
/// every backslash, so no escaped OCR segment reads like this.
const OCCURRENCES: &str = "\\*";

impl ChannelCounts {
    pub fn add(&mut self, model: EngineModel, doc: &str, clean: &str, ocr: &str, n: u32) {
        *self.counts.entry((model, doc.to_owned())).or_default().entry((clean.to_owned(), ocr.to_owned())).or_default() += n;
    }

    /// Counts `n` occurrences of the clean segment `clean` in the training words of `doc`.
    pub fn add_occurrences(&mut self, model: EngineModel, doc: &str, clean: &str, n: u32) {
        *self.occurrences.entry((model, doc.to_owned())).or_default().entry(clean.to_owned()).or_default() += n;
    }

    /// The TSV form: a header, then `model<TAB>doc<TAB>clean<TAB>ocr<TAB>count`, sorted; a
    /// clean segment's occurrences have `\*` for OCR segment.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("# normbase OCR channel counts v2: engine model, source doc, clean segment, OCR segment (\\* = occurrences of the clean segment), count\n");
        for ((model, doc), pairs) in &self.counts {
            for ((clean, ocr), n) in pairs {
                out.push_str(&format!("{}\t{doc}\t{}\t{}\t{n}\n", model.code(), escape(clean), escape(ocr)));
            }
            for (clean, n) in self.occurrences.get(&(*model, doc.clone())).into_iter().flatten() {
                out.push_str(&format!("{}\t{doc}\t{}\t{OCCURRENCES}\t{n}\n", model.code(), escape(clean)));
            }
        }
        out
    }

    pub fn from_tsv(text: &str) -> Result<ChannelCounts, String> {
        let mut counts = ChannelCounts::default();
        // The file is grouped by (model, doc): fill one group's table at a time, so that a
        // line costs no lookup of its group (loading is on the start-up path).
        let mut group: Option<((EngineModel, String), PairCounts)> = None;
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(model), Some(doc), Some(clean), Some(ocr), Some(n), None) = (fields.next(), fields.next(), fields.next(), fields.next(), fields.next(), fields.next()) else {
                return Err(format!("line {}: expected 5 fields", i + 1));
            };
            let model = EngineModel::parse(model).ok_or_else(|| format!("line {}: unknown model {model:?}", i + 1))?;
            let n: u32 = n.parse().map_err(|_| format!("line {}: bad count {n:?}", i + 1))?;
            if !group.as_ref().is_some_and(|((m, d), _)| *m == model && d == doc) {
                if let Some((key, table)) = group.take() {
                    counts.merge_group(key, table);
                }
                group = Some(((model, doc.to_owned()), BTreeMap::new()));
            }
            if ocr == OCCURRENCES {
                *counts.occurrences.entry((model, doc.to_owned())).or_default().entry(unescape(clean)).or_default() += n;
            } else if let Some((_, table)) = group.as_mut() {
                *table.entry((unescape(clean), unescape(ocr))).or_default() += n;
            }
        }
        if let Some((key, table)) = group {
            counts.merge_group(key, table);
        }
        Ok(counts)
    }

    /// Adds one (model, doc) group's counts (a group may recur if the file was not sorted).
    fn merge_group(&mut self, key: (EngineModel, String), table: BTreeMap<(String, String), u32>) {
        let into = self.counts.entry(key).or_default();
        if into.is_empty() {
            *into = table;
        } else {
            for (pair, n) in table {
                *into.entry(pair).or_default() += n;
            }
        }
    }

    /// The runtime channel of `model`, from every document except those in `exclude`.
    pub fn channel(&self, model: EngineModel, exclude: &[&str]) -> Channel {
        let kept = |m: &EngineModel, doc: &String| *m == model && !exclude.iter().any(|x| x == doc);
        let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
        for ((m, doc), table) in &self.counts {
            if kept(m, doc) {
                for (pair, n) in table {
                    *pairs.entry(pair.clone()).or_default() += n;
                }
            }
        }
        let mut occurrences: HashMap<&str, u32> = HashMap::new();
        for ((m, doc), table) in &self.occurrences {
            if kept(m, doc) {
                for (clean, n) in table {
                    *occurrences.entry(clean.as_str()).or_default() += n;
                }
            }
        }
        Channel::from_counts(&pairs, &occurrences)
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t")
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    s.replace("\\t", "\t").replace("\\\\", "\\")
}

/// Times a document's sure words must show a segment pair the training never saw before
/// [`Channel::fitted`] takes it in.
const NEW_PAIR_LEAST: u32 = 2;
/// Cost of keeping a character the training never saw (digits, rare punctuation) as it is.
pub const UNSEEN_IDENTITY: f32 = 0.7;
/// Counts below this are treated as noise of the alignment.
const MIN_COUNT: u32 = 5;
/// Subtracted from every count (absolute discounting): a pair seen a handful of times in
/// training is often the alignment's mistake or one font's quirk, and taken at face value it
/// gives the decoder cheap wrong explanations of garbage. Chosen with [`MIN_COUNT`] on the
/// dev pairs (round-5 pages of public acts, English model 5.18% -> 4.26%).
const DISCOUNT: f32 = 4.0;

/// One way a clean segment can surface as a given OCR segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Lower-cased clean segment (empty: the OCR invented the segment).
    pub clean: String,
    /// −ln P(ocr | clean), the cheapest over the clean segment's letter cases.
    pub cost: f32,
}

/// The runtime channel table of one engine model.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    /// OCR segment → its clean sources, cheapest first.
    by_ocr: FxMap<String, Vec<Source>>,
    /// Cased clean segment → OCR segment → cost, for restoring letter case (nested so that a
    /// lookup by two `&str` allocates nothing).
    cased: FxMap<String, FxMap<String, f32>>,
    /// Lower-cased OCR segment → clean sources of any of its case variants: the backoff for
    /// an OCR segment seen only in another case (")k" when training showed ")K").
    by_folded_ocr: FxMap<String, Vec<Source>>,
    /// Clean characters seen in training.
    known: std::collections::HashSet<char>,
    /// Per OCR punctuation mark: how often each clean mark became it, most often first.
    marks: FxMap<char, Vec<(char, u32)>>,
    /// Per upper-case OCR letter: how often a lower-case clean letter printed as it, and as
    /// it or its lower case ([`Channel::capital_share`]).
    capitals: FxMap<char, (u32, u32)>,
    pub max_ocr_len: usize,
}

impl Channel {
    /// Builds the table from pooled segment-pair counts alone: each clean segment's
    /// occurrences are taken to be its cuts.
    pub fn from_pairs(pairs: &BTreeMap<(String, String), u32>) -> Channel {
        Channel::from_counts(pairs, &HashMap::new())
    }

    /// Builds the table from pooled segment-pair counts and clean segment occurrences.
    pub fn from_counts(pairs: &BTreeMap<(String, String), u32>, occurrences: &HashMap<&str, u32>) -> Channel {
        let mut clean_totals: HashMap<&str, u32> = HashMap::new();
        let mut total = 0u64;
        for ((clean, _), &n) in pairs {
            *clean_totals.entry(clean.as_str()).or_default() += n;
            total += u64::from(n);
        }
        let mut channel = Channel { max_ocr_len: 1, ..Channel::default() };
        channel.capitals = capital_counts(pairs);
        for ((clean, ocr), &n) in pairs {
            if n < MIN_COUNT || ocr.is_empty() && clean.is_empty() {
                continue;
            }
            // An invented segment is measured against all clean characters.
            let cuts = clean_totals.get(clean.as_str()).copied().unwrap_or(n);
            let denominator = if clean.is_empty() { total as f32 } else { cuts.max(occurrences.get(clean.as_str()).copied().unwrap_or(0)) as f32 };
            let cost = -((n as f32 - DISCOUNT) / denominator).ln();
            if let (Some(clean_mark), Some(ocr_mark)) = (lone_mark(clean), lone_mark(ocr)) {
                channel.marks.entry(ocr_mark).or_default().push((clean_mark, n));
            }
            channel.known.extend(clean.chars());
            channel.cased.entry(clean.clone()).or_default().insert(ocr.clone(), cost);
            channel.max_ocr_len = channel.max_ocr_len.max(ocr.chars().count());
            let lower = clean.to_lowercase();
            let sources = channel.by_ocr.entry(ocr.clone()).or_default();
            match sources.iter_mut().find(|s| s.clean == lower) {
                Some(s) => s.cost = s.cost.min(cost),
                None => sources.push(Source { clean: lower, cost }),
            }
        }
        for marks in channel.marks.values_mut() {
            marks.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        channel.index_sources();
        channel
    }

    /// The sources of `ocr` in any letter case, each at `penalty` more than its cost, except
    /// those `sources(ocr)` already gives.
    pub fn case_backoff(&self, ocr: &str, penalty: f32) -> Vec<Source> {
        let exact = self.sources(ocr);
        self.by_folded_ocr
            .get(&ocr.to_lowercase())
            .map(|all| {
                all.iter()
                    .filter(|s| !exact.iter().any(|e| e.clean == s.clean))
                    .map(|s| Source { clean: s.clean.clone(), cost: s.cost + penalty })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// [`Channel::case_backoff`] without allocating: (clean, cost) pairs borrowed from the
    /// table.
    pub fn case_backoff_iter<'c>(&'c self, ocr: &str, penalty: f32) -> impl Iterator<Item = (&'c str, f32)> + 'c {
        let exact = self.sources(ocr);
        let all = self.by_folded_ocr.get(&ocr.to_lowercase()).map(Vec::as_slice).unwrap_or(&[]);
        all.iter().filter(move |s| !exact.iter().any(|e| e.clean == s.clean)).map(move |s| (s.clean.as_str(), s.cost + penalty))
    }

    pub fn is_empty(&self) -> bool {
        self.by_ocr.is_empty()
    }

    /// The clean sources of an OCR segment (empty slice when none), plus — for a single
    /// character no clean character of the training ever became — the character itself.
    pub fn sources(&self, ocr: &str) -> &[Source] {
        self.by_ocr.get(ocr).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the training saw `c` on the clean side at all.
    pub fn knows_clean(&self, c: char) -> bool {
        self.known.contains(&c)
    }

    /// The clean punctuation mark most likely printed as the mark `ocr`, with its probability
    /// (of the training's marks that became `ocr`, the share this one had): the joint count
    /// decides, not P(ocr | clean), because a mark standing alone has no word to choose by.
    /// An English model never prints an en dash: "—" is mostly an en dash, which legal text
    /// uses far more often.
    pub fn likeliest_mark(&self, ocr: char) -> Option<(char, f32)> {
        let marks = self.marks.get(&ocr)?;
        let total: u32 = marks.iter().map(|m| m.1).sum();
        marks.first().map(|&(clean, n)| (clean, n as f32 / total.max(1) as f32))
    }

    /// Of the lower-case clean letters the training saw printed as the capital `ocr` or its
    /// lower case, the share printed as the capital ("қ" as "К"): how little a capital says
    /// about a word's case. `None` for a letter the training never printed so.
    pub fn capital_share(&self, ocr: char) -> Option<f32> {
        let &(capital, all) = self.capitals.get(&ocr)?;
        (all > 0).then(|| capital as f32 / all as f32)
    }

    /// Cost of reading `ocr` as the lower-case clean segment `clean`, if the channel allows it.
    pub fn cost(&self, clean: &str, ocr: &str) -> Option<f32> {
        self.sources(ocr).iter().find(|s| s.clean == clean).map(|s| s.cost)
    }

    /// The lower-case clean segments the table has sources of.
    pub fn clean_segments(&self) -> impl Iterator<Item = &str> {
        self.by_ocr.values().flatten().map(|s| s.clean.as_str()).filter(|c| !c.is_empty())
    }

    /// This channel fitted to one document: `pairs` counts the (lower-case clean, OCR) segment
    /// pairs of its sure words, `occurrences` how often each clean segment occurs in them. Each
    /// P(ocr | clean) of a clean segment that occurs becomes (n + `tau` P) / (occurrences +
    /// `tau`), the trained probability being worth `tau` occurrences; a pair the training
    /// never saw enters at n / (occurrences + `tau`) once the document shows it
    /// [`NEW_PAIR_LEAST`] times (one may be a wrong reading's).
    pub(crate) fn fitted(&self, pairs: &FxMap<(String, String), u32>, occurrences: &FxMap<String, u32>, tau: f32) -> Channel {
        let mut channel = self.clone();
        for (ocr, sources) in channel.by_ocr.iter_mut() {
            for source in sources.iter_mut() {
                if let Some(&seen) = occurrences.get(&source.clean) {
                    let n = pairs.get(&(source.clean.clone(), ocr.clone())).copied().unwrap_or(0);
                    source.cost = -((n as f32 + tau * (-source.cost).exp()) / (seen.max(n) as f32 + tau)).ln();
                }
            }
        }
        for ((clean, ocr), &n) in pairs {
            if n < NEW_PAIR_LEAST || channel.cost(clean, ocr).is_some() {
                continue;
            }
            let seen = occurrences.get(clean).copied().unwrap_or(n).max(n);
            let cost = -(n as f32 / (seen as f32 + tau)).ln();
            channel.by_ocr.entry(ocr.clone()).or_default().push(Source { clean: clean.clone(), cost });
            channel.cased.entry(clean.clone()).or_default().insert(ocr.clone(), cost);
            channel.max_ocr_len = channel.max_ocr_len.max(ocr.chars().count());
        }
        channel.index_sources();
        channel
    }

    /// Rebuilds the case-folded sources from `by_ocr` and sorts both cheapest first (ties by
    /// clean segment), once `by_ocr` is complete.
    fn index_sources(&mut self) {
        self.by_folded_ocr = fold_cases(&self.by_ocr);
        for sources in self.by_ocr.values_mut().chain(self.by_folded_ocr.values_mut()) {
            sources.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.clean.cmp(&b.clean)));
        }
    }

    /// Cost of reading `ocr` as the cased clean segment `clean`, if the channel allows it.
    pub fn cased_cost(&self, clean: &str, ocr: &str) -> Option<f32> {
        self.cased.get(clean)?.get(ocr).copied()
    }
}

/// Every substring of `word` of 1 to `longest` characters, by start then length: where a
/// word's occurrences of the channel's clean segments are counted, cut whole or not.
pub fn substrings(word: &str, longest: usize) -> Vec<&str> {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
    let mut out = Vec::new();
    for (k, &from) in starts.iter().enumerate() {
        out.extend(starts.iter().skip(k + 1).take(longest).map(|&to| &word[from..to]));
    }
    out
}

/// The sources of each lower-cased OCR segment: those of all its case variants, the cheapest
/// cost of each clean segment kept (unsorted).
fn fold_cases(by_ocr: &FxMap<String, Vec<Source>>) -> FxMap<String, Vec<Source>> {
    let mut by_folded: FxMap<String, Vec<Source>> = FxMap::default();
    for (ocr, sources) in by_ocr {
        let folded = by_folded.entry(ocr.to_lowercase()).or_default();
        for source in sources {
            match folded.iter_mut().find(|s| s.clean == source.clean) {
                Some(s) => s.cost = s.cost.min(source.cost),
                None => folded.push(source.clone()),
            }
        }
    }
    by_folded
}

/// Per upper-case OCR letter X, the counts behind [`Channel::capital_share`]: lower-case clean
/// letters printed as X, and printed as X or its lower case.
fn capital_counts(pairs: &BTreeMap<(String, String), u32>) -> FxMap<char, (u32, u32)> {
    let mut capitals: FxMap<char, (u32, u32)> = FxMap::default();
    for ((clean, ocr), &n) in pairs {
        let (Some(clean), Some(ocr)) = (single_char(clean), single_char(ocr)) else { continue };
        if !clean.is_lowercase() || !ocr.is_alphabetic() {
            continue;
        }
        let capital = ocr.to_uppercase().next().unwrap_or(ocr);
        let entry = capitals.entry(capital).or_default();
        entry.1 += n;
        if ocr.is_uppercase() {
            entry.0 += n;
        }
    }
    capitals
}

/// The segment as one punctuation mark (neither a letter, a digit nor a space), if it is one.
pub(super) fn lone_mark(segment: &str) -> Option<char> {
    single_char(segment).filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

/// The segment's character, if it is one character.
fn single_char(segment: &str) -> Option<char> {
    let mut chars = segment.chars();
    chars.next().filter(|_| chars.next().is_none())
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc (FxHash): fast on short keys, not DoS-resistant, which
/// does not matter for a per-word scratch table.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> ChannelCounts {
        let mut c = ChannelCounts::default();
        c.add(EngineModel::English, "a", "ы", "bl", 80);
        c.add(EngineModel::English, "a", "ы", "bI", 20);
        c.add(EngineModel::English, "b", "Ы", "BI", 50);
        c.add(EngineModel::English, "b", "с", "c", 90);
        c.add(EngineModel::Russian, "a", "қ", "к", 40);
        c.add_occurrences(EngineModel::English, "a", "ы", 100);
        c.add_occurrences(EngineModel::English, "a", "\\*", 1);
        c
    }

    #[test]
    fn tsv_round_trips() {
        let c = counts();
        assert_eq!(ChannelCounts::from_tsv(&c.to_tsv()).unwrap(), c);
        assert!(ChannelCounts::from_tsv("eng\ta\tx\ty\n").is_err());
        assert!(ChannelCounts::from_tsv("xyz\ta\tx\ty\t1\n").is_err());
        assert!(ChannelCounts::from_tsv("eng\ta\tx\ty\t1\t2\n").is_err());
        // An OCR segment that is a backslash and a star is a pair, not occurrences.
        let mut odd = ChannelCounts::default();
        odd.add(EngineModel::English, "a", "ж", "\\*", 6);
        assert_eq!(ChannelCounts::from_tsv(&odd.to_tsv()).unwrap(), odd);
        assert!(odd.occurrences.is_empty());
        // Lines of a group need not be together, and repeated pairs add up.
        let text = "eng\ta\tы\tbl\t3\neng\tb\tс\tc\t9\neng\ta\tы\tbl\t5\neng\ta\t\\t\tx\t2\n";
        let mut expected = ChannelCounts::default();
        expected.add(EngineModel::English, "a", "ы", "bl", 8);
        expected.add(EngineModel::English, "b", "с", "c", 9);
        expected.add(EngineModel::English, "a", "\t", "x", 2);
        assert_eq!(ChannelCounts::from_tsv(text).unwrap(), expected);
    }

    #[test]
    fn a_lone_mark_reads_as_the_clean_mark_that_most_often_printed_so() {
        let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (clean, ocr, n) in [("–", "—", 67), ("—", "—", 9), ("–", "-", 109), ("-", "-", 762), ("ж", ")K", 40), ("ы", "bl", 50)] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        let channel = Channel::from_pairs(&pairs);
        let (clean, share) = channel.likeliest_mark('—').unwrap();
        assert_eq!(clean, '–');
        assert!((share - 67.0 / 76.0).abs() < 1e-6, "{share}");
        assert_eq!(channel.likeliest_mark('-').map(|m| m.0), Some('-'));
        // Letters printed as marks are the word decoder's business, not a lone mark's.
        assert_eq!(channel.likeliest_mark(')'), None);
        assert_eq!(channel.likeliest_mark('«'), None);
    }

    #[test]
    fn channel_costs_follow_counts_and_leave_documents_out() {
        let c = counts();
        let all = c.channel(EngineModel::English, &[]);
        let bl = all.sources("bl");
        assert_eq!(bl[0].clean, "ы");
        assert!(all.sources("bl")[0].cost < all.sources("bI")[0].cost);
        // Upper-case Ы → BI is folded to ы for the search, kept cased for case restoration.
        assert_eq!(all.sources("BI")[0].clean, "ы");
        assert!(all.cased_cost("Ы", "BI").is_some() && all.cased_cost("ы", "BI").is_none());
        let without_b = c.channel(EngineModel::English, &["b"]);
        assert!(without_b.sources("BI").is_empty() && without_b.sources("c").is_empty());
        assert!(c.channel(EngineModel::Russian, &[]).sources("bl").is_empty());
        // "Bl" was never seen: its case variants stand in, at a price.
        let backoff = all.case_backoff("Bl", 1.5);
        assert_eq!(backoff.len(), 1);
        assert_eq!(backoff[0].clean, "ы");
        assert!((backoff[0].cost - (all.sources("bl")[0].cost + 1.5)).abs() < 1e-6);
        assert!(all.case_backoff("bl", 1.5).is_empty(), "exact sources are not repeated");
    }

    #[test]
    fn rare_pairs_are_discounted_and_the_rarest_dropped() {
        let mut pairs: BTreeMap<(String, String), u32> = BTreeMap::new();
        for (ocr, n) in [("a", 90), ("o", 6), ("q", 4)] {
            pairs.insert(("а".to_owned(), ocr.to_owned()), n);
        }
        let channel = Channel::from_pairs(&pairs);
        assert!(channel.sources("q").is_empty(), "below {MIN_COUNT}: alignment noise");
        let (common, rare) = (channel.sources("a")[0].cost, channel.sources("o")[0].cost);
        assert!((common - -(86.0f32 / 100.0).ln()).abs() < 1e-5, "{common}");
        assert!((rare - -(2.0f32 / 100.0).ln()).abs() < 1e-5, "seen 6 times, counted as 2: {rare}");
    }

    #[test]
    fn a_segment_rarely_cut_whole_is_priced_over_all_its_occurrences() {
        // "ді" was cut whole 10 times, 9 of them when the OCR lost its д; it occurred 1000 times.
        let mut c = ChannelCounts::default();
        c.add(EngineModel::English, "a", "ді", "i", 9);
        c.add(EngineModel::English, "a", "ді", "gi", 1);
        c.add(EngineModel::English, "a", "д", "g", 990);
        let naive = c.channel(EngineModel::English, &[]).sources("i")[0].cost;
        c.add_occurrences(EngineModel::English, "a", "ді", 1000);
        let channel = c.channel(EngineModel::English, &[]);
        assert_eq!(channel.sources("i")[0].clean, "ді");
        assert!((channel.sources("i")[0].cost - -(5.0f32 / 1000.0).ln()).abs() < 1e-5, "{:?}", channel.sources("i"));
        assert!(naive < 1.0, "over its cuts alone the loss looked likely: {naive}");
        // Leaving the document out leaves its occurrences out too.
        assert!(c.channel(EngineModel::English, &["a"]).sources("i").is_empty());
    }
}
