//! Checks the embedded content pack at build time (the full check `kouteki check` runs; a pack with
//! errors fails the build, listing them) and stores it compiled, so `kouteki` starts without
//! parsing its own TOML (DECISIONS.md: Content).

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
}
