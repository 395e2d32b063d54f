//! Evaluation against gold data: `normbase eval repair|segment|extract`.
//!
//! Like the driver, this side reads files (pairs, gold fixtures); the stages it measures stay
//! pure. Every measurement is leave-one-out: the document measured never feeds the data it is
//! measured with.

pub mod extract;
pub mod repair;
pub mod segment;

/// A finished evaluation: the table for people, and whether the targets were met.
#[derive(Debug, Clone)]
pub struct Report {
    pub text: String,
    pub targets_met: bool,
}

/// Precision/recall/F1 bookkeeping: how many items were found, how many the gold has, and how
/// many of the found ones match the gold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub found: usize,
    pub gold: usize,
    pub matched: usize,
}

impl Counts {
    /// 1 when nothing was found (nothing wrong was claimed).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }
    /// 1 when the gold is empty (nothing was missed).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, other: &Counts) {
        self.found += other.found;
        self.gold += other.gold;
        self.matched += other.matched;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {cause}")]
    Input { path: String, cause: String },
    #[error("{0}")]
    Other(String),
}
