//! Training-side alignment: a clean page and its OCR output → word pairs → many-to-many
//! segment pairs (`"ы"` ↔ `"bI"`, `"ж"` ↔ `")K"`), by expectation maximisation over all
//! segmentations of each word pair (the m2m-aligner scheme of Jiampojamarn et al., 2007).
//!
//! Used by the data build (`examples/build_data.rs`); at repair time only [`cheapest_cut`] is.
//! Not here: the runtime channel table (see [`super::channel`]).

use std::collections::HashMap;

/// Longest segment on the clean side.
pub const MAX_CLEAN: usize = 2;
/// Longest segment on the OCR side.
pub const MAX_OCR: usize = 3;

/// Words of `clean` paired with what the OCR made of them, where the OCR kept the word
/// boundaries (merged or split words are skipped).
pub fn word_pairs(clean: &str, ocr: &str) -> Vec<(String, String)> {
    let a: Vec<char> = fold_spaces(clean);
    let b: Vec<char> = fold_spaces(ocr);
    if a.is_empty() || b.is_empty() || a.len().saturating_mul(b.len()) > 40_000_000 {
        return Vec::new();
    }
    let path = align(&a, &b);
    // Cut at every place where a space is aligned with a space.
    let mut pairs = Vec::new();
    let (mut wa, mut wb) = (String::new(), String::new());
    let mut push = |wa: &mut String, wb: &mut String| {
        if !wa.is_empty() && !wb.is_empty() && !wa.contains(' ') && !wb.contains(' ') {
            pairs.push((std::mem::take(wa), std::mem::take(wb)));
        }
        wa.clear();
        wb.clear();
    };
    for (x, y) in path {
        match (x.map(|i| a[i]), y.map(|j| b[j])) {
            (Some(' '), Some(' ')) => push(&mut wa, &mut wb),
            (ca, cb) => {
                wa.extend(ca);
                wb.extend(cb);
            }
        }
    }
    push(&mut wa, &mut wb);
    pairs
}

fn fold_spaces(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && out.last().is_none_or(|&p| p == ' ') {
            continue;
        }
        out.push(c);
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    out
}

/// Levenshtein alignment where any non-space character may stand for any other cheaply (the
/// OCR changes nearly every letter) but a space only for a space: word boundaries anchor it.
fn align(a: &[char], b: &[char]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut cost = vec![0u32; (n + 1) * w];
    let mut back = vec![0u8; (n + 1) * w];
    for j in 1..=m {
        cost[j] = j as u32 * 2;
        back[j] = 2;
    }
    for i in 1..=n {
        cost[i * w] = i as u32 * 2;
        back[i * w] = 1;
        for j in 1..=m {
            let sub = match (a[i - 1] == ' ', b[j - 1] == ' ') {
                (true, true) => 0,
                (false, false) if a[i - 1] == b[j - 1] => 0,
                (false, false) => 1,
                _ => 6,
            };
            let diag = cost[(i - 1) * w + j - 1] + sub;
            let up = cost[(i - 1) * w + j] + 2;
            let left = cost[i * w + j - 1] + 2;
            let (best, dir) = if diag <= up && diag <= left { (diag, 0) } else if up <= left { (up, 1) } else { (left, 2) };
            cost[i * w + j] = best;
            back[i * w + j] = dir;
        }
    }
    let mut path = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match back[i * w + j] {
            0 if i > 0 && j > 0 => {
                path.push((Some(i - 1), Some(j - 1)));
                i -= 1;
                j -= 1;
            }
            1 if i > 0 => {
                path.push((Some(i - 1), None));
                i -= 1;
            }
            _ => {
                path.push((None, Some(j - 1)));
                j -= 1;
            }
        }
    }
    path.reverse();
    path
}

/// Segment-pair shapes allowed: (clean length, OCR length).
const SHAPES: &[(usize, usize)] = &[(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (1, 0), (0, 1)];

/// Probability of a one-character segment pair absent from the model (see [`SegmentModel::p`]):
/// far below any estimated pair, so it only decides where nothing else can.
const UNSEEN: f64 = 1e-12;

/// Joint segment-pair model estimated by EM.
#[derive(Debug, Default)]
pub struct SegmentModel {
    prob: HashMap<(String, String), f64>,
}

impl SegmentModel {
    /// The pair's probability times a fixed prior on its shape: without the prior EM lets
    /// long segments swallow short ones (fewer factors make a likelier path). A one-character
    /// pair (or insertion, deletion) the model never saw gets a tiny probability instead of
    /// none, so that a model estimated on some pages can still segment every word of others.
    fn p(&self, s: &str, o: &str) -> f64 {
        let shape = match (s.chars().count(), o.chars().count()) {
            (1, 1) => 1.0,
            (1, 2) => 0.3,
            (1, 3) => 0.1,
            (2, 1) => 0.1,
            (2, 2) => 0.02,
            (2, 3) => 0.01,
            _ => 0.02,
        };
        let p = self.prob.get(&(s.to_owned(), o.to_owned())).copied().unwrap_or(0.0);
        if p == 0.0 && s.chars().count() + o.chars().count() <= 2 {
            return shape * UNSEEN;
        }
        shape * p
    }
}

/// Estimates the segment model from word pairs with `iterations` rounds of EM.
pub fn estimate(pairs: &[(String, String)], iterations: usize) -> SegmentModel {
    let words: Vec<(Vec<char>, Vec<char>)> = pairs.iter().map(|(a, b)| (a.chars().collect(), b.chars().collect())).filter(|(a, b): &(Vec<char>, Vec<char>)| a.len() <= 40 && b.len() <= 60).collect();
    let mut model = SegmentModel::default();
    // Start: every shape equally likely but one-to-one preferred, identical pairs more so.
    for (a, b) in &words {
        for_each_segment(a, b, |s, o| {
            let prior = match (s.chars().count(), o.chars().count()) {
                (1, 1) if s == o => 4.0,
                (1, 1) => 1.0,
                (1, 0) | (0, 1) => 0.05,
                _ => 0.2,
            };
            model.prob.insert((s.to_owned(), o.to_owned()), prior);
        });
    }
    normalise(&mut model.prob);
    for _ in 0..iterations {
        let mut counts: HashMap<(String, String), f64> = HashMap::new();
        for (a, b) in &words {
            expected_counts(&model, a, b, &mut counts);
        }
        if counts.is_empty() {
            break;
        }
        normalise(&mut counts);
        model.prob = counts;
    }
    model
}

fn normalise(table: &mut HashMap<(String, String), f64>) {
    let total: f64 = table.values().sum();
    if total > 0.0 {
        table.values_mut().for_each(|v| *v /= total);
    }
}

fn for_each_segment(a: &[char], b: &[char], mut f: impl FnMut(&str, &str)) {
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            for &(da, db) in SHAPES {
                if i + da <= a.len() && j + db <= b.len() {
                    let s: String = a[i..i + da].iter().collect();
                    let o: String = b[j..j + db].iter().collect();
                    f(&s, &o);
                }
            }
        }
    }
}

fn expected_counts(model: &SegmentModel, a: &[char], b: &[char], counts: &mut HashMap<(String, String), f64>) {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    // Every segment pair's probability, once: the forward, backward and count passes below
    // all need it, and looking it up (two strings built per lookup) is the cost of EM.
    let k = SHAPES.len();
    let mut p = vec![0.0f64; (n + 1) * w * k];
    for i in 0..=n {
        for j in 0..=m {
            for (t, &(da, db)) in SHAPES.iter().enumerate() {
                if i + da <= n && j + db <= m {
                    let s: String = a[i..i + da].iter().collect();
                    let o: String = b[j..j + db].iter().collect();
                    p[(i * w + j) * k + t] = model.p(&s, &o);
                }
            }
        }
    }
    let mut alpha = vec![0.0f64; (n + 1) * w];
    alpha[0] = 1.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = alpha[i * w + j];
            if here == 0.0 {
                continue;
            }
            for (t, &(da, db)) in SHAPES.iter().enumerate() {
                if i + da <= n && j + db <= m {
                    alpha[(i + da) * w + j + db] += here * p[(i * w + j) * k + t];
                }
            }
        }
    }
    let total = alpha[n * w + m];
    if total <= 0.0 || !total.is_finite() {
        return;
    }
    let mut beta = vec![0.0f64; (n + 1) * w];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            let mut sum = if i == n && j == m { 1.0 } else { 0.0 };
            for (t, &(da, db)) in SHAPES.iter().enumerate() {
                if i + da <= n && j + db <= m {
                    sum += p[(i * w + j) * k + t] * beta[(i + da) * w + j + db];
                }
            }
            beta[i * w + j] = sum;
        }
    }
    for i in 0..=n {
        for j in 0..=m {
            let here = alpha[i * w + j];
            if here == 0.0 {
                continue;
            }
            for (t, &(da, db)) in SHAPES.iter().enumerate() {
                let pt = p[(i * w + j) * k + t];
                if pt > 0.0 {
                    let posterior = here * pt * beta[(i + da) * w + j + db] / total;
                    if posterior > 0.0 {
                        let s: String = a[i..i + da].iter().collect();
                        let o: String = b[j..j + db].iter().collect();
                        *counts.entry((s, o)).or_default() += posterior;
                    }
                }
            }
        }
    }
}

/// The most likely segmentation of one word pair under `model`, as (clean, OCR) segments.
pub fn viterbi(model: &SegmentModel, clean: &str, ocr: &str) -> Option<Vec<(String, String)>> {
    cheapest_cut(clean, ocr, SHAPES, |s, o| {
        let p = model.p(s, o);
        (p > 0.0).then(|| -p.ln())
    })
}

/// The cheapest cut of the pair (`clean`, `ocr`) into segment pairs of the given `shapes`
/// (clean, OCR lengths in characters), `cost` pricing each (`None`: not allowed), as (clean,
/// OCR) pairs; of equally cheap cuts the first found. Also the repair's, to cut a document's
/// sure words under its channel ([`super::adapt`]).
pub(super) fn cheapest_cut(clean: &str, ocr: &str, shapes: &[(usize, usize)], mut cost: impl FnMut(&str, &str) -> Option<f64>) -> Option<Vec<(String, String)>> {
    let a: Vec<char> = clean.chars().collect();
    let b: Vec<char> = ocr.chars().collect();
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut best = vec![f64::INFINITY; (n + 1) * w];
    let mut from = vec![(0usize, 0usize); (n + 1) * w];
    best[0] = 0.0;
    let (mut s, mut o) = (String::new(), String::new());
    for i in 0..=n {
        for j in 0..=m {
            let here = best[i * w + j];
            if here == f64::INFINITY {
                continue;
            }
            for &(da, db) in shapes {
                if i + da <= n && j + db <= m {
                    s.clear();
                    s.extend(&a[i..i + da]);
                    o.clear();
                    o.extend(&b[j..j + db]);
                    if let Some(c) = cost(&s, &o) {
                        let k = (i + da) * w + j + db;
                        if here + c < best[k] {
                            best[k] = here + c;
                            from[k] = (da, db);
                        }
                    }
                }
            }
        }
    }
    if best[n * w + m] == f64::INFINITY {
        return None;
    }
    let mut segments = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (da, db) = from[i * w + j];
        if da == 0 && db == 0 {
            return None;
        }
        segments.push((a[i - da..i].iter().collect(), b[j - db..j].iter().collect()));
        i -= da;
        j -= db;
    }
    segments.reverse();
    Some(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_pairs_follow_spaces() {
        let pairs = word_pairs("Қазақстан Республикасы\nбұйрығы", "Kazakcran  Pecny6nukacbl 6yiipbirbl");
        assert_eq!(pairs, [("Қазақстан".into(), "Kazakcran".into()), ("Республикасы".into(), "Pecny6nukacbl".into()), ("бұйрығы".into(), "6yiipbirbl".into())]);
    }

    /// Word pairs where ж is always ")K" and ы always "bl".
    fn toy_pairs() -> Vec<(String, String)> {
        [("жыл", ")Kbln"), ("ыж", "bl)K"), ("жар", ")Kap"), ("мы", "Mbl"), ("ал", "an"), ("жы", ")Kbl")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn em_learns_many_to_many_segments() {
        // ы is always "bl", ж always ")K": EM should pair them as units.
        let model = estimate(&toy_pairs(), 8);
        let segs = viterbi(&model, "жыл", ")Kbln").unwrap();
        assert_eq!(segs, [("ж".into(), ")K".into()), ("ы".into(), "bl".into()), ("л".into(), "n".into())]);
    }

    #[test]
    fn viterbi_segments_pairs_the_model_never_saw() {
        let model = estimate(&toy_pairs(), 8);
        // "ф" → "cp" is unknown: it still gets cut, into the cheapest unseen pieces, and the
        // known segments around it keep their learnt form.
        let segs = viterbi(&model, "жыф", ")Kblcp").unwrap();
        assert_eq!(&segs[..2], [("ж".to_string(), ")K".to_string()), ("ы".to_string(), "bl".to_string())]);
        let clean: String = segs.iter().map(|(c, _)| c.as_str()).collect();
        let ocr: String = segs.iter().map(|(_, o)| o.as_str()).collect();
        assert_eq!((clean.as_str(), ocr.as_str()), ("жыф", ")Kblcp"));
    }
}
