//! The named date and period rules content refers to (`rule = "month_start_after"`): each a small
//! function of an answer and the evaluation date, so a timeline entry or a document's period is
//! declared in content and computed here, tested once.

use jiff::civil::Date;

use super::{Month, add_days, add_months, latest_fiscal_year};

/// The names of the date rules, as content writes them.
pub const DATE_RULES: [&str; 4] = [
    "shift",
    "days_ago_plus",
    "month_end_after",
    "month_start_after",
];

/// The names of the period rules, as content writes them.
pub const PERIOD_RULES: [&str; 2] = ["latest_fiscal_years", "months_before"];

/// `shift`: a date answer moved by `months` (a renewal window opening 3 months before expiry is
/// `-3`, the special period ending 2 months after it `2`).
pub fn shift(d: Date, months: i32) -> Date {
    add_months(d, months)
}

/// `days_ago_plus`: the day something happened `days_ago` days before `as_of`, plus `days` (a
/// move's 14-day notice deadline).
pub fn days_ago_plus(as_of: Date, days_ago: i64, days: i64) -> Date {
    add_days(add_days(as_of, -days_ago), days)
}

/// `month_end_after`: the last day of month M + `months` (a premium for M is due at the end of
/// M + 1 and payable 2 years after that: `months = 25`).
pub fn month_end_after(m: Month, months: i32) -> Date {
    m.plus(months).last_day()
}

/// `month_start_after`: day 1 of month M + `months` (a late payment in M has left an N-year
/// window on the first day of M + N years + 1 month).
pub fn month_start_after(m: Month, months: i32) -> Date {
    m.plus(months).first_day()
}

/// `latest_fiscal_years`: the `n` latest 年度 whose certificates exist on `d`, ascending.
pub fn latest_fiscal_years(d: Date, n: u8) -> Vec<i16> {
    let latest = latest_fiscal_year(d);
    (0..i16::from(n)).rev().map(|k| latest - k).collect()
}

/// `months_before`: the `n` whole months before the month of `d`, as (first, last): the months a
/// pension record must show when applying in the month of `d`.
pub fn months_before(d: Date, n: i32) -> (Month, Month) {
    let this = Month::of(d);
    (this.plus(-n), this.plus(-1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn month(y: i16, m: i8) -> Month {
        Month::new(y, m).unwrap()
    }

    #[test]
    fn windows_close_on_the_first_day_after_n_years_and_a_month() {
        assert_eq!(
            month_start_after(month(2025, 7), 5 * 12 + 1),
            date(2030, 8, 1)
        );
        assert_eq!(
            month_start_after(month(2025, 12), 3 * 12 + 1),
            date(2029, 1, 1)
        );
        assert_eq!(
            month_start_after(month(2024, 11), 2 * 12 + 1),
            date(2026, 12, 1)
        );
    }

    #[test]
    fn a_premium_is_payable_to_the_last_day_of_m_plus_25_months() {
        assert_eq!(month_end_after(month(2025, 11), 25), date(2027, 12, 31));
        assert_eq!(month_end_after(month(2025, 12), 26 - 1), date(2028, 1, 31));
        assert_eq!(month_end_after(month(2026, 1), 25), date(2028, 2, 29));
        assert_eq!(month_end_after(month(2025, 1), 25), date(2027, 2, 28));
    }

    #[test]
    fn a_move_deadline_is_fourteen_days_after_the_move() {
        assert_eq!(
            days_ago_plus(date(2026, 11, 24), 20, 14),
            date(2026, 11, 18)
        );
        assert_eq!(days_ago_plus(date(2028, 3, 1), 15, 14), date(2028, 2, 29));
    }

    #[test]
    fn shifts_clamp_at_month_ends() {
        assert_eq!(shift(date(2027, 5, 31), -3), date(2027, 2, 28));
        assert_eq!(shift(date(2026, 12, 31), 2), date(2027, 2, 28));
    }

    #[test]
    fn fiscal_years_are_the_latest_n_ascending_and_switch_in_june() {
        assert_eq!(
            latest_fiscal_years(date(2026, 11, 24), 5),
            vec![2022, 2023, 2024, 2025, 2026]
        );
        assert_eq!(
            latest_fiscal_years(date(2026, 5, 31), 3),
            vec![2023, 2024, 2025]
        );
        assert_eq!(latest_fiscal_years(date(2026, 6, 1), 1), vec![2026]);
    }

    #[test]
    fn the_last_24_months_end_with_the_month_before() {
        assert_eq!(
            months_before(date(2026, 11, 24), 24),
            (month(2024, 11), month(2026, 10))
        );
        assert_eq!(
            months_before(date(2027, 1, 1), 24),
            (month(2025, 1), month(2026, 12))
        );
    }
}
