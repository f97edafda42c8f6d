//! The localized view of an assessment that every report format renders.
//!
//! Its serde form is the JSON output of CONTRACT.md, so the JSON renderer is a plain serialization
//! and the text and Markdown renderers cannot drift from it.

use serde::Serialize;

use super::finding_texts::FindingTexts;
use crate::content::{Content, Extra, SourceKind};
use crate::engine::Assessment;
use crate::i18n;
use crate::lang::Lang;
use crate::lang::Text;
use crate::severity::{Area, Severity};

use super::discussion::ReportDiscussion;

/// A whole report in one language.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// Evaluation date, `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    pub as_of: String,
    /// Content review date, `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    pub content_reviewed: String,
    /// The evaluation date as the report's language writes it (2026年11月24日 in Japanese).
    #[serde(skip)]
    pub as_of_text: String,
    /// The evaluation date itself, for renderers that need a date (the calendar file's stamp).
    #[serde(skip)]
    pub as_of_date: jiff::civil::Date,
    /// The review date as the report's language writes it.
    #[serde(skip)]
    pub content_reviewed_text: String,
    /// Report language.
    pub lang: Lang,
    /// Worst area severity.
    pub overall: Severity,
    /// Each area's severity, in contract order (the JSON holds only the severity).
    pub areas: Areas,
    /// Findings, worst first.
    pub findings: Vec<ReportFinding>,
    /// Future and planned changes.
    pub upcoming: Vec<ReportUpcoming>,
    /// Ids of questions on the path left unanswered.
    pub unanswered: Vec<String>,
    /// Dated entries, by date then id.
    pub timeline: Vec<super::schedule::ReportTimelineEntry>,
    /// From this date, `YYYY-MM-DD`, no look-back window holds a late payment told about (`null`
    /// when none is known or something is unpaid now).
    pub earliest_clean_application: Option<String>,
    /// The same date as the report's language writes it.
    #[serde(skip)]
    pub earliest_clean_application_text: Option<String>,
    /// The documents to bring.
    pub documents: Vec<super::schedule::ReportDocument>,
    /// Report-level notes.
    pub notes: Vec<ReportNote>,
    /// The not-legal-advice notice.
    pub disclaimer: String,
    /// What is marked to discuss and the consultant's notes (not part of the JSON contract:
    /// personal data that only the reports handed over carry).
    #[serde(skip)]
    pub discussion: ReportDiscussion,
}

/// One finding, localized.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportFinding {
    /// Rule id.
    pub id: String,
    /// Area.
    pub area: Area,
    /// Severity.
    pub severity: Severity,
    /// Title.
    pub title: String,
    /// Explanation, with any extra paragraphs.
    pub explanation: String,
    /// What to do.
    pub actions: Vec<String>,
    /// Documents to prepare.
    pub documents: Vec<String>,
    /// The answers it rests on: question id → answer as in answers files.
    #[cfg_attr(feature = "schema", schemars(schema_with = "answer_values_schema"))]
    pub rests_on: serde_json::Map<String, serde_json::Value>,
    /// Sources.
    pub sources: Vec<ReportSource>,
    /// The same answers for people: (question, answer) in words.
    #[serde(skip)]
    pub why: Vec<(String, String)>,
}

/// One source, its title in the report's language: the contract's `{"title", "url", "kind"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportSource {
    /// The title, in the report language.
    pub title: String,
    /// A full https URL (an IRI: official pages have Japanese in their paths).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "iri"), regex(pattern = "^https://")))]
    pub url: String,
    /// Official, secondary or plan.
    pub kind: SourceKind,
}

/// One upcoming change, localized.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportUpcoming {
    /// Rule id.
    pub id: String,
    /// Start date, `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date")))]
    pub effective_from: String,
    /// The start date as the report line says it (「2027年4月1日から」, 「予定日 2027年3月31日」).
    #[serde(skip)]
    pub when: String,
    /// Announced, not yet law.
    pub plan: bool,
    /// Title.
    pub title: String,
    /// For a plan whose date has passed: check whether it took effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its severity once in force.
    pub severity: Severity,
    /// Its area.
    pub area: Area,
    /// What it will mean (for the result screen's detail pane; not part of the JSON contract).
    #[serde(skip)]
    pub explanation: String,
}

/// One area's result: typed, with its count, so no front end recounts or parses it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaSummary {
    /// The area.
    pub area: Area,
    /// Its worst finding's severity (ok when it has none).
    pub severity: Severity,
    /// How many findings it has.
    pub findings: usize,
}

/// The four areas' results, in contract order; serialized as the contract's
/// `{"taxes": "ok", ...}` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas([AreaSummary; 4]);

impl Areas {
    /// The results of an assessment's areas.
    fn new(content: &Content, assessment: &Assessment) -> Areas {
        Areas(Area::ALL.map(|area| AreaSummary {
            area,
            severity: assessment.area(area),
            findings: assessment.findings_in(content, area).count(),
        }))
    }

    /// Every area, in contract order.
    pub fn iter(&self) -> impl Iterator<Item = &AreaSummary> {
        self.0.iter()
    }

    /// One area's result.
    pub fn get(&self, area: Area) -> &AreaSummary {
        &self.0[area.index()]
    }
}

impl Serialize for Areas {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for summary in &self.0 {
            map.serialize_entry(summary.area.id(), &summary.severity)?;
        }
        map.end()
    }
}

impl ReportSource {
    /// A content source with its title in `lang`.
    pub(super) fn new(source: &crate::content::Source, lang: Lang) -> ReportSource {
        ReportSource {
            title: source.title.get(lang).to_string(),
            url: source.url.to_string(),
            kind: source.kind,
        }
    }
}

/// A report-level note, localized.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportNote {
    /// Note id.
    pub id: String,
    /// The note.
    pub text: String,
}

impl Report {
    /// Localizes an assessment.
    pub fn new(content: &Content, assessment: &Assessment, lang: Lang) -> Report {
        let areas = Areas::new(content, assessment);
        Report {
            as_of: assessment.as_of.to_string(),
            content_reviewed: assessment.content_reviewed.to_string(),
            as_of_text: i18n::date(assessment.as_of, lang),
            as_of_date: assessment.as_of,
            content_reviewed_text: i18n::date(assessment.content_reviewed, lang),
            lang,
            overall: assessment.overall,
            areas,
            findings: assessment
                .findings
                .iter()
                .map(|f| finding(content, assessment, f, lang))
                .collect(),
            upcoming: assessment
                .upcoming
                .iter()
                .map(|u| upcoming(content, u, lang))
                .collect(),
            unanswered: assessment
                .unanswered
                .iter()
                .map(|q| content.questions[*q].id.to_string())
                .collect(),
            notes: assessment
                .notes
                .iter()
                .map(|n| ReportNote {
                    id: content.notes[*n].id.to_string(),
                    text: content.notes[*n].text.get(lang).to_string(),
                })
                .collect(),
            timeline: super::schedule::timeline(content, assessment, lang),
            earliest_clean_application: assessment
                .earliest_clean_application
                .map(|d| d.to_string()),
            earliest_clean_application_text: assessment
                .earliest_clean_application
                .map(|d| i18n::date(d, lang)),
            documents: super::schedule::documents(content, assessment, lang),
            disclaimer: content.pack.disclaimer.get(lang).to_string(),
            discussion: ReportDiscussion::default(),
        }
    }

    /// The report with its "to discuss" part, for the reports handed over.
    pub fn with_discussion(mut self, discussion: ReportDiscussion) -> Report {
        self.discussion = discussion;
        self
    }

    /// The severity of an area.
    pub fn area(&self, area: Area) -> Severity {
        self.areas.get(area).severity
    }
}

fn finding(
    content: &Content,
    assessment: &Assessment,
    f: &crate::engine::Finding,
    lang: Lang,
) -> ReportFinding {
    let rule = f.rule(content);
    let extras: Vec<&Extra> = f.extras.iter().map(|i| &rule.extras[*i]).collect();
    let texts = FindingTexts::new(rule, &extras);
    let localize = |list: &[&Text]| {
        list.iter()
            .map(|t| t.get(lang).to_string())
            .collect::<Vec<_>>()
    };
    let answer = |q: usize| {
        crate::answers::Lookup::get(&assessment.answers, q)
            .expect("rests_on lists answered questions")
    };
    ReportFinding {
        id: rule.id.to_string(),
        area: rule.area,
        severity: rule.severity,
        title: texts.title.get(lang).to_string(),
        explanation: localize(&texts.explanation).join("\n\n"),
        actions: localize(&texts.actions),
        documents: localize(&texts.documents),
        rests_on: f
            .rests_on
            .iter()
            .map(|q| {
                (
                    content.questions[*q].id.to_string(),
                    crate::answers_file::to_json_value(answer(*q), content, *q),
                )
            })
            .collect(),
        sources: texts
            .sources
            .iter()
            .map(|s| ReportSource::new(s, lang))
            .collect(),
        why: f
            .rests_on
            .iter()
            .map(|q| {
                (
                    content.questions[*q].text.get(lang).to_string(),
                    super::answer_text::answer_text(answer(*q), content, *q, lang),
                )
            })
            .collect(),
    }
}

fn upcoming(content: &Content, u: &crate::engine::Upcoming, lang: Lang) -> ReportUpcoming {
    let rule = &content.rules[u.rule];
    ReportUpcoming {
        id: rule.id.to_string(),
        effective_from: u.effective_from.to_string(),
        when: i18n::upcoming_date(u.effective_from, u.plan, lang),
        plan: u.plan,
        title: rule.title.get(lang).to_string(),
        note: u
            .date_passed
            .then(|| i18n::CHECK_TOOK_EFFECT.get(lang).to_string()),
        severity: rule.severity,
        area: rule.area,
        explanation: rule.explanation.get(lang).to_string(),
    }
}

/// The contract's `areas` object: each area by id, with its severity.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Areas {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Areas".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let severity = generator.subschema_for::<Severity>();
        let properties: serde_json::Map<String, serde_json::Value> = Area::ALL
            .iter()
            .map(|area| (area.id().to_string(), severity.clone().to_value()))
            .collect();
        let required: Vec<&str> = Area::ALL.iter().map(|area| area.id()).collect();
        schemars::json_schema!({
            "description": "Each area's severity (its worst finding, ok if none), in contract order.",
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        })
    }
}

/// A finding's `rests_on` values: answers as answers files write them (dates as `YYYY-MM-DD`).
#[cfg(feature = "schema")]
fn answer_values_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "additionalProperties": {
            "anyOf": [
                {"type": "string"},
                {"type": "integer"},
                {"type": "boolean"},
                {"type": "array", "items": {"type": "string"}},
            ]
        },
    })
}
