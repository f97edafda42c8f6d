//! One person at a session over SSH: their attachment, their seat at the app (viewer and key
//! decoder) and a terminal of their own size, drawn from the session's one app. Each participant's
//! output is bounded on its own: a slow one drops frames and is redrawn whole when it catches up,
//! and never holds up the other.

use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::time::{Instant, sleep_until};

use super::attachment::Attachment;
use crate::tui::Viewer;
use crate::tui::input::ESC_TIMEOUT;
use crate::tui::run::{Io, Runner, Seat};

/// A ratatui terminal whose frames are collected as bytes for the channel.
pub type SshTerminal = Terminal<CrosstermBackend<Vec<u8>>>;

/// What happened at a participant's end.
#[derive(Debug)]
pub enum Happening {
    /// They typed these bytes.
    Typed(Vec<u8>),
    /// A pause after input that may be the start of a sequence (a lone ESC is Escape).
    Paused,
    /// Their window changed (already applied).
    Resized,
    /// Their channel closed.
    Gone,
}

/// One person at the session.
#[derive(Debug)]
pub struct Participant {
    /// Their connection's side.
    pub attachment: Attachment,
    /// Their seat at the app.
    pub seat: Seat,
    terminal: SshTerminal,
    size: (u16, u16),
    /// Frames were dropped: what they see is unknown until a whole redraw.
    resend_all: bool,
}

/// A rectangle of `size` at the origin.
pub fn rect((cols, rows): (u16, u16)) -> Rect {
    Rect {
        x: 0,
        y: 0,
        width: cols,
        height: rows,
    }
}

/// A terminal drawing into bytes at a fixed size (the backend's own size query would ask the
/// server's terminal).
pub fn terminal(size: (u16, u16)) -> Option<SshTerminal> {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(rect(size)),
    };
    Terminal::with_options(CrosstermBackend::new(Vec::new()), options).ok()
}

/// Sleeps until `at`, or forever when there is nothing to wait for (a `select!` branch that is
/// off).
pub async fn sleep_or_never(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => std::future::pending().await,
    }
}

impl Participant {
    /// Seats `attachment` at the app as `viewer`: their screen switches to the alternate screen
    /// and is drawn whole at the next draw.
    pub fn new(attachment: Attachment, viewer: Viewer) -> Option<Participant> {
        Participant::with_seat(attachment, Seat::new(viewer))
    }

    /// Seats `attachment` in a seat that was someone's before (a client back after a dropped
    /// connection keeps their language and view).
    pub fn with_seat(attachment: Attachment, mut seat: Seat) -> Option<Participant> {
        seat.invalidate();
        let size = attachment.size();
        let mut terminal = terminal(size)?;
        let _ = queue!(
            terminal.backend_mut().writer_mut(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        );
        Some(Participant {
            attachment,
            seat,
            terminal,
            size,
            resend_all: true,
        })
    }

    /// Waits for their next keystrokes, window change or departure.
    pub async fn next(&mut self) -> Happening {
        let pause_at = self
            .seat
            .input_pending()
            .then(|| Instant::now() + ESC_TIMEOUT);
        tokio::select! {
            bytes = self.attachment.bytes.recv() => match bytes {
                Some(bytes) => Happening::Typed(bytes),
                None => Happening::Gone,
            },
            changed = self.attachment.terminal.changed() => {
                let state = *self.attachment.terminal.borrow_and_update();
                if changed.is_err() || !state.open {
                    return Happening::Gone;
                }
                if state.size != self.size {
                    self.size = state.size;
                    let _ = self.terminal.resize(rect(self.size));
                    self.resend_all = true;
                    self.seat.invalidate();
                }
                Happening::Resized
            }
            () = sleep_or_never(pause_at) => Happening::Paused,
        }
    }

    /// Draws their screen if it is older than the app and their output keeps up.
    pub fn draw<I: Io>(&mut self, runner: &Runner<I>) {
        if !runner.needs_redraw(&self.seat) || self.attachment.output.congested() {
            return;
        }
        if self.resend_all {
            let _ = self.terminal.clear();
        }
        let _ = runner.draw(&mut self.seat, &mut self.terminal);
        let bytes = std::mem::take(self.terminal.backend_mut().writer_mut());
        self.resend_all = !self.attachment.output.send(bytes);
        if self.resend_all {
            self.seat.invalidate();
        }
    }

    /// Whether a frame is owed that congestion held back (retried shortly).
    pub fn owes_frame<I: Io>(&self, runner: &Runner<I>) -> bool {
        runner.needs_redraw(&self.seat)
    }

    /// Their attachment and seat, apart (the connection went away, or moves elsewhere).
    pub fn into_parts(self) -> (Attachment, Seat) {
        (self.attachment, self.seat)
    }

    /// Restores their terminal (main screen, cursor, no bracketed paste), with a last line, and
    /// gives their attachment back.
    pub fn restore(mut self, last_line: Option<&str>) -> Attachment {
        let writer = self.terminal.backend_mut().writer_mut();
        let _ = queue!(
            writer,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        );
        if let Some(line) = last_line {
            writer.extend_from_slice(format!("{line}\r\n").as_bytes());
        }
        let bytes = std::mem::take(writer);
        self.attachment.output.send(bytes);
        self.attachment
    }
}

/// How long a finished session waits for its last bytes to reach the client.
pub const FLUSH_LIMIT: Duration = Duration::from_secs(2);
