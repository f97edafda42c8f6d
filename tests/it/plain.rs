//! Plain mode: the same interview line by line (numbered choices), for screen readers and non-terminals.

use std::sync::Arc;

use kouteki::plain::{Outcome, run};
use kouteki_core::answers::{Answers, Lookup, Value};
use kouteki_core::answers_file;
use kouteki_core::content::{Content, embedded};
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::{Interview, Step};
use kouteki_core::lang::Lang;
use kouteki_core::report::Report;

fn content() -> Arc<Content> {
    Arc::new(embedded::load_default().expect("valid content"))
}

fn case(name: &str) -> (Answers, jiff::civil::Date, String) {
    let path = format!("{}/tests/cases/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text[..text.find("\n[expect]").unwrap()].to_string();
    let file = answers_file::parse(&content(), &SourceText::new(&path, &text)).unwrap();
    (file.answers, file.as_of.unwrap(), text)
}

/// The lines a person would type to give `answers`, question by question along the path.
fn typed_lines(content: &Arc<Content>, answers: &Answers, as_of: jiff::civil::Date) -> String {
    let mut interview = Interview::new(Arc::clone(content), as_of);
    let mut lines = String::new();
    while let Step::Question(q) = interview.step() {
        let value = answers
            .get(q)
            .expect("persona answers every question on the path")
            .clone();
        let line = match &value {
            Value::Choice(i) => (i + 1).to_string(),
            Value::Bool(b) => if *b { "1" } else { "2" }.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
            // Typed as people write it, not as files do.
            Value::Month(m) => format!("{}/{}", m.year(), m.month()),
            other => panic!("unexpected {other:?}"),
        };
        lines.push_str(&line);
        lines.push('\n');
        interview.submit(value).unwrap();
    }
    lines.push('\n'); // Enter at the review shows the result
    lines
}

#[test]
fn a_whole_interview_line_by_line_prints_the_same_findings_as_eval() {
    let content = content();
    for name in [
        "03-engineer-unpaid-premiums",
        "11-other-status-everything-red",
    ] {
        let (answers, as_of, _) = case(name);
        for lang in Lang::ALL {
            let input = typed_lines(&content, &answers, as_of);
            let mut interview = Interview::new(Arc::clone(&content), as_of);
            let mut output = Vec::new();
            let mut saved = 0;
            let outcome = run(&mut interview, lang, input.as_bytes(), &mut output, |_| {
                saved += 1;
            })
            .unwrap();
            assert_eq!(outcome, Outcome::Finished);
            let output = String::from_utf8(output).unwrap();
            assert!(
                !output.contains('\u{1b}'),
                "plain output has no escape sequences"
            );
            let report = Report::new(&content, &assess(&content, &answers, as_of), lang);
            for finding in &report.findings {
                assert!(
                    output.contains(&finding.title),
                    "{name}: {} missing",
                    finding.title
                );
            }
            assert_eq!(saved, interview.path().len(), "a draft after every answer");
        }
    }
}

#[test]
fn bad_input_is_explained_and_asked_again_and_b_goes_back() {
    let content = content();
    let mut interview = Interview::new(Arc::clone(&content), jiff::civil::date(2026, 11, 27));
    let input = "99\nwork\n1\n1\nb\n2\n200\nabc\n";
    let mut output = Vec::new();
    let outcome = run(
        &mut interview,
        Lang::En,
        input.as_bytes(),
        &mut output,
        |_| {},
    )
    .unwrap();
    assert_eq!(outcome, Outcome::Stopped, "input ended before the result");
    let output = String::from_utf8(output).unwrap();
    assert_eq!(
        output
            .matches("Please enter one of the numbers shown.")
            .count(),
        2
    );
    assert!(output.contains("Please enter a number from 0 to 120."));
    assert!(output.contains("Please enter a whole number (digits only)."));
    let goal = content.question_index("goal").unwrap();
    assert_eq!(
        interview.answer(goal),
        Some(&Value::Choice(1)),
        "b went back to the goal, then 2 changed it"
    );
}

#[test]
fn q_stops_and_says_the_draft_is_kept() {
    let mut interview = Interview::new(content(), jiff::civil::date(2026, 11, 27));
    let mut output = Vec::new();
    let outcome = run(
        &mut interview,
        Lang::Ja,
        "1\nq\n".as_bytes(),
        &mut output,
        |_| {},
    )
    .unwrap();
    assert_eq!(outcome, Outcome::Stopped);
    assert!(String::from_utf8(output).unwrap().contains("中断しました"));
}

#[test]
fn the_binary_falls_back_to_plain_mode_without_a_terminal() {
    let content = content();
    let (answers, as_of, _) = case("03-engineer-unpaid-premiums");
    let input = typed_lines(&content, &answers, as_of);
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kouteki"))
        .args(["--lang", "en", "--as-of", &as_of.to_string()])
        .env("XDG_DATA_HOME", data.path())
        .env("HOME", data.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Overall: ✖ Action needed"), "{stdout}");
    let draft = data.path().join("kouteki/draft.toml");
    let text = std::fs::read_to_string(&draft).expect("the draft was saved");
    assert!(text.contains("pension_payment = \"unpaid\""));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&draft).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
