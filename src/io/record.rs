//! Recording a finished session (`--record-dir`), only after the client agreed on screen: the answers
//! file and the Markdown report, each written atomically with mode 0600.

use std::path::Path;

use crate::io::store::write_private;

/// Writes `<stamp>-<connection>.toml` (the answers file, with `as_of` and `lang`, so `kouteki eval`
/// on it gives the report beside it) and `.md` (the report) into `dir`.
pub fn record(dir: &Path, id: u64, answers: &str, markdown: &str) -> std::io::Result<()> {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let base = dir.join(format!("{stamp}-{id}"));
    write_private(&base.with_extension("toml"), answers.as_bytes())?;
    write_private(&base.with_extension("md"), markdown.as_bytes())
}
