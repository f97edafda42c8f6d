//! `kouteki completions SHELL` and `kouteki man`: what a user installs beside the binary, generated
//! from the same clap definition as the command line itself, so they never drift from it.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CliError};

/// Prints the completion script for `shell` on stdout.
pub fn completions(shell: Shell) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "kouteki", &mut script);
    write_stdout(&script)
}

/// Prints the man page (roff) on stdout.
pub fn man() -> Result<(), CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| CliError::Runtime(format!("cannot render the man page: {e}")))?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    std::io::stdout()
        .write_all(bytes)
        .map_err(|e| CliError::Runtime(format!("cannot write to stdout: {e}")))
}
