//! `normbase eval repair`: not written yet.

use std::path::PathBuf;

use super::{EvalError, Report};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Gold data; a default is used when `None`.
    pub gold: Option<PathBuf>,
}

pub fn run(_options: &Options) -> Result<Report, EvalError> {
    Err(EvalError::Other("eval repair is not implemented yet".into()))
}
