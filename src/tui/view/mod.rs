//! `view`: draws the app into a ratatui frame, pure (reads the state, changes nothing). One screen a
//! file; the header, hint bar and overlays are shared.

mod chrome;
mod overlay;
mod question;
mod result;
mod review;
mod text;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Screen};
use kouteki_core::interview::Step;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal height the screens are laid out for.
pub const MIN_HEIGHT: u16 = 20;

/// Draws the whole screen.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        overlay::too_small(app, frame, area);
        return;
    }
    let [header, body, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(app, frame, header);
    let body = inset(body);
    match (app.screen, app.interview.step()) {
        (Screen::Welcome, _) => welcome::draw(app, frame, body),
        (Screen::Interview, Step::Question(q)) => question::draw(app, frame, body, q),
        (Screen::Interview, Step::Review) => review::draw(app, frame, body),
        (Screen::Result, _) => result::draw(app, frame, body),
    }
    chrome::hints(app, frame, hints);
    overlay::draw(app, frame, area);
}

/// The body with a one-column margin on each side.
fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}
