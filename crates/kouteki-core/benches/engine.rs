//! Speed of the foundation: loading and fully checking the embedded content (target < 2 ms), one
//! assessment (target < 20 µs), and rendering a report.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kouteki_core::answers_file;
use kouteki_core::content::embedded;
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, to_json};

/// A persona with findings in every area (one of the golden cases, without its expectations).
const PERSONA: &str = include_str!("../../../tests/cases/11-other-status-everything-red.toml");

fn persona_answers() -> &'static str {
    &PERSONA[..PERSONA.find("\n[expect]").expect("case has [expect]")]
}

fn benches(c: &mut Criterion) {
    c.bench_function("load and check embedded content", |b| {
        b.iter(|| black_box(embedded::load_default().expect("valid")));
    });
    let content = embedded::load_default().expect("valid");
    let compiled = kouteki_core::content::compiled::encode(&content);
    let strings: &'static str = Box::leak(compiled.strings.into_boxed_str());
    c.bench_function("decode the compiled embedded content", |b| {
        b.iter(|| {
            black_box(
                kouteki_core::content::compiled::decode(black_box(&compiled.bytes), strings)
                    .expect("valid"),
            )
        });
    });
    let source = SourceText::new("persona.toml", persona_answers());
    let file = answers_file::parse(&content, &source).expect("valid persona");
    let as_of = file.as_of.expect("persona has as_of");
    c.bench_function("assess one persona", |b| {
        b.iter(|| black_box(assess(&content, black_box(&file.answers), as_of)));
    });
    c.bench_function("parse an answers file", |b| {
        b.iter(|| black_box(answers_file::parse(&content, &source).expect("valid")));
    });
    let assessment = assess(&content, &file.answers, as_of);
    c.bench_function("render the JSON report", |b| {
        b.iter(|| black_box(to_json(&Report::new(&content, &assessment, Lang::Ja))));
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
