//! The full-screen app on ratatui's `TestBackend` (the snapshots of every screen are in `screens`):
//! message sequences from the welcome screen to the result compared with
//! `kouteki eval`, re-routing and language switching, and random key sequences.

use jiff::civil::date;
use kouteki::strings::tui as w;
use kouteki::tui::app::{App, Overlay, Progress, Screen, Storage};
use kouteki::tui::{Command, Effect, Key, Message, Theme, Viewer, message_for, view};
use kouteki_core::answers::Value;
use kouteki_core::answers_file;
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::Step;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, to_json};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::ui::*;

const PERSONAS: [&str; 4] = [
    "01-permanent-all-green",
    "03-engineer-unpaid-premiums",
    "11-other-status-everything-red",
    "13-permanent-unpaid-after-2027",
];

#[test]
fn driving_the_app_with_keys_gives_the_same_result_as_eval() {
    for name in PERSONAS {
        let (answers, as_of) = case(name);
        for lang in Lang::ALL {
            let ui = drive_to_result(lang, &answers, as_of);
            let expected = Report::new(&content(), &assess(&content(), &answers, as_of), lang);
            assert_eq!(
                to_json(ui.report()),
                to_json(&expected),
                "{name} ({lang:?})"
            );
        }
    }
}

#[test]
fn changing_an_answer_from_the_result_reroutes_the_interview() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let mut app = drive_to_result(Lang::En, &answers, as_of);
    let has = |ui: &Ui, rule_id: &str| ui.report().findings.iter().any(|f| f.id == rule_id);
    assert!(has(&app, "pension.payment.unpaid"));
    app.press(Key::Char('c'));
    assert_eq!(app.step(), Step::Review);
    assert!(
        app.app.result().is_none(),
        "no result is kept once answers may change"
    );
    let plan = content().question_index("pension_plan").unwrap();
    let row = app
        .app
        .interview()
        .path()
        .iter()
        .position(|q| *q == plan)
        .unwrap()
        + 1;
    for _ in 0..row {
        app.press(Key::Down);
    }
    app.press(Key::Enter);
    assert_eq!(app.app.current_question(), Some(plan));
    answer_with_keys(
        &mut app,
        &Value::Choice(content().questions[plan].choice_index("employees").unwrap()),
    );
    assert_eq!(
        app.step(),
        Step::Review,
        "no new question applies: back to the review"
    );
    app.press(Key::Up);
    app.press(Key::Up);
    while matches!(app.app.screen(), Screen::Review { cursor } if *cursor > 0) {
        app.press(Key::Up);
    }
    app.press(Key::Enter);
    assert!(
        !has(&app, "pension.payment.unpaid"),
        "the payment answer no longer counts"
    );
}

#[test]
fn switching_language_mid_interview_keeps_answers() {
    let mut app = new_app(Lang::En);
    app.press(Key::Enter);
    answer_with_keys(&mut app, &Value::Choice(0));
    app.press(Key::Down);
    let before = app.app.interview().answers().clone();
    let (step, field) = (app.step(), app.field().clone());
    app.press(Key::Char('L'));
    assert_eq!(app.viewer.lang, Lang::Ja);
    assert_eq!(app.app.interview().answers(), &before);
    assert_eq!(
        (app.step(), app.field()),
        (step, &field),
        "same question, same selection"
    );
    assert!(
        app.render(80, 24).contains("永住許可"),
        "the question is now in Japanese"
    );
    answer_with_keys(&mut app, &Value::Choice(1));
    app.press(Key::F1);
    app.press(Key::Char('x'));
    assert_eq!(app.app.overlay(), None, "any key closes the help");
}

#[test]
fn back_drops_an_invalid_unconfirmed_input_and_never_blocks() {
    let mut app = new_app(Lang::En);
    app.press(Key::Enter);
    answer_with_keys(&mut app, &Value::Choice(0));
    answer_with_keys(&mut app, &Value::Choice(0));
    app.type_text("999");
    app.press(Key::Enter);
    assert!(app.field().error.is_some(), "out of range is refused");
    assert!(
        app.render(80, 24)
            .contains("Please enter a number from 0 to 120.")
    );
    app.press(Key::Char('L'));
    assert!(
        !app.render(80, 24)
            .contains("Please enter a number from 0 to 120."),
        "in a field L is typed, not a switch"
    );
    app.press(Key::Backspace);
    app.press(Key::Enter);
    app.viewer.lang = Lang::Ja;
    assert!(
        app.render(80, 24)
            .contains("0から120までの数字を入力してください。"),
        "the message is drawn in the viewer's language"
    );
    app.press(Key::Left);
    assert_eq!(app.app.current_question(), content().question_index("goal"));
    assert!(app.field().error.is_none());
}

/// The app opened at question `id` of case 03 (its answer cleared).
fn at_question(id: &str, lang: Lang) -> Ui {
    let (mut answers, _) = case("03-engineer-unpaid-premiums");
    let q = content().question_index(id).unwrap();
    answers.clear(q);
    let mut app = new_app(lang);
    app.app = app.app.with_answers(progress(answers));
    assert_eq!(app.app.current_question(), Some(q));
    app
}

#[test]
fn a_month_field_shows_its_range_and_refuses_later_months_in_the_fields_language() {
    let mut app = at_question("tax_late_month", Lang::En);
    assert!(
        app.render(80, 24).contains("up to 2026-11"),
        "{}",
        app.render(80, 24)
    );
    app.type_text("2026-12");
    app.press(Key::Enter);
    assert!(
        app.render(80, 24)
            .contains("Please enter a month up to 2026-11")
    );
    app.viewer.lang = Lang::Ja;
    let screen = app.render(80, 24);
    assert!(
        screen.contains("2026年11月までの月を入力してください"),
        "{screen}"
    );
    assert!(
        screen.contains("2026年11月まで"),
        "the range in Japanese: {screen}"
    );
    for _ in 0..7 {
        app.press(Key::Backspace);
    }
    app.type_text("2025-13");
    app.press(Key::Enter);
    assert!(
        app.render(120, 40)
            .contains("「2025-07」「2025/7」「2025年7月」")
    );
    // Back works while the field holds an invalid value, and drops it.
    app.press(Key::Left);
    assert_eq!(
        app.app.current_question(),
        content().question_index("tax_history")
    );
    assert!(app.field().error.is_none());
}

#[test]
fn a_month_typed_in_japanese_and_a_date_with_slashes_are_accepted() {
    let mut app = at_question("tax_late_month", Lang::Ja);
    app.type_text("2025年7月");
    app.press(Key::Enter);
    let q = content().question_index("tax_late_month").unwrap();
    assert_eq!(
        app.app.interview().answer(q),
        Some(&Value::Month(
            kouteki_core::dates::Month::new(2025, 7).unwrap()
        ))
    );
    let mut app = at_question("stay_expiry_date", Lang::En);
    assert!(app.render(80, 24).contains("Format: YYYY-MM-DD"));
    app.type_text("2027/2/30");
    app.press(Key::Enter);
    assert!(
        app.render(80, 24)
            .contains("Please enter a date as YYYY-MM-DD")
    );
    for _ in 0..9 {
        app.press(Key::Backspace);
    }
    app.type_text("2027/2/28");
    app.press(Key::Enter);
    let q = content().question_index("stay_expiry_date").unwrap();
    assert_eq!(
        app.app.interview().answer(q),
        Some(&Value::Date(date(2027, 2, 28)))
    );
}

#[test]
fn quitting_asks_first_and_ctrl_c_quits_at_once() {
    let mut app = new_app(Lang::En);
    assert!(app.press(Key::Char('q')).is_empty());
    assert_eq!(app.app.overlay(), Some(Overlay::ConfirmQuit));
    assert!(app.press(Key::Char('n')).is_empty());
    assert_eq!(app.app.overlay(), None);
    app.press(Key::Esc);
    assert_eq!(app.press(Key::Char('y')), vec![Effect::Quit]);
    assert_eq!(new_app(Lang::En).press(Key::CtrlC), vec![Effect::Quit]);
}

#[test]
fn the_quit_question_warns_of_lost_answers_only_once_there_are_some() {
    for lang in [Lang::En, Lang::Ja] {
        let mut ui = Ui::new(App::new(content(), AS_OF, Storage::NoSave), lang);
        ui.press(Key::Char('q'));
        let screen = ui.render(80, 24);
        assert!(
            screen.contains(w::CONFIRM_QUIT_NOTHING_YET.get(lang)),
            "{screen}"
        );
        ui.press(Key::Char('n'));
        ui.press(Key::Enter);
        ui.press(Key::Enter);
        assert!(
            !ui.app.interview().answers().is_empty(),
            "the first answer is given"
        );
        ui.press(Key::Char('q'));
        let screen = ui.render(80, 24);
        assert!(
            screen.contains(w::CONFIRM_QUIT_NO_SAVE.get(lang)),
            "{screen}"
        );
    }
}

#[test]
fn every_confirmed_answer_saves_a_draft_of_the_answers_that_count() {
    let mut app = new_app(Lang::Ja);
    app.press(Key::Enter);
    let effects = app.press(Key::Enter);
    let [Effect::SaveDraft(text)] = effects.as_slice() else {
        panic!("expected a draft, got {effects:?}")
    };
    let file = answers_file::parse(&content(), &SourceText::new("draft", text))
        .expect("a draft reads back");
    assert_eq!(file.answers.answered().count(), 1);
    assert_eq!(
        file.as_of,
        Some(AS_OF),
        "the draft keeps its evaluation date"
    );
    assert_eq!(
        file.lang,
        Some(Lang::Ja),
        "and the language it was answered in"
    );
    let mut no_save = Ui::new(App::new(content(), AS_OF, Storage::NoSave), Lang::En);
    no_save.press(Key::Enter);
    assert_eq!(
        no_save.press(Key::Enter),
        vec![],
        "--no-save keeps no draft"
    );
}

#[test]
fn marks_are_kept_in_the_draft_listed_on_the_result_and_in_the_report() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let mut ui = drive_to_result(Lang::En, &answers, as_of);
    let first = ui.report().findings[0].clone();
    let effects = ui.press(Key::Char('m'));
    let [Effect::SaveDraft(draft)] = effects.as_slice() else {
        panic!("a mark saves the draft, got {effects:?}")
    };
    let file = answers_file::parse(&content(), &SourceText::new("draft", draft))
        .expect("the draft reads back");
    assert!(
        file.discussion
            .is_marked(&kouteki_core::discussion::Mark::Finding(first.id.clone())),
        "{draft}"
    );
    let screen = ui.render(100, 32);
    assert!(
        screen.contains(&format!("{}\u{a0}⚑", first.title)),
        "{screen}"
    );
    assert!(screen.contains("marked to discuss"), "{screen}");
    let screen = ui.render(120, 60);
    assert!(
        screen.contains("To discuss with your consultant"),
        "{screen}"
    );
    let saved = ui.press(Key::Char('s'));
    let [Effect::SaveReport(saved)] = saved.as_slice() else {
        panic!("s saves a report, got {saved:?}")
    };
    let markdown = &saved.text;
    assert!(
        markdown.contains("## To discuss with your consultant"),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("- {} {}", first.severity.symbol(), first.title)));
    // A resumed draft has the mark again; m once more takes it away.
    let progress = Progress {
        answers: file.answers,
        discussion: file.discussion,
    };
    let storage = Storage::Draft {
        resumable: Some(progress),
    };
    let mut resumed = Ui::new(App::new(content(), as_of, storage), Lang::En);
    resumed.press(Key::Enter);
    assert!(!resumed.app.discussion().is_empty(), "the mark came back");
    // The consultant's keys are not the resident's: n writes no note here.
    resumed.press(Key::Enter);
    assert_eq!(resumed.press(Key::Char('n')), vec![]);
    assert!(resumed.viewer.note.is_none());
}

#[test]
fn in_a_number_field_letters_are_typed_not_shortcuts() {
    let mut app = new_app(Lang::En);
    app.press(Key::Enter);
    answer_with_keys(&mut app, &Value::Choice(0));
    answer_with_keys(&mut app, &Value::Choice(0));
    let (app, viewer) = (&app.app, &app.viewer);
    assert_eq!(
        message_for(app, viewer, Key::Char('q')),
        Some(Message::Type('q'))
    );
    assert_eq!(
        message_for(app, viewer, Key::Char('L')),
        Some(Message::Type('L'))
    );
    assert_eq!(
        message_for(app, viewer, Key::Esc),
        Some(Command::Quit.into())
    );
    assert_eq!(
        message_for(app, viewer, Key::F1),
        Some(Command::Help.into())
    );
}

// ---- snapshots ----

#[test]
fn the_whole_welcome_menu_stays_in_sight_down_to_60x20() {
    for lang in [Lang::En, Lang::Ja] {
        let (answers, _) = case("03-engineer-unpaid-premiums");
        let storage = Storage::Draft {
            resumable: Some(progress(answers)),
        };
        let mut ui = Ui::new(App::new(content(), AS_OF, storage), lang);
        for (width, height) in [(60, 20), (80, 24)] {
            let screen = ui.render(width, height);
            for item in [w::RESUME, w::START_AFRESH, w::LANGUAGE] {
                assert!(
                    screen.contains(item.get(lang)),
                    "{width}×{height}:\n{screen}"
                );
            }
        }
        ui.press(Key::Down);
        assert!(
            ui.render(60, 20)
                .contains(&format!("▶ {}", w::START_AFRESH.get(lang)))
        );
    }
}

#[test]
fn a_short_terminal_opens_the_welcome_at_its_first_line_and_scrolls_the_text_over_the_menu() {
    for lang in [Lang::En, Lang::Ja] {
        let mut ui = new_app(lang);
        ui.resize(60, 20);
        // Each row of TestBackend's picture is quoted (wide characters' hidden cells noted after).
        let rows = |ui: &Ui| -> Vec<String> {
            ui.render(60, 20)
                .lines()
                .map(|r| r.split('"').nth(1).unwrap_or_default().trim().to_string())
                .collect()
        };
        let intro: String = w::WELCOME_INTRO.get(lang).chars().take(6).collect();
        let last_words: String = {
            let content = content();
            let tail: Vec<char> = content
                .pack
                .disclaimer
                .get(lang)
                .chars()
                .rev()
                .take(4)
                .collect();
            tail.into_iter().rev().collect()
        };
        let opened = rows(&ui);
        assert!(opened[2].starts_with(&intro), "{}", opened.join("\n"));
        assert!(
            !opened.join("").contains(&last_words),
            "{}",
            opened.join("\n")
        );
        let menu_row = |rows: &[String]| rows.iter().position(|r| r.starts_with('▶'));
        let menu = menu_row(&opened).expect("the menu is in sight");
        let more = &opened[menu - 1];
        assert!(more.contains('↓') && more.contains("PgUp/PgDn"), "{more}");

        ui.press(Key::PageDown);
        let scrolled = rows(&ui);
        assert_eq!(
            menu_row(&scrolled),
            Some(menu),
            "the menu stays where it was"
        );
        assert!(
            scrolled.join("").contains(&last_words),
            "{}",
            scrolled.join("\n")
        );
        assert!(!scrolled[2].starts_with(&intro));
        assert!(scrolled[menu - 1].contains('↑'), "{}", scrolled[menu - 1]);

        // The other language's text starts at its top.
        ui.press(Key::Char('L'));
        let other: String = w::WELCOME_INTRO.get(lang.other()).chars().take(6).collect();
        assert!(rows(&ui)[2].starts_with(&other), "{}", rows(&ui).join("\n"));
    }
}

#[test]
fn every_choice_is_visible_when_selected_down_to_60x20() {
    for lang in [Lang::En, Lang::Ja] {
        let mut ui = new_app(lang);
        ui.press(Key::Enter);
        let q = ui.app.current_question().expect("a question");
        let choices = content().questions[q].choices().to_vec();
        assert!(choices.len() >= 8, "the first question is a long list");
        for (i, choice) in choices.iter().enumerate() {
            let screen = ui.render(60, 20);
            let marked = crate::support::screen::marked_option(&screen).unwrap_or_default();
            let label = crate::support::screen::squeeze(choice.label.get(lang));
            let label: String = label.chars().take(8).collect();
            assert!(
                marked.starts_with(&label),
                "choice {i} ({label}) selected but not shown:\n{screen}"
            );
            let question: String = content().questions[q]
                .text
                .get(lang)
                .chars()
                .take(6)
                .collect();
            assert!(screen.contains(&question), "the question stays:\n{screen}");
            ui.press(Key::Down);
        }
        let screen = ui.render(60, 20);
        assert!(
            screen.contains('↑'),
            "a sign that lines are above:\n{screen}"
        );
    }
}

#[test]
fn the_timeline_reads_at_80x24_in_both_languages() {
    let (answers, as_of) = case("46-engineer-pr-late-tax-and-premium");
    for (lang, clean, relative, fiscal) in [
        (
            Lang::En,
            "Earliest clean application date: 2030-08-01",
            "in 126 days",
            "fiscal years 2022–2026",
        ),
        (
            Lang::Ja,
            "期限後納付が確認期間から外れる日：2030年8月1日",
            "126日後",
            "令和4年度〜令和8年度",
        ),
    ] {
        let mut app = drive_to_result(lang, &answers, as_of);
        select_entry(&mut app, kouteki_core::i18n::TIMELINE.get(lang));
        let screen = app.render(80, 24);
        assert!(screen.contains(clean), "{screen}");
        assert!(
            screen.contains('●') && screen.contains(relative),
            "{screen}"
        );
        select_entry(&mut app, kouteki_core::i18n::DOCUMENTS_TO_BRING.get(lang));
        app.press(Key::Tab);
        let mut seen = app.render(80, 24);
        for _ in 0..3 {
            app.press(Key::Down);
            seen.push_str(&app.render(80, 24));
        }
        assert!(seen.contains(fiscal), "{seen}");
    }
}

#[test]
fn below_60x20_the_screen_asks_to_be_enlarged() {
    for lang in Lang::ALL {
        insta::assert_snapshot!(
            format!("too_small_{}", lang.code()),
            new_app(lang).render(59, 19)
        );
    }
}

#[test]
fn no_size_down_to_1x1_panics() {
    let (answers, as_of) = case("11-other-status-everything-red");
    let mut prefilled = new_app(Lang::En);
    prefilled.app = prefilled.app.with_answers(progress(answers.clone()));
    let apps = [
        new_app(Lang::Ja),
        prefilled,
        drive_to_result(Lang::Ja, &answers, as_of),
    ];
    for app in &apps {
        for width in [1, 2, 5, 20, 59, 60, 61, 200] {
            for height in [1, 2, 5, 19, 20, 21, 60] {
                app.render(width, height);
            }
        }
    }
}

#[test]
fn result_banner_and_cards_use_the_severity_colors_and_symbols() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let app = drive_to_result(Lang::En, &answers, as_of);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| view(&app.app, &app.viewer, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let banner_row: String = (0..120)
        .map(|x| buffer[(x, 1)].symbol().to_string())
        .collect();
    assert!(
        banner_row.contains("✖  Problems to fix now"),
        "{banner_row}"
    );
    assert_eq!(buffer[(1, 1)].bg, ratatui::style::Color::Red);
    let no_color = Viewer::new(Lang::En, Theme::new(false));
    terminal
        .draw(|frame| view(&app.app, &no_color, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset),
        "no color at all"
    );
    assert!(
        buffer[(1, 1)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "reverse video carries the banner"
    );
}

// ---- random keys ----

fn key_strategy() -> impl Strategy<Value = Key> {
    prop_oneof![
        Just(Key::Enter),
        Just(Key::Up),
        Just(Key::Down),
        Just(Key::Left),
        Just(Key::Right),
        Just(Key::Tab),
        Just(Key::Backspace),
        Just(Key::Esc),
        Just(Key::F1),
        Just(Key::BackTab),
        Just(Key::PageUp),
        Just(Key::PageDown),
        Just(Key::Home),
        Just(Key::End),
        proptest::char::range(' ', '~').prop_map(Key::Char),
        Just(Key::Char('あ')),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_key_sequence_leaves_a_valid_state(keys in proptest::collection::vec(key_strategy(), 0..300), width in 1u16..160, height in 1u16..60) {
        let mut app = new_app(Lang::En);
        for key in keys {
            let asked = app.app.overlay() == Some(Overlay::ConfirmQuit);
            let effects = app.press(key);
            if effects.contains(&Effect::Quit) {
                prop_assert!(asked, "only a confirmed quit ends the app (key {:?})", key);
                break;
            }
            if let Some((q, field)) = app.app.question() {
                let options = kouteki::tui::screen::option_count(&content().questions[q].kind);
                prop_assert!(options == 0 || field.cursor < options);
                prop_assert!(app.app.interview().path().contains(&q), "the question shown is on the path");
            }
            if matches!(app.app.screen(), Screen::Question(_)) {
                prop_assert!(app.app.question().is_some(), "a question screen shows the interview's question");
            }
            if matches!(app.app.screen(), Screen::Review { .. }) {
                prop_assert_eq!(app.step(), Step::Review, "the review is shown only at the interview's end");
            }
        }
        app.render(width, height);
    }
}

/// The local front end's effects, saving reports into a temporary directory (kept alive with it).
fn report_io() -> (tempfile::TempDir, kouteki::tui::local::LocalIo) {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let io = kouteki::tui::local::LocalIo {
        drafts: None,
        report_dir: dir.path().to_path_buf(),
    };
    (dir, io)
}

#[test]
fn on_the_result_h_saves_the_html_report_and_s_the_markdown_one_privately() {
    use kouteki::tui::message::{ReportFile, ReportFormat};
    use kouteki::tui::notice::Notice;
    use kouteki::tui::run::Io;
    use kouteki_core::report::{to_html, to_markdown};

    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let (dir, mut io) = report_io();
    for lang in Lang::ALL {
        let mut ui = drive_to_result(lang, &answers, as_of);
        let html = ReportFile {
            format: ReportFormat::Html,
            text: to_html(ui.report()),
        };
        let markdown = ReportFile {
            format: ReportFormat::Markdown,
            text: to_markdown(ui.report()),
        };
        assert_eq!(
            ui.press(Key::Char('h')),
            vec![Effect::SaveReport(html.clone())]
        );
        assert!(ui.app.result().is_some(), "h stays on the result");
        assert_eq!(ui.press(Key::Char('s')), vec![Effect::SaveReport(markdown)]);
        let Some(Message::Notify(Notice::ReportSaved(path))) = io.perform(Effect::SaveReport(html))
        else {
            panic!("the HTML report is saved");
        };
        assert!(path.ends_with(".html"), "{path}");
        assert!(path.starts_with(&*dir.path().to_string_lossy()));
        let saved = std::fs::read_to_string(&path).expect("saved");
        assert!(saved.contains(&format!("<html lang=\"{}\">", lang.code())));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // The notice names the path on screen.
        ui.app.update(
            &mut ui.viewer,
            Message::Notify(Notice::ReportSaved(path.clone())),
        );
        assert!(ui.render(200, 40).contains(&path), "the path is shown");
    }
    // Elsewhere `h` still goes back.
    let mut ui = drive_to_result(Lang::En, &answers, as_of);
    ui.press(Key::Char('c'));
    assert_eq!(ui.step(), Step::Review);
}

#[test]
fn on_the_result_i_saves_the_calendar_privately_beside_the_reports() {
    use kouteki::tui::message::{ReportFile, ReportFormat};
    use kouteki::tui::notice::Notice;
    use kouteki::tui::run::Io;
    use kouteki_core::report::{calendar_entries, to_ics};
    use std::os::unix::fs::PermissionsExt;

    let (answers, as_of) = case("46-engineer-pr-late-tax-and-premium");
    let (dir, mut io) = report_io();
    for lang in Lang::ALL {
        let mut ui = drive_to_result(lang, &answers, as_of);
        let calendar = ReportFile {
            format: ReportFormat::Calendar,
            text: to_ics(ui.report()),
        };
        let coming = calendar_entries(ui.report()).count();
        assert!(coming >= 3);
        assert_eq!(
            ui.press(Key::Char('i')),
            vec![Effect::SaveReport(calendar.clone())]
        );
        assert!(ui.app.result().is_some(), "i stays on the result");
        let Some(Message::Notify(notice)) = io.perform(Effect::SaveReport(calendar)) else {
            panic!("the calendar is saved");
        };
        let Notice::CalendarSaved(path) = &notice else {
            panic!("{notice:?}");
        };
        assert!(path.ends_with(".ics"), "{path}");
        assert!(path.starts_with(&*dir.path().to_string_lossy()));
        let mode = std::fs::metadata(path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let saved = std::fs::read_to_string(path).expect("saved");
        let parsed = ical::IcalParser::new(saved.as_bytes())
            .next()
            .expect("a calendar")
            .expect("it parses");
        assert_eq!(parsed.events.len(), coming);
        ui.app
            .update(&mut ui.viewer, Message::Notify(notice.clone()));
        let screen = ui.render(200, 40);
        assert!(screen.contains(path.as_str()), "the path is shown");
        assert!(screen.contains(w::CALENDAR_SAVED.get(lang)), "{screen}");
    }
    // A result whose dates have all passed saves nothing and says why.
    let (answers, as_of) = case("51-permanent-card-expired-date-from-2027");
    let mut ui = drive_to_result(Lang::En, &answers, as_of);
    assert!(!ui.report().timeline.is_empty());
    assert_eq!(calendar_entries(ui.report()).count(), 0);
    assert_eq!(ui.press(Key::Char('i')), vec![]);
    assert!(
        ui.render(200, 40)
            .contains(w::NO_CALENDAR_DATES.get(Lang::En))
    );
    // Elsewhere `i` does nothing.
    ui.press(Key::Char('c'));
    assert_eq!(ui.step(), Step::Review);
    assert_eq!(ui.press(Key::Char('i')), vec![]);
}
