//! The `kouteki` binary as users run it: exit codes, stdout and stderr of `kouteki`, `kouteki check`
//! and `kouteki eval` (CONTRACT.md: answers files, JSON output, exit status 0 when assessed and 2 on
//! bad input). Every run is also checked never to panic.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kouteki_core::content::{Content, PACK_FILES, PackSources, SourceKind, embedded, load};
use kouteki_core::formats::location::SourceText;
use kouteki_core::i18n;
use kouteki_core::lang::Lang;
use kouteki_core::severity::{Area, Severity};
use serde_json::Value;
use tempfile::TempDir;

// ------------------------------------------------------------------------------------------ helpers

/// What one run of the binary gave.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Asserts the exit status, showing the output when it differs.
    fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit status: {self:#?}");
        self
    }
}

/// Runs `kouteki args` in `dir` with `envs` set, and checks it did not panic.
fn run_in(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kouteki"));
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    // Whatever kouteki saves (drafts of the interview) stays in the scratch directory.
    for key in [
        "HOME",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ] {
        command.env(key, dir);
    }
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().expect("the kouteki binary runs");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
            "kouteki {args:?} panicked ({name}):\n{run:#?}"
        );
    }
    assert!(
        run.code.is_some(),
        "kouteki {args:?} was killed by a signal: {run:#?}"
    );
    run
}

/// Runs `kouteki args` in a scratch directory.
fn run(args: &[&str]) -> Run {
    let dir = TempDir::new().expect("temp dir");
    run_in(dir.path(), args, &[])
}

/// A scratch directory holding files, so messages name them by short relative paths.
struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `name` (relative) and returns its name.
    fn write<'a>(&self, name: &'a str, text: &str) -> &'a str {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dirs");
        }
        std::fs::write(path, text).expect("write file");
        name
    }

    /// Copies the default pack (`assets/`) into `name` and returns its name.
    fn copy_assets<'a>(&self, name: &'a str) -> &'a str {
        for file in PACK_FILES {
            let text = std::fs::read_to_string(repo().join("assets").join(file)).expect("assets");
            self.write(&format!("{name}/{file}"), &text);
        }
        name
    }

    fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args, &[])
    }

    fn run_env(&self, args: &[&str], envs: &[(&str, &str)]) -> Run {
        run_in(self.path(), args, envs)
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content() -> Content {
    embedded::load_default().expect("the embedded content is valid")
}

/// A golden case's answers file (its text before `[expect]`) and its `[expect]` table.
fn case(prefix: &str) -> (String, toml::Table) {
    let path = case_paths()
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no golden case {prefix}"));
    split_case(&path)
}

fn case_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/cases"))
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
}

fn split_case(path: &Path) -> (String, toml::Table) {
    let text = std::fs::read_to_string(path).expect("readable case");
    let at = text
        .find("\n[expect]")
        .unwrap_or_else(|| panic!("{}: no [expect]", path.display()));
    let expect = text[at..]
        .parse::<toml::Table>()
        .expect("valid [expect]")
        .get("expect")
        .and_then(|e| e.as_table().cloned())
        .expect("[expect] table");
    (text[..at + 1].to_string(), expect)
}

/// The answers of a case with the line `key = ...` of `[answers]` removed or replaced.
fn edit_answer(answers: &str, key: &str, replacement: Option<&str>) -> String {
    let prefix = format!("{key} = ");
    let mut found = false;
    let lines: Vec<String> = answers
        .lines()
        .filter_map(|line| {
            if line.starts_with(&prefix) {
                found = true;
                replacement.map(|r| format!("{key} = {r}"))
            } else {
                Some(line.to_string())
            }
        })
        .collect();
    assert!(found, "no answer `{key}` to edit");
    lines.join("\n") + "\n"
}

/// The 1-based line of the first line equal to `line`.
fn line_of(text: &str, line: &str) -> usize {
    text.lines()
        .position(|l| l.trim() == line)
        .unwrap_or_else(|| panic!("no line `{line}`"))
        + 1
}

/// Runs `eval --format json` on answers text and parses the output.
fn eval_json(answers: &str, extra: &[&str]) -> Value {
    let scratch = Scratch::new();
    let file = scratch.write("answers.toml", answers);
    let mut args = vec!["eval", "--answers", file, "--format", "json"];
    args.extend_from_slice(extra);
    let run = scratch.run(&args);
    run.expect_code(0);
    assert_eq!(run.stderr, "", "eval printed on stderr: {run:#?}");
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap_or_else(|| panic!("not a string: {v}")))
        .collect()
}

fn ids(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|item| item["id"].as_str().expect("id").to_string())
        .collect()
}

fn expected_ids(expect: &toml::Table, key: &str) -> BTreeSet<String> {
    expect
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().expect("id").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn severity(id: &str) -> Severity {
    Severity::from_id(id).unwrap_or_else(|| panic!("unknown severity `{id}`"))
}

fn area(id: &str) -> Area {
    Area::from_id(id).unwrap_or_else(|| panic!("unknown area `{id}`"))
}

fn is_date(text: &str) -> bool {
    text.parse::<jiff::civil::Date>().is_ok() && text.len() == 10
}

/// Text without whitespace: the text report wraps long lines (also inside Japanese, where a line
/// break adds a space that was not there).
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

// ---------------------------------------------------------------------------------------- kouteki

#[test]
fn help_prints_usage_and_exits_0() {
    let run = run(&["--help"]);
    run.expect_code(0);
    assert!(run.stdout.contains("Usage: kouteki"), "{run:#?}");
    for command in ["eval", "check", "--rules"] {
        assert!(
            run.stdout.contains(command),
            "usage lacks `{command}`: {run:#?}"
        );
    }
    assert_eq!(run.stderr, "");
}

/// Without a subcommand (and with nothing on stdin, as here) kouteki ends normally: no error, exit 0.
#[test]
fn no_subcommand_exits_0() {
    let run = run(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("error"), "{run:#?}");
}

#[test]
fn unknown_subcommands_and_flags_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["eval"],
        &["eval", "--answers", "a.toml", "--format", "xml"],
        &["eval", "--answers", "a.toml", "--lang", "fr"],
        &["check", "--verbose"],
    ] {
        let run = run(args);
        run.expect_code(2);
        assert!(run.stderr.contains("error"), "{args:?}: {run:#?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

// ------------------------------------------------------------------------------------------ check

/// The summary lines `check` must print for `content` (everything after the first line).
fn expected_summary_counts(content: &Content) -> Vec<String> {
    let rules = &content.rules;
    let by_severity = |s: Severity| rules.iter().filter(|r| r.severity == s && !r.plan).count();
    let sources = content.distinct_sources();
    let by_kind = |k: SourceKind| sources.iter().filter(|s| s.kind == k).count();
    vec![
        format!(
            "questions: {} in {} sections ({} asked of everyone)",
            content.questions.len(),
            content.sections.len(),
            content
                .questions
                .iter()
                .filter(|q| q.ask_if.is_none())
                .count()
        ),
        format!(
            "rules: {} (violation {}, caution {}, info {}, ok {}; planned {}; dated {})",
            rules.len(),
            by_severity(Severity::Violation),
            by_severity(Severity::Caution),
            by_severity(Severity::Info),
            by_severity(Severity::Ok),
            rules.iter().filter(|r| r.plan).count(),
            rules
                .iter()
                .filter(|r| r.effective_from.is_some() || r.effective_until.is_some())
                .count()
        ),
        format!("notes: {}", content.notes.len()),
        format!(
            "timeline: {} entries; documents: {}",
            content.schedule.timeline.len(),
            content.schedule.documents.len()
        ),
        format!(
            "sources: {} (official {}, secondary {}, plan {})",
            sources.len(),
            by_kind(SourceKind::Official),
            by_kind(SourceKind::Secondary),
            by_kind(SourceKind::Plan)
        ),
        "languages: en, ja (every text in both)".to_string(),
        format!("warnings: {}", content.warnings.len()),
    ]
}

fn expected_summary_head(content: &Content, origin: &str) -> String {
    format!(
        "ok: {origin}: \"{}\" version {}, reviewed {}",
        content.pack.name, content.pack.version, content.pack.reviewed
    )
}

#[test]
fn check_prints_the_summary_of_the_built_in_content() {
    let content = content();
    let run = run(&["check"]);
    run.expect_code(0);
    let mut expected = vec![expected_summary_head(&content, "built-in content")];
    expected.extend(expected_summary_counts(&content));
    assert_eq!(run.stdout_lines(), expected);
    assert_eq!(run.stderr, "");
}

#[test]
fn check_accepts_a_copy_of_the_default_pack() {
    let content = content();
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("pack");
    for args in [["check", "--rules", dir], ["--rules", dir, "check"]] {
        let run = scratch.run(&args);
        run.expect_code(0);
        let mut expected = vec![expected_summary_head(&content, dir)];
        expected.extend(expected_summary_counts(&content));
        assert_eq!(run.stdout_lines(), expected, "{args:?}");
        assert_eq!(run.stderr, "", "{args:?}");
    }
}

#[test]
fn check_warns_about_weak_sources_and_strict_fails_on_them() {
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("pack");
    let rules_path = format!("{dir}/rules.toml");
    let rules = std::fs::read_to_string(scratch.path().join(&rules_path)).expect("rules");
    // tax.income.not_filed's sources: one secondary page with a one-language title on a bare host.
    let start = rules.find("id = \"tax.income.not_filed\"").expect("rule");
    let from = start + rules[start..].find("sources = [").expect("sources");
    let to = from + rules[from..].find("\n]\n").expect("end") + 3;
    let weak = "sources = [\n  { title = \"Some office\", url = \"https://example.jp\", kind = \"secondary\" },\n]\n";
    let edited = format!("{}{weak}{}", &rules[..from], &rules[to..]);
    scratch.write(&rules_path, &edited);
    let run = scratch.run(&["check", "--rules", dir]);
    run.expect_code(0);
    let warnings = run.stderr_lines();
    assert_eq!(warnings.len(), 3, "{run:#?}");
    for (warning, says) in warnings.iter().zip([
        "every source is `secondary`",
        "a source title needs both languages",
        "is a bare host",
    ]) {
        assert!(
            warning.starts_with("warning: pack/rules.toml:"),
            "{warning}"
        );
        assert!(warning.contains("rule `tax.income.not_filed`"), "{warning}");
        assert!(warning.contains(says), "{warning} (expected {says})");
    }
    assert!(run.stdout.contains("warnings: 3"), "{}", run.stdout);
    let strict = scratch.run(&["check", "--strict", "--rules", dir]);
    strict.expect_code(1);
    assert!(strict.stderr.contains("--strict"), "{strict:#?}");
    let clean = scratch.run(&["check", "--strict"]);
    clean.expect_code(0);
    assert_eq!(clean.stderr, "");
}

/// What `load` says about a pack directory, each error as `check` prints it.
fn library_errors(dir: &Path, shown: &str) -> Vec<String> {
    let texts: Vec<(String, String)> = PACK_FILES
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).expect("pack file");
            (format!("{shown}/{f}"), text)
        })
        .collect();
    let source = |i: usize| SourceText::new(&texts[i].0, &texts[i].1);
    let errors = load(PackSources {
        pack: source(0),
        questionnaire: source(1),
        rules: source(2),
    })
    .expect_err("the pack is broken");
    errors
        .errors()
        .iter()
        .map(|e| format!("error: {e}"))
        .collect()
}

#[test]
fn check_lists_every_error_of_a_broken_rules_file() {
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("broken");
    let broken =
        std::fs::read_to_string(repo().join("tests/invalid_content/several_errors.rules.toml"))
            .expect("fixture");
    scratch.write("broken/rules.toml", &broken);
    let run = scratch.run(&["check", "--rules", dir]);
    run.expect_code(2);
    assert_eq!(run.stdout, "", "nothing on stdout for a broken pack");
    let expected = library_errors(&scratch.path().join(dir), dir);
    assert!(
        expected.len() >= 10,
        "the fixture has many errors: {expected:#?}"
    );
    assert_eq!(
        run.stderr_lines(),
        expected,
        "every error, no limit, in order"
    );
    for line in run.stderr_lines() {
        let rest = line
            .strip_prefix("error: broken/rules.toml:")
            .unwrap_or_else(|| panic!("not located in broken/rules.toml: {line}"));
        let mut parts = rest.splitn(3, ':');
        assert!(
            parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
                && parts.next().is_some_and(|c| c.parse::<usize>().is_ok()),
            "no line:column: {line}"
        );
    }
}

#[test]
fn check_reports_a_toml_syntax_error_with_its_location() {
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("broken");
    scratch.write(
        "broken/pack.toml",
        "[pack]\nname = \"test\nversion = \"1.1\"\n",
    );
    let run = scratch.run(&["check", "--rules", dir]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr_lines(),
        library_errors(&scratch.path().join(dir), dir)
    );
    assert!(
        run.stderr.starts_with("error: broken/pack.toml:2:"),
        "{run:#?}"
    );
}

#[test]
fn check_on_a_missing_directory_cannot_read() {
    let scratch = Scratch::new();
    let run = scratch.run(&["check", "--rules", "no-such-dir"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("cannot read"), "{run:#?}");
    assert!(run.stderr.contains("no-such-dir"), "{run:#?}");
}

#[test]
fn check_on_a_directory_without_rules_toml_cannot_read_it() {
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("partial");
    std::fs::remove_file(scratch.path().join("partial/rules.toml")).expect("remove");
    let run = scratch.run(&["check", "--rules", dir]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("cannot read partial/rules.toml"),
        "{run:#?}"
    );
}

#[test]
fn eval_with_a_broken_pack_exits_2_before_reading_answers() {
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("broken");
    let broken =
        std::fs::read_to_string(repo().join("tests/invalid_content/unknown_area.rules.toml"))
            .expect("fixture");
    scratch.write("broken/rules.toml", &broken);
    let (answers, _) = case("03-");
    let file = scratch.write("answers.toml", &answers);
    let run = scratch.run(&["--rules", dir, "eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr_lines(),
        library_errors(&scratch.path().join(dir), dir)
    );
}

#[test]
fn eval_with_a_copy_of_the_default_pack_gives_the_same_report() {
    let scratch = Scratch::new();
    let dir = scratch.copy_assets("pack");
    let (answers, _) = case("03-");
    let file = scratch.write("answers.toml", &answers);
    let built_in = scratch.run(&["eval", "--answers", file, "--format", "json"]);
    let copied = scratch.run(&[
        "--rules",
        dir,
        "eval",
        "--answers",
        file,
        "--format",
        "json",
    ]);
    built_in.expect_code(0);
    copied.expect_code(0);
    assert_eq!(built_in.stdout, copied.stdout);
}

// ------------------------------------------------------------------------------------- eval: JSON

const CONTRACT_KEYS: [&str; 8] = [
    "as_of",
    "content_reviewed",
    "lang",
    "overall",
    "areas",
    "findings",
    "upcoming",
    "unanswered",
];
const FINDING_KEYS: [&str; 9] = [
    "id",
    "area",
    "severity",
    "title",
    "explanation",
    "actions",
    "documents",
    "rests_on",
    "sources",
];
const UPCOMING_KEYS: [&str; 4] = ["id", "effective_from", "plan", "title"];

/// `keys` holds `required` in that order, possibly with added fields after them (the contract
/// allows added output fields, never renamed or reordered ones).
fn assert_keys(what: &str, keys: &[&str], required: &[&str]) {
    assert!(
        keys.len() >= required.len() && keys[..required.len()] == *required,
        "{what}: keys {keys:?}, expected {required:?} first"
    );
}

/// Checks one JSON report against the contract's shape, and its findings against their order.
fn assert_contract_shape(name: &str, json: &Value, content: &Content) {
    assert_keys(name, &keys(json), &CONTRACT_KEYS);
    for key in ["as_of", "content_reviewed"] {
        let date = json[key].as_str().unwrap_or_default();
        assert!(is_date(date), "{name}: {key} {date:?} is not YYYY-MM-DD");
    }
    assert_eq!(
        json["content_reviewed"].as_str(),
        Some(content.pack.reviewed.to_string().as_str()),
        "{name}"
    );
    let lang = json["lang"].as_str().unwrap_or_default();
    assert!(["en", "ja"].contains(&lang), "{name}: lang {lang:?}");
    assert_eq!(
        keys(&json["areas"]),
        ["taxes", "social_insurance", "notifications", "cards"],
        "{name}: areas"
    );
    let area_severity = |a: Area| severity(json["areas"][a.id()].as_str().expect("area severity"));
    let overall = severity(json["overall"].as_str().expect("overall"));
    let worst_area = Area::ALL
        .into_iter()
        .map(area_severity)
        .max()
        .expect("areas");
    assert_eq!(overall, worst_area, "{name}: overall is the worst area");

    let findings = json["findings"].as_array().expect("findings");
    let mut order = Vec::new();
    for f in findings {
        let id = f["id"].as_str().expect("finding id");
        assert_keys(&format!("{name}: finding {id}"), &keys(f), &FINDING_KEYS);
        let (a, s) = (
            area(f["area"].as_str().expect("area")),
            severity(f["severity"].as_str().expect("severity")),
        );
        let rule = content
            .rules
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{name}: finding {id} is no rule"));
        assert_eq!((rule.area, rule.severity), (a, s), "{name}: {id}");
        assert!(!rule.plan, "{name}: plan rule {id} is a finding");
        for key in ["title", "explanation"] {
            assert!(
                f[key].as_str().is_some_and(|t| !t.trim().is_empty()),
                "{name}: {id}.{key}"
            );
        }
        strings(&f["actions"]);
        strings(&f["documents"]);
        let rests_on = f["rests_on"].as_object().expect("rests_on object");
        for question in rests_on.keys() {
            assert!(
                content.question_index(question).is_some(),
                "{name}: {id} rests on unknown question {question}"
            );
        }
        let sources = f["sources"].as_array().expect("sources");
        assert!(!sources.is_empty(), "{name}: {id} cites no source");
        for source in sources {
            assert_keys(
                &format!("{name}: {id} source"),
                &keys(source),
                &["title", "url", "kind"],
            );
            let url = source["url"].as_str().expect("url");
            assert!(url.starts_with("https://"), "{name}: {id}: {url}");
            let kind = source["kind"].as_str().expect("kind");
            assert!(
                ["official", "secondary", "plan"].contains(&kind),
                "{name}: {id}: {kind}"
            );
        }
        order.push((std::cmp::Reverse(s), a, id.to_string()));
    }
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(
        order, sorted,
        "{name}: findings must be worst severity first, then area order, then id"
    );
    for a in Area::ALL {
        let worst = order
            .iter()
            .filter(|(_, fa, _)| *fa == a)
            .map(|(s, _, _)| s.0)
            .max()
            .unwrap_or(Severity::Ok);
        assert_eq!(
            area_severity(a),
            worst,
            "{name}: area {} is its worst finding",
            a.id()
        );
    }

    for u in json["upcoming"].as_array().expect("upcoming") {
        let id = u["id"].as_str().expect("upcoming id");
        assert_keys(&format!("{name}: upcoming {id}"), &keys(u), &UPCOMING_KEYS);
        assert!(
            is_date(u["effective_from"].as_str().unwrap_or_default()),
            "{name}: {id}"
        );
        assert!(u["plan"].is_boolean(), "{name}: {id}.plan");
        assert!(
            u["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{name}: {id}.title"
        );
    }
    for q in strings(&json["unanswered"]) {
        assert!(
            content.question_index(q).is_some(),
            "{name}: unanswered {q}"
        );
    }
}

#[test]
fn eval_json_has_the_contract_shape_and_the_expected_result() {
    let content = content();
    let (answers, expect) = case("03-");
    let json = eval_json(&answers, &[]);
    assert_contract_shape("case 03", &json, &content);
    assert_eq!(json["as_of"], "2026-11-27");
    assert_eq!(json["lang"], "en");
    assert_eq!(json["overall"].as_str(), expect["overall"].as_str());
    let areas = expect["areas"].as_table().expect("areas");
    for a in Area::ALL {
        let expected = areas.get(a.id()).and_then(|v| v.as_str()).unwrap_or("ok");
        assert_eq!(json["areas"][a.id()], expected, "area {}", a.id());
    }
    assert_eq!(ids(&json["findings"]), expected_ids(&expect, "findings"));
    assert_eq!(ids(&json["upcoming"]), expected_ids(&expect, "upcoming"));
    assert_eq!(json["unanswered"], Value::Array(Vec::new()));
    // Several severities and areas, so the order check above means something.
    let severities: BTreeSet<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["severity"].as_str().expect("severity"))
        .collect();
    assert!(
        severities.len() >= 3,
        "case 03 should mix severities: {severities:?}"
    );
    // rests_on holds the answers as written in the file.
    let pension = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["id"] == "pension.payment.unpaid")
        .expect("pension.payment.unpaid finding");
    assert_eq!(pension["rests_on"]["pension_payment"], "unpaid");
}

#[test]
fn eval_json_of_every_golden_case_has_the_contract_shape() {
    let content = content();
    for path in case_paths() {
        let (answers, expect) = split_case(&path);
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let json = eval_json(&answers, &[]);
        assert_contract_shape(&name, &json, &content);
        assert_eq!(
            json["overall"].as_str(),
            expect["overall"].as_str(),
            "{name}"
        );
        assert_eq!(
            ids(&json["findings"]),
            expected_ids(&expect, "findings"),
            "{name}"
        );
        assert_eq!(
            ids(&json["upcoming"]),
            expected_ids(&expect, "upcoming"),
            "{name}"
        );
    }
}

#[test]
fn as_of_and_lang_flags_override_meta() {
    let content = content();
    // Case 12 is case 13 the day before: with case 13's date it must give case 13's result.
    let (answers, _) = case("12-");
    let (_, expect_13) = case("13-");
    let plain = eval_json(&answers, &[]);
    assert_eq!(
        (plain["as_of"].as_str(), plain["lang"].as_str()),
        (Some("2027-03-31"), Some("en"))
    );
    let json = eval_json(&answers, &["--as-of", "2027-04-01", "--lang", "ja"]);
    assert_contract_shape("case 12 as of 2027-04-01", &json, &content);
    assert_eq!(json["as_of"], "2027-04-01");
    assert_eq!(json["lang"], "ja");
    assert_eq!(ids(&json["findings"]), expected_ids(&expect_13, "findings"));
    assert_eq!(ids(&json["upcoming"]), expected_ids(&expect_13, "upcoming"));
    for f in json["findings"].as_array().expect("findings") {
        let title = f["title"].as_str().expect("title");
        assert!(
            title
                .chars()
                .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}')),
            "not Japanese: {title}"
        );
    }
    // And the other way round: flags beat [meta] lang = "ja".
    let (answers_13, _) = case("13-");
    let json = eval_json(&answers_13, &["--lang", "en", "--as-of", "2027-03-31"]);
    assert_eq!(
        (json["as_of"].as_str(), json["lang"].as_str()),
        (Some("2027-03-31"), Some("en"))
    );
}

#[test]
fn without_meta_the_date_is_today_in_japan_and_the_language_english() {
    let (answers, _) = case("01-");
    let without_meta = answers
        .replace("[meta]\n", "")
        .replace("as_of = 2026-11-27\n", "")
        .replace("lang = \"en\"\n", "");
    assert!(!without_meta.contains("as_of"), "{without_meta}");
    let japan = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    let before = jiff::Timestamp::now()
        .to_zoned_datetime(japan.clone())
        .date()
        .to_string();
    let json = eval_json(&without_meta, &[]);
    let after = jiff::Timestamp::now()
        .to_zoned_datetime(japan)
        .date()
        .to_string();
    let as_of = json["as_of"].as_str().expect("as_of");
    assert!(
        as_of == before || as_of == after,
        "as_of {as_of}, today in Japan {before}"
    );
    assert_eq!(json["lang"], "en");
}

#[test]
fn an_invalid_as_of_flag_exits_2_with_a_clear_message() {
    let scratch = Scratch::new();
    let (answers, _) = case("01-");
    let file = scratch.write("answers.toml", &answers);
    for bad in ["2026-02-30", "27/04/2026", "tomorrow"] {
        let run = scratch.run(&["eval", "--answers", file, "--as-of", bad]);
        run.expect_code(2);
        assert_eq!(run.stdout, "", "{bad}");
        let lines = run.stderr_lines();
        assert_eq!(lines.len(), 1, "one line: {run:#?}");
        assert!(
            lines[0].starts_with(&format!(
                "error: invalid --as-of date \"{bad}\": expected YYYY-MM-DD"
            )),
            "{run:#?}"
        );
    }
}

// ----------------------------------------------------------------------------- eval: bad answers

#[test]
fn every_error_of_an_answers_file_is_reported_with_its_location() {
    let content = content();
    let scratch = Scratch::new();
    let file = scratch.write(
        "answers.toml",
        r#"[meta]
as_of = 2026-11-27
lang = "fr"

[answers]
status = "worker"
goal = "renewal"
age = 130
work = "employee_insured"
income_tax = 3
residence_tax = "payroll"
tax_histroy = "on_time"
knows_my_number = "yes"
"#,
    );
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    let question_ids = content
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let choices = |q: &str| {
        let question = &content.questions[content.question_index(q).expect("question")];
        question
            .choices()
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let expected = [
        "error: answers.toml:3:8: meta: `lang` must be \"en\" or \"ja\", found the string \"fr\"".to_string(),
        format!(
            "error: answers.toml:6:10: answer `status`: \"worker\" is not a choice of `status` (did you mean `work`?); expected one of: {}",
            choices("status")
        ),
        "error: answers.toml:8:7: answer `age`: expected a whole number from 0 to 120, found the number 130".to_string(),
        format!(
            "error: answers.toml:10:14: answer `income_tax`: expected a string, one of: {}; found the number 3",
            choices("income_tax")
        ),
        format!(
            "error: answers.toml:12:1: unknown question `tax_histroy` (did you mean `tax_history`?); expected one of: {question_ids}"
        ),
        "error: answers.toml:13:19: answer `knows_my_number`: expected true or false, found the string \"yes\"".to_string(),
    ];
    // Questions asked of everyone that the file leaves out are known to be missing and are
    // reported too, at the `[answers]` table (questions that depend on a refused value are not).
    let missing = [
        "address_notice",
        "health_insurance",
        "my_number_card",
        "tax_history",
    ]
    .map(|id| {
        let question = &content.questions[content.question_index(id).expect("question")];
        format!(
            "error: answers.toml:5:1: missing answer `{id}` ({}): it is asked of everyone",
            question.text.en
        )
    });
    let mut expected = expected.to_vec();
    expected.splice(1..1, missing);
    assert_eq!(run.stderr_lines(), expected);
}

#[test]
fn a_bad_meta_as_of_is_an_error_with_its_location() {
    let scratch = Scratch::new();
    let (answers, _) = case("01-");
    let file = scratch.write(
        "answers.toml",
        &answers.replace("as_of = 2026-11-27", "as_of = \"2026-11-27\""),
    );
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(
        run.stderr_lines(),
        [
            "error: answers.toml:3:9: meta: `as_of` must be a date YYYY-MM-DD (no quotes), found the string \"2026-11-27\""
        ]
    );
}

#[test]
fn more_than_20_errors_lists_20_then_a_count() {
    let scratch = Scratch::new();
    // A complete answers file plus 25 unknown keys: exactly 25 errors.
    let (mut text, _) = case("01-");
    for i in 1..=25 {
        text.push_str(&format!("bogus_{i:02} = 1\n"));
    }
    let file = scratch.write("answers.toml", &text);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 21, "{run:#?}");
    for (i, line) in lines[..20].iter().enumerate() {
        let prefix = format!(
            "error: answers.toml:{}:1: unknown question `bogus_{:02}`",
            line_of(&text, &format!("bogus_{:02} = 1", i + 1)),
            i + 1
        );
        assert!(line.starts_with(&prefix), "line {i}: {line}");
    }
    assert_eq!(lines[20], "… and 5 more errors (25 in all)");
}

#[test]
fn exactly_20_errors_have_no_count_line() {
    let scratch = Scratch::new();
    let (mut text, _) = case("01-");
    for i in 1..=20 {
        text.push_str(&format!("bogus_{i:02} = 1\n"));
    }
    let file = scratch.write("answers.toml", &text);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 20, "{run:#?}");
    assert!(
        lines.iter().all(|l| l.starts_with("error: answers.toml:")),
        "{run:#?}"
    );
}

#[test]
fn a_missing_v1_answer_names_the_question_and_why_it_is_asked() {
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    // Without the month that depends on it, so the only message is about `pension_payment`.
    let answers = edit_answer(&answers, "premium_unpaid_oldest", None);
    let text = edit_answer(&answers, "pension_payment", None);
    let file = scratch.write("answers.toml", &text);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    let line = lines[0];
    let at = format!("error: answers.toml:{}:1: ", line_of(&text, "[answers]"));
    assert!(line.starts_with(&at), "{line}");
    assert!(line.contains("missing answer `pension_payment`"), "{line}");
    assert!(
        line.contains("`pension_plan == national`"),
        "says why it is asked: {line}"
    );

    let text = edit_answer(&answers, "knows_my_number", None);
    let file = scratch.write("answers2.toml", &text);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    assert!(
        lines[0].contains("missing answer `knows_my_number`"),
        "{run:#?}"
    );
    assert!(lines[0].contains("asked of everyone"), "{run:#?}");
}

/// CONTRACT: `eval` "never stops at the first when more are known". A bad value for `age` and a
/// missing `knows_my_number` (asked of everyone, whatever the age) are independent: both are known
/// from the file, so both are reported, in file order (a missing answer points at `[answers]`).
#[test]
fn a_bad_value_and_a_missing_answer_are_reported_together() {
    let content = content();
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    let text = edit_answer(&answers, "age", Some("130"));
    let text = edit_answer(&text, "knows_my_number", None);
    let file = scratch.write("answers.toml", &text);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    let knows = &content.questions[content.question_index("knows_my_number").expect("question")];
    let expected = [
        format!(
            "error: answers.toml:{}:1: missing answer `knows_my_number` ({}): it is asked of everyone",
            line_of(&text, "[answers]"),
            knows.text.en
        ),
        format!(
            "error: answers.toml:{}:7: answer `age`: expected a whole number from 0 to 120, found the number 130",
            line_of(&text, "age = 130")
        ),
    ];
    assert_eq!(run.stderr_lines(), expected);
}

#[test]
fn an_answer_to_a_skipped_question_is_a_warning() {
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    // With the employees' pension, `pension_payment` is not asked: the file's answer is ignored (the
    // month that depends on it is left out, so that is the one warning).
    let answers = edit_answer(&answers, "premium_unpaid_oldest", None);
    let text = edit_answer(&answers, "pension_plan", Some("\"employees\""));
    let file = scratch.write("answers.toml", &text);
    let run = scratch.run(&["eval", "--answers", file, "--format", "json"]);
    run.expect_code(0);
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    let at = format!(
        "warning: answers.toml:{}:1: ",
        line_of(&text, "pension_payment = \"unpaid\"")
    );
    assert!(lines[0].starts_with(&at), "{run:#?}");
    assert!(
        lines[0].contains("answer `pension_payment` is ignored"),
        "{run:#?}"
    );
    assert!(lines[0].contains("`pension_plan == national`"), "{run:#?}");
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert!(!ids(&json["findings"]).contains("pension.payment.unpaid"));
}

#[test]
fn questions_added_after_1_0_may_be_missing() {
    let content = content();
    let (answers, expect) = case("26-");
    let optional: Vec<&str> = content
        .questions
        .iter()
        .filter(|q| q.since != "1.0")
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(
        optional,
        [
            "tax_late_month",
            "premium_unpaid_oldest",
            "premium_late_month",
            "personal_details_change",
            "stay_expiry_date",
            "period_of_stay",
            "absence_abroad",
            "card_validity",
            "card_expiry_date",
            "card_lost"
        ]
    );
    for q in &optional {
        assert!(
            !answers.contains(&format!("\n{q} =")),
            "case 26 answers {q}"
        );
    }
    let json = eval_json(&answers, &[]);
    // Case 26 is an engineer paying on time through the employer: every later question on the path
    // is left out (the card questions are asked of permanent residents, the months only after a late
    // or unpaid answer).
    let off_path = [
        "card_validity",
        "card_expiry_date",
        "tax_late_month",
        "premium_unpaid_oldest",
        "premium_late_month",
    ];
    let on_path: Vec<&str> = optional
        .iter()
        .copied()
        .filter(|q| !off_path.contains(q))
        .collect();
    assert_eq!(strings(&json["unanswered"]), on_path);
    assert_eq!(json["overall"].as_str(), expect["overall"].as_str());

    let scratch = Scratch::new();
    let file = scratch.write("answers.toml", &answers);
    for (format, lang) in [
        ("text", "en"),
        ("markdown", "en"),
        ("text", "ja"),
        ("markdown", "ja"),
    ] {
        let run = scratch.run(&[
            "eval",
            "--answers",
            file,
            "--format",
            format,
            "--lang",
            lang,
        ]);
        run.expect_code(0);
        assert_eq!(run.stderr, "", "{format} {lang}");
        let lead = i18n::UNANSWERED.get(if lang == "ja" { Lang::Ja } else { Lang::En });
        let notes: Vec<&str> = run
            .stdout_lines()
            .into_iter()
            .filter(|l| l.contains(lead))
            .collect();
        assert_eq!(
            notes.len(),
            1,
            "{format} {lang}: one note line:\n{}",
            run.stdout
        );
        for q in &on_path {
            assert!(
                notes[0].contains(q),
                "{format} {lang}: the note names {q}: {}",
                notes[0]
            );
        }
    }

    // A file that answers them has no such note.
    let (answers, _) = case("46-");
    let file = scratch.write("answered.toml", &answers);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(0);
    assert!(!run.stdout.contains(i18n::UNANSWERED.en), "{}", run.stdout);
}

#[test]
fn malformed_toml_exits_2_with_its_location() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "answers.toml",
        "[answers]\nstatus = \"work\ngoal = \"renewal\"\n",
    );
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{run:#?}");
    assert!(
        lines[0].starts_with("error: answers.toml:2:15: "),
        "{run:#?}"
    );

    let file = scratch.write(
        "tables.toml",
        "[answers]\nstatus = \"work\"\n\n[answer]\nage = 3\n",
    );
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("error: tables.toml:4:2: unknown field `answer`"),
        "{run:#?}"
    );
}

#[test]
fn an_unreadable_answers_file_exits_2() {
    let scratch = Scratch::new();
    std::fs::create_dir(scratch.path().join("a-directory")).expect("mkdir");
    std::fs::write(scratch.path().join("binary.toml"), [0xff, 0xfe, 0x00, 0x41]).expect("write");
    for file in ["missing.toml", "binary.toml"] {
        let run = scratch.run(&["eval", "--answers", file]);
        run.expect_code(2);
        assert_eq!(run.stdout, "", "{file}");
        assert!(
            run.stderr
                .starts_with(&format!("error: cannot read {file}")),
            "{file}: {run:#?}"
        );
    }
    // A directory is a list of answers files: an empty one is bad input too.
    let run = scratch.run(&["eval", "--answers", "a-directory"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: a-directory: no answers files (*.toml) in the directory\n"
    );
}

// -------------------------------------------------------------------------- eval: text and Markdown

#[test]
fn text_output_has_no_escape_codes_with_no_color_or_when_piped() {
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    let good = scratch.write("answers.toml", &answers);
    let skipped = scratch.write(
        "skipped.toml",
        &edit_answer(&answers, "pension_plan", Some("\"employees\"")),
    );
    let bad = scratch.write("bad.toml", "[answers]\nstatus = \"worker\"\n");
    let envs: [&[(&str, &str)]; 3] = [
        &[],
        &[("NO_COLOR", "1")],
        &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
    ];
    for env in envs {
        for file in [good, skipped, bad] {
            for format in ["text", "markdown"] {
                let run = scratch.run_env(&["eval", "--answers", file, "--format", format], env);
                assert!(
                    !run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'),
                    "ESC in the output of {file} {format} with {env:?}: {run:#?}"
                );
            }
        }
        let run = scratch.run_env(&["check", "--rules", "nowhere"], env);
        assert!(!run.stderr.contains('\u{1b}'), "{env:?}: {run:#?}");
    }
}

/// The control for the test above: the text report does use colors when they are forced, so not
/// finding ESC means they were turned off.
#[test]
fn text_output_is_colored_when_forced() {
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    let file = scratch.write("answers.toml", &answers);
    let run = scratch.run_env(&["eval", "--answers", file], &[("CLICOLOR_FORCE", "1")]);
    run.expect_code(0);
    assert!(run.stdout.contains('\u{1b}'), "{run:#?}");
}

#[test]
fn markdown_has_the_disclaimer_the_headings_and_one_heading_per_finding() {
    let content = content();
    let (answers, _) = case("03-");
    let json = eval_json(&answers, &[]);
    let scratch = Scratch::new();
    let file = scratch.write("answers.toml", &answers);
    for lang in [Lang::En, Lang::Ja] {
        let run = scratch.run(&[
            "eval",
            "--answers",
            file,
            "--format",
            "markdown",
            "--lang",
            lang.code(),
        ]);
        run.expect_code(0);
        assert_eq!(run.stderr, "");
        let lines = run.stdout_lines();
        assert_eq!(lines[0], format!("# {}", i18n::REPORT_TITLE.get(lang)));
        assert!(
            run.stdout.contains(content.pack.disclaimer.get(lang)),
            "{lang:?}: no disclaimer:\n{}",
            run.stdout
        );
        for heading in [i18n::FINDINGS, i18n::UPCOMING, i18n::NOTES] {
            let h = format!("## {}", heading.get(lang));
            assert_eq!(
                lines.iter().filter(|l| **l == h).count(),
                1,
                "{lang:?}: `{h}`"
            );
        }
        let findings = json["findings"].as_array().expect("findings");
        let h3: Vec<&&str> = lines.iter().filter(|l| l.starts_with("### ")).collect();
        assert_eq!(
            h3.len(),
            findings.len(),
            "{lang:?}: one ### per finding: {h3:#?}"
        );
        for (line, finding) in h3.iter().zip(findings) {
            let severity = severity(finding["severity"].as_str().expect("severity"));
            assert!(line.contains(severity.label(lang)), "{lang:?}: {line}");
        }
        let en_titles: Vec<&str> = findings
            .iter()
            .map(|f| f["title"].as_str().expect("title"))
            .collect();
        if lang == Lang::En {
            for (line, title) in h3.iter().zip(&en_titles) {
                assert!(
                    line.ends_with(title),
                    "same order as JSON: {line} / {title}"
                );
            }
        }
    }
}

#[test]
fn text_report_has_the_disclaimer_and_every_finding() {
    let content = content();
    let (answers, _) = case("03-");
    let json = eval_json(&answers, &[]);
    let scratch = Scratch::new();
    let file = scratch.write("answers.toml", &answers);
    let run = scratch.run(&["eval", "--answers", file]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    let text = squash(&run.stdout);
    assert!(
        text.contains(&squash(&content.pack.disclaimer.en)),
        "{}",
        run.stdout
    );
    for f in json["findings"].as_array().expect("findings") {
        let title = f["title"].as_str().expect("title");
        assert!(text.contains(&squash(title)), "text lacks {title}");
    }
}

#[test]
fn japanese_output_uses_the_contract_words() {
    let scratch = Scratch::new();
    let (mixed, _) = case("03-");
    let (green, _) = case("01-");
    let mixed = scratch.write("mixed.toml", &mixed);
    let green = scratch.write("green.toml", &green);
    for format in ["text", "markdown"] {
        let run = scratch.run(&[
            "eval",
            "--answers",
            mixed,
            "--format",
            format,
            "--lang",
            "ja",
        ]);
        run.expect_code(0);
        for word in [
            "要対応",
            "要確認",
            "お知らせ",
            "税金",
            "年金・医療保険",
            "届出・在留期間",
            "在留カード・マイナンバーカード",
        ] {
            assert!(
                run.stdout.contains(word),
                "{format}: no {word}:\n{}",
                run.stdout
            );
        }
        for english in ["Action needed", "Findings", "Overall"] {
            assert!(
                !run.stdout.contains(english),
                "{format}: English `{english}` in ja output"
            );
        }
        let run = scratch.run(&[
            "eval",
            "--answers",
            green,
            "--format",
            format,
            "--lang",
            "ja",
        ]);
        run.expect_code(0);
        assert!(run.stdout.contains("問題なし"), "{format}:\n{}", run.stdout);
        for word in ["要対応", "要確認"] {
            assert!(
                !run.stdout.contains(word),
                "{format}: {word} in an all-green report"
            );
        }
    }
    // JSON keeps the contract's ids whatever the language.
    let json = eval_json(&case("03-").0, &["--lang", "ja"]);
    assert_eq!(json["overall"], "violation");
    assert_eq!(json["lang"], "ja");
}

// ------------------------------------------------------------------------------------- no panics

#[test]
fn odd_inputs_never_panic() {
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    let files = [
        ("empty.toml", String::new()),
        ("only-meta.toml", "[meta]\nas_of = 2026-11-27\n".to_string()),
        (
            "table-value.toml",
            "[answers]\nstatus = { id = \"work\" }\n".to_string(),
        ),
        (
            "array-choice.toml",
            "[answers]\nstatus = [\"work\"]\n".to_string(),
        ),
        ("float-age.toml", edit_answer(&answers, "age", Some("38.5"))),
        (
            "huge-age.toml",
            edit_answer(&answers, "age", Some("9223372036854775807")),
        ),
        (
            "negative-age.toml",
            edit_answer(&answers, "age", Some("-1")),
        ),
        (
            "date-age.toml",
            edit_answer(&answers, "age", Some("2026-01-01")),
        ),
        (
            "datetime-meta.toml",
            answers.replace("as_of = 2026-11-27", "as_of = 2026-11-27T10:00:00+09:00"),
        ),
        (
            "year-9999.toml",
            answers.replace("as_of = 2026-11-27", "as_of = 9999-12-31"),
        ),
        (
            "year-0.toml",
            answers.replace("as_of = 2026-11-27", "as_of = 0000-01-01"),
        ),
        (
            "meta-extra.toml",
            answers.replace("[meta]", "[meta]\nname = \"x\""),
        ),
        ("bom.toml", format!("\u{feff}{answers}")),
        ("crlf.toml", answers.replace('\n', "\r\n")),
        (
            "japanese-key.toml",
            "[answers]\n在留資格 = \"永住者\"\n".to_string(),
        ),
    ];
    for (name, text) in &files {
        let file = scratch.write(name, text);
        for format in ["text", "markdown", "json"] {
            let run = scratch.run(&["eval", "--answers", file, "--format", format]);
            assert!(matches!(run.code, Some(0 | 2)), "{name}: {run:#?}");
            if run.code == Some(2) {
                assert!(run.stderr.starts_with("error: "), "{name}: {run:#?}");
                assert_eq!(run.stdout, "", "{name}: a report despite an error");
            }
        }
    }
    for as_of in ["9999-12-31", "0000-01-01", "-0001-01-01", "2026-13-01", ""] {
        let file = scratch.write("a.toml", &answers);
        let run = scratch.run(&["eval", "--answers", file, "--as-of", as_of]);
        assert!(matches!(run.code, Some(0 | 2)), "{as_of}: {run:#?}");
    }
    let not_a_dir = scratch.write("file.txt", "x");
    let run = scratch.run(&["check", "--rules", not_a_dir]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot read"), "{run:#?}");
}

#[test]
fn bad_input_exits_2_and_any_other_failure_exits_1() {
    let dir = TempDir::new().expect("temp dir");
    let key = dir.path().join("host_key");
    let key = key.to_str().expect("utf-8 path");
    let no_login = run_in(dir.path(), &["serve", "--host-key", key], &[]);
    no_login.expect_code(2);
    assert!(
        no_login.stderr.contains("no way to log in"),
        "{no_login:#?}"
    );
    // A port that is taken is not the user's bad input: the network failed them.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = taken.local_addr().expect("bound").to_string();
    let busy = run_in(
        dir.path(),
        &[
            "serve",
            "--allow-anonymous",
            "--host-key",
            key,
            "--listen",
            &addr,
        ],
        &[],
    );
    busy.expect_code(1);
    assert_eq!(busy.stderr_lines().len(), 1, "one line says why: {busy:#?}");
    assert!(
        busy.stderr.contains(&format!("cannot listen on {addr}")),
        "{busy:#?}"
    );
}

#[test]
fn consultant_keys_need_a_name_and_are_never_client_keys() {
    let scratch = Scratch::new();
    let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    let host = scratch.path().join("host_key");
    let host = host.to_str().expect("utf-8 path");
    let unnamed = scratch.write("unnamed", &format!("{key}\n"));
    let named = scratch.write("named", &format!("{key} Sato\n"));
    let serve = |extra: &[&str]| {
        let mut args = vec!["serve", "--allow-anonymous", "--host-key", host];
        args.extend_from_slice(extra);
        scratch.run(&args)
    };
    let run = serve(&["--consultant-keys", unnamed]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("line 1") && run.stderr.contains("consultant's name"),
        "{run:#?}"
    );
    let run = serve(&["--consultant-keys", named, "--authorized-keys", named]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("consultant Sato is also in --authorized-keys"),
        "{run:#?}"
    );
}

#[test]
fn bash_completion_completes_subcommands_and_flags() {
    let dir = TempDir::new().expect("temp dir");
    let run = run_in(dir.path(), &["completions", "bash"], &[]);
    run.expect_code(0);
    let script = dir.path().join("kouteki.bash");
    std::fs::write(&script, &run.stdout).expect("write the script");
    let complete = |words: &str, cword: usize| {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={cword}; _kouteki kouteki \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let output = Command::new("bash")
            .args(["-c", &line])
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    assert_eq!(complete("kouteki ev", 1), "eval");
    assert_eq!(complete("kouteki eval --for", 2), "--format");
    assert_eq!(
        complete("kouteki eval --format ", 3),
        "text markdown json html ics"
    );
    assert!(complete("kouteki schema ", 2).ends_with(" answers report"));
}

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    let dir = TempDir::new().expect("temp dir");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = run_in(dir.path(), &["completions", shell], &[]);
        run.expect_code(0);
        for word in ["eval", "check", "serve", "answers", "rules"] {
            assert!(run.stdout.contains(word), "{shell} completion lacks {word}");
        }
    }
    let unknown = run_in(dir.path(), &["completions", "tcsh"], &[]);
    unknown.expect_code(2);
}

/// The subcommands that have a man page of their own.
const MAN_SUBCOMMANDS: [&str; 6] = ["eval", "check", "serve", "completions", "man", "schema"];

#[test]
fn man_prints_the_top_page_and_one_page_per_subcommand_with_its_own_options() {
    let dir = TempDir::new().expect("temp dir");
    let top = run_in(dir.path(), &["man"], &[]);
    top.expect_code(0);
    assert!(top.stdout.contains(".TH kouteki 1"), "{}", top.stdout);
    for word in ["eval", "check", "serve", "completions", "rules"] {
        assert!(top.stdout.contains(word), "the man page lacks {word}");
    }
    // Each subcommand's page holds that subcommand's options, which the top page leaves out.
    for (sub, option) in [
        ("eval", "fail\\-on"),
        ("serve", "max\\-per\\-ip"),
        ("check", "strict"),
    ] {
        let page = run_in(dir.path(), &["man", sub], &[]);
        page.expect_code(0);
        assert!(
            page.stdout.contains(&format!(".TH kouteki-{sub} 1")),
            "{}",
            page.stdout
        );
        assert!(
            page.stdout.contains(option),
            "kouteki-{sub}(1) lacks {option}"
        );
        assert!(
            page.stdout.contains("kouteki 0."),
            "kouteki-{sub}(1) names no version"
        );
    }
    let unknown = run_in(dir.path(), &["man", "nope"], &[]);
    unknown.expect_code(2);
    assert!(
        unknown.stderr.contains("nope") && unknown.stderr.contains("eval, check, serve"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn man_dir_writes_every_page_and_man_reads_each_one() {
    let dir = TempDir::new().expect("temp dir");
    let pages = dir.path().join("share/man/man1");
    let run = run_in(
        dir.path(),
        &["man", "--dir", pages.to_str().expect("utf-8 path")],
        &[],
    );
    run.expect_code(0);
    let names = std::iter::once("kouteki".to_string())
        .chain(MAN_SUBCOMMANDS.iter().map(|sub| format!("kouteki-{sub}")));
    let man_installed = Command::new("man").arg("--version").output().is_ok();
    for name in names {
        let page = pages.join(format!("{name}.1"));
        let roff = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{name}.1: {e}"));
        assert!(roff.contains(&format!(".TH {name} 1")), "{name}.1: {roff}");
        assert!(
            run.stdout.contains(&*page.to_string_lossy()),
            "{name}.1 not listed: {}",
            run.stdout
        );
        if man_installed {
            let output = Command::new("man")
                .args(["-l", "-P", "cat"])
                .arg(&page)
                .env("MANWIDTH", "80")
                .output()
                .expect("run man");
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && text.contains("NAME"),
                "{name}: {text}"
            );
        }
    }
    // A page and --dir together are a usage error, not a silent choice of one.
    let both = run_in(dir.path(), &["man", "eval", "--dir", "x"], &[]);
    both.expect_code(2);
}

#[test]
fn fail_on_exits_1_when_the_overall_result_is_at_least_the_threshold() {
    let scratch = Scratch::new();
    let rank = |s: &str| {
        ["ok", "info", "caution", "violation"]
            .iter()
            .position(|r| *r == s)
    };
    let mut seen = BTreeSet::new();
    for path in case_paths() {
        let (answers, expect) = split_case(&path);
        let overall = expect["overall"].as_str().expect("an overall").to_string();
        let file = scratch.write("case.toml", &answers);
        let plain = scratch.run(&["eval", "--answers", file]);
        plain.expect_code(0);
        for threshold in ["caution", "violation"] {
            let run = scratch.run(&["eval", "--answers", file, "--fail-on", threshold]);
            let fails = rank(&overall) >= rank(threshold);
            run.expect_code(if fails { 1 } else { 0 });
            assert_eq!(run.stdout, plain.stdout, "the report is printed either way");
            if fails {
                assert_eq!(
                    run.stderr_lines(),
                    [format!(
                        "error: the overall result is {overall}, at least --fail-on {threshold}"
                    )],
                    "{}",
                    path.display()
                );
            }
            seen.insert((overall.clone(), fails));
        }
    }
    assert!(
        seen.len() >= 4,
        "cases on both sides of both thresholds: {seen:?}"
    );
    let bad = scratch.run(&["eval", "--answers", "missing.toml", "--fail-on", "caution"]);
    bad.expect_code(2);
}

#[test]
fn color_always_never_and_auto_beside_no_color() {
    let scratch = Scratch::new();
    let (answers, _) = case("03-");
    let file = scratch.write("case.toml", &answers);
    let escapes = |run: &Run| run.stdout.contains("\u{1b}[");
    let auto = scratch.run(&["eval", "--answers", file]);
    assert!(!escapes(&auto), "auto: no colors when piped");
    let always = scratch.run(&["eval", "--answers", file, "--color", "always"]);
    assert!(escapes(&always), "always: colors even when piped");
    let forced = scratch.run_env(
        &["eval", "--answers", file, "--color", "always"],
        &[("NO_COLOR", "1")],
    );
    assert!(escapes(&forced), "the flag is the later word than NO_COLOR");
    let never = scratch.run_env(
        &["eval", "--answers", file, "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!escapes(&never), "never: no colors at all");
    assert_eq!(
        anstream::adapter::strip_str(&always.stdout).to_string(),
        auto.stdout,
        "the same report, colors aside"
    );
    // Sources are terminal hyperlinks (OSC 8) where colors are on, and plain text elsewhere.
    let link = "\u{1b}]8;;https://";
    assert!(always.stdout.contains(link), "always: sources are links");
    let source_line = always
        .stdout
        .lines()
        .find(|l| l.contains(link))
        .expect("a linked source");
    let url = source_line
        .split_once(link)
        .and_then(|(_, rest)| rest.split_once('\u{1b}'))
        .map(|(url, _)| format!("https://{url}"))
        .expect("the link's target");
    assert!(
        source_line.contains(&format!("\u{1b}\\{url}\u{1b}]8;;\u{1b}\\>")),
        "the link shows its own URL: {source_line:?}"
    );
    assert!(
        !auto.stdout.contains("\u{1b}]8"),
        "auto: no links when piped"
    );
    assert!(!never.stdout.contains("\u{1b}]8"), "never: no links");
    let error = scratch.run(&["eval", "--answers", "missing.toml", "--color", "always"]);
    assert!(error.stderr.contains("\u{1b}["), "errors are colored too");
    scratch
        .run(&["eval", "--answers", file, "--color", "sometimes"])
        .expect_code(2);
}

/// Runs `kouteki serve ARGS` until it announces itself, stops it with SIGTERM, and returns its stderr.
fn serve_log(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> String {
    use std::io::{BufRead, BufReader, Read};
    let key = dir.join("host_key");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kouteki"))
        .args([
            "serve",
            "--allow-anonymous",
            "--listen",
            "127.0.0.1:0",
            "--host-key",
        ])
        .arg(&key)
        .args(args)
        .env_remove("RUST_LOG")
        .envs(envs.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kouteki serve starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("the announcement");
    assert!(line.starts_with("kouteki serve: listening on"), "{line}");
    // The "listening" event is logged right after the announcement.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    assert!(child.wait().expect("serve exits").success());
    let mut log = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("the log");
    log
}

#[test]
fn serve_logs_as_json_lines_and_follows_verbosity_and_rust_log() {
    let dir = TempDir::new().expect("temp dir");
    let json = serve_log(dir.path(), &["--log-format", "json"], &[]);
    let events: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let messages: Vec<&str> = events
        .iter()
        .filter_map(|e| e["fields"]["message"].as_str())
        .collect();
    assert!(messages.contains(&"listening"), "{json}");
    assert!(messages.contains(&"stopped"), "{json}");
    assert!(
        events
            .iter()
            .all(|e| e["level"].is_string() && e["timestamp"].is_string())
    );
    let text = serve_log(dir.path(), &[], &[]);
    assert!(text.contains("INFO listening addr=127.0.0.1:"), "{text}");
    let quiet = serve_log(dir.path(), &["-q"], &[]);
    assert!(
        !quiet.contains("INFO"),
        "-q leaves out information lines: {quiet}"
    );
    let filtered = serve_log(dir.path(), &["-q"], &[("RUST_LOG", "info")]);
    assert!(
        filtered.contains("INFO listening"),
        "RUST_LOG decides: {filtered}"
    );
}

#[test]
fn eval_over_a_directory_prints_one_line_per_file_with_its_overall_result() {
    let scratch = Scratch::new();
    let mut expected = Vec::new();
    for path in case_paths() {
        let (answers, expect) = split_case(&path);
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .to_string();
        scratch.write(&format!("clients/{name}"), &answers);
        let overall = expect["overall"].as_str().expect("overall").to_string();
        expected.push((format!("clients/{name}"), overall));
    }
    let run = scratch.run(&["eval", "--answers", "clients"]);
    run.expect_code(0);
    let lines: Vec<(String, String)> = run
        .stdout_lines()
        .iter()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "symbol and label, id, file: {line}");
            (fields[2].to_string(), fields[1].to_string())
        })
        .collect();
    assert_eq!(
        lines, expected,
        "every file, in name order, with the engine's overall"
    );
    let worst = scratch.run(&["eval", "--answers", "clients", "--fail-on", "violation"]);
    worst.expect_code(1);
    let json = scratch.run(&["eval", "--answers", "clients", "--format", "json"]);
    for (line, (file, overall)) in json.stdout_lines().iter().zip(&expected) {
        let value: Value = serde_json::from_str(line).expect("a JSON line");
        assert_eq!(value["file"], file.as_str());
        assert_eq!(value["overall"], overall.as_str());
    }
    // A broken file is reported with its errors; the others are still assessed; exit 2.
    scratch.write("clients/zz-broken.toml", "[answers]\nstatus = \"nomad\"\n");
    let broken = scratch.run(&["eval", "--answers", "clients"]);
    broken.expect_code(2);
    assert_eq!(broken.stdout_lines().len(), expected.len(), "{broken:#?}");
    assert!(
        broken.stderr.contains("clients/zz-broken.toml:2:10"),
        "{broken:#?}"
    );
    // Two files named one by one are a list too.
    let (first, second) = (&expected[0].0, &expected[1].0);
    let two = scratch.run(&["eval", "--answers", first, second]);
    two.expect_code(0);
    assert_eq!(two.stdout_lines().len(), 2);
}

/// The events of an iCalendar file read with `ical` (not the crate that writes it): for each, its
/// UID, start date, summary (escapes undone) and alarm triggers.
fn ics_events(ics: &str) -> Vec<(String, String, String, Vec<String>)> {
    let calendar = ical::IcalParser::new(ics.as_bytes())
        .next()
        .expect("a calendar")
        .expect("the calendar parses");
    let get = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    calendar
        .events
        .iter()
        .map(|e| {
            let summary = get(&e.properties, "SUMMARY")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\");
            let triggers = e
                .alarms
                .iter()
                .map(|a| get(&a.properties, "TRIGGER"))
                .collect();
            (
                get(&e.properties, "UID"),
                get(&e.properties, "DTSTART"),
                summary,
                triggers,
            )
        })
        .collect()
}

#[test]
fn eval_format_ics_writes_the_coming_timeline_as_calendar_events() {
    let (answers, _) = case("46-");
    let scratch = Scratch::new();
    let file = scratch.write("answers.toml", &answers);
    let args = ["eval", "--answers", file, "--format", "ics", "--lang", "ja"];
    let run = scratch.run(&args);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert_eq!(
        run.stdout,
        scratch.run(&args).stdout,
        "same input, same file"
    );
    let json = eval_json(&answers, &["--lang", "ja"]);
    let coming: Vec<&Value> = json["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter(|t| t["days"].as_i64().expect("days") >= 0)
        .collect();
    let events = ics_events(&run.stdout);
    assert_eq!(events.len(), coming.len());
    assert!(events.len() >= 3);
    for ((uid, start, summary, triggers), entry) in events.iter().zip(&coming) {
        let date = entry["date"].as_str().expect("date").replace('-', "");
        assert_eq!(
            uid,
            &format!("{}-{date}@kouteki", entry["id"].as_str().unwrap())
        );
        assert_eq!(start, &date);
        assert_eq!(summary, entry["title"].as_str().expect("title"));
        let want: &[&str] = if entry["kind"] == "deadline" {
            &["-P14D", "-P1D"]
        } else {
            &[]
        };
        assert_eq!(triggers, want, "{uid}");
    }
    let english = scratch.run(&["eval", "--answers", file, "--format", "ics", "--lang", "en"]);
    let english_events = ics_events(&english.stdout);
    assert!(english_events[0].2.is_ascii() && !events[0].2.is_ascii());
    let uids = |list: &[(String, String, String, Vec<String>)]| -> Vec<String> {
        list.iter().map(|e| e.0.clone()).collect()
    };
    assert_eq!(uids(&english_events), uids(&events));
}

#[test]
fn eval_format_ics_of_a_timeline_all_past_is_a_calendar_without_events() {
    let (answers, expect) = case("51-");
    let timeline = expect["timeline"]
        .as_array()
        .expect("case 51 has a timeline");
    assert!(
        timeline
            .iter()
            .all(|t| t["days"].as_integer().expect("days") < 0)
    );
    let scratch = Scratch::new();
    let file = scratch.write("answers.toml", &answers);
    let run = scratch.run(&["eval", "--answers", file, "--format", "ics"]);
    run.expect_code(0);
    assert!(ics_events(&run.stdout).is_empty());
    assert!(run.stdout.ends_with("END:VCALENDAR\r\n"));
}
