//! Wrapping by display width (CJK characters are two columns and break between characters), done
//! here rather than by the widgets so the views know each block's exact height.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `text` wrapped to `width` columns, each line prefixed (first line with `first`, others with `rest`).
pub fn wrap(text: &str, width: u16, first: &str, rest: &str, style: Style) -> Vec<Line<'static>> {
    let width = usize::from(width).max(first.len().max(rest.len()) + 4);
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.is_empty() {
            lines.push(Line::default());
            continue;
        }
        lines.extend(
            textwrap::wrap(paragraph, &options)
                .into_iter()
                .map(|l| Line::from(Span::styled(l.into_owned(), style))),
        );
    }
    lines
}
