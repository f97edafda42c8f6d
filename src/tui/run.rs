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

/// One app, the person looking at it, their input decoder and the front end's effects.
#[derive(Debug)]
pub struct Runner<I: Io> {
    /// The app.
    pub app: App,
    /// Who looks at it.
    pub viewer: Viewer,
    io: I,
    decoder: InputDecoder,
    dirty: bool,
}

impl<I: Io> Runner<I> {
    /// A runner that will draw at once.
    pub fn new(app: App, viewer: Viewer, io: I) -> Runner<I> {
        Runner {
            app,
            viewer,
            io,
            decoder: InputDecoder::new(),
            dirty: true,
        }
    }

    /// Decodes input bytes and applies them.
    pub fn feed(&mut self, bytes: &[u8]) -> Flow {
        let inputs = self.decoder.feed(bytes);
        self.apply(inputs)
    }

    /// Readies the input decoder (its tables take a while to build): call once the first frame is
    /// drawn, so start-up does not wait for it.
    pub fn prepare_input(&mut self) {
        self.decoder.prepare();
    }

    /// Decides held input after a pause (a lone ESC is the Escape key).
    pub fn flush_input(&mut self) -> Flow {
        let inputs = self.decoder.flush();
        self.apply(inputs)
    }

    /// Whether input is held that [`Runner::flush_input`] should decide after
    /// [`super::input::ESC_TIMEOUT`].
    pub fn input_pending(&self) -> bool {
        self.decoder.has_pending()
    }

    /// Applies one message with everything it leads to.
    pub fn dispatch(&mut self, message: Message) -> Flow {
        self.dirty = true;
        let mut queue = VecDeque::from([message]);
        while let Some(message) = queue.pop_front() {
            for effect in self.app.update(&mut self.viewer, message) {
                if effect == Effect::Quit {
                    return Flow::Quit;
                }
                queue.extend(self.io.perform(effect));
            }
        }
        Flow::Continue
    }

    fn apply(&mut self, inputs: Vec<super::key::Input>) -> Flow {
        for input in inputs {
            self.dirty = true;
            for message in messages_for(&self.app, input) {
                if self.dispatch(message) == Flow::Quit {
                    return Flow::Quit;
                }
            }
        }
        Flow::Continue
    }

    /// Whether the screen changed since it was last drawn.
    pub fn needs_redraw(&self) -> bool {
        self.dirty
    }

    /// Asks for a redraw (the terminal was resized, or frames were lost).
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Draws the app for the viewer.
    pub fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        terminal.draw(|frame| view(&self.app, &self.viewer, frame))?;
        self.dirty = false;
        Ok(())
    }
}
