//! The screen-by-screen half of [`App::update`]: what each message does on the welcome screen, a
//! question, the review and the result. The dispatcher and the state live in [`super::app`].

use super::app::{App, Field, Overlay, Recording, ResultView, Screen, WelcomeItem, option_count};
use super::message::{Effect, Message};
use kouteki_core::answers::{Answers, Value};
use kouteki_core::content::{QuestionIdx, QuestionKind};
use kouteki_core::interview::Step;
use kouteki_core::report::{Report, to_markdown};

impl App {
    pub(super) fn update_welcome(&mut self, message: Message) -> Vec<Effect> {
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

    pub(super) fn update_question(&mut self, q: QuestionIdx, message: Message) -> Vec<Effect> {
        let kind = self.content().questions[q].kind.clone();
        let options = option_count(&kind);
        match message {
            Message::Up => self.field.cursor = self.field.cursor.saturating_sub(1),
            Message::Down if options > 0 => {
                self.field.cursor = (self.field.cursor + 1).min(options - 1);
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

    pub(super) fn update_review(&mut self, message: Message) -> Vec<Effect> {
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
    pub(super) fn answer_consent(&mut self, message: &Message) -> Vec<Effect> {
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

    pub(super) fn update_result(&mut self, message: Message) -> Vec<Effect> {
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
    pub(super) fn load_field(&mut self) {
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
