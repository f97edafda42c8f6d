//! Decides whether a condition can ever hold: the load-time check behind "this question can never be
//! asked" and "this rule can never apply".
//!
//! The condition is put in disjunctive normal form, every test on a question is joined with that
//! question's own `ask_if` (a question can only have an answer if it is asked), and each conjunction is
//! checked for consistency on each question's domain (choices, yes/no, the number range). Tests the
//! method cannot represent (`has` negated, text) are taken as satisfiable, so the check never rejects a
//! condition that can hold; it may miss some that cannot.

use std::collections::{BTreeSet, HashMap};

use super::ast::CmpOp;
use super::cond::Cond;
use crate::content::{Question, QuestionIdx, QuestionKind};

/// Above this many conjunctions the check gives up and assumes the condition can hold.
const MAX_CONJUNCTIONS: usize = 4096;

/// Whether `cond` can hold for some answers the interview can produce and some evaluation date.
///
/// `ask_if` gives each question's condition; it must be free of cycles (checked before this is called).
pub fn satisfiable(
    cond: &Cond,
    questions: &[Question],
    ask_if: &dyn Fn(QuestionIdx) -> Option<Cond>,
) -> bool {
    let ctx = Ctx { questions, ask_if };
    match ctx.dnf(cond, false) {
        Some(conjunctions) => conjunctions.iter().any(|c| ctx.consistent(c)),
        None => true,
    }
}

#[derive(Debug, Clone)]
enum Atom {
    Test(Cond),
    NotAnswered(QuestionIdx),
}

type Dnf = Vec<Vec<Atom>>;

struct Ctx<'a> {
    questions: &'a [Question],
    ask_if: &'a dyn Fn(QuestionIdx) -> Option<Cond>,
}

impl Ctx<'_> {
    fn dnf(&self, cond: &Cond, negated: bool) -> Option<Dnf> {
        match (cond, negated) {
            (Cond::Const(b), _) => Some(if *b != negated { vec![vec![]] } else { vec![] }),
            (Cond::Not(c), _) => self.dnf(c, !negated),
            (Cond::And(cs), false) | (Cond::Or(cs), true) => self.all(cs, negated),
            (Cond::Or(cs), false) | (Cond::And(cs), true) => self.any(cs, negated),
            (leaf, false) => self.positive(leaf.clone()),
            (leaf, true) => self.negative(leaf),
        }
    }

    fn all(&self, cs: &[Cond], negated: bool) -> Option<Dnf> {
        let mut acc: Dnf = vec![vec![]];
        for c in cs {
            let next = self.dnf(c, negated)?;
            if acc.len() * next.len() > MAX_CONJUNCTIONS {
                return None;
            }
            acc = acc
                .iter()
                .flat_map(|a| {
                    next.iter()
                        .map(move |b| a.iter().chain(b).cloned().collect())
                })
                .collect();
        }
        Some(acc)
    }

    fn any(&self, cs: &[Cond], negated: bool) -> Option<Dnf> {
        let mut acc = Dnf::new();
        for c in cs {
            acc.extend(self.dnf(c, negated)?);
            if acc.len() > MAX_CONJUNCTIONS {
                return None;
            }
        }
        Some(acc)
    }

    /// A positive test: it holds only if its question is asked, so join the question's `ask_if`.
    fn positive(&self, leaf: Cond) -> Option<Dnf> {
        let Some(q) = leaf.question() else {
            return Some(vec![vec![Atom::Test(leaf)]]);
        };
        let asked = match (self.ask_if)(q) {
            Some(ask_if) => self.dnf(&ask_if, false)?,
            None => vec![vec![]],
        };
        Some(
            asked
                .into_iter()
                .map(|mut c| {
                    c.push(Atom::Test(leaf.clone()));
                    c
                })
                .collect(),
        )
    }

    /// A negated test holds when the question is unanswered or the complementary test holds.
    fn negative(&self, leaf: &Cond) -> Option<Dnf> {
        let Some(q) = leaf.question() else {
            return match leaf {
                Cond::AsOf { op, value } => self.positive(Cond::AsOf {
                    op: inverse(*op),
                    value: *value,
                }),
                _ => Some(vec![vec![]]),
            };
        };
        let mut out = vec![vec![Atom::NotAnswered(q)]];
        for complement in complements(leaf) {
            out.extend(self.positive(complement)?);
        }
        Some(out)
    }

    fn consistent(&self, conjunction: &[Atom]) -> bool {
        let mut domains: HashMap<Option<QuestionIdx>, Domain> = HashMap::new();
        for atom in conjunction {
            let key = match atom {
                Atom::NotAnswered(q) => Some(*q),
                Atom::Test(test) => test.question(),
            };
            let domain = domains
                .entry(key)
                .or_insert_with(|| Domain::new(key.map(|q| &self.questions[q])));
            match atom {
                Atom::NotAnswered(_) => domain.unanswered = true,
                Atom::Test(test) => domain.apply(test),
            }
        }
        domains.values().all(Domain::possible)
    }
}

fn inverse(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
        CmpOp::Lt => CmpOp::Ge,
        CmpOp::Le => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Le,
        CmpOp::Ge => CmpOp::Lt,
    }
}

/// The positive tests that together cover "answered, and `leaf` does not hold".
fn complements(leaf: &Cond) -> Vec<Cond> {
    match leaf.clone() {
        Cond::Answered(_) => vec![],
        Cond::Choice { q, set, negated } => vec![Cond::Choice {
            q,
            set,
            negated: !negated,
        }],
        Cond::Bool { q, value } => vec![Cond::Bool { q, value: !value }],
        Cond::Number { q, op, value } => vec![Cond::Number {
            q,
            op: inverse(op),
            value,
        }],
        Cond::NumberIn { q, values, negated } => vec![Cond::NumberIn {
            q,
            values,
            negated: !negated,
        }],
        Cond::NumberRange { q, lo, hi } => vec![
            Cond::Number {
                q,
                op: CmpOp::Lt,
                value: lo,
            },
            Cond::Number {
                q,
                op: CmpOp::Gt,
                value: hi,
            },
        ],
        Cond::Date { q, op, value } => vec![Cond::Date {
            q,
            op: inverse(op),
            value,
        }],
        Cond::DateRel { q, op, months } => vec![Cond::DateRel {
            q,
            op: inverse(op),
            months,
        }],
        Cond::Text { q, value, eq } => vec![Cond::Text { q, value, eq: !eq }],
        // "does not include a choice" cannot be represented: allow any answer.
        Cond::Has { q, .. } => vec![Cond::Answered(q)],
        _ => vec![],
    }
}

/// What one question's answer (or the evaluation date, for key `None`) may still be.
struct Domain {
    answered: bool,
    unanswered: bool,
    choices: u64,
    bools: [bool; 2],
    lo: i64,
    hi: i64,
    /// Values ruled out by `!=` and `not in`: a set, because the same value may be excluded several
    /// times and each distinct value removes only one point of the interval.
    excluded: BTreeSet<i64>,
    /// Values allowed by `in [..]` (the intersection of every list), if any list was given.
    allowed: Option<Vec<i64>>,
}

impl Domain {
    fn new(question: Option<&Question>) -> Domain {
        let (lo, hi) = match question.map(|q| &q.kind) {
            Some(QuestionKind::Number { min, max, .. }) => (*min, *max),
            _ => (i64::MIN / 2, i64::MAX / 2),
        };
        let choices = match question.map(|q| &q.kind) {
            Some(QuestionKind::Choice { choices, .. }) if choices.len() < 64 => {
                (1u64 << choices.len()) - 1
            }
            _ => u64::MAX,
        };
        Domain {
            answered: false,
            unanswered: false,
            choices,
            bools: [true, true],
            lo,
            hi,
            excluded: BTreeSet::new(),
            allowed: None,
        }
    }

    fn apply(&mut self, test: &Cond) {
        // The evaluation date always "has an answer": its interval must be checked too.
        self.answered |= test.question().is_some() || matches!(test, Cond::AsOf { .. });
        match test {
            Cond::Choice {
                set,
                negated: false,
                ..
            } => self.choices &= set,
            Cond::Choice {
                set, negated: true, ..
            } => self.choices &= !set,
            Cond::Bool { value, .. } => self.bools[usize::from(!*value)] = false,
            Cond::Number { op, value, .. } => self.compare(*op, *value),
            Cond::Date { op, value, .. } | Cond::AsOf { op, value } => {
                self.compare(*op, day_number(*value));
            }
            Cond::NumberRange { lo, hi, .. } => {
                self.lo = self.lo.max(*lo);
                self.hi = self.hi.min(*hi);
            }
            Cond::NumberIn {
                values,
                negated: false,
                ..
            } => {
                let allowed = match self.allowed.take() {
                    Some(old) => old.into_iter().filter(|v| values.contains(v)).collect(),
                    None => values.clone(),
                };
                self.allowed = Some(allowed);
            }
            Cond::NumberIn {
                values,
                negated: true,
                ..
            } => self.excluded.extend(values),
            _ => {}
        }
    }

    fn compare(&mut self, op: CmpOp, value: i64) {
        match op {
            CmpOp::Eq => {
                self.lo = self.lo.max(value);
                self.hi = self.hi.min(value);
            }
            CmpOp::Ne => {
                self.excluded.insert(value);
            }
            CmpOp::Lt => self.hi = self.hi.min(value.saturating_sub(1)),
            CmpOp::Le => self.hi = self.hi.min(value),
            CmpOp::Gt => self.lo = self.lo.max(value.saturating_add(1)),
            CmpOp::Ge => self.lo = self.lo.max(value),
        }
    }

    fn possible(&self) -> bool {
        if self.answered && self.unanswered {
            return false;
        }
        let number_ok = match &self.allowed {
            // Each listed value is tested on its own, so repeats in the lists cannot matter.
            Some(values) => values.iter().any(|v| self.admits(*v)),
            None => self.interval_has_room(),
        };
        !self.answered || (self.choices != 0 && self.bools.iter().any(|b| *b) && number_ok)
    }

    /// Whether `lo..=hi` keeps a value once the excluded ones are taken out: it must hold more
    /// points than there are distinct excluded values inside it.
    fn interval_has_room(&self) -> bool {
        if self.lo > self.hi {
            return false;
        }
        let size = i128::from(self.hi) - i128::from(self.lo) + 1;
        let excluded_inside = self.excluded.range(self.lo..=self.hi).count();
        i128::try_from(excluded_inside).is_ok_and(|n| n < size)
    }

    fn admits(&self, v: i64) -> bool {
        self.lo <= v && v <= self.hi && !self.excluded.contains(&v)
    }
}

fn day_number(date: jiff::civil::Date) -> i64 {
    i64::from(
        date.since(jiff::civil::date(1970, 1, 1))
            .map_or(0, |span| span.get_days()),
    )
}
