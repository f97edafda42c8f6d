//! The full-screen interface: state + messages + update ([`app`]) and a pure [`view`], generic over
//! the ratatui backend, so the same app runs on a local terminal, over SSH and on `TestBackend`.

pub mod app;
pub mod input;
pub mod keys;
pub mod local;
pub mod message;
pub mod theme;
mod update;
pub mod view;

pub use app::App;
pub use keys::{Key, message_for, messages_for};
pub use message::{Effect, Message};
pub use theme::Theme;
pub use view::view;
