//! `update`: what each message does, overlay first, then screen by screen. Pure: the disk and the
//! session's end are reached only through the returned [`Effect`]s.

use std::sync::Arc;

use kouteki_core::answers::Value;
use kouteki_core::answers_file;
use kouteki_core::content::QuestionKind;
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, ReportDiscussion, calendar_entries, to_ics, to_markdown};

mod consultation;
mod discussion;

use super::app::{App, CodeEntry, Overlay, Progress, Recording, Screen, Storage};
use super::message::{Command, Effect, Message, ReportFile, ReportFormat};
use super::notice::Notice;
use super::screen::{Field, Reports, ResultView, WelcomeItem, is_typed, option_count};
use super::viewer::{Person, Viewer};

/// How far a scroll key moves a pane: lines, or pages of the pane's height (up when negative).
#[derive(Debug, Clone, Copy)]
enum ScrollStep {
    Lines(i32),
    Pages(i32),
}

/// Farther than any pane is long (a pane scrolls at most `u16::MAX` lines): to its top or end.
const FAR: i32 = u16::MAX as i32;

impl App {
    /// Applies a message from `viewer` (the client, or a consultant who joined); returns what the
    /// front end must do. What belongs to the viewer's own view (language, help, their detail pane)
    /// changes for them alone; the interview changes only for a viewer who may answer.
    pub fn update(&mut self, viewer: &mut Viewer, message: Message) -> Vec<Effect> {
        let command = match &message {
            Message::Notify(notice) => {
                self.notice = Some(notice.clone());
                return vec![];
            }
            Message::Consultation(event) => {
                self.on_consultation(event.clone());
                return vec![];
            }
            Message::Command(command) => Some(*command),
            Message::Type(_) => None,
        };
        if command == Some(Command::ForceQuit) {
            return self.quit_now(viewer);
        }
        if viewer.help {
            viewer.help = false;
            return vec![];
        }
        match viewer.person {
            Person::Client => self.update_client(viewer, command, &message),
            Person::Consultant => self.update_consultant(viewer, command, &message),
        }
    }

    /// Ctrl-C: the client ends the session, a consultant leaves it.
    fn quit_now(&mut self, viewer: &Viewer) -> Vec<Effect> {
        match viewer.person {
            Person::Client => vec![Effect::Quit],
            Person::Consultant => self.leave(),
        }
    }

    fn update_client(
        &mut self,
        viewer: &mut Viewer,
        command: Option<Command>,
        message: &Message,
    ) -> Vec<Effect> {
        if self.consultation.asking.is_some() {
            return self.answer_request(command);
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, viewer, command);
        }
        if self.update_own_view(viewer, command) {
            return vec![];
        }
        match command {
            Some(Command::Quit) => self.overlay = Some(Overlay::ConfirmQuit),
            Some(Command::Consultant) => return self.change_consultant(),
            Some(Command::Mark) => return self.toggle_mark(viewer.lang),
            _ => {
                self.notice = None;
                return self.update_screen(viewer, message);
            }
        }
        vec![]
    }

    fn update_consultant(
        &mut self,
        viewer: &mut Viewer,
        command: Option<Command>,
        message: &Message,
    ) -> Vec<Effect> {
        if viewer.note.is_some() {
            self.edit_note(viewer, message);
            return vec![];
        }
        if self.update_own_view(viewer, command) {
            return vec![];
        }
        match command {
            Some(Command::Quit) => self.leave(),
            Some(Command::Note) => {
                viewer.note = self.selected_finding().map(|id| self.note_text(&id));
                vec![]
            }
            Some(Command::Mark) => self.toggle_mark(viewer.lang),
            // Starting again would erase the client's answers: the client's decision alone.
            Some(Command::Restart | Command::Consultant) => vec![],
            _ if self.may_answer(viewer) => {
                self.notice = None;
                self.update_screen(viewer, message)
            }
            _ => vec![],
        }
    }

    /// Changes what is the viewer's alone: help, language, the result's detail pane (focus, zoom,
    /// scroll), the help box's scroll. `true` when the command was one of those.
    fn update_own_view(&self, viewer: &mut Viewer, command: Option<Command>) -> bool {
        let on_result = self.result().is_some();
        let in_detail = on_result && (viewer.detail.focused || viewer.detail.zoomed);
        match command {
            Some(Command::Help) => viewer.help = true,
            Some(Command::SwitchLang) => viewer.lang = viewer.lang.other(),
            Some(Command::NextPane) if on_result => viewer.detail.focused = !viewer.detail.focused,
            Some(Command::Zoom) if on_result => viewer.detail.zoomed = true,
            Some(Command::Unzoom) => viewer.detail.zoomed = false,
            Some(Command::Up) if in_detail => self.scroll(viewer, ScrollStep::Lines(-1)),
            Some(Command::Down) if in_detail => self.scroll(viewer, ScrollStep::Lines(1)),
            Some(Command::PageUp) => self.scroll(viewer, ScrollStep::Pages(-1)),
            Some(Command::PageDown) => self.scroll(viewer, ScrollStep::Pages(1)),
            Some(Command::Top) => self.scroll(viewer, ScrollStep::Lines(-FAR)),
            Some(Command::Bottom) => self.scroll(viewer, ScrollStep::Lines(FAR)),
            _ => return false,
        }
        true
    }

    /// Scrolls the pane that scrolls on this screen by `step`, never past its end on the viewer's
    /// terminal.
    fn scroll(&self, viewer: &mut Viewer, step: ScrollStep) {
        let Some((owner, max, page)) = super::view::scroll_extent(self, viewer) else {
            return;
        };
        let lines = match step {
            ScrollStep::Lines(lines) => lines,
            ScrollStep::Pages(pages) => pages * i32::from(page),
        };
        let pane = match self.screen {
            Screen::Result(_) => &mut viewer.detail.scroll,
            Screen::Welcome { .. } => &mut viewer.welcome,
            _ => &mut viewer.help_box,
        };
        pane.scroll_by(owner, lines, max);
    }

    fn update_overlay(
        &mut self,
        overlay: Overlay,
        viewer: &Viewer,
        command: Option<Command>,
    ) -> Vec<Effect> {
        self.overlay = None;
        match overlay {
            Overlay::ConfirmQuit => match command {
                Some(Command::Yes | Command::Confirm) => vec![Effect::Quit],
                _ => vec![],
            },
            Overlay::RecordConsent => self.answer_consent(command == Some(Command::Yes), viewer),
            Overlay::ResumeOffer => {
                let code = self.consultation.kept.take();
                match command {
                    Some(Command::Yes | Command::Confirm) => {
                        code.map(Effect::Resume).into_iter().collect()
                    }
                    _ => vec![],
                }
            }
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
            Screen::ResumeCode(_) => self.update_resume_code(message),
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
            WelcomeItem::ResumeSession => self.screen = Screen::ResumeCode(CodeEntry::default()),
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
    fn take_draft(&mut self) -> Option<Progress> {
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
            (&self.interview.effective_answers(), &self.discussion),
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
        if !agreed {
            return vec![];
        }
        self.recording(viewer.lang).into_iter().collect()
    }

    /// The copy for the consultant, when the client agreed and the result is shown: the answers file
    /// and the Markdown report with the marks and notes as they are now (the SSH session asks again
    /// when it ends, so notes written after the consent are kept too).
    pub fn recording(&self, lang: Lang) -> Option<Effect> {
        let agreed = self.storage
            == Storage::Session {
                recording: Recording::Agreed,
            };
        let report = self.report_with_discussion(lang).filter(|_| agreed)?;
        Some(Effect::Record {
            answers: self.answers_file(lang),
            markdown: to_markdown(&report),
            calendar: to_ics(&report),
        })
    }

    /// The result's report in `lang` with what is marked and noted now.
    fn report_with_discussion(&self, lang: Lang) -> Option<Report> {
        let report = self.result()?.reports.get(lang).clone();
        let answers = self.interview.effective_answers();
        let talk = ReportDiscussion::new(self.content(), &answers, &self.discussion, &report);
        Some(report.with_discussion(talk))
    }

    fn update_result(&mut self, lang: Lang, message: &Message) -> Vec<Effect> {
        let format = match message {
            Message::Command(Command::SaveReport) => Some(ReportFormat::Markdown),
            Message::Command(Command::SaveHtmlReport) => Some(ReportFormat::Html),
            Message::Command(Command::SaveCalendar) => Some(ReportFormat::Calendar),
            _ => None,
        };
        if let Some(format) = format {
            let Some(report) = self.report_with_discussion(lang) else {
                return vec![];
            };
            // A calendar without a single coming date would be an empty file: say so instead.
            if format == ReportFormat::Calendar && calendar_entries(&report).next().is_none() {
                self.notice = Some(Notice::NoCalendarDates);
                return vec![];
            }
            return vec![Effect::SaveReport(ReportFile::new(format, &report))];
        }
        let Screen::Result(view) = &mut self.screen else {
            return vec![];
        };
        let Message::Command(command) = message else {
            return vec![];
        };
        match command {
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
            other => move_in_result(view, *other, !self.discussion.is_empty()),
        }
        vec![]
    }
}

/// Moves the result's selection (shared: a watcher sees which entry the client reads).
fn move_in_result(view: &mut ResultView, command: Command, discussion: bool) {
    let count = view.entries(discussion).len();
    match command {
        Command::Up => view.selected = view.selected.saturating_sub(1),
        Command::Down => view.selected = (view.selected + 1).min(count.saturating_sub(1)),
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
