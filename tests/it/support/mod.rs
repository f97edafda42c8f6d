//! Helpers shared by the integration tests: the built-in content as the repository holds it, reading
//! screens, driving tmux, and the lock that lets the heavy tests run alone.

pub mod content;
pub mod logs;
pub mod program;
pub mod screen;
pub mod svg;
pub mod tmux;
pub mod ui;

/// Tests that measure this process (its RSS) or load the machine (50 SSH sessions) take the write
/// side; the other end-to-end tests (SSH, tmux, OpenSSH) share the read side, so they never run
/// beside a heavy one.
pub static HEAVY: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());
