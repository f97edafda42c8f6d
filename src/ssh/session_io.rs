//! What a session does with the app's effects: answers live only in the session's memory (no
//! drafts, no reports on the server), except a recording the client agreed to; the app's decisions
//! about the consultant are collected for the session to carry out.

use std::path::PathBuf;

use crate::io::record::{Recording, record, recording_name};
use crate::tui::consultation::Decision;
use crate::tui::notice::Notice;
use crate::tui::run::Io;
use crate::tui::{Effect, Message};

/// The session's side of the app's effects.
#[derive(Debug)]
pub struct SessionIo {
    record_dir: Option<PathBuf>,
    conn: u64,
    /// The recording's name once made: a later recording of the session replaces it.
    recorded_as: Option<String>,
    decisions: Vec<Decision>,
    resume: Option<String>,
}

impl SessionIo {
    /// Effects of the session of connection `conn`, recording into `record_dir` with consent.
    pub fn new(record_dir: Option<PathBuf>, conn: u64) -> SessionIo {
        SessionIo {
            record_dir,
            conn,
            recorded_as: None,
            decisions: Vec::new(),
            resume: None,
        }
    }

    /// The decisions about the consultant since last asked, in order.
    pub fn take_decisions(&mut self) -> Vec<Decision> {
        std::mem::take(&mut self.decisions)
    }

    /// The code of a kept session the client asked to resume, if they did.
    pub fn take_resume(&mut self) -> Option<String> {
        self.resume.take()
    }

    fn record(&mut self, recording: &Recording) {
        let Some(dir) = &self.record_dir else {
            return;
        };
        let name = self
            .recorded_as
            .get_or_insert_with(|| recording_name(self.conn));
        match record(dir, name, recording) {
            Ok(()) => {
                tracing::info!(
                    conn = self.conn,
                    "session recorded with the client's consent"
                );
            }
            Err(e) => {
                tracing::warn!(conn = self.conn, error = %e, "could not record the session");
            }
        }
    }
}

impl Io for SessionIo {
    fn perform(&mut self, effect: Effect) -> Option<Message> {
        match effect {
            Effect::SaveDraft(_) | Effect::DiscardDraft | Effect::Quit => None,
            Effect::SaveReport(_) => Some(Message::Notify(Notice::ReportUnavailable)),
            Effect::Record {
                answers,
                markdown,
                calendar,
            } => {
                self.record(&Recording {
                    answers,
                    markdown,
                    calendar,
                });
                None
            }
            Effect::Consultation(decision) => {
                self.decisions.push(decision);
                None
            }
            Effect::Resume(code) => {
                self.resume = Some(code);
                None
            }
        }
    }
}
