//! The rules engine: the condition language and the assessment of answers against rules.

mod assess;
mod assessment;
pub mod condition;

pub use assess::assess;
pub use assessment::{Assessment, Finding, Upcoming};
