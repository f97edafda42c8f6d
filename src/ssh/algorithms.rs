//! The algorithms the server offers: only those `ssh-audit` rates without a warning, plus
//! `curve25519-sha256` for clients without post-quantum key exchange (OpenSSH before 9.9, PuTTY,
//! paramiko). No finite-field Diffie-Hellman (group14 is 2048-bit, and ssh-audit puts a
//! post-quantum warning on every group), no encrypt-and-MAC HMACs, no compression before
//! authentication (`zlib@openssh.com` starts only after login).

use std::borrow::Cow;

use russh::{Preferred, cipher, compression, kex, mac};

/// Key exchanges, post-quantum hybrid first. curve25519 also under its pre-RFC 8731 name
/// `curve25519-sha256@libssh.org`: paramiko without ML-KEM knows no other (its `_kex_info` has no
/// plain `curve25519-sha256`). ssh-audit's own hardened policies keep both names too, so its one
/// warning on them is the same post-quantum note. The extension names turn on `server-sig-algs` and the
/// strict key exchange that closes Terrapin (CVE-2023-48795).
const KEX: &[kex::Name] = &[
    kex::MLKEM768X25519_SHA256,
    kex::CURVE25519,
    kex::CURVE25519_PRE_RFC_8731,
    kex::EXTENSION_SUPPORT_AS_SERVER,
    kex::EXTENSION_OPENSSH_STRICT_KEX_AS_SERVER,
];

/// Ciphers: the AEADs, then counter mode (rated fine, for clients without AEADs).
const CIPHERS: &[cipher::Name] = &[
    cipher::CHACHA20_POLY1305,
    cipher::AES_256_GCM,
    cipher::AES_128_GCM,
    cipher::AES_256_CTR,
    cipher::AES_192_CTR,
    cipher::AES_128_CTR,
];

/// MACs (used with counter mode only): encrypt-then-MAC with SHA-2.
const MACS: &[mac::Name] = &[mac::HMAC_SHA512_ETM, mac::HMAC_SHA256_ETM];

/// Compression: none, or OpenSSH's delayed zlib that starts after authentication.
const COMPRESSION: &[compression::Name] = &[compression::NONE, compression::ZLIB_LEGACY];

/// The preference lists for the server's russh configuration.
pub fn preferred() -> Preferred {
    Preferred {
        kex: Cow::Borrowed(KEX),
        cipher: Cow::Borrowed(CIPHERS),
        mac: Cow::Borrowed(MACS),
        compression: Cow::Borrowed(COMPRESSION),
        ..Preferred::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_finite_field_groups_no_encrypt_and_mac_no_pre_auth_zlib() {
        let preferred = preferred();
        let kex: Vec<&str> = preferred.kex.iter().map(AsRef::as_ref).collect();
        assert_eq!(kex[0], "mlkem768x25519-sha256", "post-quantum first");
        assert!(
            kex.iter().all(|k| !k.starts_with("diffie-hellman")),
            "{kex:?}"
        );
        let macs: Vec<&str> = preferred.mac.iter().map(AsRef::as_ref).collect();
        assert!(
            macs.iter().all(|m| m.ends_with("-etm@openssh.com")),
            "{macs:?}"
        );
        let compression: Vec<&str> = preferred.compression.iter().map(AsRef::as_ref).collect();
        assert_eq!(compression, ["none", "zlib@openssh.com"]);
    }
}
