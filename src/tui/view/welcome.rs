//! The welcome screen: what the check covers, where answers live, the not-legal-advice notice with the
//! review date, and the menu (resume, start, language).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Storage};
use super::super::screen::WelcomeItem;
use super::super::viewer::Viewer;
use super::lines::Lines;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::lang::Lang;
use kouteki_core::severity::Area;

/// Draws the welcome screen: the text, then a session's code and the menu under it. In a terminal
/// too short for all, the code and the menu stay at the bottom and the text above them scrolls
/// (PgUp/PgDn), the row between saying how much is hidden, so the screen opens on the text's first
/// line and what to read out and choose is always in sight.
pub fn draw(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect, cursor: usize) {
    let laid = lay_out(app, viewer, area, cursor);
    let scroll = viewer
        .welcome
        .offset(text_owner(viewer))
        .min(laid.max_scroll);
    let shown = (laid.text.len() as u16).min(laid.room);
    let [text_area, gap, footer_area] = Layout::vertical([
        Constraint::Length(shown),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Lines::new(laid.text).scroll(scroll), text_area);
    let below = laid.max_scroll - scroll;
    let more = super::more::title(scroll, below, "PgUp/PgDn", viewer);
    frame.render_widget(Lines::new(more), gap);
    let cursor_row = footer_area.y + (laid.menu_top + cursor) as u16;
    frame.set_cursor_position((footer_area.x, cursor_row));
    frame.render_widget(Lines::new(laid.footer), footer_area);
}

/// The welcome screen's parts, wrapped once at the width they are drawn at.
struct Laid {
    /// What the check covers, where answers live, the notice.
    text: Vec<Line<'static>>,
    /// A session's code and the menu.
    footer: Vec<Line<'static>>,
    /// The footer's row where the menu starts.
    menu_top: usize,
    /// The rows the text has above the footer (less the row under the text).
    room: u16,
    /// How far the text can scroll.
    max_scroll: u16,
}

fn lay_out(app: &App, viewer: &Viewer, area: Rect, cursor: usize) -> Laid {
    let text = about_lines(app, viewer, area.width);
    let (footer, menu_top) = footer_lines(app, viewer, area.width, cursor);
    let room = area.height.saturating_sub(footer.len() as u16 + 1);
    let max_scroll = (text.len() as u16).saturating_sub(room);
    Laid {
        text,
        footer,
        menu_top,
        room,
        max_scroll,
    }
}

/// What stays under the text: a session's code (with a blank line after it), then the menu; and
/// the row the menu starts on.
fn footer_lines(
    app: &App,
    viewer: &Viewer,
    width: u16,
    cursor: usize,
) -> (Vec<Line<'static>>, usize) {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let mut lines = Vec::new();
    if let Some(code) = &app.consultation().code {
        lines.extend(code_lines(code, viewer, width));
        lines.push(Line::default());
    }
    let menu_top = lines.len();
    let items = app.welcome_items();
    let has_draft = items.contains(&WelcomeItem::Resume);
    for (i, item) in items.into_iter().enumerate() {
        let label = match item {
            WelcomeItem::Resume => w::RESUME,
            WelcomeItem::Start if has_draft => w::START_AFRESH,
            WelcomeItem::Start => w::START,
            WelcomeItem::Language => w::LANGUAGE,
            WelcomeItem::ResumeSession => w::RESUME_SESSION,
        };
        let (marker, style) = if i == cursor {
            ("▶ ", theme.selected())
        } else {
            ("  ", Style::new())
        };
        lines.push(Line::from(Span::styled(
            format!("{marker}{}", label.get(lang)),
            style,
        )));
    }
    (lines, menu_top)
}

/// Whose the welcome text's scroll is: the text of one language (after a switch to the other, it
/// starts at its top, where the paragraphs fall elsewhere).
pub fn text_owner(viewer: &Viewer) -> usize {
    match viewer.lang {
        Lang::En => 0,
        Lang::Ja => 1,
    }
}

/// How far the welcome text can scroll on `viewer`'s terminal, and a page of it (for PgUp/PgDn).
pub fn text_extent(app: &App, viewer: &Viewer, body: Rect) -> (u16, u16) {
    // The menu's length, not which item is selected, decides the room.
    let laid = lay_out(app, viewer, body, 0);
    (laid.max_scroll, laid.room.max(1))
}

/// The session code and what it is for: one line where both fit (as at 80 columns, where the
/// welcome screen of a session has no row to spare), else the explanation wrapped below.
fn code_lines(code: &str, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let label = Span::styled(
        format!("{} {code}", w::SESSION_CODE.get(lang)),
        theme.heading(),
    );
    let line = w::SESSION_CODE_LINE.get(lang);
    let gap = "  ";
    if label.width() + gap.len() + line.width() <= usize::from(width) {
        return vec![Line::from(vec![label, Span::raw(gap), Span::raw(line)])];
    }
    let mut lines = vec![Line::from(label)];
    lines.extend(wrap(line, width, "", "", Style::new()));
    lines
}

/// What the check covers, where the answers live, and the not-legal-advice notice.
fn about_lines(app: &App, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    // In a session the code's lines take the place of the top margin, so the menu stays in an
    // 80×24 terminal.
    let mut lines = match app.consultation().code {
        Some(_) => vec![],
        None => vec![Line::default()],
    };
    lines.extend(wrap(
        w::WELCOME_INTRO.get(lang),
        width,
        "",
        "",
        Style::new(),
    ));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        w::WELCOME_AREAS.get(lang),
        theme.heading(),
    )));
    for a in Area::ALL {
        lines.push(Line::from(format!("  • {}", a.title().get(lang))));
    }
    lines.push(Line::default());
    let privacy = match app.storage() {
        Storage::Draft { .. } => w::PRIVACY_LOCAL,
        Storage::NoSave => w::PRIVACY_NO_SAVE,
        Storage::Session { .. } => w::PRIVACY_SESSION,
    };
    lines.extend(wrap(privacy.get(lang), width, "", "", theme.dim()));
    let pack = &app.content().pack;
    let notice = review_notice(pack.disclaimer.get(lang), pack.reviewed, lang);
    lines.extend(wrap(&notice, width, "", "", theme.dim()));
    lines
}

/// The pack's not-legal-advice notice with the date its content was reviewed, said once: the
/// embedded pack's notice names the date itself, and a notice that says it and then "Content
/// reviewed on" the same date reads as a slip; a pack whose notice does not name it gets the date
/// added.
fn review_notice(disclaimer: &str, reviewed: jiff::civil::Date, lang: Lang) -> String {
    let date = kouteki_core::i18n::date(reviewed, lang);
    if disclaimer.contains(&date) {
        disclaimer.to_string()
    } else {
        // Japanese runs on without spaces.
        let gap = match lang {
            Lang::En => " ",
            Lang::Ja => "",
        };
        format!("{disclaimer}{gap}{}{gap}{date}", w::REVIEWED_ON.get(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::review_notice;
    use kouteki_core::lang::Lang;

    #[test]
    fn the_review_date_is_said_once() {
        let day = jiff::civil::date(2026, 12, 1);
        let named = "Reviewed as of 2026-12-01; not legal advice.";
        assert_eq!(review_notice(named, day, Lang::En), named);
        assert_eq!(
            review_notice("Not legal advice.", day, Lang::En),
            "Not legal advice. Content reviewed on 2026-12-01"
        );
        let named_ja = "内容は2026年12月1日時点で確認したものです。";
        assert_eq!(review_notice(named_ja, day, Lang::Ja), named_ja);
        assert_eq!(
            review_notice("法的助言ではありません。", day, Lang::Ja),
            "法的助言ではありません。内容の確認日：2026年12月1日"
        );
    }
}
