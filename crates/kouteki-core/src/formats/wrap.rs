//! How every report and screen wraps text: by display width (CJK characters are two columns and
//! may break between characters), hyphenated words split at their hyphens, but a URL never split,
//! so it can still be clicked and copied (a URL wider than the line stands on a line of its own).

use textwrap::core::Word;
use textwrap::{Options, WordSeparator, WordSplitter};

/// Where the URL that `://` at `at` belongs to starts: the run of ASCII non-space before it
/// (`<https`, `(http`).
fn url_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii() && !c.is_ascii_whitespace())
        .last()
        .map_or(at, |(i, _)| i)
}

/// The words of a line: as Unicode's line breaking rules find them (so CJK text breaks between
/// characters), except that each URL, with what is glued to it, is one word.
fn find_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("://") {
        let start = url_start(rest, at);
        let (before, url) = rest.split_at(start);
        words.extend(WordSeparator::UnicodeBreakProperties.find_words(before));
        let end = url.find(char::is_whitespace).unwrap_or(url.len());
        let spaces = url[end..].len() - url[end..].trim_start().len();
        words.push(Word::from(&url[..end + spaces]));
        rest = &url[end + spaces..];
    }
    words.extend(WordSeparator::UnicodeBreakProperties.find_words(rest));
    Box::new(words.into_iter())
}

/// Split points of a word: after each hyphen, except in a URL.
fn split_points(word: &str) -> Vec<usize> {
    if word.contains("://") {
        return Vec::new();
    }
    word.match_indices('-')
        .map(|(i, _)| i + 1)
        .filter(|i| *i < word.len())
        .collect()
}

/// Wrapping options for `width` columns that keep URLs whole.
pub fn options(width: usize) -> Options<'static> {
    Options::new(width)
        .break_words(false)
        .word_separator(WordSeparator::Custom(find_words))
        .word_splitter(WordSplitter::Custom(split_points))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_whole_and_other_words_wrap() {
        let text =
            "Source: Financial Field <https://financial-field.com/pension/entry-118913> (2024)";
        let lines = textwrap::wrap(text, options(40));
        assert!(
            lines
                .iter()
                .any(|l| l.contains("<https://financial-field.com/pension/entry-118913>")),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.ends_with("entry-")), "{lines:?}");
        let ja = "国民年金保険料の未納期間がある場合は、年金事務所に相談してください。";
        let lines = textwrap::wrap(ja, options(20));
        assert!(
            lines.len() > 1,
            "Japanese breaks between characters: {lines:?}"
        );
        assert!(
            lines.iter().all(|l| l.chars().count() <= 10),
            "two columns a character"
        );
        let hyphenated = textwrap::wrap("a well-known long-standing rule", options(12));
        assert!(
            hyphenated.iter().any(|l| l.ends_with('-')),
            "{hyphenated:?}"
        );
    }
}
