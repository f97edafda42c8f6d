//! The algorithms offered, seen from russh's client: one that speaks only what the server dropped
//! (a finite-field group, an encrypt-and-MAC HMAC, pre-authentication zlib) is refused in the key
//! exchange; one with russh's defaults, or counter mode with an encrypt-then-MAC HMAC, gets in.

use std::borrow::Cow;

use russh::{Preferred, cipher, compression, kex, mac};

use super::client::{Auth, Connection};
use super::{settings, start, stop};
use crate::support::HEAVY;

/// Whether a client offering `preferred` completes the handshake and logs in.
async fn connects(addr: std::net::SocketAddr, preferred: Preferred) -> bool {
    match Connection::open_offering(addr, preferred).await {
        Ok(mut connection) => connection.login(&Auth::Anonymous).await.unwrap_or(false),
        Err(_) => false,
    }
}

/// A client with counter mode only (so the MAC matters) and these MACs.
fn counter_mode_with(macs: &'static [mac::Name]) -> Preferred {
    Preferred {
        cipher: Cow::Borrowed(&[cipher::AES_256_CTR]),
        mac: Cow::Borrowed(macs),
        ..Preferred::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_offering_only_weak_algorithms_are_refused() {
    let _shared = HEAVY.read().await;
    let server = start(settings()).await;
    let addr = server.local_addr;
    assert!(
        connects(addr, Preferred::default()).await,
        "russh's defaults"
    );
    assert!(
        connects(addr, counter_mode_with(&[mac::HMAC_SHA256_ETM])).await,
        "aes256-ctr with hmac-sha2-256-etm"
    );
    let group14 = Preferred {
        kex: Cow::Borrowed(&[kex::DH_G14_SHA256, kex::EXTENSION_SUPPORT_AS_CLIENT]),
        ..Preferred::default()
    };
    assert!(
        !connects(addr, group14).await,
        "only diffie-hellman-group14-sha256"
    );
    let group16 = Preferred {
        kex: Cow::Borrowed(&[kex::DH_G16_SHA512, kex::DH_GEX_SHA256]),
        ..Preferred::default()
    };
    assert!(
        !connects(addr, group16).await,
        "only group16 and group exchange"
    );
    assert!(
        !connects(addr, counter_mode_with(&[mac::HMAC_SHA256])).await,
        "only hmac-sha2-256 (encrypt-and-MAC)"
    );
    assert!(
        !connects(addr, counter_mode_with(&[mac::HMAC_SHA512, mac::HMAC_SHA1])).await,
        "only hmac-sha2-512 and hmac-sha1"
    );
    let zlib = Preferred {
        compression: Cow::Borrowed(&[compression::ZLIB]),
        ..Preferred::default()
    };
    assert!(!connects(addr, zlib).await, "only pre-authentication zlib");
    let delayed_zlib = Preferred {
        compression: Cow::Borrowed(&[compression::ZLIB_LEGACY]),
        ..Preferred::default()
    };
    assert!(
        connects(addr, delayed_zlib).await,
        "zlib@openssh.com (after login)"
    );
    stop(server).await;
}

/// The only warnings ssh-audit may give, exactly: its post-quantum note on curve25519, under both of
/// its names (kept for clients without `mlkem768x25519-sha256`; paramiko without ML-KEM knows only
/// the older `@libssh.org` name).
const EXPECTED_WARNINGS: [&str; 2] = [
    "kex curve25519-sha256 [warn]: does not provide protection against post-quantum attacks",
    "kex curve25519-sha256@libssh.org [warn]: does not provide protection against post-quantum attacks",
];

/// Every warning and failure in ssh-audit's JSON report, as `kind algorithm [level]: note`; the
/// rate-limit and other notes of `additional_notes` that name a vulnerability; every CVE.
fn findings(report: &serde_json::Value) -> Vec<String> {
    let mut found = Vec::new();
    for kind in ["kex", "key", "enc", "mac"] {
        for entry in report[kind].as_array().into_iter().flatten() {
            let algorithm = entry["algorithm"].as_str().unwrap_or("?");
            for level in ["warn", "fail"] {
                for note in entry["notes"][level].as_array().into_iter().flatten() {
                    let note = note.as_str().unwrap_or("?");
                    found.push(format!("{kind} {algorithm} [{level}]: {note}"));
                }
            }
        }
    }
    for note in report["additional_notes"].as_array().into_iter().flatten() {
        let note = note.as_str().unwrap_or("?");
        if note.contains("CVE-2002-20001")
            || (note.contains("vulnerab") && !note.contains("Terrapin"))
        {
            found.push(format!("note: {note}"));
        }
    }
    for cve in report["cves"].as_array().into_iter().flatten() {
        found.push(format!("cve: {cve}"));
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ssh_audit_warns_only_of_post_quantum_on_the_two_names_of_curve25519() {
    if !crate::support::program::all_installed(&["ssh-audit"]) {
        return;
    }
    let _shared = HEAVY.read().await;
    // The server's own defaults for throttling: ssh-audit's rate test opens 38 connections at once.
    let mut settings = settings();
    settings.throttle = kouteki::ssh::throttle::ThrottleSettings::default();
    let server = start(settings).await;
    let port = server.local_addr.port().to_string();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("ssh-audit")
            .args([
                "-j",
                "--skip-rate-test",
                "-t",
                "30",
                "-p",
                &port,
                "127.0.0.1",
            ])
            .stdin(std::process::Stdio::null())
            .output()
    })
    .await
    .expect("the ssh-audit task")
    .expect("ssh-audit runs");
    stop(server).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("ssh-audit -j printed JSON ({e}):\n{stdout}"));
    let kex: Vec<&str> = report["kex"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k["algorithm"].as_str())
        .collect();
    assert_eq!(kex.first(), Some(&"mlkem768x25519-sha256"), "{kex:?}");
    let found = findings(&report);
    assert_eq!(
        found,
        EXPECTED_WARNINGS,
        "ssh-audit's warnings:\n{}",
        found.join("\n")
    );
}
