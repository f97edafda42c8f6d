//! The content lint over every Japanese text of the default pack: the typography and wording a city
//! office would not print. Each failure names the rule, note or question and the rule of the lint.

use kouteki_core::content::{Content, Extra, Rule, embedded};
use kouteki_core::lang::Text;

/// One Japanese text and where it stands (`rule tax.history.late explanation`, ...).
struct Place {
    at: String,
    text: String,
}

fn ja(at: String, text: &Text) -> Place {
    Place {
        at,
        text: text.ja.to_string(),
    }
}

fn rule_texts(rule: &Rule, out: &mut Vec<Place>) {
    let at = |field: &str| format!("rule `{}` {field}", rule.id);
    out.push(ja(at("title"), &rule.title));
    out.push(ja(at("explanation"), &rule.explanation));
    out.extend(rule.actions.iter().map(|t| ja(at("actions"), t)));
    out.extend(rule.documents.iter().map(|t| ja(at("documents"), t)));
    out.extend(
        rule.sources
            .iter()
            .map(|s| ja(at("source title"), &s.title)),
    );
    for extra in &rule.extras {
        extra_texts(rule, extra, out);
    }
}

fn extra_texts(rule: &Rule, extra: &Extra, out: &mut Vec<Place>) {
    let at = |field: &str| format!("rule `{}` extra {field}", rule.id);
    out.extend(extra.title.iter().map(|t| ja(at("title"), t)));
    out.extend(extra.explanation.iter().map(|t| ja(at("explanation"), t)));
    out.extend(extra.actions.iter().map(|t| ja(at("actions"), t)));
    out.extend(extra.documents.iter().map(|t| ja(at("documents"), t)));
    out.extend(
        extra
            .sources
            .iter()
            .map(|s| ja(at("source title"), &s.title)),
    );
}

/// Every Japanese text of the pack, with its place.
fn places(content: &Content) -> Vec<Place> {
    let mut out = vec![ja("pack disclaimer".into(), &content.pack.disclaimer)];
    for s in &content.sections {
        out.push(ja(format!("section `{}` title", s.id), &s.title));
    }
    for q in &content.questions {
        let at = |field: &str| format!("question `{}` {field}", q.id);
        out.push(ja(at("text"), &q.text));
        out.push(ja(at("why"), &q.why));
        out.extend(q.where_to_find.iter().map(|t| ja(at("where"), t)));
        out.extend(
            q.choices()
                .iter()
                .map(|c| ja(at(&format!("choice {}", c.id)), &c.label)),
        );
    }
    for rule in &content.rules {
        rule_texts(rule, &mut out);
    }
    for n in &content.notes {
        out.push(ja(format!("note `{}`", n.id), &n.text));
    }
    out
}

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Half-width `?`, `:`, `(`, `)` in a Japanese text (a `:` between digits, as in a time, is allowed).
fn half_width_punctuation(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let found = chars.iter().enumerate().find(|(i, c)| {
        let digit = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(char::is_ascii_digit)
        };
        match c {
            '?' | '(' | ')' => true,
            ':' => !(digit(i.checked_sub(1)) && digit(Some(i + 1))),
            _ => false,
        }
    });
    found.map(|(_, c)| format!("half-width `{c}` in Japanese text: use the full-width form"))
}

/// A space between a number and its unit (`38 歳`).
fn space_before_unit(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        if w[0].is_ascii_digit() && matches!(w[1], ' ' | '\u{3000}') {
            let rest: String = chars[i + 2..].iter().take(2).collect();
            if ["歳", "日", "か月", "年"]
                .iter()
                .any(|u| rest.starts_with(u))
            {
                return Some(format!(
                    "a space between a number and its unit (`{}{rest}`)",
                    w[0]
                ));
            }
        }
    }
    None
}

/// An ISO date (`2026-11-24`) in Japanese text, where a city office writes 2026年11月24日.
fn iso_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    (0..b.len())
        .find(|&i| digits(i..i + 4) && b.get(i + 4) == Some(&b'-') && digits(i + 5..i + 7))
        .map(|i| {
            format!(
                "ISO date `{}` in Japanese text: write 年月日",
                &text[i..(i + 10).min(text.len())]
            )
        })
}

/// Words a city office would not print.
fn wording(text: &str) -> Option<String> {
    [
        (
            "あなたは",
            "「あなたは」 is translationese: write 「…との回答です」 or leave the subject out",
        ),
        (
            "消極的",
            "「消極的に評価」: write 「不利に評価」, as everywhere else",
        ),
    ]
    .iter()
    .find(|(word, _)| text.contains(word))
    .map(|(_, why)| (*why).to_string())
}

/// The immigration office's full name, given once at its first mention in what a reader sees of a
/// finding; after it, the short name.
const OFFICE_LONG: &str = "地方出入国在留管理局（支局・出張所を含む）";

/// The texts of a finding in the order they are read (explanation, actions, documents), joined: the
/// immigration office is named in full at its first mention and by its short name after it.
fn office_names(texts: &[&str]) -> Option<String> {
    let text = texts.concat();
    let first = text.find("出入国在留管理局")?;
    let long_at = text.find(OFFICE_LONG);
    if long_at.map(|at| at + "地方".len()) != Some(first) {
        return Some(format!(
            "the first mention of the immigration office is not 「{OFFICE_LONG}」"
        ));
    }
    (text.matches(OFFICE_LONG).count() > 1 || text.matches("地方出入国在留管理局").count() > 1)
        .then(|| "the immigration office is named in full again: after the first mention write 「出入国在留管理局」".into())
}

/// Each finding's (and each extra's) texts as read, for [`office_names`].
fn office_failures(content: &Content) -> Vec<String> {
    let mut out = Vec::new();
    for rule in &content.rules {
        let mut base = vec![rule.explanation.ja.as_str()];
        base.extend(rule.actions.iter().map(|t| t.ja.as_str()));
        base.extend(rule.documents.iter().map(|t| t.ja.as_str()));
        out.extend(office_names(&base).map(|why| format!("rule `{}`: {why}", rule.id)));
        for extra in &rule.extras {
            let mut texts: Vec<&str> = extra.explanation.iter().map(|t| t.ja.as_str()).collect();
            texts.extend(extra.actions.iter().map(|t| t.ja.as_str()));
            texts.extend(extra.documents.iter().map(|t| t.ja.as_str()));
            out.extend(office_names(&texts).map(|why| format!("rule `{}` extra: {why}", rule.id)));
        }
    }
    out
}

/// Every lint failure of the pack, each with its place.
fn failures(content: &Content) -> Vec<String> {
    let mut out = Vec::new();
    for p in places(content) {
        if !p.text.chars().any(is_japanese) {
            continue;
        }
        let lints = [half_width_punctuation, space_before_unit, iso_date, wording];
        out.extend(
            lints
                .iter()
                .filter_map(|lint| lint(&p.text))
                .map(|why| format!("{}: {why}", p.at)),
        );
    }
    for rule in content.rules.iter().filter(|r| r.plan) {
        let mut texts = Vec::new();
        rule_texts(rule, &mut texts);
        out.extend(texts.iter().filter(|p| p.text.contains("施行")).map(|p| {
            format!(
                "{}: 「施行」 beside a plan: a plan is not law; write 予定日 or 実施",
                p.at
            )
        }));
    }
    out.extend(office_failures(content));
    out
}

#[test]
fn every_japanese_text_follows_the_content_lint() {
    let content = embedded::load_default().expect("embedded content is valid");
    let failures = failures(&content);
    assert!(
        failures.is_empty(),
        "{} Japanese text problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_lint_catches_each_rule_it_names() {
    assert!(half_width_punctuation("年金(国民年金)").is_some());
    assert!(half_width_punctuation("確認してください?").is_some());
    assert!(half_width_punctuation("対応:すぐに").is_some());
    assert!(half_width_punctuation("受付 9:30から").is_none());
    assert!(half_width_punctuation("年金（国民年金）").is_none());
    assert!(space_before_unit("38 歳の方").is_some());
    assert!(space_before_unit("3 か月以上").is_some());
    assert!(space_before_unit("38歳の方").is_none());
    assert!(iso_date("2026-11-24から").is_some());
    assert!(iso_date("2026年11月24日から").is_none());
    assert!(wording("あなたは届出をしました").is_some());
    assert!(wording("原則として消極的に評価されます").is_some());
    assert!(wording("届出をしたとの回答です").is_none());
    let long = format!("{OFFICE_LONG}で申請します。");
    assert!(office_names(&[&long, "出入国在留管理局に相談"]).is_none());
    assert!(
        office_names(&["出入国在留管理局に相談"]).is_some(),
        "short at first"
    );
    assert!(office_names(&[&long, &long]).is_some(), "full twice");
    assert!(office_names(&["地方出入国在留管理局で", "地方出入国在留管理局に"]).is_some());
    assert!(office_names(&["税務署で"]).is_none());
}
