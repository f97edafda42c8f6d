//! One question on screen: section and progress, the question, its options or input field with the
//! validation message, and the help panel ("why we ask", "where to find this").

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::super::app::App;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::content::{QuestionIdx, QuestionKind};
use kouteki_core::i18n;
use kouteki_core::lang::Lang;

/// Draws question `q`.
pub fn draw(app: &App, frame: &mut Frame, area: Rect, q: QuestionIdx) {
    let [progress, gauge, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    draw_progress(app, frame, progress, gauge, q);
    let (main, help) = if body.width >= 100 {
        let [main, help] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .spacing(1)
                .areas(body);
        (main, help)
    } else {
        let help_height = (body.height / 3).max(5);
        let [main, help] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(help_height)]).areas(body);
        (main, help)
    };
    draw_main(app, frame, main, q);
    draw_help(app, frame, help, q);
}

fn draw_progress(app: &App, frame: &mut Frame, label_area: Rect, gauge_area: Rect, q: QuestionIdx) {
    let lang = app.lang;
    let content = app.content();
    let path = app.interview.path();
    let mut sections: Vec<usize> = path.iter().map(|p| content.questions[*p].section).collect();
    sections.dedup();
    let section = content.questions[q].section;
    let section_pos = sections.iter().position(|s| *s == section).unwrap_or(0) + 1;
    let (done, total) = app.interview.progress();
    let label = format!(
        "{} {section_pos} {} {} · {}   {} {} {} {total}",
        w::SECTION.get(lang),
        w::OF.get(lang),
        sections.len(),
        content.sections[section].title.get(lang),
        w::QUESTION.get(lang),
        done + 1,
        w::OF.get(lang),
    );
    frame.render_widget(
        Paragraph::new(Span::styled(label, app.theme.heading())),
        label_area,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    let gauge = Gauge::default()
        .ratio(ratio.clamp(0.0, 1.0))
        .label("")
        .gauge_style(app.theme.severity(kouteki_core::severity::Severity::Info));
    frame.render_widget(gauge, gauge_area);
}

fn draw_main(app: &App, frame: &mut Frame, area: Rect, q: QuestionIdx) {
    let lang = app.lang;
    let theme = app.theme;
    let question = &app.content().questions[q];
    let mut lines = wrap(question.text.get(lang), area.width, "", "", theme.heading());
    lines.push(Line::default());
    let options = option_labels(app, q);
    for (i, label) in options.iter().enumerate() {
        let selected = i == app.field.cursor;
        let mark = match &question.kind {
            QuestionKind::MultiChoice { .. }
                if app.field.ticked.get(i).copied().unwrap_or(false) =>
            {
                "[x]"
            }
            QuestionKind::MultiChoice { .. } => "[ ]",
            _ if selected => "(•)",
            _ => "( )",
        };
        let first = format!("{} {mark} ", if selected { "▶" } else { " " });
        let style = if selected {
            theme.selected()
        } else {
            Style::new()
        };
        if selected {
            frame.set_cursor_position((area.x, area.y + lines.len() as u16));
        }
        lines.extend(wrap(label, area.width, &first, "      ", style));
    }
    if matches!(question.kind, QuestionKind::MultiChoice { .. }) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            w::MULTI_HINT.get(lang),
            theme.dim(),
        )));
    }
    if options.is_empty() {
        draw_field(app, &mut lines, area, frame, q);
    }
    if let Some(error) = &app.field.error {
        lines.push(Line::default());
        lines.extend(wrap(
            &format!("✖ {}", error.message(lang)),
            area.width,
            "",
            "  ",
            theme.error(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_field(
    app: &App,
    lines: &mut Vec<Line<'static>>,
    area: Rect,
    frame: &mut Frame,
    q: QuestionIdx,
) {
    let question = &app.content().questions[q];
    let unit = match &question.kind {
        QuestionKind::Number {
            unit: Some(unit), ..
        } => format!(" {}", unit.get(app.lang)),
        _ => String::new(),
    };
    let prompt = "› ";
    let row = area.y + lines.len() as u16;
    let text_width = unicode_width::UnicodeWidthStr::width(app.field.text.as_str()) as u16;
    frame.set_cursor_position((area.x + 2 + text_width, row));
    lines.push(Line::from(vec![
        Span::styled(prompt, app.theme.key()),
        Span::styled(app.field.text.clone(), app.theme.selected()),
        Span::raw("▏"),
        Span::styled(unit, app.theme.dim()),
    ]));
    if matches!(question.kind, QuestionKind::Date) {
        lines.push(Line::from(Span::styled(
            w::DATE_HINT.get(app.lang),
            app.theme.dim(),
        )));
    }
    if let QuestionKind::Number { min, max, .. } = question.kind {
        let range = match app.lang {
            Lang::En => format!("{min} – {max}"),
            Lang::Ja => format!("{min}〜{max}"),
        };
        lines.push(Line::from(Span::styled(range, app.theme.dim())));
    }
}

/// The options shown for a question, in display order (yes/no has two).
pub fn option_labels(app: &App, q: QuestionIdx) -> Vec<String> {
    let question = &app.content().questions[q];
    match &question.kind {
        QuestionKind::YesNo => vec![
            i18n::YES.get(app.lang).to_string(),
            i18n::NO.get(app.lang).to_string(),
        ],
        _ => question
            .choices()
            .iter()
            .map(|c| c.label.get(app.lang).to_string())
            .collect(),
    }
}

fn draw_help(app: &App, frame: &mut Frame, area: Rect, q: QuestionIdx) {
    let question = &app.content().questions[q];
    let block = Block::bordered().border_style(app.theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(Span::styled(
        w::WHY_WE_ASK.get(app.lang),
        app.theme.heading(),
    ))];
    lines.extend(wrap(
        question.why.get(app.lang),
        inner.width,
        "",
        "",
        Style::new(),
    ));
    if let Some(where_to_find) = &question.where_to_find {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            w::WHERE_TO_FIND.get(app.lang),
            app.theme.heading(),
        )));
        lines.extend(wrap(
            where_to_find.get(app.lang),
            inner.width,
            "",
            "",
            Style::new(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
