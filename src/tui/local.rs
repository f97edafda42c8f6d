//! The local front end: runs the app on this process's terminal with crossterm. Only this adapter
//! touches raw mode, the alternate screen, signals and the panic hook; the terminal is restored on
//! quit, on error (a guard's `Drop`), on panic (a hook that restores before the message prints), and
//! on SIGTERM / SIGHUP (flags checked by the event loop).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};

use super::app::App;
use super::keys::{Key, message_for};
use super::message::{Effect, Message};
use super::view::view;
use crate::answers_file;
use crate::store::{DraftStore, report_path, write_private};

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
        execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Show)?;
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
    let _ = execute!(io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Runs the app until it quits or a signal asks it to.
pub fn run(mut app: App, io_config: LocalIo) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    install_panic_hook();
    let _guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut dirty = true;
    while !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| view(&app, frame))?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        dirty = true;
        let messages = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => key_of(key)
                .and_then(|k| message_for(&app, k))
                .into_iter()
                .collect(),
            Event::Paste(text) if app.in_text_field() => text
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .map(Message::Input)
                .collect(),
            _ => Vec::new(),
        };
        for message in messages {
            let effects = app.update(message);
            if perform(&mut app, effects, &io_config) {
                return Ok(());
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

/// Converts a crossterm key event to the app's own key.
pub fn key_of(event: KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char('c') if ctrl => Key::CtrlC,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::F(1) => Key::F1,
        _ => return None,
    })
}
