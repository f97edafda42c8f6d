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

/// The table a compiled pack's strings are written to, each distinct string once.
#[derive(Default)]
struct TableWriter {
    text: String,
    seen: HashMap<String, Span>,
}

/// Where a string sits in the table: its start and length in bytes.
type Span = (u32, u32);

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

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let span = WRITING.with(|w| w.borrow_mut().as_mut().map(|table| table.add(&self.0)));
        match span {
            Some(span) => span.serialize(serializer),
            None => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Str, D::Error> {
        let Some(table) = READING.with(Cell::get) else {
            return String::deserialize(deserializer).map(Str::from);
        };
        let (start, len) = Span::deserialize(deserializer)?;
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
    fn a_position_outside_the_table_or_inside_a_character_is_an_error() {
        for span in [(0u32, 99u32), (1, 2), (u32::MAX, 2)] {
            let bytes = postcard::to_allocvec(&span).expect("encodes");
            let read: Result<Str, _> = reading_table("在留", || postcard::from_bytes(&bytes));
            assert!(read.is_err(), "{span:?}");
        }
    }
}
