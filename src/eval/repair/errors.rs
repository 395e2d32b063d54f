//! What kind of errors a repair leaves (`normbase eval repair --errors N`): the repaired
//! text is aligned word by word with its reference, and each stretch that differs is put in
//! one category — letter case only, punctuation only, a number, Latin letters left, a wrong
//! word, or a split or merge (a stretch whose word counts differ) — with its character edits.
//! The most frequent confusions and the words the repair broke are listed, so that a change
//! can be aimed at the largest category and its effect read off the same table.
//!
//! The shares come from a word alignment, so they add up to about the CER, not exactly. Not
//! here: the rates themselves (see [`super::measure`]).

use std::collections::BTreeMap;

use super::{levenshtein, matched};

/// What kind of error a stretch of words is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// The same letters in another case ("Комиссии" for "комиссии").
    Case,
    /// The same letters and digits, other marks around them ("1," for "1.").
    Punctuation,
    /// Either side has a digit ("63" for "өз").
    Number,
    /// The repair left Latin letters in the word.
    LatinLeft,
    /// Another word ("бағалауды" for "бағалауы").
    Word,
    /// Words split or joined: the stretch has more or fewer words than the reference.
    SplitOrMerge,
}

impl Category {
    fn label(self) -> &'static str {
        match self {
            Category::Case => "letter case",
            Category::Punctuation => "punctuation",
            Category::Number => "number",
            Category::LatinLeft => "Latin left",
            Category::Word => "word",
            Category::SplitOrMerge => "split or merge",
        }
    }

    /// The category of `repaired` standing for the one reference word `reference`.
    fn of(reference: &str, repaired: &str) -> Category {
        let core = |w: &str| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        if reference.to_lowercase() == repaired.to_lowercase() {
            Category::Case
        } else if core(reference) == core(repaired) {
            Category::Punctuation
        } else if reference.chars().chain(repaired.chars()).any(|c| c.is_ascii_digit()) {
            Category::Number
        } else if repaired.chars().any(|c| c.is_ascii_alphabetic()) {
            Category::LatinLeft
        } else {
            Category::Word
        }
    }
}

/// The errors of some pairs, added up.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub ref_chars: usize,
    /// Per category: character edits and stretches.
    pub categories: BTreeMap<Category, (usize, usize)>,
    /// (reference, repaired) → how often.
    pub confusions: BTreeMap<(String, String), usize>,
    /// (reference word the input had right, what the repair made of it) → how often.
    pub broken: BTreeMap<(String, String), usize>,
}

/// One step of a word alignment: indices into the repaired words and the reference words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Same(usize, usize),
    Other(usize, usize),
    Extra(usize),
    Missing(usize),
}

/// A minimal-edit alignment of `words` to `reference`, in order.
pub(super) fn align(words: &[&str], reference: &[&str]) -> Vec<Step> {
    let (n, m) = (words.len(), reference.len());
    let w = m + 1;
    let mut cost = vec![0u32; (n + 1) * w];
    for (j, cell) in cost.iter_mut().take(w).enumerate() {
        *cell = j as u32;
    }
    for i in 1..=n {
        cost[i * w] = i as u32;
        for j in 1..=m {
            let sub = cost[(i - 1) * w + j - 1] + u32::from(words[i - 1] != reference[j - 1]);
            cost[i * w + j] = sub.min(cost[(i - 1) * w + j] + 1).min(cost[i * w + j - 1] + 1);
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = cost[i * w + j];
        if i > 0 && j > 0 && here == cost[(i - 1) * w + j - 1] + u32::from(words[i - 1] != reference[j - 1]) {
            steps.push(if words[i - 1] == reference[j - 1] { Step::Same(i - 1, j - 1) } else { Step::Other(i - 1, j - 1) });
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && here == cost[(i - 1) * w + j] + 1 {
            steps.push(Step::Extra(i - 1));
            i -= 1;
        } else {
            steps.push(Step::Missing(j - 1));
            j -= 1;
        }
    }
    steps.reverse();
    steps
}

impl Tally {
    /// The errors of `repaired` against `reference` (both normalised, words split by one
    /// space), and the words of `input` it broke.
    pub fn of(input: &str, repaired: &str, reference: &str) -> Tally {
        fn words(text: &str) -> Vec<&str> {
            text.split(' ').filter(|w| !w.is_empty()).collect()
        }
        let (input, repaired, reference) = (words(input), words(repaired), words(reference));
        let mut tally = Tally { ref_chars: reference.join(" ").chars().count(), ..Tally::default() };
        let steps = align(&repaired, &reference);
        let mut stretch: Vec<Step> = Vec::new();
        for step in steps.iter().chain(std::iter::once(&Step::Same(usize::MAX, usize::MAX))) {
            if matches!(step, Step::Same(..)) {
                tally.add_stretch(&stretch, &repaired, &reference);
                stretch.clear();
            } else {
                stretch.push(*step);
            }
        }
        tally.add_broken(&input, &repaired, &reference, &steps);
        tally
    }

    fn add_stretch(&mut self, stretch: &[Step], repaired: &[&str], reference: &[&str]) {
        if stretch.is_empty() {
            return;
        }
        if stretch.iter().all(|s| matches!(s, Step::Other(..))) {
            for step in stretch {
                if let Step::Other(i, j) = *step {
                    self.add(Category::of(reference[j], repaired[i]), reference[j], repaired[i]);
                }
            }
            return;
        }
        let side = |pick: fn(&Step) -> Option<usize>, words: &[&str]| stretch.iter().filter_map(pick).map(|k| words[k]).collect::<Vec<_>>().join(" ");
        let theirs = side(|s| if let Step::Other(_, j) | Step::Missing(j) = *s { Some(j) } else { None }, reference);
        let ours = side(|s| if let Step::Other(i, _) | Step::Extra(i) = *s { Some(i) } else { None }, repaired);
        self.add(Category::SplitOrMerge, &theirs, &ours);
    }

    fn add(&mut self, category: Category, reference: &str, repaired: &str) {
        let (a, b): (Vec<char>, Vec<char>) = (reference.chars().collect(), repaired.chars().collect());
        // A stretch missing or added whole also loses or gains the space beside it.
        let edits = levenshtein(&a, &b) + usize::from(a.is_empty() != b.is_empty());
        let entry = self.categories.entry(category).or_default();
        entry.0 += edits;
        entry.1 += 1;
        *self.confusions.entry((reference.to_owned(), repaired.to_owned())).or_default() += 1;
    }

    /// The reference words `input` had right and `repaired` has not, with what stands there.
    fn add_broken(&mut self, input: &[&str], repaired: &[&str], reference: &[&str], steps: &[Step]) {
        let right = matched(input, reference);
        for step in steps {
            let (j, became) = match *step {
                Step::Other(i, j) => (j, repaired[i]),
                Step::Missing(j) => (j, ""),
                _ => continue,
            };
            if right[j] {
                *self.broken.entry((reference[j].to_owned(), became.to_owned())).or_default() += 1;
            }
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        self.ref_chars += other.ref_chars;
        for (category, (edits, count)) in &other.categories {
            let entry = self.categories.entry(*category).or_default();
            entry.0 += edits;
            entry.1 += count;
        }
        for (pair, n) in &other.confusions {
            *self.confusions.entry(pair.clone()).or_default() += n;
        }
        for (pair, n) in &other.broken {
            *self.broken.entry(pair.clone()).or_default() += n;
        }
    }

    /// The table of categories, then the `top` most frequent confusions and broken words.
    pub fn render(&self, kind: &str, top: usize) -> String {
        let mut text = format!("errors {kind} (share of {} reference characters, from a word alignment)\n", self.ref_chars);
        let mut categories: Vec<_> = self.categories.iter().collect();
        categories.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for (category, (edits, count)) in categories {
            let share = if self.ref_chars == 0 { 0.0 } else { 100.0 * *edits as f64 / self.ref_chars as f64 };
            text.push_str(&format!("  {:<16} {share:>6.2}%  {edits:>6} edits in {count} places\n", category.label()));
        }
        for (title, list) in [("confusions", &self.confusions), ("broken words", &self.broken)] {
            text.push_str(&format!("  most frequent {title} (reference → repaired, count):\n"));
            for ((reference, repaired), n) in most_frequent(list, top) {
                text.push_str(&format!("    {reference:?} → {repaired:?}  {n}\n"));
            }
        }
        text
    }
}

/// The `top` entries of `counts`, most frequent first, ties in key order.
fn most_frequent(counts: &BTreeMap<(String, String), usize>, top: usize) -> Vec<(&(String, String), &usize)> {
    let mut entries: Vec<_> = counts.iter().collect();
    entries.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    entries.truncate(top);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stretch_that_differs_is_put_in_its_category() {
        let reference = "1. Осы комиссии шешімі 2025 жылғы және/немесе бағалауы";
        let repaired = "1, Осы Комиссии шешім 2026 жылғы және немесе бағалауы";
        let tally = Tally::of(reference, repaired, reference);
        let edits = |c: Category| tally.categories.get(&c).copied().unwrap_or_default();
        assert_eq!(edits(Category::Punctuation), (1, 1));
        assert_eq!(edits(Category::Case), (1, 1));
        assert_eq!(edits(Category::Word), (1, 1));
        assert_eq!(edits(Category::Number), (1, 1));
        assert_eq!(edits(Category::SplitOrMerge), (1, 1), "one slash read as a space");
        assert_eq!(tally.confusions[&("комиссии".to_owned(), "Комиссии".to_owned())], 1);
        // The input was the reference: every changed word is a broken one; the split word
        // counts as one broken word standing for two.
        assert_eq!(tally.broken.values().sum::<usize>(), 5);
    }

    #[test]
    fn latin_letters_left_and_lost_words_are_told_apart() {
        let tally = Tally::of("Kazakcran PecnyOnukace!", "Қазақстан PecnyOnukace!", "Қазақстан Республикасы");
        assert_eq!(tally.categories[&Category::LatinLeft].1, 1);
        assert!(tally.broken.is_empty(), "the input had no word right");
        let lost = Tally::of("", "Қазақстан", "Қазақстан Республикасы");
        assert_eq!(lost.categories[&Category::SplitOrMerge], (13, 1), "the missing word and its space");
        let rendered = lost.render("eng", 5);
        assert!(rendered.contains("split or merge") && rendered.contains("\"Республикасы\" → \"\""), "{rendered}");
    }
}
