//! A viewer: one person looking at an app, with what is theirs alone: their language and colors, the
//! help they opened, where they scrolled the result's detail pane, a note they are writing. Locally
//! there is one; in a guided consultation over SSH the client and the consultant each have one, and
//! what one of them does to their own view never changes the other's.

use kouteki_core::lang::Lang;
use ratatui::layout::Size;

use super::theme::Theme;

/// Who a viewer is: decides which keys may change the shared interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    /// The person whose interview it is (locally, always).
    Client,
    /// A consultant who joined the client's session: watches, or answers with the client when the
    /// client allows it.
    Consultant,
}

/// How far one scrollable pane is scrolled, and for which item (a finding of the result, a question
/// on screen): another item starts at the top.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    owner: usize,
    offset: u16,
}

impl Scroll {
    /// How far the pane is scrolled while `owner` is shown.
    pub fn offset(&self, owner: usize) -> u16 {
        if self.owner == owner { self.offset } else { 0 }
    }

    /// Scrolls by `lines` (up when negative) while `owner` is shown, never above the top nor past
    /// `max` (where the last line is at the pane's bottom).
    pub fn scroll_by(&mut self, owner: usize, lines: i32, max: u16) {
        let now = i32::from(self.offset(owner));
        self.owner = owner;
        self.offset = u16::try_from((now + lines).clamp(0, i32::from(max))).unwrap_or(max);
    }
}

/// The detail pane of the result screen as one viewer has it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailPane {
    /// Whether the pane has the viewer's focus (↑↓ scroll it instead of moving the selection).
    pub focused: bool,
    /// Whether the pane fills the screen (Enter on the result; Enter or Esc again goes back).
    pub zoomed: bool,
    /// Where it is scrolled, for the selected entry.
    pub scroll: Scroll,
}

/// How one person sees the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// The language everything on screen is drawn in (`L` switches it).
    pub lang: Lang,
    /// Colors or not.
    pub theme: Theme,
    /// Who this is.
    pub person: Person,
    /// Whether the key help is open over their screen.
    pub help: bool,
    /// Their result detail pane.
    pub detail: DetailPane,
    /// Where they scrolled the help box ("why we ask", "where to find this") of the question shown.
    pub help_box: Scroll,
    /// Where they scrolled the welcome screen's text (in a terminal too short for all of it).
    pub welcome: Scroll,
    /// Their terminal's size when last drawn: how far a pane can scroll depends on it.
    pub size: Size,
    /// A consultant's note being written for the selected finding (`n`), not yet attached.
    pub note: Option<String>,
}

impl Viewer {
    /// The client (or the local user) in `lang`, with or without color.
    pub fn new(lang: Lang, theme: Theme) -> Viewer {
        Viewer {
            lang,
            theme,
            person: Person::Client,
            help: false,
            detail: DetailPane::default(),
            help_box: Scroll::default(),
            welcome: Scroll::default(),
            size: Size::new(80, 24),
            note: None,
        }
    }

    /// A consultant joining a session, in their own language.
    pub fn consultant(lang: Lang, theme: Theme) -> Viewer {
        Viewer {
            person: Person::Consultant,
            ..Viewer::new(lang, theme)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scroll_belongs_to_the_entry_it_was_made_on_and_stops_at_both_ends() {
        let mut pane = Scroll::default();
        pane.scroll_by(2, 3, 10);
        assert_eq!(pane.offset(2), 3);
        assert_eq!(pane.offset(1), 0, "another entry starts at the top");
        pane.scroll_by(2, -5, 10);
        assert_eq!(pane.offset(2), 0, "never above the top");
        pane.scroll_by(2, 50, 10);
        assert_eq!(pane.offset(2), 10, "never past the end");
        pane.scroll_by(2, -1, 10);
        assert_eq!(pane.offset(2), 9, "one line up from the end is one press");
        pane.scroll_by(1, 1, 10);
        assert_eq!((pane.offset(1), pane.offset(2)), (1, 0));
    }
}
