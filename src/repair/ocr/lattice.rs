//! The best reading of a whole run of words at once: a lattice whose arcs span one or more
//! word pieces (a merge of two OCR pieces is one arc over both), each arc with its options
//! (readings), and a word bigram model scoring every junction. [`best_path`] is the min-sum
//! (Viterbi) path; with the backward pass it also gives each chosen option its margin: how much
//! cheaper the best path is than the best path that reads that stretch any other way. The
//! margin is what the repair's confidence is made of.
//!
//! Not here: where the options come from (see [`super::candidates`]), letter case (chosen
//! after the path, see [`super`]).

/// One way to read an arc.
#[derive(Debug, Clone)]
pub struct Choice<T> {
    /// Cost without context: channel, kept punctuation, priors.
    pub cost: f32,
    /// The language-model token the option starts and ends with (one word: the same).
    pub first: String,
    pub last: String,
    pub value: T,
}

/// Options for the pieces `from..to`.
#[derive(Debug, Clone)]
pub struct Arc<T> {
    pub from: usize,
    pub to: usize,
    pub options: Vec<Choice<T>>,
}

/// The chosen option of an arc on the best path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub arc: usize,
    pub option: usize,
    /// Extra cost of the cheapest path reading any overlapping stretch differently
    /// (`f32::INFINITY` when there is no other way).
    pub margin: f32,
    /// That other way: (arc, option).
    pub runner_up: Option<(usize, usize)>,
}

/// The best path through `arcs` to the last piece any arc reaches, where `junction(prev,
/// next)` is the context cost of token `next` after token `prev` (`prev` is `""` at the
/// start). Arcs must be sorted by `from`; pieces no arc covers are skipped over.
pub fn best_path<T>(arcs: &[Arc<T>], junction: &mut dyn FnMut(&str, &str) -> f32) -> Vec<Step> {
    let Some(end) = arcs.iter().map(|a| a.to).max() else { return Vec::new() };
    let into = arcs_by(arcs, end, |a| a.to);
    let alpha = forward(arcs, &into, junction);
    let beta = backward(arcs, end, junction);
    let Some((last_arc, last_option, total)) = into[end]
        .iter()
        .flat_map(|&a| alpha[a].iter().enumerate().map(move |(k, cell)| (a, k, cell.0)))
        .min_by(|x, y| x.2.total_cmp(&y.2))
    else {
        return Vec::new();
    };
    if !total.is_finite() {
        return Vec::new();
    }
    let mut path = Vec::new();
    let (mut arc, mut option) = (last_arc, last_option);
    loop {
        path.push((arc, option));
        match alpha[arc][option].1 {
            Some(prev) => (arc, option) = prev,
            None => break,
        }
    }
    path.reverse();
    path.into_iter()
        .map(|(arc, option)| {
            let (margin, runner_up) = margin(arcs, &alpha, &beta, arc, option, total);
            Step { arc, option, margin, runner_up }
        })
        .collect()
}

/// Per arc and option: (cheapest cost of a path from the start through it, back-pointer).
type Forward = Vec<Vec<(f32, Option<(usize, usize)>)>>;

fn forward<T>(arcs: &[Arc<T>], into: &[Vec<usize>], junction: &mut dyn FnMut(&str, &str) -> f32) -> Forward {
    let mut alpha: Forward = arcs.iter().map(|a| vec![(f32::INFINITY, None); a.options.len()]).collect();
    for (a, arc) in arcs.iter().enumerate() {
        let before = latest_ending(into, arc.from);
        for (k, option) in arc.options.iter().enumerate() {
            let mut best = (f32::INFINITY, None);
            match before {
                None => best = (junction("", &option.first), None),
                Some(position) => {
                    for &b in &into[position] {
                        for (m, prev) in arcs[b].options.iter().enumerate() {
                            let cost = alpha[b][m].0 + junction(&prev.last, &option.first);
                            if cost < best.0 {
                                best = (cost, Some((b, m)));
                            }
                        }
                    }
                }
            }
            alpha[a][k] = (best.0 + option.cost, best.1);
        }
    }
    alpha
}

/// Per arc and option: cheapest cost from its end to `end`, the option's own cost excluded.
fn backward<T>(arcs: &[Arc<T>], end: usize, junction: &mut dyn FnMut(&str, &str) -> f32) -> Vec<Vec<f32>> {
    let from = arcs_by(arcs, end, |a| a.from);
    let mut beta: Vec<Vec<f32>> = arcs.iter().map(|a| vec![f32::INFINITY; a.options.len()]).collect();
    for a in (0..arcs.len()).rev() {
        let next = earliest_starting(&from, arcs[a].to, end);
        for k in 0..arcs[a].options.len() {
            beta[a][k] = match next {
                None => 0.0,
                Some(position) => {
                    let mut best = f32::INFINITY;
                    for &c in &from[position] {
                        for (m, option) in arcs[c].options.iter().enumerate() {
                            best = best.min(junction(&arcs[a].options[k].last, &option.first) + option.cost + beta[c][m]);
                        }
                    }
                    best
                }
            };
        }
    }
    beta
}

/// The arcs indexed by a position (`to` or `from`), for positions `0..=end`.
fn arcs_by<T>(arcs: &[Arc<T>], end: usize, key: impl Fn(&Arc<T>) -> usize) -> Vec<Vec<usize>> {
    let mut by = vec![Vec::new(); end + 1];
    for (i, arc) in arcs.iter().enumerate() {
        if let Some(slot) = by.get_mut(key(arc)) {
            slot.push(i);
        }
    }
    by
}

/// The last position at or before `position` where some arc ends (positions no arc covers are
/// skipped over), if any.
fn latest_ending(into: &[Vec<usize>], position: usize) -> Option<usize> {
    (1..=position.min(into.len().saturating_sub(1))).rev().find(|&p| !into[p].is_empty())
}

fn earliest_starting(from: &[Vec<usize>], position: usize, end: usize) -> Option<usize> {
    (position..end).find(|&p| !from[p].is_empty())
}

/// How much more than `total` the cheapest path costs that reads arc `arc`'s stretch with any
/// other option or any other arc overlapping it.
fn margin<T>(arcs: &[Arc<T>], alpha: &Forward, beta: &[Vec<f32>], arc: usize, option: usize, total: f32) -> (f32, Option<(usize, usize)>) {
    let (from, to) = (arcs[arc].from, arcs[arc].to);
    let (mut best_other, mut runner_up) = (f32::INFINITY, None);
    for (b, other) in arcs.iter().enumerate() {
        if other.to <= from || other.from >= to {
            continue;
        }
        for m in 0..other.options.len() {
            let cost = alpha[b][m].0 + beta[b][m];
            if (b, m) != (arc, option) && cost < best_other {
                (best_other, runner_up) = (cost, Some((b, m)));
            }
        }
    }
    (best_other - total, runner_up)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(cost: f32, word: &str) -> Choice<&'static str> {
        Choice { cost, first: word.to_owned(), last: word.to_owned(), value: "" }
    }

    fn words(arcs: &[Arc<&'static str>], path: &[Step]) -> Vec<String> {
        path.iter().map(|s| arcs[s.arc].options[s.option].first.clone()).collect()
    }

    #[test]
    fn context_overrides_a_cheaper_reading() {
        // "жылғы" is dearer alone, but "2025 жылғы" is what legal text says.
        let arcs = vec![
            Arc { from: 0, to: 1, options: vec![choice(0.0, "<n>")] },
            Arc { from: 1, to: 2, options: vec![choice(1.0, "хриплы"), choice(2.0, "жылғы")] },
        ];
        let mut junction = |a: &str, b: &str| if a == "<n>" && b == "жылғы" { 0.0 } else { 3.0 };
        let path = best_path(&arcs, &mut junction);
        assert_eq!(words(&arcs, &path), ["<n>", "жылғы"]);
        // The runner-up path costs 1 + 3 against 2 + 0.
        assert!((path[1].margin - 2.0).abs() < 1e-6, "{path:?}");
        assert_eq!(path[1].runner_up, Some((1, 0)));
        assert_eq!(path[0].margin, f32::INFINITY);
    }

    #[test]
    fn a_merge_arc_competes_with_the_pieces_it_spans() {
        let arcs = vec![
            Arc { from: 0, to: 1, options: vec![choice(2.0, "жасан")] },
            Arc { from: 0, to: 2, options: vec![choice(1.0, "жасанды")] },
            Arc { from: 1, to: 2, options: vec![choice(2.0, "ы")] },
            Arc { from: 2, to: 3, options: vec![choice(0.0, "интеллект")] },
        ];
        let mut junction = |_: &str, _: &str| 1.0;
        let path = best_path(&arcs, &mut junction);
        assert_eq!(words(&arcs, &path), ["жасанды", "интеллект"]);
        assert!((path[0].margin - 4.0).abs() < 1e-6, "{path:?}");
    }

    #[test]
    fn uncovered_pieces_are_skipped_and_no_arcs_is_no_path() {
        let arcs = vec![Arc { from: 0, to: 1, options: vec![choice(0.0, "а")] }, Arc { from: 2, to: 3, options: vec![choice(0.0, "б")] }];
        let mut junction = |_: &str, _: &str| 0.0;
        assert_eq!(words(&arcs, &best_path(&arcs, &mut junction)), ["а", "б"]);
        assert!(best_path::<&str>(&[], &mut junction).is_empty());
    }
}
