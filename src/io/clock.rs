//! The evaluation date when none is given: today in Japan.

use jiff::civil::Date;

/// Today's date in Japan (UTC+9 all year: Japan has no daylight saving time, so no time zone
/// database is needed).
pub fn today_in_japan() -> Date {
    let japan = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    jiff::Timestamp::now().to_zoned_datetime(japan).date()
}
