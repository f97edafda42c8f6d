//! The dated parts of a report, localized: timeline entries, the earliest clean application date and
//! the documents to bring. Their serde form is CONTRACT.md's JSON; the fields marked `skip` are the
//! words the text, Markdown and screen renderers show.

use serde::Serialize;

use crate::content::{Content, EntryKind};
use crate::engine::{Assessment, DocumentItem, TimelineItem};
use crate::i18n;
use crate::lang::Lang;

/// One timeline entry: `{"id", "kind", "date", "days", "title"}`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportTimelineEntry {
    /// Entry id.
    pub id: String,
    /// Deadline, opening or clean date.
    pub kind: EntryKind,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Days from the evaluation date (negative when past).
    pub days: i64,
    /// Short title.
    pub title: String,
    /// The date as the report's language writes it.
    #[serde(skip)]
    pub date_text: String,
    /// "in 43 days", "12 days ago", "today" (「43日後」).
    #[serde(skip)]
    pub relative: String,
    /// Caveats that apply.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// The date itself, for renderers that need a date rather than its text (the calendar file).
    #[serde(skip)]
    pub on: jiff::civil::Date,
    /// Where the entry's date rule comes from, titles in the report's language.
    #[serde(skip)]
    pub sources: Vec<super::model::ReportSource>,
}

/// The months a monthly record must cover.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MonthRange {
    /// First month, `YYYY-MM`.
    pub from: String,
    /// Last month, `YYYY-MM`.
    pub to: String,
}

/// One document: `{"id", "title", "where"}` and its period where it has one.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportDocument {
    /// Document id.
    pub id: String,
    /// What it is.
    pub title: String,
    /// Where to get it.
    #[serde(rename = "where")]
    pub where_to_get: String,
    /// Western years of the 年度 it covers, ascending.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fiscal_years: Vec<i16>,
    /// The months it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<MonthRange>,
    /// Immigration wants it issued within this many months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_within_months: Option<u8>,
    /// Rule ids of the findings that asked for it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub from_findings: Vec<String>,
    /// The period in words (「令和4年度〜令和8年度」, "2024-11 to 2026-10"), empty when none.
    #[serde(skip)]
    pub period_text: String,
    /// "issued within 3 months" in words, empty when not asked.
    #[serde(skip)]
    pub issued_text: String,
    /// The finding titles that asked for it.
    #[serde(skip)]
    pub from_finding_titles: Vec<String>,
    /// A caveat (cities differ by days), empty when none.
    #[serde(skip)]
    pub note: String,
}

/// The localized timeline of an assessment.
pub fn timeline(
    content: &Content,
    assessment: &Assessment,
    lang: Lang,
) -> Vec<ReportTimelineEntry> {
    assessment
        .timeline
        .iter()
        .map(|t| entry(content, t, lang))
        .collect()
}

fn entry(content: &Content, t: &TimelineItem, lang: Lang) -> ReportTimelineEntry {
    let e = &content.schedule.timeline[t.entry];
    ReportTimelineEntry {
        id: e.id.to_string(),
        kind: e.kind,
        date: t.date.to_string(),
        days: t.days,
        title: e.title.get(lang).to_string(),
        date_text: i18n::date(t.date, lang),
        relative: i18n::relative_days(t.days, lang),
        notes: t
            .notes
            .iter()
            .map(|n| e.notes[*n].1.get(lang).to_string())
            .collect(),
        on: t.date,
        sources: e
            .sources
            .iter()
            .map(|s| super::model::ReportSource::new(s, lang))
            .collect(),
    }
}

/// The localized documents of an assessment.
pub fn documents(content: &Content, assessment: &Assessment, lang: Lang) -> Vec<ReportDocument> {
    assessment
        .documents
        .iter()
        .map(|d| document(content, d, lang))
        .collect()
}

fn document(content: &Content, d: &DocumentItem, lang: Lang) -> ReportDocument {
    let doc = &content.schedule.documents[d.document];
    let months = d.months.map(|(from, to)| MonthRange {
        from: from.to_string(),
        to: to.to_string(),
    });
    let period_text = match d.months {
        Some((from, to)) => i18n::month_range(from, to, lang),
        None => i18n::fiscal_years(&d.fiscal_years, lang),
    };
    let issued = doc.issued_within_months;
    ReportDocument {
        id: doc.id.to_string(),
        title: doc.title.get(lang).to_string(),
        where_to_get: doc.where_to_get.get(lang).to_string(),
        fiscal_years: d.fiscal_years.clone(),
        months,
        issued_within_months: issued,
        from_findings: d
            .from_findings
            .iter()
            .map(|r| content.rules[*r].id.to_string())
            .collect(),
        period_text,
        issued_text: issued.map_or_else(String::new, |n| i18n::issued_within(n, lang)),
        from_finding_titles: d
            .from_findings
            .iter()
            .map(|r| content.rules[*r].title.get(lang).to_string())
            .collect(),
        note: doc
            .note
            .as_ref()
            .map_or_else(String::new, |n| n.get(lang).to_string()),
    }
}

impl ReportTimelineEntry {
    /// The entry as one line of a list: "2027-01-06 (in 43 days): Period of stay ends",
    /// 「2027年1月6日（43日後）：在留期間の満了日」.
    pub fn line(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{} ({}): {}", self.date_text, self.relative, self.title),
            Lang::Ja => format!("{}（{}）：{}", self.date_text, self.relative, self.title),
        }
    }
}

impl ReportDocument {
    /// What to say under the document's title: its period and freshness, where to get it, which
    /// findings asked for it, and its caveat; each one line.
    pub fn details(&self, lang: Lang) -> Vec<String> {
        let sep = match lang {
            Lang::En => ": ",
            Lang::Ja => "：",
        };
        let mut out = Vec::new();
        let period: Vec<&str> = [self.period_text.as_str(), self.issued_text.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !period.is_empty() {
            out.push(period.join(match lang {
                Lang::En => "; ",
                Lang::Ja => "、",
            }));
        }
        out.push(format!(
            "{}{sep}{}",
            i18n::WHERE_TO_GET.get(lang),
            self.where_to_get
        ));
        if !self.from_finding_titles.is_empty() {
            let list = self.from_finding_titles.join(match lang {
                Lang::En => "; ",
                Lang::Ja => "、",
            });
            out.push(format!("{}{sep}{list}", i18n::ASKED_FOR_BY.get(lang)));
        }
        if !self.note.is_empty() {
            out.push(self.note.clone());
        }
        out
    }
}

/// The headline line of the earliest clean application date, when there is one.
pub fn earliest_clean_line(date_text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{}: {date_text} ({})",
            i18n::EARLIEST_CLEAN.get(lang),
            i18n::EARLIEST_CLEAN_MEANING.get(lang)
        ),
        Lang::Ja => format!(
            "{}：{date_text}（{}）",
            i18n::EARLIEST_CLEAN.get(lang),
            i18n::EARLIEST_CLEAN_MEANING.get(lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::answers_file;
    use crate::content::embedded;
    use crate::formats::location::SourceText;
    use crate::lang::Lang;
    use crate::report::{Report, to_json};

    fn json(answers: &str) -> serde_json::Value {
        let content = embedded::load_default().expect("valid");
        let text = format!("[answers]\n{answers}");
        let file = answers_file::parse(&content, &SourceText::new("t", &text)).expect("parses");
        let assessment =
            crate::engine::assess(&content, &file.answers, jiff::civil::date(2026, 11, 24));
        serde_json::from_str(&to_json(&Report::new(&content, &assessment, Lang::Ja))).expect("JSON")
    }

    const PR_APPLICANT: &str = r#"status = "spouse_pr"
goal = "permanent_residence"
age = 30
work = "employee_insured"
income_tax = "year_end_adjustment"
residence_tax = "payroll"
tax_history = "late_now_paid"
tax_late_month = "2024-02"
pension_plan = "employees"
health_insurance = "employer"
address_notice = "not_filed"
days_since_move = 20
spouse_change = "none"
months_without_activity = 0
stay_expiry = "over_3_months"
knows_my_number = true
my_number_card = "valid"
card_extended_after_renewal = "yes"
carries_residence_card = "always"
insurance_proof = "my_number_card"
"#;

    #[test]
    fn timeline_entries_have_exactly_the_contract_keys_and_titles_in_the_report_language() {
        let value = json(PR_APPLICANT);
        let entries = value["timeline"].as_array().expect("array");
        assert_eq!(entries.len(), 2);
        for entry in entries {
            let mut keys: Vec<&str> = entry
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(keys, ["date", "days", "id", "kind", "title"]);
        }
        assert_eq!(entries[0]["id"], "notice.address.deadline");
        assert_eq!(entries[0]["date"], "2026-11-18");
        assert_eq!(entries[0]["days"], -6);
        assert_eq!(entries[0]["kind"], "deadline");
        assert_eq!(entries[1]["id"], "pr.tax_window_clean");
        assert_eq!(entries[1]["date"], "2027-03-01");
        assert_eq!(entries[1]["kind"], "clean");
        assert!(entries[1]["title"].as_str().unwrap().contains("確認期間"));
        assert_eq!(value["earliest_clean_application"], "2027-03-01");
    }

    #[test]
    fn documents_carry_only_the_fields_that_apply() {
        let value = json(PR_APPLICANT);
        let docs = value["documents"].as_array().expect("array");
        let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "residence_tax_certificates",
                "national_tax_certificate",
                "pension_records"
            ]
        );
        assert_eq!(
            docs[0]["fiscal_years"],
            serde_json::json!([2024, 2025, 2026])
        );
        assert_eq!(docs[0]["issued_within_months"], 3);
        assert_eq!(
            docs[0]["from_findings"],
            serde_json::json!(["tax.history.late"])
        );
        assert!(docs[0].get("months").is_none());
        assert_eq!(
            docs[2]["months"],
            serde_json::json!({"from": "2024-11", "to": "2026-10"})
        );
        assert!(
            docs[2].get("fiscal_years").is_none() && docs[2].get("issued_within_months").is_none()
        );
        assert!(
            docs.iter()
                .all(|d| d["where"].is_string() && d["title"].is_string())
        );
    }

    #[test]
    fn without_dates_the_timeline_is_empty_and_the_clean_date_null() {
        let answers = PR_APPLICANT
            .replace("tax_late_month = \"2024-02\"\n", "")
            .replace(
                "address_notice = \"not_filed\"\ndays_since_move = 20\n",
                "address_notice = \"on_time\"\n",
            );
        let value = json(&answers);
        assert_eq!(value["timeline"], serde_json::json!([]));
        assert!(value["earliest_clean_application"].is_null());
    }
}
