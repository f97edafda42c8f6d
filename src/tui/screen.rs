//! Each screen's own state, owned by [`super::app::Screen`]: nothing a screen shows is stored twice,
//! and leaving a screen drops its state (a result does not outlive "change answers").

use kouteki_core::answers::Value;
use kouteki_core::content::{Content, Question, QuestionKind};
use kouteki_core::engine::Assessment;
use kouteki_core::interview::InputError;
use kouteki_core::lang::Lang;
use kouteki_core::report::Report;

/// The welcome menu's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeItem {
    /// Continue the saved draft.
    Resume,
    /// Start a new check (or go back to the one under way).
    Start,
    /// Switch language.
    Language,
    /// Resume a session kept after a dropped connection, by its code (over SSH).
    ResumeSession,
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
    /// Why the last confirmation was refused (put into words when drawn).
    pub error: Option<InputError>,
}

impl Field {
    /// The field of `question`, showing its existing answer (or nothing).
    pub fn for_answer(question: &Question, answer: Option<&Value>) -> Field {
        let mut field = Field {
            ticked: vec![false; question.choices().len()],
            ..Field::default()
        };
        match answer {
            Some(Value::Choice(i)) => field.cursor = *i,
            Some(Value::Bool(b)) => field.cursor = usize::from(!*b),
            Some(Value::Choices(list)) => list.iter().for_each(|i| field.ticked[*i] = true),
            Some(Value::Number(n)) => field.text = n.to_string(),
            Some(Value::Date(d)) => field.text = d.to_string(),
            Some(Value::Month(m)) => field.text = m.to_string(),
            Some(Value::Text(t)) => field.text.clone_from(t),
            None => {}
        }
        field
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

/// Whether a question takes typed input (so printable keys go into the field).
pub fn is_typed(kind: &QuestionKind) -> bool {
    matches!(
        kind,
        QuestionKind::Number { .. } | QuestionKind::Date | QuestionKind::Month | QuestionKind::Text
    )
}

/// The result in both languages, localized once when the result is shown: whoever looks, in
/// whichever language, reads a finished [`Report`].
#[derive(Debug, Clone)]
pub struct Reports {
    en: Report,
    ja: Report,
}

impl Reports {
    /// Both reports of one assessment.
    pub fn new(content: &Content, assessment: &Assessment) -> Reports {
        Reports {
            en: Report::new(content, assessment, Lang::En),
            ja: Report::new(content, assessment, Lang::Ja),
        }
    }

    /// The report in `lang`.
    pub fn get(&self, lang: Lang) -> &Report {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}

/// The result screen's state shared by everyone looking at it (where each viewer scrolled the
/// detail pane is theirs: [`super::viewer::DetailPane`]).
#[derive(Debug, Clone)]
pub struct ResultView {
    /// The result.
    pub reports: Reports,
    /// Selected entry of the list (findings, upcoming changes, "to discuss", "about this result").
    pub selected: usize,
}

/// An entry of the result's list, in list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A finding, by its place in the report.
    Finding(usize),
    /// An upcoming change, by its place in the report.
    Upcoming(usize),
    /// The timeline (only when it has entries).
    Timeline,
    /// The documents to bring (only when there are any).
    Documents,
    /// What is marked to discuss, with the consultant's notes (only when there is any).
    Discussion,
    /// About this result: unanswered questions, the content's notes.
    About,
}

impl ResultView {
    /// A result with its first entry selected.
    pub fn new(reports: Reports) -> ResultView {
        ResultView {
            reports,
            selected: 0,
        }
    }

    /// The list's entries: findings, upcoming changes, "to discuss" when `discussion` (something is
    /// marked or noted), and "about this result".
    pub fn entries(&self, discussion: bool) -> Vec<Entry> {
        let report = self.reports.get(Lang::En);
        (0..report.findings.len())
            .map(Entry::Finding)
            .chain((0..report.upcoming.len()).map(Entry::Upcoming))
            .chain((!report.timeline.is_empty()).then_some(Entry::Timeline))
            .chain((!report.documents.is_empty()).then_some(Entry::Documents))
            .chain(discussion.then_some(Entry::Discussion))
            .chain([Entry::About])
            .collect()
    }

    /// The id of the finding at list position `at`, if a finding is there.
    pub fn finding_id(&self, at: usize) -> Option<String> {
        let findings = &self.reports.get(Lang::En).findings;
        findings.get(at).map(|f| f.id.clone())
    }

    /// The id of the finding or upcoming change at list position `at`, if one is there.
    pub fn entry_id(&self, at: usize) -> Option<String> {
        let report = self.reports.get(Lang::En);
        let upcoming = at.checked_sub(report.findings.len());
        self.finding_id(at).or_else(|| {
            upcoming
                .and_then(|u| report.upcoming.get(u))
                .map(|u| u.id.clone())
        })
    }
}
