//! Checks the sources a rule cites: the hard errors (no source, a URL that is not a full https
//! address, an unknown kind, plan rules without plan sources) and the warnings that `kouteki check`
//! lists and `--strict` fails on: a legal fact resting only on secondary sources, a URL that names
//! only a host (a home page proves nothing), and a title in one language only.

use super::diagnostics::Diagnostics;
use super::model::{Source, SourceKind};
use super::raw::{RawRule, RawSource, RawTitle};
use crate::formats::location::SourceText;
use crate::lang::{Lang, Text};

/// Checks a rule's own sources, as a list: at least one, plan rules citing a plan, and a warning
/// when every one of them is secondary.
pub fn check_rule_sources(
    raw: &RawRule,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Vec<Source> {
    let list = raw.sources.get_ref();
    let at = raw.sources.span().start;
    if list.is_empty() {
        diag.error(
            source,
            at,
            subject,
            "every rule needs at least one source (title, url, kind)",
        );
    }
    let sources: Vec<Source> = list
        .iter()
        .filter_map(|s| check_source(s, source, subject, diag))
        .collect();
    let all = |kind: SourceKind| !sources.is_empty() && sources.iter().all(|s| s.kind == kind);
    let cites_plan = sources.iter().any(|s| s.kind == SourceKind::Plan);
    if raw.plan && !cites_plan && !sources.is_empty() {
        diag.error(
            source,
            at,
            subject,
            "a `plan = true` rule must cite at least one source of kind `plan`",
        );
    }
    if !raw.plan && all(SourceKind::Plan) {
        diag.error(
            source,
            raw.id.span().start,
            subject,
            "a rule resting only on `plan` sources must say `plan = true`",
        );
    }
    if all(SourceKind::Secondary) {
        diag.warn(
            source,
            at,
            subject,
            "every source is `secondary`: cite the law text or an official page for the legal fact",
        );
    }
    sources
}

/// Checks one source; `None` when its kind is unknown.
pub fn check_source(
    raw: &RawSource,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Option<Source> {
    let title = check_title(raw, source, subject, diag);
    let url = raw.url.get_ref();
    let at = raw.url.span().start;
    match url_host_and_path(url) {
        None => diag.error(
            source,
            at,
            subject,
            format!("a source URL must be a full https:// address, found \"{url}\""),
        ),
        Some((_, path)) if path.trim_matches('/').is_empty() => diag.warn(
            source,
            at,
            subject,
            format!("source URL \"{url}\" is a bare host: cite the page that states the fact"),
        ),
        Some(_) => {}
    }
    let kind = match raw.kind.get_ref().as_str() {
        "official" => SourceKind::Official,
        "secondary" => SourceKind::Secondary,
        "plan" => SourceKind::Plan,
        other => {
            diag.error(
                source,
                raw.kind.span().start,
                subject,
                format!(
                    "unknown source kind `{other}`; expected one of: official, secondary, plan"
                ),
            );
            return None;
        }
    };
    Some(Source {
        title,
        url: url.as_str().into(),
        kind,
    })
}

/// The title in both languages. A title given once, or with one language empty, is used for both
/// (so no report shows a blank) and warned about; no title at all is an error.
fn check_title(
    raw: &RawSource,
    source: &SourceText<'_>,
    subject: &str,
    diag: &mut Diagnostics,
) -> Text {
    let at = raw.title.span().start;
    let text = match raw.title.get_ref() {
        RawTitle::One(one) => Text::new(one.clone(), one.clone()),
        RawTitle::Both(both) => both.clone(),
    };
    let missing: Vec<Lang> = text.missing().collect();
    if missing.len() == 2 {
        diag.error(source, at, subject, "a source needs a title");
        return text;
    }
    let one_string = matches!(raw.title.get_ref(), RawTitle::One(_));
    if one_string || !missing.is_empty() {
        diag.warn(
            source,
            at,
            subject,
            "a source title needs both languages: write `title = { en = \"...\", ja = \"...\" }`",
        );
    }
    match missing.first() {
        Some(Lang::En) => Text::new(text.ja.clone(), text.ja),
        Some(Lang::Ja) => Text::new(text.en.clone(), text.en),
        None => text,
    }
}

/// The host and the path of a full `https://` URL; `None` when it is not one.
fn url_host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("https://")?;
    if url.contains(char::is_whitespace) {
        return None;
    }
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    host.contains('.').then_some((host, path))
}

#[cfg(test)]
mod tests {
    use super::url_host_and_path;

    #[test]
    fn a_url_is_split_into_host_and_path_only_when_it_is_a_full_https_address() {
        assert_eq!(
            url_host_and_path("https://city.muko.kyoto.jp"),
            Some(("city.muko.kyoto.jp", ""))
        );
        assert_eq!(
            url_host_and_path("https://www.moj.go.jp/isa/01_00518.html"),
            Some(("www.moj.go.jp", "/isa/01_00518.html"))
        );
        assert_eq!(url_host_and_path("http://city.muko.kyoto.jp/x"), None);
        assert_eq!(url_host_and_path("https://localhost/x"), None);
        assert_eq!(url_host_and_path("https://a.jp/x y"), None);
    }
}
