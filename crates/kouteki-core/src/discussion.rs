//! What a consultation is to talk about: the questions and findings marked "to discuss" (by the
//! resident preparing alone, or by either side during a consultation) and the consultant's notes on
//! findings. Personal data like the answers: kept with them, written only where the answers are.

use std::collections::{BTreeMap, BTreeSet};

/// One thing marked "to discuss".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A question, by id (marked on the question or its review row).
    Question(String),
    /// A finding or an upcoming change, by id (marked on the result screen).
    Finding(String),
}

/// A consultant's note on a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Who wrote it (the consultant's display name).
    pub author: String,
    /// The note, one line.
    pub text: String,
}

/// The marks and notes of one interview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discussion {
    marks: BTreeSet<Mark>,
    notes: BTreeMap<String, Note>,
}

/// The longest note kept, in characters (a one-line field; a paste cannot make it a document).
pub const MAX_NOTE_CHARS: usize = 500;

impl Discussion {
    /// Marks `mark`, or unmarks it when it was marked; `true` when it is marked now.
    pub fn toggle(&mut self, mark: Mark) -> bool {
        if self.marks.remove(&mark) {
            false
        } else {
            self.marks.insert(mark);
            true
        }
    }

    /// Marks `mark` (reading an answers file).
    pub fn mark(&mut self, mark: Mark) {
        self.marks.insert(mark);
    }

    /// Whether `mark` is marked.
    pub fn is_marked(&self, mark: &Mark) -> bool {
        self.marks.contains(mark)
    }

    /// Every mark, questions first, each kind by id.
    pub fn marks(&self) -> impl Iterator<Item = &Mark> {
        self.marks.iter()
    }

    /// The note on `finding`, if any.
    pub fn note(&self, finding: &str) -> Option<&Note> {
        self.notes.get(finding)
    }

    /// Attaches a note to `finding` (trimmed and capped at [`MAX_NOTE_CHARS`]); an empty text takes
    /// the note away.
    pub fn set_note(&mut self, finding: &str, author: &str, text: &str) {
        let text: String = text.trim().chars().take(MAX_NOTE_CHARS).collect();
        if text.is_empty() {
            self.notes.remove(finding);
        } else {
            let author = author.to_string();
            self.notes
                .insert(finding.to_string(), Note { author, text });
        }
    }

    /// Every note with its finding's id, by id.
    pub fn notes(&self) -> impl Iterator<Item = (&str, &Note)> {
        self.notes.iter().map(|(id, note)| (id.as_str(), note))
    }

    /// Whether nothing is marked and no note written.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.notes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_toggle_and_notes_replace_or_vanish() {
        let mut d = Discussion::default();
        assert!(d.toggle(Mark::Question("status".into())));
        assert!(d.is_marked(&Mark::Question("status".into())));
        assert!(!d.toggle(Mark::Question("status".into())));
        assert!(d.is_empty());
        d.set_note("pension.unpaid", "Sato", "  bring the receipts ");
        assert_eq!(
            d.note("pension.unpaid").map(|n| n.text.as_str()),
            Some("bring the receipts")
        );
        d.set_note("pension.unpaid", "Sato", "   ");
        assert!(
            d.note("pension.unpaid").is_none(),
            "an empty note removes it"
        );
        d.set_note("x", "Sato", &"あ".repeat(2 * MAX_NOTE_CHARS));
        assert_eq!(
            d.note("x").map(|n| n.text.chars().count()),
            Some(MAX_NOTE_CHARS)
        );
    }
}
