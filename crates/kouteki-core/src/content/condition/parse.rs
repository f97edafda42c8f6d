//! The parser of the condition language (see docs/CONTENT.md), built with winnow.

use winnow::LocatingSlice;
use winnow::ascii::{digit1, multispace0};
use winnow::combinator::{
    alt, cut_err, delimited, fail, not, opt, preceded, separated, terminated,
};
use winnow::error::{ContextError, ErrMode, StrContext, StrContextValue};
use winnow::prelude::*;
use winnow::stream::Stream;
use winnow::token::{one_of, take_till, take_while};

use super::ast::{CmpOp, Expr, Ident, Literal, LiteralValue, Subject};

type Input<'a> = LocatingSlice<&'a str>;

/// A syntax error: where in the condition, and what was expected there.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Byte offset in the condition text.
    pub offset: usize,
    /// What was expected.
    pub message: String,
}

/// Parses a whole condition.
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let mut parser = delimited(multispace0, or_expr, multispace0);
    parser.parse(LocatingSlice::new(text)).map_err(|e| {
        let message = e.inner().to_string();
        SyntaxError {
            offset: e.offset(),
            message: if message.is_empty() {
                "expected `and`, `or` or the end of the condition".to_string()
            } else {
                message
            },
        }
    })
}

fn label(what: &'static str) -> StrContext {
    StrContext::Expected(StrContextValue::Description(what))
}

fn ws<'a, O, P>(inner: P) -> impl Parser<Input<'a>, O, ErrMode<ContextError>>
where
    P: Parser<Input<'a>, O, ErrMode<ContextError>>,
{
    delimited(multispace0, inner, multispace0)
}

fn word<'a>(input: &mut Input<'a>) -> ModalResult<&'a str> {
    (
        one_of(|c: char| c.is_ascii_lowercase() || c == '_'),
        take_while(0.., |c: char| c.is_ascii_alphanumeric() || c == '_'),
    )
        .take()
        .parse_next(input)
}

/// A keyword that is not the prefix of a longer word.
fn keyword<'a>(kw: &'static str) -> impl Parser<Input<'a>, &'a str, ErrMode<ContextError>> {
    terminated(
        kw,
        not(one_of(|c: char| c.is_ascii_alphanumeric() || c == '_')),
    )
}

fn or_expr(input: &mut Input<'_>) -> ModalResult<Expr> {
    chain(input, "or", and_expr, Expr::Or)
}

fn and_expr(input: &mut Input<'_>) -> ModalResult<Expr> {
    chain(input, "and", not_expr, Expr::And)
}

/// `item (kw item)*`; after a keyword an item is required, so `a and` reports the missing operand.
fn chain(
    input: &mut Input<'_>,
    kw: &'static str,
    mut item: impl FnMut(&mut Input<'_>) -> ModalResult<Expr>,
    join: fn(Vec<Expr>) -> Expr,
) -> ModalResult<Expr> {
    let mut items = vec![item(input)?];
    while opt(ws(keyword(kw))).parse_next(input)?.is_some() {
        items.push(cut_err(&mut item).parse_next(input)?);
    }
    Ok(flatten(items, join))
}

fn flatten(mut items: Vec<Expr>, join: fn(Vec<Expr>) -> Expr) -> Expr {
    if items.len() == 1 {
        items.remove(0)
    } else {
        join(items)
    }
}

fn not_expr(input: &mut Input<'_>) -> ModalResult<Expr> {
    alt((
        preceded(ws(keyword("not")), cut_err(not_expr)).map(|e| Expr::Not(Box::new(e))),
        atom,
    ))
    .parse_next(input)
}

fn atom(input: &mut Input<'_>) -> ModalResult<Expr> {
    ws(alt((
        delimited(
            ('(', multispace0),
            cut_err(or_expr),
            cut_err((multispace0, ')')).context(label("`)`")),
        ),
        keyword("true").value(Expr::Const(true)),
        keyword("false").value(Expr::Const(false)),
        answered,
        comparison,
        fail.context(label(
            "a condition (a comparison, `answered(...)`, `not`, or parentheses)",
        )),
    )))
    .parse_next(input)
}

fn answered(input: &mut Input<'_>) -> ModalResult<Expr> {
    preceded(
        (keyword("answered"), multispace0, '('),
        cut_err(terminated(ws(ident), ')'.context(label("`)`")))),
    )
    .map(Expr::Answered)
    .parse_next(input)
}

fn ident(input: &mut Input<'_>) -> ModalResult<Ident> {
    word.with_span()
        .map(|(name, span)| Ident {
            name: name.to_string(),
            span,
        })
        .context(label("a question id"))
        .parse_next(input)
}

fn subject(input: &mut Input<'_>) -> ModalResult<Subject> {
    alt((
        keyword("as_of").span().map(Subject::AsOf),
        ident.map(Subject::Question),
    ))
    .parse_next(input)
}

/// The operator after a comparison's subject.
#[derive(Clone)]
enum Operator {
    Cmp(CmpOp, std::ops::Range<usize>),
    In,
    NotIn,
}

fn operator(input: &mut Input<'_>) -> ModalResult<Operator> {
    alt((
        cmp_op.with_span().map(|(op, span)| Operator::Cmp(op, span)),
        (keyword("not"), multispace0, keyword("in")).value(Operator::NotIn),
        keyword("in").value(Operator::In),
    ))
    .context(label(
        "an operator (==, !=, <, <=, >, >=, `in`, `not in` or `has`)",
    ))
    .parse_next(input)
}

fn comparison(input: &mut Input<'_>) -> ModalResult<Expr> {
    let subject = subject.parse_next(input)?;
    let _ = multispace0.parse_next(input)?;
    if let Subject::Question(q) = &subject
        && opt(keyword("has")).parse_next(input)?.is_some()
    {
        let choice = cut_err(ws(literal)).parse_next(input)?;
        return Ok(Expr::Has(q.clone(), choice));
    }
    let op = cut_err(operator).parse_next(input)?;
    let _ = multispace0.parse_next(input)?;
    match op {
        Operator::Cmp(op, span) => Ok(Expr::Compare(
            subject,
            op,
            span,
            cut_err(literal).parse_next(input)?,
        )),
        Operator::NotIn => {
            let items = cut_err(list).parse_next(input)?;
            Ok(Expr::In {
                subject,
                items,
                negated: true,
            })
        }
        Operator::In => {
            let s = &subject;
            cut_err(alt((
                list.map(|items| Expr::In {
                    subject: s.clone(),
                    items,
                    negated: false,
                }),
                range.map(|(lo, hi)| Expr::Range(s.clone(), lo, hi)),
            )))
            .context(label("a list [a, b] or a range lo..hi"))
            .parse_next(input)
        }
    }
}

fn list(input: &mut Input<'_>) -> ModalResult<Vec<Literal>> {
    delimited(
        ('[', multispace0),
        cut_err(separated(1.., ws(literal), ',')),
        cut_err((opt(','), multispace0, ']')).context(label("`,` or `]`")),
    )
    .parse_next(input)
}

fn range(input: &mut Input<'_>) -> ModalResult<(Literal, Literal)> {
    let (lo, _, hi) = (
        integer,
        cut_err(ws("..")).context(label("`..`")),
        cut_err(integer),
    )
        .parse_next(input)?;
    Ok((lo, hi))
}

fn cmp_op(input: &mut Input<'_>) -> ModalResult<CmpOp> {
    alt((
        "==".value(CmpOp::Eq),
        "!=".value(CmpOp::Ne),
        "<=".value(CmpOp::Le),
        ">=".value(CmpOp::Ge),
        "<".value(CmpOp::Lt),
        ">".value(CmpOp::Gt),
        "=".value(CmpOp::Eq),
    ))
    .parse_next(input)
}

fn literal(input: &mut Input<'_>) -> ModalResult<Literal> {
    alt((date, integer, boolean, quoted, as_of_shift, bare_word))
        .context(label(
            "a value (a choice id, a number, a date YYYY-MM-DD, true or false)",
        ))
        .parse_next(input)
}

fn date(input: &mut Input<'_>) -> ModalResult<Literal> {
    let checkpoint = input.checkpoint();
    let (text, span) = (digit1, '-', digit1, '-', digit1)
        .take()
        .with_span()
        .parse_next(input)?;
    match text.parse::<jiff::civil::Date>() {
        Ok(d) => Ok(Literal {
            value: LiteralValue::Date(d),
            span,
        }),
        Err(_) => {
            input.reset(&checkpoint);
            cut_err(fail.context(label("a valid date YYYY-MM-DD"))).parse_next(input)
        }
    }
}

/// `as_of`, or `as_of + 3 months` / `as_of - 2 months` (also `month` for one).
fn as_of_shift(input: &mut Input<'_>) -> ModalResult<Literal> {
    let shift = opt((
        ws(alt(('+'.value(1i32), '-'.value(-1i32)))),
        cut_err(digit1.parse_to::<i32>()).context(label("a number of months")),
        cut_err(ws(alt((keyword("months"), keyword("month"))))).context(label("`months`")),
    ));
    (keyword("as_of"), shift)
        .with_span()
        .map(|((_, shift), span)| Literal {
            value: LiteralValue::AsOfShift(shift.map_or(0, |(sign, n, _)| sign * n)),
            span,
        })
        .parse_next(input)
}

fn integer(input: &mut Input<'_>) -> ModalResult<Literal> {
    (opt('-'), digit1)
        .take()
        .with_span()
        .verify_map(|(text, span): (&str, _)| {
            text.parse::<i64>().ok().map(|n| Literal {
                value: LiteralValue::Int(n),
                span,
            })
        })
        .parse_next(input)
}

fn boolean(input: &mut Input<'_>) -> ModalResult<Literal> {
    alt((keyword("true").value(true), keyword("false").value(false)))
        .with_span()
        .map(|(b, span)| Literal {
            value: LiteralValue::Bool(b),
            span,
        })
        .parse_next(input)
}

fn quoted(input: &mut Input<'_>) -> ModalResult<Literal> {
    delimited(
        '"',
        take_till(0.., '"'),
        cut_err('"').context(label("a closing `\"`")),
    )
    .with_span()
    .map(|(s, span): (&str, _)| Literal {
        value: LiteralValue::Str(s.to_string()),
        span,
    })
    .parse_next(input)
}

fn bare_word(input: &mut Input<'_>) -> ModalResult<Literal> {
    word.with_span()
        .map(|(w, span)| Literal {
            value: LiteralValue::Word(w.to_string()),
            span,
        })
        .parse_next(input)
}
