//! The app's state: The Elm Architecture's model, with no terminal and no I/O. Front ends feed it
//! messages ([`super::update`]) and carry out the effects it returns; `view` draws it for a viewer.
//!
//! The state is shaped so that what cannot happen cannot be written: the screen owns its own state,
//! how answers are kept is one [`Storage`], and a saved draft can only be offered where drafts exist.

use std::sync::Arc;

use jiff::civil::Date;
use kouteki_core::answers::Answers;
use kouteki_core::content::{Content, QuestionIdx};
use kouteki_core::discussion::Discussion;
use kouteki_core::interview::{Interview, Step};

use super::consultation::Consultation;
use super::notice::Notice;
use super::screen::{Field, ResultView, WelcomeItem};
use super::viewer::{Person, Viewer};

/// Answers so far and what is marked to discuss: what a saved draft or an answers file gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The answers that count.
    pub answers: Answers,
    /// Marks and notes.
    pub discussion: Discussion,
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

/// How the answers are kept: decides drafts, the welcome's privacy line and the quit question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// On this computer, a draft saved after every answer; `resumable` is a saved draft the welcome
    /// offers until it is resumed or discarded.
    Draft {
        /// The saved draft's answers (those that count), if one was found.
        resumable: Option<Progress>,
    },
    /// On this computer, nothing saved (`--no-save`).
    NoSave,
    /// In the SSH server's memory for this session only.
    Session {
        /// Whether the client is asked to let the consultant keep a copy.
        recording: Recording,
    },
}

/// Which screen is shown, with its own state.
#[derive(Debug, Clone)]
pub enum Screen {
    /// What the check covers, privacy, language, resume.
    Welcome {
        /// Selected menu entry.
        cursor: usize,
    },
    /// The interview's current question, with its field.
    Question(Field),
    /// The review of every answer on the path.
    Review {
        /// Selected row (0 = "Show results").
        cursor: usize,
    },
    /// The color-coded result (boxed: two localized reports are large beside a cursor).
    Result(Box<ResultView>),
    /// "Resume a session": the code of a kept session being typed.
    ResumeCode(CodeEntry),
}

/// The code field of "Resume a session".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeEntry {
    /// What was typed.
    pub typed: String,
    /// Why the last code resumed nothing, until the next key.
    pub failure: Option<super::consultation::ResumeFailure>,
    /// A code was sent and the answer is awaited.
    pub waiting: bool,
}

/// A dialog over the screen, the client's to answer (the key help is each viewer's own: see
/// [`super::viewer::Viewer::help`]; a consultant's request to join is [`Consultation::asking`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// "Quit? y/n".
    ConfirmQuit,
    /// "May the consultant keep a copy? y/n" (SSH sessions with recording on).
    RecordConsent,
    /// "Resume session XXX-XXX?" for a client whose key has a kept session.
    ResumeOffer,
}

/// The whole state of one interview session.
#[derive(Debug, Clone)]
pub struct App {
    pub(super) interview: Interview,
    pub(super) screen: Screen,
    pub(super) overlay: Option<Overlay>,
    pub(super) storage: Storage,
    pub(super) notice: Option<Notice>,
    pub(super) consultation: Consultation,
    pub(super) discussion: Discussion,
}

impl App {
    /// A new session on the welcome screen.
    pub fn new(content: Arc<Content>, as_of: Date, storage: Storage) -> App {
        App {
            interview: Interview::new(content, as_of),
            screen: Screen::Welcome { cursor: 0 },
            overlay: None,
            storage,
            notice: None,
            consultation: Consultation::default(),
            discussion: Discussion::default(),
        }
    }

    /// A session with a code a consultant can use to ask to join (over SSH).
    pub fn with_session_code(mut self, code: String) -> App {
        self.consultation.code = Some(code);
        self
    }

    /// A session whose welcome offers to resume a kept session by its code.
    pub fn with_resume_by_code(mut self) -> App {
        self.consultation.resume_by_code = true;
        self
    }

    /// A session that first offers to resume the kept session with `code` (same key).
    pub fn with_kept_session(mut self, code: String) -> App {
        self.consultation.kept = Some(code);
        self.overlay = Some(Overlay::ResumeOffer);
        self
    }

    /// The consultation: the session code, a request to join, the consultant who joined.
    pub fn consultation(&self) -> &Consultation {
        &self.consultation
    }

    /// What is marked to discuss, and the consultant's notes.
    pub fn discussion(&self) -> &Discussion {
        &self.discussion
    }

    /// Whether `viewer` may change the interview: the client always, a consultant when allowed to
    /// answer and no dialog of the client's is open.
    pub fn may_answer(&self, viewer: &Viewer) -> bool {
        match viewer.person {
            Person::Client => true,
            Person::Consultant => {
                self.overlay.is_none()
                    && self.consultation.asking.is_none()
                    && self
                        .consultation
                        .consultant
                        .as_ref()
                        .is_some_and(|c| c.may_answer)
            }
        }
    }

    /// A session over existing answers (`--answers FILE`): at the first gap, or at the review.
    pub fn with_answers(mut self, progress: Progress) -> App {
        self.resume(progress);
        self
    }

    /// The interview (answers, path, step).
    pub fn interview(&self) -> &Interview {
        &self.interview
    }

    /// The content pack.
    pub fn content(&self) -> &Content {
        self.interview.content()
    }

    /// The screen shown.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The client's dialog over the screen, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// How the answers are kept.
    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    /// The notice shown instead of the key hints, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The question on screen and its field, if a question is shown.
    pub fn question(&self) -> Option<(QuestionIdx, &Field)> {
        match (&self.screen, self.interview.step()) {
            (Screen::Question(field), Step::Question(q)) => Some((q, field)),
            _ => None,
        }
    }

    /// The question on screen, if any.
    pub fn current_question(&self) -> Option<QuestionIdx> {
        self.question().map(|(q, _)| q)
    }

    /// The result on screen, if the result is shown.
    pub fn result(&self) -> Option<&ResultView> {
        match &self.screen {
            Screen::Result(view) => Some(view),
            _ => None,
        }
    }

    /// The welcome menu, in order: "resume" only where a saved draft waits.
    pub fn welcome_items(&self) -> Vec<WelcomeItem> {
        let resume = matches!(self.storage, Storage::Draft { resumable: Some(_) })
            .then_some(WelcomeItem::Resume);
        let by_code = self
            .consultation
            .resume_by_code
            .then_some(WelcomeItem::ResumeSession);
        resume
            .into_iter()
            .chain([WelcomeItem::Start, WelcomeItem::Language])
            .chain(by_code)
            .collect()
    }

    /// Continues from `progress`: at the first unanswered question, or at the review.
    pub(super) fn resume(&mut self, progress: Progress) {
        self.interview = Interview::resume(
            Arc::clone(self.interview.content()),
            progress.answers,
            self.interview.as_of(),
        );
        self.discussion = progress.discussion;
        self.show_step();
    }

    /// Moves the interview with `change`, then shows where it is: the one place a question's field
    /// is built, so the field always belongs to the question on screen.
    pub(super) fn navigate(&mut self, change: impl FnOnce(&mut Interview)) {
        change(&mut self.interview);
        self.show_step();
    }

    /// Shows the interview's current step: its question with the existing answer, or the review.
    fn show_step(&mut self) {
        self.screen = match self.interview.step() {
            Step::Question(q) => {
                let question = &self.interview.content().questions[q];
                Screen::Question(Field::for_answer(question, self.interview.answer(q)))
            }
            Step::Review => Screen::Review { cursor: 0 },
        };
    }
}
