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
    for dir in SOURCE_DIRS {
        println!("cargo::rerun-if-changed={dir}");
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

/// Where the program's own texts are: the screens' words, and the core's (severities, areas).
const SOURCE_DIRS: [&str; 2] = ["src", "crates/kouteki-core/src"];

/// The phrase ends of every Japanese word of `content`'s texts and of the program's string
/// literals, as a Rust expression of type `kouteki_core::formats::phrases::KnownPhrases`.
fn phrase_table(content: &kouteki_core::content::Content) -> String {
    let value = serde_json::to_value(content).expect("a pack always serializes");
    let mut texts = Vec::new();
    strings_of(&value, &mut texts);
    let literals = program_literals();
    texts.extend(literals.iter().map(String::as_str));
    let table = kouteki_core::formats::phrases::phrase_table(texts);
    kouteki_core::formats::phrases::KnownPhrases::source(&table)
}

/// Every string literal in the program's sources, macro arguments (`texts!`, `format!`) included.
/// The table is only a cache of the model's answers, so a literal that never reaches a screen
/// costs a few bytes, and a text built at run time is asked of the model then: a tokenizer is
/// enough, and proc-macro2's is the compiler's grammar.
fn program_literals() -> Vec<String> {
    let mut literals = Vec::new();
    for dir in SOURCE_DIRS {
        for file in rust_files(std::path::Path::new(dir)) {
            let source = std::fs::read_to_string(&file).expect("read a source file");
            let tokens: proc_macro2::TokenStream = source
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            literals_of(tokens, &mut literals);
        }
    }
    literals
}

/// The `.rs` files under `dir`, at any depth.
fn rust_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

fn literals_of(tokens: proc_macro2::TokenStream, literals: &mut Vec<String>) {
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Group(group) => literals_of(group.stream(), literals),
            proc_macro2::TokenTree::Literal(literal) => {
                if let syn::Lit::Str(text) = syn::Lit::new(literal) {
                    literals.push(text.value());
                }
            }
            _ => {}
        }
    }
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
