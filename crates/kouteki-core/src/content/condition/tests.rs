//! Unit tests of the condition language: parsing, checking against questions, evaluation and the
//! satisfiability check.

use jiff::civil::date;

use super::*;
use crate::answers::{Answers, Value};
use crate::content::{Choice, Question, QuestionKind};
use crate::lang::Text;

/// A question of this kind, asked always (shared with the satisfiability properties).
pub(super) fn question(id: &str, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        section: 0,
        kind,
        since: "1.0".into(),
        ask_if: None,
        ask_if_text: None,
        depends_on: vec![],
        text: Text::new("q", "質問"),
        why: Text::new("w", "理由"),
        where_to_find: None,
    }
}

/// Choices with these ids (the labels repeat the ids).
pub(super) fn choices(ids: &[&str]) -> Vec<Choice> {
    ids.iter()
        .map(|id| Choice {
            id: (*id).into(),
            label: Text::new(*id, *id),
        })
        .collect()
}

fn questions() -> Vec<Question> {
    vec![
        question(
            "status",
            QuestionKind::Choice {
                choices: choices(&["work", "student", "permanent"]),
                unsure: None,
            },
        ),
        question(
            "age",
            QuestionKind::Number {
                min: 0,
                max: 120,
                unit: None,
            },
        ),
        question("knows", QuestionKind::YesNo),
        question(
            "langs",
            QuestionKind::MultiChoice {
                choices: choices(&["en", "ja"]),
            },
        ),
        question("moved", QuestionKind::Date),
    ]
}

fn check(text: &str) -> Result<Cond, String> {
    let expr = parse(text).map_err(|e| format!("syntax@{}: {}", e.offset, e.message))?;
    compile(&expr, &questions()).map_err(|e| format!("type@{}: {}", e.span.start, e.message))
}

fn answers(values: &[(usize, Value)]) -> Answers {
    let mut a = Answers::empty(5);
    for (q, v) in values {
        a.set(*q, v.clone());
    }
    a
}

fn holds(text: &str, values: &[(usize, Value)]) -> bool {
    check(text)
        .expect("valid condition")
        .eval(&answers(values), date(2026, 11, 27))
}

#[test]
fn evaluates_comparisons_lists_ranges_and_connectives() {
    let work = (0, Value::Choice(0));
    let age = |n| (1, Value::Number(n));
    assert!(holds("status == work", std::slice::from_ref(&work)));
    assert!(
        holds("status = work", std::slice::from_ref(&work)),
        "= is accepted for =="
    );
    assert!(!holds("status != work", std::slice::from_ref(&work)));
    assert!(holds(
        "status in [work, student]",
        std::slice::from_ref(&work)
    ));
    assert!(holds(
        "status not in [permanent]",
        std::slice::from_ref(&work)
    ));
    assert!(holds("age >= 20 and age < 60", &[age(20)]));
    assert!(!holds("age >= 20 and age < 60", &[age(60)]));
    assert!(holds("age in 15..90", &[age(90)]));
    assert!(!holds("age in 15..90", &[age(91)]));
    assert!(holds(
        "not (status == student or age > 50) and answered(age)",
        &[work.clone(), age(30)]
    ));
    assert!(holds("knows == false", &[(2, Value::Bool(false))]));
    assert!(holds("langs has ja", &[(3, Value::Choices(vec![1]))]));
    assert!(holds(
        "moved < 2026-01-01",
        &[(4, Value::Date(date(2025, 5, 1)))]
    ));
    assert!(holds("as_of >= 2026-11-27", &[]));
    assert!(!holds("as_of > 2026-11-27", &[]));
}

#[test]
fn a_test_on_an_unanswered_question_is_false_either_way() {
    assert!(!holds("status == work", &[]));
    assert!(!holds("status != work", &[]));
    assert!(holds("not answered(status)", &[]));
}

#[test]
fn precedence_is_not_then_and_then_or() {
    // a or b and c  ==  a or (b and c)
    assert!(holds(
        "status == work or status == student and age > 200",
        &[(0, Value::Choice(0))]
    ));
    assert!(!holds(
        "not status == work and age > 1",
        &[(0, Value::Choice(0)), (1, Value::Number(5))]
    ));
}

#[test]
fn reports_syntax_errors_with_their_offset() {
    assert_eq!(
        check("status ==").unwrap_err(),
        "syntax@9: expected a value (a choice id, a number, a date YYYY-MM-DD, true or false)"
    );
    assert!(
        check("status work")
            .unwrap_err()
            .starts_with("syntax@7: expected an operator")
    );
    assert!(
        check("(status == work")
            .unwrap_err()
            .starts_with("syntax@15: expected `)`")
    );
    assert_eq!(
        check("status == work and").unwrap_err(),
        "syntax@18: expected a condition (a comparison, `answered(...)`, `not`, or parentheses)"
    );
    assert_eq!(
        check("status == work work").unwrap_err(),
        "syntax@15: expected `and`, `or` or the end of the condition"
    );
    assert!(
        check("moved < 2026-02-30")
            .unwrap_err()
            .starts_with("syntax@8: expected a valid date")
    );
}

#[test]
fn reports_type_errors_at_the_offending_word() {
    assert_eq!(
        check("statsu == work").unwrap_err(),
        "type@0: unknown question `statsu` (did you mean `status`?)"
    );
    assert_eq!(
        check("status == wrk").unwrap_err(),
        "type@10: `wrk` is not a choice of `status` (did you mean `work`?); expected one of: work, student, permanent"
    );
    assert_eq!(
        check("age == old").unwrap_err(),
        "type@7: `age` is a number question: expected a whole number, found `old`"
    );
    assert_eq!(
        check("age == 130").unwrap_err(),
        "type@7: 130 is outside the range of `age` (0..=120)"
    );
    assert_eq!(
        check("status < work").unwrap_err(),
        "type@7: `status` is a choice question: only == and != apply"
    );
    assert_eq!(
        check("knows in [true]").unwrap_err(),
        "type@0: `knows` is a yes_no question: `in [..]` applies to choice and number questions"
    );
    assert_eq!(
        check("knows == 1").unwrap_err(),
        "type@9: `knows` is a yes_no question: expected `true` or `false`, found the number 1"
    );
    assert_eq!(
        check("langs == en").unwrap_err(),
        "type@9: `langs` is a multi-choice question: use `langs has <choice>`"
    );
    assert_eq!(
        check("age in 50..10").unwrap_err(),
        "type@7: empty range 50..10: the first bound must not exceed the second"
    );
    assert_eq!(
        check("as_of >= 5").unwrap_err(),
        "type@9: `as_of` is a date: expected a date YYYY-MM-DD, found the number 5"
    );
}

fn satisfiable_text(text: &str) -> bool {
    let qs = questions();
    satisfiable(&check(text).unwrap(), &qs, &|_| None)
}

#[test]
fn finds_conditions_that_can_never_hold() {
    assert!(satisfiable_text("age >= 20 and age < 60"));
    assert!(!satisfiable_text("age < 10 and age > 20"));
    assert!(!satisfiable_text("age > 120"));
    assert!(!satisfiable_text("status == work and status == student"));
    assert!(!satisfiable_text(
        "status in [work] and status not in [work, student]"
    ));
    assert!(satisfiable_text("status != work or status == work"));
    assert!(!satisfiable_text("knows == true and knows == false"));
    assert!(!satisfiable_text("answered(age) and not answered(age)"));
    assert!(!satisfiable_text(
        "age in 0..5 and age != 0 and age != 1 and age != 2 and age != 3 and age != 4 and age != 5"
    ));
    assert!(
        satisfiable_text("not (age >= 0)"),
        "unanswered is a way for a negation to hold"
    );
    assert!(!satisfiable_text(
        "as_of > 2027-01-01 and as_of < 2026-01-01"
    ));
    assert!(!satisfiable_text("false"));
}

#[test]
fn a_test_on_a_question_joins_that_questions_own_condition() {
    let mut qs = questions();
    // `age` is asked only of students.
    qs[1].ask_if = Some(check("status == student").unwrap());
    let ask_if = |q: usize| qs[q].ask_if.clone();
    assert!(satisfiable(&check("age > 3").unwrap(), &qs, &ask_if));
    assert!(!satisfiable(
        &check("status == work and age > 3").unwrap(),
        &qs,
        &ask_if
    ));
}

#[test]
fn a_value_excluded_twice_rules_out_only_that_value() {
    // `age` is 0..=120: age = 1 satisfies this, though 0 is excluded twice in a two-value range.
    assert!(satisfiable_text("age in 0..1 and age != 0 and age != 0"));
    assert!(satisfiable_text("age in 0..1 and age not in [0, 0]"));
    assert!(satisfiable_text(
        "age in [0, 1] and age != 0 and age not in [0]"
    ));
    assert!(!satisfiable_text(
        "age in 0..1 and age != 0 and age != 0 and age != 1"
    ));
}

#[test]
fn a_date_answer_compares_with_the_evaluation_date_moved_by_months() {
    // Evaluated on 2026-11-27: + 2 months is 2027-01-27, − 3 months 2026-08-27.
    let moved = |y, m, d| [(4, Value::Date(date(y, m, d)))];
    assert!(holds("moved < as_of", &moved(2026, 11, 26)));
    assert!(!holds("moved < as_of", &moved(2026, 11, 27)));
    assert!(holds("moved <= as_of + 2 months", &moved(2027, 1, 27)));
    assert!(!holds("moved <= as_of + 2 months", &moved(2027, 1, 28)));
    assert!(holds("moved >= as_of - 3 months", &moved(2026, 8, 27)));
    assert!(holds("moved > as_of + 1 month", &moved(2027, 1, 1)));
    assert!(!holds("moved < as_of", &[]), "unanswered stays false");
}

#[test]
fn a_shifted_as_of_needs_a_date_question_and_a_number_of_months() {
    assert!(check("age < as_of").is_err());
    assert!(check("moved < as_of + months").is_err());
    assert!(check("moved < as_of + 2 weeks").is_err());
}
