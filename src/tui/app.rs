//! The app's state and its `update`: The Elm Architecture, with no terminal and no I/O. Front ends
//! feed it [`Message`]s and carry out the [`Effect`]s it returns; `view` draws it.

use std::sync::Arc;

use jiff::civil::Date;

use super::message::{Effect, Message};
use super::theme::Theme;
use crate::strings::tui as words;
use kouteki_core::answers::Answers;
use kouteki_core::content::{Content, QuestionIdx, QuestionKind};
use kouteki_core::engine::Assessment;
use kouteki_core::interview::{InputError, Interview, Step};
use kouteki_core::lang::Lang;

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
