//! The result: an overall banner, one card per area, the findings (worst first, then upcoming changes
//! and "about this result") and a detail pane for the selected entry. Everything drawn comes from the
//! [`Report`] in the viewer's language, computed once when the result was shown.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::super::app::App;
use super::super::screen::{self, ResultView};
use super::super::theme::Theme;
use super::super::viewer::Viewer;
use super::discussion;
use super::lines::Lines;
use super::more;
use super::schedule;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::discussion::{Discussion, Mark, Note};
use kouteki_core::i18n as ui;
use kouteki_core::report::{AreaSummary, Report, ReportFinding, ReportUpcoming};
use kouteki_core::severity::Severity;
use unicode_width::UnicodeWidthStr;

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

/// The detail pane's text rows the stacked layout keeps, where the screen has them.
const DETAIL_ROWS: u16 = 10;

/// Where the parts of the result screen go for one body area and viewer.
struct Regions {
    banner: Rect,
    cards: Rect,
    /// The findings list; `None` while the detail is zoomed.
    list: Option<Rect>,
    detail: Rect,
}

impl Regions {
    /// Side by side on a wide terminal ([`super::side_by_side`]); under it stacked (banner, a line per card, the list, then
    /// the detail with at least [`DETAIL_ROWS`] rows where the height allows); zoomed, the detail
    /// alone.
    fn of(body: Rect, zoomed: bool, list_rows: u16) -> Regions {
        let none = Rect::new(body.x, body.y, 0, 0);
        if zoomed {
            return Regions {
                banner: none,
                cards: none,
                list: None,
                detail: body,
            };
        }
        if super::side_by_side(body) {
            let [banner, _, cards, _, rest] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Length(5),
                Constraint::Length(1),
                Constraint::Min(3),
            ])
            .areas(body);
            let [list, detail] =
                Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .spacing(1)
                    .areas(rest);
            return Regions {
                banner,
                cards,
                list: Some(list),
                detail,
            };
        }
        let [banner, cards, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(CARDS),
            Constraint::Min(0),
        ])
        .areas(body);
        // The list's border row and at least three entries; the detail pane the rest, with at
        // least its two border rows and DETAIL_ROWS where the screen has them.
        let most = rest.height.saturating_sub(DETAIL_ROWS + 2).max(4);
        let list_height = (list_rows + 1).clamp(4, most).min(rest.height);
        let [list, detail] =
            Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(rest);
        Regions {
            banner,
            cards,
            list: Some(list),
            detail,
        }
    }
}

/// A line per area card in the stacked layout.
const CARDS: u16 = 4;

/// The list, the lines of the selected entry's detail and where they go, for one viewer.
struct Laid<'a> {
    entries: Vec<Entry<'a>>,
    selected: usize,
    regions: Regions,
    /// The findings list's lines, wrapped to the list (`None` while the detail is zoomed).
    list: Option<ListLines>,
    /// The detail pane's block (its borders depend on the layout).
    detail_block: Block<'static>,
    /// Rows for the time axis at the top of the detail (the Timeline entry only).
    axis_rows: u16,
    /// The detail text, wrapped to the pane.
    lines: Vec<Line<'static>>,
    /// Where the text goes (the pane less its borders and the axis).
    text: Rect,
}

fn lay_out<'a>(app: &App, view: &'a ResultView, viewer: &Viewer, body: Rect) -> Laid<'a> {
    let report = view.reports.get(viewer.lang);
    let entries: Vec<Entry> = view
        .entries(!app.discussion().is_empty())
        .into_iter()
        .map(|entry| Entry::of(entry, report))
        .collect();
    let selected = view.selected.min(entries.len() - 1);
    let zoomed = viewer.detail.zoomed;
    let wide = super::side_by_side(body);
    let list_at = |width| {
        list_lines(
            &entries,
            selected,
            viewer,
            (report, app.discussion()),
            width,
        )
    };
    // Stacked, the list is as wide as the body and its height depends on its lines.
    let stacked = (!zoomed && !wide).then(|| list_at(body.width));
    let list_rows = stacked.as_ref().map_or(0, |l| l.lines.len() as u16);
    let regions = Regions::of(body, zoomed, list_rows);
    let list = stacked.or_else(|| {
        regions
            .list
            .map(|rect| list_at(list_block(viewer, wide).inner(rect).width))
    });
    let detail_block = if zoomed || wide {
        Block::bordered()
    } else {
        // The bottom border carries the "↓ 12 more" sign.
        Block::new().borders(Borders::TOP | Borders::BOTTOM)
    }
    .border_style(if viewer.detail.focused || zoomed {
        viewer.theme.key()
    } else {
        viewer.theme.dim()
    });
    let mut text = detail_block.inner(regions.detail);
    let mut axis_rows = 0;
    if matches!(entries[selected], Entry::Timeline) {
        axis_rows = schedule::axis_height(report, text.height).min(text.height);
        text.y += axis_rows;
        text.height -= axis_rows;
    }
    let lines = detail_lines(app, &entries[selected], report, viewer, text.width);
    Laid {
        entries,
        selected,
        regions,
        list,
        detail_block,
        axis_rows,
        lines,
        text,
    }
}

/// How far the selected entry's detail can scroll for `viewer` in `body`, and a page of it: what
/// the update needs to stop the scroll at the end.
pub fn detail_extent(app: &App, view: &ResultView, viewer: &Viewer, body: Rect) -> (u16, u16) {
    let laid = lay_out(app, view, viewer, body);
    let max = (laid.lines.len() as u16).saturating_sub(laid.text.height);
    (max, laid.text.height.saturating_sub(1).max(1))
}

/// Draws the result screen.
pub fn draw(app: &App, view: &ResultView, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let report = view.reports.get(viewer.lang);
    let mut laid = lay_out(app, view, viewer, area);
    let regions = &laid.regions;
    if let (Some(rect), Some(list)) = (regions.list, laid.list.take()) {
        let wide = super::side_by_side(area);
        draw_banner(viewer, frame, regions.banner, report.overall);
        if wide {
            draw_cards(viewer, frame, regions.cards, report);
        } else {
            draw_card_lines(viewer, frame, regions.cards, report);
        }
        let block = list_block(viewer, wide);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        draw_list(frame, inner, list, !viewer.detail.focused);
    }
    draw_detail(viewer, frame, report, laid);
}

/// The findings list's pane: boxed on a wide screen, a rule with its title when stacked.
fn list_block(viewer: &Viewer, wide: bool) -> Block<'static> {
    let borders = if wide { Borders::ALL } else { Borders::TOP };
    pane(viewer.theme, !viewer.detail.focused)
        .borders(borders)
        .title(Span::styled(
            format!(" {} ", ui::FINDINGS.get(viewer.lang)),
            viewer.theme.heading(),
        ))
}

/// The detail pane: the entry's text scrolled where the viewer scrolled it (never past its end),
/// the time axis above it for the Timeline, and how much is hidden in its bottom border.
fn draw_detail(viewer: &Viewer, frame: &mut Frame, report: &Report, laid: Laid) {
    let regions = &laid.regions;
    let scroll = viewer
        .detail
        .scroll
        .offset(laid.selected)
        .min((laid.lines.len() as u16).saturating_sub(laid.text.height));
    let hidden_below = (laid.lines.len() as u16).saturating_sub(scroll + laid.text.height);
    let block = laid.detail_block.clone().title_bottom(more::title(
        scroll,
        hidden_below,
        "PgUp/PgDn",
        viewer,
    ));
    let title = entry_row(&laid.entries[laid.selected], viewer).2;
    let block = if viewer.detail.zoomed {
        block.title(Span::styled(format!(" {title} "), viewer.theme.heading()))
    } else {
        block
    };
    frame.render_widget(block, regions.detail);
    if laid.axis_rows > 0 {
        let axis = Rect {
            y: laid.text.y - laid.axis_rows,
            height: laid.axis_rows,
            ..laid.text
        };
        if let Ok(as_of) = report.as_of.parse() {
            schedule::draw_axis(report, as_of, viewer, frame, axis);
        }
    }
    frame.render_widget(Lines::new(laid.lines).scroll(scroll), laid.text);
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
        Lines::new(text)
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
        frame.render_widget(Lines::new(card_lines(summary, viewer, inner)), inner);
    }
}

/// The cards of the stacked layout, a line each: symbol, severity word and count, then the area's
/// name (its short form where the full one does not fit).
fn draw_card_lines(viewer: &Viewer, frame: &mut Frame, area: Rect, report: &Report) {
    let lines: Vec<Line> = report
        .areas
        .iter()
        .map(|summary| card_line(summary, viewer, area.width))
        .collect();
    frame.render_widget(Lines::new(lines), area);
}

/// What a card never cuts: the symbol, the severity word and the count (`✖ Action needed (2)`).
fn card_status(summary: &AreaSummary, lang: kouteki_core::lang::Lang) -> String {
    let severity = summary.severity;
    format!(
        "{} {} ({})",
        severity.symbol(),
        severity.label(lang),
        summary.findings
    )
}

fn card_line(summary: &AreaSummary, viewer: &Viewer, width: u16) -> Line<'static> {
    let (severity, lang) = (summary.severity, viewer.lang);
    let status = card_status(summary, lang);
    let room = usize::from(width).saturating_sub(status.width() + 2);
    let full = summary.area.title().get(lang).to_string();
    let title = if full.width() <= room {
        full
    } else {
        summary.area.short_title().get(lang).to_string()
    };
    Line::from(vec![
        Span::styled(status, viewer.theme.severity(severity)),
        Span::raw("  "),
        Span::styled(title, viewer.theme.heading()),
    ])
}

/// A card's lines: the symbol, severity word and count first (wrapped, never cut), then as much of
/// the area's name as fits.
fn card_lines(summary: &AreaSummary, viewer: &Viewer, inner: Rect) -> Vec<Line<'static>> {
    let (severity, lang) = (summary.severity, viewer.lang);
    let status = card_status(summary, lang);
    let mut lines = wrap(
        &status,
        inner.width,
        "",
        "",
        viewer.theme.severity(severity),
    );
    let room = usize::from(inner.height).saturating_sub(lines.len());
    let mut title = wrap(
        summary.area.title().get(lang),
        inner.width,
        "",
        "",
        Style::new(),
    );
    if title.len() > room {
        title = wrap(
            summary.area.short_title().get(lang),
            inner.width,
            "",
            "",
            Style::new(),
        );
    }
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

/// The findings list's lines, and where the selected entry's are among them.
struct ListLines {
    lines: Vec<Line<'static>>,
    /// The selected entry's first line.
    selected_line: usize,
    /// How many lines the selected entry takes.
    selected_rows: usize,
}

fn list_lines(
    entries: &[Entry],
    selected: usize,
    viewer: &Viewer,
    (report, talk): (&Report, &Discussion),
    width: u16,
) -> ListLines {
    let theme = viewer.theme;
    let mut lines: Vec<Line> = Vec::new();
    let (mut selected_line, mut selected_rows) = (0, 0);
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
        let marked = entry.mark().is_some_and(|m| talk.is_marked(&m));
        let row = list_row(entry, (i == selected, marked), viewer, width);
        if i == selected {
            (selected_line, selected_rows) = (lines.len(), row.len());
        }
        lines.extend(row);
    }
    ListLines {
        lines,
        selected_line,
        selected_rows,
    }
}

fn draw_list(frame: &mut Frame, inner: Rect, list: ListLines, focus: bool) {
    let ListLines {
        lines,
        selected_line,
        selected_rows: rows,
    } = list;
    let height = usize::from(inner.height);
    // Keep the whole selected entry in sight, with a line of context below where there is room.
    let scroll = (selected_line + rows + 1)
        .saturating_sub(height)
        .min(selected_line)
        .min(lines.len().saturating_sub(height));
    if focus {
        let row = (selected_line - scroll).min(height.saturating_sub(1));
        frame.set_cursor_position((inner.x, inner.y + row as u16));
    }
    frame.render_widget(Lines::new(lines).scroll(scroll as u16), inner);
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
        // A no-break space: the flag stays on the line of the word it follows.
        title.push_str("\u{a0}⚑");
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
