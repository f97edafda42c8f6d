//! The HTML report in a real browser: headless Chromium prints `kouteki eval --format html` to PDF
//! (A4, as the page's print styles ask) and takes a screenshot; `pdftotext` must find every
//! finding's title in the PDF, in English and in Japanese, and `pdfinfo` A4 pages, each
//! area after the first starting one.
//! Without Chromium or poppler-utils the test prints `skipped: <program> not installed` and passes,
//! unless `CI` is set (DECISIONS.md).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use kouteki_core::lang::Lang;
use kouteki_core::severity::Area;
use serde_json::Value;
use tempfile::TempDir;

/// Whether `program` runs (`--version` or `-v` exits 0); panics when missing and `CI` is set.
fn installed(program: &str, flag: &str) -> bool {
    let found = Command::new(program)
        .arg(flag)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} not installed, and CI is set: this test must run in CI (install {program})"
        );
        println!("skipped: {program} not installed");
    }
    found
}

fn run(command: &mut Command) -> Output {
    let output = command
        .stdin(Stdio::null())
        .output()
        .expect("the program runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn kouteki(args: &[&str]) -> String {
    let output = run(Command::new(env!("CARGO_BIN_EXE_kouteki"))
        .args(args)
        .env("NO_COLOR", "1"));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Headless Chromium as the machine allows it (root: no sandbox; no network: nothing in the background).
fn chromium(profile: &Path) -> Command {
    let mut command = Command::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Text without any white space, so titles wrapped across lines still match.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The start of a title up to where it changes between Japanese and Latin script (at most 16
/// characters, white space left out): pdftotext may put a run set in another font elsewhere on
/// its line.
fn one_script_start(title: &str) -> String {
    let wide = |c: char| u32::from(c) >= 0x3000;
    let text = squeezed(title);
    let first = text.chars().next().map(wide);
    text.chars()
        .take_while(|c| Some(wide(*c)) == first)
        .take(16)
        .collect()
}

#[test]
fn chromium_prints_the_html_report_with_every_title_in_both_languages() {
    let _heavy = crate::support::HEAVY.blocking_read();
    if !installed("chromium", "--version") || !installed("pdftotext", "-v") {
        return;
    }
    let dir = TempDir::new().expect("temp dir");
    let case = crate::support::content::golden_case("03-engineer-unpaid-premiums");
    let answers = dir.path().join("client.toml");
    std::fs::write(&answers, &case.answers_text).expect("write answers");
    for lang in ["en", "ja"] {
        let args = [
            "eval",
            "--answers",
            answers.to_str().unwrap(),
            "--lang",
            lang,
        ];
        let html = dir.path().join(format!("report-{lang}.html"));
        std::fs::write(&html, kouteki(&[&args[..], &["--format", "html"]].concat())).unwrap();
        let report: Value =
            serde_json::from_str(&kouteki(&[&args[..], &["--format", "json"]].concat())).unwrap();
        let pdf = dir.path().join(format!("report-{lang}.pdf"));
        let png = dir.path().join(format!("report-{lang}.png"));
        let url = format!("file://{}", html.display());
        run(chromium(&dir.path().join("profile"))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&url));
        run(chromium(&dir.path().join("profile"))
            .args([
                "--window-size=1000,1400",
                &format!("--screenshot={}", png.display()),
            ])
            .arg(&url));
        let shot = std::fs::read(&png).expect("a screenshot");
        assert!(
            shot.starts_with(b"\x89PNG") && shot.len() > 10_000,
            "a real screenshot"
        );

        let text = run(Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-"));
        let text = String::from_utf8(text.stdout).expect("UTF-8");
        let pages: Vec<String> = text.split('\x0c').map(squeezed).collect();
        let text = squeezed(&text);
        let findings = report["findings"].as_array().expect("findings");
        assert!(findings.len() >= 3);
        for finding in findings {
            let title = finding["title"].as_str().unwrap();
            assert!(
                text.contains(&squeezed(title)),
                "{lang}: `{title}` not in the PDF:\n{text}"
            );
        }
        // The timeline and the documents to bring are printed too.
        let dated = ["timeline", "documents"].map(|k| report[k].as_array().expect(k));
        assert!(!dated[0].is_empty() && !dated[1].is_empty());
        for item in dated.iter().copied().flatten() {
            let title = one_script_start(item["title"].as_str().unwrap());
            assert!(
                title.chars().count() >= 4 && text.contains(&title),
                "{lang}: `{title}` not in the PDF:\n{text}"
            );
        }
        if lang == "ja" {
            assert!(text.contains("今後の日程") && text.contains("用意する書類"));
            assert!(
                text.contains("確認結果") && text.contains("要対応"),
                "{text}"
            );
        }

        let info = run(Command::new("pdfinfo").arg(&pdf));
        let info = String::from_utf8(info.stdout).expect("UTF-8");
        assert!(info.contains("(A4)"), "A4 pages: {info}");
        // Each area with findings after the first starts a printed page.
        let lang = if lang == "ja" { Lang::Ja } else { Lang::En };
        let areas: Vec<Area> = Area::ALL
            .into_iter()
            .filter(|a| findings.iter().any(|f| f["area"] == a.id()))
            .collect();
        assert!(areas.len() >= 2);
        for area in &areas[1..] {
            let title = squeezed(area.title().get(lang));
            assert!(
                pages.iter().any(|p| p.starts_with(&title)),
                "no page starts with {title}: {pages:#?}"
            );
        }
    }
}
