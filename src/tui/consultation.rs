//! A guided consultation as the app knows it: the session's code, who asks to join, who joined and
//! whether they may answer. The SSH server moves people in and out; the app decides, from this
//! state, what each viewer's keys may change and what both screens say about it.

/// A consultant in the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultant {
    /// Their display name (the comment of their key).
    pub name: String,
    /// Whether the client lets them answer too (`d`, then `F2`), or only watch (`w`).
    pub may_answer: bool,
}

/// The consultation state of one session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consultation {
    /// The code the client reads to their consultant (`XXX-XXX`); none locally.
    pub code: Option<String>,
    /// The name of a consultant asking to join, until the client answers.
    pub asking: Option<String>,
    /// The consultant who joined.
    pub consultant: Option<Consultant>,
    /// A kept session of this client's key, offered before anything else ("Resume session …?").
    pub kept: Option<String>,
    /// Whether the welcome offers "Resume a session: type its code" (access-code and anonymous
    /// logins, when dropped sessions are kept).
    pub resume_by_code: bool,
}

/// What happened to the consultation outside the app (the server reports it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A consultant asks to join: the client is asked over whatever screen is shown.
    Asked {
        /// The consultant's display name.
        name: String,
    },
    /// The request ended without the client's answer (60 s passed, or the consultant gave up).
    AskEnded,
    /// The consultant's connection dropped.
    ConsultantGone,
    /// The client's connection dropped; the session is kept for them (the consultant is told).
    ClientAway,
    /// The client came back to the kept session.
    ClientBack,
    /// A code typed to resume a session led to no session kept here.
    ResumeFailed(ResumeFailure),
}

/// Why a typed code resumed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResumeFailure {
    /// No session kept here has it (or it is no code).
    NoSuchSession,
    /// The code names another server behind the same balancer: the client must connect there.
    Elsewhere(OtherServer),
}

/// Another `kouteki serve` instance, where codes with its name in front live; the client is told
/// how to reach it when the balancer sent their new connection to this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherServer {
    /// The instance's name, the front of its codes.
    pub name: String,
    /// The host to connect to.
    pub host: String,
    /// Its own port.
    pub port: u16,
    /// The command that connects there.
    pub command: String,
}

/// What the app tells the server to do with the consultant (also what it logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The client let the consultant in: watching, or answering too.
    Admit {
        /// Answering too (`d`).
        may_answer: bool,
    },
    /// The client refused (`n`, Esc).
    Refuse,
    /// The client changed what the consultant may do (`F2`: watch → answer).
    Allow {
        /// Answering too.
        may_answer: bool,
    },
    /// The client removed the consultant (`F2` after answering).
    Remove,
    /// The consultant left (`q`).
    Leave,
}
