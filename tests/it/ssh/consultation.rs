//! Guided consultations over SSH: a client and a consultant (logged in with a `--consultant-keys`
//! key) on one interview. Joining needs the client's yes; a watcher changes nothing but their own
//! view; with "drive" both answer; F2 and `q` end the visit; wrong codes are punished; marks and
//! notes reach the result and the recording.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::client::{Auth, Client, DEADLINE, Options};
use super::interview::{banner_line, is_welcome, walk_to_result};
use super::{files_in, new_key, settings, shortest_persona, start, stop};
use crate::support::content::question_on_screen;
use kouteki::ssh::ServeSettings;
use kouteki::ssh::access::ConsultantKey;
use russh::keys::PrivateKey;

const CONSOLE: &str = "consultant console";
const ASKS: &str = "Sato asks to join your session";

/// A server with anonymous clients and one consultant, Sato, with short waits for the tests.
fn consultation_settings() -> (ServeSettings, Arc<PrivateKey>) {
    let key = Arc::new(new_key());
    let mut settings = settings();
    settings.auth.consultants = vec![ConsultantKey {
        key: key.public_key().clone(),
        name: "Sato".into(),
    }];
    settings.timeouts.wrong_code_delay = Duration::from_millis(50);
    (settings, key)
}

/// An anonymous client beside consultant keys: keyboard-interactive without a prompt (OpenSSH and
/// PuTTY try it after their keys).
pub(super) fn client_options() -> Options {
    Options::new(Auth::Interactive(String::new()))
}

/// The session code on a client's screen (with its instance's name in front, if any).
pub(super) fn code_on(screen: &str) -> String {
    let at = screen.find("Session code: ").expect("a session code") + "Session code: ".len();
    screen[at..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A client at the welcome screen, and its code.
async fn client_with_code(addr: std::net::SocketAddr, opts: Options) -> (Client, String) {
    let client = Client::start(addr, opts).await.named("client");
    let screen = client.wait_for("the welcome screen", is_welcome).await;
    let code = code_on(&screen);
    (client, code)
}

/// The consultant's console.
pub(super) async fn console(
    addr: std::net::SocketAddr,
    key: &Arc<PrivateKey>,
    opts: Options,
) -> Client {
    let consultant = Client::start(
        addr,
        Options {
            auth: Auth::Key(Arc::clone(key)),
            ..opts
        },
    )
    .await
    .named("consultant");
    consultant
        .wait_for("the console", |s| {
            s.contains(CONSOLE) || s.contains("相談員コンソール")
        })
        .await;
    consultant
}

/// Types `code` at the console and waits until the client is asked.
pub(super) async fn ask(consultant: &Client, client: &Client, code: &str) {
    consultant.send(code.as_bytes()).await;
    consultant.send(b"\r").await;
    consultant
        .wait_for("waiting for the client", |s| {
            s.contains("Asking the client") || s.contains("相談者の応答を待っています")
        })
        .await;
    client.wait_for("the request", |s| s.contains(ASKS)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_or_unanswered_request_lets_nobody_in() {
    let _shared = crate::support::HEAVY.read().await;
    let (mut settings, key) = consultation_settings();
    settings.timeouts.join_answer = Duration::from_millis(700);
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let consultant = console(server.local_addr, &key, client_options()).await;

    // n refuses: the consultant is told, the client's screen is theirs again.
    ask(&consultant, &client, &code).await;
    client.send(b"n").await;
    consultant
        .wait_for("the refusal", |s| s.contains("The client refused."))
        .await;
    let screen = client.wait_for("no request", |s| !s.contains(ASKS)).await;
    assert!(!screen.contains("Consultant Sato"), "{screen}");

    // No answer within the time allowed refuses too; the client is told what happened.
    ask(&consultant, &client, &code.to_lowercase().replace('-', "")).await;
    consultant
        .wait_for("no answer", |s| s.contains("did not answer"))
        .await;
    client
        .wait_for("the request gone, with a notice", |s| {
            !s.contains(ASKS) && s.contains("was not let in")
        })
        .await;
    // Keys typed at the console while the request waited are not answers anywhere.
    client.send(b"\r").await;
    client
        .wait_for("the client still drives", |s| {
            question_on_screen(s).is_some()
        })
        .await;
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watcher_sees_the_clients_answers_at_their_own_size_and_language_and_changes_nothing() {
    let _shared = crate::support::HEAVY.read().await;
    let (settings, key) = consultation_settings();
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let mut wide_ja = client_options().env("LANG", "ja_JP.UTF-8");
    wide_ja.pty = Some((132, 40));
    let consultant = console(server.local_addr, &key, wide_ja).await;
    ask(&consultant, &client, &code).await;
    client.send(b"w").await;
    client
        .wait_for("the watch line", |s| {
            s.contains("Consultant Sato is watching")
        })
        .await;
    // The consultant sees the client's welcome, in Japanese, at 132 columns.
    let screen = consultant
        .wait_for("the session in Japanese", |s| {
            s.contains("公的義務チェック") && s.contains(&code)
        })
        .await;
    assert!(screen.contains("閲覧中"), "the watcher's line:\n{screen}");
    let widest = screen.lines().map(|l| l.trim_end().chars().count()).max();
    assert!(
        widest > Some(100),
        "drawn at the watcher's width:\n{screen}"
    );

    // The client starts; the watcher follows.
    client.send(b"\r").await;
    let first = client
        .wait_for("the first question", |s| question_on_screen(s).is_some())
        .await;
    consultant
        .wait_for("the first question on the watcher's screen", |s| {
            s.contains("在留資格")
        })
        .await;
    // The watcher's keys change nothing of the interview.
    consultant.send(b"j\r\x1b[B\r").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        question_on_screen(&client.screen()).map(|q| &q.id),
        question_on_screen(&first).map(|q| &q.id),
        "the watcher's Enter answered nothing:\n{}",
        client.screen()
    );
    assert_eq!(
        crate::support::screen::marked_option(&client.screen()),
        crate::support::screen::marked_option(&first),
        "the watcher's ↓ moved nothing"
    );
    // L switches only the watcher's language.
    consultant.send(b"L").await;
    consultant
        .wait_for("the watcher in English", |s| {
            s.contains("What is your current status")
        })
        .await;
    assert!(
        client.screen().contains("What is your current status"),
        "the client stays in English"
    );
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_drive_both_answer_f2_removes_and_the_console_comes_back() {
    let _shared = crate::support::HEAVY.read().await;
    let (settings, key) = consultation_settings();
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let consultant = console(server.local_addr, &key, client_options()).await;
    ask(&consultant, &client, &code).await;
    client.send(b"d").await;
    client
        .wait_for("the drive line", |s| s.contains("can answer with you"))
        .await;
    consultant
        .wait_for("the consultant's drive line", |s| {
            s.contains("can answer with the client")
        })
        .await;
    // The consultant starts the check and answers the first question; both screens move.
    consultant.send(b"\r").await;
    let first = client
        .wait_for("the first question", |s| question_on_screen(s).is_some())
        .await;
    let first = question_on_screen(&first).expect("a question").id.clone();
    consultant.send(b"\r").await;
    let moved = |s: &str| question_on_screen(s).is_some_and(|q| q.id != first);
    client.wait_for("the next question", moved).await;
    consultant.wait_for("the next question", moved).await;

    // F2 removes the consultant: their console comes back with the reason.
    client.send(b"\x1bOQ").await;
    client
        .wait_for("the removal notice", |s| {
            s.contains("Consultant Sato was removed") && !s.contains("can answer with you")
        })
        .await;
    consultant
        .wait_for("the console again", |s| {
            s.contains(CONSOLE) && s.contains("The client ended your part")
        })
        .await;

    // Asked again and let in to watch, the consultant leaves with q.
    ask(&consultant, &client, &code).await;
    client.send(b"w").await;
    consultant
        .wait_for("watching", |s| s.contains("only the client answers"))
        .await;
    // They switch to Japanese in the session; the console they come back to keeps it.
    consultant.send(b"L").await;
    consultant
        .wait_for("the session in Japanese", |s| s.contains("[日本語]"))
        .await;
    consultant.send(b"q").await;
    consultant
        .wait_for("the console after leaving, in Japanese", |s| {
            s.contains("相談員コンソール") && s.contains("セッションから退出しました。")
        })
        .await;
    client
        .wait_for("the client told", |s| s.contains("Consultant Sato left"))
        .await;
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_consultant_is_refused_politely_and_wrong_codes_end_the_console() {
    let _shared = crate::support::HEAVY.read().await;
    let (mut settings, key) = consultation_settings();
    let other = Arc::new(new_key());
    settings.auth.consultants.push(ConsultantKey {
        key: other.public_key().clone(),
        name: "Tanaka".into(),
    });
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let sato = console(server.local_addr, &key, client_options()).await;
    ask(&sato, &client, &code).await;
    client.send(b"w").await;
    client
        .wait_for("Sato watching", |s| {
            s.contains("Consultant Sato is watching")
        })
        .await;
    let tanaka = console(server.local_addr, &other, client_options()).await;
    tanaka.send(code.as_bytes()).await;
    tanaka.send(b"\r").await;
    tanaka
        .wait_for("busy", |s| {
            s.contains("Another consultant is in that session")
        })
        .await;
    assert!(
        !client.screen().contains("Tanaka"),
        "the client is not bothered"
    );

    // Four wrong codes are told as "no such session"; the fifth ends the connection.
    for n in 1..=5 {
        tanaka.send(b"ZZZ-ZZZ\r").await;
        if n < 5 {
            tanaka
                .wait_for("no such session", |s| s.contains("No such session."))
                .await;
            tanaka.send(b"").await;
        }
    }
    assert!(
        tanaka.wait_disconnected(DEADLINE).await,
        "five wrong codes disconnect"
    );
    assert!(
        client.screen().contains("Consultant Sato is watching"),
        "the session goes on"
    );
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_key_gets_the_console_never_an_interview() {
    let _shared = crate::support::HEAVY.read().await;
    let (mut settings, key) = consultation_settings();
    // Even where client keys are accepted, the consultant's key opens the console.
    settings.auth.keys = vec![new_key().public_key().clone()];
    let server = start(settings).await;
    let consultant = console(server.local_addr, &key, client_options()).await;
    let screen = consultant.screen();
    assert!(
        !screen.contains("Start the check") && screen.contains("Signed in as Sato"),
        "{screen}"
    );
    assert_eq!(server.sessions(), 1, "a console counts as a session");
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultant_who_stops_reading_does_not_slow_the_client() {
    let _shared = crate::support::HEAVY.read().await;
    let (settings, key) = consultation_settings();
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let stalled = Arc::new(AtomicBool::new(false));
    let mut opts = client_options();
    opts.stall = Some(Arc::clone(&stalled));
    let consultant = console(server.local_addr, &key, opts).await;
    ask(&consultant, &client, &code).await;
    client.send(b"w").await;
    consultant
        .wait_for("watching", |s| s.contains("only the client answers"))
        .await;
    stalled.store(true, Ordering::SeqCst);
    // The client goes through a whole interview while the consultant reads nothing.
    let persona = shortest_persona();
    let screen = walk_to_result(&client, &persona).await;
    assert!(banner_line(&screen).is_some());
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marks_and_notes_reach_the_result_and_the_recording() {
    let _shared = crate::support::HEAVY.read().await;
    crate::support::logs::capture();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (mut settings, key) = consultation_settings();
    settings.record_dir = Some(dir.path().to_path_buf());
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let persona = shortest_persona();
    let (_, title) = persona.findings.first().expect("a finding").clone();
    walk_to_result(&client, &persona).await;
    client.send(b"y").await;
    client
        .wait_for("the result", |s| {
            banner_line(s).is_some() && !s.contains("May your consultant")
        })
        .await;
    let consultant = console(server.local_addr, &key, client_options()).await;
    ask(&consultant, &client, &code).await;
    client.send(b"w").await;
    consultant
        .wait_for("the result on the consultant's screen", |s| {
            banner_line(s).is_some()
        })
        .await;
    // The client marks the first finding; the consultant writes a note on it.
    client.send(b"m").await;
    client.wait_for("the mark", |s| s.contains("⚑")).await;
    consultant.send(b"n").await;
    consultant
        .wait_for("the note field", |s| s.contains("Note for the client"))
        .await;
    consultant
        .send("Bring the receipts, q and L included".as_bytes())
        .await;
    consultant.send(b"\r").await;
    let screen = client
        .wait_for("the note under the finding", |s| {
            s.contains("Note from consultant Sato:") && s.contains("Bring the receipts")
        })
        .await;
    assert!(
        screen.contains("To discuss with your consultant"),
        "{screen}"
    );
    consultant.send(b"q").await;
    consultant
        .wait_for("the console", |s| s.contains(CONSOLE))
        .await;
    // Quitting makes the recording once more, with the mark and the note.
    super::quit(&client).await;
    let done = super::eventually(DEADLINE, || {
        files_in(dir.path())
            .iter()
            .any(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("Bring the receipts")))
    })
    .await;
    assert!(
        done,
        "the note in the recording: {:?}",
        files_in(dir.path())
    );
    let files = files_in(dir.path());
    assert_eq!(files.len(), 3, "one recording, replaced: {files:?}");
    let answers = std::fs::read_to_string(&files[2]).expect("the answers");
    assert!(
        answers.contains("[marks]") && answers.contains("[[notes]]"),
        "{answers}"
    );
    assert!(answers.contains("by = \"Sato\""), "{answers}");
    let report = std::fs::read_to_string(&files[1]).expect("the report");
    assert!(
        report.contains("## To discuss with your consultant"),
        "{report}"
    );
    assert!(report.contains(&title), "{report}");
    // `kouteki eval` reads the marks and notes back and gives the same report.
    let eval = std::process::Command::new(env!("CARGO_BIN_EXE_kouteki"))
        .args(["eval", "--format", "markdown", "--answers"])
        .arg(&files[2])
        .output()
        .expect("kouteki eval runs");
    assert!(eval.status.success(), "{eval:?}");
    assert_eq!(String::from_utf8_lossy(&eval.stdout), report);
    stop(server).await;
    // The events are logged; the note, the marked finding and the answers are not.
    let logs = crate::support::logs::text();
    assert!(logs.contains("consultant joined"), "{logs}");
    assert!(
        logs.contains("session recorded with the client's consent"),
        "{logs}"
    );
    assert!(
        !logs.contains("Bring the receipts"),
        "a note in the log:\n{logs}"
    );
    assert!(!logs.contains(&title), "a finding in the log:\n{logs}");
    for (id, value) in &persona.answers {
        let value = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        // The log is every test's: a short plain word (`none`, `paid`) is also the log's own
        // vocabulary (`method="none"`), so only values that could not be are looked for.
        let distinctive = value.len() >= 5 || value.contains(['_', '-']);
        assert!(
            !distinctive || !logs.contains(&value),
            "the answer to {id} ({value}) in the log"
        );
    }
}

/// Answers the first question with Enter (its first option) and waits for the next one; its id.
async fn answer_first_question(client: &Client) -> String {
    client.send(b"\r").await;
    let screen = client
        .wait_for("the first question", |s| question_on_screen(s).is_some())
        .await;
    let first = question_on_screen(&screen).expect("a question").id.clone();
    client.send(b"\r").await;
    let screen = client
        .wait_for("the second question", |s| {
            question_on_screen(s).is_some_and(|q| q.id != first)
        })
        .await;
    question_on_screen(&screen).expect("a question").id.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_client_resumes_by_code_where_they_were_and_the_consultant_is_told() {
    let _shared = crate::support::HEAVY.read().await;
    let (mut settings, key) = consultation_settings();
    settings.timeouts.resume_grace = Duration::from_secs(30);
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    let consultant = console(server.local_addr, &key, client_options()).await;
    ask(&consultant, &client, &code).await;
    client.send(b"w").await;
    let second = answer_first_question(&client).await;
    client.disconnect().await;
    consultant
        .wait_for("the consultant told", |s| s.contains("connection dropped"))
        .await;
    assert_eq!(
        server.sessions(),
        2,
        "the kept session and the console count"
    );

    let back = Client::start(server.local_addr, client_options())
        .await
        .named("client again");
    let screen = back.wait_for("the welcome", is_welcome).await;
    assert!(
        screen.contains("Resume a session: type its code"),
        "{screen}"
    );
    assert!(
        !screen.contains(&code),
        "kept sessions are never listed:\n{screen}"
    );
    // The menu's last entry; a wrong code first, then the right one in lower case.
    back.send(b"\x1b[B\x1b[B\r").await;
    back.wait_for("the resume screen", |s| s.contains("Enter: resume"))
        .await;
    back.send(b"ZZZ-ZZZ\r").await;
    back.wait_for("told no", |s| s.contains("No such session."))
        .await;
    back.send(code.to_lowercase().as_bytes()).await;
    back.send(b"\r").await;
    back.wait_for("the same question", |s| {
        question_on_screen(s).is_some_and(|q| q.id == second)
    })
    .await;
    consultant
        .wait_for("the consultant told", |s| {
            s.contains("The client reconnected.")
        })
        .await;
    // The consultant follows the resumed client.
    back.send(b"\r").await;
    consultant
        .wait_for("the next question on the consultant's screen", |s| {
            question_on_screen(s).is_some_and(|q| q.id != second)
        })
        .await;
    assert!(
        super::eventually(DEADLINE, || server.sessions() == 2).await,
        "the new connection's own session ended: {}",
        server.sessions()
    );
    // Guessing: wrong codes are told one by one, and the fifth ends the connection.
    let guesser = Client::start(server.local_addr, client_options())
        .await
        .named("guesser");
    guesser.wait_for("the welcome", is_welcome).await;
    guesser.send(b"\x1b[B\x1b[B\r").await;
    guesser
        .wait_for("the resume screen", |s| s.contains("Enter: resume"))
        .await;
    for n in 1..=5 {
        guesser.send(b"ZZZ-ZZZ\r").await;
        if n < 5 {
            guesser
                .wait_for("told no", |s| s.contains("No such session."))
                .await;
        }
    }
    assert!(
        guesser.wait_disconnected(DEADLINE).await,
        "five wrong codes disconnect"
    );
    stop(server).await;
}

/// On an instance named A (`--instance A --peer B=…`): codes are `A-XXX-XXX`; the client resumes
/// with it typed in lower case without dashes; the console joins with the code with or without
/// its `A-`; a code of instance B is answered with where to connect, to a client resuming and to
/// the console, and five of them end the console like five wrong codes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_named_instance_codes_carry_its_name_and_another_instances_codes_are_strikes() {
    let _shared = crate::support::HEAVY.read().await;
    let (mut settings, key) = consultation_settings();
    settings.timeouts.resume_grace = Duration::from_secs(30);
    settings.instances = kouteki::ssh::instance::Instances::new(
        Some("a".parse().expect("a name")),
        vec!["B=other.example:2202".parse().expect("a peer")],
    )
    .expect("instances");
    let server = start(settings).await;
    let (client, code) = client_with_code(server.local_addr, client_options()).await;
    assert!(
        code.len() == 9 && code.starts_with("A-"),
        "the code names the instance: {code:?}"
    );
    let plain = &code[2..];
    let consultant = console(server.local_addr, &key, client_options()).await;
    ask(&consultant, &client, plain).await;
    client.send(b"w").await;
    client
        .wait_for("the watch line", |s| {
            s.contains("Consultant Sato is watching")
        })
        .await;
    let second = answer_first_question(&client).await;
    client.disconnect().await;
    consultant
        .wait_for("the consultant told", |s| s.contains("connection dropped"))
        .await;
    let back = Client::start(server.local_addr, client_options())
        .await
        .named("client again");
    back.wait_for("the welcome", is_welcome).await;
    back.send(b"\x1b[B\x1b[B\r").await;
    back.wait_for("the resume screen", |s| s.contains("Enter: resume"))
        .await;
    back.send(code.to_lowercase().replace('-', "").as_bytes())
        .await;
    back.send(b"\r").await;
    back.wait_for("the same question", |s| {
        question_on_screen(s).is_some_and(|q| q.id == second)
    })
    .await;

    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let moved = Client::start(server.local_addr, client_options())
        .await
        .named("client sent to the wrong instance");
    moved.wait_for("the welcome", is_welcome).await;
    moved.send(b"\x1b[B\x1b[B\r").await;
    moved
        .wait_for("the resume screen", |s| s.contains("Enter: resume"))
        .await;
    moved.send(format!("B-{plain}\r").as_bytes()).await;
    let told_client = "Codes starting with B- belong to server B. Connect to other.example port 2202 (ssh -p 2202 other.example), choose “Resume a session: type its code” and type the code again.";
    moved
        .wait_for("where the session lives", |s| flat(s).contains(told_client))
        .await;

    let other = console(server.local_addr, &key, client_options()).await;
    let told = "Codes starting with B- belong to server B. Connect your console to other.example port 2202 (ssh -p 2202 other.example) and type the code there.";
    for n in 1..=5 {
        other.send(format!("B-{plain}\r").as_bytes()).await;
        if n < 5 {
            other
                .wait_for("where to connect", |s| flat(s).contains(told))
                .await;
            other.send(b"").await;
        }
    }
    assert!(
        other.wait_disconnected(DEADLINE).await,
        "five codes of another instance disconnect like wrong codes"
    );
    stop(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_client_is_offered_their_kept_session_and_not_after_the_grace() {
    let _shared = crate::support::HEAVY.read().await;
    let (mut settings, _) = consultation_settings();
    let client_key = Arc::new(new_key());
    settings.auth.keys = vec![client_key.public_key().clone()];
    settings.auth.anonymous = false;
    settings.timeouts.resume_grace = Duration::from_secs(2);
    let server = start(settings).await;
    let as_key = || Options::new(Auth::Key(Arc::clone(&client_key)));
    let (client, code) = client_with_code(server.local_addr, as_key()).await;
    let second = answer_first_question(&client).await;
    client.disconnect().await;
    assert!(super::eventually(DEADLINE, || server.sessions() == 1).await);

    let back = Client::start(server.local_addr, as_key())
        .await
        .named("key again");
    back.wait_for("the offer", |s| {
        s.contains(&format!("Resume session {code}?"))
    })
    .await;
    back.send(b"\r").await;
    back.wait_for("the same question", |s| {
        question_on_screen(s).is_some_and(|q| q.id == second)
    })
    .await;
    back.disconnect().await;

    // After the grace the answers are gone: no offer, a fresh welcome.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(super::eventually(DEADLINE, || server.sessions() == 0).await);
    let late = Client::start(server.local_addr, as_key())
        .await
        .named("too late");
    let screen = late.wait_for("the welcome", is_welcome).await;
    assert!(!screen.contains("Resume session"), "{screen}");
    stop(server).await;
}
