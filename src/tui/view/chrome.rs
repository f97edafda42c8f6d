//! The header line and the key hint bar, on every screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::keymap::{self, HintEntry};
use super::super::notice::Notice;
use super::super::viewer::{Person, Viewer};
use super::lines::Lines;
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
        Lines::new(Span::styled(
            format!(" {}", w::TITLE.get(viewer.lang)),
            viewer.theme.heading(),
        )),
        area,
    );
    frame.render_widget(
        Lines::new(format!("{code}[{lang}] ")).alignment(Alignment::Right),
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
            let entries = keymap::hints(keymap::screen_context(app, viewer), viewer.person);
            let mut spans = vec![Span::raw(" ")];
            for entry in fit(&entries, viewer.lang, area.width.saturating_sub(1)) {
                spans.push(Span::styled(entry.keys.clone(), viewer.theme.key()));
                spans.push(Span::styled(
                    format!(" {}  ", entry.label.get(viewer.lang)),
                    viewer.theme.dim(),
                ));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Lines::new(line), area);
}

/// The columns one hint takes: "key label" and two spaces.
fn hint_width(entry: &HintEntry, lang: Lang) -> usize {
    let text = format!("{} {}  ", entry.keys, entry.label.get(lang));
    unicode_width::UnicodeWidthStr::width(text.as_str())
}

/// The hints that fit in `width` columns: when not all do, the last ones that are not essential are
/// dropped first, so help, quit and confirm always stay.
fn fit(entries: &[HintEntry], lang: Lang, width: u16) -> Vec<&HintEntry> {
    let mut shown: Vec<&HintEntry> = entries.iter().collect();
    let total = |shown: &[&HintEntry]| shown.iter().map(|e| hint_width(e, lang)).sum::<usize>();
    while total(&shown) > usize::from(width) {
        match shown.iter().rposition(|e| !e.essential) {
            Some(i) => {
                shown.remove(i);
            }
            None => break,
        }
    }
    shown
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
        Lines::new(format!(" {text}")).style(viewer.theme.selected()),
        area,
    );
}

/// A notice in words.
fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::ReportSaved(path) => format!("{} {path}", w::REPORT_SAVED.get(lang)),
        Notice::ReportFailed(error) => format!("{} {error}", w::REPORT_FAILED.get(lang)),
        Notice::ReportUnavailable => w::REPORT_OVER_SSH.get(lang).to_string(),
        Notice::CalendarSaved(path) => format!("{} {path}", w::CALENDAR_SAVED.get(lang)),
        Notice::NoCalendarDates => w::NO_CALENDAR_DATES.get(lang).to_string(),
        Notice::DraftFailed(error) => format!("{} {error}", w::DRAFT_FAILED.get(lang)),
        Notice::ConsultantLeft(name) => w::consultant_notice(w::CONSULTANT_LEFT, name, lang),
        Notice::ConsultantRemoved(name) => w::consultant_notice(w::CONSULTANT_REMOVED, name, lang),
        Notice::JoinNotAnswered(name) => w::consultant_notice(w::JOIN_NOT_ANSWERED, name, lang),
        Notice::ClientAway => w::CLIENT_AWAY.get(lang).to_string(),
        Notice::ClientBack => w::CLIENT_BACK.get(lang).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Scope, hints};
    use crate::tui::viewer::Person;

    #[test]
    fn a_narrow_bar_drops_the_others_before_help_quit_and_confirm() {
        let result = hints(Scope::RESULT, Person::Client);
        let all: usize = result.iter().map(|e| hint_width(e, Lang::Ja)).sum();
        assert_eq!(fit(&result, Lang::Ja, all as u16).len(), result.len());
        for width in [40, 58, 78] {
            for lang in [Lang::En, Lang::Ja] {
                let shown = fit(&result, lang, width);
                let keys: Vec<&str> = shown.iter().map(|e| e.keys.as_str()).collect();
                assert!(
                    keys.contains(&"?") && keys.contains(&"q"),
                    "{width} {lang:?}: {keys:?}"
                );
                let used: usize = shown.iter().map(|e| hint_width(e, lang)).sum();
                assert!(used <= usize::from(width), "{width} {lang:?}: {used}");
            }
        }
        let question = hints(Scope::CHOICE, Person::Client);
        let keys: Vec<String> = fit(&question, Lang::En, 40)
            .iter()
            .map(|e| e.keys.clone())
            .collect();
        assert!(keys.contains(&"Enter".to_string()), "{keys:?}");
    }
}
