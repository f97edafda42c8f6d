//! The session's loop: one app, the client (here, away, or handing their connection over), maybe a
//! consultant or a request to join, and whatever wakes it.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{Instant, sleep_until};

use super::super::attachment::Attachment;
use super::super::knock::{AtDoor, Knock, Outcome, Visit};
use super::super::participant::{Happening, Participant, sleep_or_never};
use super::super::session_code::Held;
use super::super::session_io::SessionIo;
use super::{End, SessionSetup};
use crate::tui::app::{App, Recording, Storage};
use crate::tui::consultation::{Decision, Event, ResumeFailure};
use crate::tui::run::{Flow, Io, Runner, Seat};
use crate::tui::{Message, Theme, Viewer};
use kouteki_core::lang::Lang;

/// How many requests may wait at a door (more are refused by the sender as "busy").
const DOOR_QUEUE: usize = 4;

/// A consultant in the session.
#[derive(Debug)]
pub(super) struct Visitor {
    pub(super) name: String,
    pub(super) participant: Participant,
    outcome: oneshot::Sender<Outcome>,
    since: Instant,
}

impl Visitor {
    /// Ends the visit: their attachment goes back to their console.
    fn dismiss(self, visit: Visit, code: &Held) {
        tracing::info!(
            conn = self.participant.attachment.conn,
            code = %code.code(),
            consultant = %self.name,
            duration_s = self.since.elapsed().as_secs(),
            how = visit.as_str(),
            "consultant left the session"
        );
        // The language they chose in the session is the one they now read: the console keeps it.
        let mut attachment = self.participant.attachment;
        attachment.lang = self.participant.seat.viewer.lang;
        let _ = self.outcome.send(Outcome { attachment, visit });
    }
}

/// A request to join waiting for the client's answer.
#[derive(Debug)]
struct Asking {
    knock: Knock,
    deadline: Instant,
}

/// Where the client is.
#[derive(Debug)]
pub(super) enum Presence {
    /// Connected.
    Here(Participant),
    /// Their connection dropped: the session waits for them until `until`.
    Away {
        /// Their seat, for when they come back.
        seat: Seat,
        /// When the session gives up.
        until: Instant,
        /// Since when.
        since: Instant,
    },
    /// Their connection was handed to a kept session; its answer is awaited.
    Leaving {
        /// Their seat here, if the kept session does not take them.
        seat: Seat,
        /// The kept session's answer.
        reply: oneshot::Receiver<Result<(), Attachment>>,
        /// Whether a typed code (not a key's offer) was used: a failure counts as a wrong code.
        typed: bool,
    },
    /// Transient, while changing state.
    Gone,
}

/// What woke the session.
pub(super) enum Wake {
    Client(Happening),
    Visitor(Happening),
    Door(AtDoor),
    AskExpired,
    AskerGone,
    GraceOver,
    Handed(Result<Result<(), Attachment>, oneshot::error::RecvError>),
    ResumeFailed,
    Retry,
    Idle,
    MaxLength,
    Shutdown,
}

/// A resume that led to no session kept here, until the client is told.
pub(super) struct FailedResume {
    /// When they are told.
    pub(super) told_at: Instant,
    /// Why, as the client is told.
    pub(super) failure: ResumeFailure,
}

/// The session's state.
pub(super) struct Room {
    pub(super) runner: Runner<SessionIo>,
    pub(super) client: Presence,
    pub(super) visitor: Option<Visitor>,
    asking: Option<Asking>,
    door: mpsc::Receiver<AtDoor>,
    pub(super) code: Held,
    pub(super) idle_at: Instant,
    /// A failed resume, told after the delay that stops guessing.
    pub(super) failed_resume: Option<FailedResume>,
    /// Wrong resume codes in a row.
    pub(super) strikes: usize,
}

async fn next_of(visitor: &mut Option<Visitor>) -> Happening {
    match visitor {
        Some(v) => v.participant.next().await,
        None => std::future::pending().await,
    }
}

async fn client_next(client: &mut Presence) -> Wake {
    match client {
        Presence::Here(p) => Wake::Client(p.next().await),
        Presence::Away { until, .. } => {
            sleep_until(*until).await;
            Wake::GraceOver
        }
        Presence::Leaving { reply, .. } => Wake::Handed(reply.await),
        Presence::Gone => std::future::pending().await,
    }
}

async fn asker_gone(asking: &mut Option<Asking>) {
    match asking {
        Some(a) => a.knock.attachment.gone().await,
        None => std::future::pending().await,
    }
}

impl Room {
    /// A new session for the client on `attachment`, its code registered.
    pub(super) fn open(setup: &SessionSetup, attachment: Attachment) -> Option<Room> {
        let (door_in, door) = mpsc::channel(DOOR_QUEUE);
        let code = setup.registry.allocate(door_in, setup.owner.clone());
        let recording = if setup.record_dir.is_some() {
            Recording::Ask
        } else {
            Recording::Off
        };
        let storage = Storage::Session { recording };
        let mut app = App::new(std::sync::Arc::clone(&setup.content), setup.as_of, storage)
            .with_session_code(code.code().to_string());
        if !setup.grace.is_zero() && setup.owner.is_none() {
            app = app.with_resume_by_code();
        }
        if let Some(kept) = &setup.kept {
            app = app.with_kept_session(kept.to_string());
        }
        let io = SessionIo::new(setup.record_dir.clone(), attachment.conn);
        let viewer = Viewer::new(attachment.lang, Theme::new(true));
        let client = Participant::new(attachment, viewer)?;
        Some(Room {
            runner: Runner::new(app, io),
            client: Presence::Here(client),
            visitor: None,
            asking: None,
            door,
            code,
            idle_at: Instant::now() + setup.idle,
            failed_resume: None,
            strikes: 0,
        })
    }

    pub(super) async fn drive(&mut self, setup: &SessionSetup) -> End {
        let mut shutdown = setup.shutdown.clone();
        let ends_at = Instant::now() + setup.max_length;
        loop {
            self.draw();
            let wake = self.wake(&mut shutdown, ends_at).await;
            if let Some(end) = self.handle(wake, setup) {
                return end;
            }
        }
    }

    /// The client's language (for the last line).
    pub(super) fn lang(&self) -> Lang {
        self.client_seat().map_or(Lang::En, |s| s.viewer.lang)
    }

    /// The client's participant, if they are connected to this session.
    pub(super) fn take_client(&mut self) -> Option<Participant> {
        match std::mem::replace(&mut self.client, Presence::Gone) {
            Presence::Here(p) => Some(p),
            _ => None,
        }
    }

    fn client_seat(&self) -> Option<&Seat> {
        match &self.client {
            Presence::Here(p) => Some(&p.seat),
            Presence::Away { seat, .. } | Presence::Leaving { seat, .. } => Some(seat),
            Presence::Gone => None,
        }
    }

    fn draw(&mut self) {
        if let Presence::Here(client) = &mut self.client {
            client.draw(&self.runner);
        }
        if let Some(visitor) = &mut self.visitor {
            visitor.participant.draw(&self.runner);
        }
    }

    fn owes_frame(&self) -> bool {
        let client = matches!(&self.client, Presence::Here(p) if p.owes_frame(&self.runner));
        client || (self.visitor.as_ref()).is_some_and(|v| v.participant.owes_frame(&self.runner))
    }

    async fn wake(&mut self, shutdown: &mut watch::Receiver<bool>, ends_at: Instant) -> Wake {
        let retry_at = self
            .owes_frame()
            .then(|| Instant::now() + Duration::from_millis(50));
        let ask_deadline = self.asking.as_ref().map(|a| a.deadline);
        // While the client is away, only the consultant keeps the session from idling.
        let idle_at = matches!(self.client, Presence::Here(_)).then_some(self.idle_at);
        tokio::select! {
            wake = client_next(&mut self.client) => wake,
            happening = next_of(&mut self.visitor) => Wake::Visitor(happening),
            Some(at_door) = self.door.recv() => Wake::Door(at_door),
            () = sleep_or_never(ask_deadline) => Wake::AskExpired,
            () = asker_gone(&mut self.asking) => Wake::AskerGone,
            () = sleep_or_never(self.failed_resume.as_ref().map(|f| f.told_at)) => Wake::ResumeFailed,
            () = sleep_or_never(retry_at) => Wake::Retry,
            () = sleep_or_never(idle_at) => Wake::Idle,
            () = sleep_until(ends_at) => Wake::MaxLength,
            _ = shutdown.changed() => Wake::Shutdown,
        }
    }

    fn handle(&mut self, wake: Wake, setup: &SessionSetup) -> Option<End> {
        match wake {
            Wake::Client(happening) => return self.client_did(happening, setup),
            Wake::Visitor(happening) => self.visitor_did(happening, setup.idle),
            Wake::Door(AtDoor::Knock(knock)) => self.knocked(knock, setup.join_answer),
            Wake::Door(AtDoor::Return(back)) => self.returned(back),
            Wake::AskExpired => self.ask_ended(Visit::NoAnswer),
            Wake::AskerGone => self.ask_ended(Visit::Gone),
            Wake::GraceOver => return Some(End::Disconnected),
            Wake::Handed(reply) => return self.handed(reply, setup),
            Wake::ResumeFailed => return self.resume_failed(),
            Wake::Retry => self.invalidate_all(),
            Wake::Idle => return Some(End::Idle),
            Wake::MaxLength => return Some(End::MaxLength),
            Wake::Shutdown => return Some(End::ServerClosing),
        }
        None
    }

    fn invalidate_all(&mut self) {
        if let Presence::Here(p) = &mut self.client {
            p.seat.invalidate();
        }
        if let Some(v) = &mut self.visitor {
            v.participant.seat.invalidate();
        }
    }

    fn client_did(&mut self, happening: Happening, setup: &SessionSetup) -> Option<End> {
        let Presence::Here(client) = &mut self.client else {
            return None;
        };
        let flow = match happening {
            Happening::Typed(bytes) => {
                self.idle_at = Instant::now() + setup.idle;
                self.runner.feed(&mut client.seat, &bytes)
            }
            Happening::Paused => self.runner.flush_input(&mut client.seat),
            Happening::Resized => Flow::Continue,
            Happening::Gone => return self.client_gone(setup.grace),
        };
        if flow == Flow::Quit {
            return Some(End::Quit);
        }
        self.carry_out(setup)
    }

    fn visitor_did(&mut self, happening: Happening, idle: Duration) {
        let Some(visitor) = &mut self.visitor else {
            return;
        };
        let seat = &mut visitor.participant.seat;
        match happening {
            Happening::Typed(bytes) => {
                self.idle_at = Instant::now() + idle;
                self.runner.feed(seat, &bytes);
            }
            Happening::Paused => {
                self.runner.flush_input(seat);
            }
            Happening::Resized => {}
            Happening::Gone => {
                self.tell_app(Event::ConsultantGone);
                self.end_visit(Visit::Gone);
            }
        }
        self.carry_out_decisions();
    }

    /// Tells the app something happened to the consultation.
    pub(super) fn tell_app(&mut self, event: Event) {
        let message = Message::Consultation(event);
        // Notices are words chosen when drawn: any viewer may carry the message.
        let mut viewer = self.client_seat().map_or_else(
            || Viewer::new(Lang::En, Theme::new(true)),
            |s| s.viewer.clone(),
        );
        self.runner.dispatch(&mut viewer, message);
    }

    fn knocked(&mut self, knock: Knock, answer_within: Duration) {
        let client_here = matches!(self.client, Presence::Here(_));
        if self.visitor.is_some() || self.asking.is_some() || !client_here {
            tracing::info!(code = %self.code.code(), consultant = %knock.name, "join refused: a consultant is already there, or the client is away");
            knock.answer(Visit::Busy);
            return;
        }
        tracing::info!(code = %self.code.code(), consultant = %knock.name, "consultant asks to join");
        let name = knock.name.clone();
        self.asking = Some(Asking {
            knock,
            deadline: Instant::now() + answer_within,
        });
        self.tell_app(Event::Asked { name });
    }

    fn ask_ended(&mut self, visit: Visit) {
        if let Some(asking) = self.asking.take() {
            tracing::info!(code = %self.code.code(), consultant = %asking.knock.name, how = visit.as_str(), "join request ended without an answer");
            self.tell_app(Event::AskEnded);
            asking.knock.answer(visit);
        }
    }

    /// Carries out what the app decided: the consultation's decisions, then a resume.
    fn carry_out(&mut self, setup: &SessionSetup) -> Option<End> {
        self.carry_out_decisions();
        let code = self.runner.io_mut().take_resume()?;
        self.hand_over(&code, setup)
    }

    fn carry_out_decisions(&mut self) {
        for decision in self.runner.io_mut().take_decisions() {
            match decision {
                Decision::Admit { may_answer } => self.admit(may_answer),
                Decision::Refuse => {
                    if let Some(asking) = self.asking.take() {
                        tracing::info!(code = %self.code.code(), consultant = %asking.knock.name, "join refused by the client");
                        asking.knock.answer(Visit::Refused);
                    }
                }
                Decision::Allow { may_answer } => {
                    tracing::info!(code = %self.code.code(), may_answer, "client changed what the consultant may do");
                }
                Decision::Remove => self.end_visit(Visit::Removed),
                Decision::Leave => self.end_visit(Visit::Left),
            }
        }
    }

    fn admit(&mut self, may_answer: bool) {
        let Some(Asking { knock, .. }) = self.asking.take() else {
            return;
        };
        let Knock {
            name,
            mut attachment,
            outcome,
        } = knock;
        attachment.discard_typed();
        let viewer = Viewer::consultant(attachment.lang, Theme::new(true));
        let conn = attachment.conn;
        let Some(participant) = Participant::new(attachment, viewer) else {
            return;
        };
        tracing::info!(conn, code = %self.code.code(), consultant = %name, may_answer, "consultant joined");
        self.visitor = Some(Visitor {
            name,
            participant,
            outcome,
            since: Instant::now(),
        });
    }

    fn end_visit(&mut self, visit: Visit) {
        if let Some(visitor) = self.visitor.take() {
            visitor.dismiss(visit, &self.code);
        }
    }

    /// The session is over: a consultant or a waiting request goes back to their console, and a
    /// recording the client agreed to is made once more with the latest marks and notes.
    pub(super) fn close(&mut self, end: End) {
        tracing::debug!(reason = end.as_str(), "closing the session");
        self.end_visit(Visit::Ended);
        if let Some(asking) = self.asking.take() {
            asking.knock.answer(Visit::Ended);
        }
        if end == End::Resumed {
            return;
        }
        if let Some(recording) = self.runner.app.recording(self.lang()) {
            self.runner.io_mut().perform(recording);
        }
    }
}
