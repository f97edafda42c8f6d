//! A small SSH client for the tests: russh's client (accepting any server key), a pty and a shell,
//! and every byte the server sends fed into a `vt100` terminal so a test reads the screen as text.
//! Every wait is bounded.

use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use russh::client::{self, DisconnectReason, Handle, KeyboardInteractiveAuthResponse};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::watch;
use tokio::time::{Instant, timeout};

/// How long any single wait for the server may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(15);
/// Terminal size the tests start with.
pub const COLS: u32 = 100;
/// See [`COLS`].
pub const ROWS: u32 = 32;
/// The emulated terminal is never made bigger than this (a client claiming 100000×100000 still
/// shows the server's output in its top-left corner; this is enough to see past the server's clamp).
const VIEW_MAX: (u32, u32) = (600, 300);

/// Accepts any server key; notes when the server disconnects.
pub struct Accept {
    disconnected: Arc<AtomicBool>,
}

impl client::Handler for Accept {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }

    async fn disconnected(
        &mut self,
        reason: DisconnectReason<Self::Error>,
    ) -> Result<(), Self::Error> {
        self.disconnected.store(true, Ordering::SeqCst);
        match reason {
            DisconnectReason::ReceivedDisconnect(_) => Ok(()),
            DisconnectReason::Error(e) => Err(e),
        }
    }
}

/// A TCP stream whose reading can be stopped for good: the client keeps sending, but never again
/// reads what the server sends (a client that "stops reading").
pub struct Stallable {
    inner: TcpStream,
    stalled: Arc<AtomicBool>,
}

impl AsyncRead for Stallable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.stalled.load(Ordering::SeqCst) {
            return Poll::Pending;
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stallable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// How to log in.
#[derive(Clone)]
pub enum Auth {
    /// `none` (the server must allow anonymous access).
    Anonymous,
    /// A public key.
    Key(Arc<PrivateKey>),
    /// A password (the access code).
    Password(String),
    /// keyboard-interactive, answering every prompt with this text.
    Interactive(String),
}

/// A connection, before or after authentication.
pub struct Connection {
    /// russh's handle.
    pub handle: Handle<Accept>,
    /// Set when the server disconnected (or the connection failed).
    pub disconnected: Arc<AtomicBool>,
}

fn client_config(preferred: russh::Preferred) -> Arc<client::Config> {
    Arc::new(client::Config {
        nodelay: true,
        preferred,
        ..client::Config::default()
    })
}

/// A TCP connection to `addr` from `from` (any loopback address: 127.0.0.2, …), port chosen by the
/// system.
pub async fn tcp_from(from: IpAddr, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    let stream = timeout(DEADLINE, socket.connect(addr))
        .await
        .map_err(|_| std::io::Error::other("connect timed out"))??;
    stream.set_nodelay(true)?;
    Ok(stream)
}

impl Connection {
    /// Connects (SSH handshake, no authentication yet) from 127.0.0.1.
    pub async fn open(addr: SocketAddr) -> Result<Connection, russh::Error> {
        Connection::open_from(IpAddr::from([127, 0, 0, 1]), addr, None).await
    }

    /// Connects from 127.0.0.1 offering only these algorithms.
    pub async fn open_offering(
        addr: SocketAddr,
        preferred: russh::Preferred,
    ) -> Result<Connection, russh::Error> {
        let stream = tcp_from(IpAddr::from([127, 0, 0, 1]), addr).await?;
        Connection::handshake(stream, None, preferred).await
    }

    /// Connects from `from`; with `stall`, reading stops for good once it is set.
    pub async fn open_from(
        from: IpAddr,
        addr: SocketAddr,
        stall: Option<Arc<AtomicBool>>,
    ) -> Result<Connection, russh::Error> {
        let stream = tcp_from(from, addr).await?;
        Connection::handshake(stream, stall, russh::Preferred::default()).await
    }

    /// The SSH handshake over a connected stream.
    async fn handshake(
        stream: TcpStream,
        stall: Option<Arc<AtomicBool>>,
        preferred: russh::Preferred,
    ) -> Result<Connection, russh::Error> {
        let disconnected = Arc::new(AtomicBool::new(false));
        let handler = Accept {
            disconnected: Arc::clone(&disconnected),
        };
        let stream = Stallable {
            inner: stream,
            stalled: stall.unwrap_or_default(),
        };
        let handle = timeout(
            DEADLINE,
            client::connect_stream(client_config(preferred), stream, handler),
        )
        .await
        .map_err(|_| russh::Error::ConnectionTimeout)??;
        Ok(Connection {
            handle,
            disconnected,
        })
    }

    /// Tries one way of logging in; `Ok(true)` when accepted.
    pub async fn login(&mut self, auth: &Auth) -> Result<bool, russh::Error> {
        let attempt = async {
            match auth {
                Auth::Anonymous => Ok(self.handle.authenticate_none("consult").await?.success()),
                Auth::Key(key) => {
                    let key = PrivateKeyWithHashAlg::new(Arc::clone(key), None);
                    Ok(self
                        .handle
                        .authenticate_publickey("consult", key)
                        .await?
                        .success())
                }
                Auth::Password(code) => Ok(self
                    .handle
                    .authenticate_password("consult", code.clone())
                    .await?
                    .success()),
                Auth::Interactive(code) => {
                    let mut reply = self
                        .handle
                        .authenticate_keyboard_interactive_start("consult", None)
                        .await?;
                    for _ in 0..5 {
                        match reply {
                            KeyboardInteractiveAuthResponse::Success => return Ok(true),
                            KeyboardInteractiveAuthResponse::Failure { .. } => return Ok(false),
                            KeyboardInteractiveAuthResponse::InfoRequest { prompts, .. } => {
                                let answers = prompts.iter().map(|_| code.clone()).collect();
                                reply = self
                                    .handle
                                    .authenticate_keyboard_interactive_respond(answers)
                                    .await?;
                            }
                        }
                    }
                    Ok(false)
                }
            }
        };
        timeout(DEADLINE, attempt)
            .await
            .map_err(|_| russh::Error::ConnectionTimeout)?
    }

    /// Whether the connection is gone (the server disconnected or the session loop ended).
    pub fn is_closed(&self) -> bool {
        self.disconnected.load(Ordering::SeqCst) || self.handle.is_closed()
    }

    /// Waits (bounded) until the server has closed the connection; whether it did.
    pub async fn wait_closed(&self, within: Duration) -> bool {
        wait_until(within, || self.is_closed()).await
    }
}

/// Polls `done` until it holds or `within` passed; whether it held.
async fn wait_until(within: Duration, done: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    done()
}

/// What a session asks for.
#[derive(Clone)]
pub struct Options {
    /// How to log in.
    pub auth: Auth,
    /// The client's address (a loopback address).
    pub from: IpAddr,
    /// Environment sent before the pty (`LANG`, `LC_*`).
    pub env: Vec<(String, String)>,
    /// The pty's size; `None` asks for no pty at all.
    pub pty: Option<(u32, u32)>,
    /// Reading stops for good once this is set.
    pub stall: Option<Arc<AtomicBool>>,
    /// Keep the connection open when the session channel closes (OpenSSH's client disconnects then,
    /// and so does this one unless told to stay).
    pub stay: bool,
}

impl Options {
    /// A pty of 100×32, from 127.0.0.1, logging in with `auth`.
    pub fn new(auth: Auth) -> Options {
        Options {
            auth,
            from: IpAddr::from([127, 0, 0, 1]),
            env: Vec::new(),
            pty: Some((COLS, ROWS)),
            stall: None,
            stay: false,
        }
    }

    /// Sends `name=value` before the pty request.
    pub fn env(mut self, name: &str, value: &str) -> Options {
        self.env.push((name.into(), value.into()));
        self
    }

    /// Connects from this loopback address.
    pub fn from(mut self, ip: [u8; 4]) -> Options {
        self.from = IpAddr::from(ip);
        self
    }
}

/// Something that arrived on the session channel besides data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A reply to a request: success.
    Success,
    /// A reply to a request: failure.
    Failure,
    /// Exit status.
    ExitStatus(u32),
    /// End of data.
    Eof,
    /// The channel was closed.
    Close,
    /// The channel's message stream ended (connection gone).
    Gone,
}

/// What the client received so far.
pub struct Term {
    /// The terminal emulator.
    pub parser: vt100::Parser,
    /// Every data byte, in order.
    pub raw: Vec<u8>,
    /// Non-data messages, in order, each with how many data bytes had arrived before it.
    pub events: Vec<(Event, usize)>,
    /// The screen when the channel closed.
    pub screen_at_close: Option<String>,
}

impl Term {
    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Whether `event` arrived.
    pub fn has(&self, event: &Event) -> bool {
        self.events.iter().any(|(e, _)| e == event)
    }

    /// Whether the channel is closed (or the connection gone).
    pub fn closed(&self) -> bool {
        self.has(&Event::Close) || self.has(&Event::Gone)
    }

    /// The exit status, if one arrived.
    pub fn exit_status(&self) -> Option<u32> {
        self.events.iter().find_map(|(e, _)| match e {
            Event::ExitStatus(s) => Some(*s),
            _ => None,
        })
    }
}

/// A client with a session channel (a shell, with or without a pty).
pub struct Client {
    handle: Arc<Handle<Accept>>,
    disconnected: Arc<AtomicBool>,
    writer: ChannelWriteHalf<client::Msg>,
    term: Arc<Mutex<Term>>,
    changed: watch::Receiver<u64>,
    /// A name for failure messages.
    pub name: String,
}

impl Client {
    /// Connects, logs in, opens a session channel, sends the environment, asks for a pty (unless
    /// `opts.pty` is `None`) and a shell; panics if any of it fails.
    pub async fn start(addr: SocketAddr, opts: Options) -> Client {
        match Client::try_start(addr, opts).await {
            Ok(client) => client,
            Err(e) => panic!("could not start a session: {e}"),
        }
    }

    /// [`Client::start`] that reports failures.
    pub async fn try_start(addr: SocketAddr, opts: Options) -> Result<Client, String> {
        let mut conn = Connection::open_from(opts.from, addr, opts.stall.clone())
            .await
            .map_err(|e| format!("connecting: {e}"))?;
        let accepted = conn.login(&opts.auth).await;
        if !accepted.map_err(|e| format!("logging in: {e}"))? {
            return Err("the login was refused".into());
        }
        Client::on(conn, &opts)
            .await
            .map_err(|e| format!("opening the session: {e}"))
    }

    /// Opens the session on an authenticated connection.
    pub async fn on(conn: Connection, opts: &Options) -> Result<Client, russh::Error> {
        let bounded = |what: &'static str| {
            move |_| russh::Error::IO(std::io::Error::other(format!("{what} timed out")))
        };
        let channel = timeout(DEADLINE, conn.handle.channel_open_session())
            .await
            .map_err(bounded("channel open"))??;
        let (cols, rows) = opts.pty.unwrap_or((COLS, ROWS));
        let (view_cols, view_rows) = (cols.min(VIEW_MAX.0), rows.min(VIEW_MAX.1));
        let term = Arc::new(Mutex::new(Term {
            parser: vt100::Parser::new(view_rows as u16, view_cols as u16, 0),
            raw: Vec::new(),
            events: Vec::new(),
            screen_at_close: None,
        }));
        let (bump, changed) = watch::channel(0u64);
        let (mut reader, writer) = channel.split();
        let sink = Arc::clone(&term);
        let Connection {
            handle,
            disconnected,
        } = conn;
        let handle = Arc::new(handle);
        // Weak: dropping the client drops the connection.
        let leave = (!opts.stay).then(|| Arc::downgrade(&handle));
        tokio::spawn(async move {
            loop {
                let message = reader.wait().await;
                let done = {
                    let mut term = sink
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    let at = term.raw.len();
                    let event = match message {
                        Some(ChannelMsg::Data { data }) => {
                            term.parser.process(&data);
                            term.raw.extend_from_slice(&data);
                            None
                        }
                        Some(ChannelMsg::ExitStatus { exit_status }) => {
                            Some(Event::ExitStatus(exit_status))
                        }
                        Some(ChannelMsg::Success) => Some(Event::Success),
                        Some(ChannelMsg::Failure) => Some(Event::Failure),
                        Some(ChannelMsg::Eof) => Some(Event::Eof),
                        Some(ChannelMsg::Close) => Some(Event::Close),
                        Some(_) => None,
                        None => Some(Event::Gone),
                    };
                    let done = matches!(event, Some(Event::Close | Event::Gone));
                    if done && term.screen_at_close.is_none() {
                        term.screen_at_close = Some(term.screen());
                    }
                    if let Some(event) = event {
                        term.events.push((event, at));
                    }
                    done
                };
                bump.send_modify(|n| *n += 1);
                if done {
                    if let Some(handle) = leave.and_then(|h| h.upgrade()) {
                        let _ = timeout(
                            Duration::from_secs(2),
                            handle.disconnect(russh::Disconnect::ByApplication, "", "en"),
                        )
                        .await;
                    }
                    break;
                }
            }
        });
        let client = Client {
            handle,
            disconnected,
            writer,
            term,
            changed,
            name: String::new(),
        };
        for (name, value) in &opts.env {
            timeout(
                DEADLINE,
                client.writer.set_env(false, name.clone(), value.clone()),
            )
            .await
            .map_err(bounded("env"))??;
        }
        if opts.pty.is_some() {
            timeout(
                DEADLINE,
                client
                    .writer
                    .request_pty(true, "xterm-256color", cols, rows, 0, 0, &[]),
            )
            .await
            .map_err(bounded("pty"))??;
        }
        timeout(DEADLINE, client.writer.request_shell(true))
            .await
            .map_err(bounded("shell"))??;
        Ok(client)
    }

    /// Gives the client a name for failure messages.
    pub fn named(mut self, name: impl Into<String>) -> Client {
        self.name = name.into();
        self
    }

    /// What was received so far.
    pub fn term(&self) -> MutexGuard<'_, Term> {
        self.term
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.term().screen()
    }

    /// Sends bytes as typed keys; `false` if they could not be sent in time.
    pub async fn try_send(&self, bytes: &[u8]) -> bool {
        matches!(
            timeout(DEADLINE, self.writer.data_bytes(bytes.to_vec())).await,
            Ok(Ok(()))
        )
    }

    /// Sends bytes as typed keys.
    pub async fn send(&self, bytes: &[u8]) {
        assert!(
            self.try_send(bytes).await,
            "{}: could not send {bytes:?}",
            self.name
        );
    }

    /// Escape, then a pause so that the server takes it as the Esc key.
    pub async fn esc(&self) {
        self.send(b"\x1b").await;
        tokio::time::sleep(Duration::from_millis(120)).await;
    }

    /// Tells the server the window changed, and resizes the emulated terminal (to at most
    /// 600×300: the server is expected to draw no further than its clamp).
    pub async fn window_change(&self, cols: u32, rows: u32) {
        let sent = timeout(DEADLINE, self.writer.window_change(cols, rows, 0, 0)).await;
        assert!(
            matches!(sent, Ok(Ok(()))),
            "{}: window change not sent",
            self.name
        );
        let (cols, rows) = (cols.min(VIEW_MAX.0), rows.min(VIEW_MAX.1));
        self.term()
            .parser
            .screen_mut()
            .set_size(rows as u16, cols as u16);
    }

    /// Resizes the emulated terminal only (what the client shows), not telling the server.
    pub fn set_view(&self, cols: u16, rows: u16) {
        self.term().parser.screen_mut().set_size(rows, cols);
    }

    /// Sends a window change without touching the emulated terminal; `false` if it could not be sent.
    pub async fn try_window_change(&self, cols: u32, rows: u32) -> bool {
        matches!(
            timeout(DEADLINE, self.writer.window_change(cols, rows, 0, 0)).await,
            Ok(Ok(()))
        )
    }

    /// Waits until `ready` holds for what was received, at most `within`; `None` if it did not.
    pub async fn poll_term<T>(
        &self,
        within: Duration,
        ready: impl Fn(&Term) -> Option<T>,
    ) -> Option<T> {
        let deadline = Instant::now() + within;
        let mut changed = self.changed.clone();
        loop {
            changed.borrow_and_update();
            if let Some(found) = ready(&self.term()) {
                return Some(found);
            }
            let waited = tokio::time::timeout_at(deadline, changed.changed()).await;
            // Timed out, or the reader task is gone (nothing more will come): one last look.
            if !matches!(waited, Ok(Ok(()))) {
                return ready(&self.term());
            }
        }
    }

    /// Waits until `ready` holds for what was received; panics (with the screen) at the deadline.
    pub async fn wait_term<T>(
        &self,
        what: &str,
        within: Duration,
        ready: impl Fn(&Term) -> Option<T>,
    ) -> T {
        if let Some(found) = self.poll_term(within, &ready).await {
            return found;
        }
        let term = self.term();
        let (rows, cols) = term.parser.screen().size();
        let ended = if term.closed() {
            " (the channel is closed)"
        } else {
            ""
        };
        panic!(
            "{}: timed out after {within:?} waiting for {what}{ended}; events {:?}; the screen ({cols}×{rows}):\n{}",
            self.name,
            term.events,
            term.screen()
        );
    }

    /// Waits until the screen satisfies `ready`; the screen.
    pub async fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_for_within(what, DEADLINE, ready).await
    }

    /// [`Client::wait_for`] with its own deadline.
    pub async fn wait_for_within(
        &self,
        what: &str,
        within: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> String {
        self.wait_term(what, within, |term| {
            let screen = term.screen();
            ready(&screen).then_some(screen)
        })
        .await
    }

    /// Waits until the channel is closed.
    pub async fn wait_closed(&self, within: Duration) {
        self.wait_term("the channel to close", within, |t| t.closed().then_some(()))
            .await;
    }

    /// Disconnects politely.
    pub async fn disconnect(&self) {
        let _ = timeout(
            Duration::from_secs(2),
            self.handle
                .disconnect(russh::Disconnect::ByApplication, "bye", "en"),
        )
        .await;
    }

    /// Waits (bounded) until the connection is gone; whether it is.
    pub async fn wait_disconnected(&self, within: Duration) -> bool {
        wait_until(within, || {
            self.disconnected.load(Ordering::SeqCst) || self.handle.is_closed()
        })
        .await
    }
}
