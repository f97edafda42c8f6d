//! A ratatui buffer as an SVG picture, with its colours, bold and reverse video: the README's
//! pictures of the screens are drawn from the real app by this, so they cannot drift from it.
//!
//! Written by hand: SVG text is a few elements, and a crate that builds SVG documents would not know
//! terminal cells. Each run of cells with one style is one `<text>`; a wide (CJK) character is its own
//! `<text>` stretched to two cells, so columns line up whatever font the viewer has.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// A cell's width and height in the picture's units.
const CELL: (f32, f32) = (9.0, 18.0);
/// The picture's background and default text colours.
const BACKGROUND: &str = "#1e1e1e";
const FOREGROUND: &str = "#d4d4d4";

/// The colour of `color` in the picture (`None`: the terminal's default).
fn hex(color: Color) -> Option<&'static str> {
    Some(match color {
        Color::Reset => return None,
        Color::Black => "#000000",
        Color::Red | Color::LightRed => "#f14c4c",
        Color::Green | Color::LightGreen => "#23d18b",
        Color::Yellow | Color::LightYellow => "#f5f543",
        Color::Blue | Color::LightBlue => "#3b8eea",
        Color::Magenta | Color::LightMagenta => "#d670d6",
        Color::Cyan | Color::LightCyan => "#29b8db",
        Color::Gray | Color::White => "#e5e5e5",
        Color::DarkGray => "#808080",
        Color::Rgb(..) | Color::Indexed(_) => FOREGROUND,
    })
}

/// Escapes text for XML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One cell's look: foreground, background (with reverse video applied) and weight.
fn look(buffer: &Buffer, x: u16, y: u16) -> (&'static str, Option<&'static str>, bool) {
    let cell = &buffer[(x, y)];
    let fg = hex(cell.fg);
    let bg = hex(cell.bg);
    let bold = cell.modifier.contains(Modifier::BOLD);
    if cell.modifier.contains(Modifier::REVERSED) {
        (
            bg.unwrap_or(BACKGROUND),
            Some(fg.unwrap_or(FOREGROUND)),
            bold,
        )
    } else {
        (fg.unwrap_or(FOREGROUND), bg, bold)
    }
}

/// The buffer as a standalone SVG document.
pub fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        f32::from(area.width) * CELL.0,
        f32::from(area.height) * CELL.1,
    );
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"'DejaVu Sans Mono', 'Noto Sans Mono CJK JP', monospace\" font-size=\"15\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{BACKGROUND}\"/>\n"
    );
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            x = cells(&mut out, buffer, x, y);
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Writes the run of cells that starts at (`x`, `y`) and shares its look; returns where the next
/// run starts.
fn cells(out: &mut String, buffer: &Buffer, x: u16, y: u16) -> u16 {
    let style = look(buffer, x, y);
    let symbol = buffer[(x, y)].symbol();
    let wide = unicode_width::UnicodeWidthStr::width(symbol) > 1;
    let mut end = x + 1;
    let mut text = symbol.to_string();
    if wide {
        end = (x + 2).min(buffer.area.width);
    } else {
        while end < buffer.area.width && look(buffer, end, y) == style {
            let next = buffer[(end, y)].symbol();
            if unicode_width::UnicodeWidthStr::width(next) > 1 {
                break;
            }
            text.push_str(next);
            end += 1;
        }
    }
    let (fg, bg, bold) = style;
    let (left, top) = (f32::from(x) * CELL.0, f32::from(y) * CELL.1);
    let width = f32::from(end - x) * CELL.0;
    if let Some(bg) = bg {
        let _ = writeln!(
            out,
            "<rect x=\"{left}\" y=\"{top}\" width=\"{width}\" height=\"{}\" fill=\"{bg}\"/>",
            CELL.1
        );
    }
    if !text.trim().is_empty() {
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            out,
            "<text x=\"{left}\" y=\"{}\" fill=\"{fg}\"{weight} textLength=\"{width}\" \
             lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\">{}</text>",
            top + CELL.1 * 0.75,
            escape(&text)
        );
    }
    end
}
