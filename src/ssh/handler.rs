//! One connection: authentication, the one session channel, and forwarding the client's input and
//! window changes to its session task. Everything but an interactive shell with a pty is refused.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use russh::keys::{HashAlg, PublicKey};
use russh::server::{
    Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Response, Session, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};
use tokio::sync::{mpsc, watch};

use super::access::{consultant_for, is_authorized};
use super::attachment::{Attachment, ClientTerminal};
use super::console::{self, ConsoleSetup};
use super::limits::{Gate, Permit, Refusal};
use super::output::Output;
use super::session::{self, SessionSetup};
use super::session_code::Registry;
use super::settings::{ServeSettings, WRONG_CODE_STRIKES, clamp_size};
use crate::strings::ssh as words;
use kouteki_core::lang::Lang;

/// What every connection shares, read-only.
#[derive(Debug)]
pub struct Shared {
    /// The configuration.
    pub settings: ServeSettings,
    /// Admission counters.
    pub gate: Gate,
    /// Becomes true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    /// Live sessions by code, where consultants ask to join.
    pub registry: Registry,
    /// Per-address connection rate and penalties.
    pub throttle: super::throttle::Throttle,
}

/// Input reads queued for a session beyond this are dropped (a flood of input cannot grow memory).
const EVENT_QUEUE: usize = 256;

/// The locale variables a client sent, kept apart so precedence does not depend on their order.
#[derive(Debug, Clone, Default)]
struct Locale {
    lc_all: Option<String>,
    lc_messages: Option<String>,
    lang: Option<String>,
}

impl Locale {
    /// Records `LC_ALL`, `LC_MESSAGES` or `LANG`; other `LC_*` (e.g. macOS's `LC_CTYPE=UTF-8`) say
    /// nothing about the language of messages and are ignored.
    fn set(&mut self, name: &str, value: &str) {
        let slot = match name {
            "LC_ALL" => &mut self.lc_all,
            "LC_MESSAGES" => &mut self.lc_messages,
            "LANG" => &mut self.lang,
            _ => return,
        };
        *slot = Some(value.to_string()).filter(|v| !v.is_empty());
    }

    /// The interface language: LC_ALL, else LC_MESSAGES, else LANG (POSIX precedence); Japanese
    /// when that starts with `ja`.
    fn lang(&self) -> Lang {
        let value = self
            .lc_all
            .as_ref()
            .or(self.lc_messages.as_ref())
            .or(self.lang.as_ref());
        if value.is_some_and(|v| v.starts_with("ja")) {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

/// The handler of one connection.
pub struct Connection {
    shared: Arc<Shared>,
    id: u64,
    peer: SocketAddr,
    login: Option<Permit>,
    admitted: Arc<AtomicBool>,
    channel: Option<ChannelId>,
    pty: Option<(u16, u16)>,
    locale: Locale,
    input: Option<mpsc::Sender<Vec<u8>>>,
    terminal: Option<watch::Sender<ClientTerminal>>,
    /// The consultant's name, when a `--consultant-keys` key authenticated the connection.
    consultant: Option<String>,
    /// The fingerprint of the client key that authenticated the connection (to resume by key).
    owner: Option<String>,
}

impl Connection {
    /// A connection holding an unauthenticated place (`login`), given back on authentication;
    /// `admitted` becomes true when its session starts (the login grace watchdog reads it).
    pub fn new(
        shared: Arc<Shared>,
        id: u64,
        peer: SocketAddr,
        login: Permit,
        admitted: Arc<AtomicBool>,
    ) -> Connection {
        Connection {
            shared,
            id,
            peer,
            login: Some(login),
            admitted,
            channel: None,
            pty: None,
            locale: Locale::default(),
            input: None,
            terminal: None,
            consultant: None,
            owner: None,
        }
    }

    fn accept(&mut self, method: &str) -> Auth {
        tracing::info!(conn = self.id, peer = %self.peer, method, "auth accepted");
        Auth::Accept
    }

    fn reject(&mut self, method: &str) -> Auth {
        tracing::info!(conn = self.id, peer = %self.peer, method, "auth rejected");
        Auth::reject()
    }

    /// A wrong access code: rejected, and counted against the address (enough of them and it is
    /// refused for a while). Keys are not counted: they cannot be guessed.
    fn reject_code(&mut self, method: &str) -> Auth {
        let throttle = &self.shared.throttle;
        if throttle.failed(self.peer.ip(), std::time::Instant::now()) {
            let penalty = self.shared.settings.throttle.penalty;
            tracing::warn!(
                conn = self.id,
                peer = %self.peer,
                limit = super::throttle::Throttled::Penalty.limit(),
                seconds = penalty.as_secs(),
                "limit reached: the address is refused for a while"
            );
        }
        self.reject(method)
    }

    fn code_matches(&self, attempt: &str) -> bool {
        self.shared
            .settings
            .auth
            .code
            .as_ref()
            .is_some_and(|code| code.matches(attempt))
    }

    fn key_allowed(&self, key: &PublicKey) -> bool {
        is_authorized(&self.shared.settings.auth.keys, key) || self.consultant_named(key).is_some()
    }

    fn consultant_named(&self, key: &PublicKey) -> Option<String> {
        consultant_for(&self.shared.settings.auth.consultants, key).map(str::to_string)
    }

    /// Tells the client why, in one line ending in `\r\n`, and closes the channel with status 1.
    fn refuse(
        &self,
        channel: ChannelId,
        session: &mut Session,
        line: &str,
    ) -> Result<(), russh::Error> {
        session.data(channel, format!("{line}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    /// Updates the client's terminal state for the session (the latest value always wins).
    fn update_terminal(&self, change: impl FnOnce(&mut ClientTerminal)) {
        if let Some(terminal) = &self.terminal {
            terminal.send_modify(change);
        }
    }

    /// The connection's side of a screen: its input and terminal state feed the returned
    /// attachment; its output starts here.
    fn attach(&mut self, channel: ChannelId, size: (u16, u16), session: &Session) -> Attachment {
        let (input, bytes) = mpsc::channel(EVENT_QUEUE);
        let (state, terminal) = watch::channel(ClientTerminal { size, open: true });
        self.input = Some(input);
        self.terminal = Some(state);
        let handle = session.handle();
        Attachment {
            bytes,
            terminal,
            output: Output::start(handle.clone(), channel),
            handle,
            channel,
            lang: self.locale.lang(),
            conn: self.id,
        }
    }

    fn start_session(&mut self, attachment: Attachment, permit: Permit) {
        let settings = &self.shared.settings;
        let setup = SessionSetup {
            content: Arc::clone(&settings.content),
            record_dir: settings.record_dir.clone(),
            as_of: settings
                .as_of
                .unwrap_or_else(crate::io::clock::today_in_japan),
            idle: settings.timeouts.idle,
            max_length: settings.timeouts.max_session,
            join_answer: settings.timeouts.join_answer,
            grace: settings.timeouts.resume_grace,
            wrong_code_delay: settings.timeouts.wrong_code_delay,
            shutdown: self.shared.shutdown.clone(),
            registry: self.shared.registry.clone(),
            kept: self
                .owner
                .as_deref()
                .and_then(|owner| self.shared.registry.kept_for(owner)),
            owner: self.owner.clone(),
        };
        let (id, peer) = (self.id, self.peer);
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            tracing::info!(conn = id, peer = %peer, "session start");
            // A panic in the session ends this session only: it is a task of its own.
            let result = tokio::spawn(session::run(setup, attachment)).await;
            let reason = match result {
                Ok(end) => end.as_str(),
                Err(_) => "session task failed",
            };
            tracing::info!(conn = id, peer = %peer, duration_s = started.elapsed().as_secs(), reason, "session end");
            drop(permit);
        });
    }

    fn start_console(&mut self, name: String, attachment: Attachment, permit: Permit) {
        let setup = ConsoleSetup {
            name,
            registry: self.shared.registry.clone(),
            strikes: WRONG_CODE_STRIKES,
            wrong_code_delay: self.shared.settings.timeouts.wrong_code_delay,
            shutdown: self.shared.shutdown.clone(),
            peer: self.peer,
        };
        let (id, peer) = (self.id, self.peer);
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            tracing::info!(conn = id, peer = %peer, consultant = %setup.name, "console start");
            let result = tokio::spawn(console::run(setup, attachment)).await;
            let reason = match result {
                Ok(end) => end.as_str(),
                Err(_) => "console task failed",
            };
            tracing::info!(conn = id, peer = %peer, duration_s = started.elapsed().as_secs(), reason, "console end");
            drop(permit);
        });
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        let auth = &self.shared.settings.auth;
        Ok(if auth.anonymous && auth.consultants.is_empty() {
            self.accept("none")
        } else {
            Auth::reject()
        })
    }

    async fn auth_password(&mut self, _user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(if self.code_matches(password) {
            self.accept("password")
        } else {
            self.reject_code("password")
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.key_allowed(offer.public_key) {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // A consultant's key is looked up first: it opens the console, never an interview.
        if let Some(name) = self.consultant_named(key.public_key) {
            self.consultant = Some(name);
            return Ok(self.accept("publickey (consultant)"));
        }
        Ok(if self.key_allowed(key.public_key) {
            self.owner = Some(key.public_key.fingerprint(HashAlg::Sha256).to_string());
            self.accept("publickey")
        } else {
            self.reject("publickey")
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let auth = &self.shared.settings.auth;
        if auth.code.is_none() {
            // Anonymous access beside consultant keys (see `russh_config`): in without a prompt.
            return Ok(if auth.anonymous {
                self.accept("keyboard-interactive (anonymous)")
            } else {
                Auth::reject()
            });
        }
        let Some(mut response) = response else {
            return Ok(Auth::Partial {
                name: Cow::Borrowed("kouteki"),
                instructions: Cow::Borrowed(words::CODE_INSTRUCTIONS),
                prompts: Cow::Owned(vec![(Cow::Borrowed(words::CODE_PROMPT), false)]),
            });
        };
        let attempt = response
            .next()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        Ok(if self.code_matches(&attempt) {
            self.accept("keyboard-interactive")
        } else {
            self.reject_code("keyboard-interactive")
        })
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.login = None;
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pw: u32,
        _ph: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.pty = Some(clamp_size(cols, rows));
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        _channel: ChannelId,
        name: &str,
        value: &str,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.locale.set(name, value);
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || self.input.is_some() {
            return session.channel_failure(channel);
        }
        let Some(size) = self.pty else {
            tracing::info!(conn = self.id, peer = %self.peer, "refused: no pty");
            session.channel_success(channel)?;
            return self.refuse(channel, session, words::NEEDS_PTY);
        };
        match self.shared.gate.session(self.peer.ip()) {
            Ok(permit) => {
                self.admitted.store(true, Ordering::Relaxed);
                session.channel_success(channel)?;
                let attachment = self.attach(channel, size, session);
                match self.consultant.clone() {
                    Some(name) => self.start_console(name, attachment, permit),
                    None => self.start_session(attachment, permit),
                }
                Ok(())
            }
            Err(refusal) => {
                let (what, line) = match refusal {
                    Refusal::PerIp => ("per-address session limit", words::FULL_PER_ADDRESS),
                    _ => ("session limit", words::FULL),
                };
                tracing::warn!(conn = self.id, peer = %self.peer, limit = what, "refused: limit reached");
                session.channel_success(channel)?;
                self.refuse(channel, session, line)
            }
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(conn = self.id, peer = %self.peer, "refused: exec request");
        // Accept the request only to say why nothing runs; the command itself is never looked at.
        session.channel_success(channel)?;
        self.refuse(channel, session, words::NO_COMMANDS)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(conn = self.id, peer = %self.peer, subsystem = name, "refused: subsystem request");
        session.channel_failure(channel)
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(input) = &self.input {
            // A full queue means the client types faster than the session reads: drop, don't store.
            let _ = input.try_send(data.to_vec());
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        cols: u32,
        rows: u32,
        _pw: u32,
        _ph: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (cols, rows) = clamp_size(cols, rows);
        self.pty = Some((cols, rows));
        self.update_terminal(|t| t.size = (cols, rows));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.update_terminal(|t| t.open = false);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.update_terminal(|t| t.open = false);
        Ok(())
    }
}
