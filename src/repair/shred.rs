//! TODO
use crate::lang::Resources;
use super::Change;
pub fn find(_text: &str, _resources: &Resources) -> Vec<Change> { Vec::new() }
