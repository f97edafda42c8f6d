//! Session codes: what a client reads to their consultant so the consultant can ask to join. Six
//! characters from an alphabet without look-alikes (no 0/O, 1/I/L), written `XXX-XXX`; typed back with
//! or without the dash, in either case. Codes are drawn at random (31⁶ ≈ 887 million), and the
//! registry of live sessions never hands out one in use. The registry maps each live code to the
//! session's door, where a consultant's request to join is left. On a named instance a code is shown
//! with the instance's name in front (`B-K7Q-2MP`, see [`super::instance`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use std::sync::atomic::{AtomicBool, Ordering};

use rand::RngExt;
use tokio::sync::mpsc;

use super::instance::{Instances, NamedCode, Peer, Route};
use super::knock::AtDoor;

/// The characters a code is made of.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// How many characters a code has.
pub const LENGTH: usize = 6;

/// A session's code.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionCode([u8; LENGTH]);

impl SessionCode {
    /// A random code.
    pub fn random() -> SessionCode {
        let mut rng = rand::rng();
        SessionCode(std::array::from_fn(|_| {
            ALPHABET[rng.random_range(0..ALPHABET.len())]
        }))
    }

    /// A code as a person typed it: the dash and spaces are optional, case does not matter.
    pub fn parse(text: &str) -> Option<SessionCode> {
        let chars: Vec<u8> = text
            .bytes()
            .filter(|b| !matches!(b, b'-' | b' '))
            .map(|b| b.to_ascii_uppercase())
            .collect();
        let code: [u8; LENGTH] = chars.try_into().ok()?;
        code.iter()
            .all(|c| ALPHABET.contains(c))
            .then_some(SessionCode(code))
    }
}

impl fmt::Display for SessionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = std::str::from_utf8(&self.0).map_err(|_| fmt::Error)?;
        write!(f, "{}-{}", &text[..3], &text[3..])
    }
}

impl fmt::Debug for SessionCode {
    // A code lets a consultant ask to join: keep it out of debug output by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionCode(…)")
    }
}

/// A live session's door and what the registry must know about it to let its client back in.
#[derive(Debug, Clone)]
pub struct Door {
    /// Where requests to join and returning clients are left.
    pub sender: mpsc::Sender<AtDoor>,
    /// The key the client logged in with (its fingerprint), if any: only that key may resume it.
    pub owner: Option<String>,
    /// Whether the client's connection dropped and the session waits for them.
    kept: Arc<AtomicBool>,
}

impl Door {
    /// Whether the session waits for its client to come back.
    pub fn is_kept(&self) -> bool {
        self.kept.load(Ordering::SeqCst)
    }
}

type Doors = Arc<Mutex<HashMap<SessionCode, Door>>>;

/// The codes of the sessions alive now with their doors, shared by all connections, and the
/// instances codes may name.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    live: Doors,
    instances: Arc<Instances>,
}

/// What a typed code leads to.
#[derive(Debug)]
pub enum Found {
    /// A live session of this instance: its code as shown, and its door.
    Here(NamedCode, Door),
    /// A code of another instance: where to connect.
    Elsewhere(Peer),
    /// No live session here has it (or it is no code).
    Nowhere,
}

/// A code held by a live session; dropping it frees the code.
#[derive(Debug)]
pub struct Held {
    code: NamedCode,
    kept: Arc<AtomicBool>,
    live: Doors,
}

impl Held {
    /// The code, as its client sees it.
    pub fn code(&self) -> &NamedCode {
        &self.code
    }

    /// Says whether the session now waits for its client (their connection dropped).
    pub fn set_kept(&self, kept: bool) {
        self.kept.store(kept, Ordering::SeqCst);
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        self.live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&self.code.code);
    }
}

impl Registry {
    /// An empty registry on the instance `instances` names.
    pub fn new(instances: Instances) -> Registry {
        Registry {
            live: Doors::default(),
            instances: Arc::new(instances),
        }
    }

    /// This instance and the others.
    pub fn instances(&self) -> &Instances {
        &self.instances
    }

    /// `code` as shown on this instance.
    fn named(&self, code: SessionCode) -> NamedCode {
        NamedCode {
            instance: self.instances.me().cloned(),
            code,
        }
    }

    fn doors(&self) -> std::sync::MutexGuard<'_, HashMap<SessionCode, Door>> {
        self.live
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A fresh code no live session has, for the session behind `sender` whose client logged in
    /// with `owner` (a key fingerprint) or no key; held until the returned guard is dropped.
    pub fn allocate(&self, sender: mpsc::Sender<AtDoor>, owner: Option<String>) -> Held {
        let mut live = self.doors();
        let code = std::iter::repeat_with(SessionCode::random)
            .find(|code| !live.contains_key(code))
            .unwrap_or_else(SessionCode::random);
        let kept = Arc::new(AtomicBool::new(false));
        let door = Door {
            sender,
            owner,
            kept: Arc::clone(&kept),
        };
        live.insert(code, door);
        Held {
            code: self.named(code),
            kept,
            live: Arc::clone(&self.live),
        }
    }

    /// The door of the session with this code, if it is alive.
    pub fn door(&self, code: SessionCode) -> Option<Door> {
        self.doors().get(&code).cloned()
    }

    /// Where `typed` (as a person typed it) leads: a live session here, another instance, nowhere.
    pub fn find(&self, typed: &str) -> Found {
        match self.instances.route(typed) {
            Route::Here(code) => match self.door(code) {
                Some(door) => Found::Here(self.named(code), door),
                None => Found::Nowhere,
            },
            Route::Elsewhere(peer) => Found::Elsewhere(peer),
            Route::Nowhere => Found::Nowhere,
        }
    }

    /// The code of a session kept for a client who logged in with key `owner`, if there is one.
    pub fn kept_for(&self, owner: &str) -> Option<NamedCode> {
        let code = self
            .doors()
            .iter()
            .find(|(_, door)| door.is_kept() && door.owner.as_deref() == Some(owner))
            .map(|(code, _)| *code)?;
        Some(self.named(code))
    }

    /// How many sessions hold a code now.
    pub fn len(&self) -> usize {
        self.doors().len()
    }

    /// Whether no session holds a code.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_characters_of_the_alphabet_written_with_a_dash() {
        for _ in 0..1000 {
            let shown = SessionCode::random().to_string();
            assert_eq!(shown.len(), 7, "{shown}");
            assert_eq!(&shown[3..4], "-");
            assert!(
                shown
                    .bytes()
                    .filter(|b| *b != b'-')
                    .all(|b| ALPHABET.contains(&b)),
                "{shown}"
            );
        }
    }

    #[test]
    fn a_code_is_read_back_with_or_without_dash_in_any_case() {
        let code = SessionCode::parse("K7Q-2MP").expect("a valid code");
        assert_eq!(code.to_string(), "K7Q-2MP");
        for typed in ["k7q2mp", "K7Q2MP", "k7q-2mp", " K7Q 2MP "] {
            assert_eq!(SessionCode::parse(typed), Some(code), "{typed}");
        }
        for wrong in [
            "",
            "K7Q-2M",
            "K7Q-2MPX",
            "K7Q-2M0",
            "O7Q-2MP",
            "K1Q-2MP",
            "あいうえおか",
        ] {
            assert_eq!(SessionCode::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn the_registry_never_hands_out_a_live_code_and_frees_it_on_drop() {
        let registry = Registry::default();
        let (door, _knocks) = mpsc::channel(1);
        let held: Vec<Held> = (0..2000)
            .map(|_| registry.allocate(door.clone(), None))
            .collect();
        let distinct: std::collections::HashSet<SessionCode> =
            held.iter().map(|h| h.code().code).collect();
        assert_eq!(distinct.len(), held.len());
        let first = held[0].code().code;
        assert!(registry.door(first).is_some());
        let (key_door, _returns) = mpsc::channel(1);
        let owned = registry.allocate(key_door, Some("SHA256:abc".into()));
        assert_eq!(
            registry.kept_for("SHA256:abc"),
            None,
            "not kept while connected"
        );
        owned.set_kept(true);
        assert_eq!(registry.kept_for("SHA256:abc").as_ref(), Some(owned.code()));
        assert_eq!(registry.kept_for("SHA256:other"), None);
        drop(owned);
        drop(held);
        assert!(
            registry.door(first).is_none(),
            "the code is freed with its session"
        );
        assert!(registry.is_empty());
    }

    #[test]
    fn a_named_instance_shows_its_name_in_front_and_finds_codes_typed_with_or_without_it() {
        let instances = Instances::new(
            Some("b".parse().expect("valid")),
            vec!["c=other.example:2203".parse().expect("valid")],
        )
        .expect("valid");
        let registry = Registry::new(instances);
        let (door, _knocks) = mpsc::channel(1);
        let held = registry.allocate(door, None);
        let shown = held.code().to_string();
        assert!(shown.starts_with("B-") && shown.len() == 9, "{shown}");
        let plain = held.code().code.to_string();
        for typed in [shown.clone(), shown.to_lowercase().replace('-', ""), plain] {
            assert!(
                matches!(registry.find(&typed), Found::Here(code, _) if code == *held.code()),
                "{typed}"
            );
        }
        let other = format!("C-{}", held.code().code);
        assert!(
            matches!(registry.find(&other), Found::Elsewhere(peer) if peer.name.to_string() == "C")
        );
        // Another instance's code leads there whether or not any session has it.
        assert!(matches!(registry.find("C-222-222"), Found::Elsewhere(_)));
        assert!(matches!(registry.find("D-222-222"), Found::Nowhere));
        drop(held);
        assert!(matches!(registry.find(&shown), Found::Nowhere));
    }

    #[test]
    fn debug_output_does_not_show_the_code() {
        let code = SessionCode::parse("K7Q2MP").expect("valid");
        assert!(!format!("{code:?}").contains("K7Q"));
    }
}
