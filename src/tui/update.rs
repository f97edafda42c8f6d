//! `update`: what each message does, overlay first, then screen by screen. Pure: the disk and the
//! session's end are reached only through the returned [`Effect`]s.

use std::sync::Arc;

use kouteki_core::answers::{Answers, Value};
use kouteki_core::answers_file;
use kouteki_core::content::QuestionKind;
use kouteki_core::lang::Lang;
use kouteki_core::report::to_markdown;

use super::app::{App, Overlay, Recording, Screen, Storage};
use super::message::{Command, Effect, Message, ReportFile, ReportFormat};
use super::screen::{Field, Reports, ResultView, WelcomeItem, is_typed, option_count};
use super::viewer::Viewer;

impl App {
    /// Applies a message from `viewer` (whose language a switch changes); returns what the front end
    /// must do.
    pub fn update(&mut self, viewer: &mut Viewer, message: Message) -> Vec<Effect> {
        let command = match message {
            Message::Notify(notice) => {
                self.notice = Some(notice);
                return vec![];
            }
            Message::Command(Command::ForceQuit) => return vec![Effect::Quit],
            Message::Command(command) => Some(command),
            Message::Type(_) => None,
        };
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, viewer, command);
        }
        match command {
            Some(Command::Help) => self.overlay = Some(Overlay::Help),
            Some(Command::Quit) => self.overlay = Some(Overlay::ConfirmQuit),
            Some(Command::SwitchLang) => viewer.lang = viewer.lang.other(),
            _ => {
                self.notice = None;
                return self.update_screen(viewer, &message);
            }
        }
        vec![]
    }

    fn update_overlay(
        &mut self,
        overlay: Overlay,
        viewer: &Viewer,
        command: Option<Command>,
    ) -> Vec<Effect> {
        self.overlay = None;
        match overlay {
            Overlay::Help => vec![],
            Overlay::ConfirmQuit => match command {
                Some(Command::Yes | Command::Confirm) => vec![Effect::Quit],
                _ => vec![],
            },
            Overlay::RecordConsent => self.answer_consent(command == Some(Command::Yes), viewer),
        }
    }

    fn update_screen(&mut self, viewer: &mut Viewer, message: &Message) -> Vec<Effect> {
        match &self.screen {
            Screen::Welcome { cursor } => {
                let cursor = *cursor;
                self.update_welcome(cursor, viewer, message)
            }
            Screen::Question(_) => self.update_question(viewer.lang, message),
            Screen::Review { cursor } => {
                let cursor = *cursor;
                self.update_review(cursor, message);
                vec![]
            }
            Screen::Result(_) => self.update_result(viewer.lang, message),
        }
    }

    fn update_welcome(
        &mut self,
        cursor: usize,
        viewer: &mut Viewer,
        message: &Message,
    ) -> Vec<Effect> {
        let items = self.welcome_items();
        let last = items.len() - 1;
        match message {
            Message::Command(Command::Up) => {
                self.screen = Screen::Welcome {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Message::Command(Command::Down) => {
                self.screen = Screen::Welcome {
                    cursor: (cursor + 1).min(last),
                }
            }
            Message::Command(Command::Confirm | Command::Toggle) => {
                return self.choose_welcome(items[cursor.min(last)], viewer);
            }
            _ => {}
        }
        vec![]
    }

    fn choose_welcome(&mut self, item: WelcomeItem, viewer: &mut Viewer) -> Vec<Effect> {
        match item {
            WelcomeItem::Language => viewer.lang = viewer.lang.other(),
            WelcomeItem::Resume => {
                if let Some(answers) = self.take_draft() {
                    self.resume(answers);
                }
            }
            WelcomeItem::Start => {
                let discarded = self.take_draft().is_some();
                self.navigate(|_| {});
                if discarded {
                    return vec![Effect::DiscardDraft];
                }
            }
        }
        vec![]
    }

    /// The saved draft the welcome offers, taken: it is offered once.
    fn take_draft(&mut self) -> Option<Answers> {
        match &mut self.storage {
            Storage::Draft { resumable } => resumable.take(),
            _ => None,
        }
    }

    fn update_question(&mut self, lang: Lang, message: &Message) -> Vec<Effect> {
        let Some(q) = self.current_question() else {
            return vec![];
        };
        let content = Arc::clone(self.interview.content());
        let kind = &content.questions[q].kind;
        if let Message::Command(Command::Confirm) = message {
            return self.confirm(kind, lang);
        }
        if let Message::Command(Command::Back) = message {
            self.back_from(q);
            return vec![];
        }
        let Screen::Question(field) = &mut self.screen else {
            return vec![];
        };
        edit_field(field, kind, message);
        vec![]
    }

    /// Back from question `q`: to the previous question, or from the first to the welcome screen.
    fn back_from(&mut self, q: usize) {
        if self.interview.path().first() == Some(&q) {
            let start = self
                .welcome_items()
                .iter()
                .position(|i| *i == WelcomeItem::Start);
            self.screen = Screen::Welcome {
                cursor: start.unwrap_or(0),
            };
        } else {
            self.navigate(kouteki_core::interview::Interview::back);
        }
    }

    fn confirm(&mut self, kind: &QuestionKind, lang: Lang) -> Vec<Effect> {
        let Screen::Question(field) = &self.screen else {
            return vec![];
        };
        let value = match kind {
            QuestionKind::YesNo => Ok(Value::Bool(field.cursor == 0)),
            QuestionKind::Choice { .. } => Ok(Value::Choice(field.cursor)),
            QuestionKind::MultiChoice { .. } => Ok(Value::Choices(ticked(field))),
            _ => kouteki_core::interview::parse_input(kind, &field.text),
        };
        match value.and_then(|v| self.interview.submit(v)) {
            Ok(()) => {
                self.navigate(|_| {});
                self.draft_effect(lang)
            }
            Err(error) => {
                if let Screen::Question(field) = &mut self.screen {
                    field.error = Some(error);
                }
                vec![]
            }
        }
    }

    /// Saving the draft after an answer, where drafts are kept.
    fn draft_effect(&self, lang: Lang) -> Vec<Effect> {
        match self.storage {
            Storage::Draft { .. } => vec![Effect::SaveDraft(self.answers_file(lang))],
            _ => vec![],
        }
    }

    /// The answers that count as an answers file, with the evaluation date and `lang`, so
    /// `kouteki eval` on it gives the same result.
    fn answers_file(&self, lang: Lang) -> String {
        answers_file::to_toml(
            self.content(),
            &self.interview.effective_answers(),
            Some(self.interview.as_of()),
            lang,
        )
    }

    fn update_review(&mut self, cursor: usize, message: &Message) {
        let rows = self.interview.path().len() + 1;
        match message {
            Message::Command(Command::Up) => {
                self.screen = Screen::Review {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Message::Command(Command::Down) => {
                self.screen = Screen::Review {
                    cursor: (cursor + 1).min(rows - 1),
                }
            }
            Message::Command(Command::Back) => {
                self.navigate(kouteki_core::interview::Interview::back);
            }
            Message::Command(Command::Confirm) if cursor == 0 => self.show_result(),
            Message::Command(Command::Confirm) => {
                let q = self.interview.path()[cursor - 1];
                self.navigate(|interview| interview.edit(q));
            }
            _ => {}
        }
    }

    fn show_result(&mut self) {
        let reports = Reports::new(self.content(), &self.interview.assess());
        self.screen = Screen::Result(Box::new(ResultView::new(reports)));
        if let Storage::Session {
            recording: Recording::Ask,
        } = self.storage
        {
            self.overlay = Some(Overlay::RecordConsent);
        }
    }

    /// The client's answer to the recording question (asked once): a yes hands the copy over.
    fn answer_consent(&mut self, agreed: bool, viewer: &Viewer) -> Vec<Effect> {
        let Storage::Session { recording } = &mut self.storage else {
            return vec![];
        };
        *recording = if agreed {
            Recording::Agreed
        } else {
            Recording::Declined
        };
        let Some(view) = self.result().filter(|_| agreed) else {
            return vec![];
        };
        let markdown = to_markdown(view.reports.get(viewer.lang));
        vec![Effect::Record {
            answers: self.answers_file(viewer.lang),
            markdown,
        }]
    }

    fn update_result(&mut self, lang: Lang, message: &Message) -> Vec<Effect> {
        let Screen::Result(view) = &mut self.screen else {
            return vec![];
        };
        let Message::Command(command) = message else {
            return vec![];
        };
        match command {
            Command::SaveReport | Command::SaveHtmlReport => {
                let format = if *command == Command::SaveHtmlReport {
                    ReportFormat::Html
                } else {
                    ReportFormat::Markdown
                };
                let report = view.reports.get(lang);
                return vec![Effect::SaveReport(ReportFile::new(format, report))];
            }
            Command::Restart => {
                self.navigate(kouteki_core::interview::Interview::restart);
                return match self.storage {
                    Storage::Draft { .. } => vec![Effect::DiscardDraft],
                    _ => vec![],
                };
            }
            Command::ChangeAnswers | Command::Back => {
                self.interview.review();
                self.screen = Screen::Review { cursor: 0 };
            }
            other => move_in_result(view, *other),
        }
        vec![]
    }
}

/// Moves the result's selection or scrolls its detail pane.
fn move_in_result(view: &mut ResultView, command: Command) {
    let count = view.entry_count();
    match command {
        Command::Up if view.detail_focus => view.scroll = view.scroll.saturating_sub(1),
        Command::Down if view.detail_focus => view.scroll = view.scroll.saturating_add(1),
        Command::Up => {
            view.selected = view.selected.saturating_sub(1);
            view.scroll = 0;
        }
        Command::Down => {
            view.selected = (view.selected + 1).min(count.saturating_sub(1));
            view.scroll = 0;
        }
        Command::NextPane => view.detail_focus = !view.detail_focus,
        _ => {}
    }
}

/// Moves, ticks, types or erases in a question's field.
fn edit_field(field: &mut Field, kind: &QuestionKind, message: &Message) {
    let options = option_count(kind);
    match message {
        Message::Command(Command::Up) => field.cursor = field.cursor.saturating_sub(1),
        Message::Command(Command::Down) if options > 0 => {
            field.cursor = (field.cursor + 1).min(options - 1);
        }
        Message::Command(Command::Toggle) if matches!(kind, QuestionKind::MultiChoice { .. }) => {
            if let Some(t) = field.ticked.get_mut(field.cursor) {
                *t = !*t;
            }
        }
        Message::Type(c) if is_typed(kind) => {
            field.text.push(*c);
            field.error = None;
        }
        Message::Command(Command::Erase) => {
            field.text.pop();
            field.error = None;
        }
        _ => {}
    }
}

/// The ticked options of a multi-choice field, ascending.
fn ticked(field: &Field) -> Vec<usize> {
    field
        .ticked
        .iter()
        .enumerate()
        .filter(|(_, t)| **t)
        .map(|(i, _)| i)
        .collect()
}
