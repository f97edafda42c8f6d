//! Admission control: how many connections may be unauthenticated, how many sessions may run in all
//! and from one address. Counts are held by permits that give their place back when dropped, so a
//! session that ends in any way (quit, disconnect, panic) frees its slot.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// The numbers the gate enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Sessions at once, in all.
    pub sessions: usize,
    /// Connections that have not authenticated yet.
    pub unauthenticated: usize,
    /// Sessions at once from one IP address.
    pub per_ip: usize,
}

/// Why a connection or session was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Too many connections are still logging in.
    Unauthenticated,
    /// Every session slot is taken.
    Sessions,
    /// This address already has its share of sessions.
    PerIp,
}

#[derive(Debug, Default)]
struct Counts {
    unauthenticated: usize,
    sessions: usize,
    per_ip: HashMap<IpAddr, usize>,
}

/// Shared counters behind the permits.
#[derive(Debug, Clone)]
pub struct Gate {
    caps: Caps,
    counts: Arc<Mutex<Counts>>,
}

/// What a permit holds a place for.
#[derive(Debug)]
enum Place {
    Unauthenticated,
    Session(IpAddr),
}

/// A held place; dropping it gives the place back.
#[derive(Debug)]
pub struct Permit {
    gate: Gate,
    place: Place,
}

impl Gate {
    /// A gate with these caps and nothing admitted.
    pub fn new(caps: Caps) -> Gate {
        Gate {
            caps,
            counts: Arc::default(),
        }
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Admits a new, not yet authenticated connection.
    pub fn connection(&self) -> Result<Permit, Refusal> {
        let mut counts = self.counts();
        if counts.unauthenticated >= self.caps.unauthenticated {
            return Err(Refusal::Unauthenticated);
        }
        counts.unauthenticated += 1;
        Ok(Permit {
            gate: self.clone(),
            place: Place::Unauthenticated,
        })
    }

    /// Admits a session from `ip`.
    pub fn session(&self, ip: IpAddr) -> Result<Permit, Refusal> {
        let mut counts = self.counts();
        if counts.sessions >= self.caps.sessions {
            return Err(Refusal::Sessions);
        }
        let from_ip = counts.per_ip.entry(ip).or_default();
        if *from_ip >= self.caps.per_ip {
            return Err(Refusal::PerIp);
        }
        *from_ip += 1;
        counts.sessions += 1;
        Ok(Permit {
            gate: self.clone(),
            place: Place::Session(ip),
        })
    }

    /// Sessions running now.
    pub fn sessions(&self) -> usize {
        self.counts().sessions
    }

    /// Connections not yet authenticated now.
    pub fn unauthenticated(&self) -> usize {
        self.counts().unauthenticated
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut counts = self.gate.counts();
        match self.place {
            Place::Unauthenticated => counts.unauthenticated -= 1,
            Place::Session(ip) => {
                counts.sessions -= 1;
                if let Some(n) = counts.per_ip.get_mut(&ip) {
                    *n -= 1;
                    if *n == 0 {
                        counts.per_ip.remove(&ip);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_count_and_give_back_their_places() {
        let gate = Gate::new(Caps {
            sessions: 3,
            unauthenticated: 1,
            per_ip: 2,
        });
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        let c1 = gate.connection().unwrap();
        assert_eq!(gate.connection().unwrap_err(), Refusal::Unauthenticated);
        drop(c1);
        let _c2 = gate.connection().unwrap();
        let s1 = gate.session(a).unwrap();
        let _s2 = gate.session(a).unwrap();
        assert_eq!(gate.session(a).unwrap_err(), Refusal::PerIp);
        let _s3 = gate.session(b).unwrap();
        assert_eq!(gate.session(b).unwrap_err(), Refusal::Sessions);
        drop(s1);
        assert_eq!(gate.sessions(), 2);
        let _s4 = gate.session(b).unwrap();
        assert_eq!(gate.sessions(), 3);
    }
}
