//! Month answers in files: the `"YYYY-MM"` string, refused with its place when it is not one or
//! names a month after the evaluation date's, and written back the same way.

use super::*;
use crate::content::embedded;

const BASE: &str = r#"[answers]
status = "work"
goal = "permanent_residence"
age = 34
work = "employee_insured"
income_tax = "year_end_adjustment"
residence_tax = "payroll"
tax_history = "late_now_paid"
pension_plan = "employees"
health_insurance = "employer"
address_notice = "on_time"
organization_change = "none"
months_without_activity = 0
stay_expiry = "over_3_months"
knows_my_number = true
my_number_card = "valid"
card_extended_after_renewal = "yes"
carries_residence_card = "always"
insurance_proof = "my_number_card"
"#;

fn errors(extra: &str, as_of: Date) -> Vec<String> {
    let content = embedded::load_default().expect("valid");
    let text = format!("{BASE}{extra}");
    let source = SourceText::new("a.toml", &text);
    let (file, mut errors) = read(&content, &source).expect("TOML");
    errors.extend(check_path(&content, &file, as_of, &source).0);
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_month_is_a_yyyy_mm_string_and_round_trips() {
    let content = embedded::load_default().expect("valid");
    let text = format!("{BASE}tax_late_month = \"2025-07\"\n");
    let file = parse(&content, &SourceText::new("a.toml", &text)).expect("valid");
    let q = content.question_index("tax_late_month").expect("known");
    let value = crate::answers::Lookup::get(&file.answers, q).expect("answered");
    assert_eq!(
        value.clone(),
        Value::Month(crate::dates::Month::new(2025, 7).unwrap())
    );
    let written = to_toml(
        &content,
        (&file.answers, &Discussion::default()),
        None,
        Lang::En,
    );
    assert!(
        written.contains("tax_late_month = \"2025-07\""),
        "{written}"
    );
}

#[test]
fn a_month_that_is_not_one_is_refused_at_its_place() {
    let as_of = jiff::civil::date(2026, 11, 24);
    for bad in [
        "\"2025/07\"",
        "\"2025/7\"",
        "\"2025-13\"",
        "2025-07-01",
        "202507",
    ] {
        let found = errors(&format!("tax_late_month = {bad}\n"), as_of);
        assert_eq!(found.len(), 1, "{bad}: {found:?}");
        assert!(
            found[0]
                .starts_with("a.toml:20:18: answer `tax_late_month`: expected a month \"YYYY-MM\""),
            "{bad}: {found:?}"
        );
    }
}

#[test]
fn a_month_after_the_evaluation_month_is_an_error_and_the_same_month_is_not() {
    let as_of = jiff::civil::date(2026, 11, 24);
    assert!(errors("tax_late_month = \"2026-11\"\n", as_of).is_empty());
    let found = errors("tax_late_month = \"2026-12\"\n", as_of);
    assert_eq!(
        found,
        vec!["a.toml:20:1: answer `tax_late_month`: the month 2026-12 is after the evaluation date's month: expected a month up to 2026-11".to_string()]
    );
}
