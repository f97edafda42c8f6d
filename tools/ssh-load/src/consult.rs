//! Guided consultations under load: `pairs P A K` and `kept N`.
//!
//! - `pairs P A K --consultant-key FILE`: P client + consultant pairs, the consultant let in to
//!   answer (`d`), and A clients alone; then every client presses Down/Up K times (one key every
//!   `--interval-ms`). For a pair, the time counted is from the client's key to the next data on
//!   the *consultant's* channel: the keystroke drawn on the other viewer. Clients alone are load. Clients log in by
//!   keyboard-interactive (the way in for anonymous clients beside consultant keys).
//! - `kept N`: N clients open a session and drop their connections; the server keeps the sessions
//!   for its `--resume-grace`.
//!
//! With `--server-pid PID` both print the server's VmRSS before and after (kB).

use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client::{Handle, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use russh::{Channel, ChannelMsg, Disconnect};
use tokio::sync::Barrier;

use crate::{
    Client, DOWN, Options, STEP_LIMIT, UP, answer_to, client_config, ms, open_shell, summarize,
};

/// The server's VmRSS in kB, if a pid was given and readable.
pub fn server_rss(pid: Option<u32>) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A connection logged in by keyboard-interactive with no prompt, or by `key`.
async fn login(options: &Options, key: Option<&Arc<PrivateKey>>) -> Result<Handle<Client>, String> {
    let mut handle = tokio::time::timeout(
        STEP_LIMIT,
        russh::client::connect(client_config(), options.addr, Client),
    )
    .await
    .map_err(|_| "connecting timed out".to_string())?
    .map_err(|e| format!("connect: {e}"))?;
    let ok = match key {
        Some(key) => handle
            .authenticate_publickey(
                &options.user,
                PrivateKeyWithHashAlg::new(Arc::clone(key), None),
            )
            .await
            .map_err(|e| format!("publickey: {e}"))?
            .success(),
        None => matches!(
            handle
                .authenticate_keyboard_interactive_start(&options.user, None)
                .await
                .map_err(|e| format!("keyboard-interactive: {e}"))?,
            russh::client::KeyboardInteractiveAuthResponse::Success
        ),
    };
    if !ok {
        return Err("authentication refused".into());
    }
    Ok(handle)
}

/// Reads `channel` into `screen` until `ready` holds for its text.
async fn read_until(
    channel: &mut Channel<Msg>,
    screen: &mut vt100::Parser,
    ready: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let deadline = tokio::time::Instant::now() + STEP_LIMIT;
    loop {
        match tokio::time::timeout_at(deadline, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => {
                screen.process(&data);
                let text = screen.screen().contents();
                if ready(&text) {
                    return Ok(text);
                }
            }
            Ok(Some(ChannelMsg::Eof | ChannelMsg::Close) | None) => {
                return Err(format!("closed: {}", screen.screen().contents().trim()));
            }
            Ok(Some(_)) => {}
            Err(_) => return Err(format!("timed out: {}", screen.screen().contents().trim())),
        }
    }
}

/// One person's connection and channel.
struct Seat {
    handle: Handle<Client>,
    channel: Channel<Msg>,
    screen: vt100::Parser,
}

async fn seat(options: &Options, key: Option<&Arc<PrivateKey>>) -> Result<Seat, String> {
    let handle = login(options, key).await?;
    let channel = open_shell(&handle, options).await?;
    let screen = vt100::Parser::new(options.rows, options.cols, 0);
    Ok(Seat {
        handle,
        channel,
        screen,
    })
}

/// A client on the welcome screen, with its session code.
async fn client(options: &Options) -> Result<(Seat, String), String> {
    let mut client = seat(options, None).await?;
    let text = read_until(&mut client.channel, &mut client.screen, |s| {
        s.contains("Session code: ")
    })
    .await?;
    let at = text
        .find("Session code: ")
        .map(|i| i + "Session code: ".len());
    let code = at.and_then(|i| text.get(i..i + 7)).ok_or("no code")?;
    Ok((client, code.to_string()))
}

/// A client and a consultant who joined it with the right to answer.
async fn pair(options: &Options, key: &Arc<PrivateKey>) -> Result<(Seat, Seat), String> {
    let (mut client, code) = client(options).await?;
    let mut consultant = seat(options, Some(key)).await?;
    read_until(&mut consultant.channel, &mut consultant.screen, |s| {
        s.contains("consultant console")
    })
    .await?;
    send(&consultant.channel, format!("{code}\r").as_bytes()).await?;
    read_until(&mut client.channel, &mut client.screen, |s| {
        s.contains("asks to join")
    })
    .await?;
    send(&client.channel, b"d").await?;
    read_until(&mut consultant.channel, &mut consultant.screen, |s| {
        s.contains("can answer with the client")
    })
    .await?;
    Ok((client, consultant))
}

async fn send(channel: &Channel<Msg>, bytes: &[u8]) -> Result<(), String> {
    channel.data(bytes).await.map_err(|e| format!("send: {e}"))
}

/// Presses Down/Up `k` times on `client`, timing each key to the next data on `watcher` (the
/// consultant, or the client itself when alone).
async fn type_on(
    client: Seat,
    mut watcher: Option<Seat>,
    (k, interval, offset): (usize, Duration, Duration),
    barrier: Arc<Barrier>,
) -> (Vec<f64>, Option<String>) {
    let mut samples = Vec::with_capacity(k);
    let (mut read, write) = client.channel.split();
    // The client reads its own frames as a terminal would; the times are taken on the watcher.
    let drain = tokio::spawn(async move {
        while let Some(message) = read.wait().await {
            if matches!(message, ChannelMsg::Close) {
                break;
            }
        }
    });
    barrier.wait().await;
    let mut next = tokio::time::Instant::now() + offset;
    let mut failure = None;
    for key in 0..k {
        tokio::time::sleep_until(next).await;
        next += interval;
        let bytes = if key % 2 == 0 { DOWN } else { UP };
        let sent = Instant::now();
        if let Err(e) = write.data(bytes).await {
            failure = Some(format!("send: {e}"));
            break;
        }
        let answer = match &mut watcher {
            Some(w) => answer_to(&mut w.channel, sent).await,
            None => Err("alone".into()),
        };
        match answer {
            Ok(rtt) => samples.push(ms(rtt)),
            Err(e) if e == "alone" => {}
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
        if let Some(w) = &mut watcher {
            while let Ok(Some(_)) = tokio::time::timeout_at(next, w.channel.wait()).await {}
        }
    }
    drain.abort();
    for handle in std::iter::once(&client.handle).chain(watcher.as_ref().map(|w| &w.handle)) {
        let _ = handle
            .disconnect(Disconnect::ByApplication, "done", "en")
            .await;
    }
    (samples, failure)
}

/// `pairs P A K`.
pub async fn pairs(
    options: &Options,
    (p, a, k): (usize, usize, usize),
    key: &Arc<PrivateKey>,
    pid: Option<u32>,
) -> Result<(), String> {
    let before = server_rss(pid);
    let mut pairs = Vec::with_capacity(p);
    for _ in 0..p {
        pairs.push(pair(options, key).await?);
    }
    let with_pairs = server_rss(pid);
    let mut alone = Vec::with_capacity(a);
    for _ in 0..a {
        alone.push(client(options).await?.0);
    }
    println!("pairs: {p} pairs answering together and {a} clients alone; {k} keys each");
    let typists = p + a;
    let barrier = Arc::new(Barrier::new(typists));
    let mut tasks = Vec::with_capacity(typists);
    let seats = pairs
        .into_iter()
        .map(|(c, w)| (c, Some(w)))
        .chain(alone.into_iter().map(|c| (c, None)));
    for (i, (client, watcher)) in seats.enumerate() {
        let offset = options.interval.mul_f64(i as f64 / typists as f64);
        let timing = (k, options.interval, offset);
        tasks.push(tokio::spawn(type_on(
            client,
            watcher,
            timing,
            Arc::clone(&barrier),
        )));
    }
    let mut all = Vec::new();
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
    report(
        &mut all,
        &failures,
        (p, a, typists * k),
        (before, with_pairs),
    )
}

/// Prints the summary line of `pairs`.
fn report(
    all: &mut [f64],
    failures: &[String],
    (p, a, keys): (usize, usize, usize),
    (before, with_pairs): (Option<u64>, Option<u64>),
) -> Result<(), String> {
    if all.is_empty() {
        return Err(format!("no samples; {failures:?}"));
    }
    let s = summarize(all);
    let per_pair = match (before, with_pairs) {
        (Some(b), Some(w)) if p > 0 => format!("{}", w.saturating_sub(b) / p as u64),
        _ => "?".into(),
    };
    println!(
        "pairs: pairs={p} alone={a} keys={keys} other_viewer_samples={} min={:.3} median={:.3} p95={:.3} p99={:.3} max={:.3} ms rss_kb_per_pair={per_pair} failures={}",
        s.count,
        s.min,
        s.median,
        s.p95,
        s.p99,
        s.max,
        failures.len()
    );
    failures.first().map_or(Ok(()), |f| {
        Err(format!("{} failed; first: {f}", failures.len()))
    })
}

/// `kept N`.
pub async fn kept(options: &Options, n: usize, pid: Option<u32>) -> Result<(), String> {
    let before = server_rss(pid);
    let mut clients = Vec::with_capacity(n);
    for _ in 0..n {
        clients.push(client(options).await?.0);
    }
    let open = server_rss(pid);
    for c in &clients {
        let _ = c
            .handle
            .disconnect(Disconnect::ByApplication, "drop", "en")
            .await;
    }
    drop(clients);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let kept = server_rss(pid);
    let kb = |v: Option<u64>| v.map_or("?".into(), |v| v.to_string());
    println!(
        "kept: sessions={n} rss_kb_before={} rss_kb_connected={} rss_kb_kept={}",
        kb(before),
        kb(open),
        kb(kept)
    );
    Ok(())
}
