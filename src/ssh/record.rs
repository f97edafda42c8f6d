//! Recording a finished session (`--record-dir`), only after the client agreed on screen: the answers
//! file and the Markdown report, each written atomically with mode 0600.

use std::path::Path;

use crate::answers::Answers;
use crate::answers_file;
use crate::content::Content;
use crate::lang::Lang;
use crate::store::write_private;

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
