//! The full-screen interface, The Elm Architecture: state ([`app`], [`screen`]), messages
//! ([`message`]), `update` ([`update`]) and a pure [`view`] for a [`Viewer`], generic over the
//! ratatui backend, so the same app runs on a local terminal, over SSH and on `TestBackend`. Keys
//! become messages through the one table in [`keymap`].

pub mod app;
pub mod consultation;
pub mod frame_writer;
pub mod input;
pub mod key;
pub mod keymap;
pub mod local;
pub mod message;
pub mod notice;
pub mod run;
pub mod screen;
pub mod theme;
mod update;
pub mod view;
pub mod viewer;

pub use app::App;
pub use key::{Input, Key};
pub use keymap::{message_for, messages_for};
pub use message::{Command, Effect, Message};
pub use theme::Theme;
pub use view::view;
pub use viewer::Viewer;
