//! One client's session: a task that owns the client's app and everyone looking at it. The client
//! is always there; a consultant who knocked at the session's door (its code) and was let in sits
//! beside them with a terminal and language of their own. Nothing here is shared with other
//! sessions, and nothing of the answers leaves the task except a recording the client agreed to.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::{Instant, sleep_until};

use super::attachment::Attachment;
use super::knock::{Knock, Outcome, Visit};
use super::participant::{FLUSH_LIMIT, Happening, Participant};
use super::session_code::{Held, Registry};
use super::session_io::SessionIo;
use crate::strings::ssh as words;
use crate::tui::app::{App, Recording, Storage};
use crate::tui::consultation::{Decision, Event};
use crate::tui::run::{Flow, Io, Runner};
use crate::tui::{Message, Theme, Viewer};
use kouteki_core::content::Content;
use kouteki_core::lang::Lang;

/// Why a session ended (logged; never anything the client typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The client quit the app.
    Quit,
    /// The client went away.
    Disconnected,
    /// No input for the idle timeout.
    Idle,
    /// The session reached its maximum length.
    MaxLength,
    /// The server is shutting down.
    ServerClosing,
}

impl End {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            End::Quit => "quit",
            End::Disconnected => "client disconnected",
            End::Idle => "idle timeout",
            End::MaxLength => "maximum session length",
            End::ServerClosing => "server closing",
        }
    }

    /// The last line the client sees, in their language (none when they are gone).
    fn farewell(self, lang: Lang) -> Option<&'static str> {
        let text = match self {
            End::Quit => words::FAREWELL_QUIT,
            End::Idle => words::FAREWELL_IDLE,
            End::MaxLength => words::FAREWELL_MAX_LENGTH,
            End::ServerClosing => words::FAREWELL_SERVER_CLOSING,
            End::Disconnected => return None,
        };
        Some(text.get(lang))
    }
}

/// What a session starts with.
#[derive(Debug)]
pub struct SessionSetup {
    /// The content.
    pub content: Arc<Content>,
    /// Where to record, with consent.
    pub record_dir: Option<PathBuf>,
    /// Evaluation date.
    pub as_of: Date,
    /// Idle timeout on input (anyone's).
    pub idle: Duration,
    /// Maximum session length.
    pub max_length: Duration,
    /// How long the client has to answer a request to join.
    pub join_answer: Duration,
    /// Becomes true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    /// Where the session's code and door are registered.
    pub registry: Registry,
}

/// How many requests to join may wait at a door (more are told "busy" by the sender).
const DOOR_QUEUE: usize = 4;

/// A consultant in the session.
#[derive(Debug)]
struct Visitor {
    name: String,
    participant: Participant,
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
        let _ = self.outcome.send(Outcome {
            attachment: self.participant.attachment,
            visit,
        });
    }
}

/// A request to join waiting for the client's answer.
#[derive(Debug)]
struct Asking {
    knock: Knock,
    deadline: Instant,
}

/// What woke the session.
enum Wake {
    Client(Happening),
    Visitor(Happening),
    Knock(Knock),
    AskExpired,
    AskerGone,
    Retry,
    Idle,
    MaxLength,
    Shutdown,
}

/// The session's state: one app, the client, maybe a consultant or a request.
struct Room {
    runner: Runner<SessionIo>,
    client: Participant,
    visitor: Option<Visitor>,
    asking: Option<Asking>,
    door: mpsc::Receiver<Knock>,
    code: Held,
    idle_at: Instant,
}

/// Runs the session until it ends; restores the client's terminal and closes the channel.
pub async fn run(setup: SessionSetup, attachment: Attachment) -> End {
    let (door_in, door) = mpsc::channel(DOOR_QUEUE);
    let code = setup.registry.allocate(door_in);
    let recording = if setup.record_dir.is_some() {
        Recording::Ask
    } else {
        Recording::Off
    };
    let storage = Storage::Session { recording };
    let app = App::new(Arc::clone(&setup.content), setup.as_of, storage)
        .with_session_code(code.code().to_string());
    let io = SessionIo::new(setup.record_dir.clone(), attachment.conn);
    let viewer = Viewer::new(attachment.lang, Theme::new(true));
    let (handle, channel) = (attachment.handle.clone(), attachment.channel);
    let Some(client) = Participant::new(attachment, viewer) else {
        return End::Disconnected;
    };
    let mut room = Room {
        runner: Runner::new(app, io),
        client,
        visitor: None,
        asking: None,
        door,
        code,
        idle_at: Instant::now() + setup.idle,
    };
    let end = room.drive(&setup).await;
    let lang = room.client.seat.viewer.lang;
    room.close(end);
    let attachment = room.client.restore(end.farewell(lang));
    if end != End::Disconnected {
        attachment.output.finish(FLUSH_LIMIT).await;
        close_channel(handle, channel).await;
    }
    end
}

/// Ends the channel with status 0, each step bounded so a client that stopped reading cannot hold the
/// task; a client that stays connected is disconnected shortly after (one session per connection).
pub async fn close_channel(handle: russh::server::Handle, channel: russh::ChannelId) {
    let limit = Duration::from_secs(1);
    let _ = tokio::time::timeout(limit, handle.exit_status_request(channel, 0)).await;
    let _ = tokio::time::timeout(limit, handle.eof(channel)).await;
    let _ = tokio::time::timeout(limit, handle.close(channel)).await;
    // OpenSSH leaves by itself, with the exit status it was sent.
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let reason = "session ended".to_string();
        let _ = handle
            .disconnect(russh::Disconnect::ByApplication, reason, "en".into())
            .await;
    });
}

async fn sleep_or_never(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => std::future::pending().await,
    }
}

async fn next_of(visitor: &mut Option<Visitor>) -> Happening {
    match visitor {
        Some(v) => v.participant.next().await,
        None => std::future::pending().await,
    }
}

async fn asker_gone(asking: &mut Option<Asking>) {
    match asking {
        Some(a) => a.knock.attachment.gone().await,
        None => std::future::pending().await,
    }
}

impl Room {
    async fn drive(&mut self, setup: &SessionSetup) -> End {
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

    fn draw(&mut self) {
        self.client.draw(&self.runner);
        if let Some(visitor) = &mut self.visitor {
            visitor.participant.draw(&self.runner);
        }
    }

    async fn wake(&mut self, shutdown: &mut watch::Receiver<bool>, ends_at: Instant) -> Wake {
        let owed = self.client.owes_frame(&self.runner)
            || (self.visitor.as_ref()).is_some_and(|v| v.participant.owes_frame(&self.runner));
        let retry_at = owed.then(|| Instant::now() + Duration::from_millis(50));
        let ask_deadline = self.asking.as_ref().map(|a| a.deadline);
        tokio::select! {
            happening = self.client.next() => Wake::Client(happening),
            happening = next_of(&mut self.visitor) => Wake::Visitor(happening),
            Some(knock) = self.door.recv() => Wake::Knock(knock),
            () = sleep_or_never(ask_deadline) => Wake::AskExpired,
            () = asker_gone(&mut self.asking) => Wake::AskerGone,
            () = sleep_or_never(retry_at) => Wake::Retry,
            () = sleep_until(self.idle_at) => Wake::Idle,
            () = sleep_until(ends_at) => Wake::MaxLength,
            _ = shutdown.changed() => Wake::Shutdown,
        }
    }

    fn handle(&mut self, wake: Wake, setup: &SessionSetup) -> Option<End> {
        match wake {
            Wake::Client(happening) => return self.client_did(happening, setup.idle),
            Wake::Visitor(happening) => self.visitor_did(happening, setup.idle),
            Wake::Knock(knock) => self.knocked(knock, setup.join_answer),
            Wake::AskExpired => self.ask_ended(Visit::NoAnswer),
            Wake::AskerGone => self.ask_ended(Visit::Gone),
            Wake::Retry => {
                self.client.seat.invalidate();
                if let Some(v) = &mut self.visitor {
                    v.participant.seat.invalidate();
                }
            }
            Wake::Idle => return Some(End::Idle),
            Wake::MaxLength => return Some(End::MaxLength),
            Wake::Shutdown => return Some(End::ServerClosing),
        }
        None
    }

    fn client_did(&mut self, happening: Happening, idle: Duration) -> Option<End> {
        let flow = match happening {
            Happening::Typed(bytes) => {
                self.idle_at = Instant::now() + idle;
                self.runner.feed(&mut self.client.seat, &bytes)
            }
            Happening::Paused => self.runner.flush_input(&mut self.client.seat),
            Happening::Resized => Flow::Continue,
            Happening::Gone => return Some(End::Disconnected),
        };
        self.carry_out_decisions();
        (flow == Flow::Quit).then_some(End::Quit)
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
                if let Some(visitor) = self.visitor.take() {
                    visitor.dismiss(Visit::Gone, &self.code);
                }
            }
        }
        self.carry_out_decisions();
    }

    /// Tells the app something happened to the consultation (the client's view is the one whose
    /// language a notice would be put in; notices are words chosen when drawn).
    fn tell_app(&mut self, event: Event) {
        let message = Message::Consultation(event);
        self.runner.dispatch(&mut self.client.seat.viewer, message);
    }

    fn knocked(&mut self, knock: Knock, answer_within: Duration) {
        if self.visitor.is_some() || self.asking.is_some() {
            tracing::info!(code = %self.code.code(), consultant = %knock.name, "join refused: a consultant is already there");
            knock.answer(Visit::Busy);
            return;
        }
        tracing::info!(conn = self.client.attachment.conn, code = %self.code.code(), consultant = %knock.name, "consultant asks to join");
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

    /// What the app decided about the consultant, carried out: let in, refused, changed, removed.
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
    fn close(&mut self, end: End) {
        tracing::debug!(reason = end.as_str(), "closing the session");
        self.end_visit(Visit::Ended);
        if let Some(asking) = self.asking.take() {
            asking.knock.answer(Visit::Ended);
        }
        let lang = self.client.seat.viewer.lang;
        if let Some(recording) = self.runner.app.recording(lang) {
            self.runner.io_mut().perform(recording);
        }
    }
}
