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
        Value::Choices(list) => {
            let separator = if lang == Lang::Ja { "、" } else { ", " };
            list.iter().map(label).collect::<Vec<_>>().join(separator)
        }
        Value::Number(n) => match &question.kind {
            QuestionKind::Number {
                unit: Some(unit), ..
            } => match lang {
                // Japanese writes a number against its unit (38歳, 100日).
                Lang::Ja => format!("{n}{}", unit.get(lang)),
                Lang::En => format!("{n} {}", unit.get(lang)),
            },
            _ => n.to_string(),
        },
        Value::Date(d) => i18n::date(*d, lang),
        Value::Month(m) => i18n::month(*m, lang),
        Value::Text(t) => t.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::embedded;

    #[test]
    fn a_number_stands_against_its_unit_in_japanese_and_apart_in_english() {
        let content = embedded::load_default().expect("embedded content");
        let age = content.question_index("age").expect("age");
        let value = Value::Number(38);
        assert_eq!(answer_text(&value, &content, age, Lang::Ja), "38歳");
        assert_eq!(answer_text(&value, &content, age, Lang::En), "38 years");
    }
}
