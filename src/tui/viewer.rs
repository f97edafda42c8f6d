//! A viewer: one person looking at an app, with their own language and colors. Locally there is one;
//! a guided consultation over SSH has two looking at one app, each drawn in their own language.

use kouteki_core::lang::Lang;

use super::theme::Theme;

/// How one person sees the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// The language everything on screen is drawn in (`L` switches it).
    pub lang: Lang,
    /// Colors or not.
    pub theme: Theme,
}

impl Viewer {
    /// A viewer in `lang`, with or without color.
    pub fn new(lang: Lang, theme: Theme) -> Viewer {
        Viewer { lang, theme }
    }
}
