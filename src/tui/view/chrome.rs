//! The header line and the key hint bar, on every screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Screen};
use crate::strings::tui as w;
use kouteki_core::i18n::Text2;
use kouteki_core::interview::Step;
use kouteki_core::lang::Lang;

/// The title on the left, the language on the right.
pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let lang = match app.lang {
        Lang::En => "EN",
        Lang::Ja => "日本語",
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", w::TITLE.get(app.lang)),
            app.theme.heading(),
        )),
        area,
    );
    frame.render_widget(
        Paragraph::new(format!("[{lang}] ")).alignment(Alignment::Right),
        area,
    );
}

/// The keys that work on this screen, in one line.
pub fn hints(app: &App, frame: &mut Frame, area: Rect) {
    let mut keys: Vec<(&str, Text2)> = vec![("↑↓", w::HINT_MOVE), ("Enter", w::HINT_CONFIRM)];
    match (app.screen, app.interview.step()) {
        (Screen::Welcome, _) => {}
        (Screen::Interview, Step::Question(q)) => {
            if matches!(
                app.content().questions[q].kind,
                kouteki_core::content::QuestionKind::MultiChoice { .. }
            ) {
                keys.push(("Space", w::HINT_TOGGLE));
            }
            keys.push(("←", w::HINT_BACK));
        }
        (Screen::Interview, Step::Review) => keys.push(("←", w::HINT_BACK)),
        (Screen::Result, _) => {
            keys = vec![
                ("↑↓", w::HINT_MOVE),
                ("Tab", w::HINT_PANE),
                ("s", w::HINT_SAVE),
                ("c", w::HINT_CHANGE),
                ("r", w::HINT_RESTART),
            ];
        }
    }
    if app.in_text_field() {
        keys.extend([("F1", w::HINT_HELP), ("Esc", w::HINT_QUIT)]);
    } else {
        keys.extend([
            ("L", w::HINT_LANG),
            ("?", w::HINT_HELP),
            ("q", w::HINT_QUIT),
        ]);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in keys {
        spans.push(Span::styled(key, app.theme.key()));
        spans.push(Span::styled(
            format!(" {}  ", label.get(app.lang)),
            app.theme.dim(),
        ));
    }
    let line = match &app.notice {
        Some(notice) => Line::from(Span::styled(format!(" {notice}"), app.theme.heading())),
        None => Line::from(spans),
    };
    frame.render_widget(Paragraph::new(line), area);
}
