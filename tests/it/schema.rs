//! `kouteki schema answers|report` against what kouteki really reads and writes: every golden case's
//! answers file (as JSON: the TOML data model, dates as `YYYY-MM-DD`) and its `eval --format json`
//! output, in both languages, validate with an independent validator (the `jsonschema` crate, formats
//! checked); broken documents do not.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use tempfile::TempDir;

/// Runs the real binary and returns its stdout; panics unless it exits 0.
fn kouteki(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kouteki"))
        .args(args)
        .stdin(Stdio::null())
        .env("NO_COLOR", "1")
        .output()
        .expect("the kouteki binary runs");
    assert!(
        output.status.success(),
        "kouteki {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// The schema `kouteki schema document` prints, compiled with format checks on.
fn validator(document: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&kouteki(&["schema", document])).expect("JSON schema");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("`kouteki schema {document}` is not a valid schema: {e}"))
}

/// The validation errors of `instance`, one line each.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// A TOML document as JSON, TOML local dates written as their `YYYY-MM-DD` text.
fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(n) => json!(n),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Each golden case's answers file (the text before `[expect]`), by file name.
fn golden_answers() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the golden cases are there");
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable case");
            let cut = text.find("\n[expect]").expect("the case has [expect]");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, text[..=cut].to_string())
        })
        .collect()
}

#[test]
fn every_golden_answers_file_validates_against_the_answers_schema() {
    let validator = validator("answers");
    for (name, text) in golden_answers() {
        let doc: toml::Value = toml::from_str(&text).expect("the case parses");
        let problems = errors(&validator, &toml_to_json(&doc));
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn every_golden_report_validates_against_the_report_schema_in_both_languages() {
    let validator = validator("report");
    let dir = TempDir::new().expect("temp dir");
    for (name, text) in golden_answers() {
        let file = dir.path().join(&name);
        std::fs::write(&file, text).expect("write the answers file");
        for lang in ["en", "ja"] {
            let args = [
                "eval",
                "--answers",
                file.to_str().unwrap(),
                "--format",
                "json",
                "--lang",
                lang,
            ];
            let report: Value = serde_json::from_str(&kouteki(&args)).expect("JSON report");
            let problems = errors(&validator, &report);
            assert!(problems.is_empty(), "{name} ({lang}): {problems:#?}");
        }
    }
}

#[test]
fn broken_answers_files_are_rejected() {
    let validator = validator("answers");
    let (_, text) = &golden_answers()[0];
    let good = toml_to_json(&toml::from_str::<toml::Value>(text).expect("parses"));
    assert!(validator.is_valid(&good));
    let broken = [
        ("/answers/status", json!("tourist")),
        ("/answers/age", json!(121)),
        ("/answers/age", json!("34")),
        ("/answers/knows_my_number", json!("yes")),
        ("/answers/no_such_question", json!(1)),
        ("/meta/as_of", json!("27 Nov 2026")),
        ("/meta/lang", json!("fr")),
        ("/extra", json!({})),
    ];
    for (pointer, value) in broken {
        let mut doc = good.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let table = if parent.is_empty() {
            &mut doc
        } else {
            doc.pointer_mut(parent).unwrap()
        };
        table[key] = value.clone();
        assert!(
            !validator.is_valid(&doc),
            "{pointer} = {value} should be refused"
        );
    }
}

#[test]
fn broken_reports_are_rejected() {
    let validator = validator("report");
    let (name, text) = golden_answers()
        .into_iter()
        .find(|(_, text)| text.contains("unpaid"))
        .expect("a case with findings");
    let dir = TempDir::new().expect("temp dir");
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("write");
    let args = [
        "eval",
        "--answers",
        file.to_str().unwrap(),
        "--format",
        "json",
    ];
    let good: Value = serde_json::from_str(&kouteki(&args)).expect("JSON");
    assert!(validator.is_valid(&good));
    assert!(!good["findings"].as_array().unwrap().is_empty());
    let mut broken = Vec::new();
    let mut doc = good.clone();
    doc["overall"] = json!("terrible");
    broken.push(("overall", doc));
    let mut doc = good.clone();
    doc.as_object_mut().unwrap().remove("findings");
    broken.push(("no findings", doc));
    let mut doc = good.clone();
    doc["areas"].as_object_mut().unwrap().remove("taxes");
    broken.push(("no taxes area", doc));
    let mut doc = good.clone();
    doc["as_of"] = json!("2026-13-40");
    broken.push(("as_of", doc));
    let mut doc = good.clone();
    doc["findings"][0]["sources"][0]["url"] = json!("http://example.com");
    broken.push(("http source", doc));
    let mut doc = good;
    doc["findings"][0]["sources"][0]["kind"] = json!("rumour");
    broken.push(("source kind", doc));
    for (what, doc) in broken {
        assert!(!validator.is_valid(&doc), "{what} should be refused");
    }
}
