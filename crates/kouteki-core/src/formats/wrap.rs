//! How every report and screen wraps text: by display width (CJK characters are two columns),
//! Japanese between its phrases (文節, as BudouX's model finds them: 「マイナンバーカードを」 stays
//! whole), hyphenated words split at their hyphens, but a URL never split, so it can still be
//! clicked and copied (a URL wider than the line stands on a line of its own). Only a phrase wider
//! than the whole line is broken between its characters.

use std::borrow::Cow;

use textwrap::core::{Fragment, Word};
use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

use super::phrases::phrase_ends;

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

/// The words of a line, each URL (with what is glued to it) one word, the rest by `separate`.
fn words_around_urls<'a>(
    line: &'a str,
    separate: fn(&'a str, &mut Vec<Word<'a>>),
) -> Vec<Word<'a>> {
    let mut words = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("://") {
        let start = url_start(rest, at);
        let (before, url) = rest.split_at(start);
        separate(before, &mut words);
        let end = url.find(char::is_whitespace).unwrap_or(url.len());
        let spaces = url[end..].len() - url[end..].trim_start().len();
        words.push(Word::from(&url[..end + spaces]));
        rest = &url[end + spaces..];
    }
    separate(rest, &mut words);
    words
}

/// Words as Unicode's line breaking rules find them (CJK text breaks between characters).
fn unicode_words<'a>(text: &'a str, words: &mut Vec<Word<'a>>) {
    words.extend(WordSeparator::UnicodeBreakProperties.find_words(text));
}

/// Whether `c` is Japanese (kana, kanji, full-width forms, Japanese punctuation).
pub(super) fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Characters a Japanese line may not start with (行頭禁則, as JIS X 4051 lists them): closing
/// brackets, punctuation, small kana, the prolonged sound mark and iteration marks.
const NO_LINE_START: &str = "）」』】〕〉》］｝)]}、。，．,.・：；？！ー～ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ";

/// Characters a Japanese line may not end with (行末禁則): opening brackets.
const NO_LINE_END: &str = "（「『【〔〈《［｛([{";

/// Whether a line may break at byte `at` of `word`: BudouX's phrases sometimes end before a closing
/// bracket (している|）), and a line starting with "）" is one a Japanese reader stops at.
fn may_break_at(word: &str, at: usize) -> bool {
    let next = word[at..].chars().next();
    let previous = word[..at].chars().next_back();
    !next.is_some_and(|c| NO_LINE_START.contains(c))
        && !previous.is_some_and(|c| NO_LINE_END.contains(c))
}

/// Words split at spaces; a word with Japanese in it is split again at the byte offsets `ends`
/// gives for it (each the end of a part), the others by Unicode's rules.
fn japanese_words<'a>(text: &'a str, words: &mut Vec<Word<'a>>, ends: fn(&str) -> Vec<usize>) {
    for word in WordSeparator::AsciiSpace.find_words(text) {
        let start = offset(text, word.word);
        let with_space = &text[start..start + word.word.len() + word.whitespace.len()];
        if !word.word.chars().any(is_japanese) {
            unicode_words(with_space, words);
            continue;
        }
        let mut from = 0;
        let ends: Vec<usize> = ends(word.word)
            .into_iter()
            .filter(|end| *end == word.word.len() || may_break_at(word.word, *end))
            .collect();
        for (i, end) in ends.iter().enumerate() {
            let to = if i + 1 == ends.len() {
                with_space.len()
            } else {
                *end
            };
            if to > from {
                words.push(Word::from(&with_space[from..to]));
            }
            from = to;
        }
    }
}

/// Words split at spaces; a word with Japanese in it is split again into its phrases.
fn phrase_words<'a>(text: &'a str, words: &mut Vec<Word<'a>>) {
    japanese_words(text, words, phrase_ends);
}

/// Where `part`, a slice of `text`, starts in it.
fn offset(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// The words of a line: URLs whole, Japanese by phrases, the rest by Unicode's rules.
fn find_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    Box::new(words_around_urls(line, phrase_words).into_iter())
}

/// The kind of script a character is in, for breaking a phrase that does not fit between its
/// words (在留|カード・|マイナンバーカード) before breaking it between characters.
fn script(c: char) -> u8 {
    match c {
        '\u{30a0}'..='\u{30ff}' | '\u{ff66}'..='\u{ff9f}' => 1, // katakana (ー included)
        '\u{3040}'..='\u{309f}' => 2,                           // hiragana
        '\u{3400}'..='\u{9fff}' => 3,                           // kanji
        _ => 0,
    }
}

/// Where a Japanese word's parts end when it is split where its script changes and after a middle
/// dot or a comma.
fn script_ends(word: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in word.char_indices() {
        let cut = previous.is_some_and(|p| {
            matches!(p, '・' | '、' | '。') || (script(p) != script(c) && script(c) != 0)
        });
        if cut && i > 0 {
            ends.push(i);
        }
        previous = Some(c);
    }
    ends.push(word.len());
    ends
}

/// Words split at spaces; a word with Japanese in it is split again where its script changes.
fn script_words<'a>(text: &'a str, words: &mut Vec<Word<'a>>) {
    japanese_words(text, words, script_ends);
}

/// The words of a line when a phrase does not fit: URLs whole, Japanese between its words.
fn find_script_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    Box::new(words_around_urls(line, script_words).into_iter())
}

/// The words of a line when even a word does not fit: URLs whole, the rest by Unicode's rules.
fn find_fine_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    Box::new(words_around_urls(line, unicode_words).into_iter())
}

/// Split points of a word: after a hyphen between two letters or digits (well-|known), but never
/// between two digits (a date, 2027-01-31, or a phone number reads as one), in a URL or in a word
/// holding a command-line flag (`--no-save`).
fn split_points(word: &str) -> Vec<usize> {
    if word.contains("://") || word.contains("--") {
        return Vec::new();
    }
    let bytes = word.as_bytes();
    let is = |at: usize, class: fn(&u8) -> bool| bytes.get(at).is_some_and(class);
    let alphanumeric = |at: usize| is(at, u8::is_ascii_alphanumeric);
    let digits = |i: usize| is(i - 1, u8::is_ascii_digit) && is(i + 1, u8::is_ascii_digit);
    word.match_indices('-')
        .filter(|(i, _)| *i > 0 && alphanumeric(i - 1) && alphanumeric(i + 1) && !digits(*i))
        .map(|(i, _)| i + 1)
        .collect()
}

/// Wrapping options for `width` columns that keep URLs whole. Lines are filled first-fit, as a
/// terminal or a browser fills them: the balanced ("optimal fit") algorithm cost a third of every
/// frame for no difference a reader would miss.
pub fn options(width: usize) -> Options<'static> {
    Options::new(width)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .break_words(false)
        .word_separator(WordSeparator::Custom(find_words))
        .word_splitter(WordSplitter::Custom(split_points))
}

/// `text` wrapped with `options` (from [`options`]): where a Japanese phrase is wider than the whole
/// line, the text is wrapped again breaking between words (where the script changes), and where
/// even a word is, between characters, so nothing runs past the width.
pub fn wrap<'a>(text: &'a str, options: &Options<'_>) -> Vec<Cow<'a, str>> {
    let overflows = |line: &Cow<str>| {
        !line.contains("://") && Word::from(line.as_ref()).width() > options.width as f64
    };
    let mut lines = textwrap::wrap(text, options);
    for separator in [find_script_words, find_fine_words] {
        if !lines.iter().any(overflows) {
            break;
        }
        let finer = options
            .clone()
            .word_separator(WordSeparator::Custom(separator));
        lines = textwrap::wrap(text, finer);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_whole_and_other_words_wrap() {
        let text =
            "Source: Financial Field <https://financial-field.com/pension/entry-118913> (2024)";
        let lines = wrap(text, &options(40));
        assert!(
            lines
                .iter()
                .any(|l| l.contains("<https://financial-field.com/pension/entry-118913>")),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.ends_with("entry-")), "{lines:?}");
        let ja = "国民年金保険料の未納期間がある場合は、年金事務所に相談してください。";
        let lines = wrap(ja, &options(20));
        assert!(
            lines.len() > 1,
            "Japanese breaks between characters: {lines:?}"
        );
        assert!(
            lines.iter().all(|l| l.chars().count() <= 10),
            "two columns a character"
        );
        let hyphenated = wrap("a well-known long-standing rule", &options(12));
        assert!(
            hyphenated.iter().any(|l| l.ends_with('-')),
            "{hyphenated:?}"
        );
    }

    #[test]
    fn japanese_breaks_between_phrases_never_inside_a_word() {
        let text = "マイナンバーカードを持っていないことは、公的義務の違反ではありません。在留カードは常に携帯してください。";
        // From the widest phrase up (「マイナンバーカードを」 is 20 columns).
        for width in 20..60 {
            let lines = wrap(text, &options(width));
            assert_eq!(lines.concat(), text, "nothing lost or added at {width}");
            for word in ["マイナンバーカード", "在留カード", "公的義務"] {
                assert!(
                    lines.iter().any(|l| l.contains(word)),
                    "{word} broken at {width}: {lines:?}"
                );
            }
            assert!(
                lines
                    .iter()
                    .all(|l| Word::from(l.as_ref()).width() <= width as f64),
                "{width}: {lines:?}"
            );
        }
    }

    #[test]
    fn a_phrase_wider_than_the_line_breaks_between_its_words_then_characters() {
        let lines = wrap("在留カード・マイナンバーカード", &options(26));
        assert_eq!(lines, ["在留カード・", "マイナンバーカード"]);
        let lines = wrap("在留カード・マイナンバーカード", &options(10));
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| Word::from(l.as_ref()).width() <= 10.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "在留カード・マイナンバーカード");
    }

    #[test]
    fn mixed_text_keeps_english_words_and_urls() {
        let text = "出典：出入国在留管理庁 <https://www.moj.go.jp/isa/applications/procedures/16-4.html> Immigration Services Agency";
        let lines = wrap(text, &options(30));
        assert!(
            lines.iter().any(
                |l| l.contains("<https://www.moj.go.jp/isa/applications/procedures/16-4.html>")
            ),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("Immigration")), "{lines:?}");
    }

    #[test]
    fn a_japanese_line_never_starts_with_a_closing_bracket_or_ends_with_an_opening_one() {
        let texts = [
            "会社員など（勤務先の厚生年金・健康保険に加入している）",
            "働き方によって、所得税の精算方法（年末調整か確定申告か）や、加入すべき年金・医療保険が変わります。",
        ];
        for text in texts {
            for width in 10..60 {
                let lines = wrap(text, &options(width));
                assert_eq!(lines.concat(), text, "{width}: nothing lost");
                for line in &lines[1..] {
                    let first = line.chars().next().expect("no empty line");
                    assert!(!NO_LINE_START.contains(first), "{width}: {lines:?}");
                }
                for line in &lines[..lines.len() - 1] {
                    let last = line.chars().next_back().expect("no empty line");
                    assert!(!NO_LINE_END.contains(last), "{width}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn a_date_is_never_split_at_its_hyphens_but_a_hyphenated_word_is() {
        let text = "What is the expiry date of your period of stay? → 2027-01-31";
        assert_kept_whole(text, "2027-01-31", 12..60);
        let lines = wrap("a long-established rule", &options(12));
        assert!(lines.iter().any(|l| l.ends_with("long-")), "{lines:?}");
    }

    #[test]
    fn a_command_line_flag_is_never_split_at_its_hyphens() {
        let text = "回答はこのコンピューターの中だけにあり、保存されません（--no-save）。";
        assert_kept_whole(text, "--no-save", 20..60);
        assert_kept_whole("run kouteki --no-save --lang ja now", "--no-save", 10..30);
    }

    /// Asserts that `piece` of `text` stands whole on one line at every width in `widths`.
    fn assert_kept_whole(text: &str, piece: &str, widths: std::ops::Range<usize>) {
        for width in widths {
            let lines = wrap(text, &options(width));
            assert!(
                lines.iter().any(|l| l.contains(piece)),
                "{width}: {lines:?}"
            );
        }
    }
}
