//! Keys, the one place they become messages. Front ends convert their own events (crossterm's, or
//! bytes decoded from an SSH channel) into [`Key`] and call [`message_for`].

use super::app::{App, Overlay, Screen};
use super::input::Input;
use super::message::Message;

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
    /// F1 (help, also inside fields).
    F1,
    /// Ctrl-C.
    CtrlC,
}

/// The message a key means in the app's current state (`None`: the key does nothing here).
///
/// In a number, date or text field printable keys are typed into the field; the letter shortcuts work
/// everywhere else. Esc, Ctrl-C, Enter, arrows, Tab and F1 work in fields too.
pub fn message_for(app: &App, key: Key) -> Option<Message> {
    if matches!(app.overlay, Overlay::ConfirmQuit | Overlay::RecordConsent) {
        return Some(match key {
            Key::Char(c) => Message::Input(c),
            Key::Enter => Message::Confirm,
            Key::CtrlC => Message::ForceQuit,
            _ => Message::Back,
        });
    }
    let in_field = app.in_text_field();
    Some(match key {
        Key::CtrlC => Message::ForceQuit,
        Key::Esc => Message::Quit,
        Key::F1 => Message::Help,
        Key::Enter | Key::Right => Message::Confirm,
        Key::Up => Message::Up,
        Key::Down => Message::Down,
        Key::Left => Message::Back,
        Key::Tab | Key::BackTab => Message::NextPane,
        Key::Backspace if in_field => Message::Erase,
        Key::Backspace => Message::Back,
        Key::Char(c) if in_field => Message::Input(c),
        Key::Char(c) => return shortcut(app, c),
    })
}

fn shortcut(app: &App, c: char) -> Option<Message> {
    Some(match c {
        'k' => Message::Up,
        'j' => Message::Down,
        'b' | 'h' => Message::Back,
        'l' => Message::Confirm,
        ' ' => Message::Toggle,
        'L' => Message::SwitchLang,
        '?' => Message::Help,
        'q' => Message::Quit,
        's' if app.screen == Screen::Result => Message::SaveReport,
        'r' if app.screen == Screen::Result => Message::Restart,
        'c' if app.screen == Screen::Result => Message::ChangeAnswers,
        _ => return None,
    })
}

/// The messages a decoded input means: a key through [`message_for`], a paste typed into the field
/// (pastes outside a field do nothing). Every front end feeds its input through here.
pub fn messages_for(app: &App, input: Input) -> Vec<Message> {
    match input {
        Input::Key(key) => message_for(app, key).into_iter().collect(),
        Input::Paste(text) if app.in_text_field() => text.chars().map(Message::Input).collect(),
        Input::Paste(_) => Vec::new(),
    }
}
