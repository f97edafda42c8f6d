//! Recording a finished session (`--record-dir`), only after the client agreed on screen: the answers
//! file, the Markdown report and the calendar file, each written atomically with mode 0600.

use std::path::Path;

use crate::io::store::write_private;

/// The name a session's recording gets: `<stamp>-<connection>`, the stamp when it was first made.
pub fn recording_name(id: u64) -> String {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    format!("{stamp}-{id}")
}

/// What a recording keeps of one result, each already rendered.
#[derive(Debug)]
pub struct Recording {
    /// The answers file, with `as_of` and `lang`.
    pub answers: String,
    /// The Markdown report.
    pub markdown: String,
    /// The calendar file of the timeline's coming dates.
    pub calendar: String,
}

/// Writes `<name>.toml` (the answers file, with `as_of` and `lang`, so `kouteki eval` on it gives
/// the reports beside it), `<name>.md` (the report) and `<name>.ics` (the calendar, for the
/// consultant to send on) into `dir`, replacing an earlier recording of the same session.
pub fn record(dir: &Path, name: &str, recording: &Recording) -> std::io::Result<()> {
    let base = dir.join(name);
    write_private(&base.with_extension("toml"), recording.answers.as_bytes())?;
    write_private(&base.with_extension("md"), recording.markdown.as_bytes())?;
    write_private(&base.with_extension("ics"), recording.calendar.as_bytes())
}
