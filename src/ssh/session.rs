//! One client's session: a task that owns that client's app and terminal. Input bytes arrive through
//! a bounded queue (a flood is dropped, not stored), the client's terminal state (size, channel
//! open) through a watch channel that always holds the latest; frames leave through [`Output`]. Nothing here is shared with other sessions, and nothing of the answers leaves the task
//! except a recording the client agreed to.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep_until};

use super::output::Output;
use crate::io::record::record;
use crate::strings::ssh as words;
use crate::tui::app::{App, Recording, Storage};
use crate::tui::input::ESC_TIMEOUT;
use crate::tui::notice::Notice;
use crate::tui::run::{Flow, Io, Runner};
use crate::tui::{Effect, Message, Theme, Viewer};
use kouteki_core::content::Content;
use kouteki_core::lang::Lang;

/// The client's terminal as the connection handler last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientTerminal {
    /// Columns and rows, already clamped.
    pub size: (u16, u16),
    /// Whether the channel is still open.
    pub open: bool,
}

/// What a session receives from its connection.
#[derive(Debug)]
pub struct SessionInputs {
    /// Bytes the client typed.
    pub bytes: mpsc::Receiver<Vec<u8>>,
    /// The client's terminal state.
    pub terminal: watch::Receiver<ClientTerminal>,
}

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
    /// The interface language (from the client's LANG, else English).
    pub lang: Lang,
    /// The client's terminal size.
    pub size: (u16, u16),
    /// To send to the client.
    pub handle: Handle,
    /// The session channel.
    pub channel: ChannelId,
    /// Where to record, with consent.
    pub record_dir: Option<PathBuf>,
    /// Evaluation date.
    pub as_of: Date,
    /// Idle timeout on input.
    pub idle: Duration,
    /// Maximum session length.
    pub max_length: Duration,
    /// Becomes true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    /// Connection number, for logs.
    pub id: u64,
}

type SshTerminal = Terminal<CrosstermBackend<Vec<u8>>>;

fn rect((cols, rows): (u16, u16)) -> Rect {
    Rect {
        x: 0,
        y: 0,
        width: cols,
        height: rows,
    }
}

/// Runs the session until it ends; restores the client's terminal and closes the channel.
pub async fn run(setup: SessionSetup, mut inputs: SessionInputs) -> End {
    let output = Output::start(setup.handle.clone(), setup.channel);
    let recording = if setup.record_dir.is_some() {
        Recording::Ask
    } else {
        Recording::Off
    };
    let app = App::new(
        Arc::clone(&setup.content),
        setup.as_of,
        Storage::Session { recording },
    );
    let io = SessionIo {
        record_dir: setup.record_dir.clone(),
        id: setup.id,
    };
    let mut runner = Runner::new(app, Viewer::new(setup.lang, Theme::new(true)), io);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(rect(setup.size)),
    };
    let Ok(mut terminal) = Terminal::with_options(CrosstermBackend::new(Vec::new()), options)
    else {
        return End::Disconnected;
    };
    let _ = queue!(
        terminal.backend_mut().writer_mut(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    );
    let end = drive(&mut runner, &mut terminal, &output, &setup, &mut inputs).await;
    let writer = terminal.backend_mut().writer_mut();
    let _ = queue!(
        writer,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    if let Some(line) = end.farewell(runner.viewer.lang) {
        writer.extend_from_slice(format!("{line}\r\n").as_bytes());
    }
    output.send(std::mem::take(writer));
    if end != End::Disconnected {
        output.finish(Duration::from_secs(2)).await;
        close_channel(&setup).await;
    }
    end
}

/// Ends the channel with status 0, each step bounded so a client that stopped reading cannot hold the
/// task; a client that stays connected is disconnected shortly after (one session per connection).
async fn close_channel(setup: &SessionSetup) {
    let handle = &setup.handle;
    let limit = Duration::from_secs(1);
    let _ = tokio::time::timeout(limit, handle.exit_status_request(setup.channel, 0)).await;
    let _ = tokio::time::timeout(limit, handle.eof(setup.channel)).await;
    let _ = tokio::time::timeout(limit, handle.close(setup.channel)).await;
    // OpenSSH leaves by itself, with the exit status it was sent.
    let handle = setup.handle.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let reason = "session ended".to_string();
        let _ = handle
            .disconnect(russh::Disconnect::ByApplication, reason, "en".into())
            .await;
    });
}

/// Sends a frame when something changed and the client keeps up; `true` when a whole redraw is owed
/// (frames were dropped, so what the client shows is unknown).
fn send_frame(
    runner: &mut Runner<SessionIo>,
    terminal: &mut SshTerminal,
    output: &Output,
    resend_all: bool,
) -> bool {
    if resend_all {
        let _ = terminal.clear();
    }
    let _ = runner.draw(terminal);
    let bytes = std::mem::take(terminal.backend_mut().writer_mut());
    !output.send(bytes)
}

async fn drive(
    runner: &mut Runner<SessionIo>,
    terminal: &mut SshTerminal,
    output: &Output,
    setup: &SessionSetup,
    inputs: &mut SessionInputs,
) -> End {
    let mut shutdown = setup.shutdown.clone();
    let ends_at = Instant::now() + setup.max_length;
    let mut idle_at = Instant::now() + setup.idle;
    let mut resend_all = false;
    // The viewport's size (the backend's own size query would ask the server's terminal).
    let mut size = setup.size;
    loop {
        if runner.needs_redraw() && !output.congested() {
            resend_all = send_frame(runner, terminal, output, resend_all);
        }
        let esc_at = runner.input_pending().then(|| Instant::now() + ESC_TIMEOUT);
        let retry_at = (runner.needs_redraw() || resend_all)
            .then(|| Instant::now() + Duration::from_millis(50));
        let flow = tokio::select! {
            bytes = inputs.bytes.recv() => match bytes {
                Some(bytes) => {
                    idle_at = Instant::now() + setup.idle;
                    runner.feed(&bytes)
                }
                None => return End::Disconnected,
            },
            changed = inputs.terminal.changed() => {
                let state = *inputs.terminal.borrow_and_update();
                if changed.is_err() || !state.open {
                    return End::Disconnected;
                }
                if state.size != size {
                    size = state.size;
                    let _ = terminal.resize(rect(size));
                    resend_all = true;
                    runner.invalidate();
                }
                Flow::Continue
            }
            () = sleep_or_never(esc_at) => runner.flush_input(),
            () = sleep_or_never(retry_at) => {
                runner.invalidate();
                Flow::Continue
            }
            () = sleep_until(idle_at) => return End::Idle,
            () = sleep_until(ends_at) => return End::MaxLength,
            _ = shutdown.changed() => return End::ServerClosing,
        };
        if flow == Flow::Quit {
            return End::Quit;
        }
    }
}

async fn sleep_or_never(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// What a session does with the app's effects: answers live only in this task's memory (no drafts,
/// no reports on the server), except a recording the client agreed to.
#[derive(Debug)]
pub struct SessionIo {
    record_dir: Option<PathBuf>,
    id: u64,
}

impl Io for SessionIo {
    fn perform(&mut self, effect: Effect) -> Option<Message> {
        match effect {
            Effect::SaveDraft(_) | Effect::DiscardDraft | Effect::Quit => None,
            Effect::SaveReport(_) => Some(Message::Notify(Notice::ReportUnavailable)),
            Effect::Record { answers, markdown } => {
                let dir = self.record_dir.as_ref()?;
                match record(dir, self.id, &answers, &markdown) {
                    Ok(()) => {
                        tracing::info!(
                            conn = self.id,
                            "session recorded with the client's consent"
                        );
                    }
                    Err(e) => {
                        tracing::warn!(conn = self.id, error = %e, "could not record the session");
                    }
                }
                None
            }
        }
    }
}
