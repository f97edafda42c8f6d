//! Colors and symbols from one place. Without color (NO_COLOR, `--no-color`) every meaning is still
//! carried by a symbol, bold or reverse video, so nothing depends on color alone.

use ratatui::style::{Color, Modifier, Style};

use kouteki_core::severity::Severity;

/// The look of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colors may be used.
    pub color: bool,
}

impl Theme {
    /// A theme with or without color.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The style of a severity's badge and banner.
    pub fn severity(&self, severity: Severity) -> Style {
        let color = match severity {
            Severity::Ok => Color::Green,
            Severity::Info => Color::Blue,
            Severity::Caution => Color::Yellow,
            Severity::Violation => Color::Red,
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    /// A banner filled with the severity's color (reverse video without color).
    pub fn banner(&self, severity: Severity) -> Style {
        if !self.color {
            return Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        let bg = match severity {
            Severity::Ok => Color::Green,
            Severity::Info => Color::Blue,
            Severity::Caution => Color::Yellow,
            Severity::Violation => Color::Red,
        };
        Style::new()
            .bg(bg)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD)
    }

    /// Text in a meaning's color (a timeline entry's kind), bold so it reads without color too.
    pub fn accent(&self, color: Color) -> Style {
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    /// The selected row: reverse video, visible on any background.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Titles and headings.
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text (help, hints).
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Gray)
        } else {
            Style::new()
        }
    }

    /// Validation messages.
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// The key names in the hint bar.
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
