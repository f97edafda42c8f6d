//! The two languages kouteki speaks, and text that exists in both.
//!
//! Every user-facing string of a content pack is a [`Text`], so a missing translation is a load error,
//! not a blank on someone's screen.

use serde::{Deserialize, Serialize};

use crate::content_str::{self, Str};

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
///
/// In TOML and JSON it is a table of `en` and `ja`; in a compiled pack it is one reference to both
/// strings side by side in the pack's table ([`crate::content_str`]): a pack holds some 3,000
/// texts, and reading each as two strings was most of decoding the embedded pack at start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The English text (a missing one reads as empty, so the pack check names the field and id).
    pub en: Str,
    /// The Japanese text (likewise).
    pub ja: Str,
}

/// [`Text`] as a table, outside a compiled pack (named `Text` for serde's messages).
#[derive(Serialize, Deserialize)]
#[serde(rename = "Text", deny_unknown_fields)]
struct TextFields<S> {
    #[serde(default)]
    en: S,
    #[serde(default)]
    ja: S,
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match content_str::write_pair(&self.en, &self.ja) {
            Some(span) => content_str::serialize_pair(span, serializer),
            None => TextFields {
                en: &self.en,
                ja: &self.ja,
            }
            .serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let Some(table) = content_str::reading() else {
            let TextFields { en, ja } = TextFields::<Str>::deserialize(deserializer)?;
            return Ok(Text { en, ja });
        };
        let span = content_str::deserialize_pair(deserializer)?;
        let (en, ja) = content_str::pair_in(table, span).ok_or_else(|| {
            <D::Error as serde::de::Error>::custom("a text outside the pack's string table")
        })?;
        Ok(Text { en, ja })
    }
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
