//! The compiled form of a checked pack: its [`Content`] as postcard bytes, which load with no TOML
//! parsing and no checks. Only for a pack that was checked when it was compiled (the binary's build
//! script does this for the embedded pack, so `kouteki` starts without parsing its own TOML);
//! `kouteki check` and `--rules DIR` always read and check TOML.

use super::model::Content;

/// The bytes of a checked pack.
pub fn encode(content: &Content) -> Vec<u8> {
    postcard::to_allocvec(content).expect("a pack always serializes")
}

/// A pack from the bytes [`encode`] gave; an error when they are not (another version's layout,
/// damaged bytes).
pub fn decode(bytes: &[u8]) -> Result<Content, postcard::Error> {
    postcard::from_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_pack_round_trips() {
        let content = super::super::embedded::load_default().expect("valid");
        let bytes = encode(&content);
        let back = decode(&bytes).expect("decodes");
        assert_eq!(encode(&back), bytes);
        assert_eq!(back.questions.len(), content.questions.len());
        assert_eq!(back.rules[3].when, content.rules[3].when);
        assert!(decode(&bytes[..bytes.len() / 2]).is_err());
    }
}
