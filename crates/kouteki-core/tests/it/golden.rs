//! Golden personas (`tests/cases/*.toml`): each case's answers are assessed through the same loader as
//! `kouteki eval`, in English and in Japanese, and must give exactly the expected severities, findings
//! and upcoming changes. Every rule of the default content must be exercised by some case.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kouteki_core::answers_file;
use kouteki_core::content::{Content, embedded};
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use kouteki_core::report::Report;
use kouteki_core::severity::Area;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    overall: String,
    areas: std::collections::BTreeMap<String, String>,
    findings: Vec<String>,
    #[serde(default)]
    upcoming: Vec<String>,
    /// Words a finding, upcoming change or note must (or must not) say in one language: for
    /// wording that depends on the answers or on the evaluation date.
    #[serde(default)]
    text: Vec<TextExpect>,
    /// The timeline, exactly, in order (none when left out).
    #[serde(default)]
    timeline: Vec<TimelineExpect>,
    /// The earliest clean application date, `YYYY-MM-DD` (none when left out).
    earliest_clean_application: Option<String>,
    /// The documents, exactly, in order; not checked when left out.
    documents: Option<Vec<DocumentExpect>>,
}

/// `[[expect.timeline]]`: one entry of the timeline.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct TimelineExpect {
    id: String,
    date: String,
    days: i64,
}

/// `[[expect.documents]]`: one document with its period and the findings that asked for it.
#[derive(Debug, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
struct DocumentExpect {
    id: String,
    fiscal_years: Vec<i16>,
    /// `[from, to]`, `YYYY-MM`.
    months: Vec<String>,
    from_findings: Vec<String>,
}

/// `[[expect.text]]`: what the texts of one finding, upcoming entry or note say in `lang`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextExpect {
    /// A rule or note id of the report.
    id: String,
    /// `en` or `ja`.
    lang: String,
    /// Fragments that must appear.
    #[serde(default)]
    contains: Vec<String>,
    /// Fragments that must not appear.
    #[serde(default)]
    lacks: Vec<String>,
}

/// The part of a case from `[expect]` on (with its `[[expect.text]]` entries).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectTable {
    expect: Expect,
}

/// One golden case: its file and its answers file (the part before `[expect]`).
pub(crate) struct Case {
    pub(crate) path: PathBuf,
    pub(crate) answers_text: String,
    expect: Expect,
}

/// Every golden case, in name order.
pub(crate) fn cases() -> Vec<Case> {
    let dir = crate::fixtures("cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths.into_iter().map(|path| read_case(&path)).collect()
}

/// Splits a case at its `[expect]` table: the part before is an answers file as `eval` reads it.
fn read_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).expect("readable case");
    let at = text
        .find("\n[expect]")
        .unwrap_or_else(|| panic!("{}: no [expect] table", path.display()));
    let expect = toml::from_str::<ExpectTable>(&text[at..])
        .unwrap_or_else(|e| panic!("{}: bad [expect]: {e}", path.display()))
        .expect;
    Case {
        path: path.to_path_buf(),
        answers_text: text[..at].to_string(),
        expect,
    }
}

pub(crate) fn content() -> Content {
    embedded::load_default().expect("embedded content is valid")
}

fn is_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

fn sorted(list: impl IntoIterator<Item = String>) -> Vec<String> {
    list.into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn there_are_enough_cases() {
    assert!(
        cases().len() >= 25,
        "the issue asks for at least 25 golden personas"
    );
}

#[test]
fn every_case_gives_its_expected_result_in_both_languages() {
    let content = content();
    let mut failures = Vec::new();
    for case in cases() {
        let name = case.path.display().to_string();
        let [en, ja] = reports(&content, &case, &name);
        let mut problems = differences(&case.expect, &en);
        problems.extend(text_differences(&case.expect, &[en.clone(), ja.clone()]));
        assert_same_result_in_both_languages(&name, &en, &ja);
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The case's reports in English and Japanese, read as `eval` reads answers: the file must parse
/// and fit the flow exactly (no missing or ignored answers).
pub(crate) fn reports(content: &Content, case: &Case, name: &str) -> [Report; 2] {
    let source = SourceText::new(name, &case.answers_text);
    let file = answers_file::parse(content, &source).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let as_of = file
        .as_of
        .unwrap_or_else(|| panic!("{name}: cases must set [meta] as_of"));
    let (errors, warnings) = answers_file::check_path(content, &file, as_of, &source);
    assert!(
        errors.is_empty() && warnings.is_empty(),
        "{name}: {errors:?} {warnings:?}"
    );
    let assessment = assess(content, &file.answers, as_of);
    Lang::ALL.map(|lang| Report::new(content, &assessment, lang))
}

/// How the report differs from the case's `[expect]`: overall, each area (`ok` when not listed),
/// findings and upcoming changes (as sets of rule ids). Empty when it matches.
fn differences(expect: &Expect, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    if report.overall.id() != expect.overall {
        problems.push(format!(
            "overall {} (expected {})",
            report.overall.id(),
            expect.overall
        ));
    }
    for area in Area::ALL {
        let expected = expect
            .areas
            .get(area.id())
            .map(String::as_str)
            .unwrap_or("ok");
        if report.area(area).id() != expected {
            problems.push(format!(
                "{} {} (expected {expected})",
                area.id(),
                report.area(area).id()
            ));
        }
    }
    let findings = sorted(report.findings.iter().map(|f| f.id.clone()));
    if findings != sorted(expect.findings.clone()) {
        problems.push(format!(
            "findings {findings:?} (expected {:?})",
            sorted(expect.findings.clone())
        ));
    }
    problems.extend(schedule_differences(expect, report));
    let upcoming = sorted(report.upcoming.iter().map(|u| u.id.clone()));
    if upcoming != sorted(expect.upcoming.clone()) {
        problems.push(format!(
            "upcoming {upcoming:?} (expected {:?})",
            sorted(expect.upcoming.clone())
        ));
    }
    problems
}

/// How the timeline, the earliest clean date and the documents differ from `[expect]`.
fn schedule_differences(expect: &Expect, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let timeline: Vec<TimelineExpect> = report
        .timeline
        .iter()
        .map(|t| TimelineExpect {
            id: t.id.clone(),
            date: t.date.clone(),
            days: t.days,
        })
        .collect();
    if timeline != expect.timeline {
        problems.push(format!(
            "timeline {timeline:?} (expected {:?})",
            expect.timeline
        ));
    }
    if report.earliest_clean_application != expect.earliest_clean_application {
        problems.push(format!(
            "earliest_clean_application {:?} (expected {:?})",
            report.earliest_clean_application, expect.earliest_clean_application
        ));
    }
    if let Some(expected) = &expect.documents {
        let documents: Vec<DocumentExpect> = report
            .documents
            .iter()
            .map(|d| DocumentExpect {
                id: d.id.clone(),
                fiscal_years: d.fiscal_years.clone(),
                months: d
                    .months
                    .iter()
                    .flat_map(|m| [m.from.clone(), m.to.clone()])
                    .collect(),
                from_findings: d.from_findings.clone(),
            })
            .collect();
        if &documents != expected {
            problems.push(format!("documents {documents:?} (expected {expected:?})"));
        }
    }
    problems
}

/// Everything a report says under one id: a finding's title, explanation, actions and documents,
/// an upcoming entry's date line, title, explanation and note, or a note's text. `None` when the id is absent.
fn texts_of(report: &Report, id: &str) -> Option<String> {
    if let Some(f) = report.findings.iter().find(|f| f.id == id) {
        let mut all = vec![f.title.clone(), f.explanation.clone()];
        all.extend(f.actions.iter().cloned());
        all.extend(f.documents.iter().cloned());
        return Some(all.join("\n"));
    }
    if let Some(u) = report.upcoming.iter().find(|u| u.id == id) {
        let note = u.note.clone().unwrap_or_default();
        return Some([u.when.clone(), u.title.clone(), u.explanation.clone(), note].join("\n"));
    }
    report
        .notes
        .iter()
        .find(|n| n.id == id)
        .map(|n| n.text.clone())
}

/// How the texts differ from the case's `[[expect.text]]` entries.
fn text_differences(expect: &Expect, reports: &[Report; 2]) -> Vec<String> {
    let mut problems = Vec::new();
    for t in &expect.text {
        let Some(report) = reports.iter().find(|r| r.lang.code() == t.lang) else {
            problems.push(format!("text: unknown lang `{}`", t.lang));
            continue;
        };
        let Some(text) = texts_of(report, &t.id) else {
            problems.push(format!("text: `{}` is not in the {} report", t.id, t.lang));
            continue;
        };
        for c in t.contains.iter().filter(|c| !text.contains(c.as_str())) {
            problems.push(format!(
                "text: `{}` ({}) does not say \"{c}\"",
                t.id, t.lang
            ));
        }
        for l in t.lacks.iter().filter(|l| text.contains(l.as_str())) {
            problems.push(format!("text: `{}` ({}) says \"{l}\"", t.id, t.lang));
        }
    }
    problems
}

/// The language changes the words only: the same severities, and every finding really in Japanese
/// in the Japanese report.
fn assert_same_result_in_both_languages(name: &str, en: &Report, ja: &Report) {
    assert_eq!(
        en.overall, ja.overall,
        "{name}: severities differ between languages"
    );
    assert_eq!(
        en.areas, ja.areas,
        "{name}: area severities differ between languages"
    );
    for f in &ja.findings {
        assert!(
            is_japanese(&f.title) && is_japanese(&f.explanation),
            "{name}: {} is not Japanese in ja",
            f.id
        );
    }
}

#[test]
fn every_rule_and_note_is_covered_by_some_case() {
    let content = content();
    let mut covered = BTreeSet::new();
    for case in cases() {
        covered.extend(case.expect.findings.iter().cloned());
        covered.extend(case.expect.upcoming.iter().cloned());
        covered.extend(case.expect.timeline.iter().map(|t| t.id.clone()));
        covered.extend(case.expect.documents.iter().flatten().map(|d| d.id.clone()));
        let source = SourceText::new("case", &case.answers_text);
        let file = answers_file::parse(&content, &source).expect("case parses");
        let assessment = assess(&content, &file.answers, file.as_of.expect("as_of"));
        covered.extend(
            assessment
                .notes
                .iter()
                .map(|n| content.notes[*n].id.to_string()),
        );
    }
    let uncovered: Vec<&str> = content
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(content.notes.iter().map(|n| n.id.as_str()))
        .chain(content.schedule.timeline.iter().map(|t| t.id.as_str()))
        .chain(content.schedule.documents.iter().map(|d| d.id.as_str()))
        .filter(|id| !covered.contains(*id))
        .collect();
    assert!(
        uncovered.is_empty(),
        "rules, notes, timeline entries or documents covered by no golden case: {uncovered:?}"
    );
}
