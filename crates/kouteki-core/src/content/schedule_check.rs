//! Checks the timeline, the documents and the lengths of `rules.toml` as rules are checked: ids,
//! kinds, conditions, the named rule and the type of the answer it reads, numbers, texts in both
//! languages, sources, and the rule ids a document names.

use std::collections::HashSet;

use toml::Spanned;

use super::diagnostics::Diagnostics;
use super::model::{Question, QuestionIdx, QuestionType, Rule, Source};
use super::raw::{RawAmount, RawDocument, RawLength, RawSource, RawTimelineEntry, RulesFile};
use super::schedule::{
    Amount, DateRule, Document, EntryKind, Length, PeriodRule, Schedule, TimelineEntry,
};
use super::sources::check_source;
use crate::dates::rules::{DATE_RULES, PERIOD_RULES};
use crate::formats::location::SourceText;

/// What every check here needs: the file, the questions, the rules and the error collector.
struct Checker<'a, 'd> {
    source: &'a SourceText<'a>,
    questions: &'a [Question],
    rules: &'a [Rule],
    lengths: Vec<String>,
    diag: &'d mut Diagnostics,
}

/// Checks the dated parts of the rules file and builds the schedule.
pub fn check_schedule(
    file: &RulesFile,
    questions: &[Question],
    rules: &[Rule],
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) -> Schedule {
    let mut check = Checker {
        source,
        questions,
        rules,
        lengths: file
            .lengths
            .iter()
            .map(|l| l.id.get_ref().clone())
            .collect(),
        diag,
    };
    let mut ids = HashSet::new();
    let lengths = file
        .lengths
        .iter()
        .filter_map(|l| check.length(l, &mut ids))
        .collect();
    let timeline = file
        .timeline
        .iter()
        .filter_map(|e| check.entry(e, &mut ids))
        .collect();
    let documents = file
        .documents
        .iter()
        .filter_map(|d| check.document(d, &mut ids))
        .collect();
    let clean_unless = file.clean_application.as_ref().and_then(|c| {
        check
            .diag
            .condition(source, &c.unless, questions, "clean_application", "unless")
    });
    Schedule {
        lengths,
        timeline,
        documents,
        clean_unless,
    }
}

impl Checker<'_, '_> {
    fn unique(&mut self, id: &Spanned<String>, kind: &str, ids: &mut HashSet<String>) {
        self.diag.id(self.source, id, kind, true);
        if !ids.insert(format!("{kind}:{}", id.get_ref())) {
            self.diag.error(
                self.source,
                id.span().start,
                "",
                format!("{kind} `{}` is defined twice", id.get_ref()),
            );
        }
    }

    fn length(&mut self, raw: &RawLength, ids: &mut HashSet<String>) -> Option<Length> {
        self.unique(&raw.id, "length", ids);
        let subject = format!("length `{}`", raw.id.get_ref());
        let default = self.small_number(&raw.default, &subject, "default");
        let cases: Vec<_> = raw
            .cases
            .iter()
            .map(|c| {
                let cond =
                    self.diag
                        .condition(self.source, &c.when, self.questions, &subject, "when");
                let value = self.small_number(&c.value, &subject, "value");
                cond.zip(value)
            })
            .collect();
        Some(Length {
            id: raw.id.get_ref().as_str().into(),
            default: default?,
            cases: cases.into_iter().collect::<Option<_>>()?,
        })
    }

    /// A count of years or months: 1 to 120.
    fn small_number(&mut self, n: &Spanned<i64>, subject: &str, field: &str) -> Option<u8> {
        let value = u8::try_from(*n.get_ref())
            .ok()
            .filter(|v| (1..=120).contains(v));
        if value.is_none() {
            self.diag.error(
                self.source,
                n.span().start,
                subject,
                format!(
                    "`{field}` must be a whole number from 1 to 120, found {}",
                    n.get_ref()
                ),
            );
        }
        value
    }

    fn amount(&mut self, raw: &Spanned<RawAmount>, subject: &str, field: &str) -> Option<Amount> {
        match raw.get_ref() {
            RawAmount::Fixed(n) => self
                .small_number(&Spanned::new(raw.span(), *n), subject, field)
                .map(Amount::Fixed),
            RawAmount::Named(name) => match self.lengths.iter().position(|l| l == name) {
                Some(i) => Some(Amount::Named(i)),
                None => {
                    let known = if self.lengths.is_empty() {
                        "a number (the pack declares no `[[lengths]]`)".to_string()
                    } else {
                        format!("a number or one of: {}", self.lengths.join(", "))
                    };
                    self.diag.error(
                        self.source,
                        raw.span().start,
                        subject,
                        format!("`{field}` names no length `{name}`; expected {known}"),
                    );
                    None
                }
            },
        }
    }

    /// A signed number of months or days, as a date rule's shift.
    fn shift(&mut self, n: Option<&Spanned<i64>>, subject: &str, field: &str) -> Option<i32> {
        let Some(n) = n else { return Some(0) };
        let value = i32::try_from(*n.get_ref()).ok().filter(|v| v.abs() <= 1200);
        if value.is_none() {
            self.diag.error(
                self.source,
                n.span().start,
                subject,
                format!(
                    "`{field}` must be a whole number from -1200 to 1200, found {}",
                    n.get_ref()
                ),
            );
        }
        value
    }

    /// Where `name` stands among `ids`; where it is not there, an error at it that names the field,
    /// the kind of thing it should name and the nearest id.
    fn find<'i>(
        &mut self,
        name: &Spanned<String>,
        ids: impl Iterator<Item = &'i str> + Clone,
        (field, kind): (&str, &str),
        subject: &str,
    ) -> Option<usize> {
        let found = ids.clone().position(|id| id == name.get_ref());
        if found.is_none() {
            let hint = crate::formats::suggest::did_you_mean(name.get_ref(), ids);
            self.diag.error(
                self.source,
                name.span().start,
                subject,
                format!(
                    "`{field}` names an unknown {kind} `{}`{hint}",
                    name.get_ref()
                ),
            );
        }
        found
    }

    /// The question `of` names, which must have the type the rule reads.
    fn question_of(
        &mut self,
        of: &Spanned<String>,
        wanted: QuestionType,
        rule: &str,
        subject: &str,
    ) -> Option<QuestionIdx> {
        let questions = self.questions;
        let ids = questions.iter().map(|q| q.id.as_str());
        let q = self.find(of, ids, ("of", "question"), subject)?;
        let found = self.questions[q].kind.question_type();
        if found != wanted {
            self.diag.error(
                self.source,
                of.span().start,
                subject,
                format!(
                    "rule `{rule}` reads a {} question, but `{}` is a {} question",
                    wanted.name(),
                    of.get_ref(),
                    found.name()
                ),
            );
            return None;
        }
        Some(q)
    }

    fn date_rule(&mut self, raw: &RawTimelineEntry, subject: &str) -> Option<DateRule> {
        let name = raw.rule.get_ref().as_str();
        let months = self.shift(raw.months.as_ref(), subject, "months");
        match name {
            "shift" => Some(DateRule::Shift {
                of: self.question_of(&raw.of, QuestionType::Date, name, subject)?,
                months: months?,
            }),
            "days_ago_plus" => Some(DateRule::DaysAgoPlus {
                of: self.question_of(&raw.of, QuestionType::Number, name, subject)?,
                days: i64::from(self.shift(raw.days.as_ref(), subject, "days")?),
            }),
            "month_end_after" => Some(DateRule::MonthEndAfter {
                of: self.question_of(&raw.of, QuestionType::Month, name, subject)?,
                months: months?,
            }),
            "month_start_after" => {
                let years = match &raw.years {
                    Some(y) => self.amount(y, subject, "years")?,
                    None => Amount::Fixed(0),
                };
                Some(DateRule::MonthStartAfter {
                    of: self.question_of(&raw.of, QuestionType::Month, name, subject)?,
                    years,
                    months: months?,
                })
            }
            other => {
                self.diag.error(
                    self.source,
                    raw.rule.span().start,
                    subject,
                    format!(
                        "unknown date rule `{other}`; expected one of: {}",
                        DATE_RULES.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn sources(&mut self, list: &Spanned<Vec<RawSource>>, subject: &str) -> Vec<Source> {
        if list.get_ref().is_empty() {
            self.diag.error(
                self.source,
                list.span().start,
                subject,
                "at least one source (title, url, kind) is needed",
            );
        }
        list.get_ref()
            .iter()
            .filter_map(|s| check_source(s, self.source, subject, self.diag))
            .collect()
    }

    fn entry(
        &mut self,
        raw: &RawTimelineEntry,
        ids: &mut HashSet<String>,
    ) -> Option<TimelineEntry> {
        self.unique(&raw.id, "timeline entry", ids);
        let subject = format!("timeline entry `{}`", raw.id.get_ref());
        self.diag.text(self.source, &raw.title, &subject, "title");
        let kind = EntryKind::from_name(raw.kind.get_ref());
        if kind.is_none() {
            self.diag.error(
                self.source,
                raw.kind.span().start,
                &subject,
                format!(
                    "unknown kind `{}`; expected one of: deadline, opens, clean",
                    raw.kind.get_ref()
                ),
            );
        }
        let when = self
            .diag
            .condition(self.source, &raw.when, self.questions, &subject, "when");
        let rule = self.date_rule(raw, &subject);
        let sources = self.sources(&raw.sources, &subject);
        let notes: Vec<_> = raw
            .notes
            .iter()
            .map(|n| {
                self.diag.text(self.source, &n.text, &subject, "notes.text");
                let cond = self.diag.condition(
                    self.source,
                    &n.when,
                    self.questions,
                    &subject,
                    "notes.when",
                );
                cond.map(|c| (c, n.text.get_ref().clone()))
            })
            .collect();
        Some(TimelineEntry {
            id: raw.id.get_ref().as_str().into(),
            kind: kind?,
            when: when?,
            rule: rule?,
            title: raw.title.get_ref().clone(),
            sources,
            notes: notes.into_iter().collect::<Option<_>>()?,
        })
    }

    fn period(&mut self, raw: &RawDocument, subject: &str) -> Option<Option<PeriodRule>> {
        let Some(name) = &raw.period else {
            return Some(None);
        };
        match name.get_ref().as_str() {
            "latest_fiscal_years" => {
                let Some(years) = &raw.years else {
                    self.diag.error(
                        self.source,
                        name.span().start,
                        subject,
                        "`latest_fiscal_years` needs `years`",
                    );
                    return None;
                };
                Some(Some(PeriodRule::LatestFiscalYears {
                    years: self.amount(years, subject, "years")?,
                }))
            }
            "months_before" => {
                let Some(months) = &raw.months else {
                    self.diag.error(
                        self.source,
                        name.span().start,
                        subject,
                        "`months_before` needs `months`",
                    );
                    return None;
                };
                let months = self.small_number(months, subject, "months")?;
                Some(Some(PeriodRule::MonthsBefore {
                    months: i32::from(months),
                }))
            }
            other => {
                self.diag.error(
                    self.source,
                    name.span().start,
                    subject,
                    format!(
                        "unknown period rule `{other}`; expected one of: {}",
                        PERIOD_RULES.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn finding_rules(&mut self, raw: &RawDocument, subject: &str) -> Vec<usize> {
        raw.findings
            .iter()
            .filter_map(|id| {
                let rules = self.rules;
                let ids = rules.iter().map(|r| r.id.as_str());
                self.find(id, ids, ("findings", "rule"), subject)
            })
            .collect()
    }

    fn document(&mut self, raw: &RawDocument, ids: &mut HashSet<String>) -> Option<Document> {
        self.unique(&raw.id, "document", ids);
        let subject = format!("document `{}`", raw.id.get_ref());
        self.diag.text(self.source, &raw.title, &subject, "title");
        self.diag
            .text(self.source, &raw.where_to_get, &subject, "where");
        if let Some(note) = &raw.note {
            self.diag.text(self.source, note, &subject, "note");
        }
        let when = self
            .diag
            .condition(self.source, &raw.when, self.questions, &subject, "when");
        let period = self.period(raw, &subject);
        let issued = match &raw.issued_within_months {
            Some(n) => Some(self.small_number(n, &subject, "issued_within_months")?),
            None => None,
        };
        let findings = self.finding_rules(raw, &subject);
        let sources = self.sources(&raw.sources, &subject);
        Some(Document {
            id: raw.id.get_ref().as_str().into(),
            when: when?,
            period: period?,
            issued_within_months: issued,
            findings,
            title: raw.title.get_ref().clone(),
            where_to_get: raw.where_to_get.get_ref().clone(),
            note: raw.note.as_ref().map(|n| n.get_ref().clone()),
            sources,
        })
    }
}
