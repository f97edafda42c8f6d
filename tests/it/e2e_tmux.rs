//! End-to-end tests of the full-screen interview: the real `kouteki` binary runs in a shell inside a
//! private tmux server (`tmux -L <unique name>`, no config, no status line) at 100×32, driven with
//! `send-keys` and read back with `capture-pane`. Each test polls for the screen it expects (20 s
//! deadline, every 50 ms) instead of sleeping, and the tests are serialised by a static lock.
//!
//! Where tmux is missing they print `skipped: tmux not installed` and pass, unless `CI` is set: then
//! they fail. Nothing is written outside a temporary directory: `XDG_DATA_HOME` points into it, the
//! interview runs with `--no-save` and the shell keeps no history.

use std::collections::BTreeSet;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::content::{
    MANIFEST_DIR, Question, banner, golden_case, is_review, question_on_screen, questionnaire, read,
};
use crate::support::screen::{column_of, marked_option, squeeze};
use crate::support::tmux::{Config, Tmux, setup, shell_quote};

const BIN: &str = env!("CARGO_BIN_EXE_kouteki");
/// The answers the keyboard-only interview types (and `kouteki eval` assesses to compare).
const INTERVIEW_ANSWERS: &str = "tests/e2e/interview-answers.toml";

// ------------------------------------------------------------------------------------------ tmux

/// A private tmux server ([`Tmux`]) with one 100×32 window running an interactive bash whose
/// `XDG_DATA_HOME` points into a temporary directory of its own.
struct Pane {
    // Before `dir`: the server is killed before its directory is removed.
    tmux: Tmux,
    dir: tempfile::TempDir,
}

impl Deref for Pane {
    type Target = Tmux;

    fn deref(&self) -> &Tmux {
        &self.tmux
    }
}

impl Pane {
    /// Starts the server, with `XDG_DATA_HOME` in the pane's environment pointing to a fresh directory.
    fn start(name: &str) -> Pane {
        Pane::start_sized(name, (100, 32))
    }

    /// [`Pane::start`] with a window of `size` (columns, rows).
    fn start_sized(name: &str, size: (u16, u16)) -> Pane {
        let dir = tempfile::tempdir().expect("temporary directory");
        let xdg = dir.path().join("xdg");
        std::fs::create_dir(&xdg).expect("XDG_DATA_HOME directory");
        let config = Config {
            socket_prefix: "kouteki-e2e",
            prompt: "kt-e2e$",
            size,
            env: &[format!("XDG_DATA_HOME={}", xdg.display())],
        };
        let tmux = Tmux::start(&config, name);
        Pane { tmux, dir }
    }

    /// Types `kouteki ARGS; echo KT_EXIT=$?` at the prompt (`env` goes before the command).
    fn run_kouteki(&self, env: &str, args: &str) {
        self.run(&format!("{env}{} {args}", shell_quote(BIN)));
    }

    /// Waits for the `n`th exit of the program and the prompt after it; asserts the status is 0.
    fn wait_exit(&self, n: usize) -> String {
        self.tmux.wait_exit(n, "kouteki")
    }

    /// Asserts the terminal is restored: normal screen, cursor visible, line discipline cooked.
    fn assert_restored(&self, n: usize) {
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(self.display("#{cursor_flag}"), "1", "the cursor is hidden");
        // A normal exit makes bash keep the terminal modes the program left: raw mode would show as
        // -icanon -echo.
        self.type_text(
            "echo TTY:$(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ,)",
        );
        self.send(&["Enter"]);
        let modes = |s: &str| -> Vec<String> {
            s.lines()
                .map(str::trim)
                .filter(|l| l.starts_with("TTY:") && !l.contains("$("))
                .map(String::from)
                .collect()
        };
        let screen = self.wait_for_all("the terminal modes", |s| {
            modes(s).len() >= n && self.at_prompt(s)
        });
        assert_eq!(
            modes(&screen)[n - 1],
            "TTY:icanon,echo,",
            "raw mode left on (or echo off) after kouteki exited:\n{screen}"
        );
    }

    /// A file in the test's temporary directory.
    fn write_file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write a temporary file");
        path
    }
}

// ------------------------------------------------------------------------------- content

/// `kouteki eval --format json` of an answers file.
fn eval_json(answers: &Path, xdg: &Path) -> serde_json::Value {
    let output = Command::new(BIN)
        .args(["eval", "--format", "json", "--answers"])
        .arg(answers)
        .env("XDG_DATA_HOME", xdg)
        .output()
        .expect("kouteki eval runs");
    assert!(
        output.status.success(),
        "kouteki eval failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("eval prints JSON")
}

// ------------------------------------------------------------------------------- screens

/// Moves the `▶` marker to `wanted` (a label of `q`) with Down/Up, reading the screen after each key.
fn select_option(tmux: &Tmux, q: &Question, wanted: &str) {
    let target = q
        .labels
        .iter()
        .position(|l| l == wanted)
        .unwrap_or_else(|| panic!("{wanted:?} is not an option of {}", q.id));
    for _ in 0..=q.labels.len() {
        let screen = tmux.wait_for(&format!("the ▶ marker on {}", q.id), |s| {
            marked_option(s).is_some()
        });
        let marked = marked_option(&screen).expect("a marked option");
        let at = q
            .labels
            .iter()
            .position(|l| squeeze(l) == marked)
            .unwrap_or_else(|| {
                panic!(
                    "the ▶ marker is on {marked:?}, not an option of {}:\n{screen}",
                    q.id
                )
            });
        if at == target {
            return;
        }
        tmux.send(&[if at < target { "Down" } else { "Up" }]);
        tmux.wait_for(&format!("the ▶ marker to move towards {wanted:?}"), |s| {
            marked_option(s).is_some_and(|m| m != marked)
        });
    }
    panic!("could not move the ▶ marker to {wanted:?} on {}", q.id);
}

/// Answers the question on screen with `value` (from an answers file) and confirms with Enter.
/// Types `text` into the question's field and waits until the field shows it.
fn type_into(tmux: &Tmux, q: &Question, text: &str) {
    tmux.type_text(text);
    tmux.wait_for(&format!("{text} typed into {}", q.id), |s| {
        s.contains(&format!("› {text}▏"))
    });
}

fn answer(tmux: &Tmux, q: &Question, value: &toml::Value) {
    match (q.kind.as_str(), value) {
        ("number", toml::Value::Integer(n)) => {
            let n = n.to_string();
            tmux.type_text(&n);
            tmux.wait_for(&format!("{n} typed into {}", q.id), |s| {
                s.contains(&format!("› {n}▏"))
            });
        }
        ("date", toml::Value::Datetime(d)) => type_into(tmux, q, &d.to_string()),
        // A month typed as people write it in Japanese, not as the file does.
        ("month", toml::Value::String(m)) => {
            let (year, month) = m.split_once('-').expect("YYYY-MM");
            let month = month.trim_start_matches('0');
            type_into(tmux, q, &format!("{year}/{month}"));
        }
        ("yes_no", toml::Value::Boolean(b)) => {
            select_option(tmux, q, if *b { "Yes" } else { "No" });
        }
        ("choice", toml::Value::String(id)) => {
            let i = q
                .choice_ids
                .iter()
                .position(|c| c == id)
                .unwrap_or_else(|| panic!("{id:?} is not a choice of {}", q.id));
            select_option(tmux, q, &q.labels[i]);
        }
        (kind, value) => panic!("cannot answer {} ({kind}) with {value:?}", q.id),
    }
    tmux.send(&["Enter"]);
}

// ------------------------------------------------------------------------------- colors

/// A cell's foreground color as tmux reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fg {
    Default,
    Index(u8),
    Rgb(u8, u8, u8),
}

impl Fg {
    fn is_red(self) -> bool {
        matches!(self, Fg::Index(1 | 9))
    }

    fn is_green(self) -> bool {
        matches!(self, Fg::Index(2 | 10))
    }
}

/// A screen line: each character with its foreground.
type StyledLine = Vec<(char, Fg)>;

/// A `capture-pane -e` screen read into lines of (character, foreground), plus every SGR parameter
/// list met.
fn parse_escapes(capture: &str) -> (Vec<StyledLine>, Vec<Vec<u16>>) {
    let mut lines = vec![Vec::new()];
    let mut sgrs = Vec::new();
    let mut fg = Fg::Default;
    let mut chars = capture.chars();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.next() != Some('[') {
                    continue;
                }
                let mut body = String::new();
                let mut end = None;
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        end = Some(c);
                        break;
                    }
                    body.push(c);
                }
                if end != Some('m') {
                    continue;
                }
                let params: Vec<u16> = body
                    .split([';', ':'])
                    .map(|p| p.parse().unwrap_or(0))
                    .collect();
                fg = apply_sgr(fg, &params);
                sgrs.push(params);
            }
            '\n' => lines.push(Vec::new()),
            c => lines.last_mut().expect("a line").push((c, fg)),
        }
    }
    (lines, sgrs)
}

fn apply_sgr(mut fg: Fg, params: &[u16]) -> Fg {
    let byte = |i: usize| params.get(i).map_or(0, |p| *p as u8);
    let mut i = 0;
    while i < params.len() {
        match params[i] {
            0 | 39 => fg = Fg::Default,
            p @ 30..=37 => fg = Fg::Index((p - 30) as u8),
            p @ 90..=97 => fg = Fg::Index((p - 90 + 8) as u8),
            38 if params.get(i + 1) == Some(&5) => {
                fg = Fg::Index(byte(i + 2));
                i += 2;
            }
            38 if params.get(i + 1) == Some(&2) => {
                fg = Fg::Rgb(byte(i + 2), byte(i + 3), byte(i + 4));
                i += 4;
            }
            48 if params.get(i + 1) == Some(&5) => i += 2,
            48 if params.get(i + 1) == Some(&2) => i += 4,
            _ => {}
        }
        i += 1;
    }
    fg
}

/// Whether an SGR parameter list sets a color (foreground or background; the defaults 39/49 do not).
fn sets_color(params: &[u16]) -> bool {
    params
        .iter()
        .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
}

fn line_text(line: &[(char, Fg)]) -> String {
    line.iter().map(|(c, _)| *c).collect()
}

// ------------------------------------------------------------------------------- tests

/// Welcome → every question answered with arrows, Enter and typed numbers → review → result, which
/// matches `kouteki eval` of the same answers and is color-coded.
#[test]
fn keyboard_only_interview_reaches_the_color_coded_result() {
    interview_reaches_the_color_coded_result((100, 32));
}

/// The same at 80×24, PuTTY's and macOS Terminal's default: every question answerable, every
/// finding reachable in the list that now scrolls.
#[test]
fn keyboard_only_interview_at_80x24() {
    interview_reaches_the_color_coded_result((80, 24));
}

/// The findings as a person reads them: the list's selected entry, moved down one at a time.
fn walk_findings(tmux: &Tmux, count: usize) -> Vec<(char, String)> {
    use crate::support::screen::selected_entry;
    let mut seen: Vec<(char, String)> = Vec::new();
    for i in 0..count {
        if i > 0 {
            tmux.send(&["Down"]);
        }
        let screen = tmux.wait_for(&format!("finding {i} selected"), |s| {
            selected_entry(s).is_some_and(|e| seen.last() != Some(&e))
        });
        seen.push(selected_entry(&screen).expect("a selected entry"));
    }
    seen
}

fn interview_reaches_the_color_coded_result(size: (u16, u16)) {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let fixture = Path::new(MANIFEST_DIR).join(INTERVIEW_ANSWERS);
    let doc: toml::Table = read(INTERVIEW_ANSWERS).parse().expect("the fixture parses");
    let answers = doc["answers"].as_table().expect("[answers]");
    let tmux = Pane::start_sized(&format!("interview-{}x{}", size.0, size.1), size);
    tmux.run_kouteki("", "--no-save --as-of 2026-11-27 --lang en");
    tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    tmux.send(&["Enter"]);

    let mut asked: Vec<String> = Vec::new();
    loop {
        let screen = tmux.wait_for("a question or the review", |s| {
            is_review(s) || question_on_screen(s).is_some()
        });
        if is_review(&screen) {
            break;
        }
        let q = question_on_screen(&screen).expect("a question");
        assert!(!asked.contains(&q.id), "{} asked twice", q.id);
        let value = answers.get(&q.id).unwrap_or_else(|| {
            panic!(
                "the interview asks {}, which {INTERVIEW_ANSWERS} does not answer",
                q.id
            )
        });
        answer(&tmux, q, value);
        asked.push(q.id.clone());
        tmux.wait_for(&format!("the screen after {}", q.id), |s| {
            is_review(s) || question_on_screen(s).is_some_and(|next| next.id != q.id)
        });
    }
    let asked_set: BTreeSet<&str> = asked.iter().map(String::as_str).collect();
    let answered: BTreeSet<&str> = answers.keys().map(String::as_str).collect();
    assert_eq!(
        asked_set, answered,
        "questions asked vs answers in the fixture"
    );
    assert_eq!(asked[0], "status", "the first question");

    tmux.wait_for("Show results selected", |s| s.contains("▶ Show results"));
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the result", |s| s.contains("Problems to fix now"));

    let eval = eval_json(&fixture, tmux.dir.path());
    assert_eq!(eval["overall"], "violation");
    assert!(
        screen.lines().any(|l| l.trim() == banner("violation")),
        "the banner line:\n{screen}"
    );
    let findings = eval["findings"].as_array().expect("findings");
    let expected: Vec<(char, String)> = findings
        .iter()
        .map(|f| {
            let symbol = match f["severity"].as_str().expect("severity") {
                "violation" => '✖',
                "caution" => '▲',
                "info" => 'ℹ',
                _ => '✔',
            };
            (symbol, f["title"].as_str().expect("title").to_string())
        })
        .collect();
    assert!(
        expected.starts_with(&crate::support::screen::listed_findings(&screen)),
        "the findings in sight vs kouteki eval:\n{screen}"
    );
    // The worst finding comes first, so it is in sight at every size: its ✖ is red.
    let (first_symbol, pension_title) = &expected[0];
    assert_eq!(*first_symbol, '✖', "a violation first");
    let pension_title: String = pension_title.chars().take(24).collect();

    let escapes = tmux.capture_escapes();
    let (lines, _) = parse_escapes(&escapes);
    let row = lines
        .iter()
        .find(|l| line_text(l).contains(&pension_title))
        .expect("the first finding's row");
    let cross = row.iter().find(|(c, _)| *c == '✖').expect("✖ on its row");
    assert!(
        cross.1.is_red(),
        "✖ of {pension_title:?} is {:?}, not red:\n{escapes:?}",
        cross.1
    );
    let ok_areas = eval["areas"]
        .as_object()
        .expect("areas")
        .values()
        .filter(|s| *s == "ok")
        .count();
    assert!(ok_areas > 0, "the fixture must leave an area ok");
    let green_ticks = lines
        .iter()
        .flatten()
        .filter(|(c, fg)| *c == '✔' && fg.is_green())
        .count();
    assert!(
        green_ticks >= ok_areas,
        "{green_ticks} green ✔ for {ok_areas} ok areas:\n{escapes:?}"
    );
    assert_eq!(
        walk_findings(&tmux, expected.len()),
        expected,
        "every finding, reached with ↓, vs kouteki eval"
    );

    tmux.send(&["C-c"]);
    tmux.wait_exit(1);
}

/// Resizing redraws at the new size, a too small terminal gets the "enlarge" message, and back at the
/// first size the question has kept its selection.
#[test]
fn resize_redraws_and_keeps_the_selection() {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let questions = questionnaire();
    let status = questions.iter().find(|q| q.id == "status").expect("status");
    let tmux = Pane::start("resize");
    tmux.run_kouteki("", "--no-save --as-of 2026-11-27 --lang en");
    tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the first question", |s| {
        question_on_screen(s).is_some_and(|q| q.id == "status")
    });
    let wanted = &status.labels[2];
    select_option(&tmux, status, wanted);
    let screen = tmux.capture();
    let help_column = column_of(&screen, "Why we ask").expect("the help panel");
    assert!(
        help_column < 10,
        "at 100 columns the help panel is below:\n{screen}"
    );

    tmux.resize(120, 40);
    let screen = tmux.wait_for("the redraw at 120×40 (help panel on the right)", |s| {
        column_of(s, "Why we ask").is_some_and(|c| c > 50)
            && s.lines().any(|l| l.trim_end().chars().count() > 100)
    });
    assert_eq!(tmux.display("#{pane_width}x#{pane_height}"), "120x40");
    assert_eq!(marked_option(&screen), Some(squeeze(wanted)), "{screen}");

    tmux.resize(50, 15);
    tmux.wait_for("the too-small message", |s| {
        s.contains("Please enlarge the terminal") && !s.contains("Why we ask")
    });

    tmux.resize(100, 32);
    let screen = tmux.wait_for("the question again at 100×32", |s| {
        question_on_screen(s).is_some_and(|q| q.id == "status")
            && column_of(s, "Why we ask").is_some_and(|c| c < 10)
            && !s.contains("Please enlarge")
    });
    assert_eq!(
        marked_option(&screen),
        Some(squeeze(wanted)),
        "the selection after resizing:\n{screen}"
    );
    tmux.send(&["C-c"]);
    tmux.wait_exit(1);
}

/// At 60×20, the smallest laid out, the real program opens the welcome at its first line with the
/// menu in sight; PgDn (as tmux sends it) scrolls the text to the not-legal-advice notice and the
/// menu stays put.
#[test]
fn a_60x20_terminal_opens_the_welcome_at_its_top_and_pgdn_reaches_the_notice() {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let tmux = Pane::start_sized("welcome-60x20", (60, 20));
    tmux.run_kouteki("", "--no-save --lang en");
    let screen = tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    assert!(
        screen.contains("This check asks about your situation"),
        "{screen}"
    );
    assert!(
        screen.contains("↓") && screen.contains("PgUp/PgDn"),
        "{screen}"
    );
    assert!(!screen.contains("or lawyer."), "{screen}");
    let menu_row = |s: &str| s.lines().position(|l| l.contains("▶ Start the check"));
    let menu = menu_row(&screen);
    tmux.send(&["NPage"]);
    let scrolled = tmux.wait_for("the notice after PgDn", |s| s.contains("or lawyer."));
    assert!(!scrolled.contains("This check asks about"), "{scrolled}");
    assert_eq!(menu_row(&scrolled), menu, "the menu stays:\n{scrolled}");
    tmux.send(&["C-c"]);
    tmux.wait_exit(1);
}

/// q asks first (n stays, y quits); Ctrl-C quits at once. Both give the shell back with the normal
/// screen, a visible cursor and the line discipline restored.
#[test]
fn quit_restores_the_terminal() {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let tmux = Pane::start("quit");
    let on_question = |s: &str| question_on_screen(s).is_some();

    tmux.run_kouteki("", "--no-save --as-of 2026-11-27 --lang en");
    tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "the TUI uses the alternate screen"
    );
    tmux.send(&["Enter"]);
    tmux.wait_for("a question", on_question);
    tmux.send(&["q"]);
    tmux.wait_for("the quit confirmation", |s| s.contains("Quit kouteki?"));
    tmux.send(&["n"]);
    tmux.wait_for("the question without the confirmation", |s| {
        on_question(s) && !s.contains("Quit kouteki?")
    });
    tmux.send(&["q"]);
    tmux.wait_for("the quit confirmation", |s| s.contains("Quit kouteki?"));
    tmux.send(&["y"]);
    tmux.wait_exit(1);
    tmux.assert_restored(1);

    tmux.run_kouteki("", "--no-save --as-of 2026-11-27 --lang en");
    tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    tmux.send(&["Enter"]);
    tmux.wait_for("a question", on_question);
    tmux.send(&["C-c"]);
    tmux.wait_exit(2);
    tmux.assert_restored(2);
}

/// `--answers FILE` with a complete golden case opens at the review; Enter shows the case's overall
/// severity in the banner, assessed as of the file's `[meta] as_of` (no `--as-of` given: the contract
/// says flags override `[meta]`, so `[meta]` holds otherwise). One case per severity.
#[test]
fn answers_file_opens_at_the_review_and_shows_the_case_result() {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let tmux = Pane::start("answers");
    let cases = [
        "01-permanent-all-green",
        "02-engineer-renewal-due",
        "03-engineer-unpaid-premiums",
        "04-student-under-20-old-card",
    ];
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    for (n, case) in cases.into_iter().enumerate() {
        let crate::support::content::GoldenCase {
            answers_text,
            overall,
            as_of,
            ..
        } = golden_case(case);
        seen.insert(overall.clone());
        let file = tmux.write_file(&format!("{case}.toml"), &answers_text);
        let json = eval_json(&file, tmux.dir.path());
        let file = shell_quote(&file.display().to_string());
        tmux.run_kouteki("", &format!("--no-save --lang en --answers {file}"));
        tmux.wait_for(&format!("the review of {case}"), |s| {
            is_review(s) && s.contains("▶ Show results")
        });
        tmux.send(&["Enter"]);
        let screen = tmux.wait_for(&format!("the result of {case}"), |s| {
            crate::support::screen::shows_findings(s)
        });
        let want = banner(&overall);
        if !screen.lines().any(|l| l.trim() == want) {
            wrong.push(format!(
                "{case} (as_of {as_of}): the banner should read {want:?}:\n{screen}"
            ));
        }
        // "About this result", the last entry of the list, tells the evaluation date. The list may
        // scroll, so count its entries from the report: findings, upcoming changes, the timeline and
        // the documents when there are any.
        let count = |key: &str| json[key].as_array().map_or(0, Vec::len);
        let entries = count("findings")
            + count("upcoming")
            + usize::from(count("timeline") > 0)
            + usize::from(count("documents") > 0);
        tmux.send(&vec!["Down"; entries]);
        let screen = tmux.wait_for(&format!("About this result of {case}"), |s| {
            crate::support::screen::findings_rows(s)
                .iter()
                .any(|r| r.contains('▶') && r.contains("About this result"))
                && s.contains("Assessed as of")
        });
        let shown = screen
            .split_once("Assessed as of ")
            .map(|(_, rest)| rest.chars().take(10).collect::<String>())
            .unwrap_or_default();
        if shown != as_of {
            wrong.push(format!(
                "{case}: assessed as of {shown}, but the file's [meta] as_of is {as_of}"
            ));
        }
        tmux.send(&["C-c"]);
        tmux.wait_exit(n + 1);
    }
    assert_eq!(seen.len(), 4, "one case per severity: {seen:?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Without color (NO_COLOR=1, or --no-color) the result has no color codes but keeps every symbol.
#[test]
fn no_color_result_keeps_the_symbols() {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let tmux = Pane::start("nocolor");
    let fixture = Path::new(MANIFEST_DIR).join(INTERVIEW_ANSWERS);
    let fixture = shell_quote(&fixture.display().to_string());
    let runs = [
        ("NO_COLOR=1 ", "--no-save --lang en".to_string()),
        ("", "--no-save --no-color --lang en".to_string()),
    ];
    for (n, (env, args)) in runs.into_iter().enumerate() {
        tmux.run_kouteki(env, &format!("{args} --answers {fixture}"));
        tmux.wait_for("the review", |s| {
            is_review(s) && s.contains("▶ Show results")
        });
        tmux.send(&["Enter"]);
        let screen = tmux.wait_for("the result", crate::support::screen::shows_findings);
        assert!(
            screen.lines().any(|l| l.trim() == banner("violation")),
            "{env}{args}: the banner:\n{screen}"
        );
        let escapes = tmux.capture_escapes();
        let (lines, sgrs) = parse_escapes(&escapes);
        let colored: Vec<&Vec<u16>> = sgrs.iter().filter(|p| sets_color(p)).collect();
        assert!(
            colored.is_empty(),
            "{env}{args}: color codes {colored:?} in:\n{escapes:?}"
        );
        let text: String = lines.iter().map(|l| line_text(l)).collect();
        for symbol in ['✖', '▲', 'ℹ', '✔'] {
            assert!(
                text.contains(symbol),
                "{env}{args}: {symbol} missing:\n{screen}"
            );
        }
        tmux.send(&["C-c"]);
        tmux.wait_exit(n + 1);
    }
}

/// The kouteki process running under the pane's shell.
fn kouteki_pid(tmux: &Tmux) -> u32 {
    let shell = tmux.display("#{pane_pid}");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let out = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep runs");
        if let Some(pid) = String::from_utf8_lossy(&out.stdout).lines().next() {
            return pid.trim().parse().expect("a pid");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "kouteki did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_gone(pid: u32) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "kouteki (pid {pid}) is still running"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_restores_the_terminal_and_a_closed_terminal_ends_the_program() {
    let Some(_serial) = setup(&["tmux"]) else {
        return;
    };
    let tmux = Pane::start("signals");
    tmux.run_kouteki("", "--no-save --lang en");
    tmux.wait_for("the welcome screen", |s| s.contains("Start the check"));
    let pid = kouteki_pid(&tmux);
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    tmux.wait_exit(1);
    tmux.assert_restored(1);

    // Closing the terminal (the tmux server goes away) must end the program, not leave it spinning.
    tmux.run_kouteki("", "--no-save --lang en");
    tmux.wait_for("the welcome screen again", |s| {
        s.contains("Start the check")
    });
    let pid = kouteki_pid(&tmux);
    drop(tmux);
    wait_gone(pid);
}
