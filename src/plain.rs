//! Plain mode (`--plain`, or when stdin/stdout is not a terminal, or TERM=dumb): the same interview,
//! line by line, with numbered choices; for screen readers and logging consoles. Generic over the
//! input and output streams so it is tested without a terminal.

use std::io::{self, BufRead, Write};

use crate::strings::plain::*;
use kouteki_core::answers::{Answers, Value};
use kouteki_core::content::QuestionKind;
use kouteki_core::i18n;
use kouteki_core::interview::{Interview, Step};
use kouteki_core::lang::Lang;
use kouteki_core::report::{Report, answer_text, to_text};

/// How a plain session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The result was printed.
    Finished,
    /// The user quit (or input ended) before the result.
    Stopped,
}

/// Runs the interview line by line. `on_answer` is called with the answers that count after every
/// accepted answer (to save a draft).
pub fn run<R: BufRead, W: Write>(
    interview: &mut Interview,
    lang: Lang,
    mut input: R,
    mut out: W,
    mut on_answer: impl FnMut(&Answers),
) -> io::Result<Outcome> {
    writeln!(out, "{}", i18n::REPORT_TITLE.get(lang))?;
    writeln!(out, "{}", interview.content().pack.disclaimer.get(lang))?;
    loop {
        match interview.step() {
            Step::Question(q) => {
                ask(interview, q, lang, &mut out)?;
                let Some(line) = read_line(&mut input, &mut out)? else {
                    return stop(&mut out, lang);
                };
                match line.as_str() {
                    "q" => return stop(&mut out, lang),
                    "b" => interview.back(),
                    "?" => why(interview, q, lang, &mut out)?,
                    _ => match parse_answer(interview, q, &line, lang)
                        .and_then(|v| interview.submit(v).map_err(|e| e.message(lang)))
                    {
                        Ok(()) => on_answer(&interview.effective_answers()),
                        Err(message) => writeln!(out, "✖ {message}")?,
                    },
                }
            }
            Step::Review => {
                let path = review(interview, lang, &mut out)?;
                let Some(line) = read_line(&mut input, &mut out)? else {
                    return stop(&mut out, lang);
                };
                match line.as_str() {
                    "" => break,
                    "q" => return stop(&mut out, lang),
                    "b" => interview.back(),
                    n => match n
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| path.get(i.wrapping_sub(1)))
                    {
                        Some(q) => interview.edit(*q),
                        None => writeln!(out, "✖ {}", BAD_CHOICE.get(lang))?,
                    },
                }
            }
        }
    }
    let report = Report::new(interview.content(), &interview.assess(), lang);
    write!(out, "\n{}", anstream::adapter::strip_str(&to_text(&report)))?;
    Ok(Outcome::Finished)
}

fn stop<W: Write>(out: &mut W, lang: Lang) -> io::Result<Outcome> {
    writeln!(out, "\n{}", QUIT.get(lang))?;
    Ok(Outcome::Stopped)
}

fn read_line<R: BufRead, W: Write>(input: &mut R, out: &mut W) -> io::Result<Option<String>> {
    out.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// The form and range under a date or month prompt, as the full-screen field shows them.
fn field_hint<W: Write>(
    interview: &Interview,
    kind: &QuestionKind,
    lang: Lang,
    out: &mut W,
) -> io::Result<()> {
    match kind {
        QuestionKind::Date => writeln!(out, "  {}", crate::strings::tui::DATE_HINT.get(lang)),
        QuestionKind::Month => writeln!(
            out,
            "  {}",
            crate::strings::tui::month_hint(interview.latest_month(), lang)
        ),
        _ => Ok(()),
    }
}

fn ask<W: Write>(interview: &Interview, q: usize, lang: Lang, out: &mut W) -> io::Result<()> {
    let content = interview.content();
    let question = &content.questions[q];
    let (done, total) = interview.progress();
    writeln!(
        out,
        "\n[{}] {} {}/{total}",
        content.sections[question.section].title.get(lang),
        QUESTION.get(lang),
        done + 1
    )?;
    writeln!(out, "{}", question.text.get(lang))?;
    let current = interview.answer(q);
    let mark = |chosen: bool| if chosen { "*" } else { " " };
    match &question.kind {
        QuestionKind::YesNo => {
            writeln!(
                out,
                "{} 1) {}",
                mark(current == Some(&Value::Bool(true))),
                i18n::YES.get(lang)
            )?;
            writeln!(
                out,
                "{} 2) {}",
                mark(current == Some(&Value::Bool(false))),
                i18n::NO.get(lang)
            )?;
        }
        QuestionKind::Choice { choices, .. } | QuestionKind::MultiChoice { choices } => {
            for (i, choice) in choices.iter().enumerate() {
                let chosen = match current {
                    Some(Value::Choice(c)) => *c == i,
                    Some(Value::Choices(list)) => list.contains(&i),
                    _ => false,
                };
                writeln!(
                    out,
                    "{} {}) {}",
                    mark(chosen),
                    i + 1,
                    choice.label.get(lang)
                )?;
            }
        }
        _ => {
            if let Some(value) = current {
                writeln!(out, "  [{}]", answer_text(value, content, q, lang))?;
            }
            field_hint(interview, &question.kind, lang, out)?;
        }
    }
    let prompt = match &question.kind {
        QuestionKind::MultiChoice { .. } => MULTI,
        QuestionKind::YesNo | QuestionKind::Choice { .. } => CHOOSE,
        _ => ANSWER,
    };
    write!(out, "{} {}: ", prompt.get(lang), COMMANDS.get(lang))?;
    Ok(())
}

fn why<W: Write>(interview: &Interview, q: usize, lang: Lang, out: &mut W) -> io::Result<()> {
    let question = &interview.content().questions[q];
    writeln!(out, "{}", question.why.get(lang))?;
    if let Some(w) = &question.where_to_find {
        writeln!(out, "{}", w.get(lang))?;
    }
    Ok(())
}

/// A numbered choice, a list of numbers, or typed input, as a value for question `q`.
fn parse_answer(interview: &Interview, q: usize, line: &str, lang: Lang) -> Result<Value, String> {
    let question = &interview.content().questions[q];
    let number = |s: &str, count: usize| {
        s.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=count).contains(n))
            .map(|n| n - 1)
            .ok_or_else(|| BAD_CHOICE.get(lang).to_string())
    };
    match &question.kind {
        QuestionKind::YesNo => number(line, 2).map(|i| Value::Bool(i == 0)),
        QuestionKind::Choice { choices, .. } => number(line, choices.len()).map(Value::Choice),
        QuestionKind::MultiChoice { .. } if line.trim() == "0" => Ok(Value::Choices(vec![])),
        QuestionKind::MultiChoice { choices } => {
            let mut list = line
                .split(',')
                .map(|s| number(s, choices.len()))
                .collect::<Result<Vec<_>, _>>()?;
            list.sort_unstable();
            list.dedup();
            Ok(Value::Choices(list))
        }
        kind => kouteki_core::interview::parse_input(kind, line).map_err(|e| e.message(lang)),
    }
}

fn review<W: Write>(interview: &Interview, lang: Lang, out: &mut W) -> io::Result<Vec<usize>> {
    let content = interview.content();
    let path = interview.path();
    writeln!(out, "\n{}", REVIEW.get(lang))?;
    for (i, q) in path.iter().enumerate() {
        let answer = interview
            .answer(*q)
            .map(|v| answer_text(v, content, *q, lang))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>3}) {} → {answer}",
            i + 1,
            content.questions[*q].text.get(lang)
        )?;
    }
    write!(out, "{}: ", REVIEW_PROMPT.get(lang))?;
    Ok(path)
}
