//! Per-source throttling seen from outside, with short numbers: past its burst an address's new
//! connections are closed before the server's banner (no key exchange), other addresses are not
//! touched, and the bucket refills; wrong access codes get the address refused for a while.

use std::net::IpAddr;
use std::time::Duration;

use kouteki::ssh::throttle::ThrottleSettings;
use tokio::io::AsyncReadExt;

use super::client::{Auth, Connection, tcp_from};
use super::{CODE, code_settings, new_key, settings, start, stop};
use crate::support::HEAVY;

const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 21));
const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 22));

/// Whether a connection from `from` gets the server's `SSH-` banner (false: closed without one).
async fn gets_banner(from: IpAddr, addr: std::net::SocketAddr) -> bool {
    let mut stream = tcp_from(from, addr).await.expect("TCP connect");
    let mut first = [0u8; 4];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_exact(&mut first)).await;
    matches!(read, Ok(Ok(_))) && &first == b"SSH-"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_over_its_rate_is_closed_before_the_banner() {
    let _shared = HEAVY.read().await;
    let mut settings = settings();
    settings.throttle = ThrottleSettings {
        rate: 2.0,
        burst: 3,
        penalty_after: 0,
        penalty: Duration::from_secs(1),
    };
    let server = start(settings).await;
    let addr = server.local_addr;
    for n in 1..=3 {
        assert!(gets_banner(A, addr).await, "connection {n} of the burst");
    }
    assert!(
        !gets_banner(A, addr).await,
        "the 4th at once is closed first"
    );
    assert!(
        gets_banner(B, addr).await,
        "another address is not throttled"
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(gets_banner(A, addr).await, "a token came back after 0.5 s");
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_access_codes_get_the_address_refused_for_a_while() {
    let _shared = HEAVY.read().await;
    let mut settings = code_settings(&new_key());
    settings.throttle = ThrottleSettings {
        rate: 100.0,
        burst: 100,
        penalty_after: 3,
        penalty: Duration::from_millis(1500),
    };
    let server = start(settings).await;
    let addr = server.local_addr;
    let wrong = Auth::Password("000-000-000".into());
    for attempt in 1..=3 {
        let mut connection = Connection::open_from(A, addr, None)
            .await
            .unwrap_or_else(|e| panic!("connection {attempt} before the penalty: {e}"));
        assert!(!connection.login(&wrong).await.unwrap_or(false));
    }
    assert!(!gets_banner(A, addr).await, "refused during the penalty");
    assert!(gets_banner(B, addr).await, "another address is not");
    let mut connection = Connection::open_from(B, addr, None)
        .await
        .expect("B connects");
    assert!(
        connection
            .login(&Auth::Password(CODE.into()))
            .await
            .expect("login")
    );
    tokio::time::sleep(Duration::from_millis(1700)).await;
    let mut connection = Connection::open_from(A, addr, None)
        .await
        .expect("A connects after the penalty");
    assert!(
        connection
            .login(&Auth::Password(CODE.into()))
            .await
            .expect("login")
    );
    stop(server).await;
}
