//! One question on screen: section and progress, the question, its options or input field with the
//! validation message, and the help panel ("why we ask", "where to find this").

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::super::app::App;
use super::super::screen::Field;
use super::super::viewer::Viewer;
use super::lines::Lines;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::content::{QuestionIdx, QuestionKind};
use kouteki_core::discussion::Mark;
use kouteki_core::i18n;
use kouteki_core::lang::Lang;

/// Draws the question on screen.
pub fn draw(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let Some((q, field)) = app.question() else {
        return;
    };
    let [progress, gauge, _, _] = rows(area);
    draw_progress(app, viewer, frame, progress, gauge, q);
    let laid = lay_out(app, viewer, area, (q, field));
    draw_main(viewer, frame, laid.main, laid.main_lines);
    draw_help(viewer, frame, (laid.help, laid.help_lines), q);
}

/// The progress label, its gauge, a blank row, and the body.
fn rows(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area)
}

/// Where the question and its help box go, with their lines wrapped to where they go.
struct Laid {
    main: Rect,
    main_lines: MainLines,
    help: Rect,
    help_lines: Vec<Line<'static>>,
}

/// Under the progress rows, the question and its help box: side by side from 100 columns; below
/// that the help box under the question, with the rows the question does not need (at least 5,
/// at most what it holds). Each text is wrapped once, at the width it is drawn at.
fn lay_out(app: &App, viewer: &Viewer, area: Rect, (q, field): (QuestionIdx, &Field)) -> Laid {
    let [_, _, _, body] = rows(area);
    let inner_width = |help: Rect| help_block(viewer).inner(help).width;
    if super::side_by_side(body) {
        let [main, help] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .spacing(1)
                .areas(body);
        return Laid {
            main,
            main_lines: main_lines(app, viewer, (q, field), main.width),
            help,
            help_lines: help_lines(app, viewer, q, inner_width(help)),
        };
    }
    // Stacked, both are as wide as the body (the help box less its borders).
    let main_lines = main_lines(app, viewer, (q, field), body.width);
    let help_lines = help_lines(app, viewer, q, inner_width(body));
    let needed = main_lines.lines.len() as u16;
    let holds = help_lines.len() as u16 + 2;
    let help_height = body.height.saturating_sub(needed + 1).min(holds).max(5);
    let [main, help] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(help_height)]).areas(body);
    Laid {
        main,
        main_lines,
        help,
        help_lines,
    }
}

/// How far the help box of question `q` can scroll in `area`, and a page of it.
pub fn help_extent(
    app: &App,
    viewer: &Viewer,
    area: Rect,
    (q, field): (QuestionIdx, &Field),
) -> (u16, u16) {
    let laid = lay_out(app, viewer, area, (q, field));
    let inner = help_block(viewer).inner(laid.help);
    (
        (laid.help_lines.len() as u16).saturating_sub(inner.height),
        inner.height.saturating_sub(1).max(1),
    )
}

fn draw_progress(
    app: &App,
    viewer: &Viewer,
    frame: &mut Frame,
    label_area: Rect,
    gauge_area: Rect,
    q: QuestionIdx,
) {
    let lang = viewer.lang;
    let content = app.content();
    let path = app.interview().path();
    let mut sections: Vec<usize> = path.iter().map(|p| content.questions[*p].section).collect();
    sections.dedup();
    let section = content.questions[q].section;
    let section_pos = sections.iter().position(|s| *s == section).unwrap_or(0) + 1;
    let (done, total) = app.interview().progress();
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
        Lines::new(Span::styled(label, viewer.theme.heading())),
        label_area,
    );
    let bar = progress_bar(done, total, gauge_area.width);
    let style = viewer
        .theme
        .severity(kouteki_core::severity::Severity::Info);
    frame.render_widget(
        Lines::new(Line::from(vec![
            Span::styled(bar.0, style),
            Span::styled(bar.1, viewer.theme.dim()),
        ])),
        gauge_area,
    );
}

/// The progress bar as its filled and its unfilled part, `width` columns in all. Drawn by hand
/// rather than with ratatui's `Gauge`, which leaves a blank cell at the centre for its (here
/// empty) label: a gap in the bar on a monochrome terminal. The unfilled part is a light shade
/// so the bar's whole length shows without colour.
fn progress_bar(done: usize, total: usize, width: u16) -> (String, String) {
    let width = usize::from(width);
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    ("█".repeat(filled), "░".repeat(width - filled))
}

/// The question's lines: its text, its options or field, the multi-choice hint and the error.
struct MainLines {
    lines: Vec<Line<'static>>,
    /// Lines above the options (they stay when the options scroll).
    header: usize,
    /// The selected option's row, for a question with options.
    cursor_row: Option<usize>,
    /// The typed field's row and the column after its text, for a typed question.
    field_at: Option<(usize, u16)>,
}

fn main_lines(
    app: &App,
    viewer: &Viewer,
    (q, field): (QuestionIdx, &Field),
    width: u16,
) -> MainLines {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let question = &app.content().questions[q];
    let mut lines = wrap(question.text.get(lang), width, "", "", theme.heading());
    if app
        .discussion()
        .is_marked(&Mark::Question(question.id.to_string()))
    {
        let marked = format!("⚑ {}", w::MARKED.get(lang));
        lines.push(Line::from(Span::styled(marked, theme.key())));
    }
    lines.push(Line::default());
    let options = option_labels(app, viewer.lang, q);
    let header = lines.len();
    let (mut cursor_row, mut field_at) = (None, None);
    if options.is_empty() {
        field_at = Some(field_lines(app, viewer, (q, field), &mut lines));
    } else {
        let row = option_lines(&question.kind, field, &options, viewer, width, &mut lines);
        cursor_row = Some(usize::from(row));
    }
    if matches!(question.kind, QuestionKind::MultiChoice { .. }) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            w::MULTI_HINT.get(lang),
            theme.dim(),
        )));
    }
    if let Some(error) = &field.error {
        lines.push(Line::default());
        lines.extend(wrap(
            &format!("✖ {}", error.message(lang)),
            width,
            "",
            "  ",
            theme.error(),
        ));
    }
    MainLines {
        lines,
        header,
        cursor_row,
        field_at,
    }
}

fn draw_main(viewer: &Viewer, frame: &mut Frame, area: Rect, main: MainLines) {
    if let Some((row, column)) = main.field_at {
        frame.set_cursor_position((area.x + column, area.y + row as u16));
    }
    match main.cursor_row {
        Some(row) => draw_scrolled(frame, area, (main.lines, main.header), row, viewer),
        None => frame.render_widget(Lines::new(main.lines), area),
    }
}

/// Draws a question whose options may not fit: the question stays at the top and the options
/// scroll to keep the selected one in sight, with "↑ 3 more" / "↓ 3 more" where lines are hidden.
fn draw_scrolled(
    frame: &mut Frame,
    area: Rect,
    (mut lines, header): (Vec<Line<'static>>, usize),
    cursor: usize,
    viewer: &Viewer,
) {
    let height = usize::from(area.height);
    if lines.len() <= height || header + 3 > height {
        frame.set_cursor_position((area.x, area.y + cursor as u16));
        frame.render_widget(Lines::new(lines), area);
        return;
    }
    let body = lines.split_off(header);
    // Rows for the options, less one for each marker shown.
    let room = height - header - 2;
    let first = (cursor - header)
        .saturating_sub(room.saturating_sub(1))
        .min(body.len() - room);
    let above = first;
    let below = body.len() - first - room;
    let more = |n: usize, arrow: &str| {
        let text = if n == 0 {
            String::new()
        } else {
            w::more_lines(arrow, n, viewer.lang)
        };
        Line::from(Span::styled(text, viewer.theme.dim()))
    };
    lines.push(more(above, "↑"));
    lines.extend(body.into_iter().skip(first).take(room));
    lines.push(more(below, "↓"));
    let row = header + 1 + (cursor - header - first);
    frame.set_cursor_position((area.x, area.y + row as u16));
    frame.render_widget(Lines::new(lines), area);
}

/// Adds the options, marked (▶, (•), [x]) as well as styled; returns the selected option's row.
fn option_lines(
    kind: &QuestionKind,
    field: &Field,
    options: &[String],
    viewer: &Viewer,
    width: u16,
    lines: &mut Vec<Line<'static>>,
) -> u16 {
    let mut cursor_row = 0;
    for (i, label) in options.iter().enumerate() {
        let selected = i == field.cursor;
        let mark = match kind {
            QuestionKind::MultiChoice { .. } if field.ticked.get(i).copied().unwrap_or(false) => {
                "[x]"
            }
            QuestionKind::MultiChoice { .. } => "[ ]",
            _ if selected => "(•)",
            _ => "( )",
        };
        let first = format!("{} {mark} ", if selected { "▶" } else { " " });
        let style = if selected {
            cursor_row = lines.len() as u16;
            viewer.theme.selected()
        } else {
            Style::new()
        };
        lines.extend(wrap(label, width, &first, "      ", style));
    }
    cursor_row
}

/// Adds the typed field (with its unit) and its range hint; returns the field's row and the column
/// after its text, where the cursor goes.
fn field_lines(
    app: &App,
    viewer: &Viewer,
    (q, field): (QuestionIdx, &Field),
    lines: &mut Vec<Line<'static>>,
) -> (usize, u16) {
    let question = &app.content().questions[q];
    let unit = match &question.kind {
        QuestionKind::Number {
            unit: Some(unit), ..
        } => format!(" {}", unit.get(viewer.lang)),
        _ => String::new(),
    };
    let prompt = "› ";
    let row = lines.len();
    let text_width = unicode_width::UnicodeWidthStr::width(field.text.as_str()) as u16;
    lines.push(Line::from(vec![
        Span::styled(prompt, viewer.theme.key()),
        Span::styled(field.text.clone(), viewer.theme.selected()),
        Span::raw("▏"),
        Span::styled(unit, viewer.theme.dim()),
    ]));
    if matches!(question.kind, QuestionKind::Date) {
        lines.push(Line::from(Span::styled(
            w::DATE_HINT.get(viewer.lang),
            viewer.theme.dim(),
        )));
    }
    if matches!(question.kind, QuestionKind::Month) {
        let hint = w::month_hint(app.interview().latest_month(), viewer.lang);
        lines.push(Line::from(Span::styled(hint, viewer.theme.dim())));
    }
    if let QuestionKind::Number { min, max, .. } = question.kind {
        let range = w::number_range(min, max, viewer.lang);
        lines.push(Line::from(Span::styled(range, viewer.theme.dim())));
    }
    (row, 2 + text_width)
}

/// The options shown for a question, in display order (yes/no has two).
pub fn option_labels(app: &App, lang: Lang, q: QuestionIdx) -> Vec<String> {
    let question = &app.content().questions[q];
    match &question.kind {
        QuestionKind::YesNo => vec![
            i18n::YES.get(lang).to_string(),
            i18n::NO.get(lang).to_string(),
        ],
        _ => question
            .choices()
            .iter()
            .map(|c| c.label.get(lang).to_string())
            .collect(),
    }
}

fn help_block(viewer: &Viewer) -> Block<'static> {
    Block::bordered().border_style(viewer.theme.dim())
}

/// "Why we ask" and "where to find this", wrapped to `width`.
fn help_lines(app: &App, viewer: &Viewer, q: QuestionIdx, width: u16) -> Vec<Line<'static>> {
    let question = &app.content().questions[q];
    let mut lines = vec![Line::from(Span::styled(
        w::WHY_WE_ASK.get(viewer.lang),
        viewer.theme.heading(),
    ))];
    lines.extend(wrap(
        question.why.get(viewer.lang),
        width,
        "",
        "",
        Style::new(),
    ));
    if let Some(where_to_find) = &question.where_to_find {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            w::WHERE_TO_FIND.get(viewer.lang),
            viewer.theme.heading(),
        )));
        lines.extend(wrap(
            where_to_find.get(viewer.lang),
            width,
            "",
            "",
            Style::new(),
        ));
    }
    lines
}

/// The help box, scrolled where the viewer scrolled it (PgUp/PgDn), saying in its bottom border
/// how many lines are above and below.
fn draw_help(
    viewer: &Viewer,
    frame: &mut Frame,
    (area, lines): (Rect, Vec<Line<'static>>),
    q: QuestionIdx,
) {
    let block = help_block(viewer);
    let inner = block.inner(area);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = viewer.help_box.offset(q).min(max);
    let below = max - scroll;
    let block = block.title_bottom(super::more::title(scroll, below, "PgUp/PgDn", viewer));
    frame.render_widget(block, area);
    frame.render_widget(Lines::new(lines).scroll(scroll), inner);
}

#[cfg(test)]
mod tests {
    use super::progress_bar;

    #[test]
    fn the_bar_fills_in_proportion_and_always_spans_its_width_without_a_gap() {
        let (filled, rest) = progress_bar(11, 21, 78);
        assert_eq!(filled.chars().count(), 40);
        assert_eq!(rest.chars().count(), 38);
        assert!(!filled.contains(' ') && !rest.contains(' '));
        assert_eq!(progress_bar(0, 21, 10), (String::new(), "░".repeat(10)));
        assert_eq!(progress_bar(21, 21, 10), ("█".repeat(10), String::new()));
    }

    #[test]
    fn an_empty_interview_or_a_count_past_the_total_stays_in_bounds() {
        assert_eq!(progress_bar(0, 0, 5), (String::new(), "░".repeat(5)));
        assert_eq!(progress_bar(30, 21, 5), ("█".repeat(5), String::new()));
    }
}
