//! The Markdown report: a document a consultant can hand to a client or paste into an email.

use std::fmt::Write;

use super::discussion::MarkedKind;
use super::model::{Report, ReportFinding};
use crate::i18n as ui;
use crate::lang::Lang;
use crate::severity::{Area, Severity};

/// The report as Markdown: the summary (dates, overall, the area table), the findings, then the
/// sections that appear only when they have something to say.
pub fn to_markdown(report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    write_summary(&mut out, report);
    write_area_table(&mut out, report);
    let _ = writeln!(out, "\n## {}\n", ui::FINDINGS.get(lang));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", ui::NO_FINDINGS.get(lang));
    }
    for finding in &report.findings {
        write_finding(&mut out, finding, lang);
    }
    write_upcoming(&mut out, report);
    write_timeline(&mut out, report);
    write_documents(&mut out, report);
    write_discussion(&mut out, report);
    write_notes(&mut out, report);
    if !report.unanswered.is_empty() {
        let _ = writeln!(
            out,
            "_{}: {}_\n",
            ui::UNANSWERED.get(lang),
            report.unanswered.join(", ")
        );
    }
    out
}

/// The title, the dates, the overall result and the disclaimer: what a reader must see first.
fn write_summary(out: &mut String, report: &Report) {
    let lang = report.lang;
    let _ = writeln!(out, "# {}\n", ui::REPORT_TITLE.get(lang));
    let _ = writeln!(out, "- {}: {}", ui::AS_OF.get(lang), report.as_of_text);
    let _ = writeln!(
        out,
        "- {}: {}",
        ui::REVIEWED.get(lang),
        report.content_reviewed_text
    );
    let _ = writeln!(
        out,
        "- **{}: {} {}**\n",
        ui::OVERALL.get(lang),
        report.overall.symbol(),
        report.overall.label(lang)
    );
    let _ = writeln!(out, "> {}\n", report.disclaimer.replace('\n', " "));
}

/// One row per area, in contract order, even for areas without findings.
fn write_area_table(out: &mut String, report: &Report) {
    let lang = report.lang;
    let _ = writeln!(out, "{}\n|---|---|---|", ui::AREA_TABLE_HEADER.get(lang));
    for area in Area::ALL {
        let severity = report.area(area);
        let count = report.findings.iter().filter(|f| f.area == area).count();
        let _ = writeln!(
            out,
            "| {} | {} {} | {count} |",
            area.title().get(lang),
            severity.symbol(),
            severity.label(lang)
        );
    }
}

/// Changes that will apply later, each with its date, marked when only planned.
fn write_upcoming(out: &mut String, report: &Report) {
    let lang = report.lang;
    if report.upcoming.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", ui::UPCOMING.get(lang));
    for u in &report.upcoming {
        let plan = if u.plan {
            format!(" ({})", ui::PLANNED.get(lang))
        } else {
            String::new()
        };
        let note = u
            .note
            .as_ref()
            .map(|n| format!(". {n}"))
            .unwrap_or_default();
        let _ = writeln!(out, "- **{}** {}{plan}{note}", u.title, u.when);
    }
    let _ = writeln!(out);
}

/// The dated entries, with the earliest clean application date first when there is one.
fn write_timeline(out: &mut String, report: &Report) {
    let lang = report.lang;
    if report.timeline.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", ui::TIMELINE.get(lang));
    if let Some(date) = &report.earliest_clean_application_text {
        let _ = writeln!(out, "**{}**\n", super::earliest_clean_line(date, lang));
    }
    for entry in &report.timeline {
        let _ = writeln!(out, "- {}", entry.line(lang));
        for note in &entry.notes {
            let _ = writeln!(out, "  - _{note}_");
        }
    }
    let _ = writeln!(out);
}

/// The checklist of documents with their periods and where to get them.
fn write_documents(out: &mut String, report: &Report) {
    let lang = report.lang;
    if report.documents.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", ui::DOCUMENTS_TO_BRING.get(lang));
    for doc in &report.documents {
        let _ = writeln!(out, "- [ ] **{}**", doc.title);
        for line in doc.details(lang) {
            let _ = writeln!(out, "  - {line}");
        }
    }
    let _ = writeln!(out);
}

fn write_notes(out: &mut String, report: &Report) {
    if report.notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", ui::NOTES.get(report.lang));
    for note in &report.notes {
        let _ = writeln!(out, "- {}", note.text);
    }
    let _ = writeln!(out);
}

fn write_finding(out: &mut String, f: &ReportFinding, lang: Lang) {
    let _ = writeln!(
        out,
        "### {} {}: {}\n",
        f.severity.symbol(),
        f.severity.label(lang),
        f.title
    );
    let _ = writeln!(out, "_{}_\n", f.area.title().get(lang));
    for paragraph in f.explanation.split("\n\n") {
        let _ = writeln!(out, "{paragraph}\n");
    }
    list(out, ui::ACTIONS.get(lang), f.actions.iter().cloned());
    list(out, ui::DOCUMENTS.get(lang), f.documents.iter().cloned());
    list(
        out,
        ui::WHY.get(lang),
        f.why.iter().map(|(q, a)| format!("{q} → **{a}**")),
    );
    list(
        out,
        ui::SOURCES.get(lang),
        f.sources
            .iter()
            .map(|s| format!("[{}]({}) ({})", s.title, s.url, kind_label(s.kind, lang))),
    );
}

fn kind_label(kind: crate::content::SourceKind, lang: Lang) -> &'static str {
    match kind {
        crate::content::SourceKind::Official => ui::KIND_OFFICIAL.get(lang),
        crate::content::SourceKind::Secondary => ui::KIND_SECONDARY.get(lang),
        crate::content::SourceKind::Plan => ui::KIND_PLAN.get(lang),
    }
}

fn list(out: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "**{title}**\n");
    for item in items {
        let _ = writeln!(out, "- {item}");
    }
    let _ = writeln!(out);
}

/// Marks and the consultant's notes, when there are any.
fn write_discussion(out: &mut String, report: &Report) {
    let (lang, talk) = (report.lang, &report.discussion);
    if talk.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", ui::TO_DISCUSS.get(lang));
    for item in &talk.marked {
        let _ = match &item.kind {
            MarkedKind::Question { answer: Some(a) } => writeln!(out, "- {}: **{a}**", item.title),
            MarkedKind::Question { answer: None } => {
                writeln!(out, "- {}: _{}_", item.title, ui::NOT_ANSWERED.get(lang))
            }
            MarkedKind::Finding { severity } => {
                let symbol = severity.map_or("→", Severity::symbol);
                writeln!(out, "- {symbol} {}", item.title)
            }
        };
    }
    if !talk.notes.is_empty() {
        let _ = writeln!(out, "\n### {}\n", ui::CONSULTANT_NOTES.get(lang));
        for note in &talk.notes {
            let _ = writeln!(out, "- **{}**: {} ({})", note.title, note.text, note.author);
        }
    }
    out.push('\n');
}
