//! Several instances behind one balancer: sessions and their codes live in one instance's memory, so
//! a consultant must reach the instance their client is on. With `--instance B` an instance's codes
//! carry its name in front (`B-K7Q-2MP`; without a name they stay `K7Q-2MP`), and `--peer
//! C=HOST:PORT` says where consultants reach another instance directly: a code of that instance,
//! typed at this console, is answered with where to connect. The answer depends on the name in front
//! only, never on whether a session has the code, so it tells nobody which codes exist.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::session_code::{ALPHABET, LENGTH, SessionCode};

/// The most characters an instance name has: the whole code stays short to read out.
pub const MAX_NAME: usize = 4;

/// An instance's name: 1 to [`MAX_NAME`] characters of the code alphabet (no 0/O, 1/I/L), kept in
/// capitals as the code is; typed in either case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstanceName(String);

impl FromStr for InstanceName {
    type Err = String;

    fn from_str(text: &str) -> Result<InstanceName, String> {
        let name = text.trim().to_ascii_uppercase();
        let fits =
            (1..=MAX_NAME).contains(&name.len()) && name.bytes().all(|b| ALPHABET.contains(&b));
        if fits {
            Ok(InstanceName(name))
        } else {
            Err(format!(
                "{text:?} is not an instance name: 1 to {MAX_NAME} letters or digits, without 0, 1, I, L or O (they are read out with the session code)"
            ))
        }
    }
}

impl fmt::Display for InstanceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A session's code as its client sees and reads it: the instance's name in front, if it has one.
#[derive(Clone, PartialEq, Eq)]
pub struct NamedCode {
    /// The instance the session is on, if instances are named.
    pub instance: Option<InstanceName>,
    /// The code proper.
    pub code: SessionCode,
}

impl fmt::Display for NamedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.instance {
            Some(name) => write!(f, "{name}-{}", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}

impl fmt::Debug for NamedCode {
    // Like the code itself: not in debug output by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NamedCode(…)")
    }
}

/// Where an instance is reached directly (`HOST:PORT`, a host name or address): by consultants
/// joining, and by clients resuming, whose new connection the balancer sent elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerAddress {
    /// The host, as consultants type it (an IPv6 address without its brackets).
    pub host: String,
    /// The instance's own port (the balancer's direct port for it).
    pub port: u16,
}

impl PeerAddress {
    /// The command a consultant runs to get there.
    pub fn ssh_command(&self) -> String {
        format!("ssh -p {} {}", self.port, self.host)
    }
}

/// Another instance, from `--peer NAME=HOST:PORT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    /// Its name, the front of its codes.
    pub name: InstanceName,
    /// Where consultants reach it.
    pub address: PeerAddress,
}

impl FromStr for Peer {
    type Err = String;

    fn from_str(text: &str) -> Result<Peer, String> {
        let expected =
            || format!("{text:?} is not NAME=HOST:PORT (e.g. C=consult.example.jp:2203)");
        let (name, address) = text.split_once('=').ok_or_else(expected)?;
        let (host, port) = address.rsplit_once(':').ok_or_else(expected)?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port = port.parse::<u16>().ok().filter(|p| *p > 0);
        let host_fits = !host.is_empty() && !host.contains(char::is_whitespace);
        let (Some(port), true) = (port, host_fits) else {
            return Err(expected());
        };
        Ok(Peer {
            name: name.parse()?,
            address: PeerAddress {
                host: host.to_string(),
                port,
            },
        })
    }
}

/// Where a typed code leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A code of this instance (or without a name): look it up here.
    Here(SessionCode),
    /// A code of another instance: the consultant must connect there.
    Elsewhere(Peer),
    /// Not a code, or of an instance nobody configured.
    Nowhere,
}

/// This instance's name and the other instances', shared by all connections.
#[derive(Debug, Clone, Default)]
pub struct Instances {
    me: Option<InstanceName>,
    peers: BTreeMap<InstanceName, PeerAddress>,
}

impl Instances {
    /// This instance (`--instance`) among `peers` (`--peer`; one naming this instance is left out,
    /// so every instance can be given the same list). Two peers of one name are an error.
    pub fn new(me: Option<InstanceName>, peers: Vec<Peer>) -> Result<Instances, String> {
        let mut known = BTreeMap::new();
        for peer in peers {
            if me.as_ref() == Some(&peer.name) {
                continue;
            }
            if known.insert(peer.name.clone(), peer.address).is_some() {
                return Err(format!("--peer {} is given twice", peer.name));
            }
        }
        Ok(Instances { me, peers: known })
    }

    /// This instance's name, if it has one.
    pub fn me(&self) -> Option<&InstanceName> {
        self.me.as_ref()
    }

    /// The other instances consultants can be sent to.
    pub fn peers(&self) -> impl Iterator<Item = Peer> + '_ {
        self.peers.iter().map(|(name, address)| Peer {
            name: name.clone(),
            address: address.clone(),
        })
    }

    /// Where a code, as a person typed it, leads: the last six characters are the code (dashes and
    /// spaces optional, either case), anything before them the instance's name.
    pub fn route(&self, typed: &str) -> Route {
        let chars: String = typed.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        let Some(split) = chars.len().checked_sub(LENGTH) else {
            return Route::Nowhere;
        };
        let Some((front, code)) = chars.split_at_checked(split) else {
            return Route::Nowhere;
        };
        let Some(code) = SessionCode::parse(code) else {
            return Route::Nowhere;
        };
        if front.is_empty() {
            return Route::Here(code);
        }
        let Ok(name) = front.parse::<InstanceName>() else {
            return Route::Nowhere;
        };
        if self.me.as_ref() == Some(&name) {
            return Route::Here(code);
        }
        match self.peers.get(&name) {
            Some(address) => Route::Elsewhere(Peer {
                name,
                address: address.clone(),
            }),
            None => Route::Nowhere,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(text: &str) -> Peer {
        text.parse().expect("a valid peer")
    }

    #[test]
    fn names_are_short_in_the_code_alphabet_and_kept_in_capitals() {
        for (typed, kept) in [("b", "B"), ("K2", "K2"), (" tk3 ", "TK3"), ("abcd", "ABCD")] {
            assert_eq!(
                typed.parse::<InstanceName>().map(|n| n.to_string()),
                Ok(kept.into())
            );
        }
        for wrong in ["", "abcde", "l", "o", "b1", "b-c", "б", "a b"] {
            assert!(wrong.parse::<InstanceName>().is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn a_named_code_shows_its_instance_in_front_and_an_unnamed_one_as_before() {
        let code = SessionCode::parse("K7Q2MP").expect("valid");
        let named = NamedCode {
            instance: Some("b".parse().expect("valid")),
            code,
        };
        assert_eq!(named.to_string(), "B-K7Q-2MP");
        let plain = NamedCode {
            instance: None,
            code,
        };
        assert_eq!(plain.to_string(), "K7Q-2MP");
        assert!(!format!("{named:?}").contains("K7Q"));
    }

    #[test]
    fn peers_are_name_host_and_port() {
        let c = peer("c=consult.example.jp:2203");
        assert_eq!(c.name.to_string(), "C");
        assert_eq!(c.address.ssh_command(), "ssh -p 2203 consult.example.jp");
        assert_eq!(peer("D=[::1]:2204").address.host, "::1");
        for wrong in [
            "c",
            "c=host",
            "c=host:",
            "c=:22",
            "c=host:0",
            "c=host:99999",
            "l=host:22",
            "c=a b:22",
        ] {
            assert!(wrong.parse::<Peer>().is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn codes_lead_here_to_a_peer_or_nowhere_by_their_name_alone() {
        let instances = Instances::new(
            Some("b".parse().expect("valid")),
            vec![peer("b=self.example:2202"), peer("c=other.example:2203")],
        )
        .expect("valid");
        let code = SessionCode::parse("K7Q2MP").expect("valid");
        for here in ["B-K7Q-2MP", "bk7q2mp", "b k7q 2mp", "K7Q-2MP", "k7q2mp"] {
            assert_eq!(instances.route(here), Route::Here(code), "{here}");
        }
        for elsewhere in ["C-K7Q-2MP", "ck7q2mp", "C-22Z-ZZZ"] {
            let Route::Elsewhere(peer) = instances.route(elsewhere) else {
                panic!("{elsewhere} leads to C");
            };
            assert_eq!(peer.address.host, "other.example", "{elsewhere}");
        }
        for nowhere in [
            "",
            "K7Q-2M",
            "D-K7Q-2MP",
            "BC-K7Q-2MP",
            "ABCDE-K7Q-2MP",
            "B-K7Q-2M0",
            "あ-K7Q-2MP",
        ] {
            assert_eq!(instances.route(nowhere), Route::Nowhere, "{nowhere}");
        }
        assert_eq!(instances.peers().count(), 1, "this instance is left out");
        let twice = Instances::new(None, vec![peer("c=a:1"), peer("C=b:2")]);
        assert!(twice.is_err());
    }

    #[test]
    fn without_names_codes_are_as_before() {
        let instances = Instances::default();
        let code = SessionCode::parse("K7Q2MP").expect("valid");
        assert_eq!(instances.route("k7q-2mp"), Route::Here(code));
        assert_eq!(instances.route("B-K7Q-2MP"), Route::Nowhere);
    }
}
