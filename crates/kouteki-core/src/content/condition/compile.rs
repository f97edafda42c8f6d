//! Type-checks a parsed condition against the questionnaire and resolves it to a [`Cond`].
//!
//! Every mistake a content author can make in a condition (an unknown question or choice, a value of the
//! wrong type, an operator the type does not support, a number outside the question's range) is caught
//! here, with the span of the offending word.

use std::ops::Range;

use super::ast::{CmpOp, Expr, Ident, Literal, LiteralValue, Subject};
use super::cond::Cond;
use crate::content::{Question, QuestionIdx, QuestionKind};
use crate::formats::suggest::did_you_mean;

/// A type error in a condition: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError {
    /// Byte range within the condition text.
    pub span: Range<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

type Result<T> = std::result::Result<T, CompileError>;

fn error<T>(span: &Range<usize>, message: String) -> Result<T> {
    Err(CompileError {
        span: span.clone(),
        message,
    })
}

/// Checks `expr` against `questions` and resolves it.
pub fn compile(expr: &Expr, questions: &[Question]) -> Result<Cond> {
    Compiler { questions }.expr(expr)
}

struct Compiler<'a> {
    questions: &'a [Question],
}

impl Compiler<'_> {
    fn expr(&self, expr: &Expr) -> Result<Cond> {
        Ok(match expr {
            Expr::Const(b) => Cond::Const(*b),
            Expr::Not(e) => Cond::Not(Box::new(self.expr(e)?)),
            Expr::And(es) => Cond::And(es.iter().map(|e| self.expr(e)).collect::<Result<_>>()?),
            Expr::Or(es) => Cond::Or(es.iter().map(|e| self.expr(e)).collect::<Result<_>>()?),
            Expr::Answered(id) => Cond::Answered(self.question(id)?.0),
            Expr::Compare(subject, op, op_span, lit) => self.compare(subject, *op, op_span, lit)?,
            Expr::In {
                subject,
                items,
                negated,
            } => self.one_of(subject, items, *negated)?,
            Expr::Range(subject, lo, hi) => self.range(subject, lo, hi)?,
            Expr::Has(id, lit) => self.has(id, lit)?,
        })
    }

    fn question(&self, id: &Ident) -> Result<(QuestionIdx, &Question)> {
        match self.questions.iter().position(|q| q.id == id.name) {
            Some(i) => Ok((i, &self.questions[i])),
            None => {
                let hint = did_you_mean(&id.name, self.questions.iter().map(|q| q.id.as_str()));
                error(&id.span, format!("unknown question `{}`{hint}", id.name))
            }
        }
    }

    /// `subject op literal`: what the operator and the literal may be depends on the question's kind.
    fn compare(
        &self,
        subject: &Subject,
        op: CmpOp,
        op_span: &Range<usize>,
        lit: &Literal,
    ) -> Result<Cond> {
        let id = match subject {
            Subject::AsOf(_) => {
                return Ok(Cond::AsOf {
                    op,
                    value: expect_date(lit, "`as_of`")?,
                });
            }
            Subject::Question(id) => id,
        };
        let (q, question) = self.question(id)?;
        let test = Comparison {
            q,
            question,
            op,
            op_span,
            lit,
        };
        match &question.kind {
            QuestionKind::Choice { .. } => test.choice(),
            QuestionKind::YesNo => test.yes_no(),
            QuestionKind::Number { min, max, .. } => test.number(*min, *max),
            QuestionKind::Date => match lit.value {
                LiteralValue::AsOfShift(months) => Ok(Cond::DateRel { q, op, months }),
                _ => Ok(Cond::Date {
                    q,
                    op,
                    value: expect_date(lit, &format!("`{}`", question.id))?,
                }),
            },
            QuestionKind::Month => error(
                &lit.span,
                format!(
                    "`{}` is a month question: test it with `answered({})`",
                    question.id, question.id
                ),
            ),
            QuestionKind::Text => test.text(),
            QuestionKind::MultiChoice { .. } => error(
                &lit.span,
                format!(
                    "`{}` is a multi-choice question: use `{} has <choice>`",
                    question.id, question.id
                ),
            ),
        }
    }

    fn one_of(&self, subject: &Subject, items: &[Literal], negated: bool) -> Result<Cond> {
        let Subject::Question(id) = subject else {
            return error(
                &items[0].span,
                "`as_of` takes comparisons, not `in`".to_string(),
            );
        };
        let (q, question) = self.question(id)?;
        match &question.kind {
            QuestionKind::Choice { .. } => {
                let mut set = 0u64;
                for lit in items {
                    set |= 1u64 << choice_of(question, lit)?;
                }
                Ok(Cond::Choice { q, set, negated })
            }
            QuestionKind::Number { min, max, .. } => {
                let values = items
                    .iter()
                    .map(|lit| {
                        expect_int(question, lit)
                            .and_then(|v| in_range(question, lit, v, *min, *max))
                    })
                    .collect::<Result<_>>()?;
                Ok(Cond::NumberIn { q, values, negated })
            }
            other => error(
                &id.span,
                format!(
                    "`{}` is a {} question: `in [..]` applies to choice and number questions",
                    question.id,
                    other.name()
                ),
            ),
        }
    }

    fn range(&self, subject: &Subject, lo: &Literal, hi: &Literal) -> Result<Cond> {
        let Subject::Question(id) = subject else {
            return error(
                &lo.span,
                "`as_of` takes comparisons, not ranges".to_string(),
            );
        };
        let (q, question) = self.question(id)?;
        let QuestionKind::Number { min, max, .. } = question.kind else {
            return error(
                &id.span,
                format!(
                    "`{}` is not a number question: ranges apply to numbers",
                    question.id
                ),
            );
        };
        let lo_value = in_range(question, lo, expect_int(question, lo)?, min, max)?;
        let hi_value = in_range(question, hi, expect_int(question, hi)?, min, max)?;
        if lo_value > hi_value {
            return error(
                &lo.span,
                format!(
                    "empty range {lo_value}..{hi_value}: the first bound must not exceed the second"
                ),
            );
        }
        Ok(Cond::NumberRange {
            q,
            lo: lo_value,
            hi: hi_value,
        })
    }

    fn has(&self, id: &Ident, lit: &Literal) -> Result<Cond> {
        let (q, question) = self.question(id)?;
        if !matches!(question.kind, QuestionKind::MultiChoice { .. }) {
            return error(
                &id.span,
                format!(
                    "`{}` is a {} question: `has` applies to multi-choice questions",
                    question.id,
                    question.kind.name()
                ),
            );
        }
        Ok(Cond::Has {
            q,
            choice: choice_of(question, lit)?,
        })
    }
}

/// One comparison of a question's answer with a literal, checked by the question's kind.
struct Comparison<'a> {
    q: QuestionIdx,
    question: &'a Question,
    op: CmpOp,
    op_span: &'a Range<usize>,
    lit: &'a Literal,
}

impl Comparison<'_> {
    /// Choices, yes/no and text have no order: `<` on them is a mistake, blamed on the operator.
    fn equality_only(&self, what: &str) -> Result<()> {
        if self.op.is_equality() {
            Ok(())
        } else {
            error(
                self.op_span,
                format!("`{}` is {what}: only == and != apply", self.question.id),
            )
        }
    }

    fn choice(&self) -> Result<Cond> {
        self.equality_only("a choice question")?;
        let set = 1u64 << choice_of(self.question, self.lit)?;
        Ok(Cond::Choice {
            q: self.q,
            set,
            negated: self.op == CmpOp::Ne,
        })
    }

    /// `!=` is folded into the value: `knows != true` is `knows == false`.
    fn yes_no(&self) -> Result<Cond> {
        self.equality_only("a yes/no question")?;
        let LiteralValue::Bool(b) = self.lit.value else {
            return mismatch(self.question, self.lit, "`true` or `false`");
        };
        Ok(Cond::Bool {
            q: self.q,
            value: b == (self.op == CmpOp::Eq),
        })
    }

    /// `==` and `!=` must name a value the question allows; an ordering may reach past the range
    /// (`age < 200` is merely always true).
    fn number(&self, min: i64, max: i64) -> Result<Cond> {
        let value = expect_int(self.question, self.lit)?;
        if self.op.is_equality() {
            in_range(self.question, self.lit, value, min, max)?;
        }
        Ok(Cond::Number {
            q: self.q,
            op: self.op,
            value,
        })
    }

    fn text(&self) -> Result<Cond> {
        self.equality_only("a text question")?;
        let LiteralValue::Str(s) = &self.lit.value else {
            return mismatch(self.question, self.lit, "a quoted string");
        };
        Ok(Cond::Text {
            q: self.q,
            value: s.as_str().into(),
            eq: self.op == CmpOp::Eq,
        })
    }
}

fn choice_of(question: &Question, lit: &Literal) -> Result<usize> {
    let (LiteralValue::Word(name) | LiteralValue::Str(name)) = &lit.value else {
        return mismatch(
            question,
            lit,
            &format!("one of its choices ({})", question.choice_ids()),
        );
    };
    match question.choice_index(name) {
        Some(i) => Ok(i),
        None => error(
            &lit.span,
            format!(
                "`{name}` is not a choice of `{}`{}; expected one of: {}",
                question.id,
                did_you_mean(name, question.choices().iter().map(|c| c.id.as_str())),
                question.choice_ids()
            ),
        ),
    }
}

fn expect_int(question: &Question, lit: &Literal) -> Result<i64> {
    match lit.value {
        LiteralValue::Int(n) => Ok(n),
        _ => mismatch(question, lit, "a whole number"),
    }
}

fn in_range(question: &Question, lit: &Literal, value: i64, min: i64, max: i64) -> Result<i64> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        error(
            &lit.span,
            format!(
                "{value} is outside the range of `{}` ({min}..={max})",
                question.id
            ),
        )
    }
}

fn expect_date(lit: &Literal, what: &str) -> Result<jiff::civil::Date> {
    match lit.value {
        LiteralValue::Date(d) => Ok(d),
        _ => error(
            &lit.span,
            format!(
                "{what} is a date: expected a date YYYY-MM-DD, found {}",
                lit.value.describe()
            ),
        ),
    }
}

fn mismatch<T>(question: &Question, lit: &Literal, expected: &str) -> Result<T> {
    error(
        &lit.span,
        format!(
            "`{}` is a {} question: expected {expected}, found {}",
            question.id,
            question.kind.name(),
            lit.value.describe()
        ),
    )
}
