//! Checks `questionnaire.toml`: sections, questions, choices, `ask_if` conditions, the order of
//! dependencies and whether every question can be asked at all.

use std::collections::HashSet;

use toml::Spanned;

use super::condition::{Cond, satisfiable};
use super::diagnostics::{Diagnostics, version_key};
use super::model::{Choice, Question, QuestionKind, QuestionType, Section};
use super::raw::{QuestionnaireFile, RawQuestion, RawType};
use crate::formats::location::SourceText;
use crate::severity::Area;

/// The most choices a question may have (conditions keep choice sets in a 64-bit set).
const MAX_CHOICES: usize = 64;

/// Checks the questionnaire and builds sections and questions (with their `ask_if` resolved).
pub fn check_questionnaire(
    file: &QuestionnaireFile,
    source: &SourceText<'_>,
    pack_version: &str,
    diag: &mut Diagnostics,
) -> (Vec<Section>, Vec<Question>) {
    let sections = check_sections(file, source, diag);
    let mut questions = Vec::new();
    let mut seen = HashSet::new();
    for raw in &file.questions {
        if let Some(question) = check_question(raw, &sections, source, pack_version, diag) {
            if seen.insert(question.id.clone()) {
                questions.push(question);
            } else {
                diag.error(
                    source,
                    raw.id.span().start,
                    "",
                    format!("question `{}` is defined twice", question.id),
                );
            }
        }
    }
    if diag.errors.is_empty() {
        resolve_ask_if(file, &mut questions, source, diag);
    }
    (sections, questions)
}

fn check_sections(
    file: &QuestionnaireFile,
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for raw in &file.sections {
        let subject = format!("section `{}`", raw.id.get_ref());
        diag.id(source, &raw.id, "section", false);
        diag.text(source, &raw.title, &subject, "title");
        if sections.iter().any(|s| &s.id == raw.id.get_ref()) {
            diag.error(
                source,
                raw.id.span().start,
                &subject,
                "section is defined twice",
            );
        }
        sections.push(Section {
            id: raw.id.get_ref().as_str().into(),
            area: Area::from_id(raw.id.get_ref()),
            title: raw.title.get_ref().clone(),
        });
    }
    sections
}

fn check_question(
    raw: &RawQuestion,
    sections: &[Section],
    source: &SourceText<'_>,
    pack_version: &str,
    diag: &mut Diagnostics,
) -> Option<Question> {
    let id = raw.id.get_ref();
    let subject = format!("question `{id}`");
    let valid_id = diag.id(source, &raw.id, "question", false);
    diag.text(source, &raw.text, &subject, "text");
    diag.text(source, &raw.why, &subject, "why");
    if let Some(w) = &raw.where_to_find {
        diag.text(source, w, &subject, "where");
    }
    let section = sections.iter().position(|s| &s.id == raw.section.get_ref());
    if section.is_none() {
        let known = sections
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        diag.error(
            source,
            raw.section.span().start,
            &subject,
            format!(
                "unknown section `{}`; expected one of: {known}",
                raw.section.get_ref()
            ),
        );
    }
    let since = check_since(raw, source, pack_version, &subject, diag);
    let kind = check_kind(raw, source, &subject, diag)?;
    (valid_id && section.is_some()).then(|| Question {
        id: id.as_str().into(),
        section: section.unwrap_or_default(),
        kind,
        since: since.into(),
        ask_if: None,
        ask_if_text: raw.ask_if.as_ref().map(|c| c.get_ref().as_str().into()),
        depends_on: Vec::new(),
        text: raw.text.get_ref().clone(),
        why: raw.why.get_ref().clone(),
        where_to_find: raw.where_to_find.as_ref().map(|w| w.get_ref().clone()),
    })
}

fn check_since(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    pack_version: &str,
    subject: &str,
    diag: &mut Diagnostics,
) -> String {
    let Some(since) = &raw.since else {
        return "1.0".to_string();
    };
    match (version_key(since.get_ref()), version_key(pack_version)) {
        (Some(v), Some(pack)) if v <= pack => {}
        // A bad pack version is reported once, in pack.toml; nothing to compare against here.
        (Some(_), None) => {}
        (Some(_), Some(_)) => diag.error(
            source,
            since.span().start,
            subject,
            format!(
                "`since = \"{}\"` is later than the pack version {pack_version}",
                since.get_ref()
            ),
        ),
        _ => diag.error(
            source,
            since.span().start,
            subject,
            format!(
                "`since` must be a version like \"1.1\", found \"{}\"",
                since.get_ref()
            ),
        ),
    }
    since.get_ref().clone()
}

/// Checks the question's type and the fields that go with it, and builds its kind.
fn check_kind(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<QuestionKind> {
    let question_type = known_type(raw, source, subject, diag)?;
    check_fields_of_other_types(raw, question_type, source, subject, diag);
    match question_type {
        QuestionType::YesNo => Some(QuestionKind::YesNo),
        QuestionType::Date => Some(QuestionKind::Date),
        QuestionType::Month => Some(QuestionKind::Month),
        QuestionType::Text => Some(QuestionKind::Text),
        QuestionType::Number => check_number(raw, source, subject, diag),
        QuestionType::Choice => Some(check_choice(raw, source, subject, diag)),
        QuestionType::MultiChoice => Some(QuestionKind::MultiChoice {
            choices: check_choices(raw, source, subject, diag),
        }),
    }
}

/// The question's type, if it names one. With the type unknown, which other fields fit cannot be
/// judged: the type alone is reported.
fn known_type(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<QuestionType> {
    match raw.kind.get_ref() {
        RawType::Known(question_type) => Some(*question_type),
        RawType::Unknown(name) => {
            let names: Vec<&str> = QuestionType::ALL.iter().map(|t| t.name()).collect();
            diag.error(
                source,
                raw.kind.span().start,
                subject,
                format!(
                    "unknown question type `{name}`; expected one of: {}",
                    names.join(", ")
                ),
            );
            None
        }
    }
}

/// Reports fields written for another type (choices or `unsure` without choices, `min`, `max` or
/// `unit` outside a number question): content that would be silently ignored is a mistake.
fn check_fields_of_other_types(
    raw: &RawQuestion,
    question_type: QuestionType,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) {
    if !question_type.takes_choices() {
        if let Some(first) = raw.choices.first() {
            let message = format!("a {} question has no choices", question_type.name());
            diag.error(source, first.id.span().start, subject, message);
        }
        if let Some(unsure) = &raw.unsure {
            diag.error(
                source,
                unsure.span().start,
                subject,
                "`unsure` names a choice: only choice questions have it",
            );
        }
    }
    if question_type != QuestionType::Number {
        for (field, span) in [
            ("min", raw.min.as_ref().map(Spanned::span)),
            ("max", raw.max.as_ref().map(Spanned::span)),
            ("unit", raw.unit.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = span {
                let message = format!("`{field}` applies only to number questions");
                diag.error(source, span.start, subject, message);
            }
        }
    }
}

/// A choice question: its choices, and which of them `unsure` names (it must name one of them).
fn check_choice(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> QuestionKind {
    let choices = check_choices(raw, source, subject, diag);
    let unsure = raw.unsure.as_ref().and_then(|u| {
        let index = choices.iter().position(|c| &c.id == u.get_ref());
        if index.is_none() {
            diag.error(
                source,
                u.span().start,
                subject,
                format!(
                    "`unsure = \"{}\"` is not one of the question's choices",
                    u.get_ref()
                ),
            );
        }
        index
    });
    QuestionKind::Choice { choices, unsure }
}

fn check_number(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<QuestionKind> {
    let (Some(min), Some(max)) = (&raw.min, &raw.max) else {
        diag.error(
            source,
            raw.kind.span().start,
            subject,
            "a number question needs `min` and `max`",
        );
        return None;
    };
    if min.get_ref() > max.get_ref() {
        diag.error(
            source,
            min.span().start,
            subject,
            format!(
                "`min` ({}) is greater than `max` ({})",
                min.get_ref(),
                max.get_ref()
            ),
        );
    }
    if let Some(unit) = &raw.unit {
        diag.text(source, unit, subject, "unit");
    }
    Some(QuestionKind::Number {
        min: *min.get_ref(),
        max: *max.get_ref(),
        unit: raw.unit.as_ref().map(|u| u.get_ref().clone()),
    })
}

fn check_choices(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Vec<Choice> {
    if raw.choices.is_empty() {
        diag.error(
            source,
            raw.kind.span().start,
            subject,
            "a choice question needs at least one `[[questions.choices]]`",
        );
    }
    if raw.choices.len() > MAX_CHOICES {
        diag.error(
            source,
            raw.kind.span().start,
            subject,
            format!("at most {MAX_CHOICES} choices are supported"),
        );
    }
    let mut choices: Vec<Choice> = Vec::new();
    for choice in &raw.choices {
        diag.id(source, &choice.id, "choice", false);
        diag.text(
            source,
            &choice.label,
            &format!("{subject}, choice `{}`", choice.id.get_ref()),
            "label",
        );
        if choices.iter().any(|c| &c.id == choice.id.get_ref()) {
            diag.error(
                source,
                choice.id.span().start,
                subject,
                format!("choice `{}` is listed twice", choice.id.get_ref()),
            );
        }
        choices.push(Choice {
            id: choice.id.get_ref().as_str().into(),
            label: choice.label.get_ref().clone(),
        });
    }
    choices
}

/// Compiles every `ask_if`, then checks references point backwards and every question can be asked.
///
/// Each step needs the previous one to have passed: a cycle makes "earlier" meaningless, and the
/// satisfiability check follows `ask_if` references, so it must not meet a cycle.
fn resolve_ask_if(
    file: &QuestionnaireFile,
    questions: &mut [Question],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) {
    compile_ask_if(file, questions, source, diag);
    if !diag.errors.is_empty() {
        return;
    }
    if let Some(cycle) = find_cycle(questions) {
        report_cycle(&cycle, file, questions, source, diag);
        return;
    }
    check_references_point_back(file, questions, source, diag);
    if diag.errors.is_empty() {
        check_every_question_can_be_asked(file, questions, source, diag);
    }
}

/// Compiles each `ask_if` against the questions and records it with the questions it refers to.
/// (All are compiled before any is recorded: compiling reads the questions.)
fn compile_ask_if(
    file: &QuestionnaireFile,
    questions: &mut [Question],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) {
    let conditions: Vec<Option<Cond>> = file
        .questions
        .iter()
        .map(|raw| {
            let text = raw.ask_if.as_ref()?;
            let subject = format!("question `{}`", raw.id.get_ref());
            diag.condition(source, text, questions, &subject, "ask_if")
        })
        .collect();
    for (question, condition) in questions.iter_mut().zip(conditions) {
        if let Some(cond) = condition {
            question.depends_on = cond.questions();
            question.ask_if = Some(cond);
        }
    }
}

/// Where errors about a question's `ask_if` point: the condition, or the question's id without one.
fn ask_if_offset(raw: &RawQuestion) -> usize {
    raw.ask_if
        .as_ref()
        .map_or(raw.id.span().start, |text| text.span().start)
}

fn report_cycle(
    cycle: &[usize],
    file: &QuestionnaireFile,
    questions: &[Question],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) {
    let names = cycle
        .iter()
        .map(|&q| format!("`{}`", questions[q].id))
        .collect::<Vec<_>>()
        .join(" → ");
    diag.error(
        source,
        ask_if_offset(&file.questions[cycle[0]]),
        &format!("question `{}`", questions[cycle[0]].id),
        format!("`ask_if` conditions form a cycle: {names}"),
    );
}

/// A question may only depend on questions asked before it, so the interview always knows, when it
/// reaches a question, whether to ask it.
fn check_references_point_back(
    file: &QuestionnaireFile,
    questions: &[Question],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) {
    for (q, question) in questions.iter().enumerate() {
        for &dep in question.depends_on.iter().filter(|&&dep| dep >= q) {
            diag.error(source, ask_if_offset(&file.questions[q]), &format!("question `{}`", question.id), format!("`ask_if` refers to `{}`, which is asked later; a question may only depend on earlier ones", questions[dep].id));
        }
    }
}

/// A question whose `ask_if` can never hold is dead content, and so is everything resting on it.
fn check_every_question_can_be_asked(
    file: &QuestionnaireFile,
    questions: &[Question],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) {
    let ask_if = |q: usize| questions[q].ask_if.clone();
    for (q, question) in questions.iter().enumerate() {
        if let Some(cond) = &question.ask_if
            && !satisfiable(cond, questions, &ask_if)
        {
            diag.error(source, ask_if_offset(&file.questions[q]), &format!("question `{}`", question.id), "can never be asked: its `ask_if` cannot hold for any answers (it contradicts itself or depends on a question that is never asked)");
        }
    }
}

/// A cycle in the `ask_if` references, as the list of questions on it, if there is one.
fn find_cycle(questions: &[Question]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    fn visit(
        q: usize,
        questions: &[Question],
        marks: &mut [Mark],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        marks[q] = Mark::Active;
        stack.push(q);
        for &dep in &questions[q].depends_on {
            match marks[dep] {
                Mark::Active => {
                    let start = stack.iter().position(|&s| s == dep).unwrap_or(0);
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(dep);
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = visit(dep, questions, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[q] = Mark::Done;
        None
    }
    let mut marks = vec![Mark::New; questions.len()];
    (0..questions.len()).find_map(|q| {
        if marks[q] == Mark::New {
            visit(q, questions, &mut marks, &mut Vec::new())
        } else {
            None
        }
    })
}
