//! Recording a finished session (`--record-dir`), only after the client agreed on screen: the answers
//! file and the Markdown report, each written atomically with mode 0600.

use std::path::Path;

use crate::io::store::write_private;
use kouteki_core::answers::Answers;
use kouteki_core::answers_file;
use kouteki_core::content::Content;
use kouteki_core::lang::Lang;

/// Writes `<stamp>-<connection>.toml` (answers) and `.md` (report) into `dir`.
pub fn record(
    dir: &Path,
    id: u64,
    content: &Content,
    answers: &Answers,
    lang: Lang,
    markdown: &str,
) -> std::io::Result<()> {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let base = dir.join(format!("{stamp}-{id}"));
    let answers_text = answers_file::to_toml(content, answers, None, lang);
    write_private(&base.with_extension("toml"), answers_text.as_bytes())?;
    write_private(&base.with_extension("md"), markdown.as_bytes())
}
