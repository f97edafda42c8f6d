//! The server's host key: ed25519, generated on first start and kept (mode 0600) so clients can pin
//! its fingerprint; never committed, never logged.

use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

use crate::io::store::write_private;

/// Where the host key is kept by default: `$XDG_DATA_HOME/kouteki/ssh_host_ed25519_key`.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("kouteki").join("ssh_host_ed25519_key"))
}

/// Loads the key at `path`, or generates one there (mode 0600) if there is none; says which.
pub fn load_or_generate(path: &Path) -> Result<(PrivateKey, bool), String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let key = PrivateKey::from_openssh(text.as_bytes())
                .map_err(|e| format!("{}: not an OpenSSH private key ({e})", path.display()))?;
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
                .map_err(|e| format!("cannot generate a host key: {e}"))?;
            let text = key
                .to_openssh(LineEnding::LF)
                .map_err(|e| format!("cannot encode the host key: {e}"))?;
            write_private(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok((key, true))
        }
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// The fingerprint clients see (`SHA256:…`), to give them before they connect.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_kept_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys").join("host");
        let (first, generated) = load_or_generate(&path).unwrap();
        assert!(generated);
        let (second, generated) = load_or_generate(&path).unwrap();
        assert!(!generated);
        assert_eq!(fingerprint(&first), fingerprint(&second));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn a_bad_key_file_is_an_error_not_a_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("host");
        std::fs::write(&path, "not a key").unwrap();
        assert!(
            load_or_generate(&path)
                .unwrap_err()
                .contains("not an OpenSSH private key")
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "not a key",
            "left untouched"
        );
    }
}
