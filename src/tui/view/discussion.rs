//! The result's "to discuss" entry and the consultant's notes under a finding, drawn from the marks
//! and notes as they are now (they change while the result is shown).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::viewer::Viewer;
use super::text::wrap;
use crate::strings::tui as w;
use kouteki_core::discussion::Note;
use kouteki_core::i18n as ui;
use kouteki_core::report::{MarkedKind, Report, ReportDiscussion};
use kouteki_core::severity::Severity;

/// The marks and notes against the report shown.
pub fn live(app: &App, report: &Report) -> ReportDiscussion {
    let answers = app.interview().effective_answers();
    ReportDiscussion::new(app.content(), &answers, app.discussion(), report)
}

/// The detail of the "to discuss" entry: each mark with its answer or finding, then the notes.
pub fn lines(app: &App, report: &Report, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let (lang, theme) = (viewer.lang, viewer.theme);
    let talk = live(app, report);
    let mut lines = vec![Line::from(Span::styled(
        w::TO_DISCUSS.get(lang),
        theme.heading(),
    ))];
    for item in &talk.marked {
        let text = match &item.kind {
            MarkedKind::Question { answer } => {
                let answer = answer.as_deref().unwrap_or(w::NOT_ANSWERED.get(lang));
                format!("{} → {answer}", item.title)
            }
            MarkedKind::Finding { severity } => {
                format!("{} {}", severity.map_or("→", Severity::symbol), item.title)
            }
        };
        lines.extend(wrap(&text, width, "⚑ ", "  ", Style::new()));
    }
    if !talk.notes.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            ui::CONSULTANT_NOTES.get(lang),
            theme.heading(),
        )));
        for note in &talk.notes {
            let text = format!("{}: {} ({})", note.title, note.text, note.author);
            lines.extend(wrap(&text, width, "• ", "  ", Style::new()));
        }
    }
    lines
}

/// A consultant's note as it stands under a finding's title.
pub fn note_lines(note: Option<&Note>, viewer: &Viewer, width: u16) -> Vec<Line<'static>> {
    let Some(note) = note else {
        return Vec::new();
    };
    let label = w::consultant_notice(w::NOTE_FROM, &note.author, viewer.lang);
    let mut lines = vec![Line::default()];
    lines.extend(wrap(&label, width, "", "", viewer.theme.key()));
    lines.extend(wrap(&note.text, width, "  ", "  ", Style::new()));
    lines
}
