//! Consultations over SSH (`kouteki serve`): each client runs `ssh -p 2222 consult@host` and gets
//! their own full-screen interview, with nothing installed.
//!
//! One task per connection owns that client's app and terminal ([`session`]); the content is shared
//! read-only; there is no global mutable state besides the admission counters ([`limits`]). russh
//! carries the protocol; the same [`crate::tui`] app runs inside, fed by the same input decoder as
//! the local terminal.

pub mod access;
mod handler;
pub mod host_key;
pub mod limits;
mod output;
pub mod server;
pub mod session;
pub mod session_code;
pub mod settings;

pub use server::{ServerHandle, start};
pub use settings::{AuthPolicy, ServeSettings, Timeouts};
