//! Terminal input bytes to [`Key`]s and pastes, for every front end: the local terminal and SSH
//! channels both deliver raw bytes. termwiz's `InputParser` does the decoding (no hand-written
//! escape-sequence table); a lone ESC is held until more bytes arrive or [`InputDecoder::flush`] is
//! called after a short pause, which is how it is told apart from the start of an arrow key.

use std::time::Duration;

use termwiz::input::{InputEvent, InputParser, KeyCode, KeyEvent, Modifiers};

use super::key::{Input, Key};

/// How long to wait for the rest of an escape sequence before taking ESC as the Escape key.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(40);

/// The most characters of one paste that are typed into a field.
pub const MAX_PASTE: usize = 512;

/// The most bytes held without producing any input (an escape sequence or paste that never ends);
/// past this the parser starts afresh, so memory stays bounded whatever a client sends.
pub const MAX_HELD: usize = 64 * 1024;

/// A stream decoder of terminal input.
///
/// Bytes are cleaned before termwiz sees them: invalid UTF-8 is dropped (termwiz would hold an
/// undecodable byte forever and decode nothing after it), and a character cut between two reads is
/// carried to the next one. termwiz's parser builds its key tables when made, which was almost half
/// of kouteki's start-up, so it is made on first use, or by [`InputDecoder::prepare`] once the first
/// frame is out.
pub struct InputDecoder {
    parser: Option<InputParser>,
    pending: bool,
    carry: Vec<u8>,
    held: usize,
}

impl Default for InputDecoder {
    fn default() -> Self {
        InputDecoder::new()
    }
}

impl std::fmt::Debug for InputDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InputDecoder")
            .field("pending", &self.pending)
            .finish()
    }
}

impl InputDecoder {
    /// A decoder with nothing buffered.
    pub fn new() -> InputDecoder {
        InputDecoder {
            parser: None,
            pending: false,
            carry: Vec::new(),
            held: 0,
        }
    }

    /// Builds the parser's tables now (while waiting for the first key), not at the first key.
    pub fn prepare(&mut self) {
        self.parser.get_or_insert_with(InputParser::new);
    }

    /// Decodes `bytes`; an incomplete sequence at the end is kept for the next call.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        let clean = self.valid_utf8(bytes);
        let mut out = Vec::new();
        self.parser.get_or_insert_with(InputParser::new).parse(
            &clean,
            |event| push(&mut out, event),
            true,
        );
        // Whatever did not decode is held; remember to flush it after a pause.
        self.pending = !bytes.is_empty();
        self.held = if out.is_empty() {
            self.held + clean.len()
        } else {
            0
        };
        if self.held > MAX_HELD {
            self.parser = Some(InputParser::new());
            self.held = 0;
        }
        out
    }

    /// The valid UTF-8 in `carry + bytes`; an incomplete character at the end is carried over.
    fn valid_utf8(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(bytes);
        let mut clean = Vec::with_capacity(data.len());
        let mut rest = &data[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    clean.extend_from_slice(valid.as_bytes());
                    break;
                }
                Err(e) => {
                    let (valid, tail) = rest.split_at(e.valid_up_to());
                    clean.extend_from_slice(valid);
                    match e.error_len() {
                        Some(bad) => rest = &tail[bad..],
                        None => {
                            self.carry = tail.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        clean
    }

    /// Decides any held bytes (a lone ESC becomes the Escape key). Call after [`ESC_TIMEOUT`]
    /// without input.
    pub fn flush(&mut self) -> Vec<Input> {
        self.carry.clear();
        let mut out = Vec::new();
        if let Some(parser) = &mut self.parser {
            parser.parse(&[], |event| push(&mut out, event), false);
        }
        self.pending = false;
        out
    }

    /// Whether bytes may be held, so the caller should wait at most [`ESC_TIMEOUT`] then flush.
    pub fn has_pending(&self) -> bool {
        self.pending
    }
}

fn push(out: &mut Vec<Input>, event: InputEvent) {
    match event {
        InputEvent::Key(key) => out.extend(key_of(&key).map(Input::Key)),
        InputEvent::Paste(text) => {
            let capped: String = text
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_PASTE)
                .collect();
            out.push(Input::Paste(capped));
        }
        _ => {}
    }
}

/// The app's key for a decoded key event (`None` for keys the app does not use).
fn key_of(event: &KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(Modifiers::CTRL);
    Some(match event.key {
        KeyCode::Char('c') | KeyCode::Char('C') if ctrl => Key::CtrlC,
        KeyCode::Char('\u{3}') => Key::CtrlC,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char('\r') | KeyCode::Char('\n') | KeyCode::Enter => Key::Enter,
        KeyCode::Char('\t') | KeyCode::Tab if event.modifiers.contains(Modifiers::SHIFT) => {
            Key::BackTab
        }
        KeyCode::Char('\t') | KeyCode::Tab => Key::Tab,
        KeyCode::Char('\u{7f}') | KeyCode::Char('\u{8}') | KeyCode::Backspace => Key::Backspace,
        KeyCode::Char('\u{1b}') | KeyCode::Escape => Key::Esc,
        KeyCode::Char(c) if c.is_control() => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::UpArrow | KeyCode::ApplicationUpArrow => Key::Up,
        KeyCode::DownArrow | KeyCode::ApplicationDownArrow => Key::Down,
        KeyCode::LeftArrow | KeyCode::ApplicationLeftArrow => Key::Left,
        KeyCode::RightArrow | KeyCode::ApplicationRightArrow => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Function(1) => Key::F1,
        KeyCode::Function(2) => Key::F2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<Input> {
        let mut decoder = InputDecoder::new();
        let mut out = decoder.feed(bytes);
        out.extend(decoder.flush());
        out
    }

    #[test]
    fn decodes_keys_arrows_and_control_bytes() {
        use Input::Key as K;
        assert_eq!(keys(b"a\r"), vec![K(Key::Char('a')), K(Key::Enter)]);
        assert_eq!(
            keys(b"\x1b[A\x1b[B\x1b[C\x1b[D"),
            vec![K(Key::Up), K(Key::Down), K(Key::Right), K(Key::Left)]
        );
        assert_eq!(keys(b"\x1bOA"), vec![K(Key::Up)], "application-mode arrows");
        assert_eq!(keys(b"\x03"), vec![K(Key::CtrlC)]);
        assert_eq!(keys(b"\x7f\t"), vec![K(Key::Backspace), K(Key::Tab)]);
        assert_eq!(keys(b"\x1bOP"), vec![K(Key::F1)]);
        // F2 as xterm and OpenSSH's terminals send it, and as PuTTY does by default.
        assert_eq!(keys(b"\x1bOQ"), vec![K(Key::F2)]);
        assert_eq!(keys(b"\x1b[12~"), vec![K(Key::F2)]);
        // Page keys as xterm (and PuTTY) send them; Home/End in both of xterm's forms.
        assert_eq!(
            keys(b"\x1b[5~\x1b[6~"),
            vec![K(Key::PageUp), K(Key::PageDown)]
        );
        assert_eq!(
            keys(b"\x1b[H\x1b[F\x1b[1~\x1b[4~"),
            vec![K(Key::Home), K(Key::End), K(Key::Home), K(Key::End)]
        );
        assert_eq!(
            keys("あ".as_bytes()),
            vec![K(Key::Char('あ'))],
            "UTF-8 characters"
        );
    }

    #[test]
    fn a_lone_escape_waits_for_the_pause() {
        let mut decoder = InputDecoder::new();
        assert_eq!(
            decoder.feed(b"\x1b"),
            vec![],
            "could be the start of an arrow"
        );
        assert!(decoder.has_pending());
        assert_eq!(decoder.feed(b"[A"), vec![Input::Key(Key::Up)], "it was");
        assert_eq!(decoder.feed(b"\x1b"), vec![]);
        assert_eq!(
            decoder.flush(),
            vec![Input::Key(Key::Esc)],
            "after the pause it is Escape"
        );
    }

    #[test]
    fn invalid_utf8_is_dropped_and_split_characters_are_joined() {
        use Input::Key as K;
        assert_eq!(
            keys(b"\xff\xe9a\x80b"),
            vec![K(Key::Char('a')), K(Key::Char('b'))]
        );
        let mut decoder = InputDecoder::new();
        let bytes = "あ".as_bytes();
        assert_eq!(decoder.feed(&bytes[..2]), vec![]);
        assert_eq!(decoder.feed(&bytes[2..]), vec![K(Key::Char('あ'))]);
        assert_eq!(decoder.feed(b"\xe3"), vec![]);
        decoder.flush();
        assert_eq!(
            decoder.feed(b"\x03"),
            vec![K(Key::CtrlC)],
            "keys still work after a cut-off byte"
        );
    }

    #[test]
    fn input_that_never_completes_is_not_held_without_bound() {
        let mut decoder = InputDecoder::new();
        decoder.feed(b"\x1b[200~");
        for _ in 0..200 {
            decoder.feed(&[b'x'; 1024]);
        }
        assert!(decoder.held <= MAX_HELD);
        assert_eq!(
            decoder.feed(b"\x1b[201~"),
            vec![],
            "the runaway paste was dropped"
        );
        assert_eq!(keys(b"q"), vec![Input::Key(Key::Char('q'))]);
        assert_eq!(
            decoder.feed(b"q"),
            vec![Input::Key(Key::Char('q'))],
            "and typing goes on"
        );
    }

    #[test]
    fn pastes_are_capped_and_garbage_is_harmless() {
        let long = "x".repeat(10_000);
        let pasted = keys(format!("\x1b[200~{long}\x1b[201~").as_bytes());
        assert_eq!(pasted, vec![Input::Paste("x".repeat(MAX_PASTE))]);
        let garbage: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let _ = keys(&garbage);
    }
}
