//! Real HAProxy in front of two `kouteki serve` instances (`--proxy-protocol --trusted-proxy
//! 127.0.0.1`, HAProxy's `send-proxy-v2`, `balance source`): clients come from 127.0.0.2 and
//! 127.0.0.3 through HAProxy (which itself connects from 127.0.0.1). The per-address session
//! limit (`--max-per-ip 1`) holds for 127.0.0.2 while 127.0.0.3 still gets in, the connection
//! throttle refuses a burst from 127.0.0.4, and the instances' logs name the clients' addresses,
//! never HAProxy's. Skipped (`skipped: haproxy not installed`)
//! without haproxy unless `CI` is set. The deployment file `assets/deploy/haproxy.cfg` is checked
//! with `haproxy -c`.

use std::net::{IpAddr, SocketAddr};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use std::sync::Arc;

use super::client::{Client, DEADLINE, tcp_from};
use super::consultation::{ask, client_options, code_on, console};
use super::interview::is_welcome;
use super::{anonymous, eventually, new_key};
use crate::e2e_openssh::{Server, free_port};
use crate::support::HEAVY;
use crate::support::program::all_installed;

/// A running `haproxy -db` (foreground); killed when dropped.
struct Haproxy {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The test's HAProxy configuration: the same settings as `assets/deploy/haproxy.cfg`, on the
/// test's ports: `listen` balances by source over `instances`; each of `direct` (one per instance,
/// possibly none) reaches its instance alone, for consultants.
fn config(listen: SocketAddr, instances: &[SocketAddr], direct: &[SocketAddr]) -> String {
    let server = |n: usize, addr: &SocketAddr| {
        format!("  server k{n} {addr} send-proxy-v2 check check-send-proxy inter 1s\n")
    };
    let mut text = format!(
        "global\n  maxconn 200\n\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 1h\n  timeout server 1h\n\n\
         frontend ssh\n  bind {listen}\n  default_backend kouteki\n\n\
         backend kouteki\n  balance source\n"
    );
    for (n, addr) in instances.iter().enumerate() {
        text.push_str(&server(n, addr));
    }
    for (n, (port, addr)) in direct.iter().zip(instances).enumerate() {
        text.push_str(&format!(
            "\nfrontend direct-k{n}\n  bind {port}\n  default_backend k{n}\n\nbackend k{n}\n"
        ));
        text.push_str(&server(n, addr));
    }
    text
}

async fn start_haproxy(
    listen: SocketAddr,
    instances: &[SocketAddr],
    direct: &[SocketAddr],
) -> Haproxy {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("haproxy.cfg");
    std::fs::write(&path, config(listen, instances, direct)).expect("write haproxy.cfg");
    let child = Command::new("haproxy")
        .arg("-db")
        .arg("-f")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("haproxy starts");
    let haproxy = Haproxy { child, _dir: dir };
    // Wait until it accepts, from an address the assertions do not look at.
    let deadline = Instant::now() + DEADLINE;
    while tcp_from(IpAddr::from([127, 0, 0, 9]), listen)
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "haproxy does not accept on {listen}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    haproxy
}

#[test]
fn the_deployment_config_is_valid_haproxy() {
    if !all_installed(&["haproxy"]) {
        return;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/deploy/haproxy.cfg");
    let output = Command::new("haproxy")
        .args(["-c", "-f", path])
        .output()
        .expect("haproxy -c runs");
    assert!(
        output.status.success(),
        "haproxy -c -f {path}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_haproxy_limits_and_logs_see_the_clients_address() {
    if !all_installed(&["haproxy"]) {
        return;
    }
    let _shared = HEAVY.read().await;
    let flags = [
        "--allow-anonymous",
        "--proxy-protocol",
        "--trusted-proxy",
        "127.0.0.1",
        "--max-per-ip",
        "1",
    ];
    let servers = [Server::start(&flags), Server::start(&flags)];
    let instances: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
    let listen = SocketAddr::from(([127, 0, 0, 1], free_port()));
    let haproxy = start_haproxy(listen, &instances, &[]).await;

    let first = Client::start(listen, anonymous().from([127, 0, 0, 2]))
        .await
        .named("127.0.0.2 #1");
    first.wait_for("the welcome screen", is_welcome).await;
    // `balance source` sends 127.0.0.2 to the same instance again: over its per-address limit.
    let second = Client::start(listen, anonymous().from([127, 0, 0, 2]))
        .await
        .named("127.0.0.2 #2");
    second.wait_closed(DEADLINE).await;
    let refused = String::from_utf8_lossy(&second.term().raw).into_owned();
    assert!(
        refused.contains("several consultations open from your address"),
        "the per-address line through HAProxy: {refused:?}"
    );
    let other = Client::start(listen, anonymous().from([127, 0, 0, 3]))
        .await
        .named("127.0.0.3");
    other.wait_for("the welcome screen", is_welcome).await;
    // 127.0.0.4 opens connections faster than the throttle allows (burst 5): held open, so each
    // one reaches an instance with its header.
    let mut burst = Vec::new();
    for _ in 0..10 {
        burst.push(
            tcp_from(IpAddr::from([127, 0, 0, 4]), listen)
                .await
                .expect("connect"),
        );
    }
    let logged = eventually(DEADLINE, || {
        let logs: String = servers.iter().map(Server::log).collect();
        logs.contains("limit=\"per-address session limit\"")
            && logs.contains("limit=\"connection rate per address\"")
    })
    .await;
    drop(burst);
    drop((first, second, other));
    drop(haproxy);
    let logs: Vec<String> = servers.into_iter().map(Server::stop).collect();
    let all = logs.join("\n");
    assert!(
        logged,
        "the per-address limit and the throttle hits are logged:\n{all}"
    );
    let connects: Vec<&str> = all.lines().filter(|l| l.contains(" connect ")).collect();
    for client in ["peer=127.0.0.2:", "peer=127.0.0.3:"] {
        assert!(
            connects.iter().any(|l| l.contains(client)),
            "{client} in a connect line:\n{all}"
        );
    }
    assert!(
        all.lines()
            .filter(|l| l.contains("per-address session limit"))
            .all(|l| l.contains("peer=127.0.0.2:")),
        "the limit hit names 127.0.0.2:\n{all}"
    );
    assert!(
        all.lines()
            .filter(|l| l.contains("connection rate per address"))
            .all(|l| l.contains("peer=127.0.0.4:")),
        "the throttle names 127.0.0.4:\n{all}"
    );
    assert!(
        !all.lines().any(|l| l.contains("peer=127.0.0.1:")),
        "HAProxy's own address is never the peer:\n{all}"
    );
    // The instances' readiness probe came straight from 127.0.0.1 without a header: refused.
    assert!(
        all.contains("reason=\"no PROXY header from a trusted proxy\"")
            || all.contains("reason=\"PROXY header not finished in time\""),
        "a trusted proxy's connection without a header is refused:\n{all}"
    );
}

/// The screen without any whitespace: a message wrapped over lines is found whole.
fn unwrapped(screen: &str) -> String {
    screen.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Guided consultations across two named instances behind real HAProxy: each instance is started
/// with `--instance A` / `--instance B` and the same `--peer A=…,B=…` list (HAProxy's direct port
/// for each). A client through the balanced port gets a code naming its instance; a consultant
/// whose console is on the other instance (through that one's direct port) types it and is told,
/// in Japanese and then in English, where to connect, after the wrong-code delay and as a strike;
/// on the right instance's direct port the same code reaches the client, who lets them watch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_haproxy_a_code_names_its_instance_and_the_other_instance_says_where() {
    if !all_installed(&["haproxy"]) {
        return;
    }
    let _shared = HEAVY.read().await;
    let consultant_key = Arc::new(new_key());
    let keys = tempfile::tempdir().expect("temporary directory");
    let keys_file = keys.path().join("consultants");
    let public = consultant_key
        .public_key()
        .to_openssh()
        .expect("OpenSSH form");
    std::fs::write(&keys_file, format!("{public} Sato\n")).expect("write the consultant keys");
    let direct = [0, 1].map(|_| SocketAddr::from(([127, 0, 0, 1], free_port())));
    let peers = format!("A={},B={}", direct[0], direct[1]);
    let servers = ["A", "B"].map(|name| {
        Server::start(&[
            "--allow-anonymous",
            "--proxy-protocol",
            "--trusted-proxy",
            "127.0.0.1",
            "--consultant-keys",
            keys_file.to_str().expect("a UTF-8 path"),
            "--instance",
            name,
            "--peer",
            &peers,
        ])
    });
    let instances: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
    let listen = SocketAddr::from(([127, 0, 0, 1], free_port()));
    let haproxy = start_haproxy(listen, &instances, &direct).await;

    let client = Client::start(listen, client_options().from([127, 0, 0, 2]))
        .await
        .named("client through the balanced port");
    let screen = client.wait_for("the welcome screen", is_welcome).await;
    let code = code_on(&screen);
    let (here, other) = match code.split_once('-').map(|(name, _)| name) {
        Some("A") => (0, 1),
        Some("B") => (1, 0),
        _ => panic!("the code names instance A or B: {code:?}\n{screen}"),
    };
    assert_eq!(code.len(), "A-K7Q-2MP".len(), "{code:?}");
    let name = &code[..1];

    // At the other instance's console, in Japanese: where to connect, not "no such session".
    let ja = client_options()
        .env("LANG", "ja_JP.UTF-8")
        .from([127, 0, 0, 5]);
    let wrong = console(direct[other], &consultant_key, ja).await;
    let asked = Instant::now();
    wrong.send(code.to_lowercase().as_bytes()).await;
    wrong.send(b"\r").await;
    let port = direct[here].port();
    let told_ja = format!(
        "{name}-で始まるコードはサーバー{name}のものです。コンソールを127.0.0.1のポート{port}に接続し直し（ssh-p{port}127.0.0.1）、そこでコードを入力してください。"
    );
    let screen = wrong
        .wait_for("where to connect, in Japanese", |s| {
            unwrapped(s).contains(&told_ja)
        })
        .await;
    assert!(
        asked.elapsed() >= Duration::from_millis(900),
        "told only after the wrong-code delay (1 s), not after {:?}:\n{screen}",
        asked.elapsed()
    );
    assert!(
        !screen.contains("該当するセッションはありません"),
        "{screen}"
    );
    wrong.send(b"L").await;
    let told_en = unwrapped(&format!(
        "Codes starting with {name}- belong to server {name}. Connect your console to 127.0.0.1 port {port} (ssh -p {port} 127.0.0.1) and type the code there."
    ));
    wrong
        .wait_for("where to connect, in English", |s| {
            unwrapped(s).contains(&told_en)
        })
        .await;
    assert!(
        !client.screen().contains("asks to join"),
        "nothing reached the client from the other instance"
    );

    // At the right instance's console the same code reaches the client.
    let right = console(
        direct[here],
        &consultant_key,
        client_options().from([127, 0, 0, 6]),
    )
    .await;
    ask(&right, &client, &code).await;
    client.send(b"w").await;
    client
        .wait_for("the watch line", |s| {
            s.contains("Consultant Sato is watching")
        })
        .await;
    right
        .wait_for(
            "the client's session on the consultant's screen",
            is_welcome,
        )
        .await;

    drop((client, wrong, right));
    drop(haproxy);
    let logs: Vec<String> = servers.into_iter().map(Server::stop).collect();
    assert!(
        logs[other].contains("session code of another instance")
            && logs[other].contains(&format!("instance={name}"))
            && logs[other].contains("strikes=1")
            && logs[other].contains("peer=127.0.0.5:"),
        "the other instance logs the redirect as a strike, with the consultant's address:\n{}",
        logs[other]
    );
    assert!(
        logs[here].contains("asking to join") && logs[here].contains("peer=127.0.0.6:"),
        "the right instance has the request, from the consultant's address:\n{}",
        logs[here]
    );
}
