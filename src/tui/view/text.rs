//! Wrapping by display width (CJK characters are two columns and break between characters), done
//! here rather than by the widgets so the views know each block's exact height.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// `text` wrapped to `width` columns, each line prefixed (first line with `first`, others with `rest`).
pub fn wrap(text: &str, width: u16, first: &str, rest: &str, style: Style) -> Vec<Line<'static>> {
    wrapped(text, width, first, rest)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// Wrapped texts by what was wrapped: a frame wraps the same texts as the frame before, and
/// wrapping was most of a keystroke's redraw. Bounded: cleared when full.
type WrapCache = HashMap<(String, u16, String, String), Vec<String>>;

/// [`wrap`]'s lines as text, from the cache when this text was wrapped the same way before.
fn wrapped(text: &str, width: u16, first: &str, rest: &str) -> Vec<String> {
    const MOST: usize = 4096;
    static CACHE: OnceLock<Mutex<WrapCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let key = (text.to_string(), width, first.to_string(), rest.to_string());
    if let Some(lines) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return lines;
    }
    let lines = wrap_now(text, width, first, rest);
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= MOST {
            cache.clear();
        }
        cache.insert(key, lines.clone());
    }
    lines
}

fn wrap_now(text: &str, width: u16, first: &str, rest: &str) -> Vec<String> {
    let width = usize::from(width).max(first.len().max(rest.len()) + 4);
    let options = kouteki_core::formats::wrap::options(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        for line in kouteki_core::formats::wrap::wrap(paragraph, &options) {
            lines.extend(split_columns(&line, width, rest));
        }
    }
    lines
}

/// A line as rows of at most `width` columns (later rows indented by `rest`): only a URL wider than
/// the pane is left longer by the wrapping, and on screen it is better shown whole across rows
/// than cut at the pane's edge.
fn split_columns(line: &str, width: usize, rest: &str) -> Vec<String> {
    let mut rows = vec![String::new()];
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            rows.push(rest.to_string());
            used = rest.len();
        }
        rows.last_mut().expect("a row").push(c);
        used += w;
    }
    rows
}

/// The end of `text` that fits in `width` columns: a one-line field keeps what is being typed in
/// sight.
pub fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            return &text[i + c.len_utf8()..];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::tail;

    #[test]
    fn the_tail_of_a_field_fits_its_width_in_columns() {
        assert_eq!(tail("abcdef", 3), "def");
        assert_eq!(tail("abc", 10), "abc");
        assert_eq!(
            tail("メモです", 5),
            "です",
            "wide characters take two columns"
        );
        assert_eq!(tail("", 0), "");
    }
}
