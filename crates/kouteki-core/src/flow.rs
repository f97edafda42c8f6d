//! Which questions apply: the path through the questionnaire that a set of answers takes.
//!
//! Recomputed from the answers every time (never stored), so changing an earlier answer re-routes the
//! interview at once, and answers to questions that no longer apply simply stop counting.

use jiff::civil::Date;

use crate::answers::{Answers, Lookup, Value};
use crate::content::{Content, QuestionIdx};

/// The answers that count: those to questions on the path.
#[derive(Debug, Clone)]
pub struct Path<'a> {
    answers: &'a Answers,
    on_path: Vec<bool>,
}

impl<'a> Path<'a> {
    /// Walks the questionnaire in order; a question is on the path when its `ask_if` holds for the
    /// answers on the path before it.
    pub fn new(content: &Content, answers: &'a Answers, as_of: Date) -> Path<'a> {
        let mut path = Path {
            answers,
            on_path: vec![false; content.questions.len()],
        };
        for (q, question) in content.questions.iter().enumerate() {
            let asked = question
                .ask_if
                .as_ref()
                .is_none_or(|c| c.eval(&path, as_of));
            path.on_path[q] = asked;
        }
        path
    }

    /// Whether question `q` is asked.
    pub fn contains(&self, q: QuestionIdx) -> bool {
        self.on_path[q]
    }

    /// The questions on the path, in order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionIdx> + '_ {
        self.on_path
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(q, _)| q)
    }

    /// Questions on the path without an answer, in order.
    pub fn unanswered(&self) -> impl Iterator<Item = QuestionIdx> + '_ {
        self.questions().filter(|q| self.answers.get(*q).is_none())
    }

    /// Answers given to questions that are not on the path (ignored, with a warning in `eval`).
    pub fn skipped_answers(&self) -> impl Iterator<Item = QuestionIdx> + '_ {
        self.answers
            .answered()
            .map(|(q, _)| q)
            .filter(|q| !self.on_path[*q])
    }

    /// A copy of just the answers that count.
    pub fn effective_answers(&self) -> Answers {
        let mut effective = Answers::empty(self.on_path.len());
        for (q, value) in self.answers.answered().filter(|(q, _)| self.on_path[*q]) {
            effective.set(q, value.clone());
        }
        effective
    }
}

impl Lookup for Path<'_> {
    fn get(&self, q: QuestionIdx) -> Option<&Value> {
        if self.on_path[q] {
            self.answers.get(q)
        } else {
            None
        }
    }
}
