//! The result of assessing a set of answers: language-independent, rendered by the report and TUI.

use jiff::civil::Date;

use crate::answers::Answers;
use crate::content::{Content, QuestionIdx, Rule};
use crate::severity::{Area, Severity};

/// Everything a front end needs to show a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The evaluation date.
    pub as_of: Date,
    /// When the content was reviewed.
    pub content_reviewed: Date,
    /// The worst area severity.
    pub overall: Severity,
    /// The severity of each area, indexed by [`Area::index`].
    pub areas: [Severity; 4],
    /// Findings, worst first, then by area order, then by id.
    pub findings: Vec<Finding>,
    /// Rules that will apply later (or planned changes), by date.
    pub upcoming: Vec<Upcoming>,
    /// Indices of the report notes that apply.
    pub notes: Vec<usize>,
    /// Questions on the path left without an answer (questions added after v1 may be).
    pub unanswered: Vec<QuestionIdx>,
    /// The answers that counted (those on the path).
    pub answers: Answers,
    /// The dated entries whose answers are given, by date then id.
    pub timeline: Vec<TimelineItem>,
    /// From this date no look-back window holds a late payment told about (none while something is
    /// unpaid now, or without a clean entry).
    pub earliest_clean_application: Option<Date>,
    /// The documents to bring, in checklist order.
    pub documents: Vec<DocumentItem>,
}

/// One dated entry of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    /// Index into the content's timeline entries.
    pub entry: usize,
    /// Its date.
    pub date: Date,
    /// Days from the evaluation date (negative when past).
    pub days: i64,
    /// Indices into the entry's notes whose condition holds.
    pub notes: Vec<usize>,
}

/// One document to bring, with the period it must cover.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentItem {
    /// Index into the content's documents.
    pub document: usize,
    /// The 年度 it must cover (western years, ascending), if a fiscal-year document.
    pub fiscal_years: Vec<i16>,
    /// The months it must cover (first, last), if a monthly record.
    pub months: Option<(crate::dates::Month, crate::dates::Month)>,
    /// The rules whose findings asked for it.
    pub from_findings: Vec<usize>,
}

/// One rule that applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index into [`Content::rules`].
    pub rule: usize,
    /// Indices into the rule's `extras` whose condition holds.
    pub extras: Vec<usize>,
    /// The answered questions the finding rests on (its "why").
    pub rests_on: Vec<QuestionIdx>,
}

impl Finding {
    /// The rule behind the finding.
    pub fn rule<'c>(&self, content: &'c Content) -> &'c Rule {
        &content.rules[self.rule]
    }
}

/// A rule that is not in force for these answers yet, or a planned change.
#[derive(Debug, Clone, PartialEq)]
pub struct Upcoming {
    /// Index into [`Content::rules`].
    pub rule: usize,
    /// When it starts (or was planned to).
    pub effective_from: Date,
    /// Whether it is an announced plan rather than enacted law.
    pub plan: bool,
    /// A plan whose date has passed: check whether it took effect.
    pub date_passed: bool,
}

impl Assessment {
    /// The severity of one area.
    pub fn area(&self, area: Area) -> Severity {
        self.areas[area.index()]
    }

    /// The findings of one area, in report order.
    pub fn findings_in(&self, content: &Content, area: Area) -> impl Iterator<Item = &Finding> {
        let content_rules = &content.rules;
        self.findings
            .iter()
            .filter(move |f| content_rules[f.rule].area == area)
    }
}
