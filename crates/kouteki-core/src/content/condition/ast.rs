//! The syntax tree of a condition as written, with spans for error messages.

use std::ops::Range;

use jiff::civil::Date;

/// A name in a condition (a question id, or a bare choice id) and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Byte range within the condition text.
    pub span: Range<usize>,
}

/// A literal value in a condition and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    /// The value.
    pub value: LiteralValue,
    /// Byte range within the condition text.
    pub span: Range<usize>,
}

/// The values a condition can compare against.
#[derive(Debug, Clone, PartialEq)]
pub enum LiteralValue {
    /// An integer.
    Int(i64),
    /// `true` or `false`.
    Bool(bool),
    /// A date `YYYY-MM-DD`.
    Date(Date),
    /// The evaluation date moved by whole months: `as_of`, `as_of + 3 months`, `as_of - 2 months`,
    /// for dates answered relative to the day of the check (an expiry within 2 months).
    AsOfShift(i32),
    /// A bare word: a choice id.
    Word(String),
    /// A quoted string: a choice id or text.
    Str(String),
}

impl LiteralValue {
    /// What kind of value this is, for type errors.
    pub fn describe(&self) -> String {
        match self {
            LiteralValue::Int(n) => format!("the number {n}"),
            LiteralValue::Bool(b) => format!("`{b}`"),
            LiteralValue::Date(d) => format!("the date {d}"),
            LiteralValue::AsOfShift(0) => "`as_of`".to_string(),
            LiteralValue::AsOfShift(m) => format!("`as_of {m:+} months`"),
            LiteralValue::Word(w) => format!("`{w}`"),
            LiteralValue::Str(s) => format!("\"{s}\""),
        }
    }
}

/// What a comparison's left side refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// The answer to a question.
    Question(Ident),
    /// The evaluation date (`as_of`).
    AsOf(Range<usize>),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    /// `==` or `=`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

impl CmpOp {
    /// Applies the operator to two ordered values.
    pub fn holds<T: Ord>(self, left: T, right: T) -> bool {
        match self {
            CmpOp::Eq => left == right,
            CmpOp::Ne => left != right,
            CmpOp::Lt => left < right,
            CmpOp::Le => left <= right,
            CmpOp::Gt => left > right,
            CmpOp::Ge => left >= right,
        }
    }

    /// Whether this is `==`/`!=` (the only operators on choices, yes/no and text).
    pub fn is_equality(self) -> bool {
        matches!(self, CmpOp::Eq | CmpOp::Ne)
    }
}

/// A condition as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `true` / `false`.
    Const(bool),
    /// `not e`.
    Not(Box<Expr>),
    /// `a and b and ...`.
    And(Vec<Expr>),
    /// `a or b or ...`.
    Or(Vec<Expr>),
    /// `answered(q)`.
    Answered(Ident),
    /// `subject op literal`, with the operator's span (the operator is what a type error may blame).
    Compare(Subject, CmpOp, Range<usize>, Literal),
    /// `subject in [..]` or `subject not in [..]`.
    In {
        /// What is tested.
        subject: Subject,
        /// The listed values.
        items: Vec<Literal>,
        /// `not in`.
        negated: bool,
    },
    /// `subject in lo..hi` (inclusive).
    Range(Subject, Literal, Literal),
    /// `q has choice` (multi-choice contains).
    Has(Ident, Literal),
}
