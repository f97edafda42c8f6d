//! The calendar file of every golden case, in both languages, read back with a second, independent
//! iCalendar reader (the `ical` crate): its events must be the timeline's coming entries, with their
//! dates, titles, stable UIDs and the two reminders on each deadline.

use std::collections::BTreeSet;

use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use kouteki_core::content::EntryKind;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, ReportTimelineEntry, calendar_entries, event_uid, to_ics};

use crate::golden::{cases, content, reports};

/// The file parsed by `ical`: exactly one calendar, no parse error.
fn parse(ics: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(ics.as_bytes());
    let calendar = calendars
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("{e}\n{ics}"));
    assert!(calendars.next().is_none(), "a second calendar");
    calendar
}

fn property<'a>(properties: &'a [Property], name: &str) -> Option<&'a Property> {
    properties.iter().find(|p| p.name == name)
}

fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    property(properties, name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name}"))
}

/// A TEXT value with RFC 5545's escapes undone (`ical` hands values over as written).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The parameter `name` of a property, as its single value.
fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    let params = p.params.as_ref()?;
    let (_, values) = params.iter().find(|(n, _)| n == name)?;
    values.first().map(String::as_str)
}

/// What an event must say for its timeline entry; the problems found, empty when it matches.
fn event_problems(event: &IcalEvent, entry: &ReportTimelineEntry) -> Vec<String> {
    let mut problems = Vec::new();
    let props = &event.properties;
    let start = property(props, "DTSTART").expect("DTSTART");
    let day = entry.on.strftime("%Y%m%d").to_string();
    let next = entry.on.tomorrow().unwrap().strftime("%Y%m%d").to_string();
    if start.value.as_deref() != Some(day.as_str()) || param(start, "VALUE") != Some("DATE") {
        problems.push(format!("{}: DTSTART {start:?}, want {day}", entry.id));
    }
    if value(props, "DTEND") != next {
        problems.push(format!(
            "{}: DTEND {}, want {next}",
            entry.id,
            value(props, "DTEND")
        ));
    }
    if unescape(value(props, "SUMMARY")) != entry.title {
        problems.push(format!("{}: SUMMARY {}", entry.id, value(props, "SUMMARY")));
    }
    let description = unescape(value(props, "DESCRIPTION"));
    if !description.contains(&entry.date_text) || !description.contains(&entry.title) {
        problems.push(format!("{}: DESCRIPTION {description}", entry.id));
    }
    if value(props, "UID") != event_uid(entry) {
        problems.push(format!("{}: UID {}", entry.id, value(props, "UID")));
    }
    let triggers: Vec<&str> = event
        .alarms
        .iter()
        .map(|a| value(&a.properties, "TRIGGER"))
        .collect();
    let want: &[&str] = match entry.kind {
        EntryKind::Deadline => &["-P14D", "-P1D"],
        EntryKind::Opens | EntryKind::Clean => &[],
    };
    if triggers != want {
        problems.push(format!("{}: alarms {triggers:?}, want {want:?}", entry.id));
    }
    for alarm in &event.alarms {
        let text = unescape(value(&alarm.properties, "DESCRIPTION"));
        if value(&alarm.properties, "ACTION") != "DISPLAY" || !text.contains(&entry.title) {
            problems.push(format!("{}: alarm {:?}", entry.id, alarm.properties));
        }
    }
    problems
}

/// The calendar's problems against the report's timeline.
fn calendar_problems(report: &Report, calendar: &IcalCalendar) -> Vec<String> {
    let coming: Vec<&ReportTimelineEntry> = calendar_entries(report).collect();
    assert!(coming.iter().all(|e| e.days >= 0));
    let mut problems = Vec::new();
    if calendar.events.len() != coming.len() {
        problems.push(format!(
            "{} events for {} coming entries",
            calendar.events.len(),
            coming.len()
        ));
    }
    for (event, entry) in calendar.events.iter().zip(&coming) {
        problems.extend(event_problems(event, entry));
    }
    let uids: BTreeSet<&str> = calendar
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    if uids.len() != calendar.events.len() {
        problems.push("UIDs repeat".into());
    }
    if value(&calendar.properties, "VERSION") != "2.0" {
        problems.push("VERSION is not 2.0".into());
    }
    property(&calendar.properties, "PRODID").expect("PRODID");
    problems
}

#[test]
fn every_golden_case_gives_a_calendar_of_its_coming_timeline_in_both_languages() {
    let content = content();
    let mut failures = Vec::new();
    let (mut events, mut deadlines, mut past) = (0, 0, 0);
    for case in cases() {
        let name = case.path.display().to_string();
        for report in reports(&content, &case, &name) {
            let ics = to_ics(&report);
            let problems = calendar_problems(&report, &parse(&ics));
            if !problems.is_empty() {
                failures.push(format!(
                    "{name} ({:?}):\n  {}",
                    report.lang,
                    problems.join("\n  ")
                ));
            }
            events += calendar_entries(&report).count();
            deadlines += calendar_entries(&report)
                .filter(|e| e.kind == EntryKind::Deadline)
                .count();
            past += report.timeline.iter().filter(|e| e.days < 0).count();
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The cases hold coming deadlines and passed entries (which the calendar leaves out).
    assert!(
        events >= 20 && deadlines >= 6 && past >= 2,
        "{events} {deadlines} {past}"
    );
}

#[test]
fn the_same_answers_give_the_same_file_and_the_uids_do_not_depend_on_the_language() {
    let content = content();
    let case = cases()
        .into_iter()
        .find(|c| c.path.ends_with("46-engineer-pr-late-tax-and-premium.toml"))
        .expect("case 46");
    let [en, ja] = reports(&content, &case, "46");
    let [en_again, _] = reports(&content, &case, "46");
    assert_eq!(to_ics(&en), to_ics(&en_again));
    let uids = |r: &Report| -> Vec<String> {
        parse(&to_ics(r))
            .events
            .iter()
            .map(|e| value(&e.properties, "UID").to_string())
            .collect()
    };
    assert_eq!(uids(&en), uids(&ja));
    assert_eq!(
        uids(&en),
        [
            "stay.renewal_opens-20270330@kouteki",
            "pr.premium_window_clean-20270401@kouteki",
            "stay.expires-20270630@kouteki",
            "pr.tax_window_clean-20300801@kouteki",
        ]
    );
    let summaries: Vec<String> = parse(&to_ics(&ja))
        .events
        .iter()
        .map(|e| unescape(value(&e.properties, "SUMMARY")))
        .collect();
    assert_eq!(summaries[2], "在留期間の満了日（申請の最終日）");
    assert_eq!(ja.lang, Lang::Ja);
}

#[test]
fn the_file_is_crlf_with_lines_folded_at_75_octets_and_texts_escaped() {
    let content = content();
    let case = cases()
        .into_iter()
        .find(|c| c.path.ends_with("46-engineer-pr-late-tax-and-premium.toml"))
        .expect("case 46");
    let [mut en, ja] = reports(&content, &case, "46");
    en.timeline[0].title = "Renew; bring a, b\nand c\\d".into();
    for report in [&en, &ja] {
        let ics = to_ics(report);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(!line.contains('\n') && line.len() <= 75, "{line:?}");
        }
    }
    let calendar = parse(&to_ics(&en));
    assert_eq!(
        unescape(value(&calendar.events[0].properties, "SUMMARY")),
        "Renew; bring a, b\nand c\\d"
    );
}
