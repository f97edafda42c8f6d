//! "Did you mean …?" hints for misspelt ids in content and answers files.

/// A hint naming the closest candidate, or an empty string when none is close.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}
