//! Answers files (CONTRACT.md): `[meta]` with `as_of` and `lang`, `[answers]` with one value per
//! question id, and the optional `[marks]` and `[[notes]]` of a consultation ([`discussion`]). Parsing checks every value against its question and reports all errors with their
//! line and column; [`check_path`] then checks the file against the flow (missing and skipped answers).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

mod discussion;

use crate::Error;
use crate::answers::{Answers, Value};
use crate::content::{Content, Question, QuestionIdx, QuestionKind};
use crate::discussion::Discussion;
use crate::flow::Path;
use crate::formats::location::{LocatedError, SourceText};
use crate::formats::suggest::did_you_mean;
use crate::lang::Lang;

/// A parsed answers file.
#[derive(Debug, Clone)]
pub struct AnswersFile {
    /// `[meta] as_of`, if given.
    pub as_of: Option<Date>,
    /// `[meta] lang`, if given.
    pub lang: Option<Lang>,
    /// The answers, resolved against the content.
    pub answers: Answers,
    /// What is marked to discuss and the consultant's notes (empty when the file has none).
    pub discussion: Discussion,
    /// Where each answer stands in the file (by question), for messages about it.
    answer_offsets: Vec<Option<usize>>,
    /// Where the `[answers]` table starts (or 0).
    answers_offset: usize,
    /// Questions whose value in the file was refused (so what depends on them is unknown).
    invalid: Vec<QuestionIdx>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    meta: Option<RawMeta>,
    answers: Option<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    marks: Option<discussion::RawMarks>,
    notes: Option<Vec<discussion::RawNote>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    as_of: Option<Spanned<toml::Value>>,
    lang: Option<Spanned<toml::Value>>,
}

/// Parses an answers file and checks every value against its question; on failure, all errors found,
/// in file order.
pub fn parse(content: &Content, source: &SourceText<'_>) -> Result<AnswersFile, Error> {
    match read(content, source)? {
        (file, errors) if errors.is_empty() => Ok(file),
        (_, errors) => Err(Error::Answers(errors)),
    }
}

/// Like [`parse`], but keeps going past refused values: the file with the answers that were valid,
/// and the errors for the others (so `eval` can also report missing answers). A file that is not
/// TOML at all is still an error.
pub fn read(
    content: &Content,
    source: &SourceText<'_>,
) -> Result<(AnswersFile, Vec<LocatedError>), Error> {
    let raw: RawFile = toml::from_str(source.text)
        .map_err(|e| Error::Answers(vec![LocatedError::from_toml(source, &e)]))?;
    let mut errors = Vec::new();
    let mut file = AnswersFile {
        as_of: None,
        lang: None,
        answers: Answers::empty(content.questions.len()),
        discussion: Discussion::default(),
        answer_offsets: vec![None; content.questions.len()],
        answers_offset: raw.answers.as_ref().map_or(0, |a| a.span().start),
        invalid: Vec::new(),
    };
    if let Some(meta) = &raw.meta {
        file.as_of = meta
            .as_of
            .as_ref()
            .and_then(|v| meta_date(v, source, &mut errors));
        file.lang = meta
            .lang
            .as_ref()
            .and_then(|v| meta_lang(v, source, &mut errors));
    }
    for (key, value) in raw.answers.iter().flat_map(Spanned::get_ref) {
        if let Err(error) = read_answer(content, source, key, value, &mut file) {
            errors.push(error);
        }
    }
    let (marks, notes) = (raw.marks.as_ref(), raw.notes.as_deref().unwrap_or_default());
    file.discussion = discussion::read(content, source, (marks, notes), &mut errors);
    errors.sort();
    Ok((file, errors))
}

/// Records one `question = value` line in `file`, or says why it cannot be: the question is
/// unknown, or the value does not fit it (then the question is marked invalid, so what depends on it
/// is not reported as missing).
fn read_answer(
    content: &Content,
    source: &SourceText<'_>,
    key: &Spanned<String>,
    value: &Spanned<toml::Value>,
    file: &mut AnswersFile,
) -> Result<(), LocatedError> {
    let Some(q) = content.question_index(key.get_ref()) else {
        return Err(unknown_question(content, source, key));
    };
    match convert(&content.questions[q], value.get_ref()) {
        Ok(v) => {
            file.answers.set(q, v);
            file.answer_offsets[q] = Some(key.span().start);
            Ok(())
        }
        Err(message) => {
            file.invalid.push(q);
            Err(LocatedError::at(
                source,
                value.span().start,
                format!("answer `{}`", key.get_ref()),
                message,
            ))
        }
    }
}

/// An answer to a question the content does not have: most likely a typo, so suggest the nearest id
/// and list them all.
fn unknown_question(
    content: &Content,
    source: &SourceText<'_>,
    key: &Spanned<String>,
) -> LocatedError {
    let ids = || content.questions.iter().map(|q| q.id.as_str());
    let hint = did_you_mean(key.get_ref(), ids());
    let known = ids().collect::<Vec<_>>().join(", ");
    LocatedError::at(
        source,
        key.span().start,
        "",
        format!(
            "unknown question `{}`{hint}; expected one of: {known}",
            key.get_ref()
        ),
    )
}

/// Whether whether `q` is asked cannot be known because it depends, directly or not, on a refused value.
fn depends_on_invalid(content: &Content, q: QuestionIdx, invalid: &[QuestionIdx]) -> bool {
    content.questions[q]
        .depends_on
        .iter()
        .any(|d| invalid.contains(d) || depends_on_invalid(content, *d, invalid))
}

/// What the flow makes of a parsed file: errors for v1 questions the flow asks that have no answer,
/// warnings for answers to questions the flow skips.
pub fn check_path(
    content: &Content,
    file: &AnswersFile,
    as_of: Date,
    source: &SourceText<'_>,
) -> (Vec<LocatedError>, Vec<LocatedError>) {
    let path = Path::new(content, &file.answers, as_of);
    let unknowable = |q: &QuestionIdx| {
        file.invalid.contains(q) || depends_on_invalid(content, *q, &file.invalid)
    };
    let mut errors: Vec<LocatedError> = path
        .unanswered()
        .filter(|q| content.questions[*q].since == "1.0" && !unknowable(q))
        .map(|q| {
            let question = &content.questions[q];
            let why = match &question.ask_if_text {
                Some(cond) => format!("it is asked because `{cond}` holds for your other answers"),
                None => "it is asked of everyone".to_string(),
            };
            LocatedError::at(
                source,
                file.answers_offset,
                "",
                format!(
                    "missing answer `{}` ({}): {why}",
                    question.id, question.text.en
                ),
            )
        })
        .collect();
    errors.extend(future_months(content, file, as_of, source));
    errors.sort();
    let warnings = path
        .skipped_answers()
        .filter(|q| !unknowable(q))
        .map(|q| {
            let question = &content.questions[q];
            let why = question.ask_if_text.as_deref().unwrap_or_default();
            LocatedError::at(source, file.answer_offsets[q].unwrap_or(0), "", format!("answer `{}` is ignored: the question is not asked for these answers (it needs `{why}`)", question.id))
        })
        .collect();
    (errors, warnings)
}

/// Months after the evaluation date's month: a late payment cannot have happened yet, so such an
/// answer is a typo (CONTRACT.md), refused at its place like any bad value.
fn future_months(
    content: &Content,
    file: &AnswersFile,
    as_of: Date,
    source: &SourceText<'_>,
) -> Vec<LocatedError> {
    let latest = crate::dates::Month::of(as_of);
    file.answers
        .answered()
        .filter_map(|(q, value)| match value {
            Value::Month(m) if *m > latest => Some(LocatedError::at(
                source,
                file.answer_offsets[q].unwrap_or(file.answers_offset),
                format!("answer `{}`", content.questions[q].id),
                format!(
                    "the month {m} is after the evaluation date's month: expected a month up to {latest}"
                ),
            )),
            _ => None,
        })
        .collect()
}

/// Converts one TOML value to an answer for `question`, or says what was expected.
pub fn convert(question: &Question, value: &toml::Value) -> Result<Value, String> {
    let found = describe(value);
    match (&question.kind, value) {
        (QuestionKind::YesNo, toml::Value::Boolean(b)) => Ok(Value::Bool(*b)),
        (QuestionKind::YesNo, _) => Err(format!("expected true or false, found {found}")),
        (QuestionKind::Choice { .. }, toml::Value::String(s)) => {
            choice(question, s).map(Value::Choice)
        }
        (QuestionKind::MultiChoice { .. }, toml::Value::Array(items)) => {
            let mut list = Vec::new();
            for item in items {
                let toml::Value::String(s) = item else {
                    return Err(format!(
                        "expected a list of choice ids, found {} in the list",
                        describe(item)
                    ));
                };
                list.push(choice(question, s)?);
            }
            list.sort_unstable();
            list.dedup();
            Ok(Value::Choices(list))
        }
        (QuestionKind::Choice { .. } | QuestionKind::MultiChoice { .. }, _) => {
            let shape = if matches!(question.kind, QuestionKind::Choice { .. }) {
                "a string"
            } else {
                "a list of strings"
            };
            Err(format!(
                "expected {shape}, one of: {}; found {found}",
                question.choice_ids()
            ))
        }
        (QuestionKind::Number { min, max, .. }, toml::Value::Integer(n))
            if (*min..=*max).contains(n) =>
        {
            Ok(Value::Number(*n))
        }
        (QuestionKind::Number { min, max, .. }, _) => Err(format!(
            "expected a whole number from {min} to {max}, found {found}"
        )),
        (QuestionKind::Date, toml::Value::Datetime(dt)) => crate::formats::toml_date::from_toml(dt)
            .map(Value::Date)
            .ok_or_else(|| format!("expected a date YYYY-MM-DD, found {found}")),
        (QuestionKind::Date, _) => Err(format!("expected a date YYYY-MM-DD, found {found}")),
        (QuestionKind::Month, toml::Value::String(s))
            if s.len() == 7 && s.as_bytes()[4] == b'-' =>
        {
            crate::dates::Month::parse(s)
                .map(Value::Month)
                .map_err(|_| {
                    format!("expected a month \"YYYY-MM\" (e.g. \"2025-07\"), found {found}")
                })
        }
        (QuestionKind::Month, _) => Err(format!(
            "expected a month \"YYYY-MM\" (e.g. \"2025-07\"), found {found}"
        )),
        (QuestionKind::Text, toml::Value::String(s)) => Ok(Value::Text(s.clone())),
        (QuestionKind::Text, _) => Err(format!("expected a string, found {found}")),
    }
}

fn choice(question: &Question, id: &str) -> Result<usize, String> {
    question.choice_index(id).ok_or_else(|| {
        let hint = did_you_mean(id, question.choices().iter().map(|c| c.id.as_str()));
        format!(
            "\"{id}\" is not a choice of `{}`{hint}; expected one of: {}",
            question.id,
            question.choice_ids()
        )
    })
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("the string \"{s}\""),
        toml::Value::Integer(n) => format!("the number {n}"),
        toml::Value::Float(f) => format!("the number {f}"),
        toml::Value::Boolean(b) => format!("`{b}`"),
        toml::Value::Datetime(d) => format!("the date-time {d}"),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}

fn meta_date(
    value: &Spanned<toml::Value>,
    source: &SourceText<'_>,
    errors: &mut Vec<LocatedError>,
) -> Option<Date> {
    let date = match value.get_ref() {
        toml::Value::Datetime(dt) => crate::formats::toml_date::from_toml(dt),
        _ => None,
    };
    if date.is_none() {
        errors.push(LocatedError::at(
            source,
            value.span().start,
            "meta",
            format!(
                "`as_of` must be a date YYYY-MM-DD (no quotes), found {}",
                describe(value.get_ref())
            ),
        ));
    }
    date
}

fn meta_lang(
    value: &Spanned<toml::Value>,
    source: &SourceText<'_>,
    errors: &mut Vec<LocatedError>,
) -> Option<Lang> {
    let lang = value.get_ref().as_str().and_then(Lang::from_code);
    if lang.is_none() {
        errors.push(LocatedError::at(
            source,
            value.span().start,
            "meta",
            format!(
                "`lang` must be \"en\" or \"ja\", found {}",
                describe(value.get_ref())
            ),
        ));
    }
    lang
}

/// Writes answers as an answers file (the format [`parse`] reads), with `[meta]`, and `[marks]` and
/// `[[notes]]` when the discussion has any.
pub fn to_toml(
    content: &Content,
    (answers, talk): (&Answers, &Discussion),
    as_of: Option<Date>,
    lang: Lang,
) -> String {
    let mut meta = toml::Table::new();
    if let Some(date) = as_of {
        meta.insert("as_of".into(), crate::formats::toml_date::to_toml(date));
    }
    meta.insert("lang".into(), toml::Value::String(lang.code().into()));
    let mut table = toml::Table::new();
    for (q, value) in answers.answered() {
        table.insert(
            content.questions[q].id.to_string(),
            to_toml_value(value, content, q),
        );
    }
    let mut file = toml::Table::new();
    file.insert("meta".into(), toml::Value::Table(meta));
    file.insert("answers".into(), toml::Value::Table(table));
    discussion::write(talk, &mut file);
    toml::to_string(&file).expect("answers always serialize")
}

/// An answer as TOML, with choice ids (not indices), as answers files write it.
pub fn to_toml_value(value: &Value, content: &Content, q: QuestionIdx) -> toml::Value {
    let choice_id =
        |i: &usize| toml::Value::String(content.questions[q].choices()[*i].id.to_string());
    match value {
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Choice(i) => choice_id(i),
        Value::Choices(list) => toml::Value::Array(list.iter().map(choice_id).collect()),
        Value::Number(n) => toml::Value::Integer(*n),
        Value::Date(d) => crate::formats::toml_date::to_toml(*d),
        Value::Month(m) => toml::Value::String(m.to_string()),
        Value::Text(t) => toml::Value::String(t.clone()),
    }
}

/// An answer as JSON, with choice ids, as the JSON report's `rests_on` writes it.
pub fn to_json_value(value: &Value, content: &Content, q: QuestionIdx) -> serde_json::Value {
    let choice_id = |i: &usize| content.questions[q].choices()[*i].id.to_string();
    match value {
        Value::Bool(b) => (*b).into(),
        Value::Choice(i) => choice_id(i).into(),
        Value::Choices(list) => list.iter().map(choice_id).collect::<Vec<_>>().into(),
        Value::Number(n) => (*n).into(),
        Value::Date(d) => d.to_string().into(),
        Value::Month(m) => m.to_string().into(),
        Value::Text(t) => t.clone().into(),
    }
}

#[cfg(test)]
mod month_tests;
