//! Every screen at the sizes people's terminals open at (60×20, the smallest laid out; 80×24, macOS
//! Terminal's and PuTTY's default; 100×32; 120×40), in English and Japanese: a snapshot of each,
//! and the checks a person makes by looking: the hint bar keeps `?` and `q`, the selected item is
//! on screen, every area card shows its symbol, severity word and count, no title or label is
//! broken inside a word, and overlays keep their borders over wide text.

use kouteki::tui::app::{App, Progress, Recording, Storage};
use kouteki::tui::consultation::{Event, OtherServer, ResumeFailure};
use kouteki::tui::{Key, Message};
use kouteki_core::answers::Value;
use kouteki_core::discussion::Discussion;
use kouteki_core::i18n as ui_words;
use kouteki_core::lang::Lang;
use kouteki_core::report::Report;

use crate::support::ui::*;

/// The sizes every screen is drawn at.
const SIZES: [(u16, u16); 4] = [(60, 20), (80, 24), (100, 32), (120, 40)];

/// What a screen shows that the checks look for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shows {
    /// A list or options with a `▶` on the selected one.
    Selection,
    /// The result with its area cards (and a selected entry).
    Cards,
    /// An overlay box (help, a dialog) over the screen.
    Overlay,
    /// Nothing selectable (a typed field, the detail on the whole screen).
    Text,
}

/// One screen of the catalogue.
struct Screen {
    name: &'static str,
    ui: Ui,
    shows: Shows,
}

fn at_question(id: &str, lang: Lang) -> Ui {
    let (mut answers, _) = case("03-engineer-unpaid-premiums");
    let q = content().question_index(id).expect("question exists");
    answers.clear(q);
    let mut ui = new_app(lang);
    ui.app = ui.app.with_answers(progress(answers));
    assert_eq!(ui.app.current_question(), Some(q));
    ui
}

fn welcome_screens(lang: Lang) -> Vec<Screen> {
    let (answers, _) = case("03-engineer-unpaid-premiums");
    let draft = Storage::Draft {
        resumable: Some(progress(answers)),
    };
    let mut joined = Ui::new(
        App::new(content(), AS_OF, Storage::NoSave).with_session_code("7KQ-M3X".into()),
        lang,
    );
    joined.app.update(
        &mut joined.viewer,
        Message::Consultation(Event::Asked {
            name: "Sato".into(),
        }),
    );
    joined.press(Key::Char('w'));
    assert!(joined.app.consultation().consultant.is_some());
    let mut resume = Ui::new(
        App::new(content(), AS_OF, Storage::NoSave)
            .with_session_code("A-7KQ-M3X".into())
            .with_resume_by_code(),
        lang,
    );
    for _ in 0..5 {
        resume.press(Key::Down);
    }
    resume.press(Key::Enter);
    resume.type_text("B-K7Q-2MP");
    resume.press(Key::Enter);
    let server = OtherServer {
        name: "B".into(),
        host: "consult.example.jp".into(),
        port: 2202,
        command: "ssh -p 2202 consult.example.jp".into(),
    };
    resume.app.update(
        &mut resume.viewer,
        Message::Consultation(Event::ResumeFailed(ResumeFailure::Elsewhere(server))),
    );
    vec![
        Screen {
            name: "resume_code_of_another_server",
            ui: resume,
            shows: Shows::Text,
        },
        Screen {
            name: "welcome",
            ui: new_app(lang),
            shows: Shows::Selection,
        },
        Screen {
            name: "welcome_draft",
            ui: Ui::new(App::new(content(), AS_OF, draft), lang),
            shows: Shows::Selection,
        },
        Screen {
            name: "welcome_consultant_watching",
            ui: joined,
            shows: Shows::Selection,
        },
        Screen {
            name: "welcome_session",
            ui: session_welcome(lang),
            shows: Shows::Selection,
        },
    ]
}

/// What a client sees on connecting over SSH: the session's privacy line, its code, and "resume a
/// session" in the menu.
fn session_welcome(lang: Lang) -> Ui {
    let storage = Storage::Session {
        recording: Recording::Off,
    };
    Ui::new(
        App::new(content(), AS_OF, storage)
            .with_session_code("7KQ-M3X".into())
            .with_resume_by_code(),
        lang,
    )
}

/// At 80×24, PuTTY's and macOS Terminal's default, a client's welcome screen has every line in
/// sight: it used to be one line too long, so it opened scrolled, mid-sentence.
#[test]
fn at_80x24_a_session_welcome_shows_its_whole_text() {
    for lang in Lang::ALL {
        let rows = rows(&session_welcome(lang), 80, 24);
        let intro = kouteki::strings::tui::WELCOME_INTRO.get(lang);
        let first_words: String = intro.chars().take(8).collect();
        let at = format!("{lang:?}: {rows:#?}");
        assert!(rows[1].trim_start().starts_with(&first_words), "{at}");
        assert!(
            rows.iter().any(|r| r.contains("7KQ-M3X  ")),
            "code and its line: {at}"
        );
        let last_item = kouteki::strings::tui::RESUME_SESSION.get(lang);
        assert!(rows[22].contains(last_item), "{at}");
    }
}

fn question_screens(lang: Lang) -> Vec<Screen> {
    let mut last_choice = new_app(lang);
    last_choice.press(Key::Enter);
    for _ in 0..20 {
        last_choice.press(Key::Down);
    }
    let mut number_error = new_app(lang);
    number_error.press(Key::Enter);
    answer_with_keys(&mut number_error, &Value::Choice(0));
    answer_with_keys(&mut number_error, &Value::Choice(0));
    number_error.type_text("130");
    number_error.press(Key::Enter);
    let mut month_error = at_question("tax_late_month", lang);
    month_error.type_text("2027-01");
    month_error.press(Key::Enter);
    let mut help_scrolled = new_app(lang);
    help_scrolled.press(Key::Enter);
    help_scrolled.resize(80, 24);
    help_scrolled.press(Key::PageDown);
    vec![
        Screen {
            name: "question_choice_last",
            ui: last_choice,
            shows: Shows::Selection,
        },
        Screen {
            name: "question_help_scrolled",
            ui: help_scrolled,
            shows: Shows::Selection,
        },
        Screen {
            name: "question_yes_no",
            ui: at_question("knows_my_number", lang),
            shows: Shows::Selection,
        },
        Screen {
            name: "question_number_error",
            ui: number_error,
            shows: Shows::Text,
        },
        Screen {
            name: "question_month_error",
            ui: month_error,
            shows: Shows::Text,
        },
    ]
}

fn review_screen(lang: Lang) -> Screen {
    let (answers, _) = case("03-engineer-unpaid-premiums");
    let mut ui = new_app(lang);
    ui.app = ui.app.with_answers(Progress {
        answers,
        discussion: Discussion::default(),
    });
    Screen {
        name: "review",
        ui,
        shows: Shows::Selection,
    }
}

fn result_screens(lang: Lang) -> Vec<Screen> {
    let result = |case_name: &str| {
        let (answers, as_of) = case(case_name);
        drive_to_result(lang, &answers, as_of)
    };
    let mut timeline = result("46-engineer-pr-late-tax-and-premium");
    select_entry(&mut timeline, ui_words::TIMELINE.get(lang));
    let mut documents = timeline.clone();
    select_entry(&mut documents, ui_words::DOCUMENTS_TO_BRING.get(lang));
    let mut zoomed = result("11-other-status-everything-red");
    zoomed.press(Key::Enter);
    let mut scrolled_to_end = result("11-other-status-everything-red");
    scrolled_to_end.resize(80, 24);
    scrolled_to_end.press(Key::Tab);
    scrolled_to_end.press(Key::End);
    let mut help = result("03-engineer-unpaid-premiums");
    help.press(Key::Char('?'));
    let mut quit = result("03-engineer-unpaid-premiums");
    quit.press(Key::Char('q'));
    let screen = |name, ui, shows| Screen { name, ui, shows };
    vec![
        screen(
            "result_green",
            result("01-permanent-all-green"),
            Shows::Cards,
        ),
        screen(
            "result_mixed",
            result("03-engineer-unpaid-premiums"),
            Shows::Cards,
        ),
        screen(
            "result_red",
            result("11-other-status-everything-red"),
            Shows::Cards,
        ),
        screen("result_timeline", timeline, Shows::Cards),
        screen("result_documents", documents, Shows::Cards),
        screen("result_detail_end", scrolled_to_end, Shows::Cards),
        screen("result_zoomed", zoomed, Shows::Text),
        screen("help_over_result", help, Shows::Overlay),
        screen("quit_over_result", quit, Shows::Overlay),
    ]
}

/// Every screen of the catalogue in `lang`.
fn catalogue(lang: Lang) -> Vec<Screen> {
    let mut screens = welcome_screens(lang);
    screens.extend(question_screens(lang));
    screens.push(review_screen(lang));
    screens.extend(result_screens(lang));
    screens
}

#[test]
fn every_screen_at_every_size_in_both_languages() {
    for lang in Lang::ALL {
        for screen in catalogue(lang) {
            for (width, height) in SIZES {
                let rows = rows(&screen.ui, width, height);
                let at = format!("{} {lang:?} {width}×{height}", screen.name);
                check(&screen, &rows, &at);
                insta::assert_snapshot!(
                    format!("{}_{}_{width}x{height}", screen.name, lang.code()),
                    framed(&rows)
                );
            }
        }
    }
}

/// The rows between two rules, each wide character once (what a person sees, not the cell grid).
fn framed(rows: &[String]) -> String {
    let mut out = String::new();
    for row in rows {
        out.push('|');
        out.push_str(row);
        out.push_str("|\n");
    }
    out
}

/// Every check a screen gets, with `at` naming it in a failure.
fn check(screen: &Screen, rows: &[String], at: &str) {
    let text = rows.join("\n");
    let hints = rows.last().expect("a hint bar");
    // Under an overlay the hint bar may be covered: the overlay says how to close it.
    let covered = screen.shows == Shows::Overlay && !hints.starts_with(' ');
    // In a typed field the letters are typed: help is F1 and quit Esc there.
    assert!(
        covered
            || (has_key(hints, "?") || has_key(hints, "F1"))
                && (has_key(hints, "q") || has_key(hints, "Esc")),
        "{at}: the hint bar lost help or quit: {hints:?}\n{text}"
    );
    if matches!(screen.shows, Shows::Selection | Shows::Cards) {
        assert!(
            text.contains('▶'),
            "{at}: the selection is not on screen\n{text}"
        );
    }
    if screen.shows == Shows::Cards {
        check_cards(screen.ui.report(), rows, at);
    }
    if screen.shows == Shows::Overlay {
        check_overlay_borders(rows, at);
    }
    check_words_whole(rows, &words(screen.ui.viewer.lang), at);
}

/// Whether the hint bar names `key` as a key (followed by its label).
fn has_key(hints: &str, key: &str) -> bool {
    hints
        .split("  ")
        .any(|hint| hint.trim_start().starts_with(&format!("{key} ")))
}

/// Every area's symbol, severity word and count is on one row.
fn check_cards(report: &Report, rows: &[String], at: &str) {
    let lang = report.lang;
    for summary in report.areas.iter() {
        let status = format!(
            "{} {} ({})",
            summary.severity.symbol(),
            summary.severity.label(lang),
            summary.findings
        );
        let wanted = report
            .areas
            .iter()
            .filter(|a| a.severity == summary.severity && a.findings == summary.findings)
            .count();
        let shown: usize = rows.iter().map(|r| r.matches(&status).count()).sum();
        assert!(
            shown >= wanted,
            "{at}: {status:?} shown {shown} times, {wanted} cards have it\n{}",
            rows.join("\n")
        );
    }
}

/// The words that must never be split across lines: the area names and the terms of the
/// Japanese the offices use.
fn words(lang: Lang) -> Vec<String> {
    let mut words: Vec<String> = kouteki_core::severity::Area::ALL
        .iter()
        .flat_map(|area| [area.title(), area.short_title()].map(|t| t.get(lang).to_string()))
        .flat_map(|title| match lang {
            Lang::En => title
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>(),
            Lang::Ja => title.split('・').map(str::to_string).collect(),
        })
        .collect();
    if lang == Lang::Ja {
        words.extend(
            [
                "マイナンバーカード",
                "在留カード",
                "国民年金",
                "住民税",
                "届出",
                "在留期間",
                "在留資格",
                "永住許可",
                "特別永住者",
                "国民健康保険",
            ]
            .map(str::to_string),
        );
    }
    words.retain(|w| w.chars().count() >= 2);
    words
}

/// No word ends one row of a pane and goes on at the start of the next.
fn check_words_whole(rows: &[String], words: &[String], at: &str) {
    for pair in rows.windows(2) {
        let upper: Vec<&str> = pair[0].split('│').collect();
        let lower: Vec<&str> = pair[1].split('│').collect();
        for (a, b) in upper.iter().zip(lower.iter()) {
            let (a, b) = (a.trim_end(), b.trim_start());
            for word in words {
                let chars: Vec<char> = word.chars().collect();
                for cut in 1..chars.len() {
                    let head: String = chars[..cut].iter().collect();
                    let tail: String = chars[cut..].iter().collect();
                    let starts_word = |s: &str| {
                        s.strip_suffix(head.as_str()).is_some_and(|before| {
                            !before.ends_with(|c: char| c.is_alphanumeric()) || !head.is_ascii()
                        })
                    };
                    let ends_word = |s: &str| {
                        s.strip_prefix(tail.as_str()).is_some_and(|after| {
                            !after.starts_with(|c: char| c.is_alphanumeric()) || !tail.is_ascii()
                        })
                    };
                    assert!(
                        !(starts_word(a) && ends_word(b)),
                        "{at}: {word:?} broken as {head:?} | {tail:?}\n{}\n{}",
                        pair[0],
                        pair[1]
                    );
                }
            }
        }
    }
}

/// An overlay's box has all four corners and a side on every row between them, where wide
/// characters of the screen under it meet its edges.
fn check_overlay_borders(rows: &[String], at: &str) {
    let cells: Vec<Vec<char>> = rows.iter().map(|r| columns(r)).collect();
    let top = cells
        .iter()
        .position(|r| r.contains(&'┌') && r.contains(&'┐') && !r.contains(&'│'))
        .or_else(|| cells.iter().position(|r| r.contains(&'┌')))
        .unwrap_or_else(|| panic!("{at}: no overlay box\n{}", rows.join("\n")));
    let left = cells[top].iter().position(|c| *c == '┌').expect("corner");
    let right = cells[top].iter().rposition(|c| *c == '┐').expect("corner");
    let bottom = (top + 1..cells.len())
        .find(|y| cells[*y].get(left) == Some(&'└'))
        .unwrap_or_else(|| {
            panic!(
                "{at}: the overlay has no bottom-left corner\n{}",
                rows.join("\n")
            )
        });
    for (y, row) in cells.iter().enumerate().take(bottom).skip(top + 1) {
        assert!(
            row.get(left) == Some(&'│') && row.get(right) == Some(&'│'),
            "{at}: the overlay's border is broken on row {y}: {:?}\n{}",
            rows[y],
            rows.join("\n")
        );
    }
}

/// A row as its columns: a wide character in the first of its two, a NUL in the second.
fn columns(row: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in row.chars() {
        out.push(c);
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            out.push('\0');
        }
    }
    out
}

#[test]
fn the_detail_pane_stops_at_its_end_and_one_key_brings_it_back() {
    for lang in Lang::ALL {
        let (answers, as_of) = case("11-other-status-everything-red");
        let mut ui = drive_to_result(lang, &answers, as_of);
        ui.resize(80, 24);
        ui.press(Key::Tab);
        for _ in 0..300 {
            ui.press(Key::Down);
        }
        let at_end = ui.render(80, 24);
        let last_source = &ui.report().findings[0]
            .sources
            .last()
            .expect("a source")
            .url;
        let tail: String = last_source
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(
            at_end.contains(&tail),
            "the last line is in sight:\n{at_end}"
        );
        let sign = at_end
            .lines()
            .find(|l| l.contains("PgUp/PgDn"))
            .expect("the pane's sign");
        assert!(
            sign.contains('↑') && !sign.contains('↓'),
            "nothing is said to follow the end:\n{at_end}"
        );
        ui.press(Key::Down);
        assert_eq!(ui.render(80, 24), at_end, "past the end nothing moves");
        ui.press(Key::Up);
        assert_ne!(ui.render(80, 24), at_end, "one key up moves at once");
        ui.press(Key::Home);
        assert!(ui.render(80, 24).contains(&ui.report().findings[0].title));
    }
}

#[test]
fn enter_shows_the_detail_on_the_whole_screen_and_esc_goes_back() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    for lang in Lang::ALL {
        let mut ui = drive_to_result(lang, &answers, as_of);
        let listed = ui.render(80, 24);
        let findings = ui_words::FINDINGS.get(lang);
        assert!(listed.contains(findings));
        ui.press(Key::Enter);
        let zoomed = ui.render(80, 24);
        assert!(!zoomed.contains(findings), "the list makes room:\n{zoomed}");
        let visible = zoomed.lines().filter(|l| l.contains('│')).count();
        assert!(
            visible >= 18,
            "{visible} rows of detail at 80×24:\n{zoomed}"
        );
        ui.resize(80, 24);
        ui.press(Key::PageDown);
        assert_ne!(ui.render(80, 24), zoomed, "PgDn scrolls the zoomed detail");
        ui.press(Key::Esc);
        assert_eq!(
            ui.app.overlay(),
            None,
            "Esc goes back, it does not ask to quit"
        );
        assert!(ui.render(80, 24).contains(findings));
    }
}

#[test]
fn the_help_box_scrolls_a_page_at_a_time_and_says_what_is_hidden() {
    for lang in Lang::ALL {
        let mut ui = new_app(lang);
        ui.press(Key::Enter);
        ui.resize(80, 24);
        let first = ui.render(80, 24);
        assert!(
            first.contains('↓') && first.contains("PgUp/PgDn"),
            "{first}"
        );
        ui.press(Key::End);
        let end = ui.render(80, 24);
        let q = ui.app.current_question().expect("a question");
        let content = content();
        let where_to_find = content.questions[q]
            .where_to_find
            .as_ref()
            .expect("where")
            .get(lang);
        let last_words: String = where_to_find
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(
            end.contains(&last_words),
            "the end of the help is in sight:\n{end}"
        );
        assert!(end.contains('↑'), "{end}");
        ui.press(Key::PageUp);
        assert_ne!(ui.render(80, 24), end);
        assert_eq!(
            ui.field().cursor,
            0,
            "the page keys leave the options alone"
        );
    }
}

fn persona() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("01-permanent-all-green"),
        Just("03-engineer-unpaid-premiums"),
        Just("11-other-status-everything-red"),
        Just("46-engineer-pr-late-tax-and-premium"),
    ]
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// At any size from the smallest laid out to a large window, on a random question with a random
    /// option selected or on a random result entry: the selected item is on screen and every card
    /// shows its count.
    #[test]
    fn at_any_size_the_selection_and_the_counts_are_in_sight(
        width in 60u16..=250,
        height in 20u16..=80,
        persona in persona(),
        moves in 0usize..40,
        on_result: bool,
        ja: bool,
    ) {
        let lang = if ja { Lang::Ja } else { Lang::En };
        let (answers, as_of) = case(persona);
        let mut ui = if on_result {
            drive_to_result(lang, &answers, as_of)
        } else {
            // Some way into the interview, answering as the persona did.
            let mut ui = new_app(lang);
            ui.press(Key::Enter);
            for _ in 0..moves % 7 {
                let q = ui.app.current_question().expect("a question");
                let value = kouteki_core::answers::Lookup::get(&answers, q).expect("answered").clone();
                answer_with_keys(&mut ui, &value);
            }
            prop_assert!(ui.app.current_question().is_some());
            ui
        };
        ui.resize(width, height);
        for _ in 0..moves {
            ui.press(Key::Down);
        }
        let rows = rows(&ui, width, height);
        let text = rows.join("\n");
        prop_assert!(!ui.viewer.detail.zoomed, "zoomed by {moves}");
        let selectable = ui.app.current_question().is_none_or(|q| {
            kouteki::tui::screen::option_count(&content().questions[q].kind) > 0
        });
        if selectable {
            prop_assert!(text.contains('▶'), "{persona} {width}×{height}: no selection in sight\n{text}");
        }
        if on_result {
            check_cards(ui.report(), &rows, &format!("{persona} {width}×{height}"));
        }
    }
}
