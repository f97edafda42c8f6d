//! What an SSH client can send: any bytes through the input decoder into the app (the same
//! `Runner` the server drives), then a frame drawn. Must never panic.
#![no_main]

use std::sync::{Arc, Mutex, OnceLock};

use kouteki::tui::app::{App, Recording, Storage};
use kouteki::tui::message::Effect;
use kouteki::tui::notice::Notice;
use kouteki::tui::run::{Flow, Io, Runner, Seat};
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

/// One runner and seats for every input, as building the decoder's tables per input would be most
/// of the time; each input gets a fresh app and fresh viewers, and ends with the decoders flushed,
/// so none leaks into the next.
struct Session {
    runner: Runner<SessionIo>,
    client: Seat,
    consultant: Seat,
}

fn session() -> &'static Mutex<Session> {
    static SESSION: OnceLock<Mutex<Session>> = OnceLock::new();
    SESSION.get_or_init(|| {
        Mutex::new(Session {
            runner: Runner::new(new_app(), SessionIo),
            client: Seat::new(Viewer::new(Lang::En, Theme::new(true))),
            consultant: Seat::new(Viewer::consultant(Lang::Ja, Theme::new(true))),
        })
    })
}

fn new_app() -> App {
    let storage = Storage::Session {
        recording: Recording::Ask,
    };
    App::new(content(), jiff::civil::date(2026, 11, 27), storage)
        .with_session_code("K7Q-2MP".into())
        .with_resume_by_code()
}

fuzz_target!(|data: &[u8]| {
    let mut guard = session()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Session {
        runner,
        client,
        consultant,
    } = &mut *guard;
    runner.app = new_app();
    client.viewer = Viewer::new(Lang::En, Theme::new(true));
    consultant.viewer = Viewer::consultant(Lang::Ja, Theme::new(true));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    // Bytes arrive in packets: a 0xFE byte (never in UTF-8 input) ends one, then a frame is drawn;
    // a packet that starts with 0xFD is the consultant's (a watcher's keys), the others the client's.
    // The server ends the session when the client's app quits.
    for packet in data.split(|b| *b == 0xFE) {
        let (seat, packet) = match packet.split_first() {
            Some((0xFD, rest)) => (&mut *consultant, rest),
            _ => (&mut *client, packet),
        };
        if runner.feed(seat, packet) == Flow::Quit {
            break;
        }
        runner.draw(seat, &mut terminal).expect("draw");
    }
    for seat in [&mut *client, &mut *consultant] {
        if runner.flush_input(seat) == Flow::Continue {
            runner.draw(seat, &mut terminal).expect("draw");
        }
    }
});
