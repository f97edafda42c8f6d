//! A person's answers, indexed by question, with choice ids already resolved.
//!
//! Answers to questions that are not on the path taken are kept (so changing an earlier answer and
//! changing it back restores them); [`crate::interview`] decides which of them count.

use jiff::civil::Date;

use crate::content::{Content, QuestionIdx, QuestionKind};
use crate::lang::Lang;

/// One answer, typed by its question's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A yes/no answer.
    Bool(bool),
    /// The index of the chosen choice.
    Choice(usize),
    /// The indices of the chosen choices, ascending and without repeats.
    Choices(Vec<usize>),
    /// A whole number.
    Number(i64),
    /// A calendar date.
    Date(Date),
    /// Free text.
    Text(String),
}

impl Value {
    /// The answer as JSON, with choice ids (not indices), as answers files and the JSON report write it.
    pub fn to_json(&self, content: &Content, q: QuestionIdx) -> serde_json::Value {
        let choice_id = |i: &usize| content.questions[q].choices()[*i].id.clone();
        match self {
            Value::Bool(b) => (*b).into(),
            Value::Choice(i) => choice_id(i).into(),
            Value::Choices(list) => list.iter().map(choice_id).collect::<Vec<_>>().into(),
            Value::Number(n) => (*n).into(),
            Value::Date(d) => d.to_string().into(),
            Value::Text(t) => t.clone().into(),
        }
    }

    /// The answer as TOML, for writing answers files.
    pub fn to_toml(&self, content: &Content, q: QuestionIdx) -> toml::Value {
        let choice_id =
            |i: &usize| toml::Value::String(content.questions[q].choices()[*i].id.clone());
        match self {
            Value::Bool(b) => toml::Value::Boolean(*b),
            Value::Choice(i) => choice_id(i),
            Value::Choices(list) => toml::Value::Array(list.iter().map(choice_id).collect()),
            Value::Number(n) => toml::Value::Integer(*n),
            Value::Date(d) => toml_date(*d),
            Value::Text(t) => toml::Value::String(t.clone()),
        }
    }

    /// The answer as a person reads it, in `lang` (choice labels, yes/no words).
    pub fn display(&self, content: &Content, q: QuestionIdx, lang: Lang) -> String {
        let question = &content.questions[q];
        let label = |i: &usize| question.choices()[*i].label.get(lang).to_string();
        match self {
            Value::Bool(b) => crate::ui_text::yes_no(*b, lang).to_string(),
            Value::Choice(i) => label(i),
            Value::Choices(list) if list.is_empty() => {
                crate::ui_text::NONE_SELECTED.get(lang).into()
            }
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
}

/// A date as a TOML local date (`2026-11-24`, no quotes).
pub fn toml_date(d: Date) -> toml::Value {
    let date = toml::value::Date {
        year: d.year() as u16,
        month: d.month() as u8,
        day: d.day() as u8,
    };
    toml::Value::Datetime(toml::value::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A TOML local date (no time, no offset) as a calendar date; `None` for anything else.
pub fn from_toml_date(dt: &toml::value::Datetime) -> Option<Date> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
        _ => None,
    }
}

/// Read access to answers, so conditions evaluate the same way on all answers or on a path's.
pub trait Lookup {
    /// The answer to question `q`, if it counts.
    fn get(&self, q: QuestionIdx) -> Option<&Value>;
}

/// Every answer given, one slot per question of the content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    values: Vec<Option<Value>>,
}

impl Answers {
    /// No answers yet, for a content pack with `question_count` questions.
    pub fn empty(question_count: usize) -> Answers {
        Answers {
            values: vec![None; question_count],
        }
    }

    /// Records (or replaces) the answer to `q`.
    pub fn set(&mut self, q: QuestionIdx, value: Value) {
        self.values[q] = Some(value);
    }

    /// Forgets the answer to `q`.
    pub fn clear(&mut self, q: QuestionIdx) {
        self.values[q] = None;
    }

    /// How many slots (questions) there are.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no slots at all.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The questions that have an answer, in order.
    pub fn answered(&self) -> impl Iterator<Item = (QuestionIdx, &Value)> {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(q, v)| v.as_ref().map(|v| (q, v)))
    }
}

impl Lookup for Answers {
    fn get(&self, q: QuestionIdx) -> Option<&Value> {
        self.values.get(q).and_then(Option::as_ref)
    }
}
