//! Driving the full-screen app as a user would, on ratatui's `TestBackend`: an app and its viewer,
//! keys pressed through the one key table, the golden cases' answers typed in, the screen read back
//! as text. Shared by the app's tests (`tui`) and the screen catalogue (`screens`).

// Not every test module uses every helper.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use jiff::civil::{Date, date};
use kouteki::tui::app::{App, Progress, Storage};
use kouteki::tui::screen::Field;
use kouteki::tui::{Effect, Key, Theme, Viewer, message_for, view};
use kouteki_core::answers::{Answers, Value};
use kouteki_core::answers_file;
use kouteki_core::content::{Content, QuestionKind, embedded};
use kouteki_core::discussion::Discussion;
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::Step;
use kouteki_core::lang::Lang;
use kouteki_core::report::Report;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The evaluation date of the screens that are not a golden case's.
pub const AS_OF: Date = date(2026, 11, 27);

/// The built-in content, loaded once.
pub fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    Arc::clone(CONTENT.get_or_init(|| Arc::new(embedded::load_default().expect("valid content"))))
}

/// An app and the person looking at it, driven by keys as a user would.
#[derive(Clone)]
pub struct Ui {
    /// The app.
    pub app: App,
    /// The person looking at it.
    pub viewer: Viewer,
}

impl Ui {
    pub fn new(app: App, lang: Lang) -> Ui {
        Ui {
            app,
            viewer: Viewer::new(lang, Theme::new(true)),
        }
    }

    /// Presses a key: maps it through the one key table, then updates.
    pub fn press(&mut self, key: Key) -> Vec<Effect> {
        match message_for(&self.app, &self.viewer, key) {
            Some(message) => self.app.update(&mut self.viewer, message),
            None => vec![],
        }
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(Key::Char(c));
        }
    }

    /// The field of the question on screen.
    pub fn field(&self) -> &Field {
        self.app.question().expect("a question on screen").1
    }

    pub fn step(&self) -> Step {
        self.app.interview().step()
    }

    /// The viewer's terminal is now `width`×`height` (how far a pane scrolls depends on it).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.viewer.size = ratatui::layout::Size::new(width, height);
    }

    /// The screen at `width`×`height`, as TestBackend shows it.
    pub fn render(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal
            .draw(|frame| view(&self.app, &self.viewer, frame))
            .expect("draw");
        terminal.backend().to_string()
    }

    /// The result shown, in the viewer's language.
    pub fn report(&self) -> &Report {
        self.app
            .result()
            .expect("result")
            .reports
            .get(self.viewer.lang)
    }
}

/// Answers with nothing marked.
pub fn progress(answers: Answers) -> Progress {
    Progress {
        answers,
        discussion: Discussion::default(),
    }
}

pub fn new_app(lang: Lang) -> Ui {
    Ui::new(
        App::new(content(), AS_OF, Storage::Draft { resumable: None }),
        lang,
    )
}

/// A golden case's answers (the part before `[expect]`) and its date.
pub fn case(name: &str) -> (Answers, Date) {
    let path = format!("{}/tests/cases/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("case exists");
    let text = &text[..text.find("\n[expect]").expect("case has [expect]")];
    let file = answers_file::parse(&content(), &SourceText::new(&path, text)).expect("case parses");
    (file.answers, file.as_of.expect("case has as_of"))
}

/// Answers the question on screen with `value` using keys only.
pub fn answer_with_keys(ui: &mut Ui, value: &Value) {
    let Some(q) = ui.app.current_question() else {
        panic!("no question on screen")
    };
    let kind = content().questions[q].kind.clone();
    let target = match (&kind, value) {
        (QuestionKind::YesNo, Value::Bool(b)) => usize::from(!*b),
        (QuestionKind::Choice { .. }, Value::Choice(i)) => *i,
        (_, Value::Number(_) | Value::Date(_) | Value::Month(_)) => {
            let typed = match value {
                Value::Number(n) => n.to_string(),
                Value::Date(d) => d.to_string(),
                // A month as people type it in Japanese.
                Value::Month(m) => format!("{}年{}月", m.year(), m.month()),
                _ => unreachable!(),
            };
            while !ui.field().text.is_empty() {
                ui.press(Key::Backspace);
            }
            ui.type_text(&typed);
            ui.press(Key::Enter);
            return;
        }
        other => panic!("unexpected {other:?}"),
    };
    while ui.field().cursor > target {
        ui.press(Key::Up);
    }
    while ui.field().cursor < target {
        ui.press(Key::Down);
    }
    ui.press(Key::Enter);
}

/// Drives a new app from the welcome screen to the result with keys, answering from `answers`.
pub fn drive_to_result(lang: Lang, answers: &Answers, as_of: Date) -> Ui {
    let app = App::new(content(), as_of, Storage::Draft { resumable: None });
    let mut ui = Ui::new(app, lang);
    ui.press(Key::Enter);
    let mut guard = 0;
    while let Some(q) = ui.app.current_question() {
        let value = kouteki_core::answers::Lookup::get(answers, q)
            .unwrap_or_else(|| panic!("no answer for {}", content().questions[q].id))
            .clone();
        answer_with_keys(&mut ui, &value);
        guard += 1;
        assert!(guard < 100, "the interview does not end");
    }
    assert_eq!(ui.step(), Step::Review);
    ui.press(Key::Enter);
    assert!(ui.app.result().is_some(), "the result is shown");
    ui
}

/// The screen's rows as text, each wide character once.
pub fn rows(ui: &Ui, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| view(&ui.app, &ui.viewer, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..width {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

/// Selects the first list entry whose row says `label`.
pub fn select_entry(app: &mut Ui, label: &str) {
    for _ in 0..30 {
        let screen = app.render(120, 40);
        if screen.lines().any(|l| l.contains('▶') && l.contains(label)) {
            return;
        }
        app.press(Key::Down);
    }
    panic!("no entry {label}:\n{}", app.render(120, 40));
}
