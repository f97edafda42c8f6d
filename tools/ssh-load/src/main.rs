//! Load and latency measurement of a running `kouteki serve`, with the russh client.
//!
//! ```text
//! cargo build --release -p ssh-load
//! target/release/ssh-load ADDR idle N [--hold SECS]
//! target/release/ssh-load ADDR roundtrip N K [--interval-ms MS]
//! target/release/ssh-load ADDR firstframe N
//! target/release/ssh-load ADDR pairs P A K --consultant-key FILE [--server-pid PID]
//! target/release/ssh-load ADDR kept N [--server-pid PID]
//! ```
//!
//! `pairs` and `kept` are guided consultations under load: see [`consult`].
//!
//! - `idle N`: opens N sessions (pty 100×32 + shell), waits until each shows the welcome screen,
//!   prints `idle: ready N sessions`, and holds them until a line on stdin, or `--hold SECS` passed
//!   (without `--hold`, EOF on stdin releases too); then checks every session is still open and
//!   closes them.
//! - `roundtrip N K`: N sessions on the welcome screen; each sends Down, Up, Down, ... (every key
//!   moves the menu's `▶` marker, so every key changes the screen) every `--interval-ms` (default
//!   100, a fast typist; the sessions' starts are spread over one interval) and measures the time
//!   from sending a key to the next channel data. K samples per session.
//! - `firstframe N`: N sessions one after another: the time from the end of authentication
//!   (`authenticate_*` returned success) to the channel data that completes the welcome screen.
//!
//! Options: `--user NAME` (default `consult`), `--code CODE` (log in with password auth instead of
//! none), `--cols C --rows R` (default 100×32), `--parallel P` (connections opened at once, default
//! 32). The server must admit the sessions: raise `--max-sessions`, `--max-per-ip` and
//! `--max-unauthenticated`. Every figure is in milliseconds; the last line of each mode is a
//! `key=value` summary for scripts.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client::{self, Handle, Msg};
use russh::keys::PublicKeyOrCertificate;
use russh::{Channel, ChannelMsg, Disconnect};
use tokio::sync::{Barrier, Semaphore};

mod consult;

/// What the welcome screen shows (English, or Japanese for a client sending LANG=ja).
const WELCOME: [&str; 2] = ["Start the check", "チェックを始める"];
/// The Down key.
pub const DOWN: &[u8] = b"\x1b[B";
/// The Up key.
pub const UP: &[u8] = b"\x1b[A";
/// How long any one step (connecting, a first frame, a key's answer) may take before it counts as
/// failed.
pub const STEP_LIMIT: Duration = Duration::from_secs(10);

/// The client handler: accepts any host key.
pub struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        // Loopback measurement of a server started for it: any host key is fine.
        Ok(true)
    }
}

/// The command line's options.
#[derive(Debug, Clone)]
pub struct Options {
    addr: SocketAddr,
    user: String,
    code: Option<String>,
    cols: u16,
    rows: u16,
    parallel: usize,
    hold: Option<Duration>,
    interval: Duration,
    consultant_key: Option<std::path::PathBuf>,
    server_pid: Option<u32>,
}

enum Mode {
    Idle(usize),
    Roundtrip(usize, usize),
    FirstFrame(usize),
    Pairs(usize, usize, usize),
    Kept(usize),
}

/// One open session on the welcome screen.
struct Session {
    handle: Handle<Client>,
    channel: Channel<Msg>,
    /// From the end of authentication to the data completing the welcome screen.
    first_frame: Duration,
}

impl Session {
    async fn close(self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "done", "en")
            .await;
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: ssh_load ADDR (idle N [--hold SECS] | roundtrip N K [--interval-ms MS] | firstframe N\n\
         \x20      | pairs P A K --consultant-key FILE | kept N) [--server-pid PID]\n\
         \x20      [--user NAME] [--code CODE] [--cols C] [--rows R] [--parallel P]"
    );
    std::process::exit(2);
}

fn number<T: std::str::FromStr>(text: Option<String>) -> T {
    text.and_then(|t| t.parse().ok()).unwrap_or_else(|| usage())
}

fn parse_args() -> (Options, Mode) {
    let mut args = std::env::args().skip(1);
    let addr: SocketAddr = number(args.next());
    let mode = match args.next().as_deref() {
        Some("idle") => Mode::Idle(number(args.next())),
        Some("roundtrip") => Mode::Roundtrip(number(args.next()), number(args.next())),
        Some("firstframe") => Mode::FirstFrame(number(args.next())),
        Some("pairs") => Mode::Pairs(
            number(args.next()),
            number(args.next()),
            number(args.next()),
        ),
        Some("kept") => Mode::Kept(number(args.next())),
        _ => usage(),
    };
    let mut options = Options {
        addr,
        user: "consult".into(),
        code: None,
        cols: 100,
        rows: 32,
        parallel: 32,
        hold: None,
        interval: Duration::from_millis(100),
        consultant_key: None,
        server_pid: None,
    };
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--user" => options.user = args.next().unwrap_or_else(|| usage()),
            "--code" => options.code = Some(args.next().unwrap_or_else(|| usage())),
            "--cols" => options.cols = number(args.next()),
            "--rows" => options.rows = number(args.next()),
            "--parallel" => options.parallel = number::<usize>(args.next()).max(1),
            "--hold" => options.hold = Some(Duration::from_secs_f64(number(args.next()))),
            "--consultant-key" => options.consultant_key = Some(number(args.next())),
            "--server-pid" => options.server_pid = Some(number(args.next())),
            "--interval-ms" => {
                options.interval = Duration::from_secs_f64(number::<f64>(args.next()) / 1000.0);
            }
            _ => usage(),
        }
    }
    (options, mode)
}

/// Milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Connects, authenticates, asks for a pty and a shell, and waits for the welcome screen.
async fn open(options: &Options, config: Arc<client::Config>) -> Result<Session, String> {
    let handle = authenticate(options, config).await?;
    let authenticated = Instant::now();
    let mut channel = open_shell(&handle, options).await?;
    wait_for_welcome(&mut channel, options).await?;
    Ok(Session {
        handle,
        channel,
        first_frame: authenticated.elapsed(),
    })
}

/// Connects and logs in (password with `--code`, else none).
async fn authenticate(
    options: &Options,
    config: Arc<client::Config>,
) -> Result<Handle<Client>, String> {
    let mut handle =
        tokio::time::timeout(STEP_LIMIT, client::connect(config, options.addr, Client))
            .await
            .map_err(|_| "connecting timed out".to_string())?
            .map_err(|e| format!("connect: {e}"))?;
    let auth = match &options.code {
        Some(code) => handle.authenticate_password(&options.user, code).await,
        None => handle.authenticate_none(&options.user).await,
    }
    .map_err(|e| format!("authentication: {e}"))?;
    if !auth.success() {
        return Err(format!("authentication refused: {auth:?}"));
    }
    Ok(handle)
}

/// A session channel with a pty of the options' size and a shell.
/// A session channel with a pty and a shell.
pub async fn open_shell(
    handle: &Handle<Client>,
    options: &Options,
) -> Result<Channel<Msg>, String> {
    let channel = handle
        .channel_open_session()
        .await
        .map_err(|e| format!("channel: {e}"))?;
    let (cols, rows) = (options.cols.into(), options.rows.into());
    channel
        .request_pty(false, "xterm-256color", cols, rows, 0, 0, &[])
        .await
        .map_err(|e| format!("pty: {e}"))?;
    channel
        .request_shell(false)
        .await
        .map_err(|e| format!("shell: {e}"))?;
    Ok(channel)
}

/// Reads the channel into a vt100 screen until it shows the welcome screen.
async fn wait_for_welcome(channel: &mut Channel<Msg>, options: &Options) -> Result<(), String> {
    let mut screen = vt100::Parser::new(options.rows, options.cols, 0);
    let deadline = tokio::time::Instant::now() + STEP_LIMIT;
    loop {
        let message = tokio::time::timeout_at(deadline, channel.wait())
            .await
            .map_err(|_| "no welcome screen within the limit".to_string())?;
        match message {
            Some(ChannelMsg::Data { data }) => {
                screen.process(&data);
                let contents = screen.screen().contents();
                if WELCOME.iter().any(|w| contents.contains(w)) {
                    return Ok(());
                }
                if contents.contains("ssh -t") || contents.contains("Sorry") {
                    return Err(format!("refused by the server: {}", contents.trim()));
                }
            }
            Some(ChannelMsg::Eof | ChannelMsg::Close) | None => {
                return Err(format!(
                    "the channel closed before the welcome screen: {}",
                    screen.screen().contents().trim()
                ));
            }
            Some(_) => {}
        }
    }
}

/// Opens `n` sessions, at most `options.parallel` connecting at once.
async fn open_many(
    options: &Options,
    config: &Arc<client::Config>,
    n: usize,
) -> Result<Vec<Session>, String> {
    let gate = Arc::new(Semaphore::new(options.parallel));
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let (options, config, gate) = (options.clone(), Arc::clone(config), Arc::clone(&gate));
        tasks.push(tokio::spawn(async move {
            let _place = gate.acquire_owned().await.map_err(|e| e.to_string())?;
            open(&options, config).await
        }));
    }
    let mut sessions = Vec::with_capacity(n);
    let mut errors = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(session)) => sessions.push(session),
            Ok(Err(e)) => errors.push(e),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if let Some(first) = errors.first() {
        for session in sessions {
            session.close().await;
        }
        return Err(format!(
            "{} of {n} sessions failed; first: {first}",
            errors.len()
        ));
    }
    Ok(sessions)
}

/// min / median / p95 / p99 / max of `samples` in ms (nearest rank).
/// A summary of samples.
pub struct Summary {
    count: usize,
    min: f64,
    median: f64,
    p95: f64,
    p99: f64,
    max: f64,
    mean: f64,
}

/// The summary of `samples`.
pub fn summarize(samples: &mut [f64]) -> Summary {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    let rank = |p: f64| samples[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
    Summary {
        count: n,
        min: samples[0],
        median: rank(0.50),
        p95: rank(0.95),
        p99: rank(0.99),
        max: samples[n - 1],
        mean: samples.iter().sum::<f64>() / n as f64,
    }
}

/// The client configuration.
pub fn client_config() -> Arc<client::Config> {
    Arc::new(client::Config {
        nodelay: true,
        ..client::Config::default()
    })
}

/// Resolves on a line on stdin; on EOF (or an error) the sender is dropped instead. Read on a thread:
/// tokio's stdin is not among the crate's features.
fn stdin_line() -> tokio::sync::oneshot::Receiver<()> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        if std::io::stdin().read_line(&mut line).is_ok_and(|n| n > 0) {
            let _ = sender.send(());
        }
    });
    receiver
}

async fn idle(options: &Options, n: usize) -> Result<(), String> {
    let started = Instant::now();
    let sessions = open_many(options, &client_config(), n).await?;
    let mut frames: Vec<f64> = sessions.iter().map(|s| ms(s.first_frame)).collect();
    let f = summarize(&mut frames);
    println!(
        "idle: ready {n} sessions in {:.1} s (first frames: median {:.1} ms, max {:.1} ms)",
        started.elapsed().as_secs_f64(),
        f.median,
        f.max
    );
    // Each session's channel is read by a task of its own, as a terminal would; a task that ends
    // means the server closed that session.
    let mut handles = Vec::with_capacity(n);
    let mut readers = Vec::with_capacity(n);
    for session in sessions {
        let Session {
            handle,
            mut channel,
            ..
        } = session;
        handles.push(handle);
        readers.push(tokio::spawn(async move {
            while let Some(message) = channel.wait().await {
                if matches!(message, ChannelMsg::Eof | ChannelMsg::Close) {
                    break;
                }
            }
        }));
    }
    let released = stdin_line();
    match options.hold {
        // A line releases early; EOF does not (`--hold` with stdin from /dev/null holds the time).
        Some(hold) => {
            tokio::select! {
                Ok(()) = released => {}
                () = tokio::time::sleep(hold) => {}
            }
        }
        // Without `--hold`, a line or EOF releases.
        None => {
            let _ = released.await;
        }
    }
    let still_open = readers.iter().filter(|r| !r.is_finished()).count();
    for reader in readers {
        reader.abort();
    }
    for handle in handles {
        let _ = handle
            .disconnect(Disconnect::ByApplication, "done", "en")
            .await;
    }
    println!("idle: released sessions={n} still_open={still_open}");
    if still_open != n {
        return Err(format!(
            "{} of {n} idle sessions were closed by the server",
            n - still_open
        ));
    }
    Ok(())
}

/// One typist: `k` keys, one every `interval`, starting at its share `i` of `n` of the first
/// interval; the time from each key to the next channel data, and the failure that stopped it.
async fn type_keys(
    session: Session,
    (i, n): (usize, usize),
    k: usize,
    interval: Duration,
    barrier: Arc<Barrier>,
) -> (Vec<f64>, Option<String>) {
    let Session {
        handle,
        mut channel,
        ..
    } = session;
    let mut samples = Vec::with_capacity(k);
    let mut failure = None;
    barrier.wait().await;
    // Spread the sessions over one interval, as independent typists would be.
    let mut next = tokio::time::Instant::now() + interval.mul_f64(i as f64 / n as f64);
    for key in 0..k {
        tokio::time::sleep_until(next).await;
        next += interval;
        let bytes = if key % 2 == 0 { DOWN } else { UP };
        let sent = Instant::now();
        if let Err(e) = channel.data(bytes).await {
            failure = Some(format!("send: {e}"));
            break;
        }
        match answer_to(&mut channel, sent).await {
            Ok(rtt) => samples.push(ms(rtt)),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
        // The rest of the frame, if it came in several messages, before the next key.
        while let Ok(Some(message)) = tokio::time::timeout_at(next, channel.wait()).await {
            if matches!(message, ChannelMsg::Eof | ChannelMsg::Close) {
                break;
            }
        }
    }
    let _ = handle
        .disconnect(Disconnect::ByApplication, "done", "en")
        .await;
    (samples, failure)
}

/// The time from `sent` to the next data on the channel.
pub async fn answer_to(channel: &mut Channel<Msg>, sent: Instant) -> Result<Duration, String> {
    loop {
        match tokio::time::timeout(STEP_LIMIT, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { .. })) => return Ok(sent.elapsed()),
            Ok(Some(ChannelMsg::Eof | ChannelMsg::Close) | None) => {
                return Err("the channel closed".to_string());
            }
            Ok(Some(_)) => {}
            Err(_) => return Err("no answer to a key within the limit".to_string()),
        }
    }
}

async fn roundtrip(options: &Options, n: usize, k: usize) -> Result<(), String> {
    let sessions = open_many(options, &client_config(), n).await?;
    println!(
        "roundtrip: {n} sessions on the welcome screen; {k} keys each, one every {:.0} ms",
        ms(options.interval)
    );
    let barrier = Arc::new(Barrier::new(n));
    let interval = options.interval;
    let mut tasks = Vec::with_capacity(n);
    for (i, session) in sessions.into_iter().enumerate() {
        let barrier = Arc::clone(&barrier);
        tasks.push(tokio::spawn(type_keys(
            session,
            (i, n),
            k,
            interval,
            barrier,
        )));
    }
    let mut all = Vec::with_capacity(n * k);
    let mut failures = Vec::new();
    for task in tasks {
        match task.await {
            Ok((samples, failure)) => {
                all.extend(samples);
                failures.extend(failure);
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    if all.is_empty() {
        return Err(format!("no samples; {failures:?}"));
    }
    let s = summarize(&mut all);
    println!(
        "roundtrip: sessions={n} samples={} min={:.3} median={:.3} p95={:.3} p99={:.3} max={:.3} mean={:.3} ms failures={}",
        s.count,
        s.min,
        s.median,
        s.p95,
        s.p99,
        s.max,
        s.mean,
        failures.len()
    );
    match failures.first() {
        Some(first) => Err(format!(
            "{} sessions failed; first: {first}",
            failures.len()
        )),
        None => Ok(()),
    }
}

async fn first_frame(options: &Options, n: usize) -> Result<(), String> {
    let config = client_config();
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let session = open(options, Arc::clone(&config)).await?;
        samples.push(ms(session.first_frame));
        session.close().await;
    }
    let s = summarize(&mut samples);
    println!(
        "firstframe: sessions={} min={:.3} median={:.3} p95={:.3} max={:.3} mean={:.3} ms",
        s.count, s.min, s.median, s.p95, s.max, s.mean
    );
    Ok(())
}

#[tokio::main]
async fn main() {
    let (options, mode) = parse_args();
    let result = match mode {
        Mode::Idle(n) => idle(&options, n).await,
        Mode::Roundtrip(n, k) => roundtrip(&options, n, k).await,
        Mode::FirstFrame(n) => first_frame(&options, n).await,
        Mode::Pairs(p, a, k) => match &options.consultant_key {
            Some(path) => match russh::keys::load_secret_key(path, None) {
                Ok(key) => {
                    consult::pairs(&options, (p, a, k), &Arc::new(key), options.server_pid).await
                }
                Err(e) => Err(format!("{}: {e}", path.display())),
            },
            None => Err("pairs needs --consultant-key FILE".into()),
        },
        Mode::Kept(n) => consult::kept(&options, n, options.server_pid).await,
    };
    if let Err(e) = result {
        eprintln!("ssh_load: {e}");
        std::process::exit(1);
    }
}
