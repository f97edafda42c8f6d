//! The result: an overall banner, one card per area, the findings (worst first, then upcoming changes
//! and "about this result") and a detail pane for the selected entry.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{App, ResultView};
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::content::Content;
use kouteki_core::i18n as ui;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, ReportFinding, ReportUpcoming};
use kouteki_core::severity::{Area, Severity};

/// An entry of the findings list.
enum Entry<'a> {
    Finding(&'a ReportFinding),
    Upcoming(&'a ReportUpcoming),
    About,
}

/// Draws the result screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(view) = &app.result else { return };
    let report = Report::new(app.content(), &view.assessment, app.lang);
    let [banner, _, cards, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_banner(app, frame, banner, report.overall);
    draw_cards(app, frame, cards, &report);
    let entries: Vec<Entry> = report
        .findings
        .iter()
        .map(Entry::Finding)
        .chain(report.upcoming.iter().map(Entry::Upcoming))
        .chain([Entry::About])
        .collect();
    let selected = view.selected.min(entries.len() - 1);
    let (list, detail) = if body.width >= 100 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
            .spacing(1)
            .areas(body);
        (l, d)
    } else {
        let list_height = (body.height / 2).max(3);
        let [l, d] =
            Layout::vertical([Constraint::Length(list_height), Constraint::Min(1)]).areas(body);
        (l, d)
    };
    draw_list(app, frame, list, &entries, selected, &report);
    draw_detail(app, frame, detail, &entries[selected], view, app.content());
}

fn banner_text(severity: Severity) -> kouteki_core::i18n::Text2 {
    match severity {
        Severity::Ok => w::BANNER_OK,
        Severity::Info => w::BANNER_INFO,
        Severity::Caution => w::BANNER_CAUTION,
        Severity::Violation => w::BANNER_VIOLATION,
    }
}

fn draw_banner(app: &App, frame: &mut Frame, area: Rect, overall: Severity) {
    let text = format!(
        "{}  {}",
        overall.symbol(),
        banner_text(overall).get(app.lang)
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.banner(overall))
            .alignment(Alignment::Center),
        area,
    );
}

fn draw_cards(app: &App, frame: &mut Frame, area: Rect, report: &Report) {
    let columns = Layout::horizontal([Constraint::Ratio(1, 4); 4])
        .spacing(1)
        .split(area);
    for (area_kind, rect) in Area::ALL.into_iter().zip(columns.iter()) {
        let severity = report.area(area_kind);
        let count = report
            .findings
            .iter()
            .filter(|f| f.area == area_kind)
            .count();
        let style = app.theme.severity(severity);
        let block = Block::bordered().border_style(style);
        let inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        let title = wrap(
            area_kind.title().get(app.lang),
            inner.width,
            "",
            "",
            Style::new(),
        );
        let status = Line::from(vec![
            Span::styled(
                format!("{} {}", severity.symbol(), severity.label(app.lang)),
                style,
            ),
            Span::styled(format!(" ({count})"), app.theme.dim()),
        ]);
        let mut lines: Vec<Line> = vec![status];
        lines.extend(
            title
                .into_iter()
                .take(usize::from(inner.height).saturating_sub(1)),
        );
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn draw_list(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    entries: &[Entry],
    selected: usize,
    report: &Report,
) {
    let theme = app.theme;
    let focus = app.result.as_ref().is_some_and(|v| !v.detail_focus);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", ui::FINDINGS.get(app.lang)),
            theme.heading(),
        ))
        .border_style(if focus { theme.key() } else { theme.dim() });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut upcoming_heading = false;
    if report.findings.is_empty() {
        lines.push(Line::from(Span::styled(
            ui::NO_FINDINGS.get(app.lang),
            theme.severity(Severity::Ok),
        )));
    }
    for (i, entry) in entries.iter().enumerate() {
        let (symbol, style, title) = match entry {
            Entry::Finding(f) => (
                f.severity.symbol(),
                theme.severity(f.severity),
                f.title.clone(),
            ),
            Entry::Upcoming(u) => {
                if !upcoming_heading {
                    upcoming_heading = true;
                    lines.push(Line::from(Span::styled(
                        ui::UPCOMING.get(app.lang),
                        theme.heading(),
                    )));
                }
                (
                    "→",
                    theme.dim(),
                    format!("{} {}", u.effective_from, u.title),
                )
            }
            Entry::About => ("·", theme.dim(), w::ABOUT.get(app.lang).to_string()),
        };
        if i == selected {
            selected_line = lines.len();
        }
        let row_style = if i == selected {
            theme.selected()
        } else {
            Style::new()
        };
        let mut wrapped = wrap(&title, inner.width.saturating_sub(4), "", "", row_style);
        for (n, line) in wrapped.iter_mut().enumerate() {
            let lead = match n {
                0 => vec![
                    Span::raw(if i == selected { "▶ " } else { "  " }),
                    Span::styled(format!("{symbol} "), style),
                ],
                _ => vec![Span::raw("    ")],
            };
            line.spans.splice(0..0, lead);
        }
        lines.extend(wrapped);
    }
    let height = usize::from(inner.height);
    let scroll = selected_line.saturating_sub(height.saturating_sub(2));
    if focus {
        let row = (selected_line - scroll).min(height.saturating_sub(1));
        frame.set_cursor_position((inner.x, inner.y + row as u16));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

fn draw_detail(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    entry: &Entry,
    view: &ResultView,
    content: &Content,
) {
    let theme = app.theme;
    let lang = app.lang;
    let block = Block::bordered().border_style(if view.detail_focus {
        theme.key()
    } else {
        theme.dim()
    });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width;
    let mut lines: Vec<Line> = Vec::new();
    let section = |lines: &mut Vec<Line>, title: &str, items: &[String]| {
        if items.is_empty() {
            return;
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(title.to_string(), theme.heading())));
        for item in items {
            lines.extend(wrap(item, width, "• ", "  ", Style::new()));
        }
    };
    match entry {
        Entry::Finding(f) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "{} {} · {}",
                    f.severity.symbol(),
                    f.severity.label(lang),
                    f.area.title().get(lang)
                ),
                theme.severity(f.severity),
            )));
            lines.extend(wrap(&f.title, width, "", "", theme.heading()));
            lines.push(Line::default());
            lines.extend(wrap(&f.explanation, width, "", "", Style::new()));
            section(&mut lines, ui::ACTIONS.get(lang), &f.actions);
            section(&mut lines, ui::DOCUMENTS.get(lang), &f.documents);
            let why: Vec<String> = f.why.iter().map(|(q, a)| format!("{q} → {a}")).collect();
            section(&mut lines, ui::WHY.get(lang), &why);
            let sources: Vec<String> = f
                .sources
                .iter()
                .map(|s| format!("{} <{}>", s.title, s.url))
                .collect();
            section(&mut lines, ui::SOURCES.get(lang), &sources);
        }
        Entry::Upcoming(u) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "{} {} · {}",
                    ui::FROM.get(lang),
                    u.effective_from,
                    u.area.title().get(lang)
                ),
                theme.severity(u.severity),
            )));
            lines.extend(wrap(&u.title, width, "", "", theme.heading()));
            if u.plan {
                lines.extend(wrap(ui::PLANNED.get(lang), width, "", "", theme.dim()));
            }
            if let Some(note) = &u.note {
                lines.extend(wrap(note, width, "", "", theme.dim()));
            }
            let rule = content.rules.iter().find(|r| r.id == u.id);
            if let Some(rule) = rule {
                lines.push(Line::default());
                lines.extend(wrap(
                    rule.explanation.get(lang),
                    width,
                    "",
                    "",
                    Style::new(),
                ));
            }
        }
        Entry::About => {
            let report_notes = view
                .assessment
                .notes
                .iter()
                .map(|n| content.notes[*n].text.get(lang).to_string())
                .collect::<Vec<_>>();
            section(&mut lines, ui::NOTES.get(lang), &report_notes);
            lines.push(Line::default());
            let sep = if lang == Lang::Ja { ": " } else { " " };
            let reviewed = format!(
                "{}{sep}{} · {}{sep}{}",
                ui::AS_OF.get(lang),
                view.assessment.as_of,
                ui::REVIEWED.get(lang),
                view.assessment.content_reviewed
            );
            lines.extend(wrap(&reviewed, width, "", "", theme.dim()));
            lines.extend(wrap(
                content.pack.disclaimer.get(lang),
                width,
                "",
                "",
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((view.scroll, 0)), inner);
}
