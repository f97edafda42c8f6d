//! The sign that a pane holds more than it shows: in its bottom border, how many lines are above
//! and below, and the keys that scroll it, so nothing is hidden without a word.

use ratatui::text::{Line, Span};

use super::super::viewer::Viewer;
use crate::strings::tui as w;

/// The bottom border's title for a pane with `above` lines hidden above and `below` under it
/// (empty when everything shows), naming the keys that scroll it.
pub fn title(above: u16, below: u16, keys: &str, viewer: &Viewer) -> Line<'static> {
    let mut text = String::new();
    if above > 0 {
        text.push_str(&w::more_lines("↑", usize::from(above), viewer.lang));
    }
    if below > 0 {
        text.push_str(&w::more_lines("↓", usize::from(below), viewer.lang));
    }
    if text.is_empty() {
        return Line::default();
    }
    Line::from(Span::styled(
        format!("{text} · {keys} "),
        viewer.theme.key(),
    ))
    .right_aligned()
}
