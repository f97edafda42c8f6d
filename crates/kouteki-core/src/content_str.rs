//! A string of a content pack's: borrowed from the compiled pack built into the binary, or owned
//! when the pack was read from TOML (`--rules DIR`, `kouteki check`).
//!
//! Why not `String`: decoding the embedded pack into owned strings was two thirds of
//! `kouteki eval`'s time (allocating, copying and UTF-8-checking some 350 KB of text at every
//! start, then freeing it). The compiled pack keeps its strings in one table that the binary holds
//! as a `&'static str` (checked as UTF-8 by the compiler, `include_str!`), and its other bytes
//! refer to them by position: decoding a string is slicing the table.
//!
//! How the position gets there: serde has no way to hand a `'static` borrow through the derived
//! impls of the model, so the pack's encoder and decoder ([`super::content::compiled`]) put the
//! table in a thread-local for the duration of one call, and [`Str`]'s serde impls use it when it
//! is there. Everywhere else (TOML, JSON) a [`Str`] is an ordinary string.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A content string (see the module's documentation).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str(Cow<'static, str>);

impl Str {
    /// A string that lives as long as the program (the compiled pack's table, a literal).
    pub const fn from_static(text: &'static str) -> Str {
        Str(Cow::Borrowed(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<String> for Str {
    fn from(text: String) -> Str {
        Str(Cow::Owned(text))
    }
}

impl From<&str> for Str {
    fn from(text: &str) -> Str {
        Str(Cow::Owned(text.to_owned()))
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

/// The table a compiled pack's strings are written to, each distinct string once, and each
/// distinct pair of a [`crate::lang::Text`] once, its two strings side by side.
#[derive(Default)]
struct TableWriter {
    text: String,
    seen: HashMap<String, Span>,
    pairs: HashMap<(String, String), PairSpan>,
}

/// Where a pair of strings sits in the table: its start, then the first's length and the second's
/// (which follows the first).
pub(crate) type PairSpan = (u32, u32, u32);

/// Where a string sits in the table: its start and length in bytes.
type Span = (u32, u32);

/// Positions in the table as the compiled pack holds them: fixed-width little-endian bytes
/// (postcard writes bytes as their length and the bytes). Reading one is a slice and three
/// `from_le_bytes`, where a tuple of varints took a visitor call and a varint loop a number; a
/// pack holds some 4,000 positions, and reading them was a third of decoding it.
struct Positions<const N: usize>([u32; N]);

impl<const N: usize> Serialize for Positions<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const { assert!(N <= 3, "a position is at most three numbers") };
        let mut bytes = [0u8; 12];
        for (chunk, number) in bytes.chunks_exact_mut(4).zip(self.0) {
            chunk.copy_from_slice(&number.to_le_bytes());
        }
        serializer.serialize_bytes(&bytes[..4 * N])
    }
}

impl<'de, const N: usize> Deserialize<'de> for Positions<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fixed<const N: usize>;
        impl<const N: usize> serde::de::Visitor<'_> for Fixed<N> {
            type Value = Positions<N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} bytes of positions in the pack's string table", 4 * N)
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
                if bytes.len() != 4 * N {
                    return Err(E::invalid_length(bytes.len(), &self));
                }
                let mut numbers = [0u32; N];
                for (number, chunk) in numbers.iter_mut().zip(bytes.chunks_exact(4)) {
                    *number = u32::from_le_bytes(chunk.try_into().expect("four bytes"));
                }
                Ok(Positions(numbers))
            }
        }
        deserializer.deserialize_bytes(Fixed::<N>)
    }
}

impl TableWriter {
    fn add(&mut self, text: &str) -> Span {
        if let Some(span) = self.seen.get(text) {
            return *span;
        }
        let span = (position(self.text.len()), position(text.len()));
        self.text.push_str(text);
        self.seen.insert(text.to_owned(), span);
        span
    }

    fn add_pair(&mut self, first: &str, second: &str) -> PairSpan {
        let key = (first.to_owned(), second.to_owned());
        if let Some(span) = self.pairs.get(&key) {
            return *span;
        }
        let start = position(self.text.len());
        self.text.push_str(first);
        self.text.push_str(second);
        let span = (start, position(first.len()), position(second.len()));
        self.pairs.insert(key, span);
        span
    }
}

fn position(bytes: usize) -> u32 {
    u32::try_from(bytes).expect("a pack's strings fit in 4 GB")
}

thread_local! {
    static WRITING: RefCell<Option<TableWriter>> = const { RefCell::new(None) };
    static READING: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Runs `encode` with [`Str`]s written as positions in a new table; gives its result and the table.
pub(crate) fn writing_table<R>(encode: impl FnOnce() -> R) -> (R, String) {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            WRITING.with(|w| w.borrow_mut().take());
        }
    }
    WRITING.with(|w| *w.borrow_mut() = Some(TableWriter::default()));
    // Put away whatever ends `encode`, a panic included.
    let _reset = Reset;
    let result = encode();
    let table = WRITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
    (result, table.text)
}

/// Runs `decode` with [`Str`]s read as positions in `table`.
pub(crate) fn reading_table<R>(table: &'static str, decode: impl FnOnce() -> R) -> R {
    struct Reset(Option<&'static str>);
    impl Drop for Reset {
        fn drop(&mut self) {
            READING.with(|r| r.set(self.0));
        }
    }
    let _reset = Reset(READING.with(|r| r.replace(Some(table))));
    decode()
}

/// Where a pair of strings goes in the table being written, if one is (a [`crate::lang::Text`] in
/// a compiled pack is one reference: decoding it is one look-up, not one a language).
pub(crate) fn write_pair(first: &Str, second: &Str) -> Option<PairSpan> {
    WRITING.with(|w| {
        w.borrow_mut()
            .as_mut()
            .map(|table| table.add_pair(first, second))
    })
}

/// The table being read, if one is.
pub(crate) fn reading() -> Option<&'static str> {
    READING.with(Cell::get)
}

/// Writes a pair's position as the compiled pack holds it.
pub(crate) fn serialize_pair<S: Serializer>(
    (start, first, second): PairSpan,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    Positions([start, first, second]).serialize(serializer)
}

/// Reads a pair's position as the compiled pack holds it.
pub(crate) fn deserialize_pair<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<PairSpan, D::Error> {
    let Positions([start, first, second]) = Positions::<3>::deserialize(deserializer)?;
    Ok((start, first, second))
}

/// The pair of strings at `span` in `table`; `None` when it is outside it or cuts a character.
pub(crate) fn pair_in(table: &'static str, (start, first, second): PairSpan) -> Option<(Str, Str)> {
    let (start, first, second) = (start as usize, first as usize, second as usize);
    let middle = start.checked_add(first)?;
    let both = table.get(start..middle.checked_add(second)?)?;
    let (first, second) = (both.get(..first)?, both.get(first..)?);
    Some((Str::from_static(first), Str::from_static(second)))
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let span = WRITING.with(|w| w.borrow_mut().as_mut().map(|table| table.add(&self.0)));
        match span {
            Some((start, len)) => Positions([start, len]).serialize(serializer),
            None => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Str, D::Error> {
        let Some(table) = READING.with(Cell::get) else {
            return String::deserialize(deserializer).map(Str::from);
        };
        let Positions([start, len]) = Positions::<2>::deserialize(deserializer)?;
        let (start, len) = (start as usize, len as usize);
        start
            .checked_add(len)
            .and_then(|end| table.get(start..end))
            .map(Str::from_static)
            .ok_or_else(|| D::Error::custom("a string outside the pack's string table"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Pair {
        a: Str,
        b: Vec<Str>,
    }

    fn pair() -> Pair {
        Pair {
            a: Str::from("在留カード"),
            b: vec![Str::from("x"), Str::from("在留カード"), Str::from("")],
        }
    }

    #[test]
    fn outside_a_pack_it_is_an_ordinary_string() {
        let json = serde_json::to_string(&pair()).expect("serializes");
        assert_eq!(json, r#"{"a":"在留カード","b":["x","在留カード",""]}"#);
        let back: Pair = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, pair());
    }

    #[test]
    fn in_a_pack_each_distinct_string_is_in_the_table_once_and_read_back_borrowed() {
        let (bytes, table) = writing_table(|| postcard::to_allocvec(&pair()).expect("encodes"));
        assert_eq!(table, "在留カードx");
        let table: &'static str = Box::leak(table.into_boxed_str());
        let back: Pair = reading_table(table, || postcard::from_bytes(&bytes)).expect("decodes");
        assert_eq!(back, pair());
        assert!(matches!(back.a.0, Cow::Borrowed(_)));
        assert!(READING.with(Cell::get).is_none(), "the table is put away");
    }

    #[test]
    fn in_a_pack_a_text_is_one_reference_to_its_two_strings_side_by_side() {
        use crate::lang::Text;
        let texts = vec![
            Text::new("Residence card", "在留カード"),
            Text::new("Residence card", "在留カード"),
            Text::new("Card", "在留カード"),
        ];
        let (bytes, table) = writing_table(|| postcard::to_allocvec(&texts).expect("encodes"));
        assert_eq!(table, "Residence card在留カードCard在留カード");
        let table: &'static str = Box::leak(table.into_boxed_str());
        let back: Vec<Text> =
            reading_table(table, || postcard::from_bytes(&bytes)).expect("decodes");
        assert_eq!(back, texts);
        assert!(matches!(back[2].ja.0, Cow::Borrowed(_)));
        // Outside a pack it is the table of `en` and `ja` it always was.
        let json = serde_json::to_string(&texts[2]).expect("serializes");
        assert_eq!(json, r#"{"en":"Card","ja":"在留カード"}"#);
    }

    #[test]
    fn a_text_outside_the_table_or_cutting_a_character_is_an_error() {
        for span in [
            (0u32, 1u32, 99u32),
            (0, 1, 2),
            (2, 0, 3),
            (0, 2, 2),
            (u32::MAX, 1, 1),
        ] {
            let bytes =
                postcard::to_allocvec(&Positions([span.0, span.1, span.2])).expect("encodes");
            let read: Result<crate::lang::Text, _> =
                reading_table("a在留", || postcard::from_bytes(&bytes));
            assert!(read.is_err(), "{span:?}");
        }
        let bytes = postcard::to_allocvec(&Positions([0, 1, 3])).expect("encodes");
        let read: crate::lang::Text =
            reading_table("a在留", || postcard::from_bytes(&bytes)).expect("decodes");
        assert_eq!(read, crate::lang::Text::new("a", "在"));
    }

    #[test]
    fn a_position_outside_the_table_or_inside_a_character_is_an_error() {
        for span in [(0u32, 99u32), (1, 2), (u32::MAX, 2)] {
            let bytes = postcard::to_allocvec(&Positions([span.0, span.1])).expect("encodes");
            let read: Result<Str, _> = reading_table("在留", || postcard::from_bytes(&bytes));
            assert!(read.is_err(), "{span:?}");
        }
        // A text's three numbers where a string's two belong, or bytes cut short.
        let bytes = postcard::to_allocvec(&Positions([0, 3, 0])).expect("encodes");
        let read: Result<Str, _> = reading_table("在留", || postcard::from_bytes(&bytes));
        assert!(read.is_err());
        let read: Result<Str, _> = reading_table("在留", || postcard::from_bytes(&bytes[..5]));
        assert!(read.is_err());
        let bytes = postcard::to_allocvec(&Positions([0, 3])).expect("encodes");
        let read: Str = reading_table("在留", || postcard::from_bytes(&bytes)).expect("decodes");
        assert_eq!(read, "在");
    }
}
