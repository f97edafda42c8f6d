//! The content pack loader, with its condition language (`ask_if`, `when`), on any text: the first
//! byte picks the file it replaces in the embedded pack (pack, questionnaire or rules), the rest is
//! that file. Loading must give a pack or errors with positions, never a panic. Beside a fuzzed
//! pack or questionnaire, the rules are one small rule, so each run parses little besides the input.
#![no_main]

use kouteki_core::content::{PackSources, embedded, load};
use kouteki_core::formats::location::SourceText;
use libfuzzer_sys::fuzz_target;

/// A rules file of one valid rule on the embedded questionnaire.
const ONE_RULE: &str = r#"
[[rules]]
id = "tax.income.not_filed"
area = "taxes"
severity = "violation"
when = "income_tax == not_filed and (age >= 20 or status in [work, student])"
title = { en = "Income tax return not filed", ja = "確定申告をしていません" }
explanation = { en = "File the return.", ja = "確定申告をしてください。" }
sources = [
  { title = "National Tax Agency: final return", url = "https://www.nta.go.jp/taxes/shiraberu/shinkoku/", kind = "official" },
]
"#;

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let fuzzed = SourceText::new("fuzz.toml", text);
    let mut sources = PackSources {
        pack: SourceText::new("pack.toml", embedded::PACK),
        questionnaire: SourceText::new("questionnaire.toml", embedded::QUESTIONNAIRE),
        rules: SourceText::new("rules.toml", ONE_RULE),
    };
    match which % 3 {
        0 => sources.pack = fuzzed,
        1 => sources.questionnaire = fuzzed,
        _ => sources.rules = fuzzed,
    }
    if let Err(error) = load(sources) {
        for located in error.errors() {
            let _ = located.to_string();
        }
    }
});
