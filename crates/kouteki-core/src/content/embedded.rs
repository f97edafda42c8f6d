//! The default content pack, compiled into the binary so `kouteki` works with nothing installed.

use super::load::{PackSources, load};
use super::model::Content;
use crate::Error;
use crate::formats::location::SourceText;

/// The embedded `pack.toml`.
pub const PACK: &str = include_str!("../../../../assets/pack.toml");
/// The embedded `questionnaire.toml`.
pub const QUESTIONNAIRE: &str = include_str!("../../../../assets/questionnaire.toml");
/// The embedded `rules.toml`.
pub const RULES: &str = include_str!("../../../../assets/rules.toml");

/// The embedded pack's texts, named as in the source tree.
pub fn sources() -> PackSources<'static> {
    PackSources {
        pack: SourceText::new("assets/pack.toml", PACK),
        questionnaire: SourceText::new("assets/questionnaire.toml", QUESTIONNAIRE),
        rules: SourceText::new("assets/rules.toml", RULES),
    }
}

/// Loads and checks the embedded pack (the test suite guarantees it is valid).
pub fn load_default() -> Result<Content, Error> {
    load(sources())
}
