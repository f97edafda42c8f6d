//! The answers-file reader on any text, through everything `eval` does with a file it accepts:
//! the flow check, the assessment and every report format, in both languages. Must never panic.
#![no_main]

use std::sync::OnceLock;

use kouteki_core::content::{Content, embedded};
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use kouteki_core::report::{
    Report, ReportDiscussion, to_html, to_ics, to_json, to_markdown, to_text,
};
use kouteki_core::{answers_file, engine};
use libfuzzer_sys::fuzz_target;

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| embedded::load_default().expect("the embedded pack is valid"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let content = content();
    let source = SourceText::new("fuzz.toml", text);
    let Ok((file, errors)) = answers_file::read(content, &source) else {
        return;
    };
    for error in &errors {
        let _ = error.to_string();
    }
    let as_of = file.as_of.unwrap_or(jiff::civil::date(2026, 11, 27));
    let _ = answers_file::check_path(content, &file, as_of, &source);
    let assessment = engine::assess(content, &file.answers, as_of);
    for lang in Lang::ALL {
        let report = Report::new(content, &assessment, lang);
        let talk = ReportDiscussion::new(content, &file.answers, &file.discussion, &report);
        let report = report.with_discussion(talk);
        let _ = (
            to_text(&report),
            to_markdown(&report),
            to_json(&report),
            to_html(&report),
            to_ics(&report),
        );
    }
    let saved = answers_file::to_toml(
        content,
        (&file.answers, &file.discussion),
        file.as_of,
        Lang::En,
    );
    let again = answers_file::parse(content, &SourceText::new("saved.toml", &saved))
        .expect("what kouteki writes, it reads back");
    assert_eq!(
        again.discussion, file.discussion,
        "marks and notes read back"
    );
});
