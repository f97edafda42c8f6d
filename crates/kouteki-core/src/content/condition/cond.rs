//! The checked form of a condition: names resolved to indices, types known, ready to evaluate fast.

use crate::content_str::Str;
use jiff::civil::Date;

use super::ast::CmpOp;
use crate::answers::{Lookup, QuestionIdx, Value};

/// A checked condition. A test on a question without an answer is false.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cond {
    /// Always true or always false.
    Const(bool),
    /// Negation.
    Not(Box<Cond>),
    /// All of them.
    And(Vec<Cond>),
    /// Any of them.
    Or(Vec<Cond>),
    /// The question has an answer.
    Answered(QuestionIdx),
    /// A choice answer is (or, `negated`, is not) one of the choices in the bit set.
    Choice {
        /// The question.
        q: QuestionIdx,
        /// Bit `i` set means choice `i` is listed.
        set: u64,
        /// `!=` / `not in`.
        negated: bool,
    },
    /// A multi-choice answer includes the choice.
    Has {
        /// The question.
        q: QuestionIdx,
        /// The choice index.
        choice: usize,
    },
    /// A yes/no answer equals the value.
    Bool {
        /// The question.
        q: QuestionIdx,
        /// The value it must have.
        value: bool,
    },
    /// A number answer compared with a value.
    Number {
        /// The question.
        q: QuestionIdx,
        /// The comparison.
        op: CmpOp,
        /// The right-hand side.
        value: i64,
    },
    /// A number answer is (or, `negated`, is not) one of the values.
    NumberIn {
        /// The question.
        q: QuestionIdx,
        /// The listed values.
        values: Vec<i64>,
        /// `not in`.
        negated: bool,
    },
    /// A number answer lies in an inclusive range.
    NumberRange {
        /// The question.
        q: QuestionIdx,
        /// Lower bound, inclusive.
        lo: i64,
        /// Upper bound, inclusive.
        hi: i64,
    },
    /// A date answer compared with a date.
    Date {
        /// The question.
        q: QuestionIdx,
        /// The comparison.
        op: CmpOp,
        /// The right-hand side.
        value: Date,
    },
    /// A date answer compared with the evaluation date moved by `months` (clamped to month ends).
    DateRel {
        /// The question.
        q: QuestionIdx,
        /// The comparison.
        op: CmpOp,
        /// Months added to the evaluation date (negative: before it).
        months: i32,
    },
    /// The evaluation date compared with a date.
    AsOf {
        /// The comparison.
        op: CmpOp,
        /// The right-hand side.
        value: Date,
    },
    /// A text answer equals (or, with `eq` false, differs from) a string.
    Text {
        /// The question.
        q: QuestionIdx,
        /// The string.
        value: Str,
        /// `==` (true) or `!=` (false).
        eq: bool,
    },
}

impl Cond {
    /// Whether the condition holds for these answers on this date.
    pub fn eval<L: Lookup + ?Sized>(&self, answers: &L, as_of: Date) -> bool {
        match self {
            Cond::Const(b) => *b,
            Cond::Not(c) => !c.eval(answers, as_of),
            Cond::And(cs) => cs.iter().all(|c| c.eval(answers, as_of)),
            Cond::Or(cs) => cs.iter().any(|c| c.eval(answers, as_of)),
            Cond::Answered(q) => answers.get(*q).is_some(),
            Cond::AsOf { op, value } => op.holds(as_of, *value),
            Cond::DateRel { q, op, months } => match answers.get(*q) {
                Some(Value::Date(d)) => op.holds(*d, crate::dates::add_months(as_of, *months)),
                _ => false,
            },
            _ => self.eval_answer(answers),
        }
    }

    fn eval_answer<L: Lookup + ?Sized>(&self, answers: &L) -> bool {
        let Some(q) = self.question() else {
            return false;
        };
        let Some(answer) = answers.get(q) else {
            return false;
        };
        match (self, answer) {
            (Cond::Choice { set, negated, .. }, Value::Choice(i)) => {
                (set >> i & 1 == 1) != *negated
            }
            (Cond::Has { choice, .. }, Value::Choices(list)) => list.contains(choice),
            (Cond::Bool { value, .. }, Value::Bool(b)) => b == value,
            (Cond::Number { op, value, .. }, Value::Number(n)) => op.holds(*n, *value),
            (
                Cond::NumberIn {
                    values, negated, ..
                },
                Value::Number(n),
            ) => values.contains(n) != *negated,
            (Cond::NumberRange { lo, hi, .. }, Value::Number(n)) => lo <= n && n <= hi,
            (Cond::Date { op, value, .. }, Value::Date(d)) => op.holds(*d, *value),
            (Cond::Text { value, eq, .. }, Value::Text(t)) => (*value == *t) == *eq,
            _ => false,
        }
    }

    /// The question a single test is about (`None` for connectives, constants and `as_of`).
    pub fn question(&self) -> Option<QuestionIdx> {
        match self {
            Cond::Answered(q)
            | Cond::Choice { q, .. }
            | Cond::Has { q, .. }
            | Cond::Bool { q, .. }
            | Cond::Number { q, .. }
            | Cond::NumberIn { q, .. }
            | Cond::NumberRange { q, .. }
            | Cond::Date { q, .. }
            | Cond::DateRel { q, .. }
            | Cond::Text { q, .. } => Some(*q),
            _ => None,
        }
    }

    /// Every question the condition refers to, ascending and without repeats.
    pub fn questions(&self) -> Vec<QuestionIdx> {
        let mut out = Vec::new();
        self.collect_questions(&mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn collect_questions(&self, out: &mut Vec<QuestionIdx>) {
        match self {
            Cond::Not(c) => c.collect_questions(out),
            Cond::And(cs) | Cond::Or(cs) => cs.iter().for_each(|c| c.collect_questions(out)),
            other => out.extend(other.question()),
        }
    }
}
