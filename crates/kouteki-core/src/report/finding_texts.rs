//! A finding's texts once its extras are applied: the one place that decides what "adds" and
//! "replaces" mean, so every report format and the result screen say the same words.

use crate::content::{Extra, Rule, Source};
use crate::lang::Text;

/// A finding's texts once its extras are applied in order: each adds its paragraphs, or with
/// `replace` takes the place of what came before.
pub(super) struct FindingTexts<'c> {
    pub(super) title: &'c Text,
    pub(super) explanation: Vec<&'c Text>,
    pub(super) actions: Vec<&'c Text>,
    pub(super) documents: Vec<&'c Text>,
    pub(super) sources: Vec<&'c Source>,
}

impl<'c> FindingTexts<'c> {
    pub(super) fn new(rule: &'c Rule, extras: &[&'c Extra]) -> FindingTexts<'c> {
        let mut texts = FindingTexts {
            title: &rule.title,
            explanation: vec![&rule.explanation],
            actions: rule.actions.iter().collect(),
            documents: rule.documents.iter().collect(),
            sources: rule.sources.iter().collect(),
        };
        for extra in extras {
            texts.apply(extra);
        }
        texts
    }

    fn apply(&mut self, extra: &'c Extra) {
        if let Some(title) = &extra.title {
            self.title = title;
        }
        if extra.replace {
            clear_if(&mut self.explanation, extra.explanation.is_some());
            clear_if(&mut self.actions, !extra.actions.is_empty());
            clear_if(&mut self.documents, !extra.documents.is_empty());
            clear_if(&mut self.sources, !extra.sources.is_empty());
        }
        self.explanation.extend(extra.explanation.as_ref());
        self.actions.extend(&extra.actions);
        self.documents.extend(&extra.documents);
        self.sources.extend(&extra.sources);
    }
}

fn clear_if<T>(list: &mut Vec<T>, given: bool) {
    if given {
        list.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceKind;
    use crate::content::condition::Cond;
    use crate::severity::{Area, Severity};

    fn text(word: &str) -> Text {
        Text::new(word, word)
    }

    fn source(url: &str) -> Source {
        Source {
            title: text(url),
            url: url.into(),
            kind: SourceKind::Official,
        }
    }

    fn extra(replace: bool, words: &str) -> Extra {
        Extra {
            when: Cond::Const(true),
            replace,
            title: replace.then(|| text(&format!("{words} title"))),
            explanation: Some(text(words)),
            actions: vec![text(&format!("{words} action"))],
            documents: vec![],
            sources: vec![source(&format!("https://{words}.jp/page"))],
        }
    }

    fn rule() -> Rule {
        Rule {
            id: "r".into(),
            area: Area::Cards,
            severity: Severity::Info,
            when: Cond::Const(true),
            rests_on: vec![],
            effective_from: None,
            effective_until: None,
            plan: false,
            title: text("base title"),
            explanation: text("base"),
            actions: vec![text("base action")],
            documents: vec![text("base document")],
            sources: vec![source("https://base.jp/page")],
            extras: vec![],
        }
    }

    fn words(list: &[&Text]) -> Vec<String> {
        list.iter().map(|t| t.en.to_string()).collect()
    }

    #[test]
    fn an_extra_adds_its_texts_after_the_rules() {
        let rule = rule();
        let added = extra(false, "more");
        let texts = FindingTexts::new(&rule, &[&added]);
        assert_eq!(texts.title.en, "base title");
        assert_eq!(words(&texts.explanation), ["base", "more"]);
        assert_eq!(words(&texts.actions), ["base action", "more action"]);
        assert_eq!(words(&texts.documents), ["base document"]);
        assert_eq!(texts.sources.len(), 2);
    }

    #[test]
    fn a_replacing_extra_takes_the_place_of_what_it_gives_and_keeps_the_rest() {
        let rule = rule();
        let (added, replacing) = (extra(false, "more"), extra(true, "own"));
        let texts = FindingTexts::new(&rule, &[&added, &replacing]);
        assert_eq!(texts.title.en, "own title");
        assert_eq!(words(&texts.explanation), ["own"]);
        assert_eq!(words(&texts.actions), ["own action"]);
        assert_eq!(
            words(&texts.documents),
            ["base document"],
            "no documents given: kept"
        );
        let urls: Vec<&str> = texts.sources.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(urls, ["https://own.jp/page"]);
    }
}
