//! The README's pictures of the screens, drawn from the real app at 100×30 on `TestBackend`: the
//! test fails when a committed picture differs from what the app draws now, and
//! `KOUTEKI_UPDATE_PICTURES=1 cargo test --test it pictures` draws them again.

use kouteki::tui::{Key, view};
use kouteki_core::lang::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::svg::to_svg;
use crate::support::ui::*;

/// The pictures' size: what a terminal shows of both the list and the detail.
const SIZE: (u16, u16) = (100, 30);

fn picture(ui: &Ui) -> String {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test terminal");
    terminal
        .draw(|frame| view(&ui.app, &ui.viewer, frame))
        .expect("draw");
    to_svg(terminal.backend().buffer())
}

/// Compares `svg` with the committed `docs/screens/<name>.svg`, or writes it when asked to.
fn check(name: &str, svg: &str) {
    let path = format!("{}/docs/screens/{name}.svg", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("KOUTEKI_UPDATE_PICTURES").is_some() {
        std::fs::create_dir_all(format!("{}/docs/screens", env!("CARGO_MANIFEST_DIR")))
            .expect("docs/screens");
        std::fs::write(&path, svg).expect("write the picture");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == svg,
        "{path} is not what the app draws now: run KOUTEKI_UPDATE_PICTURES=1 cargo test --test it pictures"
    );
}

#[test]
fn the_readmes_pictures_are_what_the_app_draws() {
    let (answers, as_of) = case("03-engineer-unpaid-premiums");
    let result = drive_to_result(Lang::En, &answers, as_of);
    check("result", &picture(&result));
    let ja = drive_to_result(Lang::Ja, &answers, as_of);
    check("result-ja", &picture(&ja));
    let mut question = new_app(Lang::En);
    question.press(Key::Enter);
    question.press(Key::Down);
    check("interview", &picture(&question));
    let svg = picture(&result);
    assert!(
        svg.contains("Problems to fix now") && svg.contains("#f14c4c"),
        "red for the violations"
    );
}
