//! What can happen to the app and what it asks of its front end. Commands are what a person can
//! bind to a key ([`super::keymap`]); messages add typed characters and the front end's reports;
//! effects are the only way the app reaches the disk or ends the session.

use super::consultation::{Decision, Event};
use super::notice::Notice;

/// A user intent, bound to keys in the one key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Confirm the selection or the field (Enter, →).
    Confirm,
    /// Go back (←, b, Backspace outside a field).
    Back,
    /// Tick a multi-choice option (Space).
    Toggle,
    /// Switch panes on the result screen (Tab).
    NextPane,
    /// Show the result's detail pane on the whole screen (Enter on the result).
    Zoom,
    /// Back from the whole-screen detail pane (Enter, Esc, Tab).
    Unzoom,
    /// Scroll the pane that scrolls here (the result's detail, a question's help box) a page up.
    PageUp,
    /// Scroll it a page down.
    PageDown,
    /// Scroll it to its top.
    Top,
    /// Scroll it to its end.
    Bottom,
    /// Switch between English and Japanese (the viewer's own language).
    SwitchLang,
    /// Open the key help.
    Help,
    /// Close the key help (any key while it is open).
    CloseHelp,
    /// Ask before quitting (q, Esc).
    Quit,
    /// Quit at once (Ctrl-C).
    ForceQuit,
    /// Erase the last character of a field (Backspace in a field).
    Erase,
    /// Save the Markdown report (result screen).
    SaveReport,
    /// Save the printable HTML report (result screen).
    SaveHtmlReport,
    /// Save the timeline's coming dates as a calendar file (result screen).
    SaveCalendar,
    /// Start again with no answers (result screen).
    Restart,
    /// Go to the review to change answers (result screen).
    ChangeAnswers,
    /// "Yes" to the question of a dialog (y).
    Yes,
    /// "No" to the question of a dialog (any other key).
    No,
    /// Change what the consultant may do: watch → answer too → removed (F2, the client's).
    Consultant,
    /// Let the asking consultant watch (w).
    LetWatch,
    /// Let the asking consultant watch and answer (d).
    LetAnswer,
    /// Refuse the asking consultant (n, Esc).
    Refuse,
    /// Mark the question, review row or finding "to discuss" (m), or unmark it.
    Mark,
    /// Write a note on the selected finding (n, the consultant's).
    Note,
}

/// Anything the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A command from a key.
    Command(Command),
    /// A character typed into the field on screen.
    Type(char),
    /// The front end reports something the user must know (a saved report, a failed draft).
    Notify(Notice),
    /// Something happened to the consultation (a consultant asks to join, or went away).
    Consultation(Event),
}

impl From<Command> for Message {
    fn from(command: Command) -> Message {
        Message::Command(command)
    }
}

/// Something the front end must do for the app. Each carries everything needed, already rendered,
/// so a front end only writes bytes where it keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Replace the draft with this answers file (atomically, mode 0600).
    SaveDraft(String),
    /// Delete the saved draft (the user started again or declined to resume).
    DiscardDraft,
    /// Save this report and answer with [`Message::Notify`].
    SaveReport(ReportFile),
    /// Keep a copy for the consultant (the client agreed on screen): the answers file, the
    /// Markdown report and the calendar file of the same result.
    Record {
        /// The answers file, with `as_of` and `lang`, so `kouteki eval` reproduces the report.
        answers: String,
        /// The Markdown report.
        markdown: String,
        /// The calendar file of the timeline's coming dates (`--format ics`).
        calendar: String,
    },
    /// Let in, refuse, change or remove the consultant, as the client decided (or the consultant
    /// leaves).
    Consultation(Decision),
    /// Take this client back into the kept session with this code (this session then ends).
    Resume(String),
    /// End the session.
    Quit,
}

/// A rendered report to save, with its format (which names the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// The format it is in.
    pub format: ReportFormat,
    /// The document.
    pub text: String,
}

/// The formats the result screen saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Markdown (`s`), to paste or mail.
    Markdown,
    /// A printable HTML page (`h`).
    Html,
    /// The calendar file of the timeline's coming dates (`i`).
    Calendar,
}

impl ReportFile {
    /// The report in `format`.
    pub fn new(format: ReportFormat, report: &kouteki_core::report::Report) -> ReportFile {
        let text = match format {
            ReportFormat::Markdown => kouteki_core::report::to_markdown(report),
            ReportFormat::Html => kouteki_core::report::to_html(report),
            ReportFormat::Calendar => kouteki_core::report::to_ics(report),
        };
        ReportFile { format, text }
    }
}

impl ReportFormat {
    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Calendar => "ics",
        }
    }
}
