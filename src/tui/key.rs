//! Keys and decoded input, independent of the terminal library: what every front end's input
//! becomes (crossterm's events locally once, bytes decoded from an SSH channel now).

/// A key press, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Page Up (scrolls a pane by a page).
    PageUp,
    /// Page Down.
    PageDown,
    /// Home (the top of a pane).
    Home,
    /// End (the end of a pane).
    End,
    /// F1 (help, also inside fields).
    F1,
    /// F2 (the client changes what the consultant may do).
    F2,
    /// Ctrl-C.
    CtrlC,
}

/// One decoded input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key press.
    Key(Key),
    /// Pasted text (bracketed paste), already capped at [`super::input::MAX_PASTE`] characters.
    Paste(String),
}

impl Key {
    /// The key's name as the hint bar and the help show it.
    pub fn name(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Backspace => "Backspace".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::F1 => "F1".into(),
            Key::F2 => "F2".into(),
            Key::CtrlC => "Ctrl-C".into(),
        }
    }
}
