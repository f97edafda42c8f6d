//! The satisfiability check against brute force: on a questionnaire small enough to try every answer,
//! [`satisfiable`] must never reject a condition that some answers (on the path the flow takes) and
//! some evaluation date make hold. It may accept one that cannot hold: it is allowed to be incomplete.
//!
//! Conditions are generated as text and go through [`parse`] and [`compile`], so they are exactly the
//! conditions a content file can contain, and a failing case shrinks to a condition one can read.

use jiff::civil::{Date, date};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::tests::{choices, question};
use super::{Cond, compile, parse, satisfiable};
use crate::answers::{Answers, QuestionIdx, Value};
use crate::content::{Content, PackInfo, Question, QuestionKind, Section};
use crate::flow::Path;
use crate::lang::Text;

/// The question gated by a (generated) `ask_if`; it comes last, so its `ask_if` may name all others.
const GATED: usize = 4;

/// What a test is about: a question (by index) or, for this value, the evaluation date.
const AS_OF: usize = 5;

/// The dates conditions compare `as_of` with.
const AS_OF_LITERALS: [&str; 2] = ["2026-01-01", "2027-01-01"];

/// Evaluation dates: before, on, between and after the literals, so every outcome of an `as_of`
/// comparison is tried.
fn evaluation_dates() -> [Date; 5] {
    [
        date(2025, 6, 1),
        date(2026, 1, 1),
        date(2026, 6, 1),
        date(2027, 1, 1),
        date(2027, 6, 1),
    ]
}

fn number(id: &str) -> Question {
    question(
        id,
        QuestionKind::Number {
            min: 0,
            max: 3,
            unit: None,
        },
    )
}

/// Every kind with a finite domain: yes/no, a choice of three, a number 0..=3, a multi-choice of two,
/// and a second number asked only when `gated_ask_if` holds.
fn questionnaire(gated_ask_if: Option<&str>) -> Vec<Question> {
    let mut questions = vec![
        question("yes", QuestionKind::YesNo),
        question(
            "pick",
            QuestionKind::Choice {
                choices: choices(&["a", "b", "c"]),
                unsure: None,
            },
        ),
        number("n"),
        question(
            "langs",
            QuestionKind::MultiChoice {
                choices: choices(&["en", "ja"]),
            },
        ),
        number("m"),
    ];
    if let Some(text) = gated_ask_if {
        let cond = compile_text(text, &questions);
        questions[GATED].depends_on = cond.questions();
        questions[GATED].ask_if = Some(cond);
    }
    questions
}

/// A content pack around the questions, for [`Path`] (which decides which answers count).
fn content(questions: Vec<Question>) -> Content {
    Content {
        pack: PackInfo {
            name: "brute force".into(),
            version: "1.0".into(),
            reviewed: date(2026, 11, 27),
            disclaimer: Text::new("d", "d"),
        },
        sections: vec![Section {
            id: "profile".into(),
            area: None,
            title: Text::new("p", "p"),
        }],
        questions,
        rules: vec![],
        notes: vec![],
        schedule: crate::content::Schedule::default(),
        warnings: vec![],
    }
}

fn compile_text(text: &str, questions: &[Question]) -> Cond {
    let expr = parse(text).unwrap_or_else(|e| panic!("`{text}`: syntax: {}", e.message));
    compile(&expr, questions).unwrap_or_else(|e| panic!("`{text}`: type: {}", e.message))
}

/// Every answer a question can have, "unanswered" (`None`) included.
fn possible_answers(question: &Question) -> Vec<Option<Value>> {
    let values: Vec<Value> = match &question.kind {
        QuestionKind::YesNo => vec![Value::Bool(false), Value::Bool(true)],
        QuestionKind::Choice { choices, .. } => (0..choices.len()).map(Value::Choice).collect(),
        QuestionKind::MultiChoice { choices } => (0..1usize << choices.len())
            .map(|set| Value::Choices((0..choices.len()).filter(|i| set >> i & 1 == 1).collect()))
            .collect(),
        QuestionKind::Number { min, max, .. } => (*min..=*max).map(Value::Number).collect(),
        QuestionKind::Date | QuestionKind::Month | QuestionKind::Text => {
            unreachable!("no finite domain to enumerate")
        }
    };
    std::iter::once(None)
        .chain(values.into_iter().map(Some))
        .collect()
}

/// The questions whose answers can matter to `cond`: those it names, and (repeatedly) those their
/// `ask_if` names, since they decide whether an answer counts. The others may as well be unanswered.
fn relevant_questions(cond: &Cond, questions: &[Question]) -> Vec<QuestionIdx> {
    let mut relevant = cond.questions();
    let mut next = 0;
    while let Some(&q) = relevant.get(next) {
        for dep in &questions[q].depends_on {
            if !relevant.contains(dep) {
                relevant.push(*dep);
            }
        }
        next += 1;
    }
    relevant
}

/// Every combination of answers to the `relevant` questions, the others unanswered.
fn combinations(questions: &[Question], relevant: &[QuestionIdx]) -> Vec<Answers> {
    let mut all = vec![Answers::empty(questions.len())];
    for &q in relevant {
        let options = possible_answers(&questions[q]);
        all = all
            .iter()
            .flat_map(|answers| {
                options.iter().map(move |option| {
                    let mut answers = answers.clone();
                    if let Some(value) = option {
                        answers.set(q, value.clone());
                    }
                    answers
                })
            })
            .collect();
    }
    all
}

/// Brute force: whether `cond` holds for some combination of answers on some evaluation date,
/// counting only the answers on the path (an answer to a question whose `ask_if` fails is absent).
fn holds_for_some_answers(cond: &Cond, questions: &[Question]) -> bool {
    let content = content(questions.to_vec());
    let relevant = relevant_questions(cond, questions);
    combinations(questions, &relevant).iter().any(|answers| {
        evaluation_dates()
            .into_iter()
            .any(|as_of| cond.eval(&Path::new(&content, answers, as_of), as_of))
    })
}

fn check(cond: &Cond, questions: &[Question]) -> bool {
    satisfiable(cond, questions, &|q| questions[q].ask_if.clone())
}

/// Every test a condition can make on one subject (see [`AS_OF`]), as condition text: all the
/// operators, every value of the domain and one past each end for orderings, every list of choices,
/// lists of numbers with and without repeats, every range.
fn tests_on(subject: usize) -> Vec<String> {
    match subject {
        0 => yes_no_tests(),
        1 => choice_tests(),
        2 => number_tests("n"),
        3 => vec![
            "langs has en".into(),
            "langs has ja".into(),
            "answered(langs)".into(),
        ],
        GATED => number_tests("m"),
        _ => as_of_tests(),
    }
}

fn yes_no_tests() -> Vec<String> {
    let mut tests = vec!["answered(yes)".to_string()];
    for op in ["==", "!="] {
        tests.extend([true, false].map(|b| format!("yes {op} {b}")));
    }
    tests
}

fn choice_tests() -> Vec<String> {
    let ids = ["a", "b", "c"];
    let mut tests = vec!["answered(pick)".to_string()];
    for op in ["==", "!="] {
        tests.extend(ids.map(|c| format!("pick {op} {c}")));
    }
    for set in 1..8usize {
        let listed: Vec<&str> = (0..3)
            .filter(|i| set >> i & 1 == 1)
            .map(|i| ids[i])
            .collect();
        for word in ["in", "not in"] {
            tests.push(format!("pick {word} [{}]", listed.join(", ")));
        }
    }
    tests
}

/// Tests on a number question 0..=3. Orderings may reach past the range (the compiler allows it;
/// `==`, `!=`, lists and ranges must stay inside).
fn number_tests(id: &str) -> Vec<String> {
    let mut tests = vec![format!("answered({id})")];
    for op in ["<", "<=", ">", ">="] {
        tests.extend((-1..=4).map(|n| format!("{id} {op} {n}")));
    }
    for op in ["==", "!="] {
        tests.extend((0..=3).map(|n| format!("{id} {op} {n}")));
    }
    let mut lists: Vec<String> = (1..16usize)
        .map(|set| {
            let listed: Vec<String> = (0..4)
                .filter(|i| set >> i & 1 == 1)
                .map(|i| i.to_string())
                .collect();
            listed.join(", ")
        })
        .collect();
    lists.extend(["0, 0".to_string(), "2, 1, 2".to_string()]);
    for list in &lists {
        tests.extend(["in", "not in"].map(|word| format!("{id} {word} [{list}]")));
    }
    for lo in 0..=3 {
        tests.extend((lo..=3).map(|hi| format!("{id} in {lo}..{hi}")));
    }
    tests
}

fn as_of_tests() -> Vec<String> {
    let mut tests = Vec::new();
    for op in ["==", "!=", "<", "<=", ">", ">="] {
        tests.extend(AS_OF_LITERALS.map(|d| format!("as_of {op} {d}")));
    }
    tests
}

fn negation(not: bool) -> &'static str {
    if not { "not " } else { "" }
}

/// A few tests on one or two of these subjects: few subjects, so that tests on the same one meet and
/// contradict each other often.
fn tests_on_some_of(subjects: Vec<usize>) -> impl Strategy<Value = Vec<String>> {
    subsequence(subjects, 1..=2).prop_flat_map(|chosen| {
        let tests: Vec<String> = chosen.into_iter().flat_map(tests_on).collect();
        prop::collection::vec(select(tests), 1..=4)
    })
}

/// Random trees of `and` and `or` over the tests, each test negated or not, and now and then a
/// negated subtree; every operand is in parentheses.
fn tree(test: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        1 => Just("true".to_string()),
        1 => Just("false".to_string()),
        12 => (any::<bool>(), test).prop_map(|(not, t)| format!("{}({t})", negation(not))),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        let joined = |cs: Vec<String>, word: &str| {
            let parts: Vec<String> = cs.iter().map(|c| format!("({c})")).collect();
            parts.join(&format!(" {word} "))
        };
        prop_oneof![
            1 => inner.clone().prop_map(|c| format!("not ({c})")),
            4 => prop::collection::vec(inner.clone(), 2..=3).prop_map(move |cs| joined(cs, "and")),
            2 => prop::collection::vec(inner, 2..=3).prop_map(move |cs| joined(cs, "or")),
        ]
    })
}

/// A tree over a few tests on one or two of `subjects`, drawn first: the same tests recur, negated
/// and joined with each other, so contradictions (the cases the check must get right) are common.
fn condition(subjects: Vec<usize>) -> impl Strategy<Value = String> {
    tests_on_some_of(subjects).prop_flat_map(|pool| tree(select(pool).boxed()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_rejects_a_condition_that_some_answers_make_hold(
        text in condition(vec![0, 1, 2, 3, GATED, AS_OF]),
        gated_ask_if in proptest::option::of(condition(vec![0, 1, 2, 3, AS_OF])),
    ) {
        let questions = questionnaire(gated_ask_if.as_deref());
        let cond = compile_text(&text, &questions);
        // Brute force only when the check rejects: that is when it could be wrong.
        if !check(&cond, &questions) {
            prop_assert!(
                !holds_for_some_answers(&cond, &questions),
                "judged unable to hold, but some answers make it hold"
            );
        }
    }
}

/// Exhaustive where random cases are thin: every two tests on one subject, each negated or not,
/// joined by `and` (`not (n < 2) and n == 2` is the kind of pair a random tree rarely draws).
#[test]
fn never_rejects_two_tests_on_one_subject_that_can_hold_together() {
    let questions = questionnaire(None);
    let mut wrong = Vec::new();
    for subject in [0, 1, 2, 3, AS_OF] {
        let tests = tests_on(subject);
        for (i, first) in tests.iter().enumerate() {
            for second in &tests[i..] {
                for (not_first, not_second) in
                    [(false, false), (false, true), (true, false), (true, true)]
                {
                    let text = format!(
                        "{}({first}) and {}({second})",
                        negation(not_first),
                        negation(not_second)
                    );
                    let cond = compile_text(&text, &questions);
                    if !check(&cond, &questions) && holds_for_some_answers(&cond, &questions) {
                        wrong.push(text);
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "judged unable to hold, but some answers make them hold:\n{}",
        wrong.join("\n")
    );
}

/// Asserts that the check rejects `text` and that brute force agrees nothing makes it hold.
fn assert_rejected(text: &str, gated_ask_if: Option<&str>) {
    let questions = questionnaire(gated_ask_if);
    let cond = compile_text(text, &questions);
    assert!(
        !holds_for_some_answers(&cond, &questions),
        "`{text}` can hold"
    );
    assert!(!check(&cond, &questions), "`{text}` is not rejected");
}

#[test]
fn rejects_conditions_that_no_answers_make_hold() {
    assert_rejected("n < 0", None);
    assert_rejected("n > 3", None);
    assert_rejected("pick == a and pick == b", None);
    assert_rejected("pick in [a, b] and pick not in [b, a]", None);
    assert_rejected("yes == true and yes != true", None);
    assert_rejected("n in 1..2 and n != 1 and n != 2 and n != 2", None);
    assert_rejected("n in [1, 1] and n not in [1]", None);
    assert_rejected("answered(n) and not answered(n)", None);
    assert_rejected("not answered(pick) and pick != a", None);
    assert_rejected("as_of < 2026-01-01 and as_of >= 2027-01-01", None);
    assert_rejected("yes == false and answered(m)", Some("yes == true"));
    assert_rejected("m > 0", Some("pick == a and pick == c"));
}

#[test]
fn brute_force_finds_the_answers_that_make_a_condition_hold() {
    let holds = |text: &str, gated_ask_if: Option<&str>| {
        let questions = questionnaire(gated_ask_if);
        holds_for_some_answers(&compile_text(text, &questions), &questions)
    };
    assert!(holds("n in 0..1 and n != 0 and n != 0", None));
    assert!(holds("yes == true and m == 3", Some("yes == true")));
    assert!(holds("not (m == 3) and yes == false", Some("yes == true")));
    assert!(holds("langs has en and not (langs has ja)", None));
    assert!(holds("as_of > 2026-01-01 and as_of < 2027-01-01", None));
}
