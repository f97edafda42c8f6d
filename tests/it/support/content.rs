//! The built-in content as the end-to-end tests read it from the repository: the questionnaire
//! (English) from `assets/questionnaire.toml` and the golden cases of `tests/cases`, plus what of it
//! a screen shows. It reads screens with [`super::screen`].

use std::path::Path;
use std::sync::OnceLock;

use super::screen::squeeze;

pub const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// A file of the repository, by its path from the crate root.
pub fn read(relative: &str) -> String {
    let path = Path::new(MANIFEST_DIR).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// A question of the built-in questionnaire, in English.
#[derive(Debug)]
pub struct Question {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// `choice`, `yes_no` or `number`.
    pub kind: String,
    /// Option labels in display order (yes/no: Yes, No).
    pub labels: Vec<String>,
    /// Choice ids, in the order of `labels`.
    pub choice_ids: Vec<String>,
}

/// Every question of `assets/questionnaire.toml`, read once.
pub fn questionnaire() -> &'static [Question] {
    static QUESTIONS: OnceLock<Vec<Question>> = OnceLock::new();
    QUESTIONS.get_or_init(|| {
        let doc: toml::Table = read("assets/questionnaire.toml")
            .parse()
            .expect("questionnaire.toml parses");
        let en = |v: &toml::Value| v["en"].as_str().expect("an English text").to_string();
        doc["questions"]
            .as_array()
            .expect("[[questions]]")
            .iter()
            .map(|q| {
                let kind = q["type"].as_str().expect("type").to_string();
                let choices = q.get("choices").and_then(|c| c.as_array());
                let (labels, choice_ids) = if kind == "yes_no" {
                    (vec!["Yes".into(), "No".into()], vec![])
                } else {
                    choices
                        .into_iter()
                        .flatten()
                        .map(|c| (en(&c["label"]), c["id"].as_str().expect("id").to_string()))
                        .unzip()
                };
                Question {
                    id: q["id"].as_str().expect("id").to_string(),
                    text: en(&q["text"]),
                    kind,
                    labels,
                    choice_ids,
                }
            })
            .collect()
    })
}

/// A golden case of `tests/cases`.
pub struct GoldenCase {
    /// Its path from the crate root (`tests/cases/NAME.toml`).
    pub path: String,
    /// Its text without the `[expect]` table: an answers file.
    pub answers_text: String,
    /// Its `[answers]`.
    pub answers: toml::Table,
    /// Its `[expect] overall` (valid at its own `as_of`).
    pub overall: String,
    /// Its `[meta] as_of`.
    pub as_of: String,
}

/// Reads the golden case `tests/cases/NAME.toml`.
pub fn golden_case(name: &str) -> GoldenCase {
    let path = format!("tests/cases/{name}.toml");
    let text = read(&path);
    let cut = text.find("\n[expect]").expect("the case has [expect]");
    let doc: toml::Table = text.parse().expect("the case parses");
    GoldenCase {
        answers_text: text[..=cut].to_string(),
        answers: doc["answers"].as_table().expect("[answers]").clone(),
        overall: doc["expect"]["overall"]
            .as_str()
            .expect("overall")
            .to_string(),
        as_of: doc["meta"]["as_of"].to_string(),
        path,
    }
}

/// The result banner line for an overall severity (English).
pub fn banner(overall: &str) -> &'static str {
    match overall {
        "ok" => "✔  No problems found",
        "info" => "ℹ  No problems found: some information for you",
        "caution" => "▲  Points to check",
        "violation" => "✖  Problems to fix now",
        other => panic!("unknown severity {other}"),
    }
}

/// Whether the review is on screen.
pub fn is_review(screen: &str) -> bool {
    screen.contains("Review your answers")
}

/// The question whose full text is on a question screen (the longest, should one contain another).
pub fn question_on_screen(screen: &str) -> Option<&'static Question> {
    if !screen.contains("Why we ask") {
        return None;
    }
    let screen = squeeze(screen);
    questionnaire()
        .iter()
        .filter(|q| screen.contains(&squeeze(&q.text)))
        .max_by_key(|q| q.text.len())
}
