//! Loads a content pack from its three TOML texts and runs every check, collecting all errors.
//!
//! Takes texts, not paths: reading files is the front end's job, so the domain stays free of I/O.

use super::diagnostics::{Diagnostics, parse_file};
use super::model::{Content, PackInfo};
use super::questions::check_questionnaire;
use super::raw::{PackFile, QuestionnaireFile, RulesFile};
use super::rules::check_rules;
use super::schedule_check::check_schedule;
use crate::Error;
use crate::formats::location::{LocatedError, SourceText};

/// The three texts of a pack, each with the name its errors will show.
#[derive(Debug, Clone, Copy)]
pub struct PackSources<'a> {
    /// `pack.toml`.
    pub pack: SourceText<'a>,
    /// `questionnaire.toml`.
    pub questionnaire: SourceText<'a>,
    /// `rules.toml`.
    pub rules: SourceText<'a>,
}

/// The file names a pack directory holds.
pub const PACK_FILES: [&str; 3] = ["pack.toml", "questionnaire.toml", "rules.toml"];

/// Parses and checks a whole pack. On failure, every error found, ordered by file and position.
pub fn load(sources: PackSources<'_>) -> Result<Content, Error> {
    check_all(sources).map_err(Error::Content)
}

fn check_all(sources: PackSources<'_>) -> Result<Content, Vec<LocatedError>> {
    let pack: Result<PackFile, _> = parse_file(&sources.pack);
    let questionnaire: Result<QuestionnaireFile, _> = parse_file(&sources.questionnaire);
    let rules: Result<RulesFile, _> = parse_file(&sources.rules);
    let (pack, questionnaire, rules) = match (pack, questionnaire, rules) {
        (Ok(p), Ok(q), Ok(r)) => (p, q, r),
        (p, q, r) => return Err([p.err(), q.err(), r.err()].into_iter().flatten().collect()),
    };
    let mut diag = Diagnostics::default();
    let pack_info = check_pack(&pack, &sources.pack, &mut diag);
    let (sections, questions) = check_questionnaire(
        &questionnaire,
        &sources.questionnaire,
        pack.pack.version.get_ref(),
        &mut diag,
    );
    if !diag.errors.is_empty() {
        return Err(in_file_order(diag.errors, &sources));
    }
    let areas = |q: usize| sections[questions[q].section].area;
    let (rule_list, notes) = check_rules(&rules, &questions, &areas, &sources.rules, &mut diag);
    let schedule = check_schedule(&rules, &questions, &rule_list, &sources.rules, &mut diag);
    let rules = rule_list;
    match pack_info {
        Some(pack) if diag.errors.is_empty() => Ok(Content {
            pack,
            sections,
            questions,
            rules,
            notes,
            schedule,
            warnings: in_file_order(diag.warnings, &sources),
        }),
        _ => Err(in_file_order(diag.errors, &sources)),
    }
}

/// Errors ordered by file (pack, questionnaire, rules), then line and column.
fn in_file_order(mut errors: Vec<LocatedError>, sources: &PackSources<'_>) -> Vec<LocatedError> {
    let files = [
        sources.pack.name,
        sources.questionnaire.name,
        sources.rules.name,
    ];
    let rank = |e: &LocatedError| {
        files
            .iter()
            .position(|f| *f == e.location.file)
            .unwrap_or(files.len())
    };
    errors.sort_by(|a, b| {
        (rank(a), &a.location, &a.message).cmp(&(rank(b), &b.location, &b.message))
    });
    errors
}

fn check_pack(
    file: &PackFile,
    source: &SourceText<'_>,
    diag: &mut Diagnostics,
) -> Option<PackInfo> {
    let raw = &file.pack;
    diag.text(source, &raw.disclaimer, "pack", "disclaimer");
    if super::diagnostics::version_key(raw.version.get_ref()).is_none() {
        diag.error(
            source,
            raw.version.span().start,
            "pack",
            format!(
                "`version` must look like \"1.1\", found \"{}\"",
                raw.version.get_ref()
            ),
        );
    }
    let reviewed = diag.date(source, &raw.reviewed, "pack", "reviewed")?;
    Some(PackInfo {
        name: raw.name.get_ref().as_str().into(),
        version: raw.version.get_ref().as_str().into(),
        reviewed,
        disclaimer: raw.disclaimer.get_ref().clone(),
    })
}
