//! The review: every answer on the path taken, grouped by section, with "Show results" first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::viewer::Viewer;
use super::lines::Lines;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::discussion::Mark;
use kouteki_core::report::answer_text;

/// Draws the review.
pub fn draw(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect, cursor: usize) {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = vec![
        Line::from(Span::styled(w::REVIEW.get(lang), theme.heading())),
        Line::from(Span::styled(w::REVIEW_HINT.get(lang), theme.dim())),
        Line::default(),
    ];
    let mut selected_line = lines.len();
    let results_style = if cursor == 0 {
        theme.selected()
    } else {
        theme.key()
    };
    lines.push(Line::from(Span::styled(
        format!(
            "{} {}",
            if cursor == 0 { "▶" } else { " " },
            w::SHOW_RESULTS.get(lang)
        ),
        results_style,
    )));
    let content = app.content();
    let mut section = None;
    for (row, q) in app.interview().path().into_iter().enumerate() {
        let question = &content.questions[q];
        if section != Some(question.section) {
            section = Some(question.section);
            lines.push(Line::default());
            let title = content.sections[question.section].title.get(lang);
            lines.push(Line::from(Span::styled(title.to_string(), theme.heading())));
        }
        if cursor == row + 1 {
            selected_line = lines.len();
        }
        lines.extend(answer_row(app, viewer, q, cursor == row + 1, area.width));
    }
    let height = usize::from(area.height);
    let scroll = selected_line.saturating_sub(height.saturating_sub(3));
    let cursor_row = selected_line.saturating_sub(scroll);
    frame.set_cursor_position((
        area.x,
        area.y + cursor_row.min(height.saturating_sub(1)) as u16,
    ));
    frame.render_widget(Lines::new(lines).scroll(scroll as u16), area);
}

/// One answer of the review: the question and the answer in words, marked when selected.
fn answer_row(
    app: &App,
    viewer: &Viewer,
    q: usize,
    selected: bool,
    width: u16,
) -> Vec<Line<'static>> {
    let content = app.content();
    let answer = app
        .interview()
        .answer(q)
        .map(|v| answer_text(v, content, q, viewer.lang))
        .unwrap_or_else(|| "—".into());
    let style = if selected {
        viewer.theme.selected()
    } else {
        Style::new()
    };
    let mark = Mark::Question(content.questions[q].id.to_string());
    let flag = if app.discussion().is_marked(&mark) {
        " ⚑"
    } else {
        ""
    };
    let text = format!(
        "{}  → {answer}{flag}",
        content.questions[q].text.get(viewer.lang)
    );
    wrap(
        &text,
        width,
        if selected { "▶ " } else { "  " },
        "    ",
        style,
    )
}
