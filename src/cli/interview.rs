//! `kouteki` with no subcommand: the interview, full-screen on a terminal, line by line otherwise.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use super::eval::parse_as_of;
use super::pack_dir::load_content;
use super::{CliError, ColorWhen, InterviewArgs, read_file};
use crate::io::clock::today_in_japan;
use crate::io::store::DraftStore;
use crate::plain;
use crate::tui::Viewer;
use crate::tui::app::{App, Progress, Storage};
use crate::tui::local::{LocalIo, run as run_tui};
use crate::tui::theme::Theme;
use kouteki_core::answers::Answers;
use kouteki_core::answers_file;
use kouteki_core::content::Content;
use kouteki_core::discussion::Discussion;
use kouteki_core::flow::Path as FlowPath;
use kouteki_core::formats::location::SourceText;
use kouteki_core::interview::Interview;
use kouteki_core::lang::Lang;

/// Runs the interview.
pub fn run(rules: Option<&Path>, args: &InterviewArgs, color: ColorWhen) -> Result<(), CliError> {
    let flag_as_of = args.as_of.as_deref().map(parse_as_of).transpose()?;
    let content = load_content(rules)?;
    let file = args
        .answers
        .as_deref()
        .map(|path| read_answers(&content, path))
        .transpose()?;
    // As in `eval`: the flag, else the file's `[meta] as_of`, else today in Japan.
    let as_of = flag_as_of
        .or(file.as_ref().and_then(|f| f.as_of))
        .unwrap_or_else(today_in_japan);
    let file_lang = file.as_ref().and_then(|f| f.lang);
    let prefilled = file.map(|f| Progress {
        answers: FlowPath::new(&content, &f.answers, as_of).effective_answers(),
        discussion: f.discussion,
    });
    let lang = args
        .lang
        .map(Lang::from)
        .or(file_lang)
        .unwrap_or_else(lang_from_env);
    let drafts = if args.no_save {
        None
    } else {
        DraftStore::default_location()
    };
    let draft = if prefilled.is_some() {
        None
    } else {
        drafts.as_ref().and_then(|d| load_draft(&content, d, as_of))
    };
    let plain = args.plain
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if plain {
        return run_plain(content, as_of, lang, prefilled.or(draft), drafts.as_ref());
    }
    let color = match color {
        _ if args.no_color => false,
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !ColorWhen::no_color_env(),
    };
    let storage = if drafts.is_some() {
        Storage::Draft { resumable: draft }
    } else {
        Storage::NoSave
    };
    let mut app = App::new(content, as_of, storage);
    if let Some(answers) = prefilled {
        app = app.with_answers(answers);
    }
    let report_dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let viewer = Viewer::new(lang, Theme::new(color));
    run_tui(app, viewer, LocalIo { drafts, report_dir }).map_err(CliError::Terminal)
}

/// Japanese when the environment's locale is Japanese.
fn lang_from_env() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    if locale.is_some_and(|l| l.starts_with("ja")) {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// Reads `--answers FILE`, with the same messages as `eval` and exit 2 before the terminal is touched.
fn read_answers(content: &Content, path: &Path) -> Result<answers_file::AnswersFile, CliError> {
    let name = path.display().to_string();
    let text = read_file(path)?;
    Ok(answers_file::parse(
        content,
        &SourceText::new(&name, &text),
    )?)
}

/// The saved draft, if it still reads against this content (a stale one is ignored, not fatal).
fn load_draft(content: &Content, store: &DraftStore, as_of: jiff::civil::Date) -> Option<Progress> {
    let text = store.load()?;
    let name = store.path().display().to_string();
    match answers_file::parse(content, &SourceText::new(&name, &text)) {
        Ok(file) => Some(Progress {
            answers: FlowPath::new(content, &file.answers, as_of).effective_answers(),
            discussion: file.discussion,
        }),
        Err(errors) => {
            eprintln!(
                "warning: ignoring the saved draft {name}: {}",
                errors.errors()[0]
            );
            None
        }
    }
}

fn run_plain(
    content: Arc<Content>,
    as_of: jiff::civil::Date,
    lang: Lang,
    progress: Option<Progress>,
    drafts: Option<&DraftStore>,
) -> Result<(), CliError> {
    // The plain interview has no marks; those of a draft or answers file are kept as they were.
    let (mut interview, talk) = match progress {
        Some(p) => (
            Interview::resume(Arc::clone(&content), p.answers, as_of),
            p.discussion,
        ),
        None => (
            Interview::new(Arc::clone(&content), as_of),
            Discussion::default(),
        ),
    };
    let stdin = std::io::stdin();
    let save = |answers: &Answers| {
        let text = answers_file::to_toml(&content, (answers, &talk), None, lang);
        if let Some(store) = drafts
            && let Err(e) = store.save(&text)
        {
            eprintln!("warning: could not save the draft: {e}");
        }
    };
    plain::run(&mut interview, lang, stdin.lock(), std::io::stdout(), save)
        .map_err(|e| CliError::Runtime(format!("input/output error: {e}")))?;
    Ok(())
}
