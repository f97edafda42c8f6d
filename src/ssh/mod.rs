//! Consultations over SSH (`kouteki serve`): each client runs `ssh -p 2222 consult@host` and gets
//! their own full-screen interview, with nothing installed.
//!
//! One task per client session owns that client's app and everyone looking at it ([`session`]): the
//! client, and a consultant who joined from their console ([`console`]) with the client's yes. The
//! content is shared read-only; the only shared mutable state is the admission counters ([`limits`])
//! and the registry of session codes ([`session_code`]). russh
//! carries the protocol; the same [`crate::tui`] app runs inside, fed by the same input decoder as
//! the local terminal.

pub mod access;
pub mod algorithms;
mod attachment;
mod console;
mod handler;
pub mod host_key;
pub mod instance;
mod knock;
pub mod limits;
mod output;
mod participant;
pub mod proxy;
pub mod server;
pub mod session;
pub mod session_code;
mod session_io;
pub mod settings;
pub mod throttle;

pub use server::{ServerHandle, start};
pub use settings::{AuthPolicy, ServeSettings, Timeouts};
