//! The rules engine: the assessment of answers against a content pack's rules on a date.

mod assess;
mod assessment;

pub use assess::assess;
pub use assessment::{Assessment, Finding, Upcoming};
