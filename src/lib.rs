//! normbase: Kazakhstan's legal orders (Kazakh and Russian) into a structured, auditable JSON
//! knowledge base.
//!
//! Data flows one way through pure stages, each a module with typed input and output:
//!
//! ```text
//! acquire (bytes → text) → repair (text → text + edits) → segment (text → tree)
//!   → extract (tree → identity, references, relations, dates, facts)
//!   → kb (documents → knowledge base) → check (knowledge base → findings)
//! ```
//!
//! [`pipeline`] runs the per-document stages for one input; [`driver`] does everything that
//! touches the outside world (reading files, writing output atomically, progress, threads).
//! The data model lives in [`model`]; language data (alphabets, lexicon) in [`lang`].
//!
//! Where to change a rule: encodings → `acquire::encoding`; text damage → `repair::*`;
//! structure grammar → `segment::*`; identity, references, dates → `extract::*`; merging acts
//! and status timelines → `kb`; consistency findings → `check`.

pub mod acquire;
pub mod check;
pub mod driver;
pub mod eval;
pub mod extract;
pub mod ids;
pub mod kb;
pub mod lang;
pub mod model;
pub mod pipeline;
pub mod quality;
pub mod repair;
pub mod scan;
pub mod segment;

/// The name and version written into every knowledge base.
pub fn generator() -> model::Generator {
    model::Generator { name: env!("CARGO_PKG_NAME").to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() }
}
