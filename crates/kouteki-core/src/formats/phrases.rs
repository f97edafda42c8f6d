//! Where a Japanese word's phrases (文節) end, as BudouX's model finds them, for [`super::wrap`].
//!
//! The model is slow: its lookups hash feature strings, about 12,000 instructions a character, and
//! its tables take some 6 million instructions to build at first use. A screen caches what it has
//! asked, but a one-shot `kouteki eval --format text` paid the model for every Japanese word of its
//! report, most of its time. So the words of the embedded content are asked at build time: the
//! build script writes them with their ends ([`phrase_table`]), the binary hands the table over at
//! start ([`know`]), and the model is asked only about words it does not hold. The answer is a
//! function of the word alone, so the table gives what the model would, whatever pack is loaded.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use textwrap::WordSeparator;

use super::wrap::is_japanese;

/// Words with the byte offsets where their phrases end, sorted by word.
pub type KnownPhrases = &'static [(&'static str, &'static [u16])];

static KNOWN: OnceLock<KnownPhrases> = OnceLock::new();

/// Hands over the words asked at build time (the first table given stays).
pub fn know(table: KnownPhrases) {
    let _ = KNOWN.set(table);
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
    let table = KNOWN.get()?;
    let at = table.binary_search_by(|(w, _)| (*w).cmp(word)).ok()?;
    Some(table[at].1.iter().map(|end| usize::from(*end)).collect())
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
    fn a_known_word_is_answered_from_the_table() {
        // A table that disagrees with the model on purpose shows which answered (a word no text
        // of the tests holds, as the table is the whole process's).
        static TABLE: &[(&str, &[u16])] = &[("試験用の語句です", &[3, 24])];
        know(TABLE);
        assert_eq!(phrase_ends("試験用の語句です"), [3, 24]);
        assert_ne!(by_model("試験用の語句です"), [3, 24]);
        assert_eq!(
            phrase_ends("持参してください"),
            by_model("持参してください")
        );
    }
}
