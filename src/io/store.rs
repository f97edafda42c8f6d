//! Answers and reports on disk: drafts under the user's data directory, reports where the user runs
//! kouteki. Every file is written atomically (temporary file in the same directory, fsync, rename) with
//! mode 0600, because answers are personal data.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the draft of answers is kept between runs.
#[derive(Debug, Clone)]
pub struct DraftStore {
    path: PathBuf,
}

impl DraftStore {
    /// The draft in the user's data directory (`$XDG_DATA_HOME/kouteki/draft.toml` on Linux).
    pub fn default_location() -> Option<DraftStore> {
        dirs::data_dir().map(|dir| DraftStore {
            path: dir.join("kouteki").join("draft.toml"),
        })
    }

    /// A draft at an explicit path (tests, custom set-ups).
    pub fn at(path: impl Into<PathBuf>) -> DraftStore {
        DraftStore { path: path.into() }
    }

    /// The draft file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved draft's text, if there is one.
    pub fn load(&self) -> Option<String> {
        std::fs::read_to_string(&self.path).ok()
    }

    /// Replaces the draft.
    pub fn save(&self, text: &str) -> std::io::Result<()> {
        write_private(&self.path, text.as_bytes())
    }

    /// Deletes the draft (no error if there is none).
    pub fn discard(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Writes `bytes` to `path` atomically with mode 0600, creating the directory (mode 0700) if needed.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    set_private(temp.path(), 0o600)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    set_private(dir, 0o700)
}

#[cfg(unix)]
fn set_private(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_private(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// A fresh report file name in `dir` with `extension`, from the date and time (never overwrites an
/// earlier report).
pub fn report_path(dir: &Path, stamp: &str, extension: &str) -> PathBuf {
    let mut path = dir.join(format!("kouteki-report-{stamp}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("kouteki-report-{stamp}-{n}.{extension}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_with_private_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("draft.toml");
        write_private(&path, b"first").unwrap();
        write_private(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
            assert_eq!(
                std::fs::metadata(path.parent().unwrap())
                    .unwrap()
                    .permissions()
                    .mode()
                    & 0o777,
                0o700
            );
        }
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn drafts_can_be_discarded_twice() {
        let dir = tempfile::tempdir().unwrap();
        let store = DraftStore::at(dir.path().join("d.toml"));
        store.save("x").unwrap();
        assert_eq!(store.load().as_deref(), Some("x"));
        store.discard().unwrap();
        store.discard().unwrap();
        assert!(store.load().is_none());
    }

    #[test]
    fn report_names_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let first = report_path(dir.path(), "20261127-1200", "md");
        std::fs::write(&first, "x").unwrap();
        let second = report_path(dir.path(), "20261127-1200", "md");
        assert_ne!(first, second);
    }
}
