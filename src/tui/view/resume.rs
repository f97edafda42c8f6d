//! "Resume a session": the code of a session kept after a dropped connection is typed here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::CodeEntry;
use super::super::consultation::ResumeFailure;
use super::super::viewer::Viewer;
use super::lines::Lines;
use super::text::wrap;
use crate::strings::tui as w;

/// Draws the resume screen.
pub fn draw(entry: &CodeEntry, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(w::RESUME_TITLE.get(lang), theme.heading())),
        Line::default(),
    ];
    lines.extend(wrap(
        w::RESUME_INTRO.get(lang),
        area.width,
        "",
        "",
        Style::new(),
    ));
    lines.push(Line::default());
    let field = format!("{} {}", w::SESSION_CODE.get(lang), entry.typed);
    let row = lines.len() as u16;
    lines.push(Line::from(Span::styled(field.clone(), theme.selected())));
    lines.push(Line::default());
    if let Some(failure) = &entry.failure {
        let told = match failure {
            ResumeFailure::NoSuchSession => w::RESUME_WRONG.get(lang).to_string(),
            ResumeFailure::Elsewhere(server) => w::resume_elsewhere(server, lang),
        };
        lines.extend(wrap(&told, area.width, "", "", theme.error()));
    } else if entry.waiting {
        lines.push(Line::from(Span::styled(
            w::RESUME_WAITING.get(lang),
            theme.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        w::RESUME_KEYS.get(lang),
        theme.dim(),
    )));
    let x = area.x + unicode_width::UnicodeWidthStr::width(field.as_str()) as u16;
    if x < area.right() {
        frame.set_cursor_position((x, area.y + row));
    }
    frame.render_widget(Lines::new(lines), area);
}
