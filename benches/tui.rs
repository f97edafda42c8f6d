//! Speed of the interface: a keystroke to its redrawn frame on the result screen at 200×60 (target
//! < 2 ms) and on the first question at 80×24 (what `scripts/measure_startup.py` times through a
//! pty), and building the app and drawing its first frame (the in-process part of start-up).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use kouteki::tui::app::{App, Progress, Storage};
use kouteki::tui::{Key, Theme, Viewer, message_for, view};
use kouteki_core::answers_file;
use kouteki_core::content::embedded;
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PERSONA: &str = include_str!("../tests/cases/11-other-status-everything-red.toml");

fn result_app() -> (App, Viewer) {
    let content = Arc::new(embedded::load_default().expect("valid"));
    let text = &PERSONA[..PERSONA.find("\n[expect]").expect("case")];
    let file = answers_file::parse(&content, &SourceText::new("persona", text)).expect("persona");
    let mut app =
        App::new(content, file.as_of.expect("as_of"), Storage::NoSave).with_answers(Progress {
            answers: file.answers,
            discussion: file.discussion,
        });
    let mut viewer = Viewer::new(Lang::Ja, Theme::new(true));
    let message = message_for(&app, &viewer, Key::Enter).expect("Enter shows the result");
    app.update(&mut viewer, message);
    (app, viewer)
}

/// One ↓ or ↑ (in turn) through the key table, the update and a redraw.
fn keystroke(
    app: &mut App,
    viewer: &mut Viewer,
    terminal: &mut Terminal<TestBackend>,
    down: &mut bool,
) {
    let key = if *down { Key::Down } else { Key::Up };
    *down = !*down;
    if let Some(message) = message_for(app, viewer, key) {
        black_box(app.update(viewer, message));
    }
    terminal
        .draw(|frame| view(app, viewer, frame))
        .expect("draw");
}

fn benches(c: &mut Criterion) {
    let (mut app, mut viewer) = result_app();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let mut down = true;
    c.bench_function("result screen 200x60: keystroke to redrawn frame", |b| {
        b.iter(|| keystroke(&mut app, &mut viewer, &mut terminal, &mut down));
    });
    let content = Arc::new(embedded::load_default().expect("valid"));
    let mut app = App::new(
        content,
        jiff::civil::date(2026, 11, 27),
        Storage::Draft { resumable: None },
    );
    let mut viewer = Viewer::new(Lang::En, Theme::new(true));
    let message = message_for(&app, &viewer, Key::Enter).expect("Enter starts");
    app.update(&mut viewer, message);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    c.bench_function("first question 80x24: keystroke to redrawn frame", |b| {
        b.iter(|| keystroke(&mut app, &mut viewer, &mut terminal, &mut down));
    });
    c.bench_function(
        "start: load content, build the app, draw the welcome at 80x24",
        |b| {
            b.iter(|| {
                let content = Arc::new(embedded::load_default().expect("valid"));
                let app = App::new(
                    content,
                    jiff::civil::date(2026, 11, 27),
                    Storage::Draft { resumable: None },
                );
                let viewer = Viewer::new(Lang::En, Theme::new(true));
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
                terminal
                    .draw(|frame| view(&app, &viewer, frame))
                    .expect("draw");
                black_box(terminal.backend().buffer().area);
            });
        },
    );
}

criterion_group!(tui, benches);
criterion_main!(tui);
