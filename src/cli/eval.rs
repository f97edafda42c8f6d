//! `kouteki eval`: assess an answers file and print the report, or many and print a line each.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::error::print_warning;
use super::pack_dir::load_content;
use super::{CliError, EvalArgs, Format, read_file};
use kouteki_core::answers_file;
use kouteki_core::content::Content;
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use kouteki_core::report::{
    Report, ReportDiscussion, to_html, to_ics, to_json, to_markdown, to_text,
};
use kouteki_core::severity::Severity;

/// Runs `eval`: one file prints its report; several (or a directory) print a line each.
pub fn run(rules: Option<&Path>, args: &EvalArgs) -> Result<(), CliError> {
    let flag_as_of = args.as_of.as_deref().map(parse_as_of).transpose()?;
    let content = load_content(rules)?;
    let files = answers_files(&args.answers)?;
    let single = files.len() == 1 && !args.answers[0].is_dir();
    if single {
        let report = assess_file(&content, &files[0], flag_as_of, args)?;
        let output = match args.format {
            Format::Text => to_text(&report),
            Format::Markdown => to_markdown(&report),
            Format::Json => to_json(&report) + "\n",
            Format::Html => to_html(&report),
            Format::Ics => to_ics(&report),
        };
        // Only text carries styles; the other formats skip anstream's scan for them.
        let _ = match args.format {
            Format::Text => anstream::stdout().write_all(output.as_bytes()),
            _ => std::io::stdout().write_all(output.as_bytes()),
        };
        return verdict(report.overall, args);
    }
    let mut worst = Severity::Ok;
    let mut failed = None;
    for path in &files {
        match assess_file(&content, path, flag_as_of, args) {
            Ok(report) => {
                worst = worst.max(report.overall);
                summary_line(path, &report, args.format);
            }
            Err(error) => {
                error.print();
                failed = Some(error);
            }
        }
    }
    match failed {
        Some(_) => Err(CliError::BadInput(format!(
            "some of the {} answers files have errors (listed above)",
            files.len()
        ))),
        None => verdict(worst, args),
    }
}

/// The answers files named: files as given, directories as their `*.toml` files in name order.
fn answers_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(CliError::BadInput(format!(
                "{}: no answers files (*.toml) in the directory",
                path.display()
            )));
        }
        files.extend(found);
    }
    Ok(files)
}

/// One file's line: its overall result (as a JSON object a line with `--format json`).
fn summary_line(path: &Path, report: &Report, format: Format) {
    let overall = report.overall;
    let line = match format {
        Format::Json => {
            serde_json::json!({"file": path.display().to_string(), "overall": overall}).to_string()
        }
        _ => {
            let style = kouteki_core::report::severity_style(overall);
            format!(
                "{style}{} {}{style:#}\t{}\t{}",
                overall.symbol(),
                overall.label(report.lang),
                overall.id(),
                path.display()
            )
        }
    };
    let _ = writeln!(anstream::stdout(), "{line}");
}

/// `--fail-on`: exit 1 when the overall result is at least the threshold.
fn verdict(overall: Severity, args: &EvalArgs) -> Result<(), CliError> {
    match args.fail_on.map(Severity::from) {
        Some(threshold) if overall >= threshold => Err(CliError::Verdict { overall, threshold }),
        _ => Ok(()),
    }
}

/// Reads, checks and assesses one answers file; warnings are printed, errors returned.
fn assess_file(
    content: &Content,
    path: &Path,
    flag_as_of: Option<Date>,
    args: &EvalArgs,
) -> Result<Report, CliError> {
    let name = path.display().to_string();
    let text = read_file(path)?;
    let source = SourceText::new(&name, &text);
    let (file, mut errors) = answers_file::read(content, &source)?;
    let as_of = flag_as_of
        .or(file.as_of)
        .unwrap_or_else(crate::io::clock::today_in_japan);
    let lang = args.lang.map(Lang::from).or(file.lang).unwrap_or_default();
    let (missing, warnings) = answers_file::check_path(content, &file, as_of, &source);
    warnings.iter().for_each(print_warning);
    errors.extend(missing);
    errors.sort();
    if !errors.is_empty() {
        return Err(kouteki_core::Error::Answers(errors).into());
    }
    let report = Report::new(content, &assess(content, &file.answers, as_of), lang);
    // Marks and notes of a consultation go into the reports for people (not into the JSON).
    let talk = ReportDiscussion::new(content, &file.answers, &file.discussion, &report);
    Ok(report.with_discussion(talk))
}

/// Parses `--as-of`.
pub fn parse_as_of(text: &str) -> Result<Date, CliError> {
    text.parse::<Date>().map_err(|e| {
        CliError::BadInput(format!(
            "invalid --as-of date \"{text}\": expected YYYY-MM-DD ({e})"
        ))
    })
}
