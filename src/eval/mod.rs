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

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {cause}")]
    Input { path: String, cause: String },
    #[error("{0}")]
    Other(String),
}
