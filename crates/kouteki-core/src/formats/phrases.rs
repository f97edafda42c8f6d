//! Where a Japanese word's phrases (文節) end, as BudouX's model finds them, for [`super::wrap`].
//!
//! The model is slow: its lookups hash feature strings, about 12,000 instructions a character, and
//! its tables take some 6 million instructions to build at first use. A screen caches what it has
//! asked, but a one-shot `kouteki eval --format text` paid the model for every Japanese word of its
//! report, most of its time, and a Japanese first screen, whose words are the program's own, paid
//! it too. So the words of the embedded content and of the program's texts are asked at build
//! time: the build script writes them with their ends ([`phrase_table`]), the binary hands the
//! table over at start ([`know`]), and the model is asked only about words it does not hold. The
//! answer is a function of the word alone, so the table gives what the model would, whatever pack
//! is loaded.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use textwrap::WordSeparator;

use super::wrap::is_japanese;

/// Words with the byte offsets where their phrases end, sorted by word, in three flat arrays.
///
/// Why not a slice of `(&str, &[u16])`: each of those pointers is a relocation the dynamic loader
/// writes at every start, and the pages holding them are copied for it; some 4,000 of them were a
/// share of `kouteki eval`'s start-up. Here the build script's table is three slices, whatever its
/// length: every word in one string, and where each word's text and its ends stop.
#[derive(Debug, Clone, Copy)]
pub struct KnownPhrases {
    /// Every word, one after the other.
    pub words: &'static str,
    /// Where each word ends in `words` (word `i` starts where word `i - 1` ends).
    pub word_ends: &'static [u32],
    /// Each word's phrase ends, one word's after the other.
    pub ends: &'static [u16],
    /// Where each word's phrase ends stop in `ends`.
    pub ends_ends: &'static [u32],
}

impl KnownPhrases {
    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.word_ends.len()
    }

    /// Whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.word_ends.is_empty()
    }

    /// The `i`th word and its phrase ends.
    pub fn get(&self, i: usize) -> (&'static str, &'static [u16]) {
        let span = |stops: &[u32]| {
            let start = if i == 0 { 0 } else { stops[i - 1] as usize };
            start..stops[i] as usize
        };
        (
            &self.words[span(self.word_ends)],
            &self.ends[span(self.ends_ends)],
        )
    }

    /// The words with their ends, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static [u16])> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// `word`'s phrase ends, if the table holds it.
    fn find(&self, word: &str) -> Option<&'static [u16]> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = (low + high) / 2;
            let (held, ends) = self.get(middle);
            match held.cmp(word) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(ends),
            }
        }
        None
    }

    /// `table` (as [`phrase_table`] gives it) as a Rust expression of this type, where the type is
    /// in scope, for the build script (a `str`'s `Debug` form is a string literal).
    pub fn source(table: &[(String, Vec<u16>)]) -> String {
        let mut words = String::new();
        let (mut word_ends, mut ends, mut ends_ends) = (Vec::new(), Vec::new(), Vec::new());
        for (word, word_phrase_ends) in table {
            words.push_str(word);
            word_ends.push(stop(words.len()));
            ends.extend_from_slice(word_phrase_ends);
            ends_ends.push(stop(ends.len()));
        }
        format!(
            "KnownPhrases {{ words: {words:?}, word_ends: \
             &{word_ends:?}, ends: &{ends:?}, ends_ends: &{ends_ends:?} }}"
        )
    }
}

static KNOWN: OnceLock<KnownPhrases> = OnceLock::new();

/// Hands over the words asked at build time (the first table given stays).
pub fn know(table: KnownPhrases) {
    let _ = KNOWN.set(table);
}

fn stop(at: usize) -> u32 {
    u32::try_from(at).expect("a phrase table under 4 GB")
}

/// The words with Japanese in them that wrapping `text` asks about: its lines' words between
/// spaces, as [`super::wrap`] splits them.
fn japanese_words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .flat_map(|line| WordSeparator::AsciiSpace.find_words(line))
        .map(|word| word.word)
        .filter(|word| word.chars().any(is_japanese))
}

/// Every Japanese word of `texts` once, sorted, with where its phrases end (for the build script).
pub fn phrase_table<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, Vec<u16>)> {
    let mut words: Vec<&str> = texts.into_iter().flat_map(japanese_words).collect();
    words.sort_unstable();
    words.dedup();
    words
        .into_iter()
        .map(|word| {
            let ends = by_model(word).into_iter().map(offset).collect();
            (word.to_string(), ends)
        })
        .collect()
}

fn offset(end: usize) -> u16 {
    u16::try_from(end).expect("a word shorter than 64 KB")
}

/// What the model says of `word`.
fn by_model(word: &str) -> Vec<usize> {
    let mut end = 0;
    budoux::parse(budoux::models::default_japanese_model(), word)
        .iter()
        .map(|phrase| {
            end += phrase.len();
            end
        })
        .collect()
}

/// What the build-time table holds for `word`.
fn known(word: &str) -> Option<Vec<usize>> {
    let ends = KNOWN.get()?.find(word)?;
    Some(ends.iter().map(|end| usize::from(*end)).collect())
}

/// Where `word`'s phrases end: from the build-time table, or phrases found so far (the same texts
/// are drawn frame after frame; bounded, cleared when full), or the model.
pub(super) fn phrase_ends(word: &str) -> Vec<usize> {
    const MOST: usize = 4096;
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<usize>>>> = OnceLock::new();
    if let Some(ends) = known(word) {
        return ends;
    }
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(ends) = cache.lock().ok().and_then(|c| c.get(word).cloned()) {
        return ends;
    }
    let ends = by_model(word);
    if let Ok(mut cache) = cache.lock() {
        if cache.len() >= MOST {
            cache.clear();
        }
        cache.insert(word.to_string(), ends.clone());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_each_japanese_word_once_with_the_models_ends() {
        let texts = [
            "在留カードを 持って ください",
            "Bring your 在留カード (在留カード) and\nマイナンバーカードを持参してください。",
        ];
        let table = phrase_table(texts);
        let words: Vec<&str> = table.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "(在留カード)",
                "ください",
                "マイナンバーカードを持参してください。",
                "在留カード",
                "在留カードを",
                "持って",
            ]
        );
        for (word, ends) in &table {
            let model: Vec<u16> = by_model(word).into_iter().map(offset).collect();
            assert_eq!(*ends, model, "{word}");
            assert_eq!(usize::from(*ends.last().expect("ends")), word.len());
        }
        let long = &table[2];
        assert!(long.1.len() > 1, "a sentence has several phrases: {long:?}");
    }

    #[test]
    fn the_flat_table_gives_back_each_word_and_finds_only_those() {
        let words: Vec<(String, Vec<u16>)> = vec![
            ("あ".into(), vec![3]),
            ("いう".into(), vec![3, 6]),
            ("えお".into(), vec![6]),
        ];
        let source = KnownPhrases::source(&words);
        assert!(source.contains(r#"words: "あいうえお""#), "{source}");
        assert!(source.contains("word_ends: &[3, 9, 15]"), "{source}");
        assert!(source.contains("ends: &[3, 3, 6, 6]"), "{source}");
        assert!(source.contains("ends_ends: &[1, 3, 4]"), "{source}");
        let table = KnownPhrases {
            words: "あいうえお",
            word_ends: &[3, 9, 15],
            ends: &[3, 3, 6, 6],
            ends_ends: &[1, 3, 4],
        };
        let back: Vec<(String, Vec<u16>)> = table
            .iter()
            .map(|(word, ends)| (word.to_string(), ends.to_vec()))
            .collect();
        assert_eq!(back, words);
        for (word, ends) in &words {
            assert_eq!(table.find(word), Some(&ends[..]), "{word}");
        }
        for absent in ["", "い", "いうえ", "お", "ん"] {
            assert_eq!(table.find(absent), None, "{absent}");
        }
    }

    #[test]
    fn a_known_word_is_answered_from_the_table() {
        // A table that disagrees with the model on purpose shows which answered (a word no text
        // of the tests holds, as the table is the whole process's).
        know(KnownPhrases {
            words: "試験用の語句です",
            word_ends: &[24],
            ends: &[3, 24],
            ends_ends: &[2],
        });
        assert_eq!(phrase_ends("試験用の語句です"), [3, 24]);
        assert_ne!(by_model("試験用の語句です"), [3, 24]);
        assert_eq!(
            phrase_ends("持参してください"),
            by_model("持参してください")
        );
    }
}
