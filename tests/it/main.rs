//! The binary's integration tests, one crate so they build once: the command line (`cli`), the
//! full-screen app on ratatui's `TestBackend` (`tui`), plain mode (`plain`), the SSH server in process
//! (`ssh`), and end-to-end runs of the real binary in tmux and behind the OpenSSH client
//! (`e2e_tmux`, `e2e_openssh`). Shared helpers are in `support`.

// A test is one scenario read top to bottom; splitting it to satisfy the 60-line rule for the
// program's own functions would scatter it.
#![allow(clippy::too_many_lines)]

mod cli;
mod e2e_browser;
mod e2e_openssh;
mod e2e_tmux;
mod modules;
mod pictures;
mod plain;
mod schema;
mod screens;
mod ssh;
mod support;
mod tui;
