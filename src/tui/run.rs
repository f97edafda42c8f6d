//! The run loop every front end shares: input bytes are decoded into keys, keys become messages by
//! the key table, messages update the app, and every effect goes to the front end's [`Io`], whose
//! answers are fed back in until nothing is left, so no effect of a nested update is ever dropped.
//! A front end only pumps events into a [`Runner`] (a thread locally, a task over SSH) and draws.

use std::collections::VecDeque;

use ratatui::Terminal;
use ratatui::backend::Backend;

use super::app::App;
use super::input::InputDecoder;
use super::keymap::messages_for;
use super::message::{Effect, Message};
use super::view::view;
use super::viewer::Viewer;

/// What a front end does with the app's effects: the only place they meet the disk.
pub trait Io {
    /// Carries out one effect (never [`Effect::Quit`], which ends the loop); a message it returns
    /// (where the report was saved, why a draft failed) goes back to the app.
    fn perform(&mut self, effect: Effect) -> Option<Message>;
}

/// Whether the session goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep going.
    Continue,
    /// The app asked to quit.
    Quit,
}

/// One person at the app: how they see it, the decoder of their keystrokes, and which state of the
/// app their screen last showed. Locally there is one seat; a guided consultation has two on one
/// app.
#[derive(Debug)]
pub struct Seat {
    /// How this person sees the app.
    pub viewer: Viewer,
    decoder: InputDecoder,
    drawn: Option<u64>,
}

impl Seat {
    /// A seat that will be drawn at once.
    pub fn new(viewer: Viewer) -> Seat {
        Seat {
            viewer,
            decoder: InputDecoder::new(),
            drawn: None,
        }
    }

    /// Whether input is held that [`Runner::flush_input`] should decide after
    /// [`super::input::ESC_TIMEOUT`].
    pub fn input_pending(&self) -> bool {
        self.decoder.has_pending()
    }

    /// Asks for a redraw of this seat (its terminal was resized, or frames were lost).
    pub fn invalidate(&mut self) {
        self.drawn = None;
    }
}

/// One app and the front end's effects; the seats around it are the front end's.
#[derive(Debug)]
pub struct Runner<I: Io> {
    /// The app.
    pub app: App,
    io: I,
    /// Counts the changes: a seat that drew an older one is redrawn.
    generation: u64,
}

impl<I: Io> Runner<I> {
    /// A runner over `app`.
    pub fn new(app: App, io: I) -> Runner<I> {
        Runner {
            app,
            io,
            generation: 0,
        }
    }

    /// The front end's effects handler (the SSH session collects the consultation's decisions).
    pub fn io_mut(&mut self) -> &mut I {
        &mut self.io
    }

    /// Decodes `seat`'s input bytes and applies them as that seat's.
    pub fn feed(&mut self, seat: &mut Seat, bytes: &[u8]) -> Flow {
        let inputs = seat.decoder.feed(bytes);
        self.apply(seat, inputs)
    }

    /// Readies `seat`'s input decoder (its tables take a while to build): call once the first frame
    /// is drawn, so start-up does not wait for it.
    pub fn prepare_input(&mut self, seat: &mut Seat) {
        seat.decoder.prepare();
    }

    /// Decides `seat`'s held input after a pause (a lone ESC is the Escape key).
    pub fn flush_input(&mut self, seat: &mut Seat) -> Flow {
        let inputs = seat.decoder.flush();
        self.apply(seat, inputs)
    }

    /// Applies one message from `viewer` with everything it leads to.
    pub fn dispatch(&mut self, viewer: &mut Viewer, message: Message) -> Flow {
        self.generation += 1;
        let mut queue = VecDeque::from([message]);
        while let Some(message) = queue.pop_front() {
            for effect in self.app.update(viewer, message) {
                if effect == Effect::Quit {
                    return Flow::Quit;
                }
                queue.extend(self.io.perform(effect));
            }
        }
        Flow::Continue
    }

    fn apply(&mut self, seat: &mut Seat, inputs: Vec<super::key::Input>) -> Flow {
        for input in inputs {
            seat.drawn = None;
            for message in messages_for(&self.app, &seat.viewer, input) {
                if self.dispatch(&mut seat.viewer, message) == Flow::Quit {
                    return Flow::Quit;
                }
            }
        }
        Flow::Continue
    }

    /// Whether `seat`'s screen is older than the app or its own view.
    pub fn needs_redraw(&self, seat: &Seat) -> bool {
        seat.drawn != Some(self.generation)
    }

    /// Draws the app for `seat`, at the size of `terminal`'s viewport: the front end sets it (from
    /// the client's window-change requests, or from SIGWINCH locally), so no frame asks the
    /// backend, which for crossterm means opening `/dev/tty`, and on a server started without a
    /// terminal running `tput` twice, and failing without `TERM`.
    pub fn draw<B: Backend>(
        &self,
        seat: &mut Seat,
        terminal: &mut Terminal<B>,
    ) -> Result<(), B::Error> {
        seat.viewer.size = terminal.get_frame().area().as_size();
        terminal.draw(|frame| view(&self.app, &seat.viewer, frame))?;
        seat.drawn = Some(self.generation);
        Ok(())
    }
}
