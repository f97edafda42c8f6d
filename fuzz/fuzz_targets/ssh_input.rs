//! What an SSH client can send: any bytes through the input decoder into the app (the same
//! `Runner` the server drives), then a frame drawn. Must never panic.
#![no_main]

use std::sync::{Arc, Mutex, OnceLock};

use kouteki::tui::app::{App, Recording, Storage};
use kouteki::tui::message::Effect;
use kouteki::tui::notice::Notice;
use kouteki::tui::run::{Flow, Io, Runner};
use kouteki::tui::{Message, Theme, Viewer};
use kouteki_core::content::{Content, embedded};
use kouteki_core::lang::Lang;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    Arc::clone(CONTENT.get_or_init(|| Arc::new(embedded::load_default().expect("valid pack"))))
}

/// Answers effects as the SSH session does, without keeping anything.
struct SessionIo;

impl Io for SessionIo {
    fn perform(&mut self, effect: Effect) -> Option<Message> {
        match effect {
            Effect::SaveReport(_) => Some(Message::Notify(Notice::ReportUnavailable)),
            _ => None,
        }
    }
}

/// One runner for every input, as building the decoder's tables per input would be most of the
/// time; each input gets a fresh app, and ends with the decoder flushed, so none leaks into the next.
fn runner() -> &'static Mutex<Runner<SessionIo>> {
    static RUNNER: OnceLock<Mutex<Runner<SessionIo>>> = OnceLock::new();
    RUNNER.get_or_init(|| Mutex::new(Runner::new(new_app(), viewer(), SessionIo)))
}

fn new_app() -> App {
    let storage = Storage::Session { recording: Recording::Ask };
    App::new(content(), jiff::civil::date(2026, 11, 27), storage)
}

fn viewer() -> Viewer {
    Viewer::new(Lang::En, Theme::new(true))
}

fuzz_target!(|data: &[u8]| {
    let mut runner = runner().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    runner.app = new_app();
    runner.viewer = viewer();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    // Bytes arrive in packets: a 0xFE byte (never in UTF-8 input) ends one, then a frame is drawn.
    // The server ends the session when the app quits.
    let mut flow = Flow::Continue;
    for packet in data.split(|b| *b == 0xFE) {
        flow = runner.feed(packet);
        if flow == Flow::Quit {
            break;
        }
        runner.draw(&mut terminal).expect("draw");
    }
    if runner.flush_input() == Flow::Continue && flow == Flow::Continue {
        runner.draw(&mut terminal).expect("draw");
    }
});
