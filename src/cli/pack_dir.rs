//! Reading a content pack: from `--rules DIR` (TOML, fully checked), or the embedded default in the
//! compiled form the build script checked and stored.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::{CliError, read_file};
use kouteki_core::content::{Content, PACK_FILES, PackSources, compiled, embedded, load};
use kouteki_core::formats::location::SourceText;
use kouteki_core::formats::phrases::KnownPhrases;

/// The embedded pack as build.rs checked and compiled it.
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.postcard"));
/// Its strings (the compiler checks they are UTF-8).
static STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/content.strings"));
/// Where the phrases of its Japanese words end, as build.rs asked BudouX's model.
pub static PHRASES: KnownPhrases = include!(concat!(env!("OUT_DIR"), "/phrases.rs"));

/// The embedded pack, from its compiled form (no TOML parsed at start), decoded once and kept for
/// the life of the program: a one-shot command then does not spend its last moments freeing some
/// 3,000 allocations the system takes back anyway (5% of `kouteki eval`'s instructions).
pub fn embedded_content() -> Arc<Content> {
    static EMBEDDED: OnceLock<Arc<Content>> = OnceLock::new();
    let content = EMBEDDED.get_or_init(|| {
        Arc::new(
            compiled::decode(COMPILED, STRINGS)
                .expect("build.rs stored the pack this binary was built with"),
        )
    });
    Arc::clone(content)
}

/// Loads the pack in `dir`, or the embedded one (compiled); prints every error and fails on bad
/// content.
pub fn load_content(dir: Option<&Path>) -> Result<Arc<Content>, CliError> {
    match dir {
        Some(dir) => load_toml(dir).map(Arc::new),
        None => Ok(embedded_content()),
    }
}

/// Reads and fully checks a pack's TOML: the pack in `dir`, or the embedded one's (for `check`).
pub fn check_content(dir: Option<&Path>) -> Result<Content, CliError> {
    match dir {
        Some(dir) => load_toml(dir),
        None => Ok(embedded::load_default()?),
    }
}

fn load_toml(dir: &Path) -> Result<Content, CliError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_pack_is_the_checked_toml_of_the_sources() {
        let checked = embedded::load_default().expect("the embedded TOML is valid");
        let built = compiled::Compiled {
            bytes: COMPILED.to_vec(),
            strings: STRINGS.to_string(),
        };
        assert_eq!(compiled::encode(&checked), built);
        assert_eq!(compiled::encode(&embedded_content()), built);
    }

    #[test]
    fn the_phrase_table_is_sorted_and_gives_what_the_model_gives() {
        assert!(
            PHRASES.len() > 500,
            "the pack's Japanese words: {}",
            PHRASES.len()
        );
        let words: Vec<(&str, &[u16])> = PHRASES.iter().collect();
        assert!(words.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (word, ends) in words.iter().step_by(25) {
            let asked = kouteki_core::formats::phrases::phrase_table([*word]);
            assert_eq!(asked, [(word.to_string(), ends.to_vec())], "{word}");
        }
        // The screens' own words are there too, not only the pack's.
        let welcome = crate::strings::tui::WELCOME_INTRO.ja;
        for word in welcome.split(' ') {
            assert!(words.iter().any(|(held, _)| *held == word), "{word}");
        }
    }
}
