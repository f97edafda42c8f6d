//! Content packs: the questionnaire and the rules as checked data.
//!
//! Files are parsed into the serde structs of `raw` (strict: unknown keys are errors), then checked
//! and resolved into the [`model`] types the rest of the program uses. Every problem is reported with
//! its file, line and column.

pub mod compiled;
pub mod condition;
mod diagnostics;
pub mod embedded;
mod load;
mod model;
mod questions;
mod raw;
mod rules;
mod schedule;
mod schedule_check;
mod sources;

pub use load::{PACK_FILES, PackSources, load};
pub use model::*;
pub use schedule::*;
