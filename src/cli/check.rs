//! `kouteki check`: validate a pack and summarize it.

use std::io::Write;
use std::path::Path;

use super::CliError;
use super::pack_dir::check_content;
use kouteki_core::content::{Content, SourceKind};
use kouteki_core::severity::Severity;

/// Validate a content pack and print a summary.
///
/// Exit status: 2 with every error listed if it fails; warnings go to stderr, and fail with 1
/// under --strict; 0 otherwise.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CheckArgs {
    /// Fail (exit 1) when the content lints warn: a rule citing only secondary sources, a source
    /// URL that is a bare host, a source title in one language only.
    #[arg(long)]
    pub strict: bool,
}

/// Runs `check`: the summary on stdout, each warning on stderr.
pub fn run(dir: Option<&Path>, args: &CheckArgs) -> Result<(), CliError> {
    let content = check_content(dir)?;
    let origin = dir.map_or("built-in content".to_string(), |d| d.display().to_string());
    let _ = write!(anstream::stdout(), "{}", summary(&content, &origin));
    let mut stderr = anstream::stderr();
    for warning in &content.warnings {
        let _ = writeln!(stderr, "warning: {warning}");
    }
    if args.strict && !content.warnings.is_empty() {
        return Err(CliError::Strict(content.warnings.len()));
    }
    Ok(())
}

/// The summary `check` prints for a valid pack.
pub fn summary(content: &Content, origin: &str) -> String {
    let pack = &content.pack;
    let count_severity = |s: Severity| {
        content
            .rules
            .iter()
            .filter(|r| r.severity == s && !r.plan)
            .count()
    };
    let sources = content.distinct_sources();
    let count_kind = |k: SourceKind| sources.iter().filter(|s| s.kind == k).count();
    let dated = content
        .rules
        .iter()
        .filter(|r| r.effective_from.is_some() || r.effective_until.is_some())
        .count();
    format!(
        "ok: {origin}: \"{}\" version {}, reviewed {}\n\
         questions: {} in {} sections ({} asked of everyone)\n\
         rules: {} (violation {}, caution {}, info {}, ok {}; planned {}; dated {})\n\
         notes: {}\n\
         timeline: {} entries; documents: {}\n\
         sources: {} (official {}, secondary {}, plan {})\n\
         languages: en, ja (every text in both)\n\
         warnings: {}\n",
        pack.name,
        pack.version,
        pack.reviewed,
        content.questions.len(),
        content.sections.len(),
        content
            .questions
            .iter()
            .filter(|q| q.ask_if.is_none())
            .count(),
        content.rules.len(),
        count_severity(Severity::Violation),
        count_severity(Severity::Caution),
        count_severity(Severity::Info),
        count_severity(Severity::Ok),
        content.rules.iter().filter(|r| r.plan).count(),
        dated,
        content.notes.len(),
        content.schedule.timeline.len(),
        content.schedule.documents.len(),
        sources.len(),
        count_kind(SourceKind::Official),
        count_kind(SourceKind::Secondary),
        count_kind(SourceKind::Plan),
        content.warnings.len(),
    )
}
