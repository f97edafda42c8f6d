//! The JSON report of CONTRACT.md.

use super::model::Report;

/// The report as pretty-printed JSON.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("a report always serializes")
}
