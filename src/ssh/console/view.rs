//! Draws the consultant console: who is signed in, what to do, the code field, the last outcome.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::super::knock::Visit;
use super::state::{Console, Status};
use crate::strings::console as w;
use crate::strings::tui::LANG_BADGE;
use crate::tui::view::lines::Lines;
use kouteki_core::lang::Lang;

/// The words for a status.
fn status_text(status: &Status, lang: Lang) -> Option<String> {
    let text = match status {
        Status::Ready => return None,
        Status::Elsewhere(peer) => return Some(w::elsewhere(peer, lang)),
        Status::NoSuchSession => w::NO_SUCH_SESSION,
        Status::Waiting => w::WAITING,
        Status::Visited(visit) => match visit {
            Visit::Busy => w::BUSY,
            Visit::Refused => w::REFUSED,
            Visit::NoAnswer => w::NO_ANSWER,
            Visit::Left => w::LEFT,
            Visit::Removed => w::REMOVED,
            Visit::Ended | Visit::Gone => w::ENDED,
        },
    };
    Some(text.get(lang).to_string())
}

/// Draws the console.
pub fn view(console: &Console, frame: &mut Frame) {
    let lang = console.lang;
    let area = frame.area();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let header = Rect { height: 1, ..area };
    frame.render_widget(
        Lines::new(Span::styled(format!(" {}", w::TITLE.get(lang)), bold)),
        header,
    );
    frame.render_widget(
        Lines::new(format!("[{}] ", LANG_BADGE.get(lang))).alignment(Alignment::Right),
        header,
    );
    let body = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    };
    let wrapped = |text: &str| -> Vec<Line<'static>> {
        textwrap::wrap(text, usize::from(body.width.max(8)))
            .into_iter()
            .map(|l| Line::from(l.into_owned()))
            .collect()
    };
    let field = format!("{} {}", w::CODE.get(lang), console.typed);
    let mut lines = vec![
        Line::default(),
        Line::from(format!("{} {}", w::SIGNED_IN.get(lang), console.name)),
        Line::default(),
    ];
    lines.extend(wrapped(w::INTRO.get(lang)));
    lines.push(Line::default());
    let field_row = lines.len() as u16;
    lines.push(Line::from(Span::styled(field.clone(), bold)));
    lines.push(Line::default());
    if let Some(text) = status_text(&console.status, lang) {
        let style = Style::new().add_modifier(Modifier::REVERSED);
        lines.extend(wrapped(&text).into_iter().map(|l| l.style(style)));
        lines.push(Line::default());
    }
    let dim = Style::new().add_modifier(Modifier::DIM);
    lines.extend(wrapped(w::KEYS.get(lang)).into_iter().map(|l| l.style(dim)));
    frame.render_widget(Lines::new(lines), body);
    let x = body.x + unicode_width::UnicodeWidthStr::width(field.as_str()) as u16;
    let y = body.y + field_row;
    if x < area.right() && y < area.bottom() {
        frame.set_cursor_position((x, y));
    }
}
