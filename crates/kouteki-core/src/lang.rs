//! The two languages kouteki speaks, and text that exists in both.
//!
//! Every user-facing string of a content pack is a [`Text`], so a missing translation is a load error,
//! not a blank on someone's screen.

use serde::{Deserialize, Serialize};

use crate::content_str::Str;

/// A language of the interface and the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Both languages, in the order packs must provide them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The code used in files and on the command line (`en`, `ja`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Parses a code as written in answers files and flags.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// The other language, for a one-key language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ja,
            Lang::Ja => Lang::En,
        }
    }
}

/// A string in English and Japanese.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The English text (a missing one reads as empty, so the pack check names the field and id).
    #[serde(default)]
    pub en: Str,
    /// The Japanese text (likewise).
    #[serde(default)]
    pub ja: Str,
}

impl Text {
    /// Builds a text from its two translations.
    pub fn new(en: impl Into<Str>, ja: impl Into<Str>) -> Text {
        Text {
            en: en.into(),
            ja: ja.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// The languages whose translation is empty (blank counts as empty).
    pub fn missing(&self) -> impl Iterator<Item = Lang> + '_ {
        Lang::ALL
            .into_iter()
            .filter(|lang| self.get(*lang).trim().is_empty())
    }
}
