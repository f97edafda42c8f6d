//! The terminal report: colored by severity (with a symbol, so it reads without color too), wrapped
//! by display width so Japanese lines fit.
//!
//! Colors are always written here; the CLI prints through `anstream`, which strips them when
//! `NO_COLOR` is set or the output is not a terminal.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::model::{Report, ReportFinding};
use crate::i18n as ui;
use crate::lang::Lang;
use crate::severity::{Area, Severity};

/// Width the report wraps at.
const WIDTH: usize = 80;

/// The style of a severity.
pub fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Ok => AnsiColor::Green,
        Severity::Info => AnsiColor::Blue,
        Severity::Caution => AnsiColor::Yellow,
        Severity::Violation => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn badge(severity: Severity, lang: Lang) -> String {
    let style = severity_style(severity);
    format!(
        "{style}{} {}{style:#}",
        severity.symbol(),
        severity.label(lang)
    )
}

fn heading(text: &str) -> String {
    let style = Style::new().bold().underline();
    format!("{style}{text}{style:#}")
}

/// The report as terminal text with ANSI styles.
pub fn to_text(report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading(ui::REPORT_TITLE.get(lang)));
    let _ = writeln!(
        out,
        "{}: {} · {}: {}",
        ui::AS_OF.get(lang),
        report.as_of_text,
        ui::REVIEWED.get(lang),
        report.content_reviewed_text
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}: {}",
        ui::OVERALL.get(lang),
        badge(report.overall, lang)
    );
    for area in Area::ALL {
        let count = report.findings.iter().filter(|f| f.area == area).count();
        let _ = writeln!(
            out,
            "  {} ({count})  {}",
            badge(report.area(area), lang),
            area.title().get(lang)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", heading(ui::FINDINGS.get(lang)));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", ui::NO_FINDINGS.get(lang));
    }
    for finding in &report.findings {
        write_finding(&mut out, finding, lang);
    }
    write_upcoming(&mut out, report);
    write_timeline(&mut out, report);
    write_documents(&mut out, report);
    if !report.notes.is_empty() {
        let _ = writeln!(out, "\n{}", heading(ui::NOTES.get(lang)));
        for note in &report.notes {
            wrap_into(&mut out, &note.text, "  ", "  ");
        }
    }
    if !report.unanswered.is_empty() {
        let _ = writeln!(
            out,
            "\n{}: {}",
            ui::UNANSWERED.get(lang),
            report.unanswered.join(", ")
        );
    }
    let _ = writeln!(out);
    wrap_into(&mut out, &report.disclaimer, "", "");
    out
}

fn write_finding(out: &mut String, f: &ReportFinding, lang: Lang) {
    let bold = Style::new().bold();
    let _ = writeln!(
        out,
        "\n{} · {}",
        badge(f.severity, lang),
        f.area.title().get(lang)
    );
    let _ = writeln!(out, "  {bold}{}{bold:#}", f.title);
    for paragraph in f.explanation.split("\n\n") {
        wrap_into(out, paragraph, "  ", "  ");
    }
    write_list(out, ui::ACTIONS.get(lang), &f.actions);
    write_list(out, ui::DOCUMENTS.get(lang), &f.documents);
    let why: Vec<String> = f.why.iter().map(|(q, a)| format!("{q} → {a}")).collect();
    write_list(out, ui::WHY.get(lang), &why);
    let sources: Vec<String> = f
        .sources
        .iter()
        .map(|s| format!("{} <{}>", s.title, s.url))
        .collect();
    let mut listed = String::new();
    write_list(&mut listed, ui::SOURCES.get(lang), &sources);
    for source in &f.sources {
        let shown = format!("<{}>", source.url);
        listed = listed.replace(&shown, &format!("<{}>", hyperlink(&source.url)));
    }
    out.push_str(&listed);
}

/// `url` as a terminal hyperlink (OSC 8: `ESC ] 8 ; ; URL ST text ESC ] 8 ; ; ST`), so a terminal
/// that supports it opens the source on a click. Written by hand: it is two fixed escape strings,
/// and no maintained crate writes them alone. Like the colors, it is written always and stripped by
/// the CLI's `anstream` when the output is not a terminal or colors are off; it goes in after the
/// wrapping, which would otherwise count the escape as text.
fn hyperlink(url: &str) -> String {
    format!("\u{1b}]8;;{url}\u{1b}\\{url}\u{1b}]8;;\u{1b}\\")
}

fn write_list(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {title}:");
    for item in items {
        wrap_into(out, item, "    • ", "      ");
    }
}

fn write_upcoming(out: &mut String, report: &Report) {
    let lang = report.lang;
    if report.upcoming.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", heading(ui::UPCOMING.get(lang)));
    for u in &report.upcoming {
        let mut line = format!("{} — {}", u.when, u.title);
        if u.plan {
            let _ = write!(line, " ({})", ui::PLANNED.get(lang));
        }
        if let Some(note) = &u.note {
            let _ = write!(line, "; {note}");
        }
        wrap_into(out, &line, "  • ", "    ");
    }
}

fn write_timeline(out: &mut String, report: &Report) {
    let lang = report.lang;
    if report.timeline.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", heading(ui::TIMELINE.get(lang)));
    if let Some(date) = &report.earliest_clean_application_text {
        let bold = Style::new().bold();
        let line = super::earliest_clean_line(date, lang);
        wrap_into(out, &format!("{bold}{line}{bold:#}"), "  ", "    ");
    }
    for entry in &report.timeline {
        wrap_into(out, &entry.line(lang), "  • ", "    ");
        for note in &entry.notes {
            wrap_into(out, note, "      ", "      ");
        }
    }
}

fn write_documents(out: &mut String, report: &Report) {
    let lang = report.lang;
    if report.documents.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", heading(ui::DOCUMENTS_TO_BRING.get(lang)));
    for doc in &report.documents {
        wrap_into(out, &doc.title, "  ☐ ", "    ");
        for line in doc.details(lang) {
            wrap_into(out, &line, "      ", "      ");
        }
    }
}

fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    let options = crate::formats::wrap::options(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in crate::formats::wrap::wrap(text, &options) {
        let _ = writeln!(out, "{line}");
    }
}
