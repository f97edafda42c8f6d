//! The consultant console's state and update: the code being typed and what the last attempt came
//! to. Pure, like the interview app: the console task carries out the actions it returns.

use super::super::instance::Peer;
use super::super::knock::Visit;
use crate::tui::Key;
use kouteki_core::lang::Lang;

/// The longest text the code field takes (a code is 7 characters with its dash; spaces are allowed).
const MAX_TYPED: usize = 12;

/// What the last attempt came to, shown under the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nothing yet.
    Ready,
    /// The code was wrong, or no session has it.
    NoSuchSession,
    /// The code names another instance: connect there.
    Elsewhere(Peer),
    /// The request waits for the client's answer.
    Waiting,
    /// A visit ended this way.
    Visited(Visit),
}

/// The console as the consultant sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Console {
    /// The consultant's display name.
    pub name: String,
    /// The console's language (`L` switches it).
    pub lang: Lang,
    /// The code typed so far.
    pub typed: String,
    /// What the last attempt came to.
    pub status: Status,
    /// Wrong codes in a row.
    pub strikes: usize,
}

/// What the console task must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Look up this code and ask to join.
    Join(String),
    /// Close the console.
    Quit,
}

impl Console {
    /// A fresh console for `name`.
    pub fn new(name: String, lang: Lang) -> Console {
        Console {
            name,
            lang,
            typed: String::new(),
            status: Status::Ready,
            strikes: 0,
        }
    }

    /// Applies a key; an action when the task has something to do.
    pub fn key(&mut self, key: Key) -> Option<Action> {
        match key {
            Key::Enter if !self.typed.trim().is_empty() => {
                return Some(Action::Join(std::mem::take(&mut self.typed)));
            }
            Key::Esc | Key::CtrlC => return Some(Action::Quit),
            // `L` is never part of a code (the alphabet has no L), so it can switch the language.
            Key::Char('L') => self.lang = self.lang.other(),
            Key::Char(c)
                if (c.is_ascii_alphanumeric() || c == '-' || c == ' ')
                    && self.typed.len() < MAX_TYPED =>
            {
                self.typed.push(c);
            }
            Key::Backspace => {
                self.typed.pop();
            }
            _ => {}
        }
        None
    }

    /// A wrong code: one more strike.
    pub fn wrong_code(&mut self) {
        self.strikes += 1;
        self.status = Status::NoSuchSession;
    }

    /// A code of another instance: told where to connect, and a strike like a wrong code (nothing
    /// here has it), so codes cannot be tried faster by naming another instance.
    pub fn elsewhere(&mut self, peer: Peer) {
        self.strikes += 1;
        self.status = Status::Elsewhere(peer);
    }

    /// A code of a live session: the strikes start again.
    pub fn asking(&mut self) {
        self.strikes = 0;
        self.status = Status::Waiting;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_typed_and_sent_with_enter_and_l_switches_the_language() {
        let mut console = Console::new("Sato".into(), Lang::En);
        for c in "k7q-2mp".chars() {
            assert_eq!(console.key(Key::Char(c)), None);
        }
        assert_eq!(console.key(Key::Char('L')), None);
        assert_eq!(console.lang, Lang::Ja);
        console.key(Key::Backspace);
        console.key(Key::Char('p'));
        assert_eq!(
            console.key(Key::Enter),
            Some(Action::Join("k7q-2mp".into()))
        );
        assert!(console.typed.is_empty());
        assert_eq!(console.key(Key::Enter), None, "nothing to send");
        for _ in 0..40 {
            console.key(Key::Char('A'));
        }
        assert_eq!(console.typed.len(), MAX_TYPED);
        assert_eq!(console.key(Key::Esc), Some(Action::Quit));
    }

    #[test]
    fn strikes_count_wrong_codes_in_a_row() {
        let mut console = Console::new("Sato".into(), Lang::En);
        console.wrong_code();
        console.wrong_code();
        assert_eq!(console.strikes, 2);
        console.elsewhere("c=other.example:2203".parse().expect("a peer"));
        assert_eq!(
            console.strikes, 3,
            "another instance's code is a strike too"
        );
        console.asking();
        assert_eq!((console.strikes, console.status), (0, Status::Waiting));
    }
}
