//! Unit tests of the HTML report on a golden case with findings in several areas.

use super::*;
use crate::answers_file;
use crate::content::embedded;
use crate::engine::assess;
use crate::formats::location::SourceText;
use crate::report::Report;

/// The report of golden case 03 (unpaid premiums: findings in several areas) in `lang`.
fn report(lang: Lang) -> Report {
    let text = include_str!("../../../../tests/cases/03-engineer-unpaid-premiums.toml");
    case_report(text, lang)
}

#[test]
fn the_page_is_self_contained_and_says_its_language() {
    for lang in Lang::ALL {
        let page = to_html(&report(lang));
        assert!(page.starts_with("<!DOCTYPE html><html lang=\""));
        assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        for outside in ["<script", "<link", " src=", "@import", "url("] {
            assert!(!page.contains(outside), "{outside} in the page");
        }
        assert!(page.contains("@page { size: A4"));
        assert!(page.contains("section.area + section.area { break-before: page; }"));
    }
}

#[test]
fn it_has_the_markdown_sections_and_every_finding_with_its_symbol() {
    for lang in Lang::ALL {
        let report = report(lang);
        let page = to_html(&report);
        let markdown = crate::report::to_markdown(&report);
        assert!(report.findings.len() >= 3);
        for heading in [
            ui::REPORT_TITLE,
            ui::FINDINGS,
            ui::ACTIONS,
            ui::SOURCES,
            ui::WHY,
        ] {
            assert!(markdown.contains(heading.get(lang)));
            assert!(page.contains(heading.get(lang)), "{}", heading.get(lang));
        }
        for f in &report.findings {
            let badge = format!(
                "<span class=\"badge {}\">{} {}</span> {}",
                f.severity.id(),
                f.severity.symbol(),
                f.severity.label(lang),
                maud::html! { (f.title) }.into_string()
            );
            assert!(page.contains(&badge), "{badge}");
        }
        let areas_with_findings = Area::ALL
            .iter()
            .filter(|a| report.findings.iter().any(|f| f.area == **a))
            .count();
        assert!(areas_with_findings >= 2);
        assert_eq!(
            page.matches("<section class=\"area\"").count(),
            areas_with_findings
        );
    }
}

#[test]
fn every_text_is_escaped_even_a_script_in_a_text_answer() {
    let mut report = report(Lang::En);
    let hostile = "<script>alert('x')</script>&<b>";
    // A text answer reaches the page as the answer words of a finding's "based on your answers".
    report.findings[0]
        .why
        .push(("Your note".into(), hostile.into()));
    report.findings[1].title = hostile.into();
    report.findings[1].sources[0].url = "https://x.example/\"><script>".into();
    report.disclaimer = hostile.into();
    let page = to_html(&report);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<b>"));
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;&amp;&lt;b&gt;"));
    assert!(page.contains("href=\"https://x.example/&quot;&gt;&lt;script&gt;\""));
}

/// A golden case's report in `lang`.
fn case_report(text: &str, lang: Lang) -> Report {
    let content = embedded::load_default().expect("embedded content is valid");
    let text = &text[..text.find("\n[expect]").expect("[expect]")];
    let file = answers_file::parse(&content, &SourceText::new("case.toml", text)).expect("valid");
    let as_of = file.as_of.expect("the case has as_of");
    Report::new(&content, &assess(&content, &file.answers, as_of), lang)
}

/// The report of golden case 46 (late tax and premiums, an applicant for permanent residence):
/// a timeline with every kind, an earliest clean date and five documents.
fn dated_report(lang: Lang) -> Report {
    let text = include_str!("../../../../tests/cases/46-engineer-pr-late-tax-and-premium.toml");
    case_report(text, lang)
}
#[test]
fn the_timeline_and_the_documents_are_there_as_in_the_markdown_report() {
    for lang in Lang::ALL {
        let report = dated_report(lang);
        let page = to_html(&report);
        let markdown = crate::report::to_markdown(&report);
        for heading in [ui::TIMELINE, ui::DOCUMENTS_TO_BRING] {
            assert!(markdown.contains(&format!("## {}", heading.get(lang))));
            assert!(page.contains(&format!("<h2>{}</h2>", heading.get(lang))));
        }
        let date = report
            .earliest_clean_application_text
            .as_deref()
            .expect("a clean date");
        let headline = maud::html! { (crate::report::earliest_clean_line(date, lang)) };
        assert!(page.contains(&headline.into_string()));
        assert!(report.timeline.len() >= 4);
        for entry in &report.timeline {
            let item = maud::html! {
                time datetime=(entry.date) { (entry.date_text) }
            };
            assert!(page.contains(&item.into_string()), "{}", entry.id);
            assert!(page.contains(&maud::html! { (entry.title) }.into_string()));
        }
        for kind in ["opens", "clean", "deadline"] {
            assert!(page.contains(&format!("<li class=\"{kind}\">")), "{kind}");
        }
        assert_eq!(report.documents.len(), 5);
        for doc in &report.documents {
            assert!(page.contains(&format!("<li id=\"doc-{}\">", doc.id)));
            for line in doc.details(lang) {
                assert!(
                    page.contains(&maud::html! { (line) }.into_string()),
                    "{line}"
                );
            }
        }
    }
    let ja = to_html(&dated_report(Lang::Ja));
    assert!(
        ja.contains("令和4年度〜令和8年度"),
        "the fiscal years as a city office writes them"
    );
    assert!(ja.contains("（126日後）："));
}

#[test]
fn passed_entries_are_marked_and_a_report_without_dates_has_neither_section() {
    let mut report = dated_report(Lang::En);
    report.timeline[2].days = -3;
    let page = to_html(&report);
    assert!(page.contains("<li class=\"deadline past\">"), "{page}");
    // Golden case 16 (a special permanent resident, no dated answer, no goal asking for papers).
    let text = include_str!("../../../../tests/cases/16-special-permanent-retiree.toml");
    let plain = case_report(text, Lang::Ja);
    assert!(plain.timeline.is_empty() && plain.documents.is_empty());
    let page = to_html(&plain);
    assert!(!page.contains("section class=\"timeline\""));
    assert!(!page.contains("section class=\"documents\""));
}
