//! An answer as a person reads it: choice labels, yes/no words, numbers with their unit.

use crate::answers::{QuestionIdx, Value};
use crate::content::{Content, QuestionKind};
use crate::i18n;
use crate::lang::Lang;

/// The answer to question `q` in words, in `lang` (for the review, reports and "why" lists).
pub fn answer_text(value: &Value, content: &Content, q: QuestionIdx, lang: Lang) -> String {
    let question = &content.questions[q];
    let label = |i: &usize| question.choices()[*i].label.get(lang).to_string();
    match value {
        Value::Bool(b) => i18n::yes_no(*b, lang).to_string(),
        Value::Choice(i) => label(i),
        Value::Choices(list) if list.is_empty() => i18n::NONE_SELECTED.get(lang).into(),
        Value::Choices(list) => list.iter().map(label).collect::<Vec<_>>().join(", "),
        Value::Number(n) => match &question.kind {
            QuestionKind::Number {
                unit: Some(unit), ..
            } => format!("{n} {}", unit.get(lang)),
            _ => n.to_string(),
        },
        Value::Date(d) => d.to_string(),
        Value::Text(t) => t.clone(),
    }
}
