//! The dated part of an assessment: the timeline entries whose condition holds and whose answer is
//! given, the earliest clean application date, and the documents to bring with their periods.

use jiff::civil::Date;

use super::assessment::{DocumentItem, Finding, TimelineItem};
use crate::answers::{Lookup, Value};
use crate::content::{Amount, Content, DateRule, EntryKind, PeriodRule, Schedule};
use crate::dates::{self, rules};
use crate::flow::Path;

/// The timeline, sorted by date then id (CONTRACT.md).
pub fn timeline(content: &Content, path: &Path<'_>, as_of: Date) -> Vec<TimelineItem> {
    let schedule = &content.schedule;
    let mut items: Vec<TimelineItem> = schedule
        .timeline
        .iter()
        .enumerate()
        .filter(|(_, e)| e.when.eval(path, as_of))
        .filter_map(|(i, e)| {
            let date = date_of(schedule, e.rule, path, as_of)?;
            Some(TimelineItem {
                entry: i,
                date,
                days: dates::days_between(as_of, date),
                notes: (0..e.notes.len())
                    .filter(|n| e.notes[*n].0.eval(path, as_of))
                    .collect(),
            })
        })
        .collect();
    items.sort_by(|a, b| {
        a.date.cmp(&b.date).then_with(|| {
            schedule.timeline[a.entry]
                .id
                .cmp(&schedule.timeline[b.entry].id)
        })
    });
    items
}

/// The date a rule gives for these answers; `None` when its answer is not given.
fn date_of(schedule: &Schedule, rule: DateRule, path: &Path<'_>, as_of: Date) -> Option<Date> {
    let answer = path.get(rule.question())?;
    Some(match (rule, answer) {
        (DateRule::Shift { months, .. }, Value::Date(d)) => rules::shift(*d, months),
        (DateRule::DaysAgoPlus { days, .. }, Value::Number(n)) => {
            rules::days_ago_plus(as_of, *n, days)
        }
        (DateRule::MonthEndAfter { months, .. }, Value::Month(m)) => {
            rules::month_end_after(*m, months)
        }
        (DateRule::MonthStartAfter { years, months, .. }, Value::Month(m)) => {
            let years = i32::from(schedule.amount(years, path, as_of));
            rules::month_start_after(*m, years * 12 + months)
        }
        _ => return None,
    })
}

/// The latest clean date of the timeline, unless something is unpaid now.
pub fn earliest_clean_application(
    content: &Content,
    timeline: &[TimelineItem],
    path: &Path<'_>,
    as_of: Date,
) -> Option<Date> {
    let schedule = &content.schedule;
    let blocked = schedule
        .clean_unless
        .as_ref()
        .is_none_or(|c| c.eval(path, as_of));
    if blocked {
        return None;
    }
    timeline
        .iter()
        .filter(|t| schedule.timeline[t.entry].kind == EntryKind::Clean)
        .map(|t| t.date)
        .max()
}

/// The documents the goal's checklist and the findings ask for, in content order, each once.
pub fn documents(
    content: &Content,
    findings: &[Finding],
    path: &Path<'_>,
    as_of: Date,
) -> Vec<DocumentItem> {
    let schedule = &content.schedule;
    schedule
        .documents
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| {
            let from_findings: Vec<usize> = findings
                .iter()
                .map(|f| f.rule)
                .filter(|r| doc.findings.contains(r))
                .collect();
            let for_goal = doc.when.eval(path, as_of);
            if !for_goal && from_findings.is_empty() {
                return None;
            }
            // A document only a finding asks for carries no period: the goal's windows do not apply.
            let period = doc.period.filter(|_| for_goal);
            Some(item(schedule, (i, period), from_findings, path, as_of))
        })
        .collect()
}

fn item(
    schedule: &Schedule,
    (index, period): (usize, Option<PeriodRule>),
    from_findings: Vec<usize>,
    path: &Path<'_>,
    as_of: Date,
) -> DocumentItem {
    let years = |amount: Amount| schedule.amount(amount, path, as_of);
    let (fiscal_years, months) = match period {
        Some(PeriodRule::LatestFiscalYears { years: n }) => {
            (rules::latest_fiscal_years(as_of, years(n)), None)
        }
        Some(PeriodRule::MonthsBefore { months }) => {
            (Vec::new(), Some(rules::months_before(as_of, months)))
        }
        None => (Vec::new(), None),
    };
    DocumentItem {
        document: index,
        fiscal_years,
        months,
        from_findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers_file;
    use crate::content::embedded;
    use crate::formats::location::SourceText;
    use jiff::civil::date;

    fn assess(answers: &str, as_of: Date) -> crate::engine::Assessment {
        let content = embedded::load_default().expect("valid");
        let text = format!("[answers]\n{answers}");
        let file = answers_file::parse(&content, &SourceText::new("t", &text)).expect("parses");
        crate::engine::assess(&content, &file.answers, as_of)
    }

    const RESIDENT: &str = r#"
status = "work"
goal = "permanent_residence"
age = 34
work = "employee_insured"
income_tax = "year_end_adjustment"
residence_tax = "payroll"
pension_plan = "employees"
health_insurance = "employer"
address_notice = "on_time"
organization_change = "none"
months_without_activity = 0
knows_my_number = true
my_number_card = "valid"
card_extended_after_renewal = "yes"
carries_residence_card = "always"
insurance_proof = "my_number_card"
"#;

    #[test]
    fn entries_are_sorted_by_date_and_days_count_from_the_evaluation_date() {
        let answers = format!(
            "{RESIDENT}tax_history = \"late_now_paid\"\ntax_late_month = \"2025-07\"\nstay_expiry = \"within_3_months\"\nstay_expiry_date = 2027-01-06\n"
        );
        let a = assess(&answers, date(2026, 11, 24));
        let dates: Vec<_> = a.timeline.iter().map(|t| (t.date, t.days)).collect();
        assert_eq!(
            dates,
            vec![
                (date(2026, 10, 6), -49),
                (date(2027, 1, 6), 43),
                (date(2030, 8, 1), 1346),
            ]
        );
        assert_eq!(a.earliest_clean_application, Some(date(2030, 8, 1)));
    }

    #[test]
    fn nothing_unpaid_now_is_a_condition_of_the_clean_date() {
        let answers = format!(
            "{RESIDENT}tax_history = \"late_now_paid\"\ntax_late_month = \"2025-07\"\nstay_expiry = \"over_3_months\"\n"
        )
        .replace("health_insurance = \"employer\"", "health_insurance = \"none\"")
        .replace("insurance_proof = \"my_number_card\"\n", "");
        let a = assess(&answers, date(2026, 11, 24));
        assert_eq!(a.timeline.len(), 1);
        assert_eq!(a.earliest_clean_application, None);
    }
}
