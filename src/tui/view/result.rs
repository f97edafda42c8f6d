//! The result: an overall banner, one card per area, the findings (worst first, then upcoming changes
//! and "about this result") and a detail pane for the selected entry. Everything drawn comes from the
//! [`Report`] in the viewer's language, computed once when the result was shown.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::App;
use super::super::screen::{self, ResultView};
use super::super::theme::Theme;
use super::super::viewer::Viewer;
use super::discussion;
use super::schedule;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::discussion::{Discussion, Mark, Note};
use kouteki_core::i18n as ui;
use kouteki_core::report::{AreaSummary, Report, ReportFinding, ReportUpcoming};
use kouteki_core::severity::Severity;

/// An entry of the findings list, with what it shows.
enum Entry<'a> {
    Finding(&'a ReportFinding),
    Upcoming(&'a ReportUpcoming),
    Timeline,
    Documents,
    Discussion,
    About,
}

impl<'a> Entry<'a> {
    fn of(entry: screen::Entry, report: &'a Report) -> Entry<'a> {
        match entry {
            screen::Entry::Finding(i) => Entry::Finding(&report.findings[i]),
            screen::Entry::Upcoming(i) => Entry::Upcoming(&report.upcoming[i]),
            screen::Entry::Timeline => Entry::Timeline,
            screen::Entry::Documents => Entry::Documents,
            screen::Entry::Discussion => Entry::Discussion,
            screen::Entry::About => Entry::About,
        }
    }

    /// The mark this entry would carry.
    fn mark(&self) -> Option<Mark> {
        match self {
            Entry::Finding(f) => Some(Mark::Finding(f.id.clone())),
            Entry::Upcoming(u) => Some(Mark::Finding(u.id.clone())),
            Entry::Timeline | Entry::Documents | Entry::Discussion | Entry::About => None,
        }
    }
}

/// Draws the result screen.
pub fn draw(app: &App, view: &ResultView, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let report = view.reports.get(viewer.lang);
    let talk = app.discussion();
    let [banner, _, cards, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_banner(viewer, frame, banner, report.overall);
    draw_cards(viewer, frame, cards, report);
    let entries: Vec<Entry> = view
        .entries(!talk.is_empty())
        .into_iter()
        .map(|entry| Entry::of(entry, report))
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
    let focused = viewer.detail.focused;
    let list_block = pane(viewer.theme, !focused).title(Span::styled(
        format!(" {} ", ui::FINDINGS.get(viewer.lang)),
        viewer.theme.heading(),
    ));
    let inner = list_block.inner(list);
    frame.render_widget(list_block, list);
    draw_list(
        viewer,
        frame,
        inner,
        (&entries, selected),
        (report, talk),
        !focused,
    );
    let detail_block = pane(viewer.theme, focused);
    let mut inner = detail_block.inner(detail);
    frame.render_widget(detail_block, detail);
    if matches!(entries[selected], Entry::Timeline) {
        let rows = schedule::axis_height(report, inner.height).min(inner.height);
        let [axis, rest] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(0)]).areas(inner);
        if let Ok(as_of) = report.as_of.parse() {
            schedule::draw_axis(report, as_of, viewer, frame, axis);
        }
        inner = rest;
    }
    let lines = detail_lines(app, &entries[selected], report, viewer, inner.width);
    let scroll = viewer.detail.scroll(selected);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// A bordered pane, highlighted when it has focus.
fn pane(theme: Theme, focus: bool) -> Block<'static> {
    Block::bordered().border_style(if focus { theme.key() } else { theme.dim() })
}

fn banner_text(severity: Severity) -> kouteki_core::i18n::Text2 {
    match severity {
        Severity::Ok => w::BANNER_OK,
        Severity::Info => w::BANNER_INFO,
        Severity::Caution => w::BANNER_CAUTION,
        Severity::Violation => w::BANNER_VIOLATION,
    }
}

fn draw_banner(viewer: &Viewer, frame: &mut Frame, area: Rect, overall: Severity) {
    let text = format!(
        "{}  {}",
        overall.symbol(),
        banner_text(overall).get(viewer.lang)
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(viewer.theme.banner(overall))
            .alignment(Alignment::Center),
        area,
    );
}

fn draw_cards(viewer: &Viewer, frame: &mut Frame, area: Rect, report: &Report) {
    let columns = Layout::horizontal([Constraint::Ratio(1, 4); 4])
        .spacing(1)
        .split(area);
    for (summary, rect) in report.areas.iter().zip(columns.iter()) {
        let block = Block::bordered().border_style(viewer.theme.severity(summary.severity));
        let inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        frame.render_widget(Paragraph::new(card_lines(summary, viewer, inner)), inner);
    }
}

/// A card's lines: the symbol, severity word and count first (wrapped, never cut), then as much of
/// the area's name as fits.
fn card_lines(summary: &AreaSummary, viewer: &Viewer, inner: Rect) -> Vec<Line<'static>> {
    let (severity, lang) = (summary.severity, viewer.lang);
    let status = format!(
        "{} {} ({})",
        severity.symbol(),
        severity.label(lang),
        summary.findings
    );
    let mut lines = wrap(
        &status,
        inner.width,
        "",
        "",
        viewer.theme.severity(severity),
    );
    let room = usize::from(inner.height).saturating_sub(lines.len());
    let title = wrap(
        summary.area.title().get(lang),
        inner.width,
        "",
        "",
        Style::new(),
    );
    lines.extend(title.into_iter().take(room));
    lines
}

/// One row of the findings list: its symbol, style and title.
fn entry_row(entry: &Entry, viewer: &Viewer) -> (&'static str, Style, String) {
    let theme = viewer.theme;
    match entry {
        Entry::Finding(f) => (
            f.severity.symbol(),
            theme.severity(f.severity),
            f.title.clone(),
        ),
        Entry::Upcoming(u) => ("→", theme.dim(), format!("{} {}", u.when, u.title)),
        Entry::Timeline => ("◷", theme.key(), ui::TIMELINE.get(viewer.lang).to_string()),
        Entry::Documents => (
            "☐",
            theme.key(),
            ui::DOCUMENTS_TO_BRING.get(viewer.lang).to_string(),
        ),
        Entry::Discussion => ("⚑", theme.key(), w::TO_DISCUSS.get(viewer.lang).to_string()),
        Entry::About => ("·", theme.dim(), w::ABOUT.get(viewer.lang).to_string()),
    }
}

fn draw_list(
    viewer: &Viewer,
    frame: &mut Frame,
    inner: Rect,
    (entries, selected): (&[Entry], usize),
    (report, talk): (&Report, &Discussion),
    focus: bool,
) {
    let theme = viewer.theme;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    if report.findings.is_empty() {
        lines.push(Line::from(Span::styled(
            ui::NO_FINDINGS.get(viewer.lang),
            theme.severity(Severity::Ok),
        )));
    }
    for (i, entry) in entries.iter().enumerate() {
        let first_upcoming = matches!(entry, Entry::Upcoming(_))
            && !matches!(entries.get(i.wrapping_sub(1)), Some(Entry::Upcoming(_)));
        if first_upcoming {
            lines.push(Line::from(Span::styled(
                ui::UPCOMING.get(viewer.lang),
                theme.heading(),
            )));
        }
        if i == selected {
            selected_line = lines.len();
        }
        let marked = entry.mark().is_some_and(|m| talk.is_marked(&m));
        lines.extend(list_row(
            entry,
            (i == selected, marked),
            viewer,
            inner.width,
        ));
    }
    let height = usize::from(inner.height);
    let scroll = selected_line.saturating_sub(height.saturating_sub(2));
    if focus {
        let row = (selected_line - scroll).min(height.saturating_sub(1));
        frame.set_cursor_position((inner.x, inner.y + row as u16));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

/// One entry's lines in the list: `▶` and reverse video when selected, the symbol, the wrapped title,
/// and `⚑` after it when it is marked to discuss.
fn list_row(
    entry: &Entry,
    (selected, marked): (bool, bool),
    viewer: &Viewer,
    width: u16,
) -> Vec<Line<'static>> {
    let (symbol, style, mut title) = entry_row(entry, viewer);
    if marked {
        title.push_str(" ⚑");
    }
    let row_style = if selected {
        viewer.theme.selected()
    } else {
        Style::new()
    };
    let mut wrapped = wrap(&title, width.saturating_sub(4), "", "", row_style);
    for (n, line) in wrapped.iter_mut().enumerate() {
        let lead = match n {
            0 => vec![
                Span::raw(if selected { "▶ " } else { "  " }),
                Span::styled(format!("{symbol} "), style),
            ],
            _ => vec![Span::raw("    ")],
        };
        line.spans.splice(0..0, lead);
    }
    wrapped
}

/// The detail pane's lines for the selected entry.
fn detail_lines(
    app: &App,
    entry: &Entry,
    report: &Report,
    viewer: &Viewer,
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = match entry {
        Entry::Finding(f) => finding_lines(f, app.discussion().note(&f.id), viewer, width),
        Entry::Upcoming(u) => upcoming_lines(u, viewer, width),
        Entry::Timeline => schedule::timeline_lines(report, viewer, width),
        Entry::Documents => schedule::documents_lines(report, viewer, width),
        Entry::Discussion => discussion::lines(app, report, viewer, width),
        Entry::About => about_lines(report, viewer, width),
    };
    if entry.mark().is_some_and(|m| app.discussion().is_marked(&m)) {
        let marked = format!("⚑ {}", w::MARKED.get(viewer.lang));
        lines.insert(0, Line::from(Span::styled(marked, viewer.theme.key())));
    }
    lines
}

/// A heading and bulleted items (nothing when there are none).
fn section(
    lines: &mut Vec<Line<'static>>,
    viewer: &Viewer,
    width: u16,
    title: &str,
    items: &[String],
) {
    if items.is_empty() {
        return;
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        title.to_string(),
        viewer.theme.heading(),
    )));
    for item in items {
        lines.extend(wrap(item, width, "• ", "  ", Style::new()));
    }
}

fn finding_lines(
    f: &ReportFinding,
    note: Option<&Note>,
    viewer: &Viewer,
    width: u16,
) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} {} · {}",
            f.severity.symbol(),
            f.severity.label(lang),
            f.area.title().get(lang)
        ),
        theme.severity(f.severity),
    ))];
    lines.extend(wrap(&f.title, width, "", "", theme.heading()));
    lines.extend(discussion::note_lines(note, viewer, width));
    lines.push(Line::default());
    lines.extend(wrap(&f.explanation, width, "", "", Style::new()));
    section(&mut lines, viewer, width, ui::ACTIONS.get(lang), &f.actions);
    section(
        &mut lines,
        viewer,
        width,
        ui::DOCUMENTS.get(lang),
        &f.documents,
    );
    let why: Vec<String> = f.why.iter().map(|(q, a)| format!("{q} → {a}")).collect();
    section(&mut lines, viewer, width, ui::WHY.get(lang), &why);
    let sources: Vec<String> = f
        .sources
        .iter()
        .map(|s| format!("{} <{}>", s.title, s.url))
        .collect();
    section(&mut lines, viewer, width, ui::SOURCES.get(lang), &sources);
    lines
}

fn upcoming_lines(u: &ReportUpcoming, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = vec![Line::from(Span::styled(
        format!("{} · {}", u.when, u.area.title().get(lang)),
        theme.severity(u.severity),
    ))];
    lines.extend(wrap(&u.title, width, "", "", theme.heading()));
    if u.plan {
        lines.extend(wrap(ui::PLANNED.get(lang), width, "", "", theme.dim()));
    }
    if let Some(note) = &u.note {
        lines.extend(wrap(note, width, "", "", theme.dim()));
    }
    lines.push(Line::default());
    lines.extend(wrap(&u.explanation, width, "", "", Style::new()));
    lines
}

fn about_lines(report: &Report, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = Vec::new();
    let notes: Vec<String> = report.notes.iter().map(|n| n.text.clone()).collect();
    section(&mut lines, viewer, width, ui::NOTES.get(lang), &notes);
    lines.push(Line::default());
    let reviewed = format!(
        "{} · {}",
        w::labelled(ui::AS_OF, &report.as_of_text, lang),
        w::labelled(ui::REVIEWED, &report.content_reviewed_text, lang)
    );
    lines.extend(wrap(&reviewed, width, "", "", theme.dim()));
    lines.extend(wrap(&report.disclaimer, width, "", "", theme.dim()));
    lines
}
