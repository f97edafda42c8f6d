//! The calendar file (`--format ics`, `i` on the result screen): the timeline's coming dates as
//! all-day events a calendar app imports, with reminders before each deadline, so a resident is told
//! in time rather than having to remember the report. RFC 5545 through the `icalendar` crate, which
//! escapes text and folds long lines on character boundaries (Japanese titles survive).
//!
//! The file depends only on the report: the same answers and evaluation date give the same bytes
//! (the stamp is the evaluation date, the UIDs come from the entries), so importing it again
//! updates the events instead of doubling them.

use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};
use jiff::civil::Date;

use super::model::Report;
use super::schedule::ReportTimelineEntry;
use crate::content::EntryKind;
use crate::i18n as ui;
use crate::lang::Lang;

/// How many days before a deadline its reminders fire (CONTRACT.md: `-P14D` and `-P1D`).
pub const REMINDER_DAYS: [u8; 2] = [14, 1];

/// The product identifier RFC 5545 asks every calendar file to carry.
const PRODID: &str = "-//kouteki//Public duties check//EN";

/// The report's timeline as an iCalendar file: one all-day event per entry dated on or after the
/// evaluation date (a passed date has no place in a calendar), in the report's language, and two
/// reminders on each deadline. A timeline with no coming date gives a calendar with no events.
pub fn to_ics(report: &Report) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(ui::REPORT_TITLE.get(report.lang));
    for entry in calendar_entries(report) {
        calendar.push(event(report, entry));
    }
    calendar.done().to_string()
}

/// The timeline entries the calendar holds: those dated on or after the evaluation date.
pub fn calendar_entries(report: &Report) -> impl Iterator<Item = &ReportTimelineEntry> {
    report.timeline.iter().filter(|e| e.days >= 0)
}

/// The UID of an entry's event: its id and date, so the same entry on the same date is the same
/// event in every file (a re-import updates it), and a moved date is a new event.
pub fn event_uid(entry: &ReportTimelineEntry) -> String {
    format!("{}@kouteki", entry_key(entry))
}

/// `stay.expires-20270630`: what names an entry on its date.
fn entry_key(entry: &ReportTimelineEntry) -> String {
    format!("{}-{}", entry.id, entry.on.strftime("%Y%m%d"))
}

fn event(report: &Report, entry: &ReportTimelineEntry) -> Event {
    let mut event = Event::new();
    event
        .uid(&event_uid(entry))
        .append_property(utc_midnight("DTSTAMP", report.as_of_date))
        .append_property(all_day("DTSTART", entry.on))
        .append_property(all_day("DTEND", entry.on.tomorrow().unwrap_or(entry.on)))
        .summary(&entry.title)
        .description(&description(report, entry))
        // A reminder of a date, not an appointment: it does not make the day busy.
        .add_property("TRANSP", "TRANSPARENT");
    if entry.kind == EntryKind::Deadline {
        for days in REMINDER_DAYS {
            event.alarm(reminder(report, entry, days));
        }
    }
    event.done()
}

/// A `DATE` value (`DTSTART;VALUE=DATE:20270106`): an all-day event has no time and no zone.
fn all_day(key: &str, date: Date) -> Property {
    Property::new(key, date.strftime("%Y%m%d").to_string())
        .add_parameter("VALUE", "DATE")
        .done()
}

/// A UTC `DATE-TIME` at the start of `date` (the stamp: when the report's facts were true).
fn utc_midnight(key: &str, date: Date) -> Property {
    Property::new(key, format!("{}T000000Z", date.strftime("%Y%m%d")))
}

/// A display reminder `days` before the event's start. The trigger is written in days
/// (`-P14D`), as CONTRACT.md writes it; the crate's own duration form would be seconds. The crate
/// gives every component a stamp and a UID, random unless set: both are set here, so the file stays
/// the same for the same report.
fn reminder(report: &Report, entry: &ReportTimelineEntry, days: u8) -> Alarm {
    let lang = report.lang;
    let text = match lang {
        Lang::En => format!("{} ({})", entry.title, ui::relative_days(days.into(), lang)),
        Lang::Ja => format!(
            "{}（{}）",
            entry.title,
            ui::relative_days(days.into(), lang)
        ),
    };
    let before = Trigger::before_start(chrono::TimeDelta::days(days.into()));
    let mut alarm = Alarm::display(&text, before);
    alarm
        .append_property(Property::new("TRIGGER", format!("-P{days}D")))
        .append_property(utc_midnight("DTSTAMP", report.as_of_date))
        .uid(&format!("{}-{days}d@kouteki", entry_key(entry)));
    alarm.done()
}

/// What the event says: the title and date, the entry's caveats, its sources, and where it comes
/// from with the not-legal-advice notice.
fn description(report: &Report, entry: &ReportTimelineEntry) -> String {
    let lang = report.lang;
    let sep = match lang {
        Lang::En => ": ",
        Lang::Ja => "：",
    };
    let mut lines = vec![format!("{}{sep}{}", entry.date_text, entry.title)];
    lines.extend(entry.notes.iter().cloned());
    if !entry.sources.is_empty() {
        lines.push(format!("{}{}", ui::SOURCES.get(lang), sep.trim_end()));
        lines.extend(
            entry
                .sources
                .iter()
                .map(|s| format!("- {} {}", s.title, s.url)),
        );
    }
    let (open, close) = match lang {
        Lang::En => (" (", ")"),
        Lang::Ja => ("（", "）"),
    };
    lines.push(format!(
        "{}{open}{}{sep}{}{close}",
        ui::REPORT_TITLE.get(lang),
        ui::AS_OF.get(lang),
        report.as_of_text
    ));
    lines.push(report.disclaimer.replace('\n', " "));
    lines.join("\n")
}
