//! Broken content packs (`tests/invalid_content/*.toml`): each fixture is one small broken file that
//! replaces one file of the embedded default pack. The suffix before `.toml` says which one
//! (`.pack.toml`, `.questionnaire.toml` or `.rules.toml`). Loading the pack must fail with exactly the
//! errors listed, one a line, in the sidecar `<fixture>.expected` (the full `file:line:col: subject:
//! message` text of each error, in the order `load` reports them).

use std::path::PathBuf;

use kouteki_core::content::{PackSources, embedded, load};
use kouteki_core::formats::location::SourceText;

/// The fixture directory, as named in error messages (relative to the crate root).
const DIR: &str = "tests/invalid_content";

/// Which pack file a fixture replaces.
#[derive(Debug, Clone, Copy)]
enum PackFile {
    Pack,
    Questionnaire,
    Rules,
}

fn dir() -> PathBuf {
    crate::fixtures("invalid_content")
}

/// Every file name in the fixture directory, sorted.
fn file_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/invalid_content exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 file name")
        })
        .collect();
    names.sort();
    names
}

/// The fixtures (every `.toml` file), sorted by name.
fn fixtures() -> Vec<String> {
    file_names()
        .into_iter()
        .filter(|n| n.ends_with(".toml"))
        .collect()
}

fn pack_file(name: &str) -> Option<PackFile> {
    if name.ends_with(".pack.toml") {
        Some(PackFile::Pack)
    } else if name.ends_with(".questionnaire.toml") {
        Some(PackFile::Questionnaire)
    } else if name.ends_with(".rules.toml") {
        Some(PackFile::Rules)
    } else {
        None
    }
}

/// Loads the default pack with one file replaced by the fixture; the errors as displayed.
fn load_errors(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir().join(name)).expect("readable fixture");
    let shown = format!("{DIR}/{name}");
    let fixture = SourceText::new(&shown, &text);
    let mut sources = PackSources {
        pack: SourceText::new("assets/pack.toml", embedded::PACK),
        questionnaire: SourceText::new("assets/questionnaire.toml", embedded::QUESTIONNAIRE),
        rules: SourceText::new("assets/rules.toml", embedded::RULES),
    };
    match pack_file(name)
        .unwrap_or_else(|| panic!("{name}: not named *.pack|questionnaire|rules.toml"))
    {
        PackFile::Pack => sources.pack = fixture,
        PackFile::Questionnaire => sources.questionnaire = fixture,
        PackFile::Rules => sources.rules = fixture,
    }
    match load(sources) {
        Ok(_) => Vec::new(),
        Err(error) => {
            assert!(
                matches!(error, kouteki_core::Error::Content(_)),
                "{error:?}"
            );
            error.errors().iter().map(ToString::to_string).collect()
        }
    }
}

/// The expected errors of a fixture: the sidecar's non-empty lines (none when it has no sidecar,
/// which [`every_fixture_names_a_pack_file_and_has_a_sidecar`] reports).
fn expected_errors(name: &str) -> Vec<String> {
    let path = dir().join(format!("{name}.expected"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A line-by-line diff of expected and actual errors (`-` expected only, `+` actual only).
fn diff(expected: &[String], actual: &[String]) -> String {
    let mut out = String::new();
    let (mut e, mut a) = (0, 0);
    while e < expected.len() || a < actual.len() {
        match (expected.get(e), actual.get(a)) {
            (Some(x), Some(y)) if x == y => {
                out.push_str(&format!("    {x}\n"));
                e += 1;
                a += 1;
            }
            (Some(x), _) if !actual[a..].contains(x) => {
                out.push_str(&format!("  - {x}\n"));
                e += 1;
            }
            (_, Some(y)) => {
                out.push_str(&format!("  + {y}\n"));
                a += 1;
            }
            (Some(x), None) => {
                out.push_str(&format!("  - {x}\n"));
                e += 1;
            }
            (None, None) => unreachable!(),
        }
    }
    out
}

#[test]
fn the_embedded_pack_is_valid() {
    if let Err(error) = embedded::load_default() {
        panic!("the default pack has errors: {:#?}", error.errors());
    }
}

#[test]
fn every_fixture_gives_exactly_its_expected_errors() {
    let names = fixtures();
    assert!(names.len() >= 40, "only {} fixtures", names.len());
    let mut mismatches = Vec::new();
    for name in &names {
        let actual = load_errors(name);
        let expected = expected_errors(name);
        if actual.is_empty() {
            mismatches.push(format!(
                "{name}: loaded without any error\n{}",
                diff(&expected, &actual)
            ));
        } else if actual != expected {
            mismatches.push(format!("{name}:\n{}", diff(&expected, &actual)));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} fixtures differ (- expected, + actual):\n\n{}",
        mismatches.len(),
        names.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_fixture_names_a_pack_file_and_has_a_sidecar() {
    let names = file_names();
    let mut problems = Vec::new();
    for name in &names {
        if let Some(fixture) = name.strip_suffix(".expected") {
            if !names.iter().any(|n| n == fixture) {
                problems.push(format!("{name}: no fixture `{fixture}`"));
            }
        } else if !name.ends_with(".toml") {
            problems.push(format!(
                "{name}: neither a fixture (.toml) nor a sidecar (.expected)"
            ));
        } else if pack_file(name).is_none() {
            problems.push(format!(
                "{name}: say which file it replaces: *.pack.toml, *.questionnaire.toml or *.rules.toml"
            ));
        } else if !names.contains(&format!("{name}.expected")) {
            problems.push(format!("{name}: no sidecar `{name}.expected`"));
        } else if expected_errors(name).is_empty() {
            problems.push(format!("{name}.expected: lists no error"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The line and column of an error shown as `file:line:col: ...`, if it names `file`.
fn position(error: &str, file: &str) -> Option<(usize, usize)> {
    let rest = error.strip_prefix(file)?.strip_prefix(':')?;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok().filter(|n| *n > 0)?;
    let column = parts.next()?.parse().ok().filter(|n| *n > 0)?;
    parts.next()?;
    Some((line, column))
}

#[test]
fn every_error_names_the_fixture_with_line_and_column() {
    let mut problems = Vec::new();
    for name in fixtures() {
        let file = format!("{DIR}/{name}");
        for error in load_errors(&name) {
            if position(&error, &file).is_none() {
                problems.push(format!("{name}: not about {file}:line:col: {error}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `load` promises every error "ordered by file and position", whichever file they are in.
#[test]
fn errors_are_listed_in_file_order() {
    let mut problems = Vec::new();
    for name in fixtures() {
        let file = format!("{DIR}/{name}");
        let errors = load_errors(&name);
        let positions: Vec<_> = errors.iter().filter_map(|e| position(e, &file)).collect();
        if positions.windows(2).any(|w| w[0] > w[1]) {
            problems.push(format!("{name}:\n  {}", errors.join("\n  ")));
        }
    }
    assert!(
        problems.is_empty(),
        "errors out of file order:\n{}",
        problems.join("\n")
    );
}

/// Several independent mistakes in one rules file are all reported, in file order.
#[test]
fn several_errors_in_one_rules_file_are_all_reported_in_file_order() {
    let name = "several_errors.rules.toml";
    let errors = load_errors(name);
    assert!(
        errors.len() >= 8,
        "{name}: only {} errors: {errors:#?}",
        errors.len()
    );
    let file = format!("{DIR}/{name}");
    let positions: Vec<(usize, usize)> = errors
        .iter()
        .map(|e| position(e, &file).unwrap_or_else(|| panic!("no position in: {e}")))
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(
        positions, sorted,
        "{name}: errors not in file order: {errors:#?}"
    );
    // One error from each rule of the file: rules with an error early on do not hide later ones.
    let text = std::fs::read_to_string(dir().join(name)).expect("readable fixture");
    let rule_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[rules]]")
        .map(|(i, _)| i + 1)
        .collect();
    for (i, start) in rule_lines.iter().enumerate() {
        let end = rule_lines.get(i + 1).copied().unwrap_or(usize::MAX);
        assert!(
            positions
                .iter()
                .any(|(line, _)| (*start..end).contains(line)),
            "{name}: no error reported for the rule starting on line {start}: {errors:#?}"
        );
    }
}
