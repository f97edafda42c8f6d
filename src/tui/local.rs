//! The local front end: runs the app on this process's terminal. Only this adapter touches raw mode,
//! the alternate screen, signals and the panic hook; the terminal is restored on quit, on error (a
//! guard's `Drop`), on panic (a hook that restores before the message prints), on SIGTERM / SIGHUP
//! (flags checked by the loop), and when the terminal goes away (end of input ends the loop).
//!
//! Input is read as raw bytes by a thread and decoded by the same [`InputDecoder`] the SSH server
//! uses, so a closed terminal is seen as end of input rather than a loop that never sees an event.

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute, terminal};

use super::app::App;
use super::input::{ESC_TIMEOUT, InputDecoder};
use super::keys::messages_for;
use super::message::{Effect, Message};
use super::view::view;
use crate::io::store::{DraftStore, report_path, write_private};
use kouteki_core::answers_file;

/// How often the loop wakes to check signals when nothing happens.
const TICK: Duration = Duration::from_millis(250);

/// What the local front end does with the app's effects.
#[derive(Debug, Clone)]
pub struct LocalIo {
    /// Where drafts go (`None` with `--no-save`).
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

/// Raw input bytes from stdin, read by a thread; the channel closes at end of input.
fn spawn_stdin_reader() -> Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::sync_channel(64);
    std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        let mut buf = [0u8; 1024];
        while let Ok(n) = stdin.read(&mut buf) {
            if n == 0 || sender.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    receiver
}

/// Runs the app until it quits, a signal asks it to, or the terminal goes away.
pub fn run(mut app: App, io_config: LocalIo) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let resized = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized))?;
    install_panic_hook();
    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let input = spawn_stdin_reader();
    let mut decoder = InputDecoder::new();
    let mut dirty = true;
    while !stop.load(Ordering::Relaxed) {
        if dirty || resized.swap(false, Ordering::Relaxed) {
            terminal.draw(|frame| view(&app, frame))?;
            dirty = false;
        }
        let wait = if decoder.has_pending() {
            ESC_TIMEOUT
        } else {
            TICK
        };
        let inputs = match input.recv_timeout(wait) {
            Ok(bytes) => decoder.feed(&bytes),
            Err(RecvTimeoutError::Timeout) => decoder.flush(),
            Err(RecvTimeoutError::Disconnected) => break,
        };
        for item in inputs {
            dirty = true;
            let messages = messages_for(&app, item);
            for message in messages {
                let effects = app.update(message);
                if perform(&mut app, effects, &io_config) {
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

/// Carries out effects; returns whether the app asked to quit.
fn perform(app: &mut App, effects: Vec<Effect>, io_config: &LocalIo) -> bool {
    for effect in effects {
        match effect {
            Effect::Quit => return true,
            // Recording is only ever offered over SSH.
            Effect::Record { .. } => {}
            Effect::SaveDraft(answers) => {
                if let Some(store) = &io_config.drafts {
                    let text = answers_file::to_toml(app.content(), &answers, None, app.lang);
                    if let Err(e) = store.save(&text) {
                        app.update(Message::DraftFailed(e.to_string()));
                    }
                }
            }
            Effect::DiscardDraft => {
                if let Some(store) = &io_config.drafts {
                    let _ = store.discard();
                }
            }
            Effect::SaveReport(markdown) => {
                let stamp = jiff::ZonedDateTime::now()
                    .strftime("%Y%m%d-%H%M%S")
                    .to_string();
                let path = report_path(&io_config.report_dir, &stamp);
                let result = write_private(&path, markdown.as_bytes())
                    .map(|()| path.display().to_string())
                    .map_err(|e| e.to_string());
                app.update(Message::ReportSaved(result));
            }
        }
    }
    false
}
