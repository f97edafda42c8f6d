//! Reports of an assessment: one localized model ([`Report`]) rendered as JSON (the contract's format),
//! terminal text, Markdown for a client, or a printable HTML page.

mod answer_text;
mod html;
mod json;
mod markdown;
mod model;
mod text;

pub use answer_text::answer_text;
pub use html::to_html;
pub use json::to_json;
pub use markdown::to_markdown;
pub use model::{AreaSummary, Areas, Report, ReportFinding, ReportNote, ReportUpcoming};
pub use text::{severity_style, to_text};
