//! The review: every answer on the path taken, grouped by section, with "Show results" first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::viewer::Viewer;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::report::answer_text;

/// Draws the review.
pub fn draw(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect, cursor: usize) {
    let lang = viewer.lang;
    let theme = viewer.theme;
    let content = app.content();
    let mut lines = vec![Line::from(Span::styled(
        w::REVIEW.get(lang),
        theme.heading(),
    ))];
    lines.push(Line::from(Span::styled(
        w::REVIEW_HINT.get(lang),
        theme.dim(),
    )));
    lines.push(Line::default());
    let mut selected_line = 0;
    let results_style = if cursor == 0 {
        theme.selected()
    } else {
        theme.key()
    };
    if cursor == 0 {
        selected_line = lines.len();
    }
    lines.push(Line::from(Span::styled(
        format!(
            "{} {}",
            if cursor == 0 { "▶" } else { " " },
            w::SHOW_RESULTS.get(lang)
        ),
        results_style,
    )));
    let mut section = None;
    for (row, q) in app.interview().path().into_iter().enumerate() {
        let question = &content.questions[q];
        if section != Some(question.section) {
            section = Some(question.section);
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                content.sections[question.section]
                    .title
                    .get(lang)
                    .to_string(),
                theme.heading(),
            )));
        }
        let answer = app
            .interview()
            .answer(q)
            .map(|v| answer_text(v, content, q, lang))
            .unwrap_or_else(|| "—".into());
        let selected = cursor == row + 1;
        if selected {
            selected_line = lines.len();
        }
        let style = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        let text = format!("{}  → {answer}", question.text.get(lang));
        lines.extend(wrap(
            &text,
            area.width,
            if selected { "▶ " } else { "  " },
            "    ",
            style,
        ));
    }
    let height = usize::from(area.height);
    let scroll = selected_line.saturating_sub(height.saturating_sub(3));
    let cursor_row = selected_line.saturating_sub(scroll);
    frame.set_cursor_position((
        area.x,
        area.y + cursor_row.min(height.saturating_sub(1)) as u16,
    ));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), area);
}
