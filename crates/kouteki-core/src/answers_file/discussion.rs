//! `[marks]` and `[[notes]]` in answers files: what is marked to discuss and the consultant's notes.
//!
//! ```toml
//! [marks]
//! questions = ["pension_paid"]     # question ids
//! findings = ["pension.unpaid"]    # rule ids (findings and upcoming changes)
//!
//! [[notes]]
//! finding = "pension.unpaid"
//! by = "Sato"                      # the consultant's display name
//! text = "Bring the payment receipts."
//! ```
//!
//! Both are optional; ids are checked against the content like answers are.

use serde::Deserialize;
use toml::Spanned;

use crate::content::Content;
use crate::discussion::{Discussion, Mark};
use crate::formats::location::{LocatedError, SourceText};
use crate::formats::suggest::did_you_mean;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarks {
    questions: Option<Vec<Spanned<String>>>,
    findings: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNote {
    finding: Spanned<String>,
    by: String,
    text: String,
}

/// The discussion in a file, with an error for every id the content does not have.
pub(super) fn read(
    content: &Content,
    source: &SourceText<'_>,
    (marks, notes): (Option<&RawMarks>, &[RawNote]),
    errors: &mut Vec<LocatedError>,
) -> Discussion {
    let questions = || content.questions.iter().map(|q| q.id.as_str());
    let rules = || content.rules.iter().map(|r| r.id.as_str());
    let mut talk = Discussion::default();
    let marked = marks.and_then(|m| m.questions.as_ref());
    for id in marked.into_iter().flatten() {
        match known(source, id, "question", questions) {
            Ok(()) => talk.mark(Mark::Question(id.get_ref().clone())),
            Err(e) => errors.push(e),
        }
    }
    let marked = marks.and_then(|m| m.findings.as_ref());
    for id in marked.into_iter().flatten() {
        match known(source, id, "finding", rules) {
            Ok(()) => talk.mark(Mark::Finding(id.get_ref().clone())),
            Err(e) => errors.push(e),
        }
    }
    for note in notes {
        match known(source, &note.finding, "finding", rules) {
            Ok(()) => talk.set_note(note.finding.get_ref(), &note.by, &note.text),
            Err(e) => errors.push(e),
        }
    }
    talk
}

/// `Ok` when `id` is one of `ids`, else an error at it with the nearest id.
fn known<'a, I: Iterator<Item = &'a str>>(
    source: &SourceText<'_>,
    id: &Spanned<String>,
    what: &str,
    ids: impl Fn() -> I,
) -> Result<(), LocatedError> {
    if ids().any(|known| known == id.get_ref()) {
        return Ok(());
    }
    let hint = did_you_mean(id.get_ref(), ids());
    Err(LocatedError::at(
        source,
        id.span().start,
        "marks",
        format!("unknown {what} `{}`{hint}", id.get_ref()),
    ))
}

/// Adds `[marks]` and `[[notes]]` to an answers file's table when there are any.
pub(super) fn write(talk: &Discussion, file: &mut toml::Table) {
    let ids = |question: bool| -> Vec<toml::Value> {
        talk.marks()
            .filter_map(|mark| match (mark, question) {
                (Mark::Question(id), true) | (Mark::Finding(id), false) => {
                    Some(toml::Value::String(id.clone()))
                }
                _ => None,
            })
            .collect()
    };
    let mut marks = toml::Table::new();
    for (key, list) in [("questions", ids(true)), ("findings", ids(false))] {
        if !list.is_empty() {
            marks.insert(key.into(), toml::Value::Array(list));
        }
    }
    if !marks.is_empty() {
        file.insert("marks".into(), toml::Value::Table(marks));
    }
    let notes: Vec<toml::Value> = talk
        .notes()
        .map(|(finding, note)| {
            let mut entry = toml::Table::new();
            entry.insert("finding".into(), toml::Value::String(finding.into()));
            entry.insert("by".into(), toml::Value::String(note.author.clone()));
            entry.insert("text".into(), toml::Value::String(note.text.clone()));
            toml::Value::Table(entry)
        })
        .collect();
    if !notes.is_empty() {
        file.insert("notes".into(), toml::Value::Array(notes));
    }
}

#[cfg(test)]
mod tests {
    use crate::answers_file::{parse, to_toml};
    use crate::content::embedded::load_default;
    use crate::discussion::{Discussion, Mark};
    use crate::formats::location::SourceText;
    use crate::lang::Lang;

    #[test]
    fn marks_and_notes_round_trip_and_unknown_ids_are_errors_at_their_place() {
        let content = load_default().expect("valid content");
        let question = content.questions[0].id.to_string();
        let rule = content.rules[0].id.to_string();
        let mut talk = Discussion::default();
        talk.mark(Mark::Question(question.clone()));
        talk.mark(Mark::Finding(rule.clone()));
        talk.set_note(&rule, "Sato", "Bring the \"receipts\"");
        let answers = crate::answers::Answers::empty(content.questions.len());
        let text = to_toml(&content, (&answers, &talk), None, Lang::En);
        assert!(
            text.contains("[marks]") && text.contains("[[notes]]"),
            "{text}"
        );
        let file = parse(&content, &SourceText::new("f.toml", &text)).expect("reads back");
        assert_eq!(file.discussion, talk);

        let wrong = format!("[marks]\nquestions = [\"{question}x\"]\n");
        let error = parse(&content, &SourceText::new("f.toml", &wrong)).expect_err("unknown id");
        let message = error.errors()[0].to_string();
        assert!(
            message.contains("2:")
                && message.contains("unknown question")
                && message.contains(&question),
            "{message}"
        );
        let extra = "[marks]\nsomething = []\n";
        assert!(parse(&content, &SourceText::new("f.toml", extra)).is_err());
    }
}
