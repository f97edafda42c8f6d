//! `view`: draws the app for one viewer into a ratatui frame, pure (reads the state, changes
//! nothing; every word is chosen in the viewer's language here). One screen a file; the header, hint
//! bar and overlays are shared.

mod chrome;
mod discussion;
pub mod lines;
mod more;
mod overlay;
mod question;
mod result;
mod resume;
mod review;
mod schedule;
mod text;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Screen};
use super::viewer::Viewer;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height the screens are laid out for.
pub const MIN_HEIGHT: u16 = 20;
/// The body width from which a screen's panes stand side by side (under it, as on a terminal of
/// 100 columns or fewer, they stack).
const SIDE_BY_SIDE: u16 = 100;

/// Whether a screen whose body (inset by a column each side) is `body` puts its panes side by side.
fn side_by_side(body: Rect) -> bool {
    body.width >= SIDE_BY_SIDE
}

/// Draws the whole screen.
pub fn view(app: &App, viewer: &Viewer, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        overlay::too_small(viewer, frame, area);
        return;
    }
    let [header, body, status, hints] = rows(app, area);
    chrome::header(app, viewer, frame, header);
    let body = inset(body);
    match app.screen() {
        Screen::Welcome { cursor } => welcome::draw(app, viewer, frame, body, *cursor),
        Screen::Question(_) => question::draw(app, viewer, frame, body),
        Screen::Review { cursor } => review::draw(app, viewer, frame, body, *cursor),
        Screen::Result(result) => result::draw(app, result, viewer, frame, body),
        Screen::ResumeCode(entry) => resume::draw(entry, viewer, frame, body),
    }
    chrome::consultant_status(app, viewer, frame, status);
    chrome::hints(app, viewer, frame, hints);
    overlay::draw(app, viewer, frame, area);
}

/// The header, the body, the consultant's status (while one is in) and the hint bar.
fn rows(app: &App, area: Rect) -> [Rect; 4] {
    let status_rows = u16::from(app.consultation().consultant.is_some());
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Where a screen's body is on `viewer`'s terminal.
fn body_for(app: &App, viewer: &Viewer) -> Rect {
    let area = Rect::from((ratatui::layout::Position::ORIGIN, viewer.size));
    inset(rows(app, area)[1])
}

/// How far the pane that scrolls on this screen (the result's detail, a question's help box, the
/// welcome text) can scroll on `viewer`'s terminal, and a page of it, for the item shown; `None`
/// where none scrolls.
pub fn scroll_extent(app: &App, viewer: &Viewer) -> Option<(usize, u16, u16)> {
    let body = body_for(app, viewer);
    match app.screen() {
        Screen::Result(view) => {
            let (max, page) = result::detail_extent(app, view, viewer, body);
            Some((view.selected, max, page))
        }
        Screen::Question(_) => {
            let (q, field) = app.question()?;
            let (max, page) = question::help_extent(app, viewer, body, (q, field));
            Some((q, max, page))
        }
        Screen::Welcome { .. } => {
            let (max, page) = welcome::text_extent(app, viewer, body);
            Some((welcome::text_owner(viewer), max, page))
        }
        _ => None,
    }
}

/// The body with a one-column margin on each side.
fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}
