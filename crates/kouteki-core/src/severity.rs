//! How serious a finding is, and the four areas findings are grouped in. Their words for people are
//! in [`crate::i18n`].

use serde::{Deserialize, Serialize};

/// How serious a finding is; ordered mildest first so `max` gives the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing to do (green).
    Ok,
    /// Good to know, no duty at stake (blue).
    Info,
    /// Something to check or a risk (yellow).
    Caution,
    /// A duty is not being kept (red).
    Violation,
}

impl Severity {
    /// All severities, mildest first.
    pub const ALL: [Severity; 4] = [
        Severity::Ok,
        Severity::Info,
        Severity::Caution,
        Severity::Violation,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Ok => "ok",
            Severity::Info => "info",
            Severity::Caution => "caution",
            Severity::Violation => "violation",
        }
    }

    /// A symbol that carries the severity without color (for NO_COLOR and screen readers).
    pub fn symbol(self) -> &'static str {
        match self {
            Severity::Ok => "✔",
            Severity::Info => "ℹ",
            Severity::Caution => "▲",
            Severity::Violation => "✖",
        }
    }

    /// Parses an id as written in content files.
    pub fn from_id(id: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// One of the four areas of public duties, in the contract's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Income tax and residence tax.
    Taxes,
    /// Pension and health insurance.
    SocialInsurance,
    /// ICRRA notifications and the period of stay.
    Notifications,
    /// The residence card and the My Number Card.
    Cards,
}

impl Area {
    /// All areas in display order.
    pub const ALL: [Area; 4] = [
        Area::Taxes,
        Area::SocialInsurance,
        Area::Notifications,
        Area::Cards,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Area::Taxes => "taxes",
            Area::SocialInsurance => "social_insurance",
            Area::Notifications => "notifications",
            Area::Cards => "cards",
        }
    }

    /// Parses an id as written in content files.
    pub fn from_id(id: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.id() == id)
    }

    /// The position in display order.
    pub fn index(self) -> usize {
        self as usize
    }
}
