//! The rules engine: the assessment of answers against a content pack's rules on a date.

mod assess;
mod assessment;
mod schedule;

pub use assess::assess;
pub use assessment::{Assessment, DocumentItem, Finding, TimelineItem, Upcoming};
