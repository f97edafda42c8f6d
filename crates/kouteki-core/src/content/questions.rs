//! Checks `questionnaire.toml`: sections, questions, choices, `ask_if` conditions, the order of
//! dependencies and whether every question can be asked at all.

use std::collections::HashSet;

use toml::Spanned;

use super::condition::satisfiable;
use super::diagnostics::{Diagnostics, version_key};
use super::model::{Choice, Question, QuestionKind, Section};
use super::raw::{QuestionnaireFile, RawQuestion};
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
            id: raw.id.get_ref().clone(),
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
        id: id.clone(),
        section: section.unwrap_or_default(),
        kind,
        since,
        ask_if: None,
        ask_if_text: raw.ask_if.as_ref().map(|c| c.get_ref().clone()),
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

fn check_kind(
    raw: &RawQuestion,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<QuestionKind> {
    let kind_name = raw.kind.get_ref().as_str();
    const KINDS: [&str; 6] = ["yes_no", "choice", "multi_choice", "number", "date", "text"];
    if !KINDS.contains(&kind_name) {
        // With the type unknown, which other fields fit cannot be judged: report the type alone.
        diag.error(
            source,
            raw.kind.span().start,
            subject,
            format!(
                "unknown question type `{kind_name}`; expected one of: {}",
                KINDS.join(", ")
            ),
        );
        return None;
    }
    let takes_choices = matches!(kind_name, "choice" | "multi_choice");
    if !takes_choices {
        if let Some(first) = raw.choices.first() {
            diag.error(
                source,
                first.id.span().start,
                subject,
                format!("a {kind_name} question has no choices"),
            );
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
    if kind_name != "number" {
        for (field, span) in [
            ("min", raw.min.as_ref().map(Spanned::span)),
            ("max", raw.max.as_ref().map(Spanned::span)),
            ("unit", raw.unit.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = span {
                diag.error(
                    source,
                    span.start,
                    subject,
                    format!("`{field}` applies only to number questions"),
                );
            }
        }
    }
    let kind = match kind_name {
        "yes_no" => QuestionKind::YesNo,
        "date" => QuestionKind::Date,
        "text" => QuestionKind::Text,
        "number" => check_number(raw, source, subject, diag)?,
        "choice" => {
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
        "multi_choice" => QuestionKind::MultiChoice {
            choices: check_choices(raw, source, subject, diag),
        },
        _ => return None, // unknown types were reported above
    };
    Some(kind)
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
            id: choice.id.get_ref().clone(),
            label: choice.label.get_ref().clone(),
        });
    }
    choices
}

/// Compiles every `ask_if`, then checks references point backwards and every question can be asked.
fn resolve_ask_if(
    file: &QuestionnaireFile,
    questions: &mut [Question],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) {
    let conditions: Vec<Option<(&Spanned<String>, _)>> = file
        .questions
        .iter()
        .map(|raw| {
            raw.ask_if.as_ref().map(|text| {
                (
                    text,
                    diag.condition(
                        source,
                        text,
                        questions,
                        &format!("question `{}`", raw.id.get_ref()),
                        "ask_if",
                    ),
                )
            })
        })
        .collect();
    for (q, condition) in conditions.iter().enumerate() {
        if let Some((_, Some(cond))) = condition {
            questions[q].depends_on = cond.questions();
            questions[q].ask_if = Some(cond.clone());
        }
    }
    if !diag.errors.is_empty() {
        return;
    }
    let ask_if_span = |q: usize| {
        conditions[q]
            .as_ref()
            .map_or(file.questions[q].id.span().start, |(text, _)| {
                text.span().start
            })
    };
    if let Some(cycle) = find_cycle(questions) {
        let names = cycle
            .iter()
            .map(|&q| format!("`{}`", questions[q].id))
            .collect::<Vec<_>>()
            .join(" → ");
        diag.error(
            source,
            ask_if_span(cycle[0]),
            &format!("question `{}`", questions[cycle[0]].id),
            format!("`ask_if` conditions form a cycle: {names}"),
        );
        return;
    }
    for (q, question) in questions.iter().enumerate() {
        for &dep in question.depends_on.iter().filter(|&&dep| dep >= q) {
            diag.error(source, ask_if_span(q), &format!("question `{}`", question.id), format!("`ask_if` refers to `{}`, which is asked later; a question may only depend on earlier ones", questions[dep].id));
        }
    }
    if !diag.errors.is_empty() {
        return;
    }
    let ask_if = |q: usize| questions[q].ask_if.clone();
    for (q, question) in questions.iter().enumerate() {
        if let Some(cond) = &question.ask_if
            && !satisfiable(cond, questions, &ask_if)
        {
            diag.error(source, ask_if_span(q), &format!("question `{}`", question.id), "can never be asked: its `ask_if` cannot hold for any answers (it contradicts itself or depends on a question that is never asked)");
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
