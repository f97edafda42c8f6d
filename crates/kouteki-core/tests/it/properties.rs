//! Property tests: whatever answers the interview can produce, on whatever date, assessment never
//! panics, covers every area, is consistent with its own findings, and is deterministic; without
//! the answers added in 1.2 it gives what it gave before them. Malformed
//! conditions and answers files are rejected with errors, never a panic.

use std::sync::{Arc, OnceLock};

use jiff::civil::Date;
use kouteki_core::answers::{Answers, Value};
use kouteki_core::content::{Content, QuestionKind, embedded};
use kouteki_core::engine::{Assessment, assess};
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::{Interview, Step};
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, to_json, to_markdown, to_text};
use kouteki_core::severity::{Area, Severity};
use proptest::prelude::*;

fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    Arc::clone(CONTENT.get_or_init(|| Arc::new(embedded::load_default().expect("valid content"))))
}

fn date_strategy() -> impl Strategy<Value = Date> {
    (2012i16..=2035, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

/// A value a front end could submit for a question of this kind, drawn from `seed`.
fn value_for(kind: &QuestionKind, seed: u64) -> Value {
    match kind {
        QuestionKind::YesNo => Value::Bool(seed.is_multiple_of(2)),
        QuestionKind::Choice { choices, .. } => Value::Choice(seed as usize % choices.len()),
        QuestionKind::MultiChoice { choices } => {
            Value::Choices((0..choices.len()).filter(|i| seed >> i & 1 == 1).collect())
        }
        QuestionKind::Number { min, max, .. } => {
            let span = (max - min) as u64 + 1;
            // Favour the edges, where the rules' thresholds are.
            let n = match seed % 4 {
                0 => *min,
                1 => *max,
                _ => min + ((seed / 4) % span) as i64,
            };
            Value::Number(n)
        }
        QuestionKind::Date => Value::Date(jiff::civil::date(2000 + (seed % 30) as i16, 1, 1)),
        QuestionKind::Month => Value::Month(
            // Before the earliest evaluation date drawn (2012), as the interview requires.
            kouteki_core::dates::Month::new(1990 + (seed % 22) as i16, 1 + (seed % 12) as i8)
                .expect("a month in range"),
        ),
        QuestionKind::Text => Value::Text(format!("text {seed}")),
    }
}

/// The date a rule gives, checked from the other side: counted back from the date (or forward from
/// the answer) with calendar facts, not with the rule's own function.
fn check_rule(
    rule: kouteki_core::content::DateRule,
    answer: Option<Value>,
    date: Date,
    as_of: Date,
) -> Result<(), TestCaseError> {
    use kouteki_core::content::DateRule;
    let months_between = |from: (i16, i8), to: Date| {
        (i32::from(to.year()) - i32::from(from.0)) * 12 + i32::from(to.month()) - i32::from(from.1)
    };
    match (rule, answer) {
        (DateRule::Shift { months, .. }, Some(Value::Date(d))) => {
            prop_assert_eq!(
                months_between((d.year(), d.month()), date),
                months,
                "whole months moved"
            );
            prop_assert!(
                date.day() == d.day() || (date.day() < d.day() && date == date.last_of_month()),
                "day kept or clamped"
            );
        }
        (DateRule::DaysAgoPlus { days, .. }, Some(Value::Number(n))) => {
            let back = i64::from(as_of.until(date).expect("in range").get_days());
            prop_assert_eq!(back, days - n, "as_of - days ago + days");
        }
        (DateRule::MonthEndAfter { months, .. }, Some(Value::Month(m))) => {
            prop_assert_eq!(months_between((m.year(), m.month()), date), months);
            prop_assert_eq!(
                date.tomorrow().expect("in range").day(),
                1,
                "a month's last day"
            );
        }
        (DateRule::MonthStartAfter { .. }, Some(Value::Month(m))) => {
            prop_assert_eq!(date.day(), 1, "a month's first day");
            prop_assert!(
                months_between((m.year(), m.month()), date) > 12,
                "more than a year after M"
            );
        }
        (rule, answer) => prop_assert!(false, "{rule:?} shown without its answer: {answer:?}"),
    }
    Ok(())
}

/// Drives the interview from its first question to the review, answering from `seeds`.
fn interview_answers(seeds: &[u64], as_of: Date) -> Interview {
    let content = content();
    let mut interview = Interview::new(Arc::clone(&content), as_of);
    let mut seeds = seeds.iter().cycle();
    while let Step::Question(q) = interview.step() {
        let value = value_for(
            &content.questions[q].kind,
            *seeds.next().expect("cycle never ends"),
        );
        interview.submit(value).expect("generated values are valid");
    }
    interview
}

/// The assessment of the same answers with every question added in 1.2 left unanswered, as a
/// file written for content 1.1 has them, and a counter of the findings resting on a 1.2 question.
fn without_1_2_answers<'c>(
    content: &'c Content,
    full: &Assessment,
) -> (Assessment, impl Fn(&Assessment) -> usize + 'c) {
    let is_new = |q: usize| since_1_2(&content.questions[q].since);
    let mut answers = full.answers.clone();
    for q in (0..content.questions.len()).filter(|q| is_new(*q)) {
        answers.clear(q);
    }
    let counter = move |a: &Assessment| {
        a.findings
            .iter()
            .filter(|f| f.rule(content).rests_on.iter().any(|q| is_new(*q)))
            .count()
    };
    (assess(content, &answers, full.as_of), counter)
}

/// Whether a question's `since` is content 1.2 or later (`"1.10"` is later than `"1.2"`).
fn since_1_2(since: &str) -> bool {
    let mut parts = since.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (1, 2)
}

/// The findings that rest on no 1.2 question, with their severities.
fn findings_before_1_2(content: &Content, a: &Assessment) -> Vec<(String, Severity)> {
    let mut out: Vec<(String, Severity)> = a
        .findings
        .iter()
        .map(|f| f.rule(content))
        .filter(|r| {
            r.rests_on
                .iter()
                .all(|q| content.questions[*q].since.as_str() < "1.2")
        })
        .map(|r| (r.id.to_string(), r.severity))
        .collect();
    out.sort();
    out
}

/// Each area's severity is that of its worst finding (`ok` without one); the overall is the worst
/// finding, which is the worst area.
fn areas_are_their_worst_findings(
    content: &Content,
    assessment: &Assessment,
) -> Result<(), TestCaseError> {
    let worst_finding = assessment
        .findings
        .iter()
        .map(|f| f.rule(content).severity)
        .max()
        .unwrap_or(Severity::Ok);
    prop_assert_eq!(assessment.overall, worst_finding);
    for area in Area::ALL {
        let worst = assessment
            .findings_in(content, area)
            .map(|f| f.rule(content).severity)
            .max()
            .unwrap_or(Severity::Ok);
        prop_assert_eq!(assessment.area(area), worst);
    }
    let worst_area = Area::ALL.into_iter().map(|a| assessment.area(a)).max();
    prop_assert_eq!(Some(assessment.overall), worst_area);
    Ok(())
}

/// The JSON report's `areas` (CONTRACT.md): exactly the four area ids in the contract's order, each
/// the severity of the worst of the report's own findings in that area, or `ok` when it has none;
/// `overall` is the worst area.
fn json_areas_are_their_worst_findings(json: &serde_json::Value) -> Result<(), TestCaseError> {
    let areas = json["areas"].as_object().expect("`areas` is an object");
    let ids: Vec<&str> = areas.keys().map(String::as_str).collect();
    prop_assert_eq!(ids, ["taxes", "social_insurance", "notifications", "cards"]);
    let findings = json["findings"].as_array().expect("`findings` is a list");
    let severity = |v: &serde_json::Value| v.as_str().and_then(Severity::from_id);
    let mut worst_area = Severity::Ok;
    for (id, value) in areas {
        let worst = findings
            .iter()
            .filter(|f| f["area"].as_str() == Some(id.as_str()))
            .map(|f| severity(&f["severity"]).expect("a finding's severity is a severity id"))
            .max()
            .unwrap_or(Severity::Ok);
        prop_assert_eq!(value.as_str(), Some(worst.id()), "area `{}`", id);
        worst_area = worst_area.max(worst);
    }
    prop_assert_eq!(json["overall"].as_str(), Some(worst_area.id()));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_interview_gives_a_consistent_deterministic_assessment(
        seeds in proptest::collection::vec(any::<u64>(), 1..40),
        as_of in date_strategy(),
    ) {
        let content = content();
        let interview = interview_answers(&seeds, as_of);
        prop_assert!(interview.is_complete());
        let first = interview.assess();
        let second = assess(&content, interview.answers(), as_of);
        prop_assert_eq!(&first, &second, "re-evaluation is deterministic");
        areas_are_their_worst_findings(&content, &first)?;
        let keys: Vec<_> = first.findings.iter().map(|f| {
            let rule = f.rule(&content);
            (std::cmp::Reverse(rule.severity), rule.area, rule.id.clone())
        }).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]), "findings are ordered");
        for lang in Lang::ALL {
            let report = Report::new(&content, &first, lang);
            let json: serde_json::Value = serde_json::from_str(&to_json(&report)).expect("valid JSON");
            for summary in report.areas.iter() {
                let in_area = first.findings.iter().filter(|f| f.rule(&content).area == summary.area);
                prop_assert_eq!(summary.findings, in_area.clone().count(), "the card's count is the area's findings");
                let worst = in_area.map(|f| f.rule(&content).severity).max().unwrap_or(Severity::Ok);
                prop_assert_eq!(summary.severity, worst, "an area is as bad as its worst finding");
                prop_assert_eq!(json["areas"][summary.area.id()].as_str(), Some(worst.id()), "and says so in JSON");
            }
            prop_assert_eq!(json["findings"].as_array().map(Vec::len), Some(first.findings.len()));
            json_areas_are_their_worst_findings(&json)?;
            prop_assert!(!to_text(&report).is_empty() && !to_markdown(&report).is_empty());
        }
    }

    #[test]
    fn every_timeline_date_follows_its_rule_and_entries_are_sorted(
        seeds in proptest::collection::vec(any::<u64>(), 1..40),
        as_of in date_strategy(),
    ) {
        let content = content();
        let interview = interview_answers(&seeds, as_of);
        let assessment = interview.assess();
        let key = |t: &kouteki_core::engine::TimelineItem| (t.date, content.schedule.timeline[t.entry].id.clone());
        prop_assert!(assessment.timeline.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "sorted by date, then id");
        for item in &assessment.timeline {
            let entry = &content.schedule.timeline[item.entry];
            let days = i64::from(as_of.until(item.date).expect("in range").get_days());
            prop_assert_eq!(item.days, days, "days from the evaluation date");
            prop_assert!(entry.when.eval(&assessment.answers, as_of), "its condition holds");
            let answer = kouteki_core::answers::Lookup::get(&assessment.answers, entry.rule.question()).cloned();
            check_rule(entry.rule, answer, item.date, as_of)?;
        }
        let clean = assessment.timeline.iter().filter(|t| content.schedule.timeline[t.entry].kind == kouteki_core::content::EntryKind::Clean).map(|t| t.date).max();
        if let Some(date) = assessment.earliest_clean_application {
            prop_assert_eq!(Some(date), clean, "the latest clean entry");
        }
    }

    #[test]
    fn without_the_1_2_answers_every_other_finding_stays_and_nothing_is_dated_by_them(
        seeds in proptest::collection::vec(any::<u64>(), 1..40),
        as_of in date_strategy(),
    ) {
        let content = content();
        let full = interview_answers(&seeds, as_of).assess();
        let (old, new_findings) = without_1_2_answers(&content, &full);
        prop_assert_eq!(findings_before_1_2(&content, &full), findings_before_1_2(&content, &old), "the same findings and severities");
        prop_assert!(new_findings(&old) == 0, "no finding rests on an unanswered 1.2 question");
        prop_assert!(old.earliest_clean_application.is_none(), "no clean date without a month");
        for item in &old.timeline {
            let entry = &content.schedule.timeline[item.entry];
            prop_assert!(!since_1_2(&content.questions[entry.rule.question()].since), "{} dated by a 1.2 answer", entry.id);
        }
        areas_are_their_worst_findings(&content, &old)?;
    }

    #[test]
    fn the_seeds_conclusion_holds_whatever_else_is_answered(
        seeds in proptest::collection::vec(any::<u64>(), 1..40),
        as_of in date_strategy(),
    ) {
        let content = content();
        let interview = interview_answers(&seeds, as_of);
        for finding in &interview.assess().findings {
            let rule = finding.rule(&content);
            let about_the_card = rule.rests_on.iter().any(|q| content.questions[*q].id == "my_number_card");
            let only_the_card = rule.rests_on.iter().all(|q| ["my_number_card", "status", "knows_my_number"].contains(&content.questions[*q].id.as_str()));
            if about_the_card && only_the_card {
                prop_assert!(rule.severity <= Severity::Info, "{} rates the My Number Card worse than info", rule.id);
            }
        }
    }

    #[test]
    fn arbitrary_answers_even_off_the_path_never_panic(
        seeds in proptest::collection::vec(any::<u64>(), 30),
        as_of in date_strategy(),
    ) {
        let content = content();
        let mut answers = Answers::empty(content.questions.len());
        for (q, question) in content.questions.iter().enumerate() {
            if !seeds[q % seeds.len()].is_multiple_of(5) {
                answers.set(q, value_for(&question.kind, seeds[q % seeds.len()]));
            }
        }
        let assessment = assess(&content, &answers, as_of);
        areas_are_their_worst_findings(&content, &assessment)?;
    }

    #[test]
    fn malformed_answers_files_are_errors_not_panics(text in "\\PC{0,200}") {
        let content = content();
        let source = SourceText::new("fuzz.toml", &text);
        let _ = kouteki_core::answers_file::parse(&content, &source);
    }

    #[test]
    fn malformed_conditions_are_errors_not_panics(text in "[a-z_ ()=!<>\\[\\],.0-9\"-]{0,60}") {
        if let Ok(expr) = kouteki_core::content::condition::parse(&text) {
            let _ = kouteki_core::content::condition::compile(&expr, &content().questions);
        }
    }
}
