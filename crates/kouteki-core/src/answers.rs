//! A person's answers, indexed by question, with choice ids already resolved.
//!
//! The model only: how an answer is written in a file or read by a person belongs to
//! [`crate::answers_file`] and [`crate::report`].
//!
//! Answers to questions that are not on the path taken are kept (so changing an earlier answer and
//! changing it back restores them); [`crate::interview`] decides which of them count.

use jiff::civil::Date;

/// Index of a question in the content's questionnaire, which is also the order of asking. Answers are
/// kept by it so that conditions and the engine never look a name up in a map.
pub type QuestionIdx = usize;

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
    /// A calendar month.
    Month(crate::dates::Month),
    /// Free text.
    Text(String),
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
