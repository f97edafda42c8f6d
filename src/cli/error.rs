//! The command line's one error type and its one printer. Every command returns [`CliError`];
//! `cli::run` prints it and turns it into the exit status: 2 for bad input (files, flags: the user
//! can fix it), 1 for anything else (the terminal, the network, the disk).

use std::io::Write;
use std::path::PathBuf;

use kouteki_core::formats::location::LocatedError;

/// At most this many errors of one answers file are listed (content packs list every error).
pub const MAX_ANSWERS_ERRORS: usize = 20;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A content pack or an answers file the core refused, with every error located.
    #[error(transparent)]
    Core(#[from] kouteki_core::Error),
    /// A file that could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A flag or a file given on the command line that cannot be used, with how to fix it.
    #[error("{0}")]
    BadInput(String),
    /// The terminal failed (not the user's input).
    #[error("terminal error: {0}")]
    Terminal(std::io::Error),
    /// Anything else that failed while running (starting the server, listening, writing).
    #[error("{0}")]
    Runtime(String),
    /// `check --strict`: the pack loads, but the content lints found this many warnings.
    #[error("{0} content warning(s), and --strict treats warnings as failures")]
    Strict(usize),
    /// `eval --fail-on`: the report was printed, and its overall result is at least the threshold.
    #[error("the overall result is {}, at least --fail-on {}", .overall.id(), .threshold.id())]
    Verdict {
        /// The overall result.
        overall: kouteki_core::severity::Severity,
        /// The `--fail-on` threshold.
        threshold: kouteki_core::severity::Severity,
    },
}

/// Exit status for bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status for any other failure.
pub const EXIT_FAILURE: u8 = 1;

impl CliError {
    /// The exit status: 2 when the user's input was bad, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Core(_) | CliError::Read { .. } | CliError::BadInput(_) => EXIT_BAD_INPUT,
            CliError::Terminal(_)
            | CliError::Runtime(_)
            | CliError::Verdict { .. }
            | CliError::Strict(_) => EXIT_FAILURE,
        }
    }

    /// Prints the error on stderr: each located error on its own line (every one of a content
    /// pack, the first [`MAX_ANSWERS_ERRORS`] of an answers file), others as one line.
    pub fn print(&self) {
        match self {
            CliError::Core(kouteki_core::Error::Content(errors)) => {
                print_errors(errors, usize::MAX);
            }
            CliError::Core(kouteki_core::Error::Answers(errors)) => {
                print_errors(errors, MAX_ANSWERS_ERRORS);
            }
            other => print_line(&other.to_string()),
        }
    }
}

fn red() -> anstyle::Style {
    anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Red.into()))
        .bold()
}

/// Prints errors, at most `limit`, with a count of the rest.
fn print_errors(errors: &[LocatedError], limit: usize) {
    let mut stderr = anstream::stderr();
    let red = red();
    for error in errors.iter().take(limit) {
        let _ = writeln!(stderr, "{red}error{red:#}: {error}");
    }
    if errors.len() > limit {
        let _ = writeln!(
            stderr,
            "… and {} more errors ({} in all)",
            errors.len() - limit,
            errors.len()
        );
    }
}

fn print_line(message: &str) {
    let red = red();
    let _ = writeln!(anstream::stderr(), "{red}error{red:#}: {message}");
}

/// Prints a warning on stderr (warnings never fail a command).
pub fn print_warning(warning: &impl std::fmt::Display) {
    let yellow = anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Yellow.into()))
        .bold();
    let _ = writeln!(anstream::stderr(), "{yellow}warning{yellow:#}: {warning}");
}
