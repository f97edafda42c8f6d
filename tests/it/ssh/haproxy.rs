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

use super::client::{Client, DEADLINE, tcp_from};
use super::interview::is_welcome;
use super::{anonymous, eventually};
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
/// test's ports.
fn config(listen: SocketAddr, instances: &[SocketAddr]) -> String {
    let mut text = format!(
        "global\n  maxconn 200\n\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 1h\n  timeout server 1h\n\n\
         frontend ssh\n  bind {listen}\n  default_backend kouteki\n\n\
         backend kouteki\n  balance source\n"
    );
    for (n, addr) in instances.iter().enumerate() {
        text.push_str(&format!(
            "  server k{n} {addr} send-proxy-v2 check check-send-proxy inter 1s\n"
        ));
    }
    text
}

async fn start_haproxy(listen: SocketAddr, instances: &[SocketAddr]) -> Haproxy {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("haproxy.cfg");
    std::fs::write(&path, config(listen, instances)).expect("write haproxy.cfg");
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
    let haproxy = start_haproxy(listen, &instances).await;

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
