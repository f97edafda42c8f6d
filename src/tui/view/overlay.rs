//! Windows over the screen (help, quit confirmation) and the "please enlarge" message.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::super::app::{App, Overlay, Storage};
use super::super::keymap;
use super::super::viewer::{Person, Viewer};
use super::lines::Lines;
use super::text::{tail, wrap};
use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::strings::tui as w;

/// Draws what is over the screen, topmost last: the client's dialog, a request to join (the
/// client's), the viewer's own note field, and their help.
pub fn draw(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    match app.overlay() {
        None => {}
        Some(Overlay::ConfirmQuit) => confirm_quit(app, viewer, frame, area),
        Some(Overlay::RecordConsent) => record_consent(viewer, frame, area),
        Some(Overlay::ResumeOffer) => {
            let code = app.consultation().kept.as_deref().unwrap_or_default();
            let text = w::RESUME_OFFER.get(viewer.lang).replace("{code}", code);
            dialog(viewer, frame, (area, 56), viewer.theme.key(), &text);
        }
    }
    let asking = app.consultation().asking.as_ref();
    if let Some(name) = asking.filter(|_| viewer.person == Person::Client) {
        let text = w::join_request(name, viewer.lang);
        dialog(viewer, frame, (area, 64), viewer.theme.key(), &text);
    }
    if let Some(note) = &viewer.note {
        note_field(note, viewer, frame, area);
    }
    if viewer.help {
        help(app, viewer, frame, area);
    }
}

/// The consultant's one-line note field, at the bottom over the hint bar.
fn note_field(note: &str, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let height = 4.min(area.height);
    let rect = Rect {
        y: area.y + area.height - height,
        height,
        ..area
    };
    clear(frame, rect);
    let block = Block::bordered().border_style(viewer.theme.key());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label = Line::from(Span::styled(
        w::NOTE_FIELD.get(viewer.lang),
        viewer.theme.heading(),
    ));
    let shown = tail(note, usize::from(inner.width.saturating_sub(1)));
    let cursor_x = inner.x + unicode_width::UnicodeWidthStr::width(shown) as u16;
    frame.render_widget(Lines::new(vec![label, Line::from(shown)]), inner);
    frame.set_cursor_position((cursor_x.min(inner.right().saturating_sub(1)), inner.y + 1));
}

fn record_consent(viewer: &Viewer, frame: &mut Frame, area: Rect) {
    dialog(
        viewer,
        frame,
        (area, 60),
        viewer.theme.key(),
        w::RECORD_CONSENT.get(viewer.lang),
    );
}

/// Clears `rect` for a window over the screen, wide characters included: one that starts just left
/// of it would cover its left border with its second half, and one cut at its right edge would leave
/// a half behind, so those cells are blanked too.
fn clear(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    let buffer = frame.buffer_mut();
    let area = buffer.area;
    for y in rect.top()..rect.bottom() {
        if rect.x > area.x {
            let left = &mut buffer[(rect.x - 1, y)];
            if unicode_width::UnicodeWidthStr::width(left.symbol()) > 1 {
                left.set_symbol(" ");
            }
        }
        if rect.right() < area.right() {
            let right = &mut buffer[(rect.right(), y)];
            if right.symbol().is_empty() {
                right.set_symbol(" ");
            }
        }
    }
}

/// A bordered box with wrapped text over the screen, centred, `width` wide (at most the screen's)
/// and as tall as its text.
fn dialog(
    viewer: &Viewer,
    frame: &mut Frame,
    (area, width): (Rect, u16),
    border: ratatui::style::Style,
    text: &str,
) {
    let inner_width = width.min(area.width).saturating_sub(2);
    let rows = wrap(text, inner_width, "", "", viewer.theme.heading()).len() as u16;
    let rect = centered(area, width, rows + 2);
    clear(frame, rect);
    let block = Block::bordered().border_style(border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Lines::new(wrap(text, inner.width, "", "", viewer.theme.heading())),
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

/// The keys of the screen under it, each label wrapped beside its keys.
fn help(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    const KEYS: u16 = 16;
    let width = 64.min(area.width);
    let inner_width = width.saturating_sub(2);
    let context = keymap::screen_context(app, viewer);
    let mut lines: Vec<Line> = Vec::new();
    for line in keymap::help_lines(context, viewer.person) {
        let label = line.label.get(viewer.lang);
        let mut wrapped = wrap(
            label,
            inner_width.saturating_sub(KEYS),
            "",
            "",
            ratatui::style::Style::new(),
        );
        for (n, row) in wrapped.iter_mut().enumerate() {
            let keys = if n == 0 { line.keys } else { "" };
            row.spans
                .insert(0, Span::styled(format!("{keys:<16}"), viewer.theme.key()));
        }
        lines.extend(wrapped);
    }
    lines.push(Line::default());
    lines.extend(wrap(
        w::HELP_FIELDS.get(viewer.lang),
        inner_width,
        "",
        "",
        viewer.theme.dim(),
    ));
    // "Press any key to close" is the line that must not be cut: it goes last, always shown.
    let close = Line::from(Span::styled(
        w::HELP_CLOSE.get(viewer.lang),
        viewer.theme.dim(),
    ));
    let rect = centered(area, width, lines.len() as u16 + 3);
    clear(frame, rect);
    let block = Block::bordered().title(Span::styled(
        format!(" {} ", w::HELP.get(viewer.lang)),
        viewer.theme.heading(),
    ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    lines.truncate(usize::from(inner.height.saturating_sub(1)));
    lines.push(close);
    frame.render_widget(Lines::new(lines), inner);
}

fn confirm_quit(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    // Before the first answer, "your answers will be lost" would warn of nothing.
    let text = if app.interview().answers().answered().next().is_none() {
        w::CONFIRM_QUIT_NOTHING_YET
    } else if matches!(app.storage(), Storage::Draft { .. }) {
        w::CONFIRM_QUIT
    } else {
        w::CONFIRM_QUIT_NO_SAVE
    };
    dialog(
        viewer,
        frame,
        (area, 56),
        viewer.theme.error(),
        text.get(viewer.lang),
    );
}

/// Replaces the screen when the terminal is below the minimum size; safe down to 1×1.
pub fn too_small(viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let message = format!(
        "{} ({MIN_WIDTH}×{MIN_HEIGHT}; {}×{})",
        w::TOO_SMALL.get(viewer.lang),
        area.width,
        area.height
    );
    let lines = wrap(&message, area.width.max(1), "", "", viewer.theme.heading());
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    frame.render_widget(Lines::new(lines).alignment(Alignment::Center), rect);
}
