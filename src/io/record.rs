//! Recording a finished session (`--record-dir`), only after the client agreed on screen: the answers
//! file and the Markdown report, each written atomically with mode 0600.

use std::path::Path;

use crate::io::store::write_private;

/// The name a session's recording gets: `<stamp>-<connection>`, the stamp when it was first made.
pub fn recording_name(id: u64) -> String {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    format!("{stamp}-{id}")
}

/// Writes `<name>.toml` (the answers file, with `as_of` and `lang`, so `kouteki eval` on it gives
/// the report beside it) and `<name>.md` (the report) into `dir`, replacing an earlier recording of
/// the same session.
pub fn record(dir: &Path, name: &str, answers: &str, markdown: &str) -> std::io::Result<()> {
    let base = dir.join(name);
    write_private(&base.with_extension("toml"), answers.as_bytes())?;
    write_private(&base.with_extension("md"), markdown.as_bytes())
}
