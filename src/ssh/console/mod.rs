//! The consultant console: what a connection authenticated by a `--consultant-keys` key gets instead
//! of an interview. The consultant types the code their client reads out; the request waits at that
//! session's door for the client's answer; while the visit lasts the session draws on the
//! consultant's terminal, and when it ends the console takes the screen back.
//!
//! A wrong code is told as "no such session" only after a delay, and a run of wrong codes ends the
//! connection, so codes cannot be guessed and nobody learns which exist.

mod state;
mod view;

use std::net::SocketAddr;
use std::time::Duration;

use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

use super::attachment::Attachment;
use super::knock::{AtDoor, Knock, Visit};
use super::participant::{FLUSH_LIMIT, SshTerminal, rect, sleep_or_never, terminal};
use super::session::close_channel;
use super::session_code::{Found, Registry};
use crate::strings::console as words;
use crate::tui::Input;
use crate::tui::input::{ESC_TIMEOUT, InputDecoder};
use state::{Action, Console, Status};

/// What a console starts with.
#[derive(Debug)]
pub struct ConsoleSetup {
    /// The consultant's display name (their key's comment).
    pub name: String,
    /// Where live sessions' doors are found by code.
    pub registry: Registry,
    /// Wrong codes in a row before the connection ends.
    pub strikes: usize,
    /// How long a wrong code takes to be told.
    pub wrong_code_delay: Duration,
    /// Becomes true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    /// The consultant's address, for logs.
    pub peer: SocketAddr,
}

/// Why a console ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleEnd {
    /// The consultant closed it.
    Quit,
    /// The connection dropped.
    Disconnected,
    /// Too many wrong codes in a row.
    WrongCodes,
    /// The server is shutting down.
    ServerClosing,
}

impl ConsoleEnd {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsoleEnd::Quit => "quit",
            ConsoleEnd::Disconnected => "consultant disconnected",
            ConsoleEnd::WrongCodes => "too many wrong session codes",
            ConsoleEnd::ServerClosing => "server closing",
        }
    }
}

/// The console's screen and input between visits.
struct Desk {
    console: Console,
    terminal: SshTerminal,
    decoder: InputDecoder,
    size: (u16, u16),
}

/// What the consultant did at the console.
enum Happened {
    Keys(Vec<Input>),
    Nothing,
    Gone,
    Shutdown,
}

/// Runs the console until the consultant closes it, goes away, or types too many wrong codes.
pub async fn run(setup: ConsoleSetup, mut attachment: Attachment) -> ConsoleEnd {
    let Some(terminal) = terminal(attachment.size()) else {
        return ConsoleEnd::Disconnected;
    };
    let mut desk = Desk {
        console: Console::new(setup.name.clone(), attachment.lang),
        terminal,
        decoder: InputDecoder::new(),
        size: attachment.size(),
    };
    let _ = queue!(
        desk.terminal.backend_mut().writer_mut(),
        EnterAlternateScreen,
        Clear(ClearType::All)
    );
    let mut shutdown = setup.shutdown.clone();
    loop {
        desk.draw(&attachment);
        let happened = desk.next(&mut attachment, &mut shutdown).await;
        let keys = match happened {
            Happened::Keys(keys) => keys,
            Happened::Nothing => continue,
            Happened::Gone => return ConsoleEnd::Disconnected,
            Happened::Shutdown => return finish(desk, attachment, ConsoleEnd::ServerClosing).await,
        };
        for key in keys.into_iter().filter_map(|i| match i {
            Input::Key(key) => Some(key),
            Input::Paste(_) => None,
        }) {
            match desk.console.key(key) {
                None => {}
                Some(Action::Quit) => return finish(desk, attachment, ConsoleEnd::Quit).await,
                Some(Action::Join(typed)) => {
                    attachment = match desk.join(&setup, &typed, attachment, &mut shutdown).await {
                        Ok(attachment) => attachment,
                        Err(end) => return end,
                    };
                    if desk.console.strikes >= setup.strikes {
                        return finish(desk, attachment, ConsoleEnd::WrongCodes).await;
                    }
                    break;
                }
            }
        }
    }
}

impl Desk {
    fn draw(&mut self, attachment: &Attachment) {
        if attachment.output.congested() {
            return;
        }
        let _ = self.terminal.draw(|frame| view::view(&self.console, frame));
        let bytes = std::mem::take(self.terminal.backend_mut().writer_mut());
        if !attachment.output.send(bytes) {
            let _ = self.terminal.clear();
        }
    }

    async fn next(
        &mut self,
        attachment: &mut Attachment,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Happened {
        let pause_at = self
            .decoder
            .has_pending()
            .then(|| Instant::now() + ESC_TIMEOUT);
        tokio::select! {
            bytes = attachment.bytes.recv() => match bytes {
                Some(bytes) => Happened::Keys(self.decoder.feed(&bytes)),
                None => Happened::Gone,
            },
            changed = attachment.terminal.changed() => {
                let state = *attachment.terminal.borrow_and_update();
                if changed.is_err() || !state.open {
                    return Happened::Gone;
                }
                self.resize(state.size);
                Happened::Nothing
            }
            () = sleep_or_never(pause_at) => Happened::Keys(self.decoder.flush()),
            _ = shutdown.changed() => Happened::Shutdown,
        }
    }

    fn resize(&mut self, size: (u16, u16)) {
        if size != self.size {
            self.size = size;
            let _ = self.terminal.resize(rect(size));
            let _ = self.terminal.clear();
        }
    }

    /// Looks up `typed` and asks to join; the attachment comes back when the visit ends (or at once
    /// when the code leads nowhere, after the delay).
    async fn join(
        &mut self,
        setup: &ConsoleSetup,
        typed: &str,
        attachment: Attachment,
        shutdown: &mut watch::Receiver<bool>,
    ) -> Result<Attachment, ConsoleEnd> {
        let (code, door) = match setup.registry.find(typed) {
            Found::Here(code, door) => (code, door),
            // Both after the same delay, both a strike: another instance's name in front of a
            // guess makes guessing no faster, and the answer depends on the name alone.
            Found::Elsewhere(instance) => {
                tokio::time::sleep(setup.wrong_code_delay).await;
                tracing::info!(conn = attachment.conn, peer = %setup.peer, consultant = %setup.name, instance = %instance.name, strikes = self.console.strikes + 1, "session code of another instance");
                self.console.elsewhere(instance);
                return Ok(attachment);
            }
            Found::Nowhere => {
                tokio::time::sleep(setup.wrong_code_delay).await;
                self.console.wrong_code();
                tracing::info!(conn = attachment.conn, peer = %setup.peer, consultant = %setup.name, strikes = self.console.strikes, "wrong session code");
                return Ok(attachment);
            }
        };
        self.console.asking();
        self.draw(&attachment);
        tracing::info!(conn = attachment.conn, consultant = %setup.name, code = %code, "asking to join");
        let (outcome, answer) = oneshot::channel();
        let knock = Knock {
            name: setup.name.clone(),
            attachment,
            outcome,
        };
        let (mut attachment, visit) = match knock_at(&door.sender, knock) {
            Err(attachment) => (attachment, Visit::Busy),
            Ok(()) => {
                let outcome = tokio::select! {
                    outcome = answer => outcome.map_err(|_| ConsoleEnd::Disconnected)?,
                    _ = shutdown.changed() => return Err(ConsoleEnd::ServerClosing),
                };
                (outcome.attachment, outcome.visit)
            }
        };
        if visit == Visit::Gone || attachment.is_gone() {
            return Err(ConsoleEnd::Disconnected);
        }
        self.console.status = Status::Visited(visit);
        self.console.lang = attachment.lang;
        // The session drew on this screen: start from a clean one, at the size it has now.
        attachment.discard_typed();
        self.decoder = InputDecoder::new();
        self.size = (0, 0);
        self.resize(attachment.size());
        Ok(attachment)
    }
}

/// Leaves the request at the door; the attachment back if the door is full or gone.
fn knock_at(door: &mpsc::Sender<AtDoor>, knock: Knock) -> Result<(), Attachment> {
    door.try_send(AtDoor::Knock(knock))
        .map_err(|e| match e.into_inner() {
            AtDoor::Knock(knock) => knock.attachment,
            AtDoor::Return(back) => back.attachment,
        })
}

/// Restores the consultant's terminal with a last line and closes the channel.
async fn finish(mut desk: Desk, attachment: Attachment, end: ConsoleEnd) -> ConsoleEnd {
    let lang = desk.console.lang;
    let line = match end {
        ConsoleEnd::WrongCodes => words::TOO_MANY.get(lang),
        _ => words::FAREWELL.get(lang),
    };
    let writer = desk.terminal.backend_mut().writer_mut();
    let _ = queue!(writer, LeaveAlternateScreen, cursor::Show);
    writer.extend_from_slice(format!("{line}\r\n").as_bytes());
    attachment.output.send(std::mem::take(writer));
    let Attachment {
        output,
        handle,
        channel,
        ..
    } = attachment;
    output.finish(FLUSH_LIMIT).await;
    close_channel(handle, channel).await;
    end
}
