//! The error collector shared by the content checks, and the small checks every file needs (texts,
//! dates, ids, conditions), so each is written once.

use jiff::civil::Date;
use toml::Spanned;
use toml::value::Datetime;

use super::condition::{self, Cond};
use super::model::Question;
use crate::formats::location::{LocatedError, SourceText};
use crate::lang::{Lang, Text};

/// Collects every error found in a pack, so `kouteki check` can list them all at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// The errors so far.
    pub errors: Vec<LocatedError>,
    /// The warnings so far: lints that do not refuse the pack.
    pub warnings: Vec<LocatedError>,
}

impl Diagnostics {
    /// Records an error at `offset` in `source`.
    pub fn error(
        &mut self,
        source: &SourceText<'_>,
        offset: usize,
        subject: &str,
        message: impl Into<String>,
    ) {
        self.errors
            .push(LocatedError::at(source, offset, subject, message));
    }

    /// Records a warning at `offset` in `source`.
    pub fn warn(
        &mut self,
        source: &SourceText<'_>,
        offset: usize,
        subject: &str,
        message: impl Into<String>,
    ) {
        self.warnings
            .push(LocatedError::at(source, offset, subject, message));
    }

    /// Checks that a text has both translations.
    pub fn text(
        &mut self,
        source: &SourceText<'_>,
        text: &Spanned<Text>,
        subject: &str,
        field: &str,
    ) {
        for lang in text.get_ref().missing() {
            let name = match lang {
                Lang::En => "English (en)",
                Lang::Ja => "Japanese (ja)",
            };
            self.error(
                source,
                text.span().start,
                subject,
                format!("`{field}` is missing its {name} text"),
            );
        }
    }

    /// Converts a TOML local date; anything with a time or offset is an error.
    pub fn date(
        &mut self,
        source: &SourceText<'_>,
        value: &Spanned<Datetime>,
        subject: &str,
        field: &str,
    ) -> Option<Date> {
        let dt = value.get_ref();
        let date = crate::formats::toml_date::from_toml(dt);
        if date.is_none() {
            self.error(
                source,
                value.span().start,
                subject,
                format!("`{field}` must be a date YYYY-MM-DD, found {dt}"),
            );
        }
        date
    }

    /// Checks that an id is lower-case words joined by `_` (and `.` where `dotted`).
    pub fn id(
        &mut self,
        source: &SourceText<'_>,
        id: &Spanned<String>,
        kind: &str,
        dotted: bool,
    ) -> bool {
        let valid = is_valid_id(id.get_ref(), dotted);
        if !valid {
            let allowed = if dotted {
                "lower-case letters, digits, `_` and `.`"
            } else {
                "lower-case letters, digits and `_`"
            };
            self.error(
                source,
                id.span().start,
                "",
                format!(
                    "invalid {kind} id `{}`: use {allowed}, starting with a letter",
                    id.get_ref()
                ),
            );
        }
        valid
    }

    /// Parses and type-checks a condition, reporting errors at their exact column.
    pub fn condition(
        &mut self,
        source: &SourceText<'_>,
        text: &Spanned<String>,
        questions: &[Question],
        subject: &str,
        field: &str,
    ) -> Option<Cond> {
        let value = text.get_ref();
        let at = |offset: usize| source.offset_in_string(text.span(), value, offset);
        let expr = match condition::parse(value) {
            Ok(expr) => expr,
            Err(e) => {
                self.error(
                    source,
                    at(e.offset),
                    subject,
                    format!("syntax error in `{field}`: {}", e.message),
                );
                return None;
            }
        };
        match condition::compile(&expr, questions) {
            Ok(cond) => Some(cond),
            Err(e) => {
                self.error(
                    source,
                    at(e.span.start),
                    subject,
                    format!("in `{field}`: {}", e.message),
                );
                None
            }
        }
    }
}

fn is_valid_id(id: &str, dotted: bool) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || (dotted && c == '.')
        })
        && !id.ends_with('.')
        && !id.contains("..")
}

/// Parses a whole content file, mapping a TOML or schema error to its location.
pub fn parse_file<T: serde::de::DeserializeOwned>(
    source: &SourceText<'_>,
) -> Result<T, LocatedError> {
    toml::from_str(source.text).map_err(|e| LocatedError::from_toml(source, &e))
}

/// Compares dotted version strings numerically (`1.10` is after `1.9`).
pub fn version_key(version: &str) -> Option<Vec<u32>> {
    version.split('.').map(|part| part.parse().ok()).collect()
}
