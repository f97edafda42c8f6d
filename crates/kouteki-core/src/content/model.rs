//! The checked, ready-to-use form of a content pack: what the engine, the interview and the reports read.
//!
//! Ids are resolved to indices at load time, so assessment never looks a name up in a map.

use crate::content_str::Str;
use jiff::civil::Date;

use super::condition::Cond;
use crate::lang::Text;
use crate::severity::{Area, Severity};

pub use crate::answers::QuestionIdx;

/// A whole content pack, checked.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Content {
    /// Pack metadata: name, version, review date, disclaimer.
    pub pack: PackInfo,
    /// Sections in display order.
    pub sections: Vec<Section>,
    /// Questions in the order they are asked.
    pub questions: Vec<Question>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// Report-level notes.
    pub notes: Vec<Note>,
    /// The timeline entries, documents and lengths.
    pub schedule: super::schedule::Schedule,
    /// Content lints that do not stop the pack from loading (weak sources, one-language titles):
    /// `kouteki check` lists them and `--strict` fails on them.
    #[serde(skip)]
    pub warnings: Vec<crate::formats::location::LocatedError>,
}

/// What a pack says about itself.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PackInfo {
    /// A human name for the pack.
    pub name: Str,
    /// The content version; questions added later say `since` a higher one.
    pub version: Str,
    /// When the content was last reviewed against its sources.
    pub reviewed: Date,
    /// The not-legal-advice notice.
    pub disclaimer: Text,
}

/// A group of questions shown together; non-profile sections map to an area.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Stable id (`profile`, `taxes`, ...).
    pub id: Str,
    /// The area this section's findings belong to; `None` for the profile.
    pub area: Option<Area>,
    /// Title shown in the interview.
    pub title: Text,
}

/// One question of the interview.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Stable id used in answers files.
    pub id: Str,
    /// Index into [`Content::sections`].
    pub section: usize,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The content version that added it; answers files made before may leave it out.
    pub since: Str,
    /// When to ask it; `None` means always.
    pub ask_if: Option<Cond>,
    /// `ask_if` as written, to explain why a question is asked.
    pub ask_if_text: Option<Str>,
    /// The questions `ask_if` refers to.
    pub depends_on: Vec<QuestionIdx>,
    /// The question itself.
    pub text: Text,
    /// Why we ask.
    pub why: Text,
    /// Where to find the answer.
    pub where_to_find: Option<Text>,
}

impl Question {
    /// The choices of a choice or multi-choice question (empty for other kinds).
    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            QuestionKind::Choice { choices, .. } | QuestionKind::MultiChoice { choices } => choices,
            _ => &[],
        }
    }

    /// The choice ids, comma-separated, for messages that say what was expected.
    pub fn choice_ids(&self) -> String {
        self.choices()
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The index of the choice with this id.
    pub fn choice_index(&self, id: &str) -> Option<usize> {
        self.choices().iter().position(|c| c.id == id)
    }
}

/// The kinds of answers a question can take.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum QuestionKind {
    /// Yes or no.
    YesNo,
    /// Exactly one of the choices; `unsure` is the "I'm not sure" choice if the content offers one.
    Choice {
        /// The choices in display order.
        choices: Vec<Choice>,
        /// Index of the "I'm not sure" choice.
        unsure: Option<usize>,
    },
    /// Any number of the choices.
    MultiChoice {
        /// The choices in display order.
        choices: Vec<Choice>,
    },
    /// A whole number within an inclusive range.
    Number {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
        /// Unit shown beside the field.
        unit: Option<Text>,
    },
    /// A calendar date.
    Date,
    /// A calendar month (`2025-07`), for what people remember by month, like a late payment.
    Month,
    /// Free text.
    Text,
}

impl QuestionKind {
    /// The type of question this kind belongs to.
    pub fn question_type(&self) -> QuestionType {
        match self {
            QuestionKind::YesNo => QuestionType::YesNo,
            QuestionKind::Choice { .. } => QuestionType::Choice,
            QuestionKind::MultiChoice { .. } => QuestionType::MultiChoice,
            QuestionKind::Number { .. } => QuestionType::Number,
            QuestionKind::Date => QuestionType::Date,
            QuestionKind::Month => QuestionType::Month,
            QuestionKind::Text => QuestionType::Text,
        }
    }

    /// The type's name as written in content files.
    pub fn name(&self) -> &'static str {
        self.question_type().name()
    }
}

/// A question's `type` as content files name it: the kind without its data. Its names are written
/// once, in [`QuestionType::name`], for reading content and for every message that names a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionType {
    /// `yes_no`.
    YesNo,
    /// `choice`.
    Choice,
    /// `multi_choice`.
    MultiChoice,
    /// `number`.
    Number,
    /// `date`.
    Date,
    /// `month`.
    Month,
    /// `text`.
    Text,
}

impl QuestionType {
    /// Every type, in the order error messages list them.
    pub const ALL: [QuestionType; 7] = [
        QuestionType::YesNo,
        QuestionType::Choice,
        QuestionType::MultiChoice,
        QuestionType::Number,
        QuestionType::Date,
        QuestionType::Month,
        QuestionType::Text,
    ];

    /// The name as written in content files.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::YesNo => "yes_no",
            QuestionType::Choice => "choice",
            QuestionType::MultiChoice => "multi_choice",
            QuestionType::Number => "number",
            QuestionType::Date => "date",
            QuestionType::Month => "month",
            QuestionType::Text => "text",
        }
    }

    /// The type with this name, as written in content files.
    pub fn from_name(name: &str) -> Option<QuestionType> {
        QuestionType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether questions of this type list `[[questions.choices]]`.
    pub fn takes_choices(self) -> bool {
        matches!(self, QuestionType::Choice | QuestionType::MultiChoice)
    }
}

/// One choice of a choice question.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    /// Stable id used in answers files.
    pub id: Str,
    /// What the user sees.
    pub label: Text,
}

/// Whether a source is law, commentary or an announced plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Law text, government and municipal pages.
    Official,
    /// Professionals' summaries, news.
    Secondary,
    /// Announced, not yet law.
    Plan,
}

/// Where a rule's facts come from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The page's title in each report language (a title written once, as in older packs, is used for
    /// both, and `kouteki check` warns about it).
    pub title: Text,
    /// A full https URL.
    pub url: Str,
    /// What kind of source it is.
    pub kind: SourceKind,
}

/// A rule: when its condition holds (and it is in force), it becomes a finding.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// Stable id, e.g. `pension.unpaid`.
    pub id: Str,
    /// The area its finding belongs to.
    pub area: Area,
    /// How serious its finding is.
    pub severity: Severity,
    /// When it applies.
    pub when: Cond,
    /// The questions `when` refers to, in questionnaire order: the answers a finding rests on.
    pub rests_on: Vec<QuestionIdx>,
    /// First day in force, if dated.
    pub effective_from: Option<Date>,
    /// Last day in force, if dated.
    pub effective_until: Option<Date>,
    /// An announced change not yet law: only ever listed as upcoming.
    pub plan: bool,
    /// Short title.
    pub title: Text,
    /// Plain explanation.
    pub explanation: Text,
    /// What to do next.
    pub actions: Vec<Text>,
    /// Documents to prepare.
    pub documents: Vec<Text>,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// Text added when a further condition holds.
    pub extras: Vec<Extra>,
}

/// Text a rule adds when a further condition holds (e.g. the user's goal, or the evaluation date with
/// `as_of`), or, with `replace`, text that takes the place of the rule's own: so that a reader in a
/// case the general text does not fit (a special permanent resident, a date before a law changed)
/// reads words meant for them, never a paragraph and its contradiction.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Extra {
    /// When to add it.
    pub when: Cond,
    /// Whether its explanation, actions, documents and sources replace the rule's (and those of the
    /// extras before it) instead of following them.
    pub replace: bool,
    /// A title that takes the place of the rule's.
    pub title: Option<Text>,
    /// A further paragraph of explanation (with `replace`, the whole explanation).
    pub explanation: Option<Text>,
    /// Further actions (with `replace`, when given, all of them).
    pub actions: Vec<Text>,
    /// Further documents (with `replace`, when given, all of them).
    pub documents: Vec<Text>,
    /// Further sources (with `replace`, when given, all of them).
    pub sources: Vec<Source>,
}

/// A report-level note: context for the whole assessment, never a severity.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Note {
    /// Stable id.
    pub id: Str,
    /// When to show it.
    pub when: Cond,
    /// The note.
    pub text: Text,
}

impl Content {
    /// The index of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<QuestionIdx> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The area of a question's section, if it has one.
    pub fn question_area(&self, q: QuestionIdx) -> Option<Area> {
        self.sections[self.questions[q].section].area
    }

    /// All sources cited, without repeats (by URL), in first-cited order.
    pub fn distinct_sources(&self) -> Vec<&Source> {
        let mut seen = std::collections::HashSet::new();
        self.rules
            .iter()
            .flat_map(|r| &r.sources)
            .filter(|s| seen.insert(s.url.as_str()))
            .collect()
    }
}
