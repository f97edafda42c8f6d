//! The content files exactly as written: serde structs that reject unknown keys and keep spans,
//! so the checks in [`super::load`] can point at the offending line and column.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

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
    pub kind: Spanned<String>,
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
    pub title: Spanned<String>,
    pub url: Spanned<String>,
    pub kind: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtra {
    pub when: Spanned<String>,
    pub explanation: Option<Spanned<Text>>,
    #[serde(default)]
    pub actions: Vec<Spanned<Text>>,
    #[serde(default)]
    pub documents: Vec<Spanned<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    pub id: Spanned<String>,
    pub when: Spanned<String>,
    pub text: Spanned<Text>,
}
