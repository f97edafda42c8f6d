//! Everything `kouteki serve` is configured with, as plain data shared read-only by all connections.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;
use russh::keys::{PrivateKey, PublicKey};

use super::access::{AccessCode, ConsultantKey};
use super::limits::Caps;
use super::throttle::ThrottleSettings;
use kouteki_core::content::Content;

/// Who may log in.
#[derive(Debug, Clone, Default)]
pub struct AuthPolicy {
    /// Keys from `--authorized-keys`.
    pub keys: Vec<PublicKey>,
    /// The access code, if any (password or keyboard-interactive).
    pub code: Option<AccessCode>,
    /// `--allow-anonymous`: anyone may connect.
    pub anonymous: bool,
    /// Keys from `--consultant-keys`: these get the consultant console, never an interview.
    pub consultants: Vec<ConsultantKey>,
}

impl AuthPolicy {
    /// Whether any way in is configured (the server refuses to start otherwise).
    pub fn is_configured(&self) -> bool {
        !self.keys.is_empty() || self.code.is_some() || self.anonymous
    }
}

/// Time limits, with the defaults of `kouteki serve --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Time to authenticate after connecting.
    pub login_grace: Duration,
    /// A session ends after this long without input.
    pub idle: Duration,
    /// A session ends after this long in all.
    pub max_session: Duration,
    /// Keepalive interval (the connection ends after 3 unanswered).
    pub keepalive: Duration,
    /// Delay after a failed authentication attempt.
    pub auth_failure_delay: Duration,
    /// How long a client has to answer a consultant's request to join.
    pub join_answer: Duration,
    /// How long a wrong session code takes to be told.
    pub wrong_code_delay: Duration,
    /// How long a session is kept in memory after its client's connection dropped (zero: not).
    pub resume_grace: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            login_grace: Duration::from_secs(30),
            idle: Duration::from_secs(30 * 60),
            max_session: Duration::from_secs(4 * 60 * 60),
            keepalive: Duration::from_secs(30),
            auth_failure_delay: Duration::from_secs(1),
            join_answer: Duration::from_secs(60),
            wrong_code_delay: Duration::from_secs(1),
            resume_grace: Duration::from_secs(10 * 60),
        }
    }
}

/// The whole server configuration.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The content every session runs on.
    pub content: Arc<Content>,
    /// The host key.
    pub host_key: PrivateKey,
    /// Who may log in.
    pub auth: AuthPolicy,
    /// Admission caps.
    pub caps: Caps,
    /// Per-address connection rate and the penalty for wrong access codes.
    pub throttle: ThrottleSettings,
    /// `--proxy-protocol`: the trusted proxies whose PROXY header says who the client is.
    pub proxy: Option<super::proxy::ProxyProtocol>,
    /// `--instance` and `--peer`: the name this instance's codes carry, and where consultants reach
    /// the other instances.
    pub instances: super::instance::Instances,
    /// The most authentication attempts per connection.
    pub max_auth_attempts: usize,
    /// Time limits.
    pub timeouts: Timeouts,
    /// Where finished sessions are recorded, with the client's consent.
    pub record_dir: Option<PathBuf>,
    /// A fixed evaluation date (tests); `None` means today in Japan at session start.
    pub as_of: Option<Date>,
}

/// Wrong session codes in a row before a consultant console is disconnected.
pub const WRONG_CODE_STRIKES: usize = 5;

/// The largest terminal a client may claim; bigger sizes are clamped (a 100000×100000 window would
/// otherwise make every frame enormous).
pub const MAX_COLS: u32 = 500;
/// See [`MAX_COLS`].
pub const MAX_ROWS: u32 = 200;

/// The most cells a session's screen has, whatever window its client claims. Each participant's
/// ratatui terminal holds two buffers of this many cells (the frame drawn and the one before), and
/// a frame's bytes grow with it: the budget is what bounds a session's memory (64 sessions at the
/// largest window under 300 MB, `scripts/measure_window_memory.sh`). 20,000 cells is 200×100 or
/// 250×80: more than any interview screen needs. A bigger window is drawn in its top-left corner,
/// scaled down in both directions alike.
pub const CELL_BUDGET: u32 = 20_000;

/// A client's terminal size, clamped to 1..=500 × 1..=200 and to [`CELL_BUDGET`] cells (0 means
/// unknown: 80×24).
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let cols = if cols == 0 { 80 } else { cols.min(MAX_COLS) };
    let rows = if rows == 0 { 24 } else { rows.min(MAX_ROWS) };
    let (cols, rows) = within_budget(cols, rows);
    (cols as u16, rows as u16)
}

/// Scales `cols`×`rows` down, keeping its shape, until it has at most [`CELL_BUDGET`] cells.
fn within_budget(cols: u32, rows: u32) -> (u32, u32) {
    if cols * rows <= CELL_BUDGET {
        return (cols, rows);
    }
    let scale = (f64::from(CELL_BUDGET) / f64::from(cols * rows)).sqrt();
    let cols = ((f64::from(cols) * scale) as u32).max(1);
    let rows = (CELL_BUDGET / cols)
        .min((f64::from(rows) * scale).ceil() as u32)
        .max(1);
    (cols, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped_to_the_limits_and_the_cell_budget() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(100, 32), (100, 32));
        assert_eq!(clamp_size(200, 100), (200, 100), "exactly the budget");
        let (cols, rows) = clamp_size(500, 200);
        assert!(
            u32::from(cols) * u32::from(rows) <= CELL_BUDGET,
            "{cols}×{rows}"
        );
        assert!(
            (220..=224).contains(&cols) && (88..=90).contains(&rows),
            "{cols}×{rows}"
        );
        let (cols, rows) = clamp_size(100_000, 100_000);
        assert_eq!((cols, rows), clamp_size(500, 200));
        // A very wide, short window stays wide.
        let (cols, rows) = clamp_size(500, 45);
        assert!(
            cols > 400 && u32::from(cols) * u32::from(rows) <= CELL_BUDGET,
            "{cols}×{rows}"
        );
    }

    #[test]
    fn the_budget_bounds_a_terminals_two_buffers() {
        let cell = size_of::<ratatui::buffer::Cell>();
        let bytes = 2 * CELL_BUDGET as usize * cell;
        assert!(bytes <= 4 << 20, "{bytes} bytes of cells ({cell} a cell)");
    }
}
