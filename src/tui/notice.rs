//! One-line notices for the user, as values: put into words in the viewer's language when drawn, so
//! a language switch translates them too.

/// What the hint bar tells the user instead of the keys, until their next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The report was saved at this path (readable only by the user).
    ReportSaved(String),
    /// The report could not be saved, for this reason.
    ReportFailed(String),
    /// Over SSH the report cannot be saved on the client's computer.
    ReportUnavailable,
    /// The calendar file was saved at this path (readable only by the user).
    CalendarSaved(String),
    /// The timeline has no date from today on, so there is no calendar to save.
    NoCalendarDates,
    /// The draft could not be saved, for this reason: answers are kept only until quitting.
    DraftFailed(String),
    /// The consultant (this name) left the session, or their connection dropped.
    ConsultantLeft(String),
    /// The client removed the consultant (this name) with F2.
    ConsultantRemoved(String),
    /// The consultant (this name) asked to join and was not let in: no answer in time, or they
    /// stopped asking.
    JoinNotAnswered(String),
    /// The client's connection dropped; the session is kept for them.
    ClientAway,
    /// The client reconnected.
    ClientBack,
}
