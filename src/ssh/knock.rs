//! What is left at a session's door (found by its code in the registry): a consultant's request to
//! join, and how the visit ended (the consultant's attachment always comes back with the outcome,
//! so the console goes on where it was); or a client coming back to their kept session.

use tokio::sync::oneshot;

use super::attachment::Attachment;

/// A request to join.
#[derive(Debug)]
pub struct Knock {
    /// The consultant's display name (their key's comment).
    pub name: String,
    /// Their screen and input, held by the session until the visit ends.
    pub attachment: Attachment,
    /// Where the session sends the attachment back with how the visit ended.
    pub outcome: oneshot::Sender<Outcome>,
}

/// How a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// Another consultant is in the session, or asking.
    Busy,
    /// The client refused.
    Refused,
    /// The client did not answer within the time allowed.
    NoAnswer,
    /// The consultant left (`q`).
    Left,
    /// The client removed the consultant (`F2`).
    Removed,
    /// The client's session ended (they quit, or their connection dropped).
    Ended,
    /// The consultant's own connection dropped.
    Gone,
}

impl Visit {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Visit::Busy => "busy",
            Visit::Refused => "refused",
            Visit::NoAnswer => "no answer",
            Visit::Left => "left",
            Visit::Removed => "removed by the client",
            Visit::Ended => "session ended",
            Visit::Gone => "consultant disconnected",
        }
    }
}

/// The end of a visit, with the consultant's attachment.
#[derive(Debug)]
pub struct Outcome {
    /// Their screen and input, back.
    pub attachment: Attachment,
    /// How it ended.
    pub visit: Visit,
}

impl Knock {
    /// Ends the visit: the attachment goes back to the console with `visit`.
    pub fn answer(self, visit: Visit) {
        let _ = self.outcome.send(Outcome {
            attachment: self.attachment,
            visit,
        });
    }
}

/// A client whose connection dropped, back on a new connection.
#[derive(Debug)]
pub struct Return {
    /// Their new screen and input.
    pub attachment: Attachment,
    /// `Ok` when the session took them back; their attachment back when it was not waiting.
    pub reply: oneshot::Sender<Result<(), Attachment>>,
}

/// Anything left at a session's door.
#[derive(Debug)]
pub enum AtDoor {
    /// A consultant asks to join.
    Knock(Knock),
    /// The client comes back.
    Return(Return),
}
