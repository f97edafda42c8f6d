//! The accept loop: admission (unauthenticated connections capped before any SSH work), the login
//! grace timer, and a graceful stop that tells connected clients and closes within 5 seconds.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use russh::server::{Config, run_stream};
use std::collections::HashMap;
use std::sync::Mutex;

use russh::{MethodKind, MethodSet};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::handler::{Connection, Shared};
use super::limits::Gate;
use super::settings::ServeSettings;

/// How often addresses with nothing to remember are dropped from the throttle's table.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// How long a stop waits for sessions to say goodbye before cutting connections.
pub const STOP_WITHIN: Duration = Duration::from_secs(5);

/// A running server: its address and counters, and the way to stop it.
#[derive(Debug)]
pub struct ServerHandle {
    /// The address it listens on (with the real port when 0 was asked).
    pub local_addr: SocketAddr,
    gate: Gate,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl ServerHandle {
    /// Sessions running now.
    pub fn sessions(&self) -> usize {
        self.gate.sessions()
    }

    /// Connections still logging in now.
    pub fn unauthenticated(&self) -> usize {
        self.gate.unauthenticated()
    }

    /// Stops accepting, tells connected clients the server is closing, and returns once every
    /// connection is closed (at most [`STOP_WITHIN`] later).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// The russh configuration for these settings.
fn russh_config(settings: &ServeSettings) -> Config {
    let auth = &settings.auth;
    let mut methods = Vec::new();
    if !auth.keys.is_empty() || !auth.consultants.is_empty() {
        methods.push(MethodKind::PublicKey);
    }
    if auth.code.is_some() {
        methods.extend([MethodKind::KeyboardInteractive, MethodKind::Password]);
    }
    if auth.anonymous && auth.consultants.is_empty() {
        methods.push(MethodKind::None);
    } else if auth.anonymous && auth.code.is_none() {
        // Clients try "none" before their keys: a consultant's key would never be offered. With
        // consultant keys, anonymous clients come in by keyboard-interactive without a prompt
        // instead, which OpenSSH and PuTTY try by themselves after their keys.
        methods.push(MethodKind::KeyboardInteractive);
    }
    Config {
        methods: MethodSet::from(&methods[..]),
        auth_rejection_time: settings.timeouts.auth_failure_delay,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![settings.host_key.clone()],
        max_auth_attempts: settings.max_auth_attempts,
        // Idle and maximum length are enforced per session on the client's input; the transport only
        // checks the peer is alive.
        inactivity_timeout: None,
        keepalive_interval: Some(settings.timeouts.keepalive),
        keepalive_max: 3,
        nodelay: true,
        window_size: 256 * 1024,
        channel_buffer_size: 16,
        preferred: super::algorithms::preferred(),
        ..Config::default()
    }
}

/// Binds and starts serving in the current tokio runtime.
pub async fn start(settings: ServeSettings) -> std::io::Result<ServerHandle> {
    let listener = TcpListener::bind(settings.listen).await?;
    let local_addr = listener.local_addr()?;
    let gate = Gate::new(settings.caps);
    let (stop, stop_rx) = watch::channel(false);
    let config = Arc::new(russh_config(&settings));
    let registry = super::session_code::Registry::new(settings.instances.clone());
    let shared = Arc::new(Shared {
        throttle: super::throttle::Throttle::new(settings.throttle),
        settings,
        gate: gate.clone(),
        shutdown: stop_rx.clone(),
        registry,
    });
    let task = tokio::spawn(accept_loop(listener, config, shared, stop_rx));
    Ok(ServerHandle {
        local_addr,
        gate,
        stop,
        task,
    })
}

/// Open connections, each with a second handle on its socket that can cut it: russh ignores a
/// disconnect request while a key exchange is running, and a stuck client must not keep its place.
#[derive(Debug, Default)]
struct Sockets {
    open: Mutex<HashMap<u64, (std::net::TcpStream, Arc<AtomicBool>)>>,
}

impl Sockets {
    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<u64, (std::net::TcpStream, Arc<AtomicBool>)>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Cuts the connections that match `which` (by whether their session started).
    fn cut(&self, which: impl Fn(bool) -> bool) {
        for (socket, admitted) in self.lock().values() {
            if which(admitted.load(Ordering::Relaxed)) {
                let _ = socket.shutdown(std::net::Shutdown::Both);
            }
        }
    }
}

/// Splits a stream into the one russh will own and a clone that can shut it down.
fn with_cutter(stream: TcpStream) -> std::io::Result<(TcpStream, std::net::TcpStream)> {
    let std_stream = stream.into_std()?;
    let cutter = std_stream.try_clone()?;
    Ok((TcpStream::from_std(std_stream)?, cutter))
}

async fn accept_loop(
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    let next_id = AtomicU64::new(1);
    let sockets = Arc::new(Sockets::default());
    let mut connections = JoinSet::new();
    let mut prune = tokio::time::interval(PRUNE_EVERY);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let id = next_id.fetch_add(1, Ordering::Relaxed);
                let shared = Arc::clone(&shared);
                let config = Arc::clone(&config);
                let sockets = Arc::clone(&sockets);
                connections.spawn(connection(stream, peer, id, shared, config, sockets));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = prune.tick() => shared.throttle.prune(std::time::Instant::now()),
            _ = stop.changed() => break,
        }
    }
    drop(listener);
    tracing::info!(
        open = connections.len(),
        "stopping: no new connections; telling clients"
    );
    // Connections without a session have nobody to say goodbye to.
    sockets.cut(|admitted| !admitted);
    let deadline = tokio::time::Instant::now() + STOP_WITHIN;
    while !connections.is_empty() {
        if tokio::time::timeout_at(deadline, connections.join_next())
            .await
            .is_err()
        {
            tracing::info!(
                open = connections.len(),
                "stopping: closing the remaining connections"
            );
            sockets.cut(|_| true);
            while connections.join_next().await.is_some() {}
        }
    }
    // Session tasks log their end and free their place after their connection closes: let them.
    while shared.gate.sessions() > 0 && tokio::time::Instant::now() < deadline + STOP_WITHIN {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tracing::info!("stopped");
}

/// Where the connection comes from: its peer, or with `--proxy-protocol` the client named by a
/// trusted proxy's header; `None` (logged) when the header is refused.
async fn client_address(
    stream: &TcpStream,
    peer: SocketAddr,
    id: u64,
    shared: &Shared,
) -> Option<SocketAddr> {
    let Some(proxy) = &shared.settings.proxy else {
        return Some(peer);
    };
    match super::proxy::client_address(stream, peer, proxy).await {
        Ok(client) => {
            if client != peer {
                tracing::debug!(conn = id, peer = %client, proxy = %peer, "PROXY header");
            }
            Some(client)
        }
        Err(super::proxy::HeaderRefusal::Local) => {
            tracing::debug!(conn = id, proxy = %peer, "PROXY health check");
            None
        }
        Err(refusal) => {
            tracing::warn!(conn = id, proxy = %peer, reason = refusal.reason(), "refused: PROXY protocol");
            None
        }
    }
}

/// One accepted connection, from the PROXY header and the throttle to its end. Returning early
/// drops the stream, which closes it before the banner: no key exchange. An address that is not a
/// trusted proxy is throttled before anything is read from it; a proxy's connections by the client
/// its header names.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    id: u64,
    shared: Arc<Shared>,
    config: Arc<Config>,
    sockets: Arc<Sockets>,
) {
    let from_proxy = shared
        .settings
        .proxy
        .as_ref()
        .is_some_and(|p| p.trusted.contains(&peer.ip()));
    if !from_proxy && throttled(&shared, id, peer) {
        return;
    }
    let Some(peer) = client_address(&stream, peer, id, &shared).await else {
        return;
    };
    if from_proxy && throttled(&shared, id, peer) {
        return;
    }
    let Some((stream, handler, accepted)) = admit(stream, id, peer, &shared, &sockets) else {
        return;
    };
    serve_connection(config, stream, handler, &accepted, &sockets).await;
    sockets.lock().remove(&id);
}

/// Whether the address's throttle refuses a new connection from `peer` (logged).
fn throttled(shared: &Shared, id: u64, peer: SocketAddr) -> bool {
    let Err(refused) = shared.throttle.admit(peer.ip(), std::time::Instant::now()) else {
        return false;
    };
    if let Some(refused_since) = refused.log {
        tracing::warn!(conn = id, peer = %peer, limit = refused.why.limit(), refused_since, "refused: limit reached");
    }
    true
}

/// Lets a new connection in, or refuses it (the caller drops the stream, which closes it) when
/// too many are still logging in (OpenSSH's MaxStartups).
fn admit(
    stream: TcpStream,
    id: u64,
    peer: SocketAddr,
    shared: &Arc<Shared>,
    sockets: &Sockets,
) -> Option<(TcpStream, Connection, Accepted)> {
    let Ok(login) = shared.gate.connection() else {
        tracing::warn!(conn = id, peer = %peer, limit = "unauthenticated connections", "refused: limit reached");
        return None;
    };
    let (stream, cutter) = with_cutter(stream).ok()?;
    tracing::info!(conn = id, peer = %peer, "connect");
    let _ = stream.set_nodelay(true);
    let admitted = Arc::new(AtomicBool::new(false));
    sockets.lock().insert(id, (cutter, Arc::clone(&admitted)));
    let handler = Connection::new(Arc::clone(shared), id, peer, login, Arc::clone(&admitted));
    let accepted = Accepted {
        id,
        peer,
        admitted,
        grace: shared.settings.timeouts.login_grace,
    };
    Some((stream, handler, accepted))
}

/// What the accept loop knows of a connection it let in.
struct Accepted {
    /// Connection number, for logs.
    id: u64,
    /// The client's address.
    peer: SocketAddr,
    /// Becomes true when its session starts.
    admitted: Arc<AtomicBool>,
    /// How long it may take to log in and start a session.
    grace: Duration,
}

/// Runs one connection to its end; cuts it if no session started within the login grace.
async fn serve_connection(
    config: Arc<Config>,
    stream: TcpStream,
    handler: Connection,
    accepted: &Accepted,
    sockets: &Arc<Sockets>,
) {
    let Accepted {
        id, peer, grace, ..
    } = *accepted;
    let watchdog = {
        let sockets = Arc::clone(sockets);
        let admitted = Arc::clone(&accepted.admitted);
        tokio::spawn(async move {
            tokio::time::sleep(grace).await;
            if !admitted.load(Ordering::Relaxed) {
                tracing::info!(conn = id, peer = %peer, reason = "login grace time exceeded", "disconnect");
                if let Some((socket, _)) = sockets.lock().get(&id) {
                    let _ = socket.shutdown(std::net::Shutdown::Both);
                }
            }
        })
    };
    let reason = match run_stream(config, stream, handler).await {
        Ok(running) => match running.await {
            Ok(()) => "closed".to_string(),
            Err(e) => e.to_string(),
        },
        Err(e) => format!("handshake failed: {e}"),
    };
    watchdog.abort();
    tracing::info!(conn = id, peer = %peer, reason, "disconnect");
}
