//! The compiled form of a checked pack: its [`Content`] as postcard bytes plus one table of its
//! strings, which load with no TOML parsing, no checks and no copying of text (see
//! [`crate::content_str`]). Only for a pack that was checked when it was compiled (the binary's
//! build script does this for the embedded pack, so `kouteki` starts without parsing its own
//! TOML); `kouteki check` and `--rules DIR` always read and check TOML.

use super::model::Content;
use crate::content_str::{reading_table, writing_table};

/// A checked pack, compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The pack's structure, its strings given as positions in [`Compiled::strings`].
    pub bytes: Vec<u8>,
    /// Every distinct string of the pack, one after the other.
    pub strings: String,
}

/// The compiled form of a checked pack.
pub fn encode(content: &Content) -> Compiled {
    let (bytes, strings) =
        writing_table(|| postcard::to_allocvec(content).expect("a pack always serializes"));
    Compiled { bytes, strings }
}

/// A pack from what [`encode`] gave (`strings` as the binary holds it); an error when the bytes are
/// not such a pack (another version's layout, damaged bytes, a table that does not fit them).
pub fn decode(bytes: &[u8], strings: &'static str) -> Result<Content, postcard::Error> {
    reading_table(strings, || postcard::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_pack_round_trips() {
        let content = super::super::embedded::load_default().expect("valid");
        let compiled = encode(&content);
        let strings: &'static str = Box::leak(compiled.strings.clone().into_boxed_str());
        let back = decode(&compiled.bytes, strings).expect("decodes");
        assert_eq!(encode(&back), compiled);
        assert_eq!(back.questions.len(), content.questions.len());
        assert_eq!(back.rules[3].when, content.rules[3].when);
        assert_eq!(back.rules[3].title, content.rules[3].title);
        assert!(decode(&compiled.bytes[..compiled.bytes.len() / 2], strings).is_err());
        let half = (0..=strings.len() / 2)
            .rev()
            .find(|at| strings.is_char_boundary(*at))
            .unwrap_or_default();
        assert!(
            decode(&compiled.bytes, &strings[..half]).is_err(),
            "a table too short for the bytes"
        );
    }
}
