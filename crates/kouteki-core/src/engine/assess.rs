//! `assess`: from content, answers and a date to findings, area severities and upcoming changes.

use jiff::civil::Date;

use super::assessment::{Assessment, Finding, Upcoming};
use crate::answers::{Answers, Lookup};
use crate::content::{Content, Rule};
use crate::flow::Path;
use crate::severity::{Area, Severity};

/// Assesses `answers` against `content` as of `as_of`.
///
/// Only answers on the path count; questions on the path without an answer are listed as unanswered
/// and simply make no test on them hold.
pub fn assess(content: &Content, answers: &Answers, as_of: Date) -> Assessment {
    let path = Path::new(content, answers, as_of);
    let mut findings = Vec::new();
    let mut upcoming = Vec::new();
    for (index, rule) in content.rules.iter().enumerate() {
        if !rule.when.eval(&path, as_of) {
            continue;
        }
        match timing(rule, as_of) {
            Timing::InForce if !rule.plan => findings.push(finding(index, rule, &path, as_of)),
            Timing::Expired => {}
            _ => upcoming.push(upcoming_entry(index, rule, as_of)),
        }
    }
    findings.sort_by(|a, b| {
        let (ra, rb) = (&content.rules[a.rule], &content.rules[b.rule]);
        rb.severity
            .cmp(&ra.severity)
            .then(ra.area.cmp(&rb.area))
            .then(ra.id.cmp(&rb.id))
    });
    upcoming.sort_by(|a, b| {
        a.effective_from
            .cmp(&b.effective_from)
            .then(content.rules[a.rule].id.cmp(&content.rules[b.rule].id))
    });
    let (areas, overall) = severities(content, &findings);
    let notes = content
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.when.eval(&path, as_of))
        .map(|(i, _)| i)
        .collect();
    let timeline = super::schedule::timeline(content, &path, as_of);
    let earliest_clean_application =
        super::schedule::earliest_clean_application(content, &timeline, &path, as_of);
    let documents = super::schedule::documents(content, &findings, &path, as_of);
    Assessment {
        as_of,
        content_reviewed: content.pack.reviewed,
        overall,
        areas,
        findings,
        upcoming,
        notes,
        unanswered: path.unanswered().collect(),
        answers: path.effective_answers(),
        timeline,
        earliest_clean_application,
        documents,
    }
}

/// Each area's worst finding, and the worst area.
fn severities(content: &Content, findings: &[Finding]) -> ([Severity; 4], Severity) {
    let mut areas = [Severity::Ok; 4];
    for f in findings {
        let rule = &content.rules[f.rule];
        let slot = &mut areas[rule.area.index()];
        *slot = (*slot).max(rule.severity);
    }
    let overall = Area::ALL
        .iter()
        .map(|a| areas[a.index()])
        .max()
        .unwrap_or(Severity::Ok);
    (areas, overall)
}

enum Timing {
    NotYet,
    InForce,
    Expired,
}

fn timing(rule: &Rule, as_of: Date) -> Timing {
    if rule.effective_from.is_some_and(|from| as_of < from) {
        Timing::NotYet
    } else if rule.effective_until.is_some_and(|until| as_of > until) {
        Timing::Expired
    } else {
        Timing::InForce
    }
}

fn finding(index: usize, rule: &Rule, path: &Path<'_>, as_of: Date) -> Finding {
    Finding {
        rule: index,
        extras: rule
            .extras
            .iter()
            .enumerate()
            .filter(|(_, e)| e.when.eval(path, as_of))
            .map(|(i, _)| i)
            .collect(),
        rests_on: rule
            .rests_on
            .iter()
            .copied()
            .filter(|q| path.get(*q).is_some())
            .collect(),
    }
}

fn upcoming_entry(index: usize, rule: &Rule, as_of: Date) -> Upcoming {
    let effective_from = rule.effective_from.unwrap_or(as_of);
    Upcoming {
        rule: index,
        effective_from,
        plan: rule.plan,
        date_passed: rule.plan && effective_from <= as_of,
    }
}
