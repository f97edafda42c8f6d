//! Outside programs the end-to-end tests drive (tmux, ssh, plink, ssh-audit, haproxy): found on
//! `PATH`, or the test is skipped, except under `CI`, where a missing program is a failure.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Whether an executable named `program` is on `PATH`.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

fn is_executable(file: &Path) -> bool {
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether every program is there; when one is not, prints `skipped: <program> not installed` and
/// returns false, or panics when `CI` is set (these tests must run in CI).
pub fn all_installed(programs: &[&str]) -> bool {
    for program in programs {
        if on_path(program) {
            continue;
        }
        if std::env::var_os("CI").is_some() {
            panic!(
                "{program} not installed, and CI is set: these tests must run in CI (install {program})"
            );
        }
        println!("skipped: {program} not installed");
        return false;
    }
    true
}
