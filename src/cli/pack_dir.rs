//! Reading a content pack: from `--rules DIR`, or the embedded default.

use std::path::Path;

use super::{CliError, read_file};
use kouteki_core::content::{Content, PACK_FILES, PackSources, embedded, load};
use kouteki_core::formats::location::SourceText;

/// Loads the pack in `dir`, or the embedded one; prints every error and fails on bad content.
pub fn load_content(dir: Option<&Path>) -> Result<Content, CliError> {
    let Some(dir) = dir else {
        return Ok(embedded::load_default()?);
    };
    let mut texts = Vec::new();
    for name in PACK_FILES {
        let path = dir.join(name);
        texts.push((path.display().to_string(), read_file(&path)?));
    }
    let source = |i: usize| SourceText::new(&texts[i].0, &texts[i].1);
    let sources = PackSources {
        pack: source(0),
        questionnaire: source(1),
        rules: source(2),
    };
    Ok(load(sources)?)
}
