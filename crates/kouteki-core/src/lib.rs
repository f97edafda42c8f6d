//! kouteki-core: the domain of kouteki, the check of a foreign resident's public duties in Japan
//! (公的義務).
//!
//! Plain Rust with no terminal, network, async, file-system or command-line dependency (Cargo.toml
//! lists none, so the compiler keeps it that way): every front end (the full-screen interview, the
//! plain line-by-line mode, `kouteki eval`, the SSH server) is built on the same tested core.
//!
//! The modules form layers, each using only those above it:
//! - [`lang`], [`severity`], [`answers`], [`discussion`], [`formats`]: leaves (languages and bilingual
//!   text, the four severities and areas, the answers model, marks and notes, file positions and
//!   "did you mean").
//! - [`dates`]: month values and the named date and period rules of the timeline and documents.
//! - [`content`]: content packs as checked data, with the condition language they are written in.
//! - [`flow`], [`engine`], [`interview`]: which questions apply, the assessment, the interview's steps.
//! - [`answers_file`], [`report`]: answers files read and written, reports rendered.
//! - [`i18n`]: every interface string of the core, in both languages.
//! - `schema` (feature `schema`): JSON Schemas of the answers file and the JSON report.
//!
//! Input the core refuses is an [`Error`], with every problem at its file, line and column.

pub mod answers;
pub mod answers_file;
pub mod content;
pub mod content_str;
pub mod dates;
pub mod discussion;
pub mod engine;
pub mod error;
pub mod flow;
pub mod formats;
pub mod i18n;
pub mod interview;
pub mod lang;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod severity;

pub use error::Error;
