//! Reports of an assessment: one localized model ([`Report`]) rendered as JSON (the contract's format),
//! terminal text, Markdown for a client, a printable HTML page, or a calendar file of its dates.

mod answer_text;
mod calendar;
mod discussion;
mod finding_texts;
mod html;
mod json;
mod markdown;
mod model;
mod schedule;
mod text;

pub use answer_text::answer_text;
pub use calendar::{REMINDER_DAYS, calendar_entries, event_uid, to_ics};
pub use discussion::{MarkedItem, MarkedKind, NoteItem, ReportDiscussion};
pub use html::to_html;
pub use json::to_json;
pub use markdown::to_markdown;
pub use model::{
    AreaSummary, Areas, Report, ReportFinding, ReportNote, ReportSource, ReportUpcoming,
};
pub use schedule::{MonthRange, ReportDocument, ReportTimelineEntry, earliest_clean_line};
pub use text::{severity_style, to_text};
