//! The calendar arithmetic the timeline and the documents rest on, in one tested place: months as
//! answers give them, "M + k months" with jiff's clamping, and Japan's fiscal year (年度).
//!
//! Written once here so that content names a rule (see [`rules`]) and never spells out arithmetic,
//! and so that every date a report shows follows from the same few functions.

mod fiscal;
mod month;
pub mod rules;

pub use fiscal::{latest_fiscal_year, reiwa_year};
pub use month::{Month, ParseMonthError};

use jiff::ToSpan;
use jiff::civil::Date;

/// `d` moved by `months` (negative: back), the day kept and clamped to the month's last day
/// (2027-05-31 − 3 months = 2027-02-28), as CONTRACT.md defines month arithmetic. Saturates at
/// jiff's range instead of failing, since answers are bounded far inside it.
pub fn add_months(d: Date, months: i32) -> Date {
    d.checked_add(i64::from(months).months())
        .unwrap_or(if months < 0 { Date::MIN } else { Date::MAX })
}

/// `d` moved by `days` (negative: back), saturating like [`add_months`].
pub fn add_days(d: Date, days: i64) -> Date {
    d.checked_add(days.days())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// Reads a date as people type it: `2026-11-24`, `2026/11/24`, `2026年11月24日` (full-width
/// digits too); `None` when it is not a real date (2026-02-30).
pub fn parse_typed_date(text: &str) -> Option<Date> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '／' | '/' | '年' | '月' => '-',
            other => other,
        })
        .collect();
    let ascii = ascii.strip_suffix('日').unwrap_or(&ascii);
    let mut parts = ascii.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || y.len() != 4 || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier): a timeline entry's `days`.
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn month_arithmetic_clamps_to_the_last_day_as_the_contract_says() {
        assert_eq!(add_months(date(2027, 5, 31), -3), date(2027, 2, 28));
        assert_eq!(add_months(date(2028, 5, 31), -3), date(2028, 2, 29));
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(date(2026, 12, 15), 2), date(2027, 2, 15));
        assert_eq!(add_months(date(2028, 2, 29), 12), date(2029, 2, 28));
        assert_eq!(add_months(date(2026, 11, 24), 0), date(2026, 11, 24));
    }

    #[test]
    fn typed_dates_read_in_the_three_forms_and_refuse_unreal_days() {
        for text in [
            "2026-11-24",
            "2026/11/24",
            "2026年11月24日",
            "２０２６年１１月２４日",
            "2026/11/24 ",
        ] {
            assert_eq!(parse_typed_date(text), Some(date(2026, 11, 24)), "{text}");
        }
        for text in [
            "2026-02-30",
            "2026-13-01",
            "26/11/24",
            "2026-11",
            "2026-11-24-1",
            "tomorrow",
            "",
        ] {
            assert_eq!(parse_typed_date(text), None, "{text}");
        }
        assert_eq!(parse_typed_date("2028-02-29"), Some(date(2028, 2, 29)));
    }

    #[test]
    fn days_between_is_signed_and_crosses_leap_days() {
        assert_eq!(days_between(date(2026, 11, 24), date(2027, 1, 6)), 43);
        assert_eq!(days_between(date(2026, 11, 24), date(2026, 11, 12)), -12);
        assert_eq!(days_between(date(2028, 2, 28), date(2028, 3, 1)), 2);
        assert_eq!(add_days(date(2028, 2, 28), 1), date(2028, 2, 29));
    }
}
