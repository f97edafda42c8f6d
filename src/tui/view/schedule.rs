//! The result's Timeline and Documents panes: a horizontal time axis from today across the dated
//! entries (months or years marked, each entry a marker with its short title and "in 43 days"),
//! drawn with ratatui's `Canvas`, then the entries as a list; and the documents to bring with their
//! periods, where to get them and which findings asked for them.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Stroke};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::super::viewer::Viewer;
use super::text::wrap;
use kouteki_core::content::EntryKind;
use kouteki_core::i18n as ui;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, ReportTimelineEntry, earliest_clean_line};

/// The style of an entry: past deadlines red, future ones yellow, openings blue, clean dates green.
fn entry_style(theme: Theme, entry: &ReportTimelineEntry) -> Style {
    let color = match (entry.kind, entry.days < 0) {
        (EntryKind::Deadline, true) => Color::Red,
        (EntryKind::Deadline, false) => Color::Yellow,
        (EntryKind::Opens, _) => Color::Blue,
        (EntryKind::Clean, _) => Color::Green,
    };
    theme.accent(color)
}

/// How many rows the axis takes for this pane height: a label row per entry where there is room,
/// at least one, and always the axis and its marks.
pub fn axis_height(report: &Report, pane_height: u16) -> u16 {
    let labels = (report.timeline.len() as u16)
        .min(pane_height.saturating_sub(4) / 2)
        .max(1);
    labels + 2
}

/// The first and last day the axis spans: from today (or the earliest past entry) to the last entry,
/// with a little room after it.
fn span(report: &Report) -> (i64, i64) {
    let first = report
        .timeline
        .iter()
        .map(|t| t.days)
        .min()
        .unwrap_or(0)
        .min(0);
    let last = report
        .timeline
        .iter()
        .map(|t| t.days)
        .max()
        .unwrap_or(0)
        .max(30);
    let pad = ((last - first) / 20).max(3);
    (first - pad, last + pad)
}

/// The column (from 0 to `width - 1`) of a day between `first` and `last` on an axis `width` wide.
fn axis_column(first: i64, last: i64, width: u16) -> impl Fn(i64) -> f64 {
    let width = f64::from(width - 1);
    move |days: i64| ((days - first) as f64 / (last - first) as f64 * width).round()
}

/// Draws the axis in `area`.
pub fn draw_axis(report: &Report, as_of: Date, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    if area.width < 10 || area.height < 3 {
        return;
    }
    // The canvas's bounds are the columns `axis_column` maps days to.
    let (width, height) = (f64::from(area.width - 1), f64::from(area.height - 1));
    let (first, last) = span(report);
    let column = axis_column(first, last, area.width);
    let axis_y = 1.0;
    let ticks = fit_tick_labels(ticks(as_of, first, last, viewer.lang), &column, area.width);
    let labels = place_labels(report, &column, area.width, area.height - 2);
    let theme = viewer.theme;
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, width])
        .y_bounds([0.0, height])
        .paint(move |ctx| {
            ctx.draw(&Stroke::new(0.0, axis_y, width, axis_y, Color::DarkGray));
            for (days, label) in &ticks {
                let x = column(*days);
                ctx.print(x, axis_y, Span::styled("┼", theme.dim()));
                if let Some(label) = label {
                    ctx.print(x, 0.0, Span::styled(label.clone(), theme.dim()));
                }
            }
            ctx.print(column(0), axis_y, Span::styled("▼", theme.heading()));
            for (entry, x, row, text) in &labels {
                let style = entry_style(theme, entry);
                let y = axis_y + 1.0 + f64::from(*row);
                ctx.draw(&Stroke::new(
                    column(entry.days),
                    axis_y,
                    column(entry.days),
                    y,
                    Color::DarkGray,
                ));
                ctx.print(column(entry.days), axis_y, Span::styled("●", style));
                if let Some(text) = text {
                    ctx.print(*x, y, Span::styled(text.clone(), style));
                }
            }
        });
    frame.render_widget(canvas, area);
}

/// A mark along the axis: its day (from the evaluation date), its month (1–12) and its label.
struct Tick {
    days: i64,
    month: i8,
    label: String,
}

/// Marks along the axis: each month when it spans up to about a year and a half (January labelled
/// with its year, so the months of two years are told apart), else each year.
fn ticks(as_of: Date, first: i64, last: i64, lang: Lang) -> Vec<Tick> {
    let monthly = last - first <= 550;
    let start = kouteki_core::dates::add_days(as_of, first);
    let mut month = kouteki_core::dates::Month::of(start).plus(1);
    let mut out = Vec::new();
    loop {
        let day = month.first_day();
        let days = kouteki_core::dates::days_between(as_of, day);
        if days > last {
            break;
        }
        let january = month.month() == 1;
        if monthly || january {
            let label = match (january, lang) {
                (true, Lang::Ja) => format!("{}年", month.year()),
                (true, Lang::En) => month.year().to_string(),
                (false, Lang::Ja) => format!("{}月", month.month()),
                (false, Lang::En) => month_abbrev(month.month()).to_string(),
            };
            out.push(Tick {
                days,
                month: month.month(),
                label,
            });
        }
        month = month.plus(1);
    }
    out
}

/// The ticks with the labels that fit. Labels start at their mark and keep a blank column between
/// them; when every month's label does not fit, every 2nd, 3rd, 6th or 12th month is labelled
/// (counted from January, so the year's label always stays), rather than months run together
/// ("12月1月") or dropped at random. A label that would leave the pane is left out.
fn fit_tick_labels(
    ticks: Vec<Tick>,
    column: &dyn Fn(i64) -> f64,
    width: u16,
) -> Vec<(i64, Option<String>)> {
    let span = |t: &Tick| {
        let start = column(t.days) as u16;
        (start, start + t.label.width() as u16)
    };
    let labelled = |every: i8| move |t: &&Tick| (t.month - 1) % every == 0;
    let every = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|every| {
            let spans: Vec<_> = ticks.iter().filter(labelled(*every)).map(span).collect();
            spans.windows(2).all(|w| w[0].1 < w[1].0)
        })
        .unwrap_or(12);
    // Years over a long span may still crowd: a label that would touch the one before is left out.
    let mut last_end = None;
    ticks
        .iter()
        .map(|t| {
            let (start, end) = span(t);
            let clear = last_end.is_none_or(|e| e < start);
            let shown = labelled(every)(&t) && end <= width && clear;
            if shown {
                last_end = Some(end);
            }
            (t.days, shown.then(|| t.label.clone()))
        })
        .collect()
}

fn month_abbrev(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[usize::from(month.clamp(1, 12) as u8 - 1)]
}

/// Where each entry's label goes: the first label row where it does not overlap another, starting
/// at the marker (moved left to stay inside the pane); no label when no row has room (the list
/// below names every entry).
fn place_labels<'a>(
    report: &'a Report,
    column: &dyn Fn(i64) -> f64,
    width: u16,
    rows: u16,
) -> Vec<(&'a ReportTimelineEntry, f64, u16, Option<String>)> {
    let mut taken: Vec<Vec<(u16, u16)>> = vec![Vec::new(); usize::from(rows.max(1))];
    report
        .timeline
        .iter()
        .map(|entry| {
            // The distance first, so a label cut to fit still says when.
            let text = format!("{} · {}", entry.relative, entry.title);
            let text = truncate(&text, usize::from(width / 2).max(12));
            let len = text.width() as u16;
            let start = (column(entry.days) as u16).min(width.saturating_sub(len));
            let span = (start, start + len + 1);
            let free = taken
                .iter()
                .position(|row| row.iter().all(|(a, b)| span.1 <= *a || span.0 >= *b));
            match free {
                Some(row) => {
                    taken[row].push(span);
                    (entry, f64::from(start), row as u16, Some(text))
                }
                None => (entry, f64::from(start), 0, None),
            }
        })
        .collect()
}

/// `text` cut to `max` display columns, with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The lines under the axis: the earliest clean application date as a headline, then each entry.
pub fn timeline_lines(report: &Report, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = Vec::new();
    if let Some(date) = &report.earliest_clean_application_text {
        let line = earliest_clean_line(date, lang);
        lines.extend(wrap(&line, width, "★ ", "  ", theme.accent(Color::Green)));
    }
    for entry in &report.timeline {
        let style = entry_style(theme, entry);
        lines.extend(wrap(&entry.line(lang), width, "● ", "  ", style));
        for note in &entry.notes {
            lines.extend(wrap(note, width, "  ", "  ", theme.dim()));
        }
    }
    lines
}

/// The documents to bring, each with its period, where to get it and the findings that asked.
pub fn documents_lines(report: &Report, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = vec![Line::from(Span::styled(
        ui::DOCUMENTS_TO_BRING.get(lang).to_string(),
        theme.heading(),
    ))];
    for doc in &report.documents {
        lines.extend(wrap(&doc.title, width, "☐ ", "  ", theme.heading()));
        for detail in doc.details(lang) {
            lines.extend(wrap(&detail, width, "  ", "  ", Style::new()));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// The labels shown for an axis of `width` columns from 2026-12-01 across `last` days.
    fn shown(lang: Lang, last: i64, width: u16) -> Vec<String> {
        fitted(lang, last, width)
            .into_iter()
            .filter_map(|(_, label)| label)
            .collect()
    }

    /// Every tick for an axis of `width` columns from 2026-12-01 (3 days before) across `last` days.
    fn fitted(lang: Lang, last: i64, width: u16) -> Vec<(i64, Option<String>)> {
        let ticks = ticks(date(2026, 12, 1), -3, last, lang);
        fit_tick_labels(ticks, &axis_column(-3, last, width), width)
    }

    #[test]
    fn january_is_labelled_with_its_year_so_two_years_of_months_are_told_apart() {
        let labels = shown(Lang::Ja, 480, 200);
        assert_eq!(labels[..3], ["12月", "2027年", "2月"]);
        assert!(labels.contains(&"2028年".to_string()), "{labels:?}");
        assert_eq!(shown(Lang::En, 480, 200)[..3], ["Dec", "2027", "Feb"]);
    }

    #[test]
    fn when_every_month_does_not_fit_every_other_one_is_labelled_with_a_gap_between() {
        // 480 days on 76 columns: about 4.6 columns a month, too few for "10月" and a gap.
        let labels = shown(Lang::Ja, 480, 76);
        assert_eq!(labels[..3], ["2027年", "3月", "5月"], "{labels:?}");
        assert!(labels.contains(&"2028年".to_string()), "{labels:?}");
        // Wide enough, every month is there.
        assert_eq!(shown(Lang::Ja, 480, 160).len(), 16);
    }

    #[test]
    fn labels_never_touch_and_never_leave_the_pane_at_any_width() {
        for width in [10u16, 20, 40, 60, 76, 100, 200] {
            for last in [30, 200, 480, 549, 2000, 9000] {
                let column = axis_column(-3, last, width);
                let mut end = None;
                for (days, label) in fitted(Lang::Ja, last, width) {
                    let Some(label) = label else { continue };
                    let start = column(days) as u16;
                    let stop = start + label.width() as u16;
                    assert!(stop <= width, "{label} leaves a {width}-column pane");
                    assert!(
                        end.is_none_or(|e| e < start),
                        "{label} touches the one before"
                    );
                    end = Some(stop);
                }
            }
        }
    }
}
