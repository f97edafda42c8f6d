//! kouteki: check whether a foreign resident of Japan keeps their public duties (公的義務).
//!
//! This crate is the program around the domain crate [`kouteki_core`]: the command line ([`cli`]),
//! the full-screen interview ([`tui`]), the line-by-line interview ([`plain`]), the SSH server
//! ([`ssh`]) and everything that touches the disk or the clock ([`io`]). Its own words are in
//! [`strings`].

pub mod cli;
pub mod io;
pub mod plain;
pub mod ssh;
pub mod strings;
pub mod tui;
