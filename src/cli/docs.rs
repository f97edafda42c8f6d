//! `kouteki completions SHELL` and `kouteki man`: what a user installs beside the binary, generated
//! from the same clap definition as the command line itself, so they never drift from it.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Print a man page (roff): kouteki's, or one subcommand's; or write them all into a directory
///
/// There is one page per subcommand, as git and cargo ship them: kouteki(1) lists kouteki-eval(1)
/// and the others, and each of those holds its own options, which a single page would leave out.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Print this subcommand's page (kouteki-SUBCOMMAND(1)) instead of the top-level one.
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    pub subcommand: Option<String>,
    /// Write every page (kouteki.1, kouteki-eval.1, …) into DIR, creating it, and list them.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints one man page on stdout, or writes them all into `--dir`.
pub fn man(args: &ManArgs) -> Result<(), CliError> {
    let pages = pages();
    if let Some(dir) = &args.dir {
        return write_pages(dir, &pages);
    }
    let wanted = match &args.subcommand {
        None => "kouteki".to_string(),
        Some(name) => format!("kouteki-{name}"),
    };
    let page = pages
        .iter()
        .find(|page| page.name == wanted)
        .ok_or_else(|| unknown_subcommand(args.subcommand.as_deref().unwrap_or(""), &pages))?;
    write_stdout(&page.roff)
}

/// One rendered page: its name (`kouteki-eval`) and its roff.
struct Page {
    name: String,
    roff: Vec<u8>,
}

/// Every page: the top-level one first, then one per subcommand (clap's own `help` left out, as
/// the top-level page's list leaves it out).
fn pages() -> Vec<Page> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = vec![render(command.clone())];
    pages.extend(
        command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .cloned()
            .map(render),
    );
    pages
}

fn render(command: clap::Command) -> Page {
    // Every page's footer names the program and its version; clap_mangen's default would be the
    // subcommand's name and an empty version ("eval ").
    let man =
        clap_mangen::Man::new(command).source(format!("kouteki {}", env!("CARGO_PKG_VERSION")));
    let name = man.get_filename().trim_end_matches(".1").to_string();
    let mut roff = Vec::new();
    man.render(&mut roff)
        .expect("rendering into memory cannot fail");
    Page { name, roff }
}

fn unknown_subcommand(name: &str, pages: &[Page]) -> CliError {
    let known: Vec<&str> = pages
        .iter()
        .filter_map(|page| page.name.strip_prefix("kouteki-"))
        .collect();
    CliError::BadInput(format!(
        "no man page for `{name}`: the subcommands are {}",
        known.join(", ")
    ))
}

fn write_pages(dir: &Path, pages: &[Page]) -> Result<(), CliError> {
    let failed = |path: &Path, e: std::io::Error| {
        CliError::Runtime(format!("cannot write {}: {e}", path.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let mut listing = String::new();
    for page in pages {
        let path = dir.join(format!("{}.1", page.name));
        std::fs::write(&path, &page.roff).map_err(|e| failed(&path, e))?;
        listing.push_str(&format!("{}\n", path.display()));
    }
    write_stdout(listing.as_bytes())
}

fn write_stdout(bytes: &[u8]) -> Result<(), CliError> {
    std::io::stdout()
        .write_all(bytes)
        .map_err(|e| CliError::Runtime(format!("cannot write to stdout: {e}")))
}
