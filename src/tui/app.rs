//! The app's state and its `update`: The Elm Architecture, with no terminal and no I/O. Front ends
//! feed it [`Message`]s and carry out the [`Effect`]s it returns; `view` draws it.

use std::sync::Arc;

use jiff::civil::Date;

use super::message::{Effect, Message};
use super::theme::Theme;
use super::words;
use crate::answers::{Answers, Value};
use crate::content::{Content, QuestionIdx, QuestionKind};
use crate::engine::Assessment;
use crate::interview::{InputError, Interview, Step};
use crate::lang::Lang;
use crate::report::{Report, to_markdown};

/// Which screen is shown (the question/review distinction comes from the interview's step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// What the check covers, privacy, language, resume.
    Welcome,
    /// A question, or the review when the interview is at its end.
    Interview,
    /// The color-coded result.
    Result,
}

/// A window over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// None.
    None,
    /// The list of keys.
    Help,
    /// "Quit? y/n".
    ConfirmQuit,
    /// "May the consultant keep a copy? y/n" (SSH sessions with recording on).
    RecordConsent,
}

/// Whether a copy of the answers and report may be kept by the consultant (SSH `--record-dir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recording {
    /// Recording is off: nothing is asked, nothing is kept.
    Off,
    /// Recording is on: ask when the result is first shown.
    Ask,
    /// The client agreed; the copy was handed to the front end.
    Agreed,
    /// The client declined; nothing is kept.
    Declined,
}

/// Where the answers live, for the welcome screen's privacy line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    /// On this computer (drafts saved under the user's data directory).
    Local,
    /// On this computer, with saving off (`--no-save`).
    LocalNoSave,
    /// In the server's memory for this SSH session only.
    Session,
}

/// The editing state of the question on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Field {
    /// Highlighted option (choices, yes/no).
    pub cursor: usize,
    /// Ticked options of a multi-choice question.
    pub ticked: Vec<bool>,
    /// Typed text of a number, date or text question.
    pub text: String,
    /// Why the last confirmation was refused.
    pub error: Option<InputError>,
}

/// The result screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultView {
    /// The assessment shown.
    pub assessment: Assessment,
    /// Selected finding.
    pub selected: usize,
    /// Whether the detail pane has focus (scrolling) rather than the list.
    pub detail_focus: bool,
    /// Detail pane scroll offset, in lines.
    pub scroll: u16,
}

impl ResultView {
    /// How many entries the findings list has: findings, upcoming changes, and "about this result".
    pub fn entry_count(&self) -> usize {
        self.assessment.findings.len() + self.assessment.upcoming.len() + 1
    }
}

/// The whole state of one person's session.
#[derive(Debug, Clone)]
pub struct App {
    /// The interview (answers, path, step).
    pub interview: Interview,
    /// Interface language.
    pub lang: Lang,
    /// Colors or not.
    pub theme: Theme,
    /// Screen shown.
    pub screen: Screen,
    /// Window over it.
    pub overlay: Overlay,
    /// Current question's field.
    pub field: Field,
    /// Selected row of the review (0 = "Show results").
    pub review_cursor: usize,
    /// Selected row of the welcome menu.
    pub welcome_cursor: usize,
    /// A saved draft offered for resuming.
    pub draft: Option<Answers>,
    /// Where answers live.
    pub privacy: Privacy,
    /// The result, once shown.
    pub result: Option<ResultView>,
    /// A one-line message for the user (e.g. where the report was saved).
    pub notice: Option<String>,
    /// Recording consent (SSH only).
    pub recording: Recording,
}

/// The welcome menu's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeItem {
    /// Continue the saved draft.
    Resume,
    /// Start a new check.
    Start,
    /// Switch language.
    Language,
}

impl App {
    /// A new session on the welcome screen.
    pub fn new(
        content: Arc<Content>,
        as_of: Date,
        lang: Lang,
        theme: Theme,
        privacy: Privacy,
        draft: Option<Answers>,
    ) -> App {
        App {
            interview: Interview::new(content, as_of),
            lang,
            theme,
            screen: Screen::Welcome,
            overlay: Overlay::None,
            field: Field::default(),
            review_cursor: 0,
            welcome_cursor: 0,
            draft,
            privacy,
            result: None,
            notice: None,
            recording: Recording::Off,
        }
    }

    /// Asks for recording consent when the result is shown (SSH with `--record-dir`).
    pub fn with_recording(mut self) -> App {
        self.recording = Recording::Ask;
        self
    }

    /// A session over existing answers (`--answers FILE`): at the first gap, or at the review.
    pub fn with_answers(mut self, answers: Answers) -> App {
        self.interview = Interview::resume(
            Arc::clone(self.interview.content()),
            answers,
            self.interview.as_of(),
        );
        self.screen = Screen::Interview;
        self.load_field();
        self
    }

    /// The content pack.
    pub fn content(&self) -> &Content {
        self.interview.content()
    }

    /// The welcome menu, in order.
    pub fn welcome_items(&self) -> Vec<WelcomeItem> {
        let resume = self.draft.is_some().then_some(WelcomeItem::Resume);
        resume
            .into_iter()
            .chain([WelcomeItem::Start, WelcomeItem::Language])
            .collect()
    }

    /// The question on screen, if any.
    pub fn current_question(&self) -> Option<QuestionIdx> {
        match (self.screen, self.interview.step()) {
            (Screen::Interview, Step::Question(q)) => Some(q),
            _ => None,
        }
    }

    /// Whether keys type into a field (number, date, text question on screen).
    pub fn in_text_field(&self) -> bool {
        self.overlay == Overlay::None
            && self.current_question().is_some_and(|q| {
                matches!(
                    self.content().questions[q].kind,
                    QuestionKind::Number { .. } | QuestionKind::Date | QuestionKind::Text
                )
            })
    }

    /// Applies a message; returns what the front end must do.
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        if message == Message::ForceQuit {
            return vec![Effect::Quit];
        }
        match &message {
            Message::ReportSaved(Ok(path)) => {
                self.notice = Some(format!("{} {path}", words::REPORT_SAVED.get(self.lang)));
                return vec![];
            }
            Message::ReportSaved(Err(e)) => {
                self.notice = Some(format!("{} {e}", words::REPORT_FAILED.get(self.lang)));
                return vec![];
            }
            Message::ReportUnavailable => {
                self.notice = Some(words::REPORT_OVER_SSH.get(self.lang).to_string());
                return vec![];
            }
            Message::DraftFailed(e) => {
                self.notice = Some(format!("{} {e}", words::DRAFT_FAILED.get(self.lang)));
                return vec![];
            }
            _ => {}
        }
        match self.overlay {
            Overlay::Help => {
                self.overlay = Overlay::None;
                return vec![];
            }
            Overlay::ConfirmQuit => {
                let yes = matches!(message, Message::Confirm | Message::Input('y' | 'Y'));
                self.overlay = Overlay::None;
                return if yes { vec![Effect::Quit] } else { vec![] };
            }
            Overlay::RecordConsent => return self.answer_consent(&message),
            Overlay::None => {}
        }
        match message {
            Message::Help => self.overlay = Overlay::Help,
            Message::Quit => self.overlay = Overlay::ConfirmQuit,
            Message::SwitchLang => self.lang = self.lang.other(),
            _ => {
                self.notice = None;
                return match self.screen {
                    Screen::Welcome => self.update_welcome(message),
                    Screen::Interview => match self.interview.step() {
                        Step::Question(q) => self.update_question(q, message),
                        Step::Review => self.update_review(message),
                    },
                    Screen::Result => self.update_result(message),
                };
            }
        }
        vec![]
    }

    fn update_welcome(&mut self, message: Message) -> Vec<Effect> {
        let items = self.welcome_items();
        match message {
            Message::Up => self.welcome_cursor = self.welcome_cursor.saturating_sub(1),
            Message::Down => self.welcome_cursor = (self.welcome_cursor + 1).min(items.len() - 1),
            Message::Confirm | Message::Toggle => {
                match items[self.welcome_cursor.min(items.len() - 1)] {
                    WelcomeItem::Language => self.lang = self.lang.other(),
                    WelcomeItem::Resume => {
                        let answers = self
                            .draft
                            .take()
                            .unwrap_or_else(|| Answers::empty(self.content().questions.len()));
                        *self = self.clone().with_answers(answers);
                    }
                    WelcomeItem::Start => {
                        let discard = self.draft.take().is_some();
                        self.screen = Screen::Interview;
                        self.load_field();
                        return if discard {
                            vec![Effect::DiscardDraft]
                        } else {
                            vec![]
                        };
                    }
                }
            }
            _ => {}
        }
        vec![]
    }

    fn update_question(&mut self, q: QuestionIdx, message: Message) -> Vec<Effect> {
        let kind = self.content().questions[q].kind.clone();
        let options = option_count(&kind);
        match message {
            Message::Up => self.field.cursor = self.field.cursor.saturating_sub(1),
            Message::Down if options > 0 => {
                self.field.cursor = (self.field.cursor + 1).min(options - 1)
            }
            Message::Toggle if matches!(kind, QuestionKind::MultiChoice { .. }) => {
                let cursor = self.field.cursor;
                if let Some(t) = self.field.ticked.get_mut(cursor) {
                    *t = !*t;
                }
            }
            Message::Input(c) if self.in_text_field() => {
                self.field.text.push(c);
                self.field.error = None;
            }
            Message::Erase => {
                self.field.text.pop();
                self.field.error = None;
            }
            Message::Confirm => return self.confirm(&kind),
            Message::Back => {
                let first = self.interview.path().first() == Some(&q);
                if first {
                    self.screen = Screen::Welcome;
                } else {
                    self.interview.back();
                    self.load_field();
                }
            }
            _ => {}
        }
        vec![]
    }

    fn confirm(&mut self, kind: &QuestionKind) -> Vec<Effect> {
        let result = match kind {
            QuestionKind::YesNo => self.interview.submit(Value::Bool(self.field.cursor == 0)),
            QuestionKind::Choice { .. } => self.interview.submit(Value::Choice(self.field.cursor)),
            QuestionKind::MultiChoice { .. } => {
                let ticked = self
                    .field
                    .ticked
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| **t)
                    .map(|(i, _)| i)
                    .collect();
                self.interview.submit(Value::Choices(ticked))
            }
            _ => self.interview.submit_text(&self.field.text),
        };
        match result {
            Ok(()) => {
                self.load_field();
                self.review_cursor = 0;
                vec![Effect::SaveDraft(self.interview.effective_answers())]
            }
            Err(error) => {
                self.field.error = Some(error);
                vec![]
            }
        }
    }

    fn update_review(&mut self, message: Message) -> Vec<Effect> {
        let rows = self.interview.path().len() + 1;
        match message {
            Message::Up => self.review_cursor = self.review_cursor.saturating_sub(1),
            Message::Down => self.review_cursor = (self.review_cursor + 1).min(rows - 1),
            Message::Back => {
                self.interview.back();
                self.load_field();
            }
            Message::Confirm if self.review_cursor == 0 => self.show_result(),
            Message::Confirm => {
                let q = self.interview.path()[self.review_cursor - 1];
                self.interview.edit(q);
                self.load_field();
            }
            _ => {}
        }
        vec![]
    }

    fn show_result(&mut self) {
        let assessment = self.interview.assess();
        self.result = Some(ResultView {
            assessment,
            selected: 0,
            detail_focus: false,
            scroll: 0,
        });
        self.screen = Screen::Result;
        if self.recording == Recording::Ask {
            self.overlay = Overlay::RecordConsent;
        }
    }

    /// `y` agrees to recording; anything else declines. Asked once.
    fn answer_consent(&mut self, message: &Message) -> Vec<Effect> {
        self.overlay = Overlay::None;
        if !matches!(message, Message::Input('y' | 'Y')) {
            self.recording = Recording::Declined;
            return vec![];
        }
        self.recording = Recording::Agreed;
        let Some(view) = &self.result else {
            return vec![];
        };
        let report = Report::new(self.interview.content(), &view.assessment, self.lang);
        vec![Effect::Record {
            answers: self.interview.effective_answers(),
            markdown: to_markdown(&report),
        }]
    }

    fn update_result(&mut self, message: Message) -> Vec<Effect> {
        let Some(view) = self.result.as_mut() else {
            return vec![];
        };
        let count = view.entry_count();
        match message {
            Message::Up if view.detail_focus => view.scroll = view.scroll.saturating_sub(1),
            Message::Down if view.detail_focus => view.scroll = view.scroll.saturating_add(1),
            Message::Up => {
                view.selected = view.selected.saturating_sub(1);
                view.scroll = 0;
            }
            Message::Down => {
                view.selected = (view.selected + 1).min(count.saturating_sub(1));
                view.scroll = 0;
            }
            Message::NextPane => view.detail_focus = !view.detail_focus,
            Message::SaveReport => {
                let report = Report::new(self.interview.content(), &view.assessment, self.lang);
                return vec![Effect::SaveReport(to_markdown(&report))];
            }
            Message::Restart => {
                self.interview.restart();
                self.result = None;
                self.screen = Screen::Interview;
                self.load_field();
                return vec![Effect::DiscardDraft];
            }
            Message::ChangeAnswers | Message::Back => {
                self.interview.review();
                self.review_cursor = 0;
                self.screen = Screen::Interview;
            }
            _ => {}
        }
        vec![]
    }

    /// Sets the field to the current question's existing answer (or empty).
    fn load_field(&mut self) {
        let Step::Question(q) = self.interview.step() else {
            self.field = Field::default();
            return;
        };
        let question = &self.content().questions[q];
        let mut field = Field {
            ticked: vec![false; question.choices().len()],
            ..Field::default()
        };
        match self.interview.answer(q) {
            Some(Value::Choice(i)) => field.cursor = *i,
            Some(Value::Bool(b)) => field.cursor = usize::from(!*b),
            Some(Value::Choices(list)) => list.iter().for_each(|i| field.ticked[*i] = true),
            Some(Value::Number(n)) => field.text = n.to_string(),
            Some(Value::Date(d)) => field.text = d.to_string(),
            Some(Value::Text(t)) => field.text = t.clone(),
            None => {}
        }
        self.field = field;
    }
}

/// How many options a question shows (0 for typed fields).
pub fn option_count(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::YesNo => 2,
        QuestionKind::Choice { choices, .. } | QuestionKind::MultiChoice { choices } => {
            choices.len()
        }
        _ => 0,
    }
}
