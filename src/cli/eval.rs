//! `kouteki eval`: assess an answers file and print the report.

use std::io::Write;
use std::path::Path;

use jiff::civil::Date;

use super::pack_dir::load_content;
use super::{EvalArgs, Failure, Format, print_error, print_errors};
use kouteki_core::answers_file;
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, to_json, to_markdown, to_text};

/// At most this many errors are listed for one answers file.
const MAX_ERRORS: usize = 20;

/// Runs `eval`.
pub fn run(rules: Option<&Path>, args: &EvalArgs) -> Result<(), Failure> {
    let flag_as_of = args.as_of.as_deref().map(parse_as_of).transpose()?;
    let content = load_content(rules)?;
    let name = args.answers.display().to_string();
    let text = std::fs::read_to_string(&args.answers).map_err(|e| {
        print_error(&format!("cannot read {name}: {e}"));
        Failure::BadInput
    })?;
    let source = SourceText::new(&name, &text);
    let (file, mut errors) = answers_file::read(&content, &source).map_err(|errors| {
        print_errors(&errors, MAX_ERRORS);
        Failure::BadInput
    })?;
    let as_of = flag_as_of
        .or(file.as_of)
        .unwrap_or_else(crate::io::clock::today_in_japan);
    let lang = args.lang.map(Lang::from).or(file.lang).unwrap_or_default();
    let (missing, warnings) = answers_file::check_path(&content, &file, as_of, &source);
    for warning in &warnings {
        let yellow = anstyle::Style::new()
            .fg_color(Some(anstyle::AnsiColor::Yellow.into()))
            .bold();
        let _ = writeln!(anstream::stderr(), "{yellow}warning{yellow:#}: {warning}");
    }
    errors.extend(missing);
    errors.sort();
    if !errors.is_empty() {
        print_errors(&errors, MAX_ERRORS);
        return Err(Failure::BadInput);
    }
    let assessment = assess(&content, &file.answers, as_of);
    let report = Report::new(&content, &assessment, lang);
    let output = match args.format {
        Format::Text => to_text(&report),
        Format::Markdown => to_markdown(&report),
        Format::Json => to_json(&report) + "\n",
    };
    let _ = anstream::stdout().write_all(output.as_bytes());
    Ok(())
}

pub fn parse_as_of(text: &str) -> Result<Date, Failure> {
    text.parse::<Date>().map_err(|e| {
        print_error(&format!(
            "invalid --as-of date \"{text}\": expected YYYY-MM-DD ({e})"
        ));
        Failure::BadInput
    })
}
