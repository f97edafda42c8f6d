//! `kouteki eval`: assess an answers file and print the report.

use std::io::Write;
use std::path::Path;

use jiff::civil::Date;

use super::error::print_warning;
use super::pack_dir::load_content;
use super::{CliError, EvalArgs, Format, read_file};
use kouteki_core::answers_file;
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, to_json, to_markdown, to_text};
use kouteki_core::severity::Severity;

/// Runs `eval`.
pub fn run(rules: Option<&Path>, args: &EvalArgs) -> Result<(), CliError> {
    let flag_as_of = args.as_of.as_deref().map(parse_as_of).transpose()?;
    let content = load_content(rules)?;
    let name = args.answers.display().to_string();
    let text = read_file(&args.answers)?;
    let source = SourceText::new(&name, &text);
    let (file, mut errors) = answers_file::read(&content, &source)?;
    let as_of = flag_as_of
        .or(file.as_of)
        .unwrap_or_else(crate::io::clock::today_in_japan);
    let lang = args.lang.map(Lang::from).or(file.lang).unwrap_or_default();
    let (missing, warnings) = answers_file::check_path(&content, &file, as_of, &source);
    warnings.iter().for_each(print_warning);
    errors.extend(missing);
    errors.sort();
    if !errors.is_empty() {
        return Err(kouteki_core::Error::Answers(errors).into());
    }
    let assessment = assess(&content, &file.answers, as_of);
    let report = Report::new(&content, &assessment, lang);
    let output = match args.format {
        Format::Text => to_text(&report),
        Format::Markdown => to_markdown(&report),
        Format::Json => to_json(&report) + "\n",
    };
    let _ = anstream::stdout().write_all(output.as_bytes());
    match args.fail_on.map(Severity::from) {
        Some(threshold) if report.overall >= threshold => Err(CliError::Verdict {
            overall: report.overall,
            threshold,
        }),
        _ => Ok(()),
    }
}

/// Parses `--as-of`.
pub fn parse_as_of(text: &str) -> Result<Date, CliError> {
    text.parse::<Date>().map_err(|e| {
        CliError::BadInput(format!(
            "invalid --as-of date \"{text}\": expected YYYY-MM-DD ({e})"
        ))
    })
}
