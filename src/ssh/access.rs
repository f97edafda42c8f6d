//! Who may connect: public keys from an OpenSSH `authorized_keys` file, and per-run access codes.

use std::fmt;

use rand::RngExt;
use russh::keys::PublicKey;
use subtle::ConstantTimeEq;

/// A consultation access code: nine digits, read out as `123-456-789`.
///
/// Digits because a consultant reads them to a client over the phone; compared in constant time,
/// ignoring spaces and dashes the client may type.
#[derive(Clone)]
pub struct AccessCode {
    digits: String,
}

impl fmt::Debug for AccessCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessCode(…)")
    }
}

impl fmt::Display for AccessCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = self
            .digits
            .as_bytes()
            .chunks(3)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        f.write_str(&groups.join("-"))
    }
}

impl AccessCode {
    /// A fresh random code (from the operating system's generator via `rand`).
    pub fn random() -> AccessCode {
        let mut rng = rand::rng();
        let digits = (0..9)
            .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
            .collect();
        AccessCode { digits }
    }

    /// A code the consultant chose (e.g. read from `--access-code-file`); at least 6 characters.
    pub fn chosen(text: &str) -> Result<AccessCode, String> {
        let digits = normalize(text);
        if digits.chars().count() < 6 {
            return Err(
                "an access code needs at least 6 characters (spaces and dashes do not count)"
                    .into(),
            );
        }
        Ok(AccessCode { digits })
    }

    /// Whether `attempt` is the code, in time independent of where they differ.
    pub fn matches(&self, attempt: &str) -> bool {
        let attempt = normalize(attempt);
        bool::from(attempt.as_bytes().ct_eq(self.digits.as_bytes()))
    }
}

fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// The keys of an OpenSSH `authorized_keys` file with their line numbers: one key a line, comments
/// and blank lines skipped. Options before the key type (e.g. `from="…"`) are not supported and make
/// the line an error.
fn keys_with_lines(text: &str) -> Result<Vec<(usize, PublicKey)>, String> {
    text.lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(n, line)| {
            PublicKey::from_openssh(line)
                .map(|key| (n, key))
                .map_err(|e| format!("line {n}: not a public key ({e})"))
        })
        .collect()
}

/// Parses an OpenSSH `authorized_keys` file (see [`keys_with_lines`]).
pub fn parse_authorized_keys(text: &str) -> Result<Vec<PublicKey>, String> {
    Ok(keys_with_lines(text)?
        .into_iter()
        .map(|(_, key)| key)
        .collect())
}

/// A consultant's key and the name they are shown by (the key's comment).
#[derive(Debug, Clone)]
pub struct ConsultantKey {
    /// The key.
    pub key: PublicKey,
    /// The display name clients see ("Sato asks to join your session").
    pub name: String,
}

/// Parses `--consultant-keys`: an OpenSSH `authorized_keys` file whose comments are the consultants'
/// names; a key without a comment is an error (the client must know who asks to join).
pub fn parse_consultant_keys(text: &str) -> Result<Vec<ConsultantKey>, String> {
    let mut consultants = Vec::new();
    for (n, key) in keys_with_lines(text)? {
        let comment = key.comment().as_str_lossy().trim().to_string();
        let name: String = comment.chars().take(40).collect();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(format!(
                "line {n}: the key needs a comment after it: the consultant's name, as clients will see it"
            ));
        }
        consultants.push(ConsultantKey { key, name });
    }
    Ok(consultants)
}

/// The consultant whose key `key` is, if any.
pub fn consultant_for<'a>(consultants: &'a [ConsultantKey], key: &PublicKey) -> Option<&'a str> {
    consultants
        .iter()
        .find(|c| c.key.key_data() == key.key_data())
        .map(|c| c.name.as_str())
}

/// Whether `key` is one of `allowed` (the key material; comments do not matter).
pub fn is_authorized(allowed: &[PublicKey], key: &PublicKey) -> bool {
    allowed.iter().any(|k| k.key_data() == key.key_data())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_ignoring_dashes_and_spaces_only() {
        let code = AccessCode::chosen("123-456-789").unwrap();
        assert!(code.matches("123456789"));
        assert!(code.matches(" 123 456-789 "));
        assert!(!code.matches("123456788"));
        assert!(!code.matches("12345678"));
        assert!(!code.matches(""));
        assert_eq!(code.to_string(), "123-456-789");
        assert!(AccessCode::chosen("12-3").is_err());
        assert_eq!(
            format!("{code:?}"),
            "AccessCode(…)",
            "never printed by accident"
        );
    }

    #[test]
    fn random_codes_have_nine_digits_and_differ() {
        let a = AccessCode::random();
        let b = AccessCode::random();
        assert_eq!(a.digits.len(), 9);
        assert!(a.digits.chars().all(|c| c.is_ascii_digit()));
        assert_ne!(a.digits, b.digits);
    }

    #[test]
    fn consultant_keys_are_named_by_their_comment_and_need_one() {
        let key =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
        let named = parse_consultant_keys(&format!("# office\n{key} Sato Hanako\n")).unwrap();
        assert_eq!(named[0].name, "Sato Hanako");
        assert_eq!(consultant_for(&named, &named[0].key), Some("Sato Hanako"));
        let error = parse_consultant_keys(&format!("{key}\n")).unwrap_err();
        assert!(
            error.starts_with("line 1:") && error.contains("name"),
            "{error}"
        );
    }

    #[test]
    fn authorized_keys_skip_comments_and_report_bad_lines() {
        let text = "# consultant\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@example\n";
        assert_eq!(parse_authorized_keys(text).unwrap().len(), 1);
        assert!(
            parse_authorized_keys("garbage\n")
                .unwrap_err()
                .starts_with("line 1:")
        );
    }
}
