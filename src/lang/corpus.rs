//! Corpus statistics kept per document, so that any document can be left out of the models it
//! is measured with (leave-one-out is structural, not a promise).
//!
//! [`CorpusCounts`] holds, for each document id (`seeds/001`, `public-acts/1469/kaz`), its word
//! and word-bigram counts; it is written as `data/corpus-counts.tsv` by
//! `scripts/build-lexicon` and read by the driver. [`CorpusCounts::model`] sums every document
//! except the excluded ones into a [`WordModel`]: the word language model (unigram + bigram,
//! with simple interpolated smoothing), a character bigram model for words no lexicon knows,
//! and how each word is usually written (lower, Capitalised, UPPER; each part of a hyphenated
//! word), for restoring the letter case OCR garbage has lost.
//!
//! Not here: the hunspell-derived general lexicon (see [`super::lexicon`]); reading files.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::chargram::{self, CharGrams, Context};
use super::endings::{EndingModel, EndingPairs};

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterCase {
    Lower,
    /// First letter upper case, the rest lower.
    Title,
    /// Every letter upper case (two letters or more).
    Upper,
    Other,
}

impl LetterCase {
    pub fn of(word: &str) -> LetterCase {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        match letters.first() {
            None => LetterCase::Other,
            Some(_) if upper == 0 => LetterCase::Lower,
            Some(_) if upper == letters.len() && letters.len() >= 2 => LetterCase::Upper,
            Some(first) if upper == 1 && first.is_uppercase() => LetterCase::Title,
            Some(_) => LetterCase::Other,
        }
    }
}

/// Counts of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocCounts {
    pub words: BTreeMap<String, u32>,
    /// Keyed `"w1 w2"`.
    pub bigrams: BTreeMap<String, u32>,
    /// Per lower-cased word: how often it was written Capitalised, and how often in UPPER case
    /// (words of two letters or more); the rest of its count was lower case or mixed.
    pub titles: BTreeMap<String, u32>,
    pub uppers: BTreeMap<String, u32>,
    /// How often the word was a label, one capital letter naming something: an initial
    /// ("С. Умбетов") or a code ("С2"). Its case says nothing of the word's, and is left out
    /// of the case counts.
    pub labels: BTreeMap<String, u32>,
    /// Hyphenated words as written ("Премьер-Министрінің", "ЗҚАИ-ның", "іс-шаралар"): the
    /// tokens split them, so the counts above cannot say that a compound capitalises its
    /// second part too.
    pub compounds: BTreeMap<String, u32>,
}

/// Per-document counts of a whole corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusCounts {
    pub docs: BTreeMap<String, DocCounts>,
}

/// The token that stands for any number in the language model.
pub const NUMBER: &str = "<n>";
/// The number sign, a token of its own.
pub const NUMERO: char = '№';

/// The id a corpus file's counts are kept under, from its path:
/// `corpus/seeds/000_x.txt` → `seeds/000`; `corpus/public-acts/1469/kaz.txt` → `public-acts/1469/kaz`.
/// Leave-one-out evaluation excludes a document by this id.
pub fn doc_id(path: &str) -> String {
    let path = path.replace('\\', "/");
    let rel = path.strip_prefix("corpus/").unwrap_or(&path);
    let rel = rel.strip_suffix(".txt").unwrap_or(rel);
    match rel.strip_prefix("seeds/") {
        Some(name) => format!("seeds/{}", name.split('_').next().unwrap_or(name)),
        None => rel.to_owned(),
    }
}

/// Language-model tokens of a text: lower-cased letter runs (hyphenated parts separately) and
/// [`NUMBER`] for digit runs, [`NUMERO`] for the number sign (legal text cites "№ 37182" all the
/// time, and OCR turns the sign into letters); everything else separates tokens.
pub fn lm_tokens(text: &str) -> Vec<String> {
    cased_lm_tokens(text).into_iter().map(|(t, _)| t.to_lowercase()).collect()
}

/// [`lm_tokens`] in the letter case of the text, each with whether it is a label: one capital
/// letter that names something, an initial ("С. Умбетов", "К.Н.") or a code ("С2", "В1").
fn cased_lm_tokens(text: &str) -> Vec<(String, bool)> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut digits = false;
    let flush = |current: &mut String, digits: bool, tokens: &mut Vec<(String, bool)>, next: Option<&char>| {
        if !current.is_empty() {
            let mut letters = current.chars();
            let one_capital = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
            let label = !digits && one_capital && next.is_some_and(|c| *c == '.' || c.is_ascii_digit());
            tokens.push((if digits { NUMBER.to_owned() } else { std::mem::take(current) }, label));
            current.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            if digits {
                flush(&mut current, true, &mut tokens, Some(&c));
                digits = false;
            }
            current.push(c);
        } else if c.is_ascii_digit() {
            if !digits {
                flush(&mut current, false, &mut tokens, Some(&c));
                digits = true;
            }
            current.push(c);
        } else {
            flush(&mut current, digits, &mut tokens, Some(&c));
            digits = false;
            if c == NUMERO {
                tokens.push((NUMERO.to_string(), false));
            }
        }
    }
    flush(&mut current, digits, &mut tokens, None);
    tokens
}

impl DocCounts {
    /// Counts the tokens of `text`.
    pub fn of_text(text: &str) -> DocCounts {
        let cased = cased_lm_tokens(text);
        let tokens: Vec<String> = cased.iter().map(|(t, _)| t.to_lowercase()).collect();
        let mut counts = DocCounts::default();
        for (token, (written, label)) in tokens.iter().zip(&cased) {
            *counts.words.entry(token.clone()).or_default() += 1;
            // A label is a capital whatever word its letter is: "С. Умбетов" and "С2" say
            // nothing of how the preposition "с" is written.
            if *label {
                *counts.labels.entry(token.clone()).or_default() += 1;
                continue;
            }
            match LetterCase::of(written) {
                LetterCase::Title => *counts.titles.entry(token.clone()).or_default() += 1,
                LetterCase::Upper => *counts.uppers.entry(token.clone()).or_default() += 1,
                _ => {}
            }
        }
        for pair in tokens.windows(2) {
            *counts.bigrams.entry(format!("{} {}", pair[0], pair[1])).or_default() += 1;
        }
        for compound in compounds(text) {
            *counts.compounds.entry(compound.to_owned()).or_default() += 1;
        }
        counts
    }
}

/// The hyphenated words of `text`: runs of letters joined by single hyphens.
fn compounds(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .map(|run| run.trim_matches('-'))
        .filter(|run| run.contains('-') && run.split('-').all(|part| !part.is_empty()))
}

impl CorpusCounts {
    /// The TSV form: a header, then `doc<TAB>w|b<TAB>key<TAB>count` lines, sorted.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("# normbase corpus counts v4: doc, w(ord)|b(igram)|t(itle-case word)|u(pper-case word)|l(abel: an initial or a code)|c(ompound as written), key, count\n");
        for (doc, counts) in &self.docs {
            for (word, n) in &counts.words {
                out.push_str(&format!("{doc}\tw\t{word}\t{n}\n"));
            }
            for (pair, n) in &counts.bigrams {
                out.push_str(&format!("{doc}\tb\t{pair}\t{n}\n"));
            }
            for (word, n) in &counts.titles {
                out.push_str(&format!("{doc}\tt\t{word}\t{n}\n"));
            }
            for (word, n) in &counts.uppers {
                out.push_str(&format!("{doc}\tu\t{word}\t{n}\n"));
            }
            for (word, n) in &counts.labels {
                out.push_str(&format!("{doc}\tl\t{word}\t{n}\n"));
            }
            for (written, n) in &counts.compounds {
                out.push_str(&format!("{doc}\tc\t{written}\t{n}\n"));
            }
        }
        out
    }

    /// Parses [`Self::to_tsv`] output. Malformed lines are errors (with their line number).
    pub fn from_tsv(text: &str) -> Result<CorpusCounts, String> {
        let mut counts = CorpusCounts::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [doc, kind, key, n] = fields[..] else { return Err(format!("line {}: expected 4 fields", i + 1)) };
            let n: u32 = n.parse().map_err(|_| format!("line {}: bad count {n:?}", i + 1))?;
            let entry = counts.docs.entry(doc.to_owned()).or_default();
            match kind {
                "w" => *entry.words.entry(key.to_owned()).or_default() += n,
                "b" => *entry.bigrams.entry(key.to_owned()).or_default() += n,
                "t" => *entry.titles.entry(key.to_owned()).or_default() += n,
                "u" => *entry.uppers.entry(key.to_owned()).or_default() += n,
                "l" => *entry.labels.entry(key.to_owned()).or_default() += n,
                "c" => *entry.compounds.entry(key.to_owned()).or_default() += n,
                _ => return Err(format!("line {}: unknown kind {kind:?}", i + 1)),
            }
        }
        Ok(counts)
    }

    /// The model of every document except those in `exclude`.
    pub fn model(&self, exclude: &[&str]) -> WordModel {
        let mut model = WordModel::default();
        for (doc, counts) in &self.docs {
            if exclude.iter().any(|x| x == doc) {
                continue;
            }
            for (word, &n) in &counts.words {
                *model.unigrams.entry(word.clone()).or_default() += n;
                model.total += u64::from(n);
            }
            for (pair, &n) in &counts.bigrams {
                *model.bigrams.entry(pair.clone()).or_default() += n;
            }
            for (word, &n) in &counts.titles {
                *model.titles.entry(word.clone()).or_default() += n;
            }
            for (word, &n) in &counts.uppers {
                *model.uppers.entry(word.clone()).or_default() += n;
            }
            for (word, &n) in &counts.labels {
                *model.labels.entry(word.clone()).or_default() += n;
            }
            for (written, &n) in &counts.compounds {
                let forms = model.compounds.entry(written.to_lowercase()).or_default();
                match forms.iter_mut().find(|(form, _)| form == written) {
                    Some((_, total)) => *total += n,
                    None => forms.push((written.clone(), n)),
                }
            }
        }
        for forms in model.compounds.values_mut() {
            forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        model.chars = CharModel::of_words(&model.unigrams);
        model.endings = EndingModel::of_words(&model.unigrams);
        model.ending_pairs = EndingPairs::of_bigrams(model.bigrams.iter().filter_map(|(pair, &n)| pair.split_once(' ').map(|(a, b)| (a, b, n))));
        let mut next: HashMap<String, Vec<(u32, String)>> = HashMap::new();
        for (pair, &n) in &model.bigrams {
            if let Some((a, b)) = pair.split_once(' ') {
                next.entry(a.to_owned()).or_default().push((n, b.to_owned()));
            }
        }
        model.successors = next
            .into_iter()
            .map(|(a, mut list)| {
                list.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
                (a, list.into_iter().take(SUCCESSORS).map(|(_, b)| b).collect())
            })
            .collect();
        model
    }
}

/// A word unigram + bigram model with a character bigram model for unknown words.
#[derive(Debug, Clone, Default)]
pub struct WordModel {
    unigrams: HashMap<String, u32>,
    bigrams: HashMap<String, u32>,
    /// For each word, the words that follow it most often, most frequent first.
    successors: HashMap<String, Vec<String>>,
    total: u64,
    titles: HashMap<String, u32>,
    uppers: HashMap<String, u32>,
    labels: HashMap<String, u32>,
    /// Per lower-cased hyphenated word, how the corpus wrote it, most often first.
    compounds: HashMap<String, Vec<(String, u32)>>,
    pub chars: CharModel,
    endings: EndingModel,
    ending_pairs: EndingPairs,
}

/// Occurrences of a word below which its letter case in the corpus says nothing.
const CASE_EVIDENCE: u32 = 2;

/// Successors kept per word.
const SUCCESSORS: usize = 24;

/// Weight of the ending model in the cost of a word the corpus never saw.
const ENDING_WEIGHT: f64 = 0.5;

/// Weight of the unigram in the interpolated bigram estimate.
const BIGRAM_BACKOFF: f64 = 0.4;

impl WordModel {
    /// The words seen (for the corpus part of the lexicon).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.unigrams.keys().map(String::as_str)
    }

    /// This model with `grams` as the character model of unknown words.
    pub fn with_char_grams(mut self, grams: Arc<CharGrams>) -> WordModel {
        self.chars.grams = Some(grams);
        self
    }

    /// The words that most often follow `prev` in the corpus, most frequent first.
    pub fn successors(&self, prev: &str) -> &[String] {
        self.successors.get(prev).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Costs of writing `lower` Capitalised and in UPPER case, relative to lower case
    /// (−ln of the odds, add-half smoothed), from how the corpus wrote it; `None` for a word
    /// seen fewer than [`CASE_EVIDENCE`] times other than as a label.
    pub fn case_costs(&self, lower: &str) -> Option<(f32, f32)> {
        let n = self.count(lower).saturating_sub(self.labels.get(lower).copied().unwrap_or(0));
        if n < CASE_EVIDENCE {
            return None;
        }
        let title = self.titles.get(lower).copied().unwrap_or(0);
        let upper = self.uppers.get(lower).copied().unwrap_or(0);
        let rest = n.saturating_sub(title + upper);
        let odds = |k: u32| -(((f64::from(k) + 0.5) / (f64::from(rest) + 0.5)).ln()) as f32;
        Some((odds(title), odds(upper)))
    }

    /// How the corpus writes the part after `head` (as written) and a hyphen of the
    /// hyphenated word `head-lower`, when it writes the word's head so: "Министрінің" after
    /// "Премьер", "ның" after "ЗҚАИ". The tokens of the word model split hyphenated words, so
    /// their letter case cannot say that a compound capitalises its second part too. `None`
    /// unless the corpus wrote the word so [`CASE_EVIDENCE`] times or more, and more often
    /// than any other way with that head.
    pub fn compound_part(&self, head: &str, lower: &str) -> Option<&str> {
        let forms = self.compounds.get(&format!("{head}-{lower}").to_lowercase())?;
        let (form, n) = forms.iter().find(|(form, _)| form.starts_with(head) && form[head.len()..].starts_with('-'))?;
        (*n >= CASE_EVIDENCE).then(|| &form[head.len() + 1..])
    }

    pub fn count(&self, lower: &str) -> u32 {
        self.unigrams.get(lower).copied().unwrap_or(0)
    }

    /// −log P(word), with add-half smoothing over a vocabulary the size of a lexicon, so that an
    /// unseen lexicon word costs more than any seen one but not infinitely; an unseen word
    /// costs more still when its ending is rare in the corpus ([`EndingModel`]).
    pub fn unigram_cost(&self, lower: &str) -> f64 {
        let n = self.count(lower);
        let smoothed = -((f64::from(n) + 0.5) / (self.total as f64 + 500_000.0)).ln();
        if n == 0 {
            smoothed + ENDING_WEIGHT * self.endings.cost(lower)
        } else {
            smoothed
        }
    }

    /// −log P(word | prev): interpolation of the bigram relative frequency and the unigram.
    pub fn bigram_cost(&self, prev: &str, lower: &str) -> f64 {
        let unigram = (-self.unigram_cost(lower)).exp() * self.ending_pairs.association(prev, lower);
        let prev_n = f64::from(self.count(prev));
        let p = if prev_n > 0.0 {
            let pair = f64::from(self.bigrams.get(&format!("{prev} {lower}")).copied().unwrap_or(0));
            (1.0 - BIGRAM_BACKOFF) * pair / prev_n + BIGRAM_BACKOFF * unigram
        } else {
            unigram
        };
        -p.ln()
    }
}

/// The character model of unknown words: the web word lists' 4-grams ([`CharGrams`]) once
/// the data has them ([`WordModel::with_char_grams`]), else a character bigram model of the
/// corpus words (what tests and a bare build have), with `^` before a word and `$` after it.
#[derive(Debug, Clone, Default)]
pub struct CharModel {
    pairs: HashMap<(char, char), u32>,
    firsts: HashMap<char, u32>,
    alphabet: usize,
    grams: Option<Arc<CharGrams>>,
}

impl CharModel {
    fn of_words(words: &HashMap<String, u32>) -> CharModel {
        let mut model = CharModel::default();
        let mut letters = std::collections::BTreeSet::new();
        for (word, &n) in words {
            let mut prev = '^';
            for c in word.chars().chain(std::iter::once(chargram::END)) {
                *model.pairs.entry((prev, c)).or_default() += n;
                *model.firsts.entry(prev).or_default() += n;
                letters.insert(c);
                prev = c;
            }
        }
        model.alphabet = letters.len().max(1);
        model
    }

    /// The identity of the n-gram model, under which its costs may be cached; `None` for the
    /// bigram model, which is rebuilt with every word model.
    pub fn id(&self) -> Option<u64> {
        self.grams.as_ref().map(|g| g.id())
    }

    /// −log P(c | context): the n-gram model's, or the bigram's of the context's last
    /// character, add-one smoothed.
    pub fn cost(&self, context: Context, c: char) -> f64 {
        if let Some(grams) = &self.grams {
            return grams.cost(context, c);
        }
        let prev = context[chargram::CONTEXT - 1];
        let pair = f64::from(self.pairs.get(&(prev, c)).copied().unwrap_or(0));
        let total = f64::from(self.firsts.get(&prev).copied().unwrap_or(0));
        -((pair + 0.1) / (total + 0.1 * self.alphabet as f64 + 1.0)).ln()
    }

    /// −log P(word) of a whole lower-cased word, boundaries included.
    pub fn word_cost(&self, lower: &str) -> f64 {
        let mut context = chargram::START;
        let mut cost = 0.0;
        for c in lower.chars().chain(std::iter::once(chargram::END)) {
            cost += self.cost(context, c);
            context = chargram::shift(context, c);
        }
        cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_and_numbers() {
        assert_eq!(lm_tokens("Осы бұйрық 2026 жылғы 1-қаңтардан, ISO/IEC"), ["осы", "бұйрық", "<n>", "жылғы", "<n>", "қаңтардан", "iso", "iec"]);
        assert_eq!(lm_tokens("17-бабының"), ["<n>", "бабының"]);
        assert!(lm_tokens(" ,. ").is_empty());
        assert_eq!(lm_tokens("№ 521/НҚ"), ["№", "<n>", "нқ"]);
    }

    #[test]
    fn tsv_round_trips_and_leaves_documents_out() {
        let mut counts = CorpusCounts::default();
        counts.docs.insert("a".into(), DocCounts::of_text("осы бұйрық осы бұйрық"));
        counts.docs.insert("b".into(), DocCounts::of_text("осы қаулы"));
        let parsed = CorpusCounts::from_tsv(&counts.to_tsv()).unwrap();
        assert_eq!(parsed, counts);
        let all = parsed.model(&[]);
        assert_eq!(all.count("осы"), 3);
        let without_a = parsed.model(&["a"]);
        assert_eq!(without_a.count("бұйрық"), 0);
        assert_eq!(without_a.count("осы"), 1);
        assert!(all.bigram_cost("осы", "бұйрық") < all.bigram_cost("осы", "қаулы"));
        assert_eq!(all.successors("осы"), ["бұйрық", "қаулы"]);
        assert!(without_a.successors("бұйрық").is_empty());
    }

    #[test]
    fn letter_case_is_counted_and_left_out_with_its_document() {
        let mut counts = CorpusCounts::default();
        counts.docs.insert("a".into(), DocCounts::of_text("Қазақстан Республикасы. Осы бұйрық. ҚАЗАҚСТАН Қазақстан"));
        counts.docs.insert("b".into(), DocCounts::of_text("осы бұйрық осы"));
        assert_eq!(CorpusCounts::from_tsv(&counts.to_tsv()).unwrap(), counts);
        let all = counts.model(&[]);
        let (title, upper) = all.case_costs("қазақстан").unwrap();
        assert!(title < upper && upper < 0.0, "{title} {upper}");
        let (title, _) = all.case_costs("осы").unwrap();
        assert!(title > 0.0, "mostly lower: {title}");
        assert!(counts.model(&["a"]).case_costs("қазақстан").is_none());
        assert_eq!(LetterCase::of("НҚ"), LetterCase::Upper);
        assert_eq!(LetterCase::of("ЗҚАИ-ның"), LetterCase::Other);
        assert_eq!(LetterCase::of("Ж"), LetterCase::Title);
    }

    #[test]
    fn a_hyphenated_word_keeps_the_case_of_each_part_per_head() {
        let mut counts = CorpusCounts::default();
        let text = "Премьер-Министрінің. Премьер-Министрінің, Премьер-министрінің; премьер-министрінің ЗҚАИ-ның ЗҚАИ-ның 17-бабы";
        counts.docs.insert("a".into(), DocCounts::of_text(text));
        counts.docs.insert("b".into(), DocCounts::of_text("ЗҚАИ-НЫҢ"));
        assert_eq!(counts.docs["a"].compounds.len(), 4, "no number's suffix: {:?}", counts.docs["a"].compounds);
        assert_eq!(CorpusCounts::from_tsv(&counts.to_tsv()).unwrap(), counts);
        let all = counts.model(&[]);
        assert_eq!(all.compound_part("Премьер", "министрінің"), Some("Министрінің"), "two of the three after a capital");
        assert_eq!(all.compound_part("премьер", "министрінің"), None, "seen once");
        assert_eq!(all.compound_part("ЗҚАИ", "ның"), Some("ның"));
        assert_eq!(all.compound_part("Премьер", "министрдің"), None);
        assert_eq!(counts.model(&["a"]).compound_part("ЗҚАИ", "ның"), None, "left out with its document");
    }

    #[test]
    fn an_initial_or_a_code_says_nothing_of_the_words_case() {
        let mut counts = CorpusCounts::default();
        let text = "келісім с ним. С. Умбетов, К.Н. Серікбаев, блок С2 и С3 с ним";
        counts.docs.insert("a".into(), DocCounts::of_text(text));
        assert_eq!(counts.docs["a"].labels.get("с"), Some(&3));
        assert_eq!(counts.docs["a"].titles.get("с"), None);
        assert_eq!(CorpusCounts::from_tsv(&counts.to_tsv()).unwrap(), counts);
        let (title, _) = counts.model(&[]).case_costs("с").unwrap();
        assert!(title > 1.0, "the preposition is lower case: {title}");
        assert_eq!(lm_tokens(text).iter().filter(|t| *t == "с").count(), 5, "labels are still words of the model");
    }

    #[test]
    fn malformed_tsv_is_an_error() {
        assert!(CorpusCounts::from_tsv("a\tw\tx\n").is_err());
        assert!(CorpusCounts::from_tsv("a\tq\tx\t1\n").is_err());
        assert!(CorpusCounts::from_tsv("a\tw\tx\tmany\n").is_err());
    }

    #[test]
    fn char_model_prefers_seen_shapes() {
        let mut counts = CorpusCounts::default();
        counts.docs.insert("a".into(), DocCounts::of_text("министрлігінің министрінің министр"));
        let model = counts.model(&[]);
        assert!(model.chars.word_cost("министрдің") < model.chars.word_cost("мйнйстрдйь"));
    }
}
