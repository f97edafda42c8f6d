//! What can happen to the app (messages, from keys, mouse or the front end) and what the app asks
//! its front end to do (effects: the only way it reaches disk or ends the session).

use kouteki_core::answers::Answers;

/// A user intent or an event from the front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Confirm the selection or the field (Enter, →).
    Confirm,
    /// Go back (←, b, Backspace outside a field).
    Back,
    /// Toggle a multi-choice option (Space).
    Toggle,
    /// Switch panes on the result screen (Tab).
    NextPane,
    /// Switch between English and Japanese.
    SwitchLang,
    /// Open or close the key help.
    Help,
    /// Ask before quitting (q, Esc).
    Quit,
    /// Quit at once (Ctrl-C).
    ForceQuit,
    /// A character typed into a field.
    Input(char),
    /// Erase the last character of a field.
    Erase,
    /// Save the Markdown report (result screen).
    SaveReport,
    /// Start again with no answers (result screen).
    Restart,
    /// Go to the review to change answers (result screen).
    ChangeAnswers,
    /// A mouse click at a row of the screen.
    Click {
        /// Row, from the top.
        row: u16,
    },
    /// The front end reports where the report was saved, or why it was not.
    ReportSaved(Result<String, String>),
    /// The front end cannot save reports (over SSH the client's computer is out of reach).
    ReportUnavailable,
    /// The front end could not save the draft: the user must know their answers are not kept.
    DraftFailed(String),
}

/// Something the front end must do for the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the draft of answers (atomically, mode 0600), unless saving is off.
    SaveDraft(Answers),
    /// Delete the saved draft (the user started again or declined to resume).
    DiscardDraft,
    /// Save this Markdown report and answer with [`Message::ReportSaved`].
    SaveReport(String),
    /// Keep a copy of the answers and the report for the consultant (the client agreed on screen).
    Record {
        /// The answers that count.
        answers: Answers,
        /// The Markdown report.
        markdown: String,
    },
    /// End the session.
    Quit,
}
