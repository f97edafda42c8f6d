//! Walking the interview over SSH by reading the screen: the questionnaire (English) from
//! `assets/questionnaire.toml`, golden personas from `tests/cases`, and what the result screen must
//! show for them (from `kouteki_core::engine::assess` and `kouteki_core::report::Report`).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use kouteki_core::content::{Content, embedded};
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::Interview;
use kouteki_core::lang::Lang;
use kouteki_core::report::Report;
use kouteki_core::severity::Severity;

use super::client::Client;
use crate::support::content::{
    MANIFEST_DIR, Question, banner, golden_case, is_review, question_on_screen,
};
use crate::support::screen::{marked_option, squeeze};

/// The built-in content, loaded once.
pub fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    Arc::clone(CONTENT.get_or_init(|| Arc::new(embedded::load_default().expect("valid content"))))
}

/// A golden persona: its answers and what the result screen must show for them.
#[derive(Debug, Clone)]
pub struct Persona {
    /// The case's file name without `.toml`.
    pub name: String,
    /// `[answers]` of the case.
    pub answers: toml::Table,
    /// `[expect] overall` of the case (valid at the case's own `as_of`).
    pub case_overall: String,
    /// `[meta] as_of` of the case.
    pub case_as_of: String,
    /// The overall severity at the test's date, in the words of `[expect]`.
    pub overall: String,
    /// The finding titles at the test's date (English), in report order, with their symbols.
    pub findings: Vec<(char, String)>,
}

/// Every golden case of `tests/cases`, sorted by name.
pub fn case_names() -> Vec<String> {
    let dir = Path::new(MANIFEST_DIR).join("tests/cases");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(String::from)
        })
        .collect();
    names.sort();
    names
}

/// A severity in the words of `[expect]`.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Ok => "ok",
        Severity::Info => "info",
        Severity::Caution => "caution",
        Severity::Violation => "violation",
    }
}

/// Loads a golden case (the text before `[expect]` goes to the same loader as `eval`) and what it
/// must give at `as_of`; `None` when the interview at `as_of` would ask a question the case does
/// not answer (the optional questions some cases leave out, or a path that depends on the date).
pub fn persona(name: &str, as_of: Date) -> Option<Persona> {
    let case = golden_case(name);
    let content = content();
    let file = kouteki_core::answers_file::parse(
        &content,
        &SourceText::new(&case.path, &case.answers_text),
    )
    .unwrap_or_else(|e| panic!("{name} parses: {e:?}"));
    let interview = Interview::resume(Arc::clone(&content), file.answers.clone(), as_of);
    if !interview.is_complete() {
        return None;
    }
    let assessment = assess(&content, &file.answers, as_of);
    let report = Report::new(&content, &assessment, Lang::En);
    let findings = report
        .findings
        .iter()
        .map(|f| (symbol(f.severity), f.title.clone()))
        .collect();
    Some(Persona {
        name: name.to_string(),
        answers: case.answers,
        case_overall: case.overall,
        case_as_of: case.as_of,
        overall: severity_word(report.overall).to_string(),
        findings,
    })
}

fn symbol(severity: Severity) -> char {
    match severity {
        Severity::Violation => '✖',
        Severity::Caution => '▲',
        Severity::Info => 'ℹ',
        Severity::Ok => '✔',
    }
}

// ------------------------------------------------------------------------------------ screens

/// Whether the welcome screen (English) is on screen, with its menu.
pub fn is_welcome(screen: &str) -> bool {
    screen.contains("▶ Start the check")
}

/// The result banner line, trimmed, if the result is on screen.
pub fn banner_line(screen: &str) -> Option<String> {
    if !crate::support::screen::shows_findings(screen) {
        return None;
    }
    screen
        .lines()
        .map(str::trim)
        .find(|l| {
            ["✔  ", "ℹ  ", "▲  ", "✖  "]
                .iter()
                .any(|s| l.starts_with(s))
        })
        .map(String::from)
}

/// Checks the result screen against a persona: the banner, and the findings the list shows (at
/// least the first three, or all when there are fewer). A description of what differs, if anything.
pub fn check_result(screen: &str, persona: &Persona) -> Result<(), String> {
    let want = banner(&persona.overall);
    let shown = banner_line(screen);
    if shown.as_deref() != Some(want) {
        return Err(format!(
            "{}: the banner is {shown:?}, expected {want:?}",
            persona.name
        ));
    }
    let listed = crate::support::screen::listed_findings(screen);
    let needed = persona.findings.len().min(3);
    if listed.len() < needed {
        return Err(format!(
            "{}: {} findings listed, expected at least {needed} of {:?}; listed {listed:?}",
            persona.name,
            listed.len(),
            persona.findings
        ));
    }
    for (i, (symbol, title)) in listed.iter().enumerate() {
        let Some((want_symbol, want_title)) = persona.findings.get(i) else {
            return Err(format!(
                "{}: listed finding {i} {title:?} is not expected ({:?})",
                persona.name, persona.findings
            ));
        };
        let (title, want) = (squeeze(title), squeeze(want_title));
        let last = i + 1 == listed.len();
        let fits = if last {
            want.starts_with(&title) && !title.is_empty()
        } else {
            want == title
        };
        if symbol != want_symbol || !fits {
            return Err(format!(
                "{}: finding {i} is {symbol} {title:?}, expected {want_symbol} {want_title:?}",
                persona.name
            ));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------ walking

/// Moves the `▶` marker to option `target` of `q` (several arrow keys at once), reading the screen.
async fn select_option(client: &Client, q: &Question, target: usize) {
    for _ in 0..=q.labels.len() {
        let screen = client
            .wait_for(&format!("the ▶ marker on {}", q.id), |s| {
                question_on_screen(s).is_some_and(|on| on.id == q.id) && marked_option(s).is_some()
            })
            .await;
        let marked = marked_option(&screen).expect("a marked option");
        let at = q
            .labels
            .iter()
            .position(|l| squeeze(l) == marked)
            .unwrap_or_else(|| {
                panic!(
                    "{}: the ▶ marker is on {marked:?}, not an option of {}:\n{screen}",
                    client.name, q.id
                )
            });
        if at == target {
            return;
        }
        let key: &[u8] = if at < target { b"\x1b[B" } else { b"\x1b[A" };
        client.send(&key.repeat(at.abs_diff(target))).await;
        let wanted = squeeze(&q.labels[target]);
        client
            .wait_for(&format!("the ▶ marker to move to {wanted:?}"), |s| {
                marked_option(s).is_some_and(|m| m != marked)
            })
            .await;
    }
    panic!(
        "{}: could not move the ▶ marker to option {target} of {}",
        client.name, q.id
    );
}

/// Answers the question on screen with `value` (from an answers file) and confirms with Enter.
async fn answer(client: &Client, q: &Question, value: &toml::Value) {
    let typed = match (q.kind.as_str(), value) {
        ("number", toml::Value::Integer(n)) => Some(n.to_string()),
        ("date", toml::Value::Datetime(d)) => Some(d.to_string()),
        ("month", toml::Value::String(m)) => Some(m.clone()),
        _ => None,
    };
    if let Some(text) = typed {
        client.send(text.as_bytes()).await;
        client
            .wait_for(&format!("{text} typed into {}", q.id), |s| {
                s.contains(&format!("› {text}▏"))
            })
            .await;
        client.send(b"\r").await;
        return;
    }
    match (q.kind.as_str(), value) {
        ("yes_no", toml::Value::Boolean(b)) => {
            select_option(client, q, usize::from(!*b)).await;
        }
        ("choice", toml::Value::String(id)) => {
            let i = q
                .choice_ids
                .iter()
                .position(|c| c == id)
                .unwrap_or_else(|| panic!("{id:?} is not a choice of {}", q.id));
            select_option(client, q, i).await;
        }
        (kind, value) => panic!("cannot answer {} ({kind}) with {value:?}", q.id),
    }
    client.send(b"\r").await;
}

/// From the welcome screen to the review, answering every question from `answers`; the ids asked.
pub async fn walk_to_review(client: &Client, answers: &toml::Table) -> Vec<String> {
    client.wait_for("the welcome screen", is_welcome).await;
    client.send(b"\r").await;
    let mut asked: Vec<String> = Vec::new();
    loop {
        let screen = client
            .wait_for("a question or the review", |s| {
                is_review(s) || question_on_screen(s).is_some()
            })
            .await;
        if is_review(&screen) {
            break;
        }
        let q = question_on_screen(&screen).expect("a question");
        assert!(
            !asked.contains(&q.id),
            "{}: {} asked twice:\n{screen}",
            client.name,
            q.id
        );
        let value = answers.get(&q.id).unwrap_or_else(|| {
            panic!(
                "{}: the interview asks {}, which the persona does not answer",
                client.name, q.id
            )
        });
        answer(client, q, value).await;
        asked.push(q.id.clone());
        client
            .wait_for(&format!("the screen after {}", q.id), |s| {
                is_review(s) || question_on_screen(s).is_some_and(|next| next.id != q.id)
            })
            .await;
    }
    asked
}

/// From the welcome screen to the result screen; the result screen.
pub async fn walk_to_result(client: &Client, persona: &Persona) -> String {
    walk_to_review(client, &persona.answers).await;
    client
        .wait_for("Show results selected", |s| s.contains("▶ Show results"))
        .await;
    client.send(b"\r").await;
    client
        .wait_for("the result", |s| banner_line(s).is_some())
        .await
}
