//! Per-source throttling, checked in the accept loop before any SSH work: a token bucket per IP
//! address on new connections (ssh-audit's DHEat test, CVE-2002-20001, wants under 20 a second
//! from one source), and a penalty for an address that keeps giving wrong access codes (as
//! OpenSSH's `PerSourcePenalties`): it is refused for a while. A refused connection is closed
//! before the server sends its banner, so it costs no key exchange.
//!
//! The table of addresses is pruned of those with nothing to remember, and holds at most
//! [`MAX_SOURCES`]: past that, an address it cannot make room for is refused (a flood of fresh
//! addresses cannot grow memory).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Addresses remembered at most.
pub const MAX_SOURCES: usize = 65_536;

/// One log line at most this often per refused address (a flood must not flood the log too).
pub const LOG_EVERY: Duration = Duration::from_secs(1);

/// The numbers the throttle enforces (`kouteki serve --rate-per-ip`, `--burst-per-ip`,
/// `--penalty-after`, `--penalty`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThrottleSettings {
    /// New connections a second from one address, in the long run.
    pub rate: f64,
    /// New connections one address may open at once before the rate applies.
    pub burst: u32,
    /// Wrong access codes from one address (within one [`ThrottleSettings::penalty`]) that start
    /// a penalty; 0 turns penalties off.
    pub penalty_after: u32,
    /// How long a penalised address is refused.
    pub penalty: Duration,
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        ThrottleSettings {
            rate: 10.0,
            burst: 5,
            penalty_after: 10,
            penalty: Duration::from_secs(60),
        }
    }
}

/// A refused connection: why, and whether to log it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// The limit.
    pub why: Throttled,
    /// Connections refused from this address since the last logged line, this one included;
    /// `None`: not to be logged (one line per address per [`LOG_EVERY`]).
    pub log: Option<u64>,
}

/// Why a new connection was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttled {
    /// The address opens connections faster than the rate.
    Rate,
    /// The address is serving a penalty for wrong access codes.
    Penalty,
    /// The table of addresses is full.
    Sources,
}

impl Throttled {
    /// The limit's name in the log line.
    pub fn limit(self) -> &'static str {
        match self {
            Throttled::Rate => "connection rate per address",
            Throttled::Penalty => "penalty for failed authentications",
            Throttled::Sources => "addresses tracked",
        }
    }
}

/// What is remembered of one address.
#[derive(Debug, Clone, Copy)]
struct Source {
    tokens: f64,
    refilled: Instant,
    failures: u32,
    first_failure: Option<Instant>,
    refused_until: Option<Instant>,
    /// Refusals not logged yet, and when the last line was.
    unlogged: u64,
    logged: Option<Instant>,
}

impl Source {
    fn refuse(&mut self, why: Throttled, now: Instant) -> Refused {
        self.unlogged += 1;
        let due = self
            .logged
            .is_none_or(|at| now.saturating_duration_since(at) >= LOG_EVERY);
        if !due {
            return Refused { why, log: None };
        }
        let count = std::mem::take(&mut self.unlogged);
        self.logged = Some(now);
        Refused {
            why,
            log: Some(count),
        }
    }
}

/// The per-address table; one for the server.
#[derive(Debug)]
pub struct Throttle {
    settings: ThrottleSettings,
    sources: Mutex<HashMap<IpAddr, Source>>,
}

impl Throttle {
    /// A throttle that remembers nobody yet.
    pub fn new(settings: ThrottleSettings) -> Throttle {
        Throttle {
            settings,
            sources: Mutex::default(),
        }
    }

    fn sources(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Source>> {
        self.sources
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether a new connection from `ip` may go on to the SSH handshake (it takes a token).
    pub fn admit(&self, ip: IpAddr, now: Instant) -> Result<(), Refused> {
        let mut sources = self.sources();
        if !sources.contains_key(&ip) && sources.len() >= MAX_SOURCES {
            sources.retain(|_, source| !self.forgettable(source, now));
            if sources.len() >= MAX_SOURCES {
                return Err(Refused {
                    why: Throttled::Sources,
                    log: Some(1),
                });
            }
        }
        let burst = f64::from(self.settings.burst.max(1));
        let source = sources.entry(ip).or_insert(Source {
            tokens: burst,
            refilled: now,
            failures: 0,
            first_failure: None,
            refused_until: None,
            unlogged: 0,
            logged: None,
        });
        if source.refused_until.is_some_and(|until| now < until) {
            return Err(source.refuse(Throttled::Penalty, now));
        }
        let elapsed = now.saturating_duration_since(source.refilled).as_secs_f64();
        source.tokens = (source.tokens + elapsed * self.settings.rate).min(burst);
        source.refilled = now;
        if source.tokens < 1.0 {
            return Err(source.refuse(Throttled::Rate, now));
        }
        source.tokens -= 1.0;
        Ok(())
    }

    /// Counts a wrong access code from `ip`; true when this one starts a penalty.
    pub fn failed(&self, ip: IpAddr, now: Instant) -> bool {
        let settings = self.settings;
        if settings.penalty_after == 0 {
            return false;
        }
        let mut sources = self.sources();
        let Some(source) = sources.get_mut(&ip) else {
            return false; // not admitted through this throttle
        };
        if source
            .first_failure
            .is_none_or(|first| now.saturating_duration_since(first) > settings.penalty)
        {
            source.failures = 0;
            source.first_failure = Some(now);
        }
        source.failures += 1;
        if source.failures < settings.penalty_after {
            return false;
        }
        source.failures = 0;
        source.first_failure = None;
        source.refused_until = Some(now + settings.penalty);
        true
    }

    /// Whether `source` holds nothing worth keeping: a full bucket, no penalty, no recent failure.
    fn forgettable(&self, source: &Source, now: Instant) -> bool {
        let refill =
            now.saturating_duration_since(source.refilled).as_secs_f64() * self.settings.rate;
        let full = source.tokens + refill >= f64::from(self.settings.burst.max(1));
        let penalised = source.refused_until.is_some_and(|until| now < until);
        let failing = source
            .first_failure
            .is_some_and(|first| now.saturating_duration_since(first) <= self.settings.penalty);
        full && !penalised && !failing
    }

    /// Forgets the addresses with nothing to remember (called now and then by the accept loop).
    pub fn prune(&self, now: Instant) {
        self.sources()
            .retain(|_, source| !self.forgettable(source, now));
    }

    /// Addresses remembered now.
    pub fn tracked(&self) -> usize {
        self.sources().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 2));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 3));

    /// Why `admit` refused, or `Ok`.
    fn admit(throttle: &Throttle, ip: IpAddr, now: Instant) -> Result<(), Throttled> {
        throttle.admit(ip, now).map_err(|refused| refused.why)
    }

    fn throttle() -> Throttle {
        Throttle::new(ThrottleSettings {
            rate: 2.0,
            burst: 3,
            penalty_after: 3,
            penalty: Duration::from_secs(10),
        })
    }

    #[test]
    fn a_burst_then_the_rate_per_address() {
        let throttle = throttle();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(admit(&throttle, A, t0), Ok(()));
        }
        assert_eq!(admit(&throttle, A, t0), Err(Throttled::Rate));
        assert_eq!(
            admit(&throttle, B, t0),
            Ok(()),
            "another address has its own bucket"
        );
        // 2 a second: one token after 0.5 s, not before.
        assert_eq!(
            admit(&throttle, A, t0 + Duration::from_millis(400)),
            Err(Throttled::Rate)
        );
        assert_eq!(admit(&throttle, A, t0 + Duration::from_millis(900)), Ok(()));
        assert_eq!(
            admit(&throttle, A, t0 + Duration::from_millis(900)),
            Err(Throttled::Rate)
        );
        // Never more than the burst, however long the address stayed away.
        let later = t0 + Duration::from_secs(60);
        for _ in 0..3 {
            assert_eq!(admit(&throttle, A, later), Ok(()));
        }
        assert_eq!(admit(&throttle, A, later), Err(Throttled::Rate));
    }

    #[test]
    fn failures_start_a_penalty_that_ends() {
        let throttle = throttle();
        let t0 = Instant::now();
        admit(&throttle, A, t0).unwrap();
        admit(&throttle, B, t0).unwrap();
        assert!(!throttle.failed(A, t0));
        assert!(!throttle.failed(A, t0));
        assert!(
            throttle.failed(A, t0 + Duration::from_secs(1)),
            "the third starts it"
        );
        let t1 = t0 + Duration::from_secs(5);
        assert_eq!(admit(&throttle, A, t1), Err(Throttled::Penalty));
        assert_eq!(admit(&throttle, B, t1), Ok(()), "only the failing address");
        assert_eq!(
            admit(&throttle, A, t0 + Duration::from_secs(12)),
            Ok(()),
            "over"
        );
    }

    #[test]
    fn refusals_are_logged_once_a_second_with_their_count() {
        let throttle = throttle();
        let t0 = Instant::now();
        for _ in 0..3 {
            throttle.admit(A, t0).unwrap();
        }
        let logs: Vec<Option<u64>> = (0..4)
            .map(|_| throttle.admit(A, t0).unwrap_err().log)
            .collect();
        assert_eq!(logs, [Some(1), None, None, None]);
        let later = t0 + Duration::from_millis(1100);
        for _ in 0..2 {
            let _ = throttle.admit(A, later); // the refilled tokens
        }
        assert_eq!(throttle.admit(A, later).unwrap_err().log, Some(4));
    }

    #[test]
    fn failures_far_apart_do_not_add_up() {
        let throttle = throttle();
        let t0 = Instant::now();
        admit(&throttle, A, t0).unwrap();
        for i in 0..6 {
            assert!(!throttle.failed(A, t0 + Duration::from_secs(6 * i)));
        }
    }

    #[test]
    fn pruning_forgets_only_addresses_with_nothing_to_remember() {
        let throttle = throttle();
        let t0 = Instant::now();
        admit(&throttle, A, t0).unwrap();
        admit(&throttle, B, t0).unwrap();
        throttle.failed(B, t0);
        throttle.prune(t0 + Duration::from_secs(5));
        assert_eq!(throttle.tracked(), 1, "B failed recently");
        throttle.prune(t0 + Duration::from_secs(11));
        assert_eq!(throttle.tracked(), 0);
    }
}
