//! A calendar month (`2025-07`), the value of `month` questions.

use std::fmt;

use jiff::civil::Date;

/// A year and a month: what a person remembers of a late payment ("July 2025"), not a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i16,
    month: i8,
}

/// Why a text is not a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseMonthError;

impl fmt::Display for ParseMonthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a month YYYY-MM")
    }
}

impl std::error::Error for ParseMonthError {}

impl Month {
    /// The month `month` (1..=12) of `year`, if both are in range.
    pub fn new(year: i16, month: i8) -> Option<Month> {
        ((1..=12).contains(&month) && (1..=9999).contains(&year)).then_some(Month { year, month })
    }

    /// The month a date falls in.
    pub fn of(d: Date) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(self) -> i8 {
        self.month
    }

    /// Day 1 of the month ("first day of M").
    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a checked month has a first day")
    }

    /// The month's last day (28 to 31).
    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }

    /// The month `k` months later (earlier when negative).
    pub fn plus(self, k: i32) -> Month {
        Month::of(super::add_months(self.first_day(), k))
    }

    /// Reads a month as answers files write it (`2025-07`) or as people type it (`2025/7`,
    /// `2025年7月`, with full-width digits too).
    pub fn parse(text: &str) -> Result<Month, ParseMonthError> {
        let ascii: String = text.trim().chars().map(half_width).collect();
        let body = ascii.strip_suffix('月').unwrap_or(&ascii);
        let (year, month) = body.split_once(['-', '/', '年']).ok_or(ParseMonthError)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year) || year.len() != 4 || !digits(month) || month.len() > 2 {
            return Err(ParseMonthError);
        }
        let year = year.parse().map_err(|_| ParseMonthError)?;
        let month = month.parse().map_err(|_| ParseMonthError)?;
        Month::new(year, month).ok_or(ParseMonthError)
    }
}

fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '／' => '/',
        'ー' | '－' => '-',
        other => other,
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for Month {
    type Err = ParseMonthError;

    fn from_str(s: &str) -> Result<Month, ParseMonthError> {
        Month::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_three_written_forms_and_full_width_digits_read_the_same_month() {
        let july = Month::new(2025, 7).unwrap();
        for text in [
            "2025-07",
            "2025-7",
            "2025/7",
            "2025/07",
            "2025年7月",
            "２０２５年７月",
            " 2025-07 ",
        ] {
            assert_eq!(Month::parse(text), Ok(july), "{text}");
        }
        assert_eq!(july.to_string(), "2025-07");
    }

    #[test]
    fn what_is_not_a_month_is_refused() {
        for text in [
            "2025-13",
            "2025-00",
            "25-07",
            "2025",
            "2025-07-01",
            "July 2025",
            "",
            "2025年",
            "2025-7月x",
        ] {
            assert_eq!(Month::parse(text), Err(ParseMonthError), "{text}");
        }
    }

    #[test]
    fn first_and_last_days_and_month_steps_cross_years_and_leap_february() {
        let feb = Month::new(2028, 2).unwrap();
        assert_eq!(feb.first_day(), date(2028, 2, 1));
        assert_eq!(feb.last_day(), date(2028, 2, 29));
        assert_eq!(Month::new(2027, 2).unwrap().last_day(), date(2027, 2, 28));
        assert_eq!(
            Month::new(2025, 11).unwrap().plus(25),
            Month::new(2027, 12).unwrap()
        );
        assert_eq!(
            Month::new(2025, 1).unwrap().plus(-1),
            Month::new(2024, 12).unwrap()
        );
        assert!(Month::new(2025, 7).unwrap() < Month::new(2025, 8).unwrap());
    }
}
