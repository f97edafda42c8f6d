//! JSON Schemas of kouteki's two public documents (`kouteki schema answers|report`), for people who
//! write answers files by program or read `eval --format json` in theirs.
//!
//! The report's schema is derived from the Rust types whose serde form *is* the JSON output, so it
//! cannot drift from it. The answers file's is assembled from the content pack: its keys are the
//! questions and its values their choices and ranges, which no Rust type spells out. It describes the
//! TOML data model as JSON, with TOML local dates as `YYYY-MM-DD` strings.

use schemars::{Schema, generate::SchemaSettings, json_schema};
use serde_json::{Map, Value};

use crate::content::{Content, Question, QuestionKind};
use crate::lang::Lang;
use crate::report::Report;

/// The schema of `kouteki eval --format json` (JSON Schema draft 2020-12).
pub fn report_schema() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Report>();
    schema.insert("title".into(), "kouteki report".into());
    schema.to_value()
}

/// The schema of an answers file read with `content`, as JSON: `[meta]` and `[answers]`, every
/// question with the values it accepts. Which answers are required depends on the other answers
/// (the flow), so the schema requires none; `eval` says which are missing.
pub fn answers_schema(content: &Content) -> Value {
    let answers: Map<String, Value> = content
        .questions
        .iter()
        .map(|q| (q.id.to_string(), answer_schema(q).to_value()))
        .collect();
    let langs: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kouteki answers file",
        "description": format!(
            "An answers file for content \"{}\" version {} (TOML; TOML local dates are written here as YYYY-MM-DD strings).",
            content.pack.name, content.pack.version
        ),
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {
                    "as_of": {"description": "Evaluation date (default: today in Japan).", "type": "string", "format": "date"},
                    "lang": {"description": "Report language (default: en).", "enum": langs},
                },
                "additionalProperties": false,
            },
            "answers": {
                "type": "object",
                "properties": answers,
                "additionalProperties": false,
            },
        },
        "additionalProperties": false,
    })
    .to_value()
}

/// What one question accepts, with its English text as the description.
fn answer_schema(question: &Question) -> Schema {
    let ids = || {
        question
            .choices()
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    };
    let mut schema = match &question.kind {
        QuestionKind::YesNo => json_schema!({"type": "boolean"}),
        QuestionKind::Choice { .. } => json_schema!({"type": "string", "enum": ids()}),
        QuestionKind::MultiChoice { .. } => {
            json_schema!({"type": "array", "items": {"type": "string", "enum": ids()}})
        }
        QuestionKind::Number { min, max, .. } => {
            json_schema!({"type": "integer", "minimum": min, "maximum": max})
        }
        QuestionKind::Date => json_schema!({"type": "string", "format": "date"}),
        QuestionKind::Month => {
            json_schema!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"})
        }
        QuestionKind::Text => json_schema!({"type": "string"}),
    };
    schema.insert("description".into(), question.text.en.to_string().into());
    schema
}
