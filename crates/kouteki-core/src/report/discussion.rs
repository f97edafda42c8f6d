//! The "to discuss" part of a report: what was marked, with the answer or the finding it is about,
//! and the consultant's notes, in the report's language. Built when a report is handed over (the
//! Markdown report, a recording) and by the result screen as marks change.

use crate::answers::{Answers, Lookup};
use crate::content::Content;
use crate::discussion::{Discussion, Mark};
use crate::lang::Lang;
use crate::severity::Severity;

use super::answer_text::answer_text;
use super::model::Report;

/// One marked item as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedItem {
    /// The question's or finding's id.
    pub id: String,
    /// The question, or the finding's title.
    pub title: String,
    /// What it is, with what goes beside it.
    pub kind: MarkedKind,
}

/// What a marked item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkedKind {
    /// A question, with the answer that counts (`None`: not answered, or no longer asked).
    Question {
        /// The answer in words.
        answer: Option<String>,
    },
    /// A finding (with its severity) or an upcoming change (none).
    Finding {
        /// The finding's severity.
        severity: Option<Severity>,
    },
}

/// A consultant's note as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteItem {
    /// The finding's id.
    pub finding: String,
    /// The finding's title.
    pub title: String,
    /// The consultant's name.
    pub author: String,
    /// The note.
    pub text: String,
}

/// Marks and notes, localized.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportDiscussion {
    /// What was marked, questions first.
    pub marked: Vec<MarkedItem>,
    /// The consultant's notes, by finding.
    pub notes: Vec<NoteItem>,
}

impl ReportDiscussion {
    /// The discussion against `report` (its language and findings) and the answers that count.
    pub fn new(
        content: &Content,
        answers: &Answers,
        discussion: &Discussion,
        report: &Report,
    ) -> ReportDiscussion {
        let marked = discussion
            .marks()
            .filter_map(|mark| marked_item(content, answers, report, mark))
            .collect();
        let notes = discussion
            .notes()
            .map(|(finding, note)| NoteItem {
                finding: finding.to_string(),
                title: finding_title(report, finding).unwrap_or_else(|| finding.to_string()),
                author: note.author.clone(),
                text: note.text.clone(),
            })
            .collect();
        ReportDiscussion { marked, notes }
    }

    /// Whether there is nothing to discuss.
    pub fn is_empty(&self) -> bool {
        self.marked.is_empty() && self.notes.is_empty()
    }
}

fn marked_item(
    content: &Content,
    answers: &Answers,
    report: &Report,
    mark: &Mark,
) -> Option<MarkedItem> {
    let lang: Lang = report.lang;
    match mark {
        Mark::Question(id) => {
            let q = content.question_index(id)?;
            Some(MarkedItem {
                id: id.clone(),
                title: content.questions[q].text.get(lang).to_string(),
                kind: MarkedKind::Question {
                    answer: answers.get(q).map(|v| answer_text(v, content, q, lang)),
                },
            })
        }
        Mark::Finding(id) => {
            let severity = report
                .findings
                .iter()
                .find(|f| &f.id == id)
                .map(|f| f.severity);
            Some(MarkedItem {
                id: id.clone(),
                title: finding_title(report, id)?,
                kind: MarkedKind::Finding { severity },
            })
        }
    }
}

/// The title of a finding or upcoming change of `report`.
fn finding_title(report: &Report, id: &str) -> Option<String> {
    let finding = report
        .findings
        .iter()
        .find(|f| f.id == id)
        .map(|f| &f.title);
    let upcoming = || {
        report
            .upcoming
            .iter()
            .find(|u| u.id == id)
            .map(|u| &u.title)
    };
    finding.or_else(upcoming).cloned()
}
