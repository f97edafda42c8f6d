//! The local front end: runs the app on this process's terminal. Only this adapter touches raw mode,
//! the alternate screen, signals and the panic hook; the terminal is restored on quit, on error (a
//! guard's `Drop`), on panic (a hook that restores before the message prints), on SIGTERM / SIGHUP
//! (flags checked by the loop), and when the terminal goes away (end of input ends the loop).
//!
//! Input is read as raw bytes, on the loop's own thread after poll(2) says they are there, and
//! decoded by the same [`InputDecoder`] the SSH server uses, so a closed terminal is seen as end of
//! input rather than a loop that never sees an event. No reader thread: a key reaches the update
//! without waking another thread, and a signal (SIGWINCH, SIGTERM) interrupts the wait at once.

use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rustix::event::{PollFd, PollFlags, Timespec, poll};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute, terminal};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::app::App;
use super::frame_writer::FrameWriter;
use super::input::ESC_TIMEOUT;
use super::message::{Effect, Message, ReportFile, ReportFormat};
use super::notice::Notice;
use super::run::{Flow, Io, Runner, Seat};
use super::viewer::Viewer;
use crate::io::store::{DraftStore, report_path, write_private};

/// How often the loop wakes to check signals when nothing happens.
const TICK: Duration = Duration::from_millis(250);

/// What the local front end does with the app's effects: drafts and reports on this computer.
#[derive(Debug, Clone)]
pub struct LocalIo {
    /// Where drafts go (`None` with `--no-save`, or with no data directory).
    pub drafts: Option<DraftStore>,
    /// Where reports are saved.
    pub report_dir: PathBuf,
}

/// Restores the terminal when dropped, whatever ended the loop.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Show
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen and raw mode; safe to call more than once.
fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// What waiting on the terminal gave.
enum Input {
    /// This many bytes, read into the buffer.
    Bytes(usize),
    /// Nothing within the wait.
    Quiet,
    /// A signal interrupted the wait (the loop looks at its flags; held bytes stay held).
    Interrupted,
    /// End of input: the terminal went away.
    Closed,
}

/// Waits up to `wait` for bytes on `stdin` and reads what is there (unbuffered, so poll(2) never
/// misses bytes a buffer holds).
fn read_input(stdin: BorrowedFd<'_>, buf: &mut [u8], wait: Duration) -> io::Result<Input> {
    let timeout = Timespec::try_from(wait).map_err(io::Error::other)?;
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    match poll(&mut fds, Some(&timeout)) {
        Ok(0) => return Ok(Input::Quiet),
        Err(rustix::io::Errno::INTR) => return Ok(Input::Interrupted),
        Ok(_) => {}
        Err(error) => return Err(error.into()),
    }
    match rustix::io::read(stdin, buf) {
        Ok(0) => Ok(Input::Closed),
        Ok(n) => Ok(Input::Bytes(n)),
        Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => Ok(Input::Interrupted),
        Err(_) => Ok(Input::Closed),
    }
}

/// The terminal's size now. Asked at start and on SIGWINCH only: the viewport is fixed in between,
/// so a frame costs no size query.
fn window() -> io::Result<Rect> {
    let (width, height) = terminal::size()?;
    Ok(Rect::new(0, 0, width, height))
}

/// Runs the app until it quits, a signal asks it to, or the terminal goes away.
pub fn run(app: App, viewer: Viewer, io: LocalIo) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let resized = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized))?;
    install_panic_hook();
    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(FrameWriter::new(io::stdout())),
        TerminalOptions {
            viewport: Viewport::Fixed(window()?),
        },
    )?;
    let stdin = io::stdin();
    let mut buf = [0u8; 1024];
    let mut runner = Runner::new(app, io);
    let mut seat = Seat::new(viewer);
    while !stop.load(Ordering::Relaxed) {
        if resized.swap(false, Ordering::Relaxed) {
            // The clearing this writes leaves with the redraw that follows.
            terminal.resize(window()?)?;
            seat.invalidate();
        }
        if runner.needs_redraw(&seat) {
            runner.draw(&mut seat, &mut terminal)?;
            terminal.backend_mut().writer_mut().send()?;
            runner.prepare_input(&mut seat);
        }
        let wait = if seat.input_pending() {
            ESC_TIMEOUT
        } else {
            TICK
        };
        let flow = match read_input(stdin.as_fd(), &mut buf, wait)? {
            Input::Bytes(n) => runner.feed(&mut seat, &buf[..n]),
            Input::Quiet => runner.flush_input(&mut seat),
            Input::Interrupted => continue,
            Input::Closed => break,
        };
        if flow == Flow::Quit {
            break;
        }
    }
    Ok(())
}

impl Io for LocalIo {
    fn perform(&mut self, effect: Effect) -> Option<Message> {
        match effect {
            // Recording and consultations exist only over SSH; quitting ends the loop before it gets here.
            Effect::Record { .. } | Effect::Consultation(_) | Effect::Resume(_) | Effect::Quit => {
                None
            }
            Effect::SaveDraft(text) => {
                let store = self.drafts.as_ref()?;
                let error = store.save(&text).err()?;
                Some(Message::Notify(Notice::DraftFailed(error.to_string())))
            }
            Effect::DiscardDraft => {
                if let Some(store) = &self.drafts {
                    let _ = store.discard();
                }
                None
            }
            Effect::SaveReport(file) => Some(Message::Notify(self.save_report(&file))),
        }
    }
}

impl LocalIo {
    /// Saves a report under a fresh name in the report directory; says where, or why not.
    fn save_report(&self, file: &ReportFile) -> Notice {
        let stamp = jiff::ZonedDateTime::now()
            .strftime("%Y%m%d-%H%M%S")
            .to_string();
        let path = report_path(&self.report_dir, &stamp, file.format.extension());
        let shown = path.display().to_string();
        match write_private(&path, file.text.as_bytes()) {
            Ok(()) if file.format == ReportFormat::Calendar => Notice::CalendarSaved(shown),
            Ok(()) => Notice::ReportSaved(shown),
            Err(e) => Notice::ReportFailed(e.to_string()),
        }
    }
}
