//! Japan's fiscal year (年度, April to March) as tax certificates count it, and the Reiwa era.

use jiff::civil::Date;

/// The latest 年度 whose residence-tax certificates exist on `d`: certificates of 年度 Y are issued
/// from June of Y (FACTS.md §2; cities differ by days, which the document text says), so it is
/// year(d) from June on and year(d) − 1 before.
pub fn latest_fiscal_year(d: Date) -> i16 {
    if d.month() >= 6 {
        d.year()
    } else {
        d.year() - 1
    }
}

/// The Reiwa year of a western year from 2019 (令和元年 = 2019); `None` before the era began, when
/// a text falls back to the western year.
pub fn reiwa_year(year: i16) -> Option<i16> {
    (year >= 2019).then_some(year - 2018)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_fiscal_year_of_certificates_switches_on_the_first_of_june() {
        assert_eq!(latest_fiscal_year(date(2026, 5, 31)), 2025);
        assert_eq!(latest_fiscal_year(date(2026, 6, 1)), 2026);
        assert_eq!(latest_fiscal_year(date(2027, 1, 15)), 2026);
        assert_eq!(latest_fiscal_year(date(2026, 12, 31)), 2026);
    }

    #[test]
    fn reiwa_years_count_from_2019() {
        assert_eq!(reiwa_year(2019), Some(1));
        assert_eq!(reiwa_year(2026), Some(8));
        assert_eq!(reiwa_year(2018), None);
    }
}
