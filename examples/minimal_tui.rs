//! The floor kouteki's start-up and key handling are measured against (`scripts/measure_startup.py`):
//! the smallest ratatui app that does what kouteki's first screen does: raw mode and the alternate
//! screen, one framed paragraph, a redraw per key. `q` or Ctrl-C quits.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let mut keys = 0u64;
    let result = loop {
        let frame = terminal.draw(|frame| {
            let text = format!("Minimal ratatui app\nkeys: {keys}\nq quits");
            frame.render_widget(
                Paragraph::new(text).block(Block::bordered().title("floor")),
                frame.area(),
            );
        });
        if let Err(error) = frame {
            break Err(error);
        }
        match event::read() {
            Ok(Event::Key(key)) => {
                let ctrl_c =
                    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                if key.code == KeyCode::Char('q') || ctrl_c {
                    break Ok(());
                }
                keys += 1;
            }
            Ok(_) => {}
            Err(error) => break Err(error),
        }
    };
    ratatui::restore();
    result
}
