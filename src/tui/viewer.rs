//! A viewer: one person looking at an app, with what is theirs alone: their language and colors, the
//! help they opened, where they scrolled the result's detail pane, a note they are writing. Locally
//! there is one; in a guided consultation over SSH the client and the consultant each have one, and
//! what one of them does to their own view never changes the other's.

use kouteki_core::lang::Lang;

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

/// The detail pane of the result screen as one viewer has it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailPane {
    /// Whether the pane has the viewer's focus (↑↓ scroll it instead of moving the selection).
    pub focused: bool,
    /// Which entry the scroll belongs to: another selection starts at the top.
    entry: usize,
    offset: u16,
}

impl DetailPane {
    /// How far the pane is scrolled while `selected` is shown.
    pub fn scroll(&self, selected: usize) -> u16 {
        if self.entry == selected {
            self.offset
        } else {
            0
        }
    }

    /// Scrolls by `lines` (up when negative) while `selected` is shown.
    pub fn scroll_by(&mut self, selected: usize, lines: i32) {
        let now = i32::from(self.scroll(selected));
        self.entry = selected;
        self.offset = u16::try_from((now + lines).max(0)).unwrap_or(u16::MAX);
    }
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
    fn a_scroll_belongs_to_the_entry_it_was_made_on() {
        let mut pane = DetailPane::default();
        pane.scroll_by(2, 3);
        assert_eq!(pane.scroll(2), 3);
        assert_eq!(pane.scroll(1), 0, "another entry starts at the top");
        pane.scroll_by(2, -5);
        assert_eq!(pane.scroll(2), 0, "never above the top");
        pane.scroll_by(1, 1);
        assert_eq!((pane.scroll(1), pane.scroll(2)), (1, 0));
    }
}
