//! The accept loop: admission (unauthenticated connections capped before any SSH work), the login
//! grace timer, and a graceful stop that tells connected clients and closes within 5 seconds.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use russh::server::{Config, run_stream};
use russh::{Disconnect, MethodKind, MethodSet};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::handler::{Connection, Shared};
use super::limits::Gate;
use super::settings::ServeSettings;

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
    if !auth.keys.is_empty() {
        methods.push(MethodKind::PublicKey);
    }
    if auth.code.is_some() {
        methods.extend([MethodKind::KeyboardInteractive, MethodKind::Password]);
    }
    if auth.anonymous {
        methods.push(MethodKind::None);
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
    let shared = Arc::new(Shared {
        settings,
        gate: gate.clone(),
        shutdown: stop_rx.clone(),
    });
    let task = tokio::spawn(accept_loop(listener, config, shared, stop_rx));
    Ok(ServerHandle {
        local_addr,
        gate,
        stop,
        task,
    })
}

async fn accept_loop(
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    let next_id = AtomicU64::new(1);
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let id = next_id.fetch_add(1, Ordering::Relaxed);
                let Ok(login) = shared.gate.connection() else {
                    tracing::warn!(conn = id, peer = %peer, limit = "unauthenticated connections", "refused: limit reached");
                    continue; // dropping the stream closes it, as OpenSSH's MaxStartups does
                };
                tracing::info!(conn = id, peer = %peer, "connect");
                let _ = stream.set_nodelay(true);
                let authenticated = Arc::new(AtomicBool::new(false));
                let handler = Connection::new(Arc::clone(&shared), id, peer, login, Arc::clone(&authenticated));
                let grace = shared.settings.timeouts.login_grace;
                let config = Arc::clone(&config);
                connections.spawn(async move {
                    let Ok(Ok(running)) = tokio::time::timeout(grace, run_stream(config, stream, handler)).await else {
                        tracing::info!(conn = id, peer = %peer, reason = "handshake failed or timed out", "disconnect");
                        return;
                    };
                    let handle = running.handle();
                    let watchdog = tokio::spawn(async move {
                        tokio::time::sleep(grace).await;
                        if !authenticated.load(Ordering::Relaxed) {
                            tracing::info!(conn = id, peer = %peer, reason = "login grace time exceeded", "disconnect");
                            let _ = handle.disconnect(Disconnect::ByApplication, "login grace time exceeded".into(), "en".into()).await;
                        }
                    });
                    let result = running.await;
                    watchdog.abort();
                    let reason = match result {
                        Ok(()) => "closed".to_string(),
                        Err(e) => e.to_string(),
                    };
                    tracing::info!(conn = id, peer = %peer, reason, "disconnect");
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = stop.changed() => break,
        }
    }
    drop(listener);
    tracing::info!(
        open = connections.len(),
        "stopping: no new connections; telling clients"
    );
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
            connections.abort_all();
            while connections.join_next().await.is_some() {}
        }
    }
    // Session tasks log their end and free their place after their connection closes: let them.
    while shared.gate.sessions() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tracing::info!("stopped");
}
