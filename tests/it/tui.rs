//! The full-screen app on ratatui's `TestBackend`: snapshots of every screen in both languages at
//! 80×24 and 120×40, message sequences from the welcome screen to the result compared with
//! `kouteki eval`, re-routing and language switching, and random key sequences.

use std::sync::{Arc, OnceLock};

use jiff::civil::{Date, date};
use kouteki::tui::app::{App, Overlay, Privacy, Screen};
use kouteki::tui::{Effect, Key, Message, Theme, message_for, view};
use kouteki_core::answers::{Answers, Value};
use kouteki_core::answers_file;
use kouteki_core::content::{Content, QuestionKind, embedded};
use kouteki_core::engine::assess;
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::Step;
use kouteki_core::lang::Lang;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const AS_OF: Date = date(2026, 11, 27);

fn content() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    Arc::clone(CONTENT.get_or_init(|| Arc::new(embedded::load_default().expect("valid content"))))
}

fn new_app(lang: Lang) -> App {
    App::new(
        content(),
        AS_OF,
        lang,
        Theme::new(true),
        Privacy::Local,
        None,
    )
}

/// A golden case's answers (the part before `[expect]`) and its date.
fn case(name: &str) -> (Answers, Date) {
    let path = format!("{}/tests/cases/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("case exists");
    let text = &text[..text.find("\n[expect]").expect("case has [expect]")];
    let file = answers_file::parse(&content(), &SourceText::new(&path, text)).expect("case parses");
    (file.answers, file.as_of.expect("case has as_of"))
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal.backend().to_string()
}

/// Presses a key: maps it through the one key table, then updates.
fn press(app: &mut App, key: Key) -> Vec<Effect> {
    match message_for(app, key) {
        Some(message) => app.update(message),
        None => vec![],
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, Key::Char(c));
    }
}

/// Answers the question on screen with `value` using keys only.
fn answer_with_keys(app: &mut App, value: &Value) {
    let Some(q) = app.current_question() else {
        panic!("no question on screen")
    };
    let kind = content().questions[q].kind.clone();
    let target = match (&kind, value) {
        (QuestionKind::YesNo, Value::Bool(b)) => usize::from(!*b),
        (QuestionKind::Choice { .. }, Value::Choice(i)) => *i,
        (_, Value::Number(n)) => {
            while !app.field.text.is_empty() {
                press(app, Key::Backspace);
            }
            type_text(app, &n.to_string());
            press(app, Key::Enter);
            return;
        }
        other => panic!("unexpected {other:?}"),
    };
    while app.field.cursor > target {
        press(app, Key::Up);
    }
    while app.field.cursor < target {
        press(app, Key::Down);
    }
    press(app, Key::Enter);
}

/// Drives a new app from the welcome screen to the result with keys, answering from `answers`.
fn drive_to_result(lang: Lang, answers: &Answers, as_of: Date) -> App {
    let mut app = App::new(
        content(),
        as_of,
        lang,
        Theme::new(true),
        Privacy::Local,
        None,
    );
    press(&mut app, Key::Enter);
    let mut guard = 0;
    while let Some(q) = app.current_question() {
        let value = kouteki_core::answers::Lookup::get(answers, q)
            .unwrap_or_else(|| panic!("no answer for {}", content().questions[q].id))
            .clone();
        answer_with_keys(&mut app, &value);
        guard += 1;
        assert!(guard < 100, "the interview does not end");
    }
    assert_eq!(app.interview.step(), Step::Review);
    press(&mut app, Key::Enter);
    assert_eq!(app.screen, Screen::Result);
    app
}

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
            let app = drive_to_result(lang, &answers, as_of);
            let shown = &app.result.as_ref().expect("result").assessment;
            let expected = assess(&content(), &answers, as_of);
            assert_eq!(shown.findings, expected.findings, "{name} ({lang:?})");
            assert_eq!(shown.areas, expected.areas, "{name} ({lang:?})");
            assert_eq!(shown.upcoming, expected.upcoming, "{name} ({lang:?})");
        }
    }
}

#[test]
fn changing_an_answer_from_the_result_reroutes_the_interview() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let mut app = drive_to_result(Lang::En, &answers, as_of);
    let has = |app: &App, rule_id: &str| {
        app.result
            .as_ref()
            .unwrap()
            .assessment
            .findings
            .iter()
            .any(|f| content().rules[f.rule].id == rule_id)
    };
    assert!(has(&app, "pension.payment.unpaid"));
    press(&mut app, Key::Char('c'));
    assert_eq!(app.interview.step(), Step::Review);
    let plan = content().question_index("pension_plan").unwrap();
    let row = app
        .interview
        .path()
        .iter()
        .position(|q| *q == plan)
        .unwrap()
        + 1;
    for _ in 0..row {
        press(&mut app, Key::Down);
    }
    press(&mut app, Key::Enter);
    assert_eq!(app.current_question(), Some(plan));
    answer_with_keys(
        &mut app,
        &Value::Choice(content().questions[plan].choice_index("employees").unwrap()),
    );
    assert_eq!(
        app.interview.step(),
        Step::Review,
        "no new question applies: back to the review"
    );
    press(&mut app, Key::Up);
    press(&mut app, Key::Up);
    while app.review_cursor > 0 {
        press(&mut app, Key::Up);
    }
    press(&mut app, Key::Enter);
    assert!(
        !has(&app, "pension.payment.unpaid"),
        "the payment answer no longer counts"
    );
}

#[test]
fn switching_language_mid_interview_keeps_answers() {
    let mut app = new_app(Lang::En);
    press(&mut app, Key::Enter);
    answer_with_keys(&mut app, &Value::Choice(0));
    press(&mut app, Key::Down);
    let before = app.interview.answers().clone();
    let (step, field) = (app.interview.step(), app.field.clone());
    press(&mut app, Key::Char('L'));
    assert_eq!(app.lang, Lang::Ja);
    assert_eq!(app.interview.answers(), &before);
    assert_eq!(
        (app.interview.step(), &app.field),
        (step, &field),
        "same question, same selection"
    );
    assert!(
        render(&app, 80, 24).contains("永住許可"),
        "the question is now in Japanese"
    );
    answer_with_keys(&mut app, &Value::Choice(1));
    press(&mut app, Key::F1);
    press(&mut app, Key::Esc);
    assert_eq!(app.overlay, Overlay::None, "any key closes the help");
}

#[test]
fn back_drops_an_invalid_unconfirmed_input_and_never_blocks() {
    let mut app = new_app(Lang::En);
    press(&mut app, Key::Enter);
    answer_with_keys(&mut app, &Value::Choice(0));
    answer_with_keys(&mut app, &Value::Choice(0));
    type_text(&mut app, "999");
    press(&mut app, Key::Enter);
    assert!(app.field.error.is_some(), "out of range is refused");
    assert!(render(&app, 80, 24).contains("Please enter a number from 0 to 120."));
    press(&mut app, Key::Left);
    assert_eq!(app.current_question(), content().question_index("goal"));
    assert!(app.field.error.is_none());
}

#[test]
fn quitting_asks_first_and_ctrl_c_quits_at_once() {
    let mut app = new_app(Lang::En);
    assert!(press(&mut app, Key::Char('q')).is_empty());
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    assert!(press(&mut app, Key::Char('n')).is_empty());
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, Key::Esc);
    assert_eq!(press(&mut app, Key::Char('y')), vec![Effect::Quit]);
    assert_eq!(
        press(&mut new_app(Lang::En), Key::CtrlC),
        vec![Effect::Quit]
    );
}

#[test]
fn every_confirmed_answer_saves_a_draft_of_the_answers_that_count() {
    let mut app = new_app(Lang::En);
    press(&mut app, Key::Enter);
    let effects = press(&mut app, Key::Enter);
    match effects.as_slice() {
        [Effect::SaveDraft(answers)] => assert_eq!(answers.answered().count(), 1),
        other => panic!("expected a draft, got {other:?}"),
    }
}

#[test]
fn in_a_number_field_letters_are_typed_not_shortcuts() {
    let mut app = new_app(Lang::En);
    press(&mut app, Key::Enter);
    answer_with_keys(&mut app, &Value::Choice(0));
    answer_with_keys(&mut app, &Value::Choice(0));
    assert_eq!(message_for(&app, Key::Char('q')), Some(Message::Input('q')));
    assert_eq!(message_for(&app, Key::Char('L')), Some(Message::Input('L')));
    assert_eq!(message_for(&app, Key::Esc), Some(Message::Quit));
    assert_eq!(message_for(&app, Key::F1), Some(Message::Help));
}

// ---- snapshots ----

fn snapshot_all(name: &str, app: &App) {
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = render(app, width, height);
        insta::assert_snapshot!(
            format!("{name}_{}_{width}x{height}", app.lang.code()),
            screen
        );
    }
}

fn each_lang(f: impl Fn(Lang)) {
    for lang in Lang::ALL {
        f(lang);
    }
}

#[test]
fn snapshot_welcome() {
    each_lang(|lang| snapshot_all("welcome", &new_app(lang)));
}

#[test]
fn snapshot_welcome_with_a_draft() {
    each_lang(|lang| {
        let (answers, _) = case("03-engineer-unpaid-premiums");
        let app = App::new(
            content(),
            AS_OF,
            lang,
            Theme::new(true),
            Privacy::Session,
            Some(answers),
        );
        snapshot_all("welcome_draft_session", &app);
    });
}

#[test]
fn snapshot_choice_question() {
    each_lang(|lang| {
        let mut app = new_app(lang);
        press(&mut app, Key::Enter);
        press(&mut app, Key::Down);
        snapshot_all("question_choice", &app);
    });
}

#[test]
fn snapshot_number_question_with_a_validation_message() {
    each_lang(|lang| {
        let mut app = new_app(lang);
        press(&mut app, Key::Enter);
        answer_with_keys(&mut app, &Value::Choice(0));
        answer_with_keys(&mut app, &Value::Choice(0));
        type_text(&mut app, "130");
        press(&mut app, Key::Enter);
        snapshot_all("question_number_error", &app);
    });
}

#[test]
fn snapshot_yes_no_question() {
    each_lang(|lang| {
        let (mut answers, _) = case("03-engineer-unpaid-premiums");
        let q = content().question_index("knows_my_number").unwrap();
        answers.clear(q);
        let app = new_app(lang).with_answers(answers);
        assert_eq!(app.current_question(), Some(q));
        snapshot_all("question_yes_no", &app);
    });
}

#[test]
fn snapshot_review() {
    each_lang(|lang| {
        let (answers, _) = case("03-engineer-unpaid-premiums");
        snapshot_all("review", &new_app(lang).with_answers(answers));
    });
}

#[test]
fn snapshot_results() {
    for (name, persona) in [
        ("result_green", "01-permanent-all-green"),
        ("result_mixed", "03-engineer-unpaid-premiums"),
        ("result_red", "11-other-status-everything-red"),
    ] {
        each_lang(|lang| {
            let (answers, as_of) = case(persona);
            let app = drive_to_result(lang, &answers, as_of);
            snapshot_all(name, &app);
        });
    }
}

#[test]
fn snapshot_result_detail_scrolled() {
    each_lang(|lang| {
        let (answers, as_of) = case("11-other-status-everything-red");
        let mut app = drive_to_result(lang, &answers, as_of);
        press(&mut app, Key::Down);
        press(&mut app, Key::Tab);
        press(&mut app, Key::Down);
        snapshot_all("result_detail_scrolled", &app);
    });
}

#[test]
fn snapshot_help_overlay_and_too_small() {
    each_lang(|lang| {
        let mut app = new_app(lang);
        press(&mut app, Key::Char('?'));
        snapshot_all("help", &app);
        insta::assert_snapshot!(format!("too_small_{}", lang.code()), render(&app, 59, 19));
    });
}

#[test]
fn no_size_down_to_1x1_panics() {
    let (answers, as_of) = case("11-other-status-everything-red");
    let apps = [
        new_app(Lang::Ja),
        new_app(Lang::En).with_answers(answers.clone()),
        drive_to_result(Lang::Ja, &answers, as_of),
    ];
    for app in &apps {
        for width in [1, 2, 5, 20, 59, 60, 61, 200] {
            for height in [1, 2, 5, 19, 20, 21, 60] {
                render(app, width, height);
            }
        }
    }
}

#[test]
fn result_banner_and_cards_use_the_severity_colors_and_symbols() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let app = drive_to_result(Lang::En, &answers, as_of);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| view(&app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let banner_row: String = (0..120)
        .map(|x| buffer[(x, 1)].symbol().to_string())
        .collect();
    assert!(
        banner_row.contains("✖  Problems to fix now"),
        "{banner_row}"
    );
    assert_eq!(buffer[(1, 1)].bg, ratatui::style::Color::Red);
    let no_color = App {
        theme: Theme::new(false),
        ..app.clone()
    };
    terminal.draw(|frame| view(&no_color, frame)).unwrap();
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
            let asked = app.overlay == Overlay::ConfirmQuit;
            let effects = press(&mut app, key);
            if effects.contains(&Effect::Quit) {
                prop_assert!(asked, "only a confirmed quit ends the app (key {:?})", key);
                break;
            }
            if let Some(q) = app.current_question() {
                let options = kouteki::tui::app::option_count(&content().questions[q].kind);
                prop_assert!(options == 0 || app.field.cursor < options);
                prop_assert!(app.interview.path().contains(&q), "the question shown is on the path");
            }
            prop_assert_eq!(app.screen == Screen::Result, app.result.is_some() && app.screen == Screen::Result);
        }
        render(&app, width, height);
    }
}
