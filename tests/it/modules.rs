//! The module graph has no circles: modules form layers, each using only those below it. The
//! issue this guards: `content` ⇄ `engine::condition`, `content` ⇄ `answers` and `tui::input` ⇄
//! `tui::keys` once imported each other.
//!
//! Read from the sources: a file's `crate::a::b` and `super::x` paths name the modules it uses. A
//! module is a top-level module of a crate, or one level deeper inside the binary's `tui` and `ssh`,
//! where the front ends' parts must stay apart too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules whose children are nodes of their own.
const SPLIT: [&str; 2] = ["tui", "ssh"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file (`content/mod.rs` is `content`, `lib.rs` is the root).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The node a module path belongs to.
fn node(path: &[String]) -> Option<String> {
    let first = path.first()?;
    match path.get(1) {
        Some(second) if SPLIT.contains(&first.as_str()) => Some(format!("{first}::{second}")),
        _ => Some(first.clone()),
    }
}

/// The identifiers after `prefix::` wherever `prefix::` starts a path in `text`.
fn paths_after<'a>(text: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let before = text[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        found.push(rest[..end].split("::").filter(|s| !s.is_empty()).collect());
    }
    found
}

/// Edges between nodes of one crate: who uses whom.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        // Tests may use any module; comments (doc links among them) name modules without using
        // them. Test modules are the files `tests.rs`, `*_tests.rs`, and what follows `#[cfg(test)]`.
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let text: String = std::fs::read_to_string(&file)
            .expect("a source file")
            .lines()
            .take_while(|line| line.trim() != "#[cfg(test)]")
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let module = module_of(src, &file);
        let Some(from) = node(&module) else { continue };
        let is_dir_module = file.file_name().is_some_and(|n| n == "mod.rs");
        let parent: Vec<String> = if is_dir_module {
            module.clone()
        } else {
            module[..module.len().saturating_sub(1)].to_vec()
        };
        let mut targets: Vec<Vec<String>> = paths_after(&text, "crate::")
            .into_iter()
            .map(|p| p.iter().map(ToString::to_string).collect())
            .collect();
        for p in paths_after(&text, "super::") {
            let mut base = parent.clone();
            let mut rest = p.as_slice();
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
            base.pop();
            base.extend(rest.iter().map(ToString::to_string));
            targets.push(base);
        }
        for target in targets {
            if let Some(to) = node(&target)
                && to != from
                && !from.starts_with(&format!("{to}::"))
                && !to.starts_with(&format!("{from}::"))
            {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

/// A circle in the graph, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_another_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for src in [root.join("src"), root.join("crates/kouteki-core/src")] {
        let edges = graph(&src);
        assert!(
            edges.values().map(BTreeSet::len).sum::<usize>() > 10,
            "{}: the graph was read: {edges:?}",
            src.display()
        );
        if let Some(cycle) = find_cycle(&edges) {
            panic!(
                "{}: modules in a circle: {}",
                src.display(),
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn a_circle_is_found() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges
        .entry("content".into())
        .or_default()
        .insert("answers".into());
    edges
        .entry("answers".into())
        .or_default()
        .insert("flow".into());
    assert_eq!(find_cycle(&edges), None);
    edges
        .entry("flow".into())
        .or_default()
        .insert("content".into());
    assert!(find_cycle(&edges).is_some());
}
