//! Letter case of a reading in its place: how the corpus writes the word (and each part of a
//! hyphenated one), where it stands (a sentence start, a quoted title, a number's suffix) and
//! what the channel saw, weighed per engine model, with a Russian model's capitals trusted as
//! much as the document's own words say.
//!
//! Not here: choosing the reading (see [`super::lattice`]), the channel's case costs of a
//! reading (see [`super::decode`]).

use super::channel::{Channel, EngineModel, FxMap};
use super::decode::{self, CasePriors};
use crate::lang::corpus::WordModel;
use crate::lang::script;

/// How much likelier a Capitalised word is at a sentence start, in log-odds, than the corpus
/// finds it elsewhere. The channel's case costs of an all-capitals OCR word can lean to lower
/// case by a nat or more ("18. KOETEPMENEHETIH"), and a sentence start in clean text is
/// almost always capitalised. Dev pairs, English model: 1: 2.42%, 2–8: 2.39%; 3 sits in the
/// flat middle.
pub(super) const SENTENCE_START: f32 = 3.0;

/// Quotation marks that open a quoted title, whose first word is Capitalised like a sentence's
/// ("«О государственной службе»"): in the corpus 149 of 149 words after «, 36 of 38 after ".
pub(super) const OPENING_QUOTES: [char; 4] = ['«', '"', '“', '„'];

/// Whether `original`, at `start`, is a number of one or two digits (not a year, not "06" for
/// "Об") opening its line: a list item's number whose point OCR lost ("4 Ocst" for "4. Осы"),
/// or a table row's ("2 Біліктілігі жоғары …"). It does not end a sentence itself; the word
/// after it opens one when [`opens_item`] says so.
pub(super) fn list_number_lost_its_point(text: &str, start: usize, original: &str) -> bool {
    let line_start = text[..start].rsplit('\n').next().is_some_and(|before| before.trim().is_empty());
    let list_number = (1..=2).contains(&original.len()) && original.bytes().all(|b| b.is_ascii_digit()) && !original.starts_with('0');
    line_start && list_number
}

/// Lines looked at on each side of a number opening its line for its neighbours in a numbering.
const NUMBERING_REACH: usize = 8;

/// Whether the number `original` opening its line at `start` belongs to a numbering: a line
/// within [`NUMBERING_REACH`] lines before or after opens with the number before or after it
/// ("2 …" near "3 …", or "7." near "8 …"). OCR misreads a word at a line's start as a number
/// too (в as "8"), and that one numbers nothing.
pub(super) fn in_a_numbering(text: &str, start: usize, original: &str) -> bool {
    let Ok(n) = original.parse::<u32>() else { return false };
    let opening = |line: &str| -> Option<u32> {
        let first = line.split_whitespace().next()?;
        first.strip_suffix(['.', ')']).unwrap_or(first).parse().ok()
    };
    let neighbour = |line: &str| opening(line).is_some_and(|m| m + 1 == n || m == n + 1);
    let line_begin = text[..start].rfind('\n').unwrap_or(0);
    let line_end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    text[..line_begin].lines().rev().take(NUMBERING_REACH).any(neighbour) || text[line_end..].lines().skip(1).take(NUMBERING_REACH).any(neighbour)
}

/// Whether the word `lower` after such a number opens its item, Capitalised. The corpus
/// capitalises 36 of 39 words after a list number's point and 125 of 131 words opening a
/// table cell, whatever the line before ended with; but a wrapped date puts its day at a
/// line's start too ("… 2025 жылғы" / "20 қазандағы"), and a month name goes on the sentence.
pub(super) fn opens_item(lower: &str) -> bool {
    !crate::lang::is_month(lower)
}

/// Least pseudo-count of mid-word letters behind the training's share in
/// [`document_capitals`]; a rare capital gets as many as make one virtual capital, so that one
/// speck ("здИ") does not make a letter's capitals meaningless. Not tuned: the dev pairs'
/// fonts print no lower-case letter as a capital, and are flat.
const CAPITAL_PRIOR_LETTERS: f32 = 50.0;

/// How much more (or less) a lower-case reading of a word opening with each capital costs in
/// this document than the channel says. Some fonts make a Russian engine model print
/// lower-case letters as capitals ("КазаКстандык", "Камтылым" for "қамтылым"), others never:
/// the training's share of such capitals ([`Channel::capital_share`]) is a mean over fonts. A
/// document's own words show its share: capitals inside words of lower-case letters can only
/// be lower-case letters. The share is the document's, smoothed toward the training's
/// ([`CAPITAL_PRIOR_LETTERS`]), and the shift is the log of the training's over it. Fresh
/// pairs, Russian model: 1.30% → 1.25% (lower-case words read as Capitalised from a printed
/// "К": 58 → 22); dev pairs unchanged.
pub(super) fn document_capitals(text: &str, channel: &Channel) -> FxMap<char, f32> {
    let mut inside: FxMap<char, (u32, u32)> = FxMap::default();
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 3 && w.chars().any(char::is_lowercase)) {
        for c in word.chars().skip(1).filter(|c| script::is_cyrillic_letter(*c)) {
            let capital = c.to_uppercase().next().unwrap_or(c);
            let entry = inside.entry(capital).or_default();
            entry.1 += 1;
            entry.0 += u32::from(c.is_uppercase());
        }
    }
    inside
        .into_iter()
        .filter_map(|(capital, (capitals, all))| {
            let trained = channel.capital_share(capital).filter(|&share| share > 0.0)?;
            let prior = CAPITAL_PRIOR_LETTERS.max(1.0 / trained);
            let own = (capitals as f32 + prior * trained) / (all as f32 + prior);
            Some((capital, trained.ln() - own.ln()))
        })
        .collect()
}

/// The head of the hyphenated word a piece continues, when `gap`, the text between it and the
/// previous arc, is a hyphen glued to both: the letters (and inner hyphens) `previous` ends
/// with. The corpus writes some such words' later parts capitalised ("Премьер-Министрінің"),
/// which no case prior of the part alone can tell ([`WordModel::compound_part`]).
pub(super) fn compound_head<'p>(gap: &str, previous: &'p str) -> Option<&'p str> {
    if gap != "-" {
        return None;
    }
    let start = previous.char_indices().rev().take_while(|&(_, c)| c.is_alphabetic() || c == '-').last().map(|(i, _)| i)?;
    Some(previous[start..].trim_start_matches('-')).filter(|head| !head.is_empty() && !head.ends_with('-'))
}

/// `written` as the hyphenated word it continues, if any ("Солтүстік-Қазақстан" then "облысы").
pub(super) fn continued(head: Option<&str>, written: &str) -> String {
    head.map_or_else(|| written.to_owned(), |head| format!("{head}-{written}"))
}

/// Where a word stands, for its letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CaseContext {
    /// First word of a sentence: capitalised.
    SentenceStart,
    /// Glued to a number by a slash ("521/НҚ", "37/НҚ"): an abbreviation, in capitals.
    NumberSuffix,
    Other,
}

impl CaseContext {
    pub(super) fn of(before: &str, sentence_start: bool) -> CaseContext {
        let mut tail = before.chars().rev();
        if tail.next() == Some('/') && tail.next().is_some_and(|c| c.is_ascii_digit()) {
            CaseContext::NumberSuffix
        } else if sentence_start {
            CaseContext::SentenceStart
        } else {
            CaseContext::Other
        }
    }

    /// The priors of the letter cases of `lower` here: how the corpus writes the word (a name
    /// is Capitalised wherever it stands), else lower case is likeliest; a sentence start is
    /// Capitalised; a number's suffix is an abbreviation.
    pub(super) fn priors(self, words: &WordModel, lower: &str) -> CasePriors {
        let usual = words.case_costs(lower).map_or_else(CasePriors::default, |(title, upper)| CasePriors { title, upper });
        match self {
            CaseContext::SentenceStart => CasePriors { title: usual.title.min(0.0) - SENTENCE_START, upper: usual.upper },
            CaseContext::NumberSuffix => CasePriors { title: 4.0, upper: -4.0 },
            CaseContext::Other => usual,
        }
    }
}

/// Weight of the channel's evidence on letter case against the priors. An English model reads
/// lower-case Cyrillic к н т м в as capital Latin K H T M B, so its shapes say little; a
/// Russian model reads Cyrillic, case included ("Цифрлык" is a capitalised word). The English
/// weight, 0.4, was re-chosen on the dev pairs after the round 1–3 channel (0.25: 2.66%,
/// 0.4: 2.62%, 0.5: 2.63%, 0.7: 2.70%).
fn case_channel_weight(engine: EngineModel) -> f32 {
    match engine {
        EngineModel::English => 0.4,
        EngineModel::Russian => 1.0,
    }
}

/// `reading` in the letter case its channel costs and `priors` make likeliest.
pub(super) fn cased(reading: &decode::Reading, priors: &CasePriors, engine: EngineModel) -> String {
    reading.cased_weighted(priors, case_channel_weight(engine))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::ocr::decode::Origin;

    #[test]
    fn letter_case_follows_the_corpus_and_the_place() {
        let mut counts = crate::lang::corpus::CorpusCounts::default();
        counts.docs.insert("a".into(), crate::lang::corpus::DocCounts::of_text("Қазақстан Қазақстан осы осы Осы"));
        let words = counts.model(&[]);
        let reading = |lower: &str| decode::Reading { text: lower.to_owned(), case_costs: [0.0, 0.5, 0.5], lower: lower.to_owned(), channel_cost: 0.0, cost: 0.0, origin: Origin::Lexicon };
        assert_eq!(cased(&reading("қазақстан"), &CaseContext::Other.priors(&words, "қазақстан"), EngineModel::English), "Қазақстан");
        assert_eq!(cased(&reading("осы"), &CaseContext::Other.priors(&words, "осы"), EngineModel::English), "осы");
        assert_eq!(cased(&reading("осы"), &CaseContext::SentenceStart.priors(&words, "осы"), EngineModel::English), "Осы");
        assert_eq!(cased(&reading("нқ"), &CaseContext::NumberSuffix.priors(&words, "нқ"), EngineModel::English), "НҚ");
        // An all-capitals OCR word at a sentence start: the channel's case costs lean to lower
        // case ("KOETEPMENEHETIH": 20.1 lower, 23.1 Title), the place wins.
        let leaning = decode::Reading { case_costs: [20.1, 23.1, 24.6], ..reading("осы") };
        assert_eq!(cased(&leaning, &CaseContext::SentenceStart.priors(&words, "осы"), EngineModel::English), "Осы");
        assert_eq!(cased(&leaning, &CaseContext::Other.priors(&words, "осы"), EngineModel::English), "осы");
    }

    #[test]
    fn a_list_number_that_lost_its_point_leaves_the_sentence_start_to_its_line() {
        let text = "бекітілсін.\n4 Ocst 6yiipbiK\n2017 xbUtFbl\n06 yTBep\nкүні 4 Ocst";
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(list_number_lost_its_point(text, at("4 Ocst"), "4"));
        assert!(!list_number_lost_its_point(text, at("2017"), "2017"), "a year");
        assert!(!list_number_lost_its_point(text, at("06"), "06"), "\"Об\" read as digits");
        assert!(!list_number_lost_its_point(text, text.rfind('4').unwrap(), "4"), "inside a line");
    }

    #[test]
    fn a_number_opening_its_line_numbers_items_only_beside_its_neighbours() {
        let table = "B2 1 Cneunannctbl\n2 Cneuvanuctbl\n\n3 Cneuvannuctbl\n";
        assert!(in_a_numbering(table, table.find("2 C").unwrap(), "2"), "3 comes after it");
        assert!(in_a_numbering(table, table.find("3 C").unwrap(), "3"), "2 comes before it");
        let points = "7. Подготовка\n8 Kanposie";
        assert!(in_a_numbering(points, points.find("8 K").unwrap(), "8"), "a point counts, on the line right before");
        let far = format!("7. Подготовка{}\n8 Kanposie", "\nтекст".repeat(NUMBERING_REACH));
        assert!(!in_a_numbering(&far, far.find("8 K").unwrap(), "8"), "beyond the reach");
        // в printed as "8" in a wrapped sentence between items 13 and 16.
        let prose = "13. Служащие\nтекст\n8 Kanposie cnynGe.\n16. Kanposie";
        assert!(!in_a_numbering(prose, prose.find("8 K").unwrap(), "8"));
        assert!(!in_a_numbering("20 қазандағы", 0, "20"));
    }

    #[test]
    fn a_piece_after_a_glued_hyphen_continues_the_previous_words_head() {
        assert_eq!(compound_head("-", "Премьер"), Some("Премьер"));
        assert_eq!(compound_head("-", "(Премьер"), Some("Премьер"), "the head's letters only");
        assert_eq!(compound_head("-", "Солтүстік-Қазақстан"), Some("Солтүстік-Қазақстан"));
        assert_eq!(compound_head(" - ", "Премьер"), None, "a dash between words");
        assert_eq!(compound_head("-", "17"), None, "a number's suffix");
        assert_eq!(compound_head("", "Премьер"), None);
        // A third part continues the first two.
        let head = compound_head("-", "Солтүстік");
        assert_eq!(compound_head("-", &continued(head, "Қазақстан")), Some("Солтүстік-Қазақстан"));
    }

    #[test]
    fn a_document_that_prints_lower_case_letters_as_capitals_trusts_its_capitals_less() {
        let mut pairs = std::collections::BTreeMap::new();
        for (clean, ocr, n) in [("қ", "к", 900), ("қ", "К", 100), ("Қ", "К", 300), ("а", "а", 900)] {
            pairs.insert((clean.to_owned(), ocr.to_owned()), n);
        }
        let channel = Channel::from_pairs(&pairs);
        assert!((channel.capital_share('К').unwrap() - 0.1).abs() < 1e-6);
        assert_eq!(channel.capital_share('А'), Some(0.0));
        // A quarter of the к inside words printed as capitals, against a tenth in training: a
        // capital К says less.
        let careless = document_capitals(&"КазаКстандык казакстандык ".repeat(40), &channel);
        assert!(careless[&'К'] < -0.5, "{careless:?}");
        // Never a capital inside a word: a capital К opens a Capitalised word.
        let careful = document_capitals(&"казакстандык ".repeat(80), &channel);
        assert!(careful[&'К'] > 1.0, "{careful:?}");
        assert!(!careful.contains_key(&'А'), "no lower-case а ever printed as А in training: nothing to adapt");
    }
}
