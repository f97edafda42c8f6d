//! kouteki: check whether a foreign resident of Japan keeps their public duties (公的義務).
//!
//! The domain ([`content`], [`engine`], [`flow`], [`interview`], [`answers`]) is plain Rust with no
//! terminal, network or file-system access; front ends (the CLI's `eval` and `check`, later the TUI
//! and the SSH server) read files and draw screens around it.

pub mod answers;
pub mod answers_file;
pub mod cli;
pub mod clock;
pub mod content;
pub mod engine;
pub mod flow;
pub mod interview;
pub mod lang;
pub mod location;
pub mod plain;
pub mod report;
pub mod severity;
pub mod ssh;
pub mod store;
pub mod suggest;
pub mod tui;
pub mod ui_text;
