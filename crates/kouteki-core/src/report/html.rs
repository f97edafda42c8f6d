//! The HTML report: one self-contained page a client can open or print (CSS inline, no script, no
//! network), with the Markdown report's sections. Findings are grouped by area, each area on its own
//! printed page; severities carry a symbol beside their colour, so a black-and-white print keeps
//! them. maud escapes every value, so an answer or a content text can never become markup.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::discussion::MarkedKind;
use super::model::{Report, ReportFinding};
use crate::i18n as ui;
use crate::lang::Lang;
use crate::severity::{Area, Severity};

/// The page's style: screen and print (A4, a page per area, links spelled out).
const STYLE: &str = include_str!("html.css");

/// The report as a complete HTML document.
pub fn to_html(report: &Report) -> String {
    let lang = report.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (ui::REPORT_TITLE.get(lang)) " · " (report.as_of) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (summary(report))
                (area_table(report))
                (findings(report))
                (upcoming(report))
                (timeline(report))
                (documents(report))
                (discussion(report))
                (notes(report))
                @if !report.unanswered.is_empty() {
                    p.unanswered { em { (ui::UNANSWERED.get(lang)) ": " (report.unanswered.join(", ")) } }
                }
            }
        }
    }
    .into_string()
}

/// A severity as a coloured badge with its symbol and word.
fn badge(severity: Severity, lang: Lang) -> Markup {
    html! {
        span class={ "badge " (severity.id()) } { (severity.symbol()) " " (severity.label(lang)) }
    }
}

/// The title, the dates, the overall result and the disclaimer.
fn summary(report: &Report) -> Markup {
    let lang = report.lang;
    html! {
        header {
            h1 { (ui::REPORT_TITLE.get(lang)) }
            p.dates {
                (ui::AS_OF.get(lang)) ": " time { (report.as_of) }
                " · " (ui::REVIEWED.get(lang)) ": " time { (report.content_reviewed) }
            }
            p class={ "overall " (report.overall.id()) } {
                (ui::OVERALL.get(lang)) ": " (badge(report.overall, lang))
            }
            p.disclaimer { (report.disclaimer) }
        }
    }
}

/// One row per area, in contract order, even for areas without findings.
fn area_table(report: &Report) -> Markup {
    let lang = report.lang;
    html! {
        table.areas {
            thead { tr {
                th { (ui::AREA_COLUMN.get(lang)) }
                th { (ui::RESULT_COLUMN.get(lang)) }
                th { (ui::COUNT_COLUMN.get(lang)) }
            } }
            tbody {
                @for summary in report.areas.iter() {
                    tr {
                        td { (summary.area.title().get(lang)) }
                        td { (badge(summary.severity, lang)) }
                        td.count { (summary.findings) }
                    }
                }
            }
        }
    }
}

/// The findings, an area a section (and a printed page), worst first within each.
fn findings(report: &Report) -> Markup {
    let lang = report.lang;
    let in_area = |area: Area| report.findings.iter().filter(move |f| f.area == area);
    html! {
        h2 { (ui::FINDINGS.get(lang)) }
        @if report.findings.is_empty() {
            p { (ui::NO_FINDINGS.get(lang)) }
        }
        @for area in Area::ALL {
            @if in_area(area).next().is_some() {
                section.area id=(area.id()) {
                    h3 { (area.title().get(lang)) " " (badge(report.area(area), lang)) }
                    @for finding in in_area(area) {
                        (finding_block(finding, lang))
                    }
                }
            }
        }
    }
}

fn finding_block(f: &ReportFinding, lang: Lang) -> Markup {
    html! {
        article class={ "finding " (f.severity.id()) } id=(f.id) {
            h4 { (badge(f.severity, lang)) " " (f.title) }
            @for paragraph in f.explanation.split("\n\n") {
                p { (paragraph) }
            }
            (list(ui::ACTIONS.get(lang), f.actions.iter().map(|a| html! { (a) })))
            (list(ui::DOCUMENTS.get(lang), f.documents.iter().map(|d| html! { (d) })))
            (list(ui::WHY.get(lang), f.why.iter().map(|(q, a)| html! { (q) " → " strong { (a) } })))
            (list(ui::SOURCES.get(lang), f.sources.iter().map(|s| html! {
                a href=(s.url) { (s.title) } " (" (kind_label(s.kind, lang)) ")"
            })))
        }
    }
}

/// A titled list, or nothing when it has no items.
fn list(title: &str, items: impl Iterator<Item = Markup>) -> Markup {
    let items: Vec<Markup> = items.collect();
    html! {
        @if !items.is_empty() {
            h5 { (title) }
            ul { @for item in items { li { (item) } } }
        }
    }
}

fn kind_label(kind: crate::content::SourceKind, lang: Lang) -> &'static str {
    match kind {
        crate::content::SourceKind::Official => ui::KIND_OFFICIAL.get(lang),
        crate::content::SourceKind::Secondary => ui::KIND_SECONDARY.get(lang),
        crate::content::SourceKind::Plan => ui::KIND_PLAN.get(lang),
    }
}

/// Changes that will apply later, each with its date, marked when only planned.
fn upcoming(report: &Report) -> Markup {
    let lang = report.lang;
    html! {
        @if !report.upcoming.is_empty() {
            section.upcoming {
                h2 { (ui::UPCOMING.get(lang)) }
                ul { @for u in &report.upcoming {
                    li {
                        (badge(u.severity, lang)) " " strong { (u.title) } " "
                        time datetime=(u.effective_from) { (u.when) }
                        @if u.plan { " (" (ui::PLANNED.get(lang)) ")" }
                        @if let Some(note) = &u.note { ". " (note) }
                    }
                } }
            }
        }
    }
}

/// The dated entries, the earliest clean application date first when there is one; each entry
/// marked with its kind and whether it has passed, so the page colours it as the screen does.
fn timeline(report: &Report) -> Markup {
    let lang = report.lang;
    let (open, close) = match lang {
        Lang::En => (" (", "): "),
        Lang::Ja => ("（", "）："),
    };
    html! {
        @if !report.timeline.is_empty() {
            section.timeline {
                h2 { (ui::TIMELINE.get(lang)) }
                @if let Some(date) = &report.earliest_clean_application_text {
                    p.earliest { strong { (super::earliest_clean_line(date, lang)) } }
                }
                ul { @for entry in &report.timeline {
                    li class={ (kind_name(entry.kind)) @if entry.days < 0 { " past" } } {
                        time datetime=(entry.date) { (entry.date_text) }
                        (open) (entry.relative) (close) strong { (entry.title) }
                        @for note in &entry.notes { br; em { (note) } }
                    }
                } }
            }
        }
    }
}

/// The kind's name in content files and JSON, as the entry's class.
fn kind_name(kind: crate::content::EntryKind) -> &'static str {
    crate::content::EntryKind::ALL
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, name)| name)
}

/// The checklist of documents with their periods and where to get them.
fn documents(report: &Report) -> Markup {
    let lang = report.lang;
    html! {
        @if !report.documents.is_empty() {
            section.documents {
                h2 { (ui::DOCUMENTS_TO_BRING.get(lang)) }
                ul.checklist { @for doc in &report.documents {
                    li id={ "doc-" (doc.id) } {
                        strong { (doc.title) }
                        ul { @for line in doc.details(lang) { li { (line) } } }
                    }
                } }
            }
        }
    }
}

fn notes(report: &Report) -> Markup {
    html! {
        @if !report.notes.is_empty() {
            section.notes {
                h2 { (ui::NOTES.get(report.lang)) }
                ul { @for note in &report.notes { li { (note.text) } } }
            }
        }
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;

/// What is marked to discuss and the consultant's notes, when there are any.
fn discussion(report: &Report) -> Markup {
    let (lang, talk) = (report.lang, &report.discussion);
    html! {
        @if !talk.is_empty() {
            section.discussion {
                h2 { (ui::TO_DISCUSS.get(lang)) }
                ul { @for item in &talk.marked {
                    li { @match &item.kind {
                        MarkedKind::Question { answer: Some(a) } => { (item.title) ": " strong { (a) } }
                        MarkedKind::Question { answer: None } => {
                            (item.title) ": " em { (ui::NOT_ANSWERED.get(lang)) }
                        }
                        MarkedKind::Finding { severity: Some(s) } => { (badge(*s, lang)) " " (item.title) }
                        MarkedKind::Finding { severity: None } => { "→ " (item.title) }
                    } }
                } }
                @if !talk.notes.is_empty() {
                    h3 { (ui::CONSULTANT_NOTES.get(lang)) }
                    ul { @for note in &talk.notes {
                        li { strong { (note.title) } ": " (note.text) " (" (note.author) ")" }
                    } }
                }
            }
        }
    }
}
