//! The core's integration tests, one crate: golden personas, their calendar files read back, broken
//! content packs, and properties of the engine and the readers. Their data lives with the project's
//! other fixtures under the repository's `tests/` (`cases/`, `invalid_content/`), where the CLI
//! tests read it too.

mod calendar;
mod golden;
mod invalid_content;
mod japanese_lint;
mod properties;

/// A path under the repository's top-level `tests/` directory.
pub fn fixtures(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests")
        .join(relative)
}
