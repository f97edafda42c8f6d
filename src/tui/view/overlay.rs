//! Windows over the screen (help, quit confirmation) and the "please enlarge" message.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::super::app::{App, Overlay, Privacy};
use super::text::wrap;
use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::strings::tui as w;
use kouteki_core::lang::Lang;

/// Draws the open overlay, if any.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    match app.overlay {
        Overlay::None => {}
        Overlay::Help => help(app, frame, area),
        Overlay::ConfirmQuit => confirm_quit(app, frame, area),
        Overlay::RecordConsent => record_consent(app, frame, area),
    }
}

fn record_consent(app: &App, frame: &mut Frame, area: Rect) {
    dialog(
        app,
        frame,
        centered(area, 60, 8),
        app.theme.key(),
        w::RECORD_CONSENT.get(app.lang),
    );
}

/// A bordered box with wrapped text over the screen.
fn dialog(app: &App, frame: &mut Frame, rect: Rect, border: ratatui::style::Style, text: &str) {
    frame.render_widget(Clear, rect);
    let block = Block::bordered().border_style(border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Paragraph::new(wrap(text, inner.width, "", "", app.theme.heading())),
        inner,
    );
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

const KEYS: [(&str, &str, &str); 12] = [
    ("↑ ↓  k j", "Move", "移動"),
    ("Enter  →", "Confirm", "決定"),
    (
        "← b  Backspace",
        "Back (outside a text field)",
        "戻る(入力欄の外)",
    ),
    (
        "Space",
        "Tick an option (multi choice)",
        "選択/解除(複数選択)",
    ),
    ("Tab", "Switch panes (result)", "表示の切替(結果画面)"),
    ("L", "English / 日本語", "English / 日本語"),
    ("? F1", "This help", "このヘルプ"),
    ("s", "Save the report (result)", "レポートを保存(結果画面)"),
    ("c", "Change answers (result)", "回答を変更(結果画面)"),
    ("r", "Restart (result)", "やり直す(結果画面)"),
    ("q Esc", "Quit (asks first)", "終了(確認あり)"),
    ("Ctrl-C", "Quit at once", "すぐに終了"),
];

fn help(app: &App, frame: &mut Frame, area: Rect) {
    let rect = centered(area, 64, 20);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", w::HELP.get(app.lang)),
        app.theme.heading(),
    ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|(keys, en, ja)| {
            let label = if app.lang == Lang::Ja { *ja } else { *en };
            Line::from(vec![
                Span::styled(format!("{keys:<16}"), app.theme.key()),
                Span::raw(label),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.extend(wrap(
        w::HELP_FIELDS.get(app.lang),
        inner.width,
        "",
        "",
        app.theme.dim(),
    ));
    lines.push(Line::from(Span::styled(
        w::HELP_CLOSE.get(app.lang),
        app.theme.dim(),
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn confirm_quit(app: &App, frame: &mut Frame, area: Rect) {
    let text = if app.privacy == Privacy::Local {
        w::CONFIRM_QUIT
    } else {
        w::CONFIRM_QUIT_NO_SAVE
    };
    dialog(
        app,
        frame,
        centered(area, 56, 5),
        app.theme.error(),
        text.get(app.lang),
    );
}

/// Replaces the screen when the terminal is below the minimum size; safe down to 1×1.
pub fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let message = format!(
        "{} ({MIN_WIDTH}×{MIN_HEIGHT}; {}×{})",
        w::TOO_SMALL.get(app.lang),
        area.width,
        area.height
    );
    let lines = wrap(&message, area.width.max(1), "", "", app.theme.heading());
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}
