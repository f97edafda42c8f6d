//! The header line and the key hint bar, on every screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::keymap;
use super::super::notice::Notice;
use super::super::viewer::Viewer;
use crate::strings::tui as w;
use kouteki_core::lang::Lang;

/// The title on the left, the language on the right.
pub fn header(viewer: &Viewer, frame: &mut Frame, area: Rect) {
    let lang = w::LANG_BADGE.get(viewer.lang);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(" {}", w::TITLE.get(viewer.lang)),
            viewer.theme.heading(),
        )),
        area,
    );
    frame.render_widget(
        Paragraph::new(format!("[{lang}] ")).alignment(Alignment::Right),
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
            for (key, label) in keymap::hints(keymap::screen_context(app)) {
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

/// A notice in words.
fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::ReportSaved(path) => format!("{} {path}", w::REPORT_SAVED.get(lang)),
        Notice::ReportFailed(error) => format!("{} {error}", w::REPORT_FAILED.get(lang)),
        Notice::ReportUnavailable => w::REPORT_OVER_SSH.get(lang).to_string(),
        Notice::DraftFailed(error) => format!("{} {error}", w::DRAFT_FAILED.get(lang)),
    }
}
