//! `kouteki serve` end to end, in process: every test starts a server with `kouteki::ssh::start` on
//! 127.0.0.1:0 (a fresh ed25519 host key, short time limits, a fixed evaluation date), drives it with
//! russh's client through a `vt100` terminal (tests/ssh/client.rs), and stops it with `stop()`.
//! Every wait is bounded. Like OpenSSH's client, the test client disconnects when its session
//! channel closes (unless told to stay). The heavy tests (50 sessions, the two that measure the
//! process's RSS, and memory.rs's 64 sessions at 500×200) run alone: they take the write side of a lock the other tests share.

mod algorithms;
mod client;
mod consultation;
mod haproxy;
mod interview;
mod memory;
mod throttle;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::support::HEAVY;
use crate::support::content::question_on_screen;
use crate::support::screen::{column_of, marked_option};
use client::{Auth, COLS, Client, Connection, DEADLINE, Event, Options, ROWS};
use interview::{
    Persona, banner_line, case_names, check_result, content, is_welcome, persona, walk_to_result,
    walk_to_review,
};
use jiff::civil::{Date, date};
use kouteki::ssh::access::AccessCode;
use kouteki::ssh::limits::Caps;
use kouteki::ssh::throttle::ThrottleSettings;
use kouteki::ssh::{AuthPolicy, ServeSettings, ServerHandle, Timeouts};
use rand::RngExt;
use russh::keys::{Algorithm, PrivateKey};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::timeout;

/// The evaluation date of every server here.
const AS_OF: Date = date(2026, 11, 27);
/// The access code of the servers that take one.
const CODE: &str = "123-456-789";

// ------------------------------------------------------------------------------------ servers

fn new_key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("an ed25519 key")
}

/// Settings for a test server: anonymous access, roomy caps, short time limits.
fn settings() -> ServeSettings {
    ServeSettings {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        content: content(),
        host_key: new_key(),
        auth: AuthPolicy {
            keys: Vec::new(),
            code: None,
            anonymous: true,
            consultants: Vec::new(),
        },
        caps: Caps {
            sessions: 64,
            unauthenticated: 64,
            per_ip: 64,
        },
        // Tests open many connections at once; tests/ssh/throttle.rs sets its own numbers.
        throttle: ThrottleSettings {
            rate: 10_000.0,
            burst: 10_000,
            penalty_after: 0,
            penalty: Duration::from_secs(1),
        },
        proxy: None,
        instances: kouteki::ssh::instance::Instances::default(),
        max_auth_attempts: 4,
        timeouts: Timeouts {
            login_grace: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            max_session: Duration::from_secs(120),
            keepalive: Duration::from_secs(60),
            auth_failure_delay: Duration::from_millis(20),
            // Kept sessions have their own tests (consultation.rs); elsewhere a drop ends one.
            resume_grace: Duration::ZERO,
            ..Timeouts::default()
        },
        record_dir: None,
        as_of: Some(AS_OF),
    }
}

async fn start(settings: ServeSettings) -> ServerHandle {
    timeout(DEADLINE, kouteki::ssh::start(settings))
        .await
        .expect("the server starts in time")
        .expect("the server starts")
}

/// Stops the server; panics if that takes much longer than the 5 s the server allows itself.
async fn stop(server: ServerHandle) {
    timeout(Duration::from_secs(8), server.stop())
        .await
        .expect("stop() returns within 8 s");
}

/// Polls until `ready` holds or `within` passed; whether it held.
async fn eventually(within: Duration, ready: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if ready() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    ready()
}

async fn assert_sessions(server: &ServerHandle, n: usize, what: &str) {
    let reached = eventually(Duration::from_secs(10), || server.sessions() == n).await;
    assert!(
        reached,
        "{what}: sessions() is {}, expected {n}",
        server.sessions()
    );
}

fn anonymous() -> Options {
    Options::new(Auth::Anonymous)
}

/// The personas usable at [`AS_OF`] (the interview asks nothing they leave unanswered).
fn personas() -> Vec<Persona> {
    case_names()
        .iter()
        .filter_map(|name| persona(name, AS_OF))
        .collect()
}

/// The persona with the fewest questions at [`AS_OF`], for tests that only need some result.
fn shortest_persona() -> Persona {
    personas()
        .into_iter()
        .min_by_key(|p| p.answers.len())
        .expect("a persona")
}

/// Quits with q, y and waits for the channel to close.
async fn quit(client: &Client) {
    client.send(b"q").await;
    client
        .wait_for("the quit confirmation", |s| s.contains("Quit kouteki?"))
        .await;
    client.send(b"y").await;
    client.wait_closed(DEADLINE).await;
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/self/status")
}

// ------------------------------------------------------------------------------------ 1. key login, a whole interview

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_login_completes_an_interview_and_shows_the_engines_result() {
    let _shared = HEAVY.read().await;
    let key = Arc::new(new_key());
    let mut settings = settings();
    settings.auth = AuthPolicy {
        keys: vec![key.public_key().clone()],
        code: None,
        anonymous: false,
        consultants: Vec::new(),
    };
    let server = start(settings).await;
    let persona = persona("03-engineer-unpaid-premiums", AS_OF).expect("usable at AS_OF");
    assert_eq!(persona.case_as_of, AS_OF.to_string(), "the case's own date");
    assert_eq!(
        persona.overall, persona.case_overall,
        "the engine agrees with the case"
    );

    let client = Client::start(server.local_addr, Options::new(Auth::Key(key)))
        .await
        .named("key client");
    let screen = client.wait_for("the welcome screen", is_welcome).await;
    assert!(
        screen.contains("Public duties check") && screen.contains("server's memory"),
        "the SSH welcome tells where the answers live:\n{screen}"
    );
    assert_eq!(server.sessions(), 1);
    let asked = walk_to_review(&client, &persona.answers).await;
    let asked: BTreeSet<&str> = asked.iter().map(String::as_str).collect();
    let answered: BTreeSet<&str> = persona.answers.keys().map(String::as_str).collect();
    assert_eq!(asked, answered, "questions asked vs the persona's answers");
    client
        .wait_for("Show results selected", |s| s.contains("▶ Show results"))
        .await;
    client.send(b"\r").await;
    let screen = client
        .wait_for("the result", |s| banner_line(s).is_some())
        .await;
    assert_eq!(
        banner_line(&screen).as_deref(),
        Some(crate::support::content::banner(&persona.case_overall)),
        "the banner vs the case's [expect] overall:\n{screen}"
    );
    if let Err(e) = check_result(&screen, &persona) {
        panic!("{e}:\n{screen}");
    }
    quit(&client).await;
    assert_sessions(&server, 0, "after quitting").await;
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 2. window changes

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_change_redraws_and_a_huge_window_is_clamped() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let a = Client::start(server.local_addr, anonymous())
        .await
        .named("resizing client");
    let b = Client::start(server.local_addr, anonymous())
        .await
        .named("bystander");
    a.wait_for("the welcome screen", is_welcome).await;
    a.send(b"\r").await;
    let on_status = |s: &str| question_on_screen(s).is_some_and(|q| q.id == "status");
    let screen = a.wait_for("the first question", on_status).await;
    let help = column_of(&screen, "Why we ask").expect("the help panel");
    assert!(help < 10, "at 100 columns the help is below:\n{screen}");
    assert!(
        screen.lines().all(|l| l.chars().count() <= COLS as usize),
        "nothing beyond column 100"
    );

    a.window_change(120, 40).await;
    let screen = a
        .wait_for("the redraw at 120×40 (help panel on the right)", |s| {
            column_of(s, "Why we ask").is_some_and(|c| c > 50)
                && s.lines().any(|l| l.trim_end().chars().count() > 100)
        })
        .await;
    assert!(on_status(&screen), "still the same question:\n{screen}");
    assert_eq!(
        screen.lines().next().map(|l| l.trim_end().chars().count()),
        Some(119),
        "the header's language tag (and a space) end at the new right edge:\n{screen}"
    );

    // 100000×100000 is clamped (to 500×200, then to the cell budget): the session goes on, drawn
    // no further than the clamp.
    let (cols, rows) = kouteki::ssh::settings::clamp_size(100_000, 100_000);
    let (cols, rows) = (usize::from(cols), usize::from(rows));
    assert!(
        cols * rows <= kouteki::ssh::settings::CELL_BUDGET as usize,
        "{cols}×{rows}"
    );
    a.window_change(100_000, 100_000).await;
    let screen = a
        .wait_for("the redraw at the clamped size", |s| {
            s.lines()
                .next()
                .is_some_and(|l| l.trim_end().chars().count() == cols - 1)
        })
        .await;
    let widest = screen
        .lines()
        .map(|l| l.trim_end().chars().count())
        .max()
        .unwrap_or(0);
    assert!(widest <= cols, "drawn up to column {widest} of {cols}");
    let last_row = screen
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, _)| n)
        .max()
        .unwrap_or(0);
    assert!(last_row < rows, "drawn down to row {last_row} of {rows}");
    assert!(on_status(&screen), "still the same question");
    let before = marked_option(&screen);
    a.send(b"\x1b[B").await;
    a.wait_for("the marker to move at the clamped size", |s| {
        marked_option(s).is_some() && marked_option(s) != before
    })
    .await;

    // The other client is served as before.
    b.wait_for("the welcome screen", is_welcome).await;
    b.send(b"\r").await;
    b.wait_for("the bystander's first question", on_status)
        .await;
    b.send(b"\x1b[B").await;
    b.wait_for("the bystander's marker to move", |s| {
        marked_option(s).is_some_and(|m| m.starts_with("HighlySkilled"))
    })
    .await;
    assert_eq!(server.sessions(), 2);

    // Too small, or no size at all (0×0 means unknown: 80×24).
    a.window_change(30, 8).await;
    a.wait_for("the enlarge message at 30×8", |s| {
        crate::support::screen::squeeze(s).contains("Pleaseenlargetheterminal")
    })
    .await;
    a.set_view(80, 24);
    assert!(
        a.try_window_change(0, 0).await,
        "a 0×0 window change is sent"
    );
    a.wait_for("the question at 80×24 after a 0×0 window", |s| {
        on_status(s)
            && s.lines()
                .next()
                .is_some_and(|l| l.trim_end().chars().count() == 79)
    })
    .await;

    a.window_change(COLS, ROWS).await;
    let screen = a
        .wait_for("the question again at 100×32", |s| {
            on_status(s) && column_of(s, "Why we ask").is_some_and(|c| c < 10)
        })
        .await;
    assert!(
        screen.lines().all(|l| l.chars().count() <= COLS as usize),
        "back within 100 columns:\n{screen}"
    );
    assert!(!a.term().closed() && !b.term().closed());
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 3. credentials

fn code_settings(key: &PrivateKey) -> ServeSettings {
    let mut settings = settings();
    settings.auth = AuthPolicy {
        keys: vec![key.public_key().clone()],
        code: Some(AccessCode::chosen(CODE).expect("a valid code")),
        anonymous: false,
        consultants: Vec::new(),
    };
    settings.max_auth_attempts = 2;
    settings
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_are_refused_and_the_client_dropped_after_the_limit() {
    let _shared = HEAVY.read().await;
    let key = new_key();
    let server = start(code_settings(&key)).await;
    let addr = server.local_addr;

    let mut conn = Connection::open(addr).await.expect("connects");
    assert!(
        !conn.login(&Auth::Key(Arc::new(new_key()))).await.unwrap(),
        "an unknown key is refused"
    );
    let mut conn2 = Connection::open(addr).await.expect("connects");
    assert!(
        !conn2.login(&Auth::Anonymous).await.unwrap(),
        "no anonymous access unless allowed"
    );
    drop((conn, conn2));

    // max_auth_attempts = 2: two wrong codes, then even the right one is too late.
    let mut conn = Connection::open(addr).await.expect("connects");
    for wrong in ["123-456-788", "987654321"] {
        assert!(
            !conn.login(&Auth::Password(wrong.into())).await.unwrap(),
            "{wrong} is refused"
        );
    }
    let third = conn.login(&Auth::Password(CODE.into())).await;
    assert!(
        !matches!(third, Ok(true)),
        "a third attempt after the limit must not log in"
    );
    assert!(
        conn.wait_closed(Duration::from_secs(5)).await,
        "the server disconnects a client that used up its attempts"
    );

    // Wrong code by keyboard-interactive.
    let mut conn = Connection::open(addr).await.expect("connects");
    assert!(
        !conn
            .login(&Auth::Interactive("000-000-000".into()))
            .await
            .unwrap()
    );
    assert_eq!(server.sessions(), 0);
    drop(conn);
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_code_and_an_authorized_key_let_clients_in() {
    let _shared = HEAVY.read().await;
    let key = Arc::new(new_key());
    let server = start(code_settings(&key)).await;
    let addr = server.local_addr;
    let ways = [
        Auth::Password("123456789".into()),
        Auth::Password(CODE.into()),
        Auth::Password(" 123 456 789 ".into()),
        Auth::Interactive("123-456 789".into()),
        Auth::Key(Arc::clone(&key)),
    ];
    for (n, auth) in ways.into_iter().enumerate() {
        let client = Client::start(addr, Options::new(auth))
            .await
            .named(format!("login way {n}"));
        client.wait_for("the welcome screen", is_welcome).await;
        quit(&client).await;
        client.disconnect().await;
    }
    assert_sessions(&server, 0, "after every client quit").await;
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 4. no pty, exec, other requests

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_pty_the_client_is_told_to_use_ssh_t() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let mut opts = anonymous();
    opts.pty = None;
    let client = Client::start(server.local_addr, opts).await.named("no pty");
    client.wait_closed(DEADLINE).await;
    {
        let term = client.term();
        let text = String::from_utf8_lossy(&term.raw).into_owned();
        assert!(
            text.ends_with("\r\n") && text.matches("\r\n").count() == 1,
            "one line ending in \\r\\n: {text:?}"
        );
        assert!(text.contains("ssh -t"), "mentions ssh -t: {text:?}");
        assert!(!text.contains('\x1b'), "no escape sequences: {text:?}");
        assert_eq!(
            term.exit_status(),
            Some(1),
            "exit status 1: {:?}",
            term.events
        );
        let position = |e: &Event| term.events.iter().position(|(x, _)| x == e);
        assert!(
            position(&Event::ExitStatus(1)) < position(&Event::Close),
            "exit status before close: {:?}",
            term.events
        );
        assert_eq!(server.sessions(), 0);
    }
    stop(server).await;
}

/// Collects what a bare channel receives until it closes (or `within` passes).
async fn collect(
    channel: &mut russh::Channel<russh::client::Msg>,
    within: Duration,
) -> (Vec<u8>, Vec<Event>) {
    let mut data = Vec::new();
    let mut events = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    while let Ok(message) = tokio::time::timeout_at(deadline, channel.wait()).await {
        match message {
            Some(russh::ChannelMsg::Data { data: d }) => data.extend_from_slice(&d),
            Some(russh::ChannelMsg::ExitStatus { exit_status }) => {
                events.push(Event::ExitStatus(exit_status));
            }
            Some(russh::ChannelMsg::Success) => events.push(Event::Success),
            Some(russh::ChannelMsg::Failure) => events.push(Event::Failure),
            Some(russh::ChannelMsg::Eof) => events.push(Event::Eof),
            Some(russh::ChannelMsg::Close) => {
                events.push(Event::Close);
                break;
            }
            Some(_) => {}
            None => {
                events.push(Event::Gone);
                break;
            }
        }
    }
    (data, events)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exec_subsystems_forwarding_and_second_channels_are_refused() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let addr = server.local_addr;

    let mut exec_conn = Connection::open(addr).await.expect("connects");
    assert!(exec_conn.login(&Auth::Anonymous).await.unwrap());
    let mut channel = timeout(DEADLINE, exec_conn.handle.channel_open_session())
        .await
        .expect("in time")
        .expect("a session channel");
    timeout(DEADLINE, channel.exec(true, "id"))
        .await
        .expect("in time")
        .expect("sent");
    let (data, events) = collect(&mut channel, Duration::from_secs(5)).await;
    // Refused outright, or accepted only to say why nothing runs and end with status 1.
    let refused = events.first() == Some(&Event::Failure) || events.contains(&Event::ExitStatus(1));
    assert!(refused, "exec is refused: {events:?}");
    assert!(
        !events.contains(&Event::ExitStatus(0)),
        "exec never succeeds: {events:?}"
    );
    assert!(
        events.contains(&Event::Close),
        "the exec channel is closed: {events:?}"
    );
    let text = String::from_utf8_lossy(&data);
    assert!(
        !text.contains("uid=") && !text.contains('\x1b'),
        "no command output, no interview: {text:?}"
    );
    assert!(
        text.is_empty() || (text.ends_with("\r\n") && text.matches("\r\n").count() == 1),
        "at most one line of explanation: {text:?}"
    );
    assert_eq!(server.sessions(), 0);
    drop((channel, exec_conn));

    let mut conn = Connection::open(addr).await.expect("connects");
    assert!(conn.login(&Auth::Anonymous).await.unwrap());
    let mut channel = timeout(DEADLINE, conn.handle.channel_open_session())
        .await
        .expect("in time")
        .expect("a session channel");
    timeout(DEADLINE, channel.request_subsystem(true, "sftp"))
        .await
        .expect("in time")
        .expect("sent");
    let (_, events) = collect(&mut channel, Duration::from_millis(500)).await;
    assert_eq!(
        events.first(),
        Some(&Event::Failure),
        "sftp is refused: {events:?}"
    );
    let second = timeout(DEADLINE, conn.handle.channel_open_session())
        .await
        .expect("in time");
    assert!(
        second.is_err(),
        "one session channel per connection: a second one is refused"
    );
    let forward = timeout(
        DEADLINE,
        conn.handle.channel_open_direct_tcpip(
            "127.0.0.1",
            u32::from(addr.port()),
            "127.0.0.1",
            4000,
        ),
    )
    .await
    .expect("in time");
    assert!(forward.is_err(), "direct-tcpip (ssh -L) is refused");
    let remote = timeout(DEADLINE, conn.handle.tcpip_forward("127.0.0.1", 0))
        .await
        .expect("in time");
    assert!(remote.is_err(), "tcpip-forward (ssh -R) is refused");
    assert_eq!(server.sessions(), 0);
    drop((channel, conn));
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 5. limits

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_sessions_than_the_limit_are_refused_politely() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.caps.sessions = 2;
    let server = start(settings).await;
    let addr = server.local_addr;
    let first = Client::start(addr, anonymous()).await.named("first");
    let second = Client::start(addr, anonymous()).await.named("second");
    first.wait_for("the welcome screen", is_welcome).await;
    second.wait_for("the welcome screen", is_welcome).await;
    assert_eq!(server.sessions(), 2);

    let third = Client::start(addr, anonymous()).await.named("third");
    third.wait_closed(DEADLINE).await;
    {
        let term = third.term();
        let text = String::from_utf8_lossy(&term.raw).into_owned();
        assert!(
            text.contains("all consultation slots are in use")
                && text.ends_with("\r\n")
                && text.matches("\r\n").count() == 1,
            "one polite line: {text:?}"
        );
        assert_eq!(term.exit_status(), Some(1), "{:?}", term.events);
    }
    assert_eq!(server.sessions(), 2, "the refused client took no slot");

    quit(&first).await;
    first.disconnect().await;
    assert_sessions(&server, 1, "after the first client quit").await;
    let fourth = Client::start(addr, anonymous()).await.named("fourth");
    fourth
        .wait_for("the welcome screen in the freed slot", is_welcome)
        .await;
    assert!(!second.term().closed(), "the second client is untouched");
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_per_address_are_limited() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.caps.per_ip = 1;
    let server = start(settings).await;
    let addr = server.local_addr;
    let a = Client::start(addr, anonymous().from([127, 0, 0, 2]))
        .await
        .named("127.0.0.2 #1");
    a.wait_for("the welcome screen", is_welcome).await;
    let again = Client::start(addr, anonymous().from([127, 0, 0, 2]))
        .await
        .named("127.0.0.2 #2");
    again.wait_closed(DEADLINE).await;
    {
        let term = again.term();
        let text = String::from_utf8_lossy(&term.raw).into_owned();
        assert!(
            text.contains("several consultations open from your address") && text.ends_with("\r\n"),
            "the per-address line: {text:?}"
        );
        assert_eq!(term.exit_status(), Some(1));
    }
    let other = Client::start(addr, anonymous().from([127, 0, 0, 3]))
        .await
        .named("127.0.0.3");
    other
        .wait_for("the welcome screen from another address", is_welcome)
        .await;
    assert_eq!(server.sessions(), 2);
    stop(server).await;
}

/// Reads until EOF (or an error, or `within`); the bytes read and whether the stream ended.
async fn read_to_end(stream: &mut tokio::net::TcpStream, within: Duration) -> (Vec<u8>, bool) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (got, true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (got, false),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthenticated_connections_are_capped_and_given_a_login_grace() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.caps.unauthenticated = 1;
    settings.timeouts.login_grace = Duration::from_secs(1);
    let server = start(settings).await;
    let addr = server.local_addr;
    let local = std::net::IpAddr::from([127, 0, 0, 1]);

    // A connection that sends nothing holds the one place...
    let mut holder = client::tcp_from(local, addr).await.expect("connects");
    let held_at = Instant::now();
    assert!(
        eventually(DEADLINE, || server.unauthenticated() == 1).await,
        "the silent connection counts as unauthenticated"
    );
    // ...so the next one is closed at once, before any SSH.
    let mut next = client::tcp_from(local, addr).await.expect("connects");
    let (got, ended) = read_to_end(&mut next, Duration::from_secs(2)).await;
    assert!(ended, "the connection over the cap is closed at once");
    assert!(
        !String::from_utf8_lossy(&got).contains("SSH-"),
        "no SSH with a refused connection"
    );
    // The login grace (1 s) ends the silent one.
    let (_, ended) = read_to_end(&mut holder, Duration::from_secs(5)).await;
    let held = held_at.elapsed();
    assert!(ended, "the login grace closes a silent connection");
    assert!(
        held >= Duration::from_millis(800),
        "closed after the grace, not before: {held:?}"
    );
    assert!(eventually(DEADLINE, || server.unauthenticated() == 0).await);

    // A client that completes the handshake but never logs in is disconnected after the grace too.
    let conn = Connection::open(addr).await.expect("connects");
    let started = Instant::now();
    assert!(
        conn.wait_closed(Duration::from_secs(5)).await,
        "the login grace disconnects a client that never authenticates"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "not before the grace: {:?}",
        started.elapsed()
    );
    assert!(eventually(DEADLINE, || server.unauthenticated() == 0).await);

    // After all that the server still serves.
    let client = Client::start(addr, anonymous()).await.named("after");
    client.wait_for("the welcome screen", is_welcome).await;
    stop(server).await;
}

/// A client that sends its SSH identification and then nothing (stuck in the key exchange) is still
/// held to the login grace, and gives its unauthenticated place back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_grace_also_ends_a_client_stuck_in_the_key_exchange() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.caps.unauthenticated = 1;
    settings.timeouts.login_grace = Duration::from_secs(1);
    let server = start(settings).await;
    let addr = server.local_addr;
    let mut stuck = client::tcp_from(std::net::IpAddr::from([127, 0, 0, 1]), addr)
        .await
        .expect("connects");
    stuck
        .write_all(b"SSH-2.0-stuck\r\n")
        .await
        .expect("identification sent");
    assert!(eventually(DEADLINE, || server.unauthenticated() == 1).await);
    let (_, ended) = read_to_end(&mut stuck, Duration::from_secs(4)).await;
    assert!(
        ended,
        "a client stuck in the key exchange is still connected 4 s after a 1 s login grace"
    );
    assert!(
        eventually(Duration::from_secs(2), || server.unauthenticated() == 0).await,
        "its unauthenticated place is not given back: unauthenticated() = {}",
        server.unauthenticated()
    );
    let client = Client::start(addr, anonymous()).await.named("after");
    client.wait_for("the welcome screen", is_welcome).await;
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 6. concurrency

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_sessions_each_see_their_own_result() {
    let _alone = HEAVY.write().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let personas = personas();
    assert!(
        personas.len() >= 20,
        "at least 20 golden personas usable at {AS_OF}: {}",
        personas.len()
    );
    let overalls: BTreeSet<&str> = personas.iter().map(|p| p.overall.as_str()).collect();
    assert!(
        overalls.len() >= 3,
        "personas of several severities: {overalls:?}"
    );
    println!(
        "{} personas usable at {AS_OF}, overall severities {overalls:?}",
        personas.len()
    );
    let started = Instant::now();
    // All 50 are in session before any starts its interview, and all 50 show their results at
    // once before any quits.
    let logged_in = Arc::new(tokio::sync::Barrier::new(50));
    let at_results = Arc::new(tokio::sync::Barrier::new(50));
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..50 {
        let persona = personas[n % personas.len()].clone();
        let (logged_in, at_results) = (Arc::clone(&logged_in), Arc::clone(&at_results));
        tasks.spawn(async move {
            let name = format!("client {n} ({})", persona.name);
            let client = Client::start(addr, anonymous()).await.named(name.clone());
            client.wait_for("the welcome screen", is_welcome).await;
            if timeout(Duration::from_secs(30), logged_in.wait())
                .await
                .is_err()
            {
                return Err(format!("{name}: the 50 sessions were never all logged in"));
            }
            let screen = walk_to_result(&client, &persona).await;
            if timeout(Duration::from_secs(30), at_results.wait())
                .await
                .is_err()
            {
                return Err(format!("{name}: the 50 sessions never all reached results"));
            }
            let screen_now = client.screen();
            let checked = check_result(&screen, &persona)
                .and_then(|()| check_result(&screen_now, &persona))
                .map_err(|e| format!("{e}:\n{screen_now}"));
            quit(&client).await;
            checked
        });
    }
    assert!(
        eventually(Duration::from_secs(30), || server.sessions() == 50).await,
        "50 sessions at once: sessions() = {}",
        server.sessions()
    );
    let mut failures = Vec::new();
    let all = timeout(Duration::from_secs(90), async {
        while let Some(done) = tasks.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(e)) => failures.push(e),
                Err(e) => failures.push(format!("a client task failed: {e}")),
            }
        }
    })
    .await;
    assert!(all.is_ok(), "the 50 sessions did not finish in 90 s");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    println!("50 sessions to their results in {:?}", started.elapsed());
    assert_sessions(&server, 0, "after 50 sessions").await;
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 7. faults

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_disconnects_mid_interview_frees_its_session() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let persona = shortest_persona();
    for polite in [false, true] {
        let client = Client::start(addr, anonymous()).await.named("leaves early");
        client.wait_for("the welcome screen", is_welcome).await;
        client.send(b"\r").await;
        client
            .wait_for("the first question", |s| question_on_screen(s).is_some())
            .await;
        client.send(b"\x1b[B\x1b[B").await;
        client.send(b"\r").await;
        client
            .wait_for("the second question", |s| {
                question_on_screen(s).is_some_and(|q| q.id != "status")
            })
            .await;
        assert_eq!(server.sessions(), 1);
        if polite {
            client.disconnect().await;
        }
        drop(client);
        assert_sessions(&server, 0, "after a client left mid-interview").await;
    }
    // The server goes on serving.
    let client = Client::start(addr, anonymous()).await.named("next");
    let screen = walk_to_result(&client, &persona).await;
    if let Err(e) = check_result(&screen, &persona) {
        panic!("{e}:\n{screen}");
    }
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_does_not_grow_the_servers_memory() {
    let _alone = HEAVY.write().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let stalled = Arc::new(AtomicBool::new(false));
    let mut opts = anonymous();
    opts.stall = Some(Arc::clone(&stalled));
    let slow = Client::start(addr, opts).await.named("stops reading");
    slow.wait_for("the welcome screen", is_welcome).await;
    slow.send(b"\r").await;
    slow.wait_for("the first question", |s| question_on_screen(s).is_some())
        .await;
    let persona = shortest_persona();
    let other = Client::start(addr, anonymous()).await.named("other");
    other.wait_for("the welcome screen", is_welcome).await;

    stalled.store(true, Ordering::SeqCst);
    let before = rss_kib();
    // Big redraws (whole 500×200 screens after each window change) and moves, for 4 seconds, while
    // nothing the server sends is read.
    let flood = async {
        let until = Instant::now() + Duration::from_secs(4);
        let (mut sent, mut i) = (0usize, 0u32);
        while Instant::now() < until {
            let size = if i % 2 == 0 { (500, 200) } else { (499, 199) };
            let resized = timeout(
                Duration::from_millis(200),
                slow.try_window_change(size.0, size.1),
            )
            .await;
            let keyed = timeout(
                Duration::from_millis(200),
                slow.try_send(b"\x1b[B\x1b[A\x1b[B\x1b[A"),
            )
            .await;
            if matches!(resized, Ok(true)) && matches!(keyed, Ok(true)) {
                sent += 1;
            }
            i += 1;
            tokio::task::yield_now().await;
        }
        sent
    };
    // Meanwhile the other client is served normally: a whole interview.
    let served = async {
        walk_to_review(&other, &persona.answers).await;
        other
            .wait_for("Show results selected", |s| s.contains("▶ Show results"))
            .await;
        other.send(b"\r").await;
        other
            .wait_for("the result", |s| banner_line(s).is_some())
            .await
    };
    let (sent, screen) = tokio::join!(flood, served);
    if let Err(e) = check_result(&screen, &persona) {
        panic!("{e}:\n{screen}");
    }
    let after = rss_kib();
    let grown = after.saturating_sub(before) / 1024;
    println!(
        "a client that stops reading: {sent} rounds of window changes and keys sent; RSS {} MiB → {} MiB",
        before / 1024,
        after / 1024
    );
    assert!(
        grown < 50,
        "RSS grew by {grown} MiB while a client did not read"
    );
    assert!(!other.term().closed(), "the other client is still served");
    quit(&other).await;
    drop(slow);
    assert_sessions(&server, 0, "after the stalled client went away").await;
    stop(server).await;
}

/// Random bytes 0..=255, except the few that would (rightly) end the session: Ctrl-C, and the
/// answers that confirm a quit the garbage may have asked for (y, Y, Enter).
fn garbage(len: usize) -> Vec<u8> {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| rng.random_range(0..=255u8))
        .filter(|b| !matches!(b, 0x03 | b'y' | b'Y' | b'\r' | b'\n'))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_bytes_do_not_end_the_session_or_the_server() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let victim = Client::start(addr, anonymous()).await.named("garbage");
    let other = Client::start(addr, anonymous()).await.named("other");
    victim.wait_for("the welcome screen", is_welcome).await;
    other.wait_for("the welcome screen", is_welcome).await;

    for _ in 0..64 {
        victim.send(&garbage(1024)).await;
    }
    let mut nasty: Vec<Vec<u8>> = vec![
        [b"\x1b[".as_slice(), &b"9".repeat(10_000), b"A"].concat(),
        vec![0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x92],
        b"\x1b]0;title\x07\x1bP+q544e\x1b\\\x1b[?1049h\x1b[6n".to_vec(),
        [b"\x1b[200~".as_slice(), &b"x".repeat(100_000), b"\x1b[201~"].concat(),
    ];
    nasty.push(b"\x1b".to_vec());
    for bytes in &nasty {
        victim.send(bytes).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    {
        let term = victim.term();
        assert!(
            !term.closed() && term.exit_status().is_none(),
            "garbage ended the session: {:?}",
            term.events
        );
    }
    assert_eq!(server.sessions(), 2, "both sessions still run");

    // The other client is served; the garbage client still answers its keys.
    other.send(b"\r").await;
    other
        .wait_for("the other client's first question", |s| {
            question_on_screen(s).is_some()
        })
        .await;
    victim.send(b"\x03").await;
    victim
        .wait_term(
            "Ctrl-C to end the session after the garbage (the session must still answer keys)",
            Duration::from_secs(5),
            |t| t.closed().then_some(()),
        )
        .await;
    {
        let term = victim.term();
        assert_eq!(
            term.exit_status(),
            Some(0),
            "Ctrl-C quits: {:?}",
            term.events
        );
        let last = term.screen_at_close.clone().unwrap_or_default();
        assert!(
            last.contains("Thank you.") || last.contains("ご利用ありがとうございました"),
            "the farewell after garbage:\n{last}"
        );
    }
    let next = Client::start(addr, anonymous()).await.named("next");
    next.wait_for("a new client's welcome", is_welcome).await;
    stop(server).await;
}

/// One byte that is not UTF-8 (a Latin-1 "é" typed in a terminal set to ISO-8859-1, or line noise)
/// must not stop the keyboard: the keys after it still work.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_byte_that_is_not_utf8_does_not_stop_the_keyboard() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let client = Client::start(server.local_addr, anonymous())
        .await
        .named("latin-1");
    client.wait_for("the welcome screen", is_welcome).await;
    client.send(b"\xe9").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    client.send(b"\r").await;
    client
        .wait_for_within(
            "Enter (after a byte 0xE9) to start the interview",
            Duration::from_secs(5),
            |s| question_on_screen(s).is_some(),
        )
        .await;
    stop(server).await;
}

/// Input that never ends a sequence (a bracketed paste without its end, or bytes after one that is
/// not UTF-8) is bounded like everything else a client sends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unending_input_does_not_grow_the_servers_memory() {
    let _alone = HEAVY.write().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let chunk = vec![b'x'; 32 * 1024];
    let mut report = Vec::new();
    for (what, start) in [
        ("a paste without its end", b"\x1b[200~".as_slice()),
        ("bytes after 0xFF", b"\xff".as_slice()),
    ] {
        let client = Client::start(addr, anonymous()).await.named(what);
        client.wait_for("the welcome screen", is_welcome).await;
        let before = rss_kib();
        client.send(start).await;
        // 64 MiB, in 32 KiB packets.
        for _ in 0..2048 {
            client.send(&chunk).await;
        }
        // The server has taken it all in when it answers a window change (sent again should one be
        // dropped with the input).
        client.set_view(120, 40);
        let mut redrawn = false;
        for _ in 0..20 {
            assert!(
                client.try_window_change(120, 40).await,
                "{what}: window change"
            );
            let wide = |t: &client::Term| {
                let screen = t.screen();
                screen
                    .lines()
                    .any(|l| l.trim_end().chars().count() > 100)
                    .then_some(())
            };
            if client
                .poll_term(Duration::from_millis(500), wide)
                .await
                .is_some()
            {
                redrawn = true;
                break;
            }
        }
        assert!(redrawn, "{what}: no redraw at 120 columns after the input");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let grown = rss_kib().saturating_sub(before) / 1024;
        report.push(format!("{what}: RSS +{grown} MiB after 64 MiB of input"));
        println!("{}", report.last().unwrap());
        drop(client);
        assert_sessions(&server, 0, what).await;
        if grown >= 32 {
            report.push(format!("{what}: too much"));
        }
    }
    stop(server).await;
    assert!(
        !report.iter().any(|r| r.ends_with("too much")),
        "{}",
        report.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quitting_restores_the_clients_terminal() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let client = Client::start(server.local_addr, anonymous())
        .await
        .named("quits");
    client.wait_for("the welcome screen", is_welcome).await;
    {
        let term = client.term();
        let screen = term.parser.screen();
        assert!(
            screen.alternate_screen(),
            "the interview uses the alternate screen"
        );
        assert!(screen.bracketed_paste(), "bracketed paste is on");
    }
    client.send(b"\r").await;
    let on_question = |s: &str| question_on_screen(s).is_some();
    client.wait_for("a question", on_question).await;
    client.esc().await;
    client
        .wait_for("Esc asks to quit", |s| s.contains("Quit kouteki?"))
        .await;
    client.send(b"n").await;
    client
        .wait_for("n keeps the session", |s| {
            on_question(s) && !s.contains("Quit kouteki?")
        })
        .await;
    client.send(b"q").await;
    client
        .wait_for("q asks to quit", |s| s.contains("Quit kouteki?"))
        .await;
    client.send(b"y").await;
    client.wait_closed(DEADLINE).await;

    {
        let term = client.term();
        let farewell =
            "Thank you. Your answers were not kept on the server unless you agreed to recording.";
        let last = term.screen_at_close.clone().unwrap_or_default();
        assert!(last.contains(farewell), "the farewell:\n{last}");
        assert_eq!(term.exit_status(), Some(0), "{:?}", term.events);
        let kinds: Vec<&Event> = term
            .events
            .iter()
            .map(|(e, _)| e)
            .filter(|e| !matches!(e, Event::Success))
            .collect();
        assert_eq!(
            kinds,
            [&Event::ExitStatus(0), &Event::Eof, &Event::Close],
            "exit status, EOF, close"
        );
        let screen = term.parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is shown");
        assert!(!screen.bracketed_paste(), "bracketed paste is off");
        let raw = &term.raw;
        let find_last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
        let leave = find_last(b"\x1b[?1049l").expect("leaves the alternate screen");
        let show = find_last(b"\x1b[?25h").expect("shows the cursor");
        assert!(
            leave < show,
            "leave the alternate screen, then show the cursor"
        );
        let tail = String::from_utf8_lossy(&raw[show + 6..]).into_owned();
        assert_eq!(
            tail,
            format!("{farewell}\r\n"),
            "after restoring the terminal only the farewell line"
        );
    }
    assert_sessions(&server, 0, "after quitting").await;
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_overlong_sessions_are_ended() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.timeouts.idle = Duration::from_millis(800);
    settings.timeouts.max_session = Duration::from_secs(2);
    let server = start(settings).await;
    let addr = server.local_addr;

    let idle = Client::start(addr, anonymous()).await.named("idle");
    let busy = Client::start(addr, anonymous()).await.named("busy");
    idle.wait_for("the welcome screen", is_welcome).await;
    busy.wait_for("the welcome screen", is_welcome).await;
    let typing = async {
        // Keeps typing (moving in the welcome menu) until the session is closed.
        for i in 0..100 {
            if busy.term().closed() {
                break;
            }
            let key: &[u8] = if i % 2 == 0 { b"\x1b[B" } else { b"\x1b[A" };
            let _ = busy.try_send(key).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let idle_end = async {
        idle.wait_closed(Duration::from_secs(5)).await;
    };
    tokio::join!(typing, idle_end);
    let last = idle.term().screen_at_close.clone().unwrap_or_default();
    assert!(
        last.contains("The session ended after a long time without input"),
        "the idle farewell:\n{last}"
    );
    busy.wait_closed(Duration::from_secs(5)).await;
    let last = busy.term().screen_at_close.clone().unwrap_or_default();
    assert!(
        last.contains("The session reached its maximum length"),
        "the maximum length ends even a busy session:\n{last}"
    );
    assert_sessions(&server, 0, "after the time limits").await;
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 8. stop

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_tells_clients_and_closes_within_five_seconds() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.timeouts.login_grace = Duration::from_secs(30);
    let server = start(settings).await;
    let addr = server.local_addr;
    let mut opts = anonymous();
    // Unlike OpenSSH's client, this one would keep its connection after the channel closes: the
    // server must close it.
    opts.stay = true;
    let client = Client::start(addr, opts).await.named("in session");
    client.wait_for("the welcome screen", is_welcome).await;
    client.send(b"\r").await;
    client
        .wait_for("a question", |s| question_on_screen(s).is_some())
        .await;
    // A connection that never logs in and never goes away by itself.
    let mut silent = client::tcp_from(std::net::IpAddr::from([127, 0, 0, 1]), addr)
        .await
        .expect("connects");
    silent.write_all(b"SSH-2.0-silent\r\n").await.expect("id");
    assert!(eventually(DEADLINE, || server.unauthenticated() == 1).await);

    let started = Instant::now();
    stop(server).await;
    let took = started.elapsed();
    assert!(
        took <= Duration::from_millis(6500),
        "stop() took {took:?}, more than the 5 s it allows itself"
    );
    client.wait_closed(Duration::from_secs(2)).await;
    let last = client.term().screen_at_close.clone().unwrap_or_default();
    assert!(
        last.contains("The server is closing"),
        "the client was told before the channel closed:\n{last}"
    );
    let refused = timeout(Duration::from_secs(2), tokio::net::TcpStream::connect(addr)).await;
    assert!(
        matches!(refused, Ok(Err(_))),
        "no new connections after stop()"
    );
    // stop() "returns once every connection is closed": the server closes them, even those whose
    // clients would stay.
    assert!(
        client.wait_disconnected(Duration::from_secs(1)).await,
        "the session client's connection is still open after stop() returned"
    );
    let (_, ended) = read_to_end(&mut silent, Duration::from_secs(1)).await;
    assert!(
        ended,
        "a connection still in its key exchange is still open after stop() returned"
    );
}

// ------------------------------------------------------------------------------------ 9. language

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_comes_from_the_clients_env() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let japanese = |s: &str| s.contains("公的義務チェック") && s.contains("チェックを始める");
    let english = |s: &str| s.contains("Public duties check") && s.contains("Start the check");

    let ja = Client::start(addr, anonymous().env("LANG", "ja_JP.UTF-8"))
        .await
        .named("LANG=ja_JP.UTF-8");
    let screen = ja.wait_for("the Japanese welcome", japanese).await;
    assert!(screen.contains("[日本語]"), "{screen}");
    let en = Client::start(addr, anonymous()).await.named("no env");
    en.wait_for("the English welcome", english).await;
    let c = Client::start(addr, anonymous().env("LANG", "en_US.UTF-8"))
        .await
        .named("LANG=en_US.UTF-8");
    c.wait_for("the English welcome", english).await;
    let all = Client::start(
        addr,
        anonymous()
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "ja_JP.UTF-8"),
    )
    .await
    .named("LC_ALL=ja_JP.UTF-8");
    all.wait_for("LC_ALL wins over LANG", japanese).await;
    // L switches at any time.
    ja.send(b"L").await;
    ja.wait_for("switched to English", english).await;
    stop(server).await;
}

/// macOS sends `LC_CTYPE=UTF-8` (with `SendEnv LANG LC_*`): a character set, not a language. The
/// language of messages is LC_ALL, else LC_MESSAGES, else LANG.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lc_ctype_does_not_override_the_language_of_lang() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    let japanese = |s: &str| s.contains("公的義務チェック");
    for order in [
        [("LANG", "ja_JP.UTF-8"), ("LC_CTYPE", "UTF-8")],
        [("LC_CTYPE", "UTF-8"), ("LANG", "ja_JP.UTF-8")],
    ] {
        let mut opts = anonymous();
        for (name, value) in order {
            opts = opts.env(name, value);
        }
        let client = Client::start(addr, opts).await.named(format!("{order:?}"));
        client
            .wait_for_within(
                "the Japanese welcome (LANG=ja_JP.UTF-8, LC_CTYPE=UTF-8)",
                Duration::from_secs(5),
                japanese,
            )
            .await;
    }
    let client = Client::start(
        addr,
        anonymous()
            .env("LC_ALL", "en_US.UTF-8")
            .env("LC_MESSAGES", "ja_JP.UTF-8"),
    )
    .await
    .named("LC_ALL=en, LC_MESSAGES=ja");
    client
        .wait_for("LC_ALL wins over LC_MESSAGES whatever the order", |s| {
            s.contains("Public duties check")
        })
        .await;
    stop(server).await;
}

// ------------------------------------------------------------------------------------ 10. recording

fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the record dir")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_is_asked_and_writes_private_files_only_on_yes() {
    use std::os::unix::fs::PermissionsExt;
    let _shared = HEAVY.read().await;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut settings = settings();
    settings.record_dir = Some(dir.path().to_path_buf());
    let server = start(settings).await;
    let addr = server.local_addr;
    let persona = shortest_persona();
    let consent = "May your consultant keep a copy";

    // "n": nothing is written.
    let no = Client::start(addr, anonymous()).await.named("declines");
    let screen = walk_to_result(&no, &persona).await;
    assert!(screen.contains(consent), "the consent question:\n{screen}");
    no.send(b"n").await;
    let screen = no
        .wait_for("the result without the question", |s| {
            !s.contains(consent) && banner_line(s).is_some()
        })
        .await;
    if let Err(e) = check_result(&screen, &persona) {
        panic!("{e}:\n{screen}");
    }
    quit(&no).await;
    assert!(
        files_in(dir.path()).is_empty(),
        "nothing recorded after n: {:?}",
        files_in(dir.path())
    );

    // "y": the answers, the report and the calendar, mode 0600.
    let yes = Client::start(addr, anonymous()).await.named("agrees");
    let screen = walk_to_result(&yes, &persona).await;
    assert!(screen.contains(consent), "the consent question:\n{screen}");
    yes.send(b"y").await;
    yes.wait_for("the result without the question", |s| {
        !s.contains(consent) && banner_line(s).is_some()
    })
    .await;
    assert!(
        eventually(DEADLINE, || files_in(dir.path()).len() == 3).await,
        "three files recorded: {:?}",
        files_in(dir.path())
    );
    let files = files_in(dir.path());
    let extensions: Vec<String> = files
        .iter()
        .map(|f| {
            f.extension()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(extensions, ["ics", "md", "toml"], "{files:?}");
    for file in &files {
        let mode = std::fs::metadata(file)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{} has mode {mode:o}", file.display());
    }
    let answers = std::fs::read_to_string(&files[2]).expect("the answers");
    let status = persona.answers["status"].as_str().expect("a status");
    assert!(
        answers.contains(&format!("status = \"{status}\"")),
        "the recorded answers:\n{answers}"
    );
    let report = std::fs::read_to_string(&files[1]).expect("the report");
    if let Some((_, title)) = persona.findings.first() {
        assert!(report.contains(title.as_str()), "the report:\n{report}");
    }
    // The recorded answers carry their date and language: `kouteki eval` on them, with no flags,
    // gives the very report recorded beside them.
    assert_eq!(
        eval_recording("markdown", &files[2]),
        report,
        "eval on the recording reproduces its report"
    );
    let calendar = std::fs::read_to_string(&files[0]).expect("the calendar");
    assert_eq!(
        eval_recording("ics", &files[2]),
        calendar,
        "eval on the recording reproduces its calendar"
    );
    quit(&yes).await;
    stop(server).await;

    // Without a record dir nothing is asked.
    let server = start(self::settings()).await;
    let client = Client::start(server.local_addr, anonymous())
        .await
        .named("no recording");
    walk_to_result(&client, &persona).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let screen = client.screen();
    assert!(
        !screen.contains(consent) && banner_line(&screen).is_some(),
        "no consent question without --record-dir:\n{screen}"
    );
    stop(server).await;
}

/// `kouteki eval --format FORMAT` on a recorded answers file, with no other flag (the file carries
/// its date and language).
fn eval_recording(format: &str, answers: &std::path::Path) -> String {
    let eval = std::process::Command::new(env!("CARGO_BIN_EXE_kouteki"))
        .args(["eval", "--format", format, "--answers"])
        .arg(answers)
        .output()
        .expect("kouteki eval runs");
    assert!(eval.status.success(), "{eval:?}");
    String::from_utf8_lossy(&eval.stdout).into_owned()
}
