//! Unit tests of the HTML report on a golden case with findings in several areas.

use super::*;
use crate::answers_file;
use crate::content::embedded;
use crate::engine::assess;
use crate::formats::location::SourceText;
use crate::report::Report;

/// The report of golden case 03 (unpaid premiums: findings in several areas) in `lang`.
fn report(lang: Lang) -> Report {
    let content = embedded::load_default().expect("embedded content is valid");
    let text = include_str!("../../../../tests/cases/03-engineer-unpaid-premiums.toml");
    let text = &text[..text.find("\n[expect]").expect("[expect]")];
    let file = answers_file::parse(&content, &SourceText::new("03.toml", text)).expect("valid");
    let as_of = file.as_of.expect("the case has as_of");
    Report::new(&content, &assess(&content, &file.answers, as_of), lang)
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
