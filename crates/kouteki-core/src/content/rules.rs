//! Checks `rules.toml`: every rule's area, severity, condition, dates, texts and sources, and the notes.

use std::collections::HashSet;

use jiff::civil::Date;

use super::condition::{Cond, satisfiable};
use super::diagnostics::Diagnostics;
use super::model::{Extra, Note, Question, Rule};
use super::raw::{RawExtra, RawRule, RulesFile};
use super::sources::{check_rule_sources, check_source};
use crate::formats::location::SourceText;
use crate::severity::{Area, Severity};

/// Checks the rules file against the questions and builds rules and notes.
pub fn check_rules(
    file: &RulesFile,
    questions: &[Question],
    areas: &dyn Fn(usize) -> Option<Area>,
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) -> (Vec<Rule>, Vec<Note>) {
    let mut ids = HashSet::new();
    let mut rules = Vec::new();
    for raw in &file.rules {
        if !ids.insert(raw.id.get_ref().clone()) {
            diag.error(
                source,
                raw.id.span().start,
                "",
                format!("rule `{}` is defined twice", raw.id.get_ref()),
            );
        }
        rules.extend(check_rule(raw, questions, areas, source, diag));
    }
    let mut notes = Vec::new();
    for raw in &file.notes {
        let subject = format!("note `{}`", raw.id.get_ref());
        if !ids.insert(raw.id.get_ref().clone()) {
            diag.error(
                source,
                raw.id.span().start,
                "",
                format!("id `{}` is used twice", raw.id.get_ref()),
            );
        }
        diag.id(source, &raw.id, "note", true);
        diag.text(source, &raw.text, &subject, "text");
        if let Some(when) = diag.condition(source, &raw.when, questions, &subject, "when") {
            notes.push(Note {
                id: raw.id.get_ref().as_str().into(),
                when,
                text: raw.text.get_ref().clone(),
            });
        }
    }
    (rules, notes)
}

/// Checks one rule; `None` when it cannot be built (its area, severity or condition is unusable).
/// Every check runs regardless, so one bad field does not hide the others' errors.
fn check_rule(
    raw: &RawRule,
    questions: &[Question],
    areas: &dyn Fn(usize) -> Option<Area>,
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) -> Option<Rule> {
    let subject = format!("rule `{}`", raw.id.get_ref());
    let subject = subject.as_str();
    check_rule_texts(raw, source, subject, diag);
    let area = check_area(raw, source, subject, diag);
    let severity = check_severity(raw, source, subject, diag);
    let sources = check_rule_sources(raw, source, subject, diag);
    let (effective_from, effective_until) = check_effective_dates(raw, source, subject, diag);
    let when = diag.condition(source, &raw.when, questions, subject, "when");
    let extras: Vec<Extra> = raw
        .extra
        .iter()
        .filter_map(|e| check_extra(e, questions, source, subject, diag))
        .collect();
    let (area, severity, when) = (area?, severity?, when?);
    let rests_on = when.questions();
    let rest_areas: Vec<Area> = rests_on.iter().filter_map(|&q| areas(q)).collect();
    check_area_fits_answers(raw, area, &rest_areas, source, subject, diag);
    check_can_apply(raw, &when, questions, source, subject, diag);
    Some(Rule {
        id: raw.id.get_ref().as_str().into(),
        area,
        severity,
        when,
        rests_on,
        effective_from,
        effective_until,
        plan: raw.plan,
        title: raw.title.get_ref().clone(),
        explanation: raw.explanation.get_ref().clone(),
        actions: raw.actions.iter().map(|t| t.get_ref().clone()).collect(),
        documents: raw.documents.iter().map(|t| t.get_ref().clone()).collect(),
        sources,
        extras,
    })
}

/// The rule's id, and every text it shows in both languages.
fn check_rule_texts(raw: &RawRule, source: &SourceText<'_>, subject: &str, diag: &mut Diagnostics) {
    diag.id(source, &raw.id, "rule", true);
    for (field, text) in [("title", &raw.title), ("explanation", &raw.explanation)] {
        diag.text(source, text, subject, field);
    }
    for (field, list) in [("actions", &raw.actions), ("documents", &raw.documents)] {
        list.iter()
            .for_each(|t| diag.text(source, t, subject, field));
    }
}

fn check_area(
    raw: &RawRule,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<Area> {
    let area = Area::from_id(raw.area.get_ref());
    if area.is_none() {
        diag.error(
            source,
            raw.area.span().start,
            subject,
            format!(
                "unknown area `{}`; expected one of: taxes, social_insurance, notifications, cards",
                raw.area.get_ref()
            ),
        );
    }
    area
}

fn check_severity(
    raw: &RawRule,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<Severity> {
    let severity = Severity::from_id(raw.severity.get_ref());
    if severity.is_none() {
        diag.error(
            source,
            raw.severity.span().start,
            subject,
            format!(
                "unknown severity `{}`; expected one of: ok, info, caution, violation",
                raw.severity.get_ref()
            ),
        );
    }
    severity
}

/// `effective_from` and `effective_until`, each a date if given, the first not after the second.
fn check_effective_dates(
    raw: &RawRule,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> (Option<Date>, Option<Date>) {
    let from = raw
        .effective_from
        .as_ref()
        .and_then(|d| diag.date(source, d, subject, "effective_from"));
    let until = raw
        .effective_until
        .as_ref()
        .and_then(|d| diag.date(source, d, subject, "effective_until"));
    if let (Some(f), Some(u), Some(span)) = (from, until, raw.effective_from.as_ref())
        && f > u
    {
        diag.error(
            source,
            span.span().start,
            subject,
            format!("`effective_from` {f} is after `effective_until` {u}"),
        );
    }
    (from, until)
}

/// A finding belongs to the area of the answers it rests on (`rest_areas`, those of the questions its
/// `when` refers to); one resting only on profile answers (status, goal, age) takes the area the rule
/// names.
fn check_area_fits_answers(
    raw: &RawRule,
    area: Area,
    rest_areas: &[Area],
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) {
    if !rest_areas.is_empty() && !rest_areas.contains(&area) {
        diag.error(
            source,
            raw.area.span().start,
            subject,
            format!(
                "area `{}` is not the section of any question its `when` refers to",
                area.id()
            ),
        );
    }
}

/// A rule whose `when` can never hold is dead content: most likely a mistyped condition.
fn check_can_apply(
    raw: &RawRule,
    when: &Cond,
    questions: &[Question],
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) {
    let ask_if = |q: usize| questions[q].ask_if.clone();
    if !satisfiable(when, questions, &ask_if) {
        diag.error(
            source,
            raw.when.span().start,
            subject,
            "can never apply: its `when` cannot hold for any answers the interview can produce",
        );
    }
}

fn check_extra(
    raw: &RawExtra,
    questions: &[Question],
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<Extra> {
    if let Some(t) = &raw.title {
        diag.text(source, t, subject, "extra.title");
    }
    if let Some(e) = &raw.explanation {
        diag.text(source, e, subject, "extra.explanation");
    }
    raw.actions
        .iter()
        .for_each(|t| diag.text(source, t, subject, "extra.actions"));
    raw.documents
        .iter()
        .for_each(|t| diag.text(source, t, subject, "extra.documents"));
    let adds_nothing = raw.title.is_none()
        && raw.explanation.is_none()
        && raw.actions.is_empty()
        && raw.documents.is_empty();
    if adds_nothing {
        diag.error(
            source,
            raw.when.span().start,
            subject,
            "an `extra` block must add a title, an explanation, actions or documents",
        );
    }
    if raw.replace && raw.explanation.is_none() {
        diag.error(
            source,
            raw.when.span().start,
            subject,
            "an `extra` with `replace = true` must give the explanation that replaces the rule's",
        );
    }
    let sources = raw
        .sources
        .iter()
        .filter_map(|s| check_source(s, source, subject, diag))
        .collect();
    let when = diag.condition(source, &raw.when, questions, subject, "extra.when")?;
    Some(Extra {
        when,
        replace: raw.replace,
        title: raw.title.as_ref().map(|t| t.get_ref().clone()),
        explanation: raw.explanation.as_ref().map(|t| t.get_ref().clone()),
        actions: raw.actions.iter().map(|t| t.get_ref().clone()).collect(),
        documents: raw.documents.iter().map(|t| t.get_ref().clone()).collect(),
        sources,
    })
}
