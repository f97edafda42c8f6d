//! The consultation's part of `update`: the client's answer to a request to join, `F2`, the
//! consultant leaving, and what the server reports (a request, its end, a dropped consultant).

use super::super::app::{App, CodeEntry, Screen};
use super::super::consultation::{Consultant, Decision, Event};
use super::super::message::{Command, Effect, Message};
use super::super::notice::Notice;

impl App {
    /// What the server reports about the consultation.
    pub(super) fn on_consultation(&mut self, event: Event) {
        match event {
            Event::Asked { name } => self.consultation.asking = Some(name),
            Event::AskEnded => {
                if let Some(name) = self.consultation.asking.take() {
                    self.notice = Some(Notice::JoinNotAnswered(name));
                }
            }
            Event::ConsultantGone => {
                if let Some(consultant) = self.consultation.consultant.take() {
                    self.notice = Some(Notice::ConsultantLeft(consultant.name));
                }
            }
            Event::ClientAway => self.notice = Some(Notice::ClientAway),
            Event::ClientBack => self.notice = Some(Notice::ClientBack),
            Event::ResumeFailed(failure) => {
                if let Screen::ResumeCode(entry) = &mut self.screen {
                    *entry = CodeEntry {
                        failure: Some(failure),
                        ..CodeEntry::default()
                    };
                }
            }
        }
    }

    /// A key on "Resume a session": the code is typed, sent with Enter; Esc and ← go back.
    pub(super) fn update_resume_code(&mut self, message: &Message) -> Vec<Effect> {
        let Screen::ResumeCode(entry) = &mut self.screen else {
            return vec![];
        };
        match message {
            Message::Type(c) if entry.typed.chars().count() < 12 && !entry.waiting => {
                entry.typed.push(*c);
                entry.failure = None;
            }
            Message::Command(Command::Erase) => {
                entry.typed.pop();
            }
            Message::Command(Command::Confirm) if !entry.typed.trim().is_empty() => {
                entry.waiting = true;
                return vec![Effect::Resume(entry.typed.clone())];
            }
            Message::Command(Command::Quit | Command::Back) if !entry.waiting => {
                let cursor = self.welcome_items().len() - 1;
                self.screen = Screen::Welcome { cursor };
            }
            _ => {}
        }
        vec![]
    }

    /// The client's answer to "<name> asks to join": `w` watch, `d` watch and answer, `n` or Esc
    /// refuse; other keys wait (a word being typed when the request appears grants nothing).
    pub(super) fn answer_request(&mut self, command: Option<Command>) -> Vec<Effect> {
        let decision = match command {
            Some(Command::LetWatch) => Decision::Admit { may_answer: false },
            Some(Command::LetAnswer) => Decision::Admit { may_answer: true },
            Some(Command::Refuse) => Decision::Refuse,
            _ => return vec![],
        };
        let Some(name) = self.consultation.asking.take() else {
            return vec![];
        };
        if let Decision::Admit { may_answer } = decision {
            self.consultation.consultant = Some(Consultant { name, may_answer });
            // An old "left" or "removed" would read as about this visit.
            self.notice = None;
        }
        vec![Effect::Consultation(decision)]
    }

    /// `F2`: watch → watch and answer → removed.
    pub(super) fn change_consultant(&mut self) -> Vec<Effect> {
        let Some(consultant) = &mut self.consultation.consultant else {
            return vec![];
        };
        if consultant.may_answer {
            let name = consultant.name.clone();
            self.consultation.consultant = None;
            self.notice = Some(Notice::ConsultantRemoved(name));
            vec![Effect::Consultation(Decision::Remove)]
        } else {
            consultant.may_answer = true;
            vec![Effect::Consultation(Decision::Allow { may_answer: true })]
        }
    }

    /// The consultant leaves (`q`, Ctrl-C): both screens stop saying they are there.
    pub(super) fn leave(&mut self) -> Vec<Effect> {
        if let Some(consultant) = self.consultation.consultant.take() {
            self.notice = Some(Notice::ConsultantLeft(consultant.name));
        }
        vec![Effect::Consultation(Decision::Leave)]
    }
}
