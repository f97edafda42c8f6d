//! Checks the embedded content pack at build time (the full check `kouteki check` runs; a pack with
//! errors fails the build, listing them) and stores it compiled, so `kouteki` starts without
//! parsing its own TOML (DECISIONS.md: Content). It also asks BudouX's model, once, where the
//! phrases of the pack's Japanese words end (`kouteki_core::formats::phrases`), so wrapping them
//! at run time does not.

use std::path::PathBuf;

fn main() {
    for file in ["pack.toml", "questionnaire.toml", "rules.toml"] {
        println!("cargo::rerun-if-changed=assets/{file}");
    }
    let content = match kouteki_core::content::embedded::load_default() {
        Ok(content) => content,
        Err(error) => {
            for located in error.errors() {
                println!("cargo::error={located}");
            }
            std::process::exit(1);
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let compiled = kouteki_core::content::compiled::encode(&content);
    std::fs::write(out.join("content.postcard"), compiled.bytes).expect("write the compiled pack");
    std::fs::write(out.join("content.strings"), compiled.strings).expect("write its strings");
    std::fs::write(out.join("phrases.rs"), phrase_table(&content)).expect("write its phrases");
}

/// The phrase ends of every Japanese word of `content`'s texts, as a Rust expression of type
/// `kouteki_core::formats::phrases::KnownPhrases` (a `str`'s `Debug` form is a string literal).
fn phrase_table(content: &kouteki_core::content::Content) -> String {
    let value = serde_json::to_value(content).expect("a pack always serializes");
    let mut texts = Vec::new();
    strings_of(&value, &mut texts);
    let mut source = String::from("&[\n");
    for (word, ends) in kouteki_core::formats::phrases::phrase_table(texts) {
        source.push_str(&format!("    ({word:?}, &{ends:?}),\n"));
    }
    source.push(']');
    source
}

/// Every string in `value`.
fn strings_of<'a>(value: &'a serde_json::Value, texts: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(text) => texts.push(text),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_of(v, texts)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| strings_of(v, texts)),
        _ => {}
    }
}
