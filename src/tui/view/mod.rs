//! `view`: draws the app for one viewer into a ratatui frame, pure (reads the state, changes
//! nothing; every word is chosen in the viewer's language here). One screen a file; the header, hint
//! bar and overlays are shared.

mod chrome;
mod discussion;
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

/// Draws the whole screen.
pub fn view(app: &App, viewer: &Viewer, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        overlay::too_small(viewer, frame, area);
        return;
    }
    let status_rows = u16::from(app.consultation().consultant.is_some());
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(area);
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

/// The body with a one-column margin on each side.
fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}
