//! File positions for error messages: "file:line:column" from a byte offset.

use std::fmt;

/// A named text (a content file or an answers file) that errors point into.
#[derive(Debug, Clone, Copy)]
pub struct SourceText<'a> {
    /// The name shown in messages, usually the path.
    pub name: &'a str,
    /// The whole text.
    pub text: &'a str,
}

impl<'a> SourceText<'a> {
    /// Names a text.
    pub fn new(name: &'a str, text: &'a str) -> SourceText<'a> {
        SourceText { name, text }
    }

    /// The line and column (both from 1; columns count characters) of a byte offset.
    pub fn locate(&self, offset: usize) -> Location {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location {
            file: self.name.to_string(),
            line,
            column,
        }
    }

    /// The file offset of `offset` within a TOML string whose token spans `span`.
    ///
    /// Exact for plain one-line strings (the usual case for conditions); for strings with escapes or
    /// multi-line strings it falls back to the start of the string.
    pub fn offset_in_string(
        &self,
        span: std::ops::Range<usize>,
        value: &str,
        offset: usize,
    ) -> usize {
        let token = self.text.get(span.clone()).unwrap_or_default();
        let plain = token.len() == value.len() + 2
            && (token.starts_with('"') || token.starts_with('\''))
            && &token[1..token.len() - 1] == value;
        if plain {
            span.start + 1 + offset
        } else {
            span.start
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where something is in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file's name as given.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A problem at a place in a file: the shape of every error kouteki reports about its input files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocatedError {
    /// Where.
    pub location: Location,
    /// What it is about, e.g. "rule `pension.unpaid`" (may be empty).
    pub subject: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl LocatedError {
    /// An error at `offset` of `source`.
    pub fn at(
        source: &SourceText<'_>,
        offset: usize,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        LocatedError {
            location: source.locate(offset),
            subject: subject.into(),
            message: message.into(),
        }
    }

    /// An error for a TOML parse failure (syntax, unknown key, wrong type).
    pub fn from_toml(source: &SourceText<'_>, error: &toml::de::Error) -> Self {
        let offset = error.span().map_or(0, |s| s.start);
        LocatedError::at(source, offset, "", error.message().trim().to_string())
    }
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.subject.is_empty() {
            write!(f, "{}: {}", self.location, self.message)
        } else {
            write!(f, "{}: {}: {}", self.location, self.subject, self.message)
        }
    }
}

impl std::error::Error for LocatedError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let source = SourceText::new("f.toml", "a = 1\nb = \"税金\" x\n");
        let offset = source.text.find('x').unwrap();
        assert_eq!(source.locate(offset).to_string(), "f.toml:2:10");
        assert_eq!(source.locate(0).to_string(), "f.toml:1:1");
    }

    #[test]
    fn maps_offsets_inside_plain_strings() {
        let text = "when = \"age > x\"";
        let source = SourceText::new("r.toml", text);
        let span = 7..text.len();
        assert_eq!(
            source.offset_in_string(span, "age > x", 6),
            text.find('x').unwrap()
        );
    }
}
