//! The content files exactly as written: serde structs that reject unknown keys and keep spans,
//! so the checks in [`super::load`] can point at the offending line and column.

use serde::{Deserialize, Deserializer};
use toml::Spanned;
use toml::value::Datetime;

use super::model::QuestionType;
use crate::lang::Text;

/// `pack.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub pack: RawPack,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub name: Spanned<String>,
    pub version: Spanned<String>,
    pub reviewed: Spanned<Datetime>,
    pub disclaimer: Spanned<Text>,
}

/// `questionnaire.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireFile {
    pub sections: Vec<RawSection>,
    pub questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Spanned<String>,
    pub title: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub section: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<RawType>,
    pub since: Option<Spanned<String>>,
    pub ask_if: Option<Spanned<String>>,
    pub text: Spanned<Text>,
    pub why: Spanned<Text>,
    #[serde(rename = "where")]
    pub where_to_find: Option<Spanned<Text>>,
    pub unsure: Option<Spanned<String>>,
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    pub unit: Option<Spanned<Text>>,
    #[serde(default)]
    pub choices: Vec<RawChoice>,
}

/// A question's `type`: a known type, or the unknown word as written.
///
/// An unknown word is kept rather than refused by serde, so that it becomes one content error at its
/// line and column (`unknown question type ...`, with the list of types) beside the file's other
/// errors, instead of a TOML parse failure that would stop every other check of the file.
#[derive(Debug)]
pub enum RawType {
    /// One of the types.
    Known(QuestionType),
    /// A word that names no type.
    Unknown(String),
}

impl<'de> Deserialize<'de> for RawType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawType, D::Error> {
        // Read as a `String` first, so a value that is not a string is refused in the same words.
        let name = String::deserialize(deserializer)?;
        Ok(QuestionType::from_name(&name).map_or(RawType::Unknown(name), RawType::Known))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub id: Spanned<String>,
    pub label: Spanned<Text>,
}

/// `rules.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Named lengths (years of a window) that depend on the answers.
    #[serde(default)]
    pub lengths: Vec<RawLength>,
    /// The dated entries of the timeline.
    #[serde(default)]
    pub timeline: Vec<RawTimelineEntry>,
    /// The documents to bring.
    #[serde(default)]
    pub documents: Vec<RawDocument>,
    /// When the earliest clean application date is given at all.
    pub clean_application: Option<RawCleanApplication>,
}

/// `[[lengths]]`: a number of years a window lasts, by case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLength {
    pub id: Spanned<String>,
    pub default: Spanned<i64>,
    #[serde(default)]
    pub cases: Vec<RawLengthCase>,
}

/// One case of a length: its value when the condition holds (the first that holds wins).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLengthCase {
    pub when: Spanned<String>,
    pub value: Spanned<i64>,
}

/// A whole number written directly, or the id of a `[[lengths]]` entry.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawAmount {
    /// A fixed number.
    Fixed(i64),
    /// A named length.
    Named(String),
}

/// `[[timeline]]`: one dated entry, computed by a named date rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimelineEntry {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub when: Spanned<String>,
    pub rule: Spanned<String>,
    pub of: Spanned<String>,
    pub years: Option<Spanned<RawAmount>>,
    pub months: Option<Spanned<i64>>,
    pub days: Option<Spanned<i64>>,
    pub title: Spanned<Text>,
    pub sources: Spanned<Vec<RawSource>>,
    #[serde(default)]
    pub notes: Vec<RawTimelineNote>,
}

/// `[[timeline.notes]]`: a caveat shown with the entry when its condition holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimelineNote {
    pub when: Spanned<String>,
    pub text: Spanned<Text>,
}

/// `[[documents]]`: one document to bring, with the period it must cover.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub id: Spanned<String>,
    pub when: Spanned<String>,
    pub period: Option<Spanned<String>>,
    pub years: Option<Spanned<RawAmount>>,
    pub months: Option<Spanned<i64>>,
    pub issued_within_months: Option<Spanned<i64>>,
    #[serde(default)]
    pub findings: Vec<Spanned<String>>,
    pub title: Spanned<Text>,
    #[serde(rename = "where")]
    pub where_to_get: Spanned<Text>,
    pub note: Option<Spanned<Text>>,
    pub sources: Spanned<Vec<RawSource>>,
}

/// `[clean_application]`: the earliest clean application date is withheld while `unless` holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCleanApplication {
    pub unless: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub area: Spanned<String>,
    pub severity: Spanned<String>,
    pub when: Spanned<String>,
    pub effective_from: Option<Spanned<Datetime>>,
    pub effective_until: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub plan: bool,
    pub title: Spanned<Text>,
    pub explanation: Spanned<Text>,
    #[serde(default)]
    pub actions: Vec<Spanned<Text>>,
    #[serde(default)]
    pub documents: Vec<Spanned<Text>>,
    pub sources: Spanned<Vec<RawSource>>,
    #[serde(default)]
    pub extra: Vec<RawExtra>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Spanned<RawTitle>,
    pub url: Spanned<String>,
    pub kind: Spanned<String>,
}

/// A source's title: `{ en, ja }`, or a single string as packs wrote it before titles had two
/// languages (still read, with a warning from `kouteki check`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawTitle {
    /// One string, in whatever language the page has.
    One(String),
    /// A title in each language.
    Both(Text),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtra {
    pub when: Spanned<String>,
    #[serde(default)]
    pub replace: bool,
    pub title: Option<Spanned<Text>>,
    pub explanation: Option<Spanned<Text>>,
    #[serde(default)]
    pub actions: Vec<Spanned<Text>>,
    #[serde(default)]
    pub documents: Vec<Spanned<Text>>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    pub id: Spanned<String>,
    pub when: Spanned<String>,
    pub text: Spanned<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct AsType {
        #[serde(rename = "type")]
        kind: Spanned<RawType>,
    }

    #[derive(Debug, Deserialize)]
    struct AsString {
        #[serde(rename = "type")]
        _kind: Spanned<String>,
    }

    #[test]
    fn a_type_is_read_as_a_known_type_or_kept_as_the_word_written() {
        let read = |text: &str| toml::from_str::<AsType>(text).map(|t| t.kind.into_inner());
        assert!(matches!(
            read("type = \"multi_choice\""),
            Ok(RawType::Known(QuestionType::MultiChoice))
        ));
        assert!(matches!(read("type = \"integer\""), Ok(RawType::Unknown(w)) if w == "integer"));
        assert!(matches!(read("type = \"Number\""), Ok(RawType::Unknown(w)) if w == "Number"));
    }

    #[test]
    fn a_type_that_is_not_a_string_is_refused_as_a_string_field_refuses_it() {
        for text in [
            "type = 5",
            "type = true",
            "type = [\"choice\"]",
            "type = { a = 1 }",
        ] {
            let as_type = toml::from_str::<AsType>(text).expect_err(text).to_string();
            let as_string = toml::from_str::<AsString>(text)
                .expect_err(text)
                .to_string();
            assert_eq!(as_type, as_string, "{text}");
        }
    }
}
