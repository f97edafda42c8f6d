//! `kouteki schema answers|report`: the JSON Schemas of the answers file (for the content in use, so
//! `--rules DIR` gives its own questions) and of `eval --format json`.

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;

use super::CliError;
use super::pack_dir::load_content;

/// The documents `kouteki schema` describes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaDocument {
    /// The answers file (its TOML data model, with dates as YYYY-MM-DD strings).
    Answers,
    /// The output of `kouteki eval --format json`.
    Report,
}

/// Prints the schema of `document` as pretty JSON on stdout.
pub fn run(rules: Option<&Path>, document: SchemaDocument) -> Result<(), CliError> {
    let schema = match document {
        SchemaDocument::Answers => kouteki_core::schema::answers_schema(&*load_content(rules)?),
        SchemaDocument::Report => kouteki_core::schema::report_schema(),
    };
    let text = serde_json::to_string_pretty(&schema).expect("a schema always serializes") + "\n";
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| CliError::Runtime(format!("cannot write to stdout: {e}")))
}
