//! The one key table: each binding says which keys give which command, where it applies, how the
//! hint bar names it and what the help says. The key mapping, the hint bar and the help overlay all
//! read this table, so they cannot disagree.
//!
//! Two rules stand beside the table: in a number, date or text field printable keys are typed into
//! the field (no letter shortcut applies there), and in a yes/no dialog any key that is not "yes"
//! answers "no".

use kouteki_core::content::QuestionKind;
use kouteki_core::i18n::Text2;

use super::app::{App, Screen};
use super::key::{Input, Key};
use super::message::{Command, Message};
use super::screen::is_typed;
use super::viewer::{Person, Viewer};
use crate::strings::tui as w;

/// Where a binding applies: a set of contexts (the screen shown, or the overlay over it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope(u16);

impl Scope {
    /// The welcome screen.
    pub const WELCOME: Scope = Scope(1);
    /// A yes/no or single-choice question.
    pub const CHOICE: Scope = Scope(1 << 1);
    /// A multi-choice question.
    pub const MULTI: Scope = Scope(1 << 2);
    /// A number, date or text question: printable keys are typed.
    pub const TYPED: Scope = Scope(1 << 3);
    /// The review.
    pub const REVIEW: Scope = Scope(1 << 4);
    /// The result.
    pub const RESULT: Scope = Scope(1 << 5);
    /// A yes/no dialog (quit, recording consent).
    pub const DIALOG: Scope = Scope(1 << 6);
    /// A consultant asks to join (w / d / n).
    pub const JOIN: Scope = Scope(1 << 7);
    /// The result's detail pane on the whole screen.
    pub const ZOOMED: Scope = Scope(1 << 8);
    /// Any question.
    pub const QUESTION: Scope = Scope(Self::CHOICE.0 | Self::MULTI.0 | Self::TYPED.0);
    /// The result, with its detail pane in place or on the whole screen.
    pub const RESULTS: Scope = Scope(Self::RESULT.0 | Self::ZOOMED.0);
    /// Every screen (not the dialogs).
    pub const SCREENS: Scope =
        Scope(Self::WELCOME.0 | Self::QUESTION.0 | Self::REVIEW.0 | Self::RESULTS.0);
    /// Screens and dialogs.
    pub const ALL: Scope = Scope(Self::SCREENS.0 | Self::DIALOG.0 | Self::JOIN.0);

    /// Both sets.
    pub const fn or(self, other: Scope) -> Scope {
        Scope(self.0 | other.0)
    }

    /// The first set without the second.
    pub const fn except(self, other: Scope) -> Scope {
        Scope(self.0 & !other.0)
    }

    /// Whether `context` is in the set.
    pub fn contains(self, context: Scope) -> bool {
        self.0 & context.0 != 0
    }
}

/// Whose keys a binding is: the client's, a consultant's, or everyone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who(u8);

impl Who {
    /// The client (and the local user).
    pub const CLIENT: Who = Who(1);
    /// A consultant who joined.
    pub const CONSULTANT: Who = Who(2);
    /// Everyone.
    pub const ANY: Who = Who(3);

    /// Whether `person` is included.
    pub fn includes(self, person: Person) -> bool {
        let bit = match person {
            Person::Client => Self::CLIENT.0,
            Person::Consultant => Self::CONSULTANT.0,
        };
        self.0 & bit != 0
    }
}

/// How the hint bar shows a binding.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    /// Where it is shown (within where the binding applies).
    pub on: Scope,
    /// The keys as shown; `None`: the name of the first key that applies there.
    pub keys: Option<&'static str>,
    /// What it does, in a word or two.
    pub label: Text2,
}

/// One line of the help overlay.
#[derive(Debug, Clone, Copy)]
pub struct HelpLine {
    /// The keys as shown.
    pub keys: &'static str,
    /// What they do.
    pub label: Text2,
}

/// Keys, the command they give, and where.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Each key and its command.
    pub keys: &'static [(Key, Command)],
    /// Where the binding applies.
    pub on: Scope,
    /// Whose keys they are.
    pub who: Who,
    /// Its entry in the hint bar, if it has one.
    pub hint: Option<Hint>,
    /// Its line in the help, if it has one.
    pub help: Option<HelpLine>,
}

const fn hint(on: Scope, keys: Option<&'static str>, label: Text2) -> Option<Hint> {
    Some(Hint { on, keys, label })
}

const fn help(keys: &'static str, label: Text2) -> Option<HelpLine> {
    Some(HelpLine { keys, label })
}

/// The table, in the order of the hint bar and the help. Where two bindings share a key (Backspace
/// erases in a field, goes back elsewhere), the first that applies wins.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::Char('w'), Command::LetWatch),
            (Key::Char('W'), Command::LetWatch),
            (Key::Char('d'), Command::LetAnswer),
            (Key::Char('D'), Command::LetAnswer),
            (Key::Char('n'), Command::Refuse),
            (Key::Char('N'), Command::Refuse),
            (Key::Esc, Command::Refuse),
        ],
        on: Scope::JOIN,
        who: Who::CLIENT,
        hint: None,
        help: None,
    },
    Binding {
        keys: &[
            (Key::Char('y'), Command::Yes),
            (Key::Char('Y'), Command::Yes),
            (Key::Enter, Command::Confirm),
        ],
        on: Scope::DIALOG,
        who: Who::ANY,
        hint: None,
        help: None,
    },
    Binding {
        keys: &[
            (Key::Enter, Command::Unzoom),
            (Key::Esc, Command::Unzoom),
            (Key::Tab, Command::Unzoom),
            (Key::BackTab, Command::Unzoom),
            (Key::Left, Command::Unzoom),
            (Key::Backspace, Command::Unzoom),
        ],
        on: Scope::ZOOMED,
        who: Who::ANY,
        hint: hint(Scope::ZOOMED, Some("Esc"), w::HINT_UNZOOM),
        help: help("Esc  Enter  Tab", w::HELP_UNZOOM),
    },
    Binding {
        keys: &[
            (Key::Up, Command::Up),
            (Key::Char('k'), Command::Up),
            (Key::Down, Command::Down),
            (Key::Char('j'), Command::Down),
        ],
        on: Scope::SCREENS,
        who: Who::ANY,
        hint: hint(
            Scope::SCREENS.except(Scope::ZOOMED),
            Some("↑↓"),
            w::HINT_MOVE,
        ),
        help: help("↑ ↓  k j", w::HELP_MOVE),
    },
    Binding {
        keys: &[
            (Key::PageUp, Command::PageUp),
            (Key::PageDown, Command::PageDown),
            (Key::Home, Command::Top),
            (Key::End, Command::Bottom),
        ],
        on: Scope::SCREENS,
        who: Who::ANY,
        hint: hint(Scope::ZOOMED, Some("↑↓ PgUp/PgDn"), w::HINT_PAGE),
        help: help("PgUp PgDn", w::HELP_PAGE),
    },
    Binding {
        keys: &[(Key::Enter, Command::Zoom)],
        on: Scope::RESULT,
        who: Who::ANY,
        hint: hint(Scope::RESULT, Some("Enter"), w::HINT_ZOOM),
        help: help("Enter", w::HELP_ZOOM),
    },
    Binding {
        keys: &[
            (Key::Enter, Command::Confirm),
            (Key::Right, Command::Confirm),
            (Key::Char('l'), Command::Confirm),
        ],
        on: Scope::SCREENS.except(Scope::RESULTS),
        who: Who::ANY,
        hint: hint(Scope::SCREENS.except(Scope::RESULTS), None, w::HINT_CONFIRM),
        help: help("Enter  →", w::HELP_CONFIRM),
    },
    Binding {
        keys: &[(Key::Char(' '), Command::Toggle)],
        on: Scope::WELCOME.or(Scope::MULTI),
        who: Who::ANY,
        hint: hint(Scope::MULTI, None, w::HINT_TOGGLE),
        help: help("Space", w::HELP_TOGGLE),
    },
    Binding {
        keys: &[(Key::Backspace, Command::Erase)],
        on: Scope::TYPED,
        who: Who::ANY,
        hint: None,
        help: None,
    },
    // Before "back", whose `h` it takes on the result screen (the issue names `h` for it).
    Binding {
        keys: &[(Key::Char('h'), Command::SaveHtmlReport)],
        on: Scope::RESULTS,
        who: Who::ANY,
        // The hint bar shows it beside `s` ("s/h save report"), where it belongs.
        hint: None,
        help: help("h", w::HELP_SAVE_HTML),
    },
    Binding {
        keys: &[
            (Key::Left, Command::Back),
            (Key::Char('b'), Command::Back),
            (Key::Char('h'), Command::Back),
            (Key::Backspace, Command::Back),
        ],
        on: Scope::SCREENS,
        who: Who::ANY,
        hint: hint(Scope::QUESTION.or(Scope::REVIEW), None, w::HINT_BACK),
        help: help("← b  Backspace", w::HELP_BACK),
    },
    Binding {
        keys: &[(Key::Char('s'), Command::SaveReport)],
        on: Scope::RESULTS,
        who: Who::ANY,
        hint: hint(Scope::RESULT, Some("s/h"), w::HINT_SAVE),
        help: help("s", w::HELP_SAVE),
    },
    Binding {
        keys: &[(Key::Char('i'), Command::SaveCalendar)],
        on: Scope::RESULT,
        who: Who::ANY,
        // The help lists it; the hint bar keeps its width (the result screen's layout is shared).
        hint: None,
        help: help("i", w::HELP_SAVE_CALENDAR),
    },
    Binding {
        keys: &[(Key::Char('c'), Command::ChangeAnswers)],
        on: Scope::RESULT,
        who: Who::ANY,
        hint: hint(Scope::RESULT, None, w::HINT_CHANGE),
        help: help("c", w::HELP_CHANGE),
    },
    Binding {
        keys: &[(Key::Char('r'), Command::Restart)],
        on: Scope::RESULT,
        who: Who::ANY,
        hint: hint(Scope::RESULT, None, w::HINT_RESTART),
        help: help("r", w::HELP_RESTART),
    },
    Binding {
        keys: &[
            (Key::Tab, Command::NextPane),
            (Key::BackTab, Command::NextPane),
        ],
        on: Scope::RESULT,
        who: Who::ANY,
        hint: hint(Scope::RESULT, None, w::HINT_PANE),
        help: help("Tab", w::HELP_PANE),
    },
    Binding {
        keys: &[(Key::Char('L'), Command::SwitchLang)],
        on: Scope::SCREENS,
        who: Who::ANY,
        hint: hint(Scope::SCREENS, None, w::HINT_LANG),
        help: help("L", w::HELP_LANG),
    },
    Binding {
        keys: &[(Key::Char('?'), Command::Help), (Key::F1, Command::Help)],
        on: Scope::SCREENS,
        who: Who::ANY,
        hint: hint(Scope::SCREENS, None, w::HINT_HELP),
        help: help("? F1", w::HELP_HELP),
    },
    Binding {
        keys: &[(Key::Char('m'), Command::Mark)],
        on: Scope::QUESTION.or(Scope::REVIEW).or(Scope::RESULTS),
        who: Who::ANY,
        hint: None,
        help: help("m", w::HELP_MARK),
    },
    Binding {
        keys: &[(Key::Char('n'), Command::Note)],
        on: Scope::RESULTS,
        who: Who::CONSULTANT,
        hint: hint(Scope::RESULT, None, w::HINT_NOTE),
        help: help("n", w::HELP_NOTE),
    },
    Binding {
        keys: &[(Key::F2, Command::Consultant)],
        on: Scope::SCREENS,
        who: Who::CLIENT,
        hint: None,
        help: help("F2", w::HELP_CONSULTANT),
    },
    Binding {
        keys: &[(Key::Char('q'), Command::Quit), (Key::Esc, Command::Quit)],
        on: Scope::SCREENS,
        who: Who::CLIENT,
        hint: hint(Scope::SCREENS, None, w::HINT_QUIT),
        help: help("q Esc", w::HELP_QUIT),
    },
    Binding {
        keys: &[(Key::Char('q'), Command::Quit), (Key::Esc, Command::Quit)],
        on: Scope::SCREENS,
        who: Who::CONSULTANT,
        hint: hint(Scope::SCREENS, None, w::HINT_LEAVE),
        help: help("q Esc", w::HELP_LEAVE),
    },
    Binding {
        keys: &[(Key::CtrlC, Command::ForceQuit)],
        on: Scope::ALL,
        who: Who::ANY,
        hint: None,
        help: help("Ctrl-C", w::HELP_FORCE_QUIT),
    },
];

/// Where the app is for this viewer, for the table: a note they are writing, the client's
/// dialog or request to join (a consultant's keys never answer those), or the screen and the kind
/// of question. `None` while their help is open (any key closes it).
pub fn context(app: &App, viewer: &Viewer) -> Option<Scope> {
    if viewer.help {
        return None;
    }
    if viewer.note.is_some() {
        return Some(Scope::TYPED);
    }
    if viewer.person == Person::Client {
        if app.consultation().asking.is_some() {
            return Some(Scope::JOIN);
        }
        if app.overlay().is_some() {
            return Some(Scope::DIALOG);
        }
    }
    Some(screen_context(app, viewer))
}

/// The context of the screen itself as `viewer` has it, whatever is over it (the hint bar shows the
/// screen's keys).
pub fn screen_context(app: &App, viewer: &Viewer) -> Scope {
    match app.screen() {
        Screen::Welcome { .. } => Scope::WELCOME,
        Screen::Review { .. } => Scope::REVIEW,
        Screen::Result(_) if viewer.detail.zoomed => Scope::ZOOMED,
        Screen::Result(_) => Scope::RESULT,
        Screen::ResumeCode(_) => Scope::TYPED,
        Screen::Question(_) => match app
            .current_question()
            .map(|q| &app.content().questions[q].kind)
        {
            Some(kind) if is_typed(kind) => Scope::TYPED,
            Some(QuestionKind::MultiChoice { .. }) => Scope::MULTI,
            _ => Scope::CHOICE,
        },
    }
}

/// Whether `key` of a binding applies in `context`: letters never do in a typed field.
fn applies(key: Key, context: Scope) -> bool {
    !(context == Scope::TYPED && matches!(key, Key::Char(_)))
}

/// The command `key` gives `person` in `context`, by the table.
pub fn command_for(context: Scope, person: Person, key: Key) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.on.contains(context) && b.who.includes(person))
        .flat_map(|b| b.keys.iter())
        .find(|(k, _)| *k == key && applies(key, context))
        .map(|(_, command)| *command)
}

/// The message a key of `viewer`'s means in the app's current state (`None`: the key does nothing
/// here).
pub fn message_for(app: &App, viewer: &Viewer, key: Key) -> Option<Message> {
    let Some(context) = context(app, viewer) else {
        let command = if key == Key::CtrlC {
            Command::ForceQuit
        } else {
            Command::CloseHelp
        };
        return Some(command.into());
    };
    if let Some(command) = command_for(context, viewer.person, key) {
        return Some(command.into());
    }
    match key {
        Key::Char(c) if context == Scope::TYPED => Some(Message::Type(c)),
        _ if context == Scope::DIALOG => Some(Command::No.into()),
        _ => None,
    }
}

/// The messages a decoded input means: a key through [`message_for`], a paste typed into the field
/// (pastes elsewhere do nothing). Every front end feeds its input through here.
pub fn messages_for(app: &App, viewer: &Viewer, input: Input) -> Vec<Message> {
    match input {
        Input::Key(key) => message_for(app, viewer, key).into_iter().collect(),
        Input::Paste(text) if context(app, viewer) == Some(Scope::TYPED) => {
            text.chars().map(Message::Type).collect()
        }
        Input::Paste(_) => Vec::new(),
    }
}

/// One entry of the hint bar.
#[derive(Debug, Clone)]
pub struct HintEntry {
    /// The keys as shown.
    pub keys: String,
    /// What they do.
    pub label: Text2,
    /// Kept when the bar is too narrow for all: help, quit (or leave), confirm and the way back
    /// from the whole-screen detail.
    pub essential: bool,
}

/// The hint bar's entries for `person` in `context`: each binding's keys as shown and what it does.
pub fn hints(context: Scope, person: Person) -> Vec<HintEntry> {
    BINDINGS
        .iter()
        .filter(|b| b.on.contains(context) && b.who.includes(person))
        .filter_map(|b| {
            let hint = b.hint.filter(|h| h.on.contains(context))?;
            let keys = match hint.keys {
                Some(keys) => keys.to_string(),
                None => b.keys.iter().find(|(k, _)| applies(*k, context))?.0.name(),
            };
            let essential = b.keys.iter().any(|(_, c)| {
                matches!(
                    c,
                    Command::Help | Command::Quit | Command::Confirm | Command::Unzoom
                )
            });
            Some(HintEntry {
                keys,
                label: hint.label,
                essential,
            })
        })
        .collect()
}

/// The help's lines for `person`: the keys that work in `context` (the screen under the help), in
/// table order, so a small terminal holds them.
pub fn help_lines(context: Scope, person: Person) -> impl Iterator<Item = HelpLine> {
    BINDINGS
        .iter()
        .filter(move |b| b.who.includes(person) && b.on.contains(context))
        .filter(move |b| b.keys.iter().any(|(k, _)| applies(*k, context)))
        .filter_map(|b| b.help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_on_a_screen_has_a_help_line() {
        // Only a field's erasing and a dialog's answers go without: the dialog says its keys.
        for binding in BINDINGS {
            let internal = binding
                .on
                .except(Scope::TYPED.or(Scope::DIALOG).or(Scope::JOIN))
                == Scope(0);
            assert!(
                binding.help.is_some() || internal,
                "keys {:?} have no help line",
                binding.keys
            );
        }
    }

    fn command_for_client(context: Scope, key: Key) -> Option<Command> {
        command_for(context, Person::Client, key)
    }

    #[test]
    fn the_consultant_leaves_where_the_client_quits_and_only_the_client_has_f2() {
        let consultant = |context, key| command_for(context, Person::Consultant, key);
        assert_eq!(
            consultant(Scope::RESULT, Key::Char('q')),
            Some(Command::Quit)
        );
        assert_eq!(
            consultant(Scope::RESULT, Key::Char('n')),
            Some(Command::Note)
        );
        assert_eq!(command_for_client(Scope::RESULT, Key::Char('n')), None);
        assert_eq!(consultant(Scope::CHOICE, Key::F2), None);
        assert_eq!(
            command_for_client(Scope::CHOICE, Key::F2),
            Some(Command::Consultant)
        );
        assert_eq!(
            command_for_client(Scope::JOIN, Key::Char('d')),
            Some(Command::LetAnswer)
        );
        assert_eq!(
            command_for_client(Scope::JOIN, Key::Esc),
            Some(Command::Refuse)
        );
        assert_eq!(
            command_for_client(Scope::JOIN, Key::Char('q')),
            None,
            "other keys wait"
        );
        let leave: Vec<_> = hints(Scope::RESULT, Person::Consultant);
        assert!(leave.iter().any(|h| h.label.en == w::HINT_LEAVE.en));
        assert!(!leave.iter().any(|h| h.label.en == w::HINT_QUIT.en));
    }

    #[test]
    fn letters_are_typed_in_fields_and_shortcuts_elsewhere() {
        assert_eq!(command_for_client(Scope::TYPED, Key::Char('q')), None);
        assert_eq!(
            command_for_client(Scope::CHOICE, Key::Char('q')),
            Some(Command::Quit)
        );
        assert_eq!(
            command_for_client(Scope::TYPED, Key::Esc),
            Some(Command::Quit)
        );
        assert_eq!(
            command_for_client(Scope::TYPED, Key::Backspace),
            Some(Command::Erase)
        );
        assert_eq!(
            command_for_client(Scope::REVIEW, Key::Backspace),
            Some(Command::Back)
        );
        assert_eq!(
            command_for_client(Scope::RESULT, Key::Char('s')),
            Some(Command::SaveReport)
        );
        assert_eq!(command_for_client(Scope::REVIEW, Key::Char('s')), None);
        assert_eq!(
            command_for_client(Scope::RESULT, Key::Char('h')),
            Some(Command::SaveHtmlReport)
        );
        assert_eq!(
            command_for_client(Scope::REVIEW, Key::Char('h')),
            Some(Command::Back)
        );
        assert_eq!(
            command_for_client(Scope::RESULT, Key::Char('i')),
            Some(Command::SaveCalendar)
        );
        assert_eq!(command_for_client(Scope::REVIEW, Key::Char('i')), None);
    }

    #[test]
    fn hints_name_the_key_that_works_there() {
        let keys = |context| -> Vec<String> {
            hints(context, Person::Client)
                .into_iter()
                .map(|h| h.keys)
                .collect()
        };
        assert_eq!(keys(Scope::TYPED), ["↑↓", "Enter", "←", "F1", "Esc"]);
        assert_eq!(keys(Scope::CHOICE), ["↑↓", "Enter", "←", "L", "?", "q"]);
        assert_eq!(
            keys(Scope::MULTI),
            ["↑↓", "Enter", "Space", "←", "L", "?", "q"]
        );
        assert_eq!(keys(Scope::WELCOME), ["↑↓", "Enter", "L", "?", "q"]);
        assert_eq!(
            keys(Scope::RESULT),
            ["↑↓", "Enter", "s/h", "c", "r", "Tab", "L", "?", "q"]
        );
    }
}
