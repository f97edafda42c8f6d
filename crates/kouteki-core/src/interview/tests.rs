//! Unit tests of the interview flow on the embedded content, without any terminal.

use std::sync::Arc;

use super::*;
use crate::content::embedded;
use crate::lang::Lang;

fn interview() -> Interview {
    let content = Arc::new(embedded::load_default().expect("embedded content is valid"));
    Interview::new(content, jiff::civil::date(2026, 11, 27))
}

fn current_id(iv: &Interview) -> &str {
    match iv.step() {
        Step::Question(q) => &iv.content().questions[q].id,
        Step::Review => "<review>",
    }
}

fn q(iv: &Interview, id: &str) -> QuestionIdx {
    iv.content().question_index(id).expect("known question")
}

/// Answers the current question with the choice, number or yes/no given as text.
fn give(iv: &mut Interview, answer: &str) {
    let Step::Question(index) = iv.step() else {
        panic!("no question to answer with {answer}")
    };
    let question = &iv.content().questions[index];
    let value = match &question.kind {
        QuestionKind::Choice { .. } => {
            Value::Choice(question.choice_index(answer).expect("known choice"))
        }
        QuestionKind::YesNo => Value::Bool(answer == "true"),
        _ => return iv.submit_text(answer).expect("valid input"),
    };
    iv.submit(value).expect("valid answer");
}

/// Answers in order, checking each question id is the one expected.
fn walk(iv: &mut Interview, steps: &[(&str, &str)]) {
    for (id, answer) in steps {
        assert_eq!(current_id(iv), *id, "expected question {id}");
        give(iv, answer);
    }
}

const ENGINEER: &[(&str, &str)] = &[
    ("status", "work"),
    ("goal", "renewal"),
    ("age", "34"),
    ("work", "employee_insured"),
    ("income_tax", "year_end_adjustment"),
    ("residence_tax", "payroll"),
    ("tax_history", "on_time"),
    ("pension_plan", "national"),
    ("pension_payment", "unpaid"),
    ("premium_unpaid_oldest", "2025年7月"),
    ("health_insurance", "employer"),
    ("address_notice", "on_time"),
    ("organization_change", "none"),
    ("personal_details_change", "none"),
    ("months_without_activity", "0"),
    ("stay_expiry", "over_3_months"),
    ("stay_expiry_date", "2027-06-30"),
    ("absence_abroad", "none"),
    ("knows_my_number", "true"),
    ("my_number_card", "valid"),
    ("card_extended_after_renewal", "yes"),
    ("carries_residence_card", "always"),
    ("card_lost", "none"),
    ("insurance_proof", "my_number_card"),
];

#[test]
fn a_whole_interview_follows_the_branches_to_the_review() {
    let mut iv = interview();
    assert_eq!(current_id(&iv), "status");
    walk(&mut iv, ENGINEER);
    assert_eq!(iv.step(), Step::Review);
    assert!(iv.is_complete());
    let path = iv.path();
    assert!(
        !path.contains(&q(&iv, "spouse_change")),
        "spouse questions are not asked of a work status"
    );
    assert!(
        !path.contains(&q(&iv, "nhi_payment")),
        "NHI payment is asked only with NHI"
    );
    let assessment = iv.assess();
    assert!(
        assessment
            .findings
            .iter()
            .any(|f| f.rule(iv.content()).id == "pension.payment.unpaid")
    );
}

#[test]
fn progress_is_exact_and_follows_the_path() {
    let mut iv = interview();
    let (done, total) = iv.progress();
    assert_eq!(done, 0);
    walk(&mut iv, &ENGINEER[..8]);
    assert_eq!(current_id(&iv), "pension_payment");
    let (done, total_now) = iv.progress();
    assert_eq!(done, 8);
    assert_ne!(
        total, total_now,
        "answers change the number of questions that apply"
    );
    assert_eq!(total_now, iv.path().len());
}

#[test]
fn back_goes_to_the_previous_question_on_the_path_and_never_before_the_first() {
    let mut iv = interview();
    iv.back();
    assert_eq!(current_id(&iv), "status");
    walk(&mut iv, ENGINEER);
    iv.back();
    assert_eq!(current_id(&iv), "insurance_proof");
    // From health_insurance, back skips questions off the path (nhi_payment) correctly.
    let target = q(&iv, "address_notice");
    iv.edit(target);
    iv.back();
    assert_eq!(current_id(&iv), "health_insurance");
}

#[test]
fn changing_an_answer_reroutes_and_keeps_inapplicable_answers_in_memory_only() {
    let mut iv = interview();
    walk(&mut iv, ENGINEER);
    let plan = q(&iv, "pension_plan");
    let payment = q(&iv, "pension_payment");
    iv.edit(plan);
    give(&mut iv, "employees");
    assert_eq!(
        iv.step(),
        Step::Review,
        "no new question applies: back to the review"
    );
    assert!(!iv.path().contains(&payment));
    assert!(
        iv.answers().get(payment).is_some(),
        "the old answer is kept in memory"
    );
    let assessment = iv.assess();
    assert!(
        assessment.answers.get(payment).is_none(),
        "but it does not count"
    );
    assert!(
        !assessment
            .findings
            .iter()
            .any(|f| f.rule(iv.content()).id == "pension.payment.unpaid")
    );
    iv.edit(plan);
    give(&mut iv, "national");
    assert_eq!(
        iv.step(),
        Step::Review,
        "switching back restores the kept answer"
    );
    assert_eq!(
        iv.answer(payment),
        Some(&Value::Choice(
            iv.content().questions[payment]
                .choice_index("unpaid")
                .unwrap()
        ))
    );
}

#[test]
fn an_edit_that_opens_a_new_question_asks_it_before_returning_to_the_review() {
    let mut iv = interview();
    walk(&mut iv, ENGINEER);
    iv.edit(q(&iv, "health_insurance"));
    give(&mut iv, "nhi");
    assert_eq!(current_id(&iv), "nhi_payment");
    give(&mut iv, "on_time");
    assert_eq!(iv.step(), Step::Review);
}

#[test]
fn resuming_complete_answers_opens_the_review_and_partial_ones_the_first_gap() {
    let mut iv = interview();
    walk(&mut iv, ENGINEER);
    let content = Arc::clone(iv.content());
    let complete = Interview::resume(Arc::clone(&content), iv.answers().clone(), iv.as_of());
    assert_eq!(complete.step(), Step::Review);
    let mut partial = iv.answers().clone();
    partial.clear(q(&iv, "tax_history"));
    let resumed = Interview::resume(content, partial, iv.as_of());
    assert_eq!(current_id(&resumed), "tax_history");
}

#[test]
fn typed_input_is_validated_with_messages_in_both_languages() {
    let number = QuestionKind::Number {
        min: 0,
        max: 120,
        unit: None,
    };
    assert_eq!(parse_input(&number, " 34 "), Ok(Value::Number(34)));
    assert_eq!(
        parse_input(&number, "３４"),
        Ok(Value::Number(34)),
        "full-width digits from an IME"
    );
    assert_eq!(
        parse_input(&number, "121"),
        Err(InputError::OutOfRange { min: 0, max: 120 })
    );
    assert_eq!(
        parse_input(&number, "-1"),
        Err(InputError::OutOfRange { min: 0, max: 120 })
    );
    assert_eq!(parse_input(&number, "3.5"), Err(InputError::NotANumber));
    assert_eq!(
        parse_input(&number, "99999999999999999999"),
        Err(InputError::NotANumber)
    );
    assert_eq!(parse_input(&number, ""), Err(InputError::Empty));
    assert_eq!(
        parse_input(&QuestionKind::Date, "2026-02-30"),
        Err(InputError::NotADate)
    );
    assert_eq!(
        parse_input(&QuestionKind::Date, "2026-02-28"),
        Ok(Value::Date(jiff::civil::date(2026, 2, 28)))
    );
    assert_eq!(
        InputError::OutOfRange { min: 0, max: 120 }.message(Lang::Ja),
        "0から120までの数字を入力してください。"
    );
    assert_eq!(
        InputError::NotADate.message(Lang::En),
        "Please enter a date as YYYY-MM-DD, e.g. 2026-04-01."
    );
}

#[test]
fn a_wrong_answer_is_refused_and_the_step_does_not_move() {
    let mut iv = interview();
    assert_eq!(iv.submit(Value::Number(3)), Err(InputError::WrongKind));
    assert_eq!(iv.submit(Value::Choice(99)), Err(InputError::WrongKind));
    assert_eq!(current_id(&iv), "status");
    walk(&mut iv, &ENGINEER[..2]);
    assert_eq!(iv.submit_text("abc"), Err(InputError::NotANumber));
    assert_eq!(current_id(&iv), "age");
}
