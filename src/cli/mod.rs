//! The command line: `kouteki`, `kouteki eval`, `kouteki check`, `kouteki serve` and the documents
//! printed beside them (completions, man page, schemas).
//!
//! Commands read files and print; all judgement is in the core. Errors are one type
//! ([`CliError`]) printed in one place: exit status 2 means bad input (files, flags), with every
//! error listed; 1 any other failure.

mod check;
mod docs;
mod error;
mod eval;
mod interview;
mod pack_dir;
mod schema;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use kouteki_core::lang::Lang;

pub use error::{CliError, EXIT_BAD_INPUT, EXIT_FAILURE};

/// kouteki: check whether you keep your public duties in Japan (公的義務): taxes, pension and health
/// insurance, immigration notifications, the residence card and the My Number Card.
#[derive(Debug, Parser)]
#[command(name = "kouteki", version, about, long_about = None)]
pub struct Cli {
    /// Use the content pack in DIR (pack.toml, questionnaire.toml, rules.toml) instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// When to use colors: auto (on a terminal, unless NO_COLOR is set), always, or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// What to do; none opens the interview.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The interview's flags, given without a subcommand.
    #[command(flatten)]
    pub interview: InterviewArgs,
}

/// Flags of the interview (`kouteki` with no subcommand).
#[derive(Debug, clap::Args)]
pub struct InterviewArgs {
    /// Open the interview pre-filled from an answers file (at the review, or at the first unanswered question).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Interface language (default: ja when LANG starts with "ja", else en; `L` switches at any time).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Evaluation date YYYY-MM-DD (default: today in Japan).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Save nothing: no draft of answers (an explicit "save report" still writes).
    #[arg(long)]
    pub no_save: bool,
    /// No colors (the same as --color never; also when NO_COLOR is set): symbols, bold and reverse video only.
    #[arg(long)]
    pub no_color: bool,
    /// Line-by-line interview with numbered choices (also when not on a terminal, or TERM=dumb).
    #[arg(long)]
    pub plain: bool,
}

/// The subcommands. Each one's flags are built only when it runs (`defer`): building every
/// subcommand's (`serve` alone has some 80) was a tenth of a one-shot `kouteki eval`'s instructions
/// and most of its short-lived allocations. Help, completions and the man page still see them all.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Assess an answers file and print the result (exit 0 whatever the verdict unless --fail-on, 2 on bad input).
    Eval(EvalArgs),
    /// Validate a content pack and print a summary (exit 2 with every error listed if it fails;
    /// warnings are listed on stderr, and fail with exit 1 under --strict).
    Check(check::CheckArgs),
    /// Serve the interview over SSH to clients of a consultation (see README: Consultations over SSH).
    Serve(Box<serve::ServeArgs>),
    /// Print a shell completion script (see README: install it where your shell looks for them).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): kouteki's, or one subcommand's (`kouteki man eval`); or write
    /// them all into a directory (`kouteki man --dir ~/.local/share/man/man1`).
    Man(docs::ManArgs),
    /// Print the JSON Schema of the answers file (for the content in use) or of `eval --format json`.
    Schema {
        /// Which document.
        #[arg(value_enum)]
        document: schema::SchemaDocument,
    },
}

/// Assess answers files and print the result.
///
/// Exit status: 0 whatever the verdict, unless --fail-on is given and the overall result is at
/// least that (then 1); 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The answers file (TOML: [meta] and [answers], see README); several files, or a directory of
    /// them, print one line per file with its overall result.
    #[arg(long, value_name = "FILE|DIR", required = true, num_args = 1..)]
    pub answers: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Evaluation date YYYY-MM-DD (default: the file's [meta] as_of, else today in Japan).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Report language (default: the file's [meta] lang, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Exit 1 when the overall result is at least this (for scripts that check many files).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

/// The overall results `--fail-on` can stop at.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    /// Points to check (yellow) or worse.
    Caution,
    /// Problems to fix (red).
    Violation,
}

impl From<FailOn> for kouteki_core::severity::Severity {
    fn from(value: FailOn) -> Self {
        match value {
            FailOn::Caution => kouteki_core::severity::Severity::Caution,
            FailOn::Violation => kouteki_core::severity::Severity::Violation,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even when piped or with `NO_COLOR` (the flag is the later word).
    Always,
    /// Never: symbols, bold and reverse video carry every meaning.
    Never,
}

impl ColorWhen {
    /// Whether `NO_COLOR` asks for no colors (set and not empty, as no-color.org says).
    fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// Sets the choice for everything printed through anstream (reports, errors, warnings).
    fn apply_to_output(self) {
        let choice = match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
    }
}

/// Report formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Colored text for a terminal (plain when NO_COLOR is set or output is not a terminal).
    Text,
    /// Markdown to hand to a client.
    Markdown,
    /// JSON as specified in the contract.
    Json,
    /// A self-contained HTML page to open or print (A4, an area a page).
    Html,
    /// An iCalendar file (RFC 5545) of the coming timeline dates, with reminders before deadlines.
    Ics,
}

/// Languages on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Lang {
        match value {
            LangArg::En => Lang::En,
            LangArg::Ja => Lang::Ja,
        }
    }
}

/// Parses the command line and runs it; prints what went wrong, once, and exits 2 for bad input,
/// 1 for any other failure.
pub fn run() -> ExitCode {
    kouteki_core::formats::phrases::know(pack_dir::PHRASES);
    let cli = Cli::parse();
    cli.color.apply_to_output();
    let result = match &cli.command {
        Some(Command::Eval(args)) => eval::run(cli.rules.as_deref(), args),
        Some(Command::Check(args)) => check::run(cli.rules.as_deref(), args),
        Some(Command::Serve(args)) => serve::run(cli.rules.as_deref(), args),
        Some(Command::Completions { shell }) => docs::completions(*shell),
        Some(Command::Man(args)) => docs::man(args),
        Some(Command::Schema { document }) => schema::run(cli.rules.as_deref(), *document),
        None => interview::run(cli.rules.as_deref(), &cli.interview, cli.color),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.print();
            ExitCode::from(error.exit_code())
        }
    }
}

/// Reads a whole text file given on the command line.
fn read_file(path: &std::path::Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })
}
