//! The header line and the key hint bar, on every screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::keymap;
use super::super::notice::Notice;
use super::super::viewer::{Person, Viewer};
use crate::strings::tui as w;
use kouteki_core::lang::Lang;

/// The title on the left; the session code (over SSH) and the language on the right.
pub fn header(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let lang = w::LANG_BADGE.get(viewer.lang);
    let code = app
        .consultation()
        .code
        .as_ref()
        .map(|code| format!("{code}  "))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", w::TITLE.get(viewer.lang)),
            viewer.theme.heading(),
        )),
        area,
    );
    frame.render_widget(
        Paragraph::new(format!("{code}[{lang}] ")).alignment(Alignment::Right),
        area,
    );
}

/// The keys that work on this screen, in one line (from the key table), or the notice.
pub fn hints(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let line = match app.notice() {
        Some(notice) => Line::from(Span::styled(
            format!(" {}", notice_text(notice, viewer.lang)),
            viewer.theme.heading(),
        )),
        None => {
            let mut spans = vec![Span::raw(" ")];
            for (key, label) in keymap::hints(keymap::screen_context(app), viewer.person) {
                spans.push(Span::styled(key, viewer.theme.key()));
                spans.push(Span::styled(
                    format!(" {}  ", label.get(viewer.lang)),
                    viewer.theme.dim(),
                ));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Who may answer, on both screens, while a consultant is in the session.
pub fn consultant_status(app: &App, viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let Some(consultant) = &app.consultation().consultant else {
        return;
    };
    let text = w::consultant_status(
        &consultant.name,
        consultant.may_answer,
        viewer.person == Person::Client,
        viewer.lang,
    );
    frame.render_widget(
        Paragraph::new(format!(" {text}")).style(viewer.theme.selected()),
        area,
    );
}

/// A notice in words.
fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::ReportSaved(path) => format!("{} {path}", w::REPORT_SAVED.get(lang)),
        Notice::ReportFailed(error) => format!("{} {error}", w::REPORT_FAILED.get(lang)),
        Notice::ReportUnavailable => w::REPORT_OVER_SSH.get(lang).to_string(),
        Notice::DraftFailed(error) => format!("{} {error}", w::DRAFT_FAILED.get(lang)),
        Notice::ConsultantLeft(name) => w::consultant_notice(w::CONSULTANT_LEFT, name, lang),
        Notice::ConsultantRemoved(name) => w::consultant_notice(w::CONSULTANT_REMOVED, name, lang),
        Notice::JoinNotAnswered(name) => w::consultant_notice(w::JOIN_NOT_ANSWERED, name, lang),
        Notice::ClientAway => w::CLIENT_AWAY.get(lang).to_string(),
        Notice::ClientBack => w::CLIENT_BACK.get(lang).to_string(),
    }
}
