//! A widget that draws lines already wrapped, as they are: every view wraps its own text
//! ([`super::text::wrap`], with Japanese phrase breaks) to know each block's height, so ratatui's
//! `Paragraph` had no reflowing left to do, yet its line composer still copied every grapheme of
//! every line into a buffer each frame: more than half of a keystroke's redraw. [`Lines`] draws
//! what `Paragraph` without wrapping draws, cell for cell, with none of that work.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

/// Lines drawn top to bottom from `scroll`, each cut at the area's right edge, aligned as the line
/// or the whole says (left unless told), over a background `style`.
#[derive(Debug, Clone, Default)]
pub struct Lines<'a> {
    text: Text<'a>,
    style: Style,
    alignment: Alignment,
    scroll: u16,
}

impl<'a> Lines<'a> {
    /// The lines of `text` (a `Vec<Line>`, a `Line`, a `String`: anything that is a [`Text`]).
    pub fn new<T: Into<Text<'a>>>(text: T) -> Lines<'a> {
        let text = text.into();
        let alignment = text.alignment.unwrap_or(Alignment::Left);
        Lines {
            text,
            style: Style::default(),
            alignment,
            scroll: 0,
        }
    }

    /// Sets the style of the whole area, under the lines' own.
    pub fn style(mut self, style: Style) -> Lines<'a> {
        self.style = style;
        self
    }

    /// Sets the alignment of lines that do not set their own.
    pub fn alignment(mut self, alignment: Alignment) -> Lines<'a> {
        self.alignment = alignment;
        self
    }

    /// Starts drawing at line `first`, for text taller than its area.
    pub fn scroll(mut self, first: u16) -> Lines<'a> {
        self.scroll = first;
        self
    }
}

impl Widget for Lines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        if self.style != Style::default() {
            buf.set_style(area, self.style);
        }
        let lines = self.text.lines.iter().skip(usize::from(self.scroll));
        for (y, line) in (area.top()..area.bottom()).zip(lines) {
            let alignment = line.alignment.unwrap_or(self.alignment);
            draw_line(line, self.text.style, alignment, area, y, buf);
        }
    }
}

/// One grapheme to draw and the columns it takes.
struct Glyph<'a> {
    symbol: &'a str,
    width: u16,
    style: Style,
}

/// Draws `line` on row `y` of `area`: the graphemes that fit, placed as `Paragraph` places them.
fn draw_line(
    line: &Line<'_>,
    base: Style,
    alignment: Alignment,
    area: Rect,
    y: u16,
    buf: &mut Buffer,
) {
    let offset = match alignment {
        Alignment::Left => 0,
        _ => {
            let width = fitting(line, base, area.width).map(|g| g.width).sum();
            line_offset(width, area.width, alignment)
        }
    };
    let mut cell = buf.index_of(area.left(), y) + usize::from(offset);
    for glyph in fitting(line, base, area.width).filter(|g| g.width > 0) {
        buf.content[cell]
            .set_symbol(glyph.symbol)
            .set_style(glyph.style);
        cell += usize::from(glyph.width);
    }
}

/// The graphemes of `line` that fit in `room` columns, in order: one wider than the whole room is
/// skipped, and the line ends at the first that would cross the edge.
fn fitting<'a>(line: &'a Line<'a>, base: Style, room: u16) -> impl Iterator<Item = Glyph<'a>> {
    let style = base.patch(line.style);
    let mut used = 0u16;
    line.spans
        .iter()
        .flat_map(move |span| {
            let style = style.patch(span.style);
            graphemes(&span.content).map(move |symbol| Glyph {
                symbol,
                width: symbol.cell_width(),
                style,
            })
        })
        .filter(move |glyph| glyph.width <= room)
        .map_while(move |glyph| {
            used = used.saturating_add(glyph.width);
            (used <= room).then_some(glyph)
        })
}

/// The drawable graphemes of `text` (a grapheme holding a control character is dropped, as
/// ratatui's text does). Printable ASCII, most of the English screens, is split by byte without
/// the grapheme tables; other text is looked through for control characters once, not grapheme by
/// grapheme.
fn graphemes(text: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        Box::new((0..text.len()).map(move |i| &text[i..i + 1]))
    } else if !text.contains(char::is_control) {
        Box::new(text.graphemes(true))
    } else {
        Box::new(
            text.graphemes(true)
                .filter(|g| !g.contains(char::is_control)),
        )
    }
}

/// Where a line of `width` columns starts in an area `room` wide (the same rounding as
/// `Paragraph`'s, so centred text sits where it always did).
fn line_offset(width: u16, room: u16, alignment: Alignment) -> u16 {
    match alignment {
        Alignment::Center => (room / 2).saturating_sub(width / 2),
        Alignment::Right => room.saturating_sub(width),
        Alignment::Left => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::{Alignment, Rect};
    use ratatui::style::{Color, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Paragraph, Widget};

    /// Both widgets drawn on the same background, for comparing cell by cell.
    fn both(
        lines: Vec<Line<'static>>,
        area: Rect,
        align: Alignment,
        scroll: u16,
        style: Style,
    ) -> (Buffer, Buffer) {
        let background = Buffer::filled(Rect::new(0, 0, 30, 8), ratatui::buffer::Cell::new("."));
        let (mut ours, mut theirs) = (background.clone(), background);
        Lines::new(lines.clone())
            .alignment(align)
            .scroll(scroll)
            .style(style)
            .render(area, &mut ours);
        Paragraph::new(lines)
            .alignment(align)
            .scroll((scroll, 0))
            .style(style)
            .render(area, &mut theirs);
        (ours, theirs)
    }

    #[test]
    fn wide_characters_that_would_cross_the_edge_are_left_off() {
        let line = Line::from("在留カード");
        let (ours, theirs) = both(
            vec![line],
            Rect::new(1, 1, 5, 1),
            Alignment::Left,
            0,
            Style::default(),
        );
        assert_eq!(ours, theirs);
        assert_eq!(
            ours.cell((3, 1)).map(ratatui::buffer::Cell::symbol),
            Some("留")
        );
        assert_eq!(
            ours.cell((5, 1)).map(ratatui::buffer::Cell::symbol),
            Some("."),
            "half of カ would not fit"
        );
    }

    fn text_part() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "Z", " ", "在", "留", "カ", "ー", "ド", "é", "e\u{301}", "\t", "\n", "🇯🇵",
                "~", "ﾊﾞ", "\u{200b}",
            ]),
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    fn a_line() -> impl Strategy<Value = Line<'static>> {
        let colour = prop::sample::select(vec![Color::Reset, Color::Red, Color::Blue]);
        let span =
            (text_part(), colour.clone()).prop_map(|(t, c)| Span::styled(t, Style::new().fg(c)));
        let align = prop::option::of(prop::sample::select(vec![
            Alignment::Left,
            Alignment::Center,
            Alignment::Right,
        ]));
        (prop::collection::vec(span, 0..4), colour, align).prop_map(|(spans, c, a)| {
            let line = Line::from(spans).style(Style::new().bg(c));
            match a {
                Some(a) => line.alignment(a),
                None => line,
            }
        })
    }

    proptest! {
        /// Swapping `Paragraph` for `Lines` changes no cell of any screen: same symbols, same
        /// styles, same cells left alone.
        #[test]
        fn draws_what_paragraph_draws(
            lines in prop::collection::vec(a_line(), 0..10),
            (x, y, w, h) in (0u16..30, 0u16..8, 0u16..32, 0u16..10),
            align in prop::sample::select(vec![Alignment::Left, Alignment::Center, Alignment::Right]),
            scroll in 0u16..4,
            bold in any::<bool>(),
        ) {
            let style = if bold { Style::new().bold().on_dark_gray() } else { Style::default() };
            let (ours, theirs) = both(lines, Rect::new(x, y, w, h), align, scroll, style);
            prop_assert_eq!(ours, theirs);
        }
    }
}
