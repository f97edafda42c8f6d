//! The interview as a state machine: which question is shown, answering, going back, the review step,
//! and validation of typed input. Front ends (the TUI, plain mode, the SSH server) only translate keys
//! into these calls and draw the state.
//!
//! All answers are kept, including those to questions a later change made inapplicable: switching back
//! restores them, while the path (recomputed from the answers on every call) decides which count.

use std::sync::Arc;

use jiff::civil::Date;

use crate::answers::{Answers, Lookup, Value};
use crate::content::{Content, QuestionIdx, QuestionKind};
use crate::engine::{Assessment, assess};
use crate::flow::Path;

/// What the interview shows now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A question.
    Question(QuestionIdx),
    /// The review of all answers on the path.
    Review,
}

/// Why a typed or chosen answer was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing was entered.
    Empty,
    /// Not a whole number.
    NotANumber,
    /// A number outside the allowed range.
    OutOfRange {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// Not a valid date.
    NotADate,
    /// Not a month (`2025-07`, `2025/7`, `2025年7月`).
    NotAMonth,
    /// A month after the evaluation date's month.
    MonthAfter {
        /// The latest month allowed.
        latest: crate::dates::Month,
    },
    /// A value of the wrong kind or an unknown choice for this question.
    WrongKind,
    /// Answering while the review is shown.
    NoQuestion,
}

/// One person's interview over a content pack.
#[derive(Debug, Clone)]
pub struct Interview {
    content: Arc<Content>,
    answers: Answers,
    as_of: Date,
    step: Step,
    return_to_review: bool,
}

impl Interview {
    /// A fresh interview at its first question.
    pub fn new(content: Arc<Content>, as_of: Date) -> Interview {
        let answers = Answers::empty(content.questions.len());
        Interview::resume(content, answers, as_of)
    }

    /// An interview over existing answers (a draft or an answers file): at the first unanswered
    /// question on the path, or at the review when every question is answered.
    pub fn resume(content: Arc<Content>, answers: Answers, as_of: Date) -> Interview {
        let mut interview = Interview {
            content,
            answers,
            as_of,
            step: Step::Review,
            return_to_review: false,
        };
        interview.step = interview
            .first_unanswered()
            .map_or(Step::Review, Step::Question);
        interview
    }

    /// The content pack.
    pub fn content(&self) -> &Arc<Content> {
        &self.content
    }

    /// Every answer given, including ones off the path.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The evaluation date.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// What is shown now.
    pub fn step(&self) -> Step {
        self.step
    }

    /// The questions that apply to the current answers, in order.
    pub fn path(&self) -> Vec<QuestionIdx> {
        Path::new(&self.content, &self.answers, self.as_of)
            .questions()
            .collect()
    }

    /// Just the answers that count (on the path): what drafts and reports keep.
    pub fn effective_answers(&self) -> Answers {
        Path::new(&self.content, &self.answers, self.as_of).effective_answers()
    }

    /// The answer that counts for `q` (none if `q` is off the path).
    pub fn answer(&self, q: QuestionIdx) -> Option<&Value> {
        self.answers.get(q)
    }

    /// Position of the current question on the path and the path's length (exact, not estimated:
    /// the path follows from the answers).
    pub fn progress(&self) -> (usize, usize) {
        let path = self.path();
        let done = match self.step {
            Step::Question(q) => path.iter().position(|p| *p == q).unwrap_or(0),
            Step::Review => path.len(),
        };
        (done, path.len())
    }

    /// Whether every question on the path has an answer.
    pub fn is_complete(&self) -> bool {
        self.first_unanswered().is_none()
    }

    /// Records an answer to the current question and moves on.
    pub fn submit(&mut self, value: Value) -> Result<(), InputError> {
        let Step::Question(q) = self.step else {
            return Err(InputError::NoQuestion);
        };
        validate(&self.content.questions[q].kind, &value)?;
        if let Value::Month(m) = value
            && m > self.latest_month()
        {
            return Err(InputError::MonthAfter {
                latest: self.latest_month(),
            });
        }
        self.answers.set(q, value);
        self.advance_from(q);
        Ok(())
    }

    /// The latest month a month question accepts: the evaluation date's (a late payment cannot lie
    /// in the future), shown beside the field and checked on submit.
    pub fn latest_month(&self) -> crate::dates::Month {
        crate::dates::Month::of(self.as_of)
    }

    /// Parses typed input for the current question (number, date, text), records it and moves on.
    pub fn submit_text(&mut self, input: &str) -> Result<(), InputError> {
        let Step::Question(q) = self.step else {
            return Err(InputError::NoQuestion);
        };
        let value = parse_input(&self.content.questions[q].kind, input)?;
        self.submit(value)
    }

    /// Goes to the previous question on the path (from the review: the last question). Never blocks:
    /// an unconfirmed input is simply dropped by the front end.
    pub fn back(&mut self) {
        let path = self.path();
        let previous = match self.step {
            Step::Review => path.last().copied(),
            Step::Question(q) => path.iter().rev().find(|p| **p < q).copied(),
        };
        if let Some(p) = previous {
            self.step = Step::Question(p);
        }
    }

    /// Opens a question from the review to change its answer; confirming returns to the review.
    pub fn edit(&mut self, q: QuestionIdx) {
        if self.path().contains(&q) {
            self.step = Step::Question(q);
            self.return_to_review = true;
        }
    }

    /// Shows the review (all answers on the path), if every question is answered.
    pub fn review(&mut self) -> bool {
        if self.is_complete() {
            self.step = Step::Review;
            self.return_to_review = false;
        }
        self.step == Step::Review
    }

    /// The assessment of the answers that count.
    pub fn assess(&self) -> Assessment {
        assess(&self.content, &self.answers, self.as_of)
    }

    /// Clears every answer and starts again.
    pub fn restart(&mut self) {
        *self = Interview::new(Arc::clone(&self.content), self.as_of);
    }

    fn advance_from(&mut self, q: QuestionIdx) {
        let path = self.path();
        let next = if self.return_to_review {
            self.first_unanswered()
        } else {
            path.iter().find(|p| **p > q).copied()
        };
        self.step = next.map_or(Step::Review, Step::Question);
        if self.step == Step::Review {
            self.return_to_review = false;
        }
    }

    fn first_unanswered(&self) -> Option<QuestionIdx> {
        Path::new(&self.content, &self.answers, self.as_of)
            .unanswered()
            .next()
    }
}

/// Checks a value against a question's kind (choice indices exist, numbers in range).
pub fn validate(kind: &QuestionKind, value: &Value) -> Result<(), InputError> {
    match (kind, value) {
        (QuestionKind::YesNo, Value::Bool(_))
        | (QuestionKind::Date, Value::Date(_))
        | (QuestionKind::Month, Value::Month(_)) => Ok(()),
        (QuestionKind::Choice { choices, .. }, Value::Choice(i)) if *i < choices.len() => Ok(()),
        (QuestionKind::MultiChoice { choices }, Value::Choices(list))
            if list.iter().all(|i| *i < choices.len()) =>
        {
            Ok(())
        }
        (QuestionKind::Number { min, max, .. }, Value::Number(n)) if (min..=max).contains(&n) => {
            Ok(())
        }
        (QuestionKind::Number { min, max, .. }, Value::Number(_)) => Err(InputError::OutOfRange {
            min: *min,
            max: *max,
        }),
        (QuestionKind::Text, Value::Text(t)) if !t.trim().is_empty() => Ok(()),
        (QuestionKind::Text, Value::Text(_)) => Err(InputError::Empty),
        _ => Err(InputError::WrongKind),
    }
}

/// Parses what a person typed for a number, date or text question.
pub fn parse_input(kind: &QuestionKind, input: &str) -> Result<Value, InputError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(InputError::Empty);
    }
    let value = match kind {
        QuestionKind::Number { .. } => {
            let ascii: String = input.chars().map(fullwidth_digit).collect();
            if !ascii.chars().all(|c| c.is_ascii_digit() || c == '-') {
                return Err(InputError::NotANumber);
            }
            Value::Number(ascii.parse().map_err(|_| InputError::NotANumber)?)
        }
        QuestionKind::Date => {
            Value::Date(crate::dates::parse_typed_date(input).ok_or(InputError::NotADate)?)
        }
        QuestionKind::Month => {
            Value::Month(crate::dates::Month::parse(input).map_err(|_| InputError::NotAMonth)?)
        }
        QuestionKind::Text => Value::Text(input.to_string()),
        _ => return Err(InputError::WrongKind),
    };
    validate(kind, &value)?;
    Ok(value)
}

/// Japanese input methods often produce full-width digits: accept them as digits.
fn fullwidth_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'ー' | '－' => '-',
        other => other,
    }
}

#[cfg(test)]
mod tests;
