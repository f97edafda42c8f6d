//! TOML local dates (`2026-11-24`, no quotes) to and from calendar dates: one conversion for answers
//! files and content checks.

use jiff::civil::Date;

/// A date as a TOML local date.
pub fn to_toml(d: Date) -> toml::Value {
    let date = toml::value::Date {
        year: u16::try_from(d.year()).unwrap_or_default(),
        month: d.month().unsigned_abs(),
        day: d.day().unsigned_abs(),
    };
    toml::Value::Datetime(toml::value::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A TOML local date (no time, no offset) as a calendar date; `None` for anything else.
pub fn from_toml(dt: &toml::value::Datetime) -> Option<Date> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => Date::new(
            i16::try_from(d.year).ok()?,
            i8::try_from(d.month).ok()?,
            i8::try_from(d.day).ok()?,
        )
        .ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_times() {
        let d = jiff::civil::date(2026, 11, 24);
        let toml::Value::Datetime(dt) = to_toml(d) else {
            panic!("a date")
        };
        assert_eq!(dt.to_string(), "2026-11-24");
        assert_eq!(from_toml(&dt), Some(d));
        let with_time: toml::value::Datetime = "2026-11-24T10:00:00".parse().unwrap();
        assert_eq!(from_toml(&with_time), None);
    }
}
