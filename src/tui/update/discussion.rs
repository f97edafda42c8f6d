//! Marks and notes in `update`: `m` marks what is on screen "to discuss" (a question, a review row, a
//! finding); a consultant's `n` writes a one-line note on the selected finding, in a field of their
//! own view until Enter attaches it.

use kouteki_core::discussion::{MAX_NOTE_CHARS, Mark};

use super::super::app::{App, Screen};
use super::super::message::{Command, Effect, Message};
use super::super::viewer::Viewer;
use kouteki_core::lang::Lang;

impl App {
    /// What `m` marks here: the question on screen, the review row selected, or the finding
    /// (or upcoming change) selected on the result.
    pub(super) fn mark_target(&self) -> Option<Mark> {
        let content = self.content();
        let question = |q: usize| Mark::Question(content.questions[q].id.to_string());
        match &self.screen {
            Screen::Question(_) => self.current_question().map(question),
            Screen::Review { cursor } => cursor
                .checked_sub(1)
                .and_then(|row| self.interview.path().get(row).copied())
                .map(question),
            Screen::Result(view) => view.entry_id(view.selected).map(Mark::Finding),
            Screen::Welcome { .. } | Screen::ResumeCode(_) => None,
        }
    }

    /// `m`: marks or unmarks what is on screen; the draft keeps the marks like the answers.
    pub(super) fn toggle_mark(&mut self, lang: Lang) -> Vec<Effect> {
        let Some(mark) = self.mark_target() else {
            return vec![];
        };
        self.discussion.toggle(mark);
        self.draft_effect(lang)
    }

    /// The finding selected on the result (not an upcoming change, not the summary entries).
    pub(super) fn selected_finding(&self) -> Option<String> {
        let view = self.result()?;
        view.finding_id(view.selected)
    }

    /// The note on `finding` so far, to edit.
    pub(super) fn note_text(&self, finding: &str) -> String {
        self.discussion
            .note(finding)
            .map(|note| note.text.clone())
            .unwrap_or_default()
    }

    /// A key in the consultant's note field: typed, erased, attached (Enter) or dropped (Esc).
    pub(super) fn edit_note(&mut self, viewer: &mut Viewer, message: &Message) {
        let Some(text) = &mut viewer.note else {
            return;
        };
        match message {
            Message::Type(c) if text.chars().count() < MAX_NOTE_CHARS => text.push(*c),
            Message::Command(Command::Erase) => {
                text.pop();
            }
            Message::Command(Command::Confirm) => {
                let author = self
                    .consultation
                    .consultant
                    .as_ref()
                    .map(|c| c.name.clone());
                if let (Some(finding), Some(author)) = (self.selected_finding(), author) {
                    self.discussion.set_note(&finding, &author, text);
                }
                viewer.note = None;
            }
            Message::Command(Command::Quit) => viewer.note = None,
            _ => {}
        }
    }
}
