//! The checked timeline and documents of a pack: which dates an assessment shows and which documents
//! it asks for, each declared in content with a named rule of [`crate::dates::rules`], so the view
//! and the engine hold no special cases.

use super::condition::Cond;
use super::model::{QuestionIdx, Source};
use crate::answers::Lookup;
use crate::content_str::Str;
use crate::lang::Text;

/// Everything dated a pack declares (empty for packs written before dates).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Schedule {
    /// Named lengths in file order.
    pub lengths: Vec<Length>,
    /// Timeline entries in file order.
    pub timeline: Vec<TimelineEntry>,
    /// Documents in file order (the order of the checklist).
    pub documents: Vec<Document>,
    /// While this holds, no earliest clean application date is given (something is unpaid now);
    /// `None`: never given.
    pub clean_unless: Option<Cond>,
}

/// A number of years that depends on the answers (the tax window: 3 years on the spouse route, else 5).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Length {
    /// Stable id, referred to by entries and documents.
    pub id: Str,
    /// The value when no case holds.
    pub default: u8,
    /// Cases in order; the first whose condition holds gives the value.
    pub cases: Vec<(Cond, u8)>,
}

/// A number written in content: fixed, or a named [`Length`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Amount {
    /// This number.
    Fixed(u8),
    /// The value of [`Schedule::lengths`]`[i]` for the answers.
    Named(usize),
}

/// What kind of date an entry is, for its colour and its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A last day to act (red once past).
    Deadline,
    /// A day from which something can be done (blue).
    Opens,
    /// A day from which a look-back window is clean (green).
    Clean,
}

impl EntryKind {
    /// Every kind, with its name in content files and JSON.
    pub const ALL: [(EntryKind, &'static str); 3] = [
        (EntryKind::Deadline, "deadline"),
        (EntryKind::Opens, "opens"),
        (EntryKind::Clean, "clean"),
    ];

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<EntryKind> {
        EntryKind::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(k, _)| *k)
    }
}

/// A named date rule with its answer and numbers resolved (see [`crate::dates::rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateRule {
    /// A date answer moved by months.
    Shift {
        /// The date question.
        of: QuestionIdx,
        /// Months to add (negative: before).
        months: i32,
    },
    /// The evaluation date minus a number answer (days ago), plus days.
    DaysAgoPlus {
        /// The number question (days ago).
        of: QuestionIdx,
        /// Days to add.
        days: i64,
    },
    /// The last day of a month answer plus months.
    MonthEndAfter {
        /// The month question.
        of: QuestionIdx,
        /// Months to add.
        months: i32,
    },
    /// Day 1 of a month answer plus years and months.
    MonthStartAfter {
        /// The month question.
        of: QuestionIdx,
        /// Years to add.
        years: Amount,
        /// Months to add beside the years.
        months: i32,
    },
}

impl DateRule {
    /// The question whose answer the date is computed from.
    pub fn question(&self) -> QuestionIdx {
        match *self {
            DateRule::Shift { of, .. }
            | DateRule::DaysAgoPlus { of, .. }
            | DateRule::MonthEndAfter { of, .. }
            | DateRule::MonthStartAfter { of, .. } => of,
        }
    }
}

/// One dated entry of the timeline.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TimelineEntry {
    /// Stable id (`stay.expires`).
    pub id: Str,
    /// Deadline, opening or clean date.
    pub kind: EntryKind,
    /// When it applies (its rule's answer must be given too).
    pub when: Cond,
    /// How its date is computed.
    pub rule: DateRule,
    /// Short title shown on the axis and in lists.
    pub title: Text,
    /// Where the date rule comes from.
    pub sources: Vec<Source>,
    /// Caveats shown with the entry when their condition holds (a derivation, a cautious window).
    pub notes: Vec<(Cond, Text)>,
}

/// A named period rule for a document (see [`crate::dates::rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PeriodRule {
    /// The latest N fiscal years (年度) whose certificates exist.
    LatestFiscalYears {
        /// N.
        years: Amount,
    },
    /// The N whole months before the evaluation month.
    MonthsBefore {
        /// N.
        months: i32,
    },
}

/// One document to bring.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Stable id (`residence_tax_certificates`).
    pub id: Str,
    /// When the goal's checklist includes it.
    pub when: Cond,
    /// The period it must cover, if any.
    pub period: Option<PeriodRule>,
    /// Immigration wants it issued within this many months.
    pub issued_within_months: Option<u8>,
    /// Rules whose findings ask for it (indices into [`super::Content::rules`]).
    pub findings: Vec<usize>,
    /// What it is.
    pub title: Text,
    /// Where to get it.
    pub where_to_get: Text,
    /// A caveat (cities differ by days).
    pub note: Option<Text>,
    /// Where the requirement comes from.
    pub sources: Vec<Source>,
}

impl Schedule {
    /// The value of an amount for these answers.
    pub fn amount<L: Lookup + ?Sized>(
        &self,
        amount: Amount,
        answers: &L,
        as_of: jiff::civil::Date,
    ) -> u8 {
        match amount {
            Amount::Fixed(n) => n,
            Amount::Named(i) => {
                let length = &self.lengths[i];
                length
                    .cases
                    .iter()
                    .find(|(cond, _)| cond.eval(answers, as_of))
                    .map_or(length.default, |(_, v)| *v)
            }
        }
    }
}
