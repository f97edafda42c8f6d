//! End-to-end tests of `kouteki serve` with the real OpenSSH client (and PuTTY's plink): the real `kouteki` binary serves
//! on a free port of 127.0.0.1, and `ssh` runs in a shell inside a private tmux server
//! (`tmux -L <unique name>`, no config, no status line) at 100×32, driven with `send-keys` and read
//! back with `capture-pane`. Each step polls for the screen it expects (20 s deadline, every 50 ms)
//! instead of sleeping; the tests are serialised by a static lock.
//!
//! Where `ssh` or `tmux` is missing they print `skipped: <program> not installed` and pass, unless
//! `CI` is set: then they fail. `ssh` reads no configuration (`-F /dev/null`) and keeps no host keys
//! (`UserKnownHostsFile=/dev/null`); everything else lives in a temporary directory. Every server is
//! stopped with SIGTERM by the test (and by a guard should the test fail).

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::screen::{column_of, marked_option};
use crate::support::tmux::{Config, DEADLINE, EXIT_MARK, POLL, Tmux, poll, setup, shell_quote};

const BIN: &str = env!("CARGO_BIN_EXE_kouteki");
/// The server must be gone this long after SIGTERM (the issue: close within 5 s).
const STOP_LIMIT: Duration = Duration::from_secs(6);
/// The access code the tests' server reads from `--access-code-file` (typed without its dashes).
const CODE: &str = "314-159-265";
const AS_OF: &str = "2026-11-27";
/// The one line a client without a pty gets.
const NO_PTY_LINE: &str =
    "kouteki needs an interactive terminal: connect with `ssh -t` (ssh -t -p PORT USER@HOST).";

// -------------------------------------------------------------------------------------- server

/// `kouteki serve` started as a service manager starts a server: by util-linux's `setsid`, in a
/// session of its own with no controlling terminal, and with no `TERM`; so a server that asked its
/// own terminal anything (its size, say, where the client's was meant) fails these tests as it would
/// fail its users. (`setsid` execs in place here, the spawned child leading no process group, so the
/// child's pid stays the server's.)
fn as_a_service() -> Command {
    let mut command = Command::new("setsid");
    command.arg(BIN).env_remove("TERM");
    command
}

/// A `kouteki serve` process on a free loopback port. Stop it with [`Server::stop`]; should the test
/// fail first, dropping it sends SIGTERM (then SIGKILL) so nothing is left running.
pub(crate) struct Server {
    child: Child,
    pub(crate) addr: SocketAddr,
    /// The host key's SHA256 fingerprint, as announced (`SHA256:…`).
    fingerprint: String,
    log: PathBuf,
    /// Holds the host key, the access code file and the log.
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts `kouteki serve` with `auth` flags (`--allow-anonymous`, or [`Server::CODE_FILE`] for
    /// `--access-code-file` with [`CODE`]), and waits until it announces and accepts connections.
    pub(crate) fn start(auth: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("temporary directory");
        let code_file = dir.path().join("access-code");
        std::fs::write(&code_file, format!("{CODE}\n")).expect("write the access code");
        let log = dir.path().join("server.log");
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let auth: Vec<String> = auth
            .iter()
            .map(|a| {
                if *a == Server::CODE_FILE {
                    code_file.display().to_string()
                } else {
                    a.to_string()
                }
            })
            .collect();
        let mut child = as_a_service()
            .arg("serve")
            .args(["--listen", &listen])
            .args(&auth)
            .arg("--host-key")
            .arg(dir.path().join("host_key"))
            .args(["--as-of", AS_OF])
            .env("XDG_DATA_HOME", dir.path().join("xdg"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("create the server log"))
            .spawn()
            .expect("kouteki serve starts");
        let stdout = child.stdout.take().expect("the server's stdout");
        let (lines, announced) = mpsc::channel();
        std::thread::spawn(move || {
            // Drain to the end, also once nobody listens: a closed pipe would make the server's
            // next line on stdout fail.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let mut server = Server {
            child,
            addr: listen.parse().expect("an address"),
            fingerprint: String::new(),
            log,
            _dir: dir,
        };
        // "kouteki serve: listening on ADDR" comes first on stdout.
        let deadline = Instant::now() + DEADLINE;
        let mut seen = Vec::new();
        let addr = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match announced.recv_timeout(left) {
                Ok(line) => {
                    if let Some(addr) = line.strip_prefix("kouteki serve: listening on ") {
                        break addr.trim().to_string();
                    }
                    seen.push(line);
                }
                Err(_) => panic!(
                    "kouteki serve did not announce where it listens; stdout: {seen:?}\nlog:\n{}",
                    server.log()
                ),
            }
        };
        assert_eq!(addr, listen, "the announced address");
        // "host key (generated PATH): SHA256:…" comes next.
        let key_line = announced
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the host key line");
        server.fingerprint = key_line
            .rsplit(' ')
            .next()
            .filter(|f| f.starts_with("SHA256:"))
            .unwrap_or_else(|| panic!("a fingerprint at the end of {key_line:?}"))
            .to_string();
        server.addr = addr.parse().expect("the announced address parses");
        // The announcement is printed before the socket is bound: also wait for it to accept.
        let target = server.addr;
        poll(
            "the server to accept connections",
            || TcpStream::connect_timeout(&target, Duration::from_secs(1)).ok(),
            || server.log(),
        );
        server
    }

    /// Stands for the access code file's path in [`Server::start`]'s flags.
    const CODE_FILE: &'static str = "<access code file>";

    /// What the server logged so far (stderr).
    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// A `kB` field of the server process's `/proc/PID/status` (`VmRSS`, `VmHWM`), in KiB.
    pub(crate) fn status_kib(&self, field: &str) -> u64 {
        let path = format!("/proc/{}/status", self.child.id());
        let status = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("{field} in {path}"))
    }

    /// Whether the process is still running.
    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn sigterm(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits up to `limit` for the process to exit.
    fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if start.elapsed() > limit {
                return None;
            }
            std::thread::sleep(POLL);
        }
    }

    /// SIGTERM; asserts the server exits, successfully, within [`STOP_LIMIT`]. Its log.
    pub(crate) fn stop(mut self) -> String {
        self.sigterm();
        let started = Instant::now();
        let status = self.wait_exit(STOP_LIMIT);
        let log = self.log();
        let Some(status) = status else {
            panic!(
                "kouteki serve still runs {:?} after SIGTERM; log:\n{log}",
                started.elapsed()
            );
        };
        assert!(
            status.success(),
            "kouteki serve exited with {status} after SIGTERM; log:\n{log}"
        );
        log
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.running() {
            self.sigterm();
            if self.wait_exit(STOP_LIMIT).is_none() {
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
    }
}

/// A port of 127.0.0.1 nobody listens on now.
pub(crate) fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("its address").port()
}

/// The options every `ssh` here runs with: no configuration, no host key checks (a fresh key per
/// test), errors only.
fn ssh_options(port: u16) -> Vec<String> {
    [
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=10",
        "-p",
        &port.to_string(),
    ]
    .map(String::from)
    .to_vec()
}

// ---------------------------------------------------------------------------------------- tmux

/// A private tmux server with one 100×32 window running an interactive bash, to run `ssh` in.
fn start_tmux(name: &str) -> Tmux {
    let config = Config {
        socket_prefix: "kouteki-ssh",
        prompt: "kt-ssh$",
        size: (100, 32),
        env: &[],
    };
    Tmux::start(&config, name)
}

impl Tmux {
    /// Types `ssh -tt OPTIONS consult@127.0.0.1; echo KT_EXIT=$?` at the prompt.
    fn run_ssh(&self, options: &[String]) {
        let options: Vec<String> = options.iter().map(|o| shell_quote(o)).collect();
        self.run(&format!("ssh -tt {} consult@127.0.0.1", options.join(" ")));
    }

    /// Waits for the `n`th exit of `ssh` and the prompt after it; asserts the status is 0 and the
    /// terminal is back to normal (normal screen, cursor shown). The screen with its history.
    fn wait_ssh_exit(&self, n: usize) -> String {
        let screen = self.wait_exit(n, "ssh");
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen:\n{screen}"
        );
        assert_eq!(
            self.display("#{cursor_flag}"),
            "1",
            "the cursor is hidden:\n{screen}"
        );
        screen
    }
}

fn on_question(screen: &str, n: usize) -> bool {
    screen.contains(&format!("Question {n} of")) && screen.contains("Why we ask")
}

// --------------------------------------------------------------------------------------- tests

/// `ssh -tt` with an access code typed at the keyboard-interactive prompt: the welcome screen with
/// the server-memory privacy line, three questions answered, a resize redrawn at the new size, q y
/// ends with the farewell line and gives the shell back. A second client asking for Japanese gets
/// it, and is told the server is closing when it gets SIGTERM; the server then exits within 6 s.
#[test]
fn openssh_client_runs_the_interview_and_resizes_and_quits() {
    let Some(_serial) = setup(&["ssh", "tmux"]) else {
        return;
    };
    let server = Server::start(&["--access-code-file", Server::CODE_FILE]);
    let port = server.addr.port();
    let tmux = start_tmux("interview");
    let mut options = ssh_options(port);
    options.extend(
        [
            "-o",
            "PreferredAuthentications=keyboard-interactive,password",
            "-o",
            "SetEnv=LANG=en_US.UTF-8",
        ]
        .map(String::from),
    );
    tmux.run_ssh(&options);
    tmux.wait_for("the access code prompt", |s| s.contains("Access code"));
    tmux.type_text(&CODE.replace('-', ""));
    tmux.send(&["Enter"]);

    let screen = tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    assert!(
        screen
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("Your answers live only in the server's memory for this session"),
        "the welcome screen over SSH tells where answers live:\n{screen}"
    );
    assert_eq!(tmux.display("#{alternate_on}"), "1", "the alternate screen");

    // Question 1: move the marker down one option, confirm.
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("question 1", |s| {
        on_question(s, 1) && marked_option(s).is_some()
    });
    let first = marked_option(&screen).expect("a marked option");
    tmux.send(&["Down"]);
    let screen = tmux.wait_for("the marker to move", |s| {
        marked_option(s).is_some_and(|m| m != first)
    });
    let chosen = marked_option(&screen).expect("a marked option");
    tmux.send(&["Enter"]);
    // Question 2: confirm the first option; question 3 (age) takes a number.
    tmux.wait_for("question 2", |s| on_question(s, 2));
    tmux.send(&["Enter"]);
    tmux.wait_for("question 3, a number field", |s| {
        on_question(s, 3) && s.contains("› ▏")
    });
    tmux.type_text("35");
    tmux.wait_for("35 typed", |s| s.contains("› 35▏"));
    tmux.send(&["Enter"]);
    tmux.wait_for("question 4", |s| {
        on_question(s, 4) && marked_option(s).is_some()
    });
    // Back to question 1: the choice made there is kept.
    tmux.send(&["Left"]);
    tmux.wait_for("question 3 again", |s| {
        on_question(s, 3) && s.contains("› 35")
    });
    tmux.send(&["Left"]);
    tmux.wait_for("question 2 again", |s| on_question(s, 2));
    tmux.send(&["Left"]);
    let screen = tmux.wait_for("question 1 again", |s| on_question(s, 1));
    assert_eq!(
        marked_option(&screen).as_deref(),
        Some(chosen.as_str()),
        "the answer to question 1 was kept:\n{screen}"
    );

    // At 100 columns the help panel is below the question; at 120×40, on the right.
    assert!(
        column_of(&screen, "Why we ask").is_some_and(|c| c < 10),
        "at 100 columns the help panel is below:\n{screen}"
    );
    tmux.resize(120, 40);
    let screen = tmux.wait_for("the redraw at 120×40 (help panel on the right)", |s| {
        column_of(s, "Why we ask").is_some_and(|c| c > 50)
            && s.lines().any(|l| l.trim_end().chars().count() > 100)
            && s.lines().count() >= 39
            && on_question(s, 1)
    });
    assert_eq!(tmux.display("#{pane_width}x#{pane_height}"), "120x40");
    assert_eq!(
        marked_option(&screen).as_deref(),
        Some(chosen.as_str()),
        "{screen}"
    );
    tmux.resize(100, 32);
    tmux.wait_for("the redraw back at 100×32", |s| {
        column_of(s, "Why we ask").is_some_and(|c| c < 10)
            && s.lines().all(|l| l.trim_end().chars().count() <= 100)
            && on_question(s, 1)
    });

    // q asks first; y ends the session with the farewell line and the shell comes back.
    tmux.send(&["q"]);
    tmux.wait_for("the quit confirmation", |s| s.contains("Quit kouteki?"));
    tmux.send(&["y"]);
    let screen = tmux.wait_ssh_exit(1);
    let farewell = screen
        .lines()
        .position(|l| l.starts_with("Thank you. Your answers were not kept on the server"))
        .unwrap_or_else(|| panic!("the farewell line, at the start of a line:\n{screen}"));
    let exit = screen
        .lines()
        .position(|l| l.trim() == format!("{EXIT_MARK}0"))
        .expect("the exit line");
    assert!(
        farewell < exit,
        "the farewell comes before ssh exits:\n{screen}"
    );

    // A second client asking for Japanese; the server is stopped under it.
    let mut options = ssh_options(port);
    options.extend(
        [
            "-o",
            "PreferredAuthentications=password",
            "-o",
            "SetEnv=LANG=ja_JP.UTF-8",
        ]
        .map(String::from),
    );
    tmux.run_ssh(&options);
    tmux.wait_for("the password prompt", |s| {
        s.lines().filter(|l| l.contains("password:")).count() == 1
    });
    tmux.type_text(CODE);
    tmux.send(&["Enter"]);
    tmux.wait_for("the Japanese welcome screen", |s| {
        s.contains("▶ チェックを始める")
    });
    let log = server.stop();
    let screen = tmux.wait_ssh_exit(2);
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("サーバーを終了します。")),
        "the client is told the server is closing, in Japanese:\n{screen}"
    );

    // The log tells the events, never the code or the answers. Every session's end is logged, also
    // that of a session closed by SIGTERM, before the server exits.
    for event in [
        "method=\"keyboard-interactive\"",
        "method=\"password\"",
        "reason=\"quit\"",
        "reason=\"server closing\"",
    ] {
        assert!(log.contains(event), "{event} not logged:\n{log}");
    }
    assert!(
        !log.contains(&CODE.replace('-', "")) && !log.contains(CODE),
        "the access code is logged:\n{log}"
    );
}

/// `ssh -T` (no pty): one line telling to use `ssh -t`, ending in CRLF, and a non-zero exit.
#[test]
fn openssh_without_a_pty_is_told_to_use_ssh_t() {
    let Some(_serial) = setup(&["ssh"]) else {
        return;
    };
    let server = Server::start(&["--allow-anonymous"]);
    let mut child = Command::new("ssh")
        .arg("-T")
        .args(ssh_options(server.addr.port()))
        .args(["-o", "BatchMode=yes", "consult@127.0.0.1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssh runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for ssh") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let output = child.wait_with_output().expect("ssh output");
            panic!(
                "ssh -T still runs after {DEADLINE:?}; stdout {:?}, stderr {:?}; log:\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr),
                server.log()
            );
        }
        std::thread::sleep(POLL);
    };
    let output = child.wait_with_output().expect("ssh output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout,
        format!("{NO_PTY_LINE}\r\n"),
        "stdout of ssh -T (stderr: {:?})",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!status.success(), "ssh -T must exit non-zero: {status}");
    let log = server.stop();
    assert!(log.contains("refused: no pty"), "{log}");
}

/// Two real `ssh` clients on one interview: a client (keyboard-interactive, anonymous beside the
/// consultant keys) at 80×24 in English, and a consultant logged in with their key at 100×32 in
/// Japanese. The consultant asks to join with the client's code, the client lets them answer, the
/// consultant answers on the client's screen, leaves with q, and both quit. The server's log has
/// the events and none of the answers.
#[test]
fn openssh_consultant_joins_a_client_answers_with_them_and_leaves() {
    let Some(_serial) = setup(&["ssh", "tmux"]) else {
        return;
    };
    let keys = tempfile::tempdir().expect("temporary directory");
    let key = keys.path().join("sato");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "Sato", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen runs");
    assert!(made.success());
    let consultants = key.with_extension("pub");
    let consultants = consultants.to_str().expect("a utf-8 path");
    let server = Server::start(&["--allow-anonymous", "--consultant-keys", consultants]);
    let port = server.addr.port();

    let client = start_tmux("consult-client");
    client.resize(80, 24);
    let mut options = ssh_options(port);
    options.extend(
        [
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "SetEnv=LANG=en_US.UTF-8",
        ]
        .map(String::from),
    );
    client.run_ssh(&options);
    let screen = client.wait_for("the welcome with a code", |s| s.contains("Session code: "));
    let at = screen.find("Session code: ").expect("a code") + "Session code: ".len();
    let code = screen[at..at + 7].to_string();
    assert!(
        screen.contains("▶ Start the check"),
        "the menu fits 80×24:\n{screen}"
    );

    let consultant = start_tmux("consult-consultant");
    let mut options = ssh_options(port);
    options.extend(
        [
            "-i",
            key.to_str().expect("a utf-8 path"),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "SetEnv=LANG=ja_JP.UTF-8",
        ]
        .map(String::from),
    );
    consultant.run_ssh(&options);
    consultant.wait_for("the console in Japanese", |s| {
        s.contains("相談員コンソール")
    });
    consultant.type_text(&code.to_lowercase());
    consultant.send(&["Enter"]);
    client.wait_for("the request", |s| {
        s.contains("Sato asks to join your session")
    });
    client.type_text("d");
    client.wait_for("the drive line", |s| {
        s.contains("Consultant Sato can answer with you")
    });
    consultant.wait_for("the consultant's line", |s| {
        s.contains("相談員のSatoさんも回答できます")
    });

    // The client starts; the consultant picks the second option of question 1 for them.
    client.send(&["Enter"]);
    client.wait_for("question 1", |s| {
        on_question(s, 1) && marked_option(s).is_some()
    });
    consultant.wait_for("question 1 in Japanese", |s| s.contains("質問 1 /"));
    consultant.send(&["Down"]);
    let screen = client.wait_for("the marker moved by the consultant", |s| {
        marked_option(s).is_some_and(|m| !m.starts_with("A work status"))
    });
    let chosen = marked_option(&screen).expect("a marked option");
    consultant.send(&["Enter"]);
    client.wait_for("question 2 on the client's screen", |s| on_question(s, 2));
    consultant.type_text("q");
    consultant.wait_for("the console again", |s| {
        s.contains("セッションから退出しました")
    });
    client.wait_for("told", |s| s.contains("Consultant Sato left the session."));

    client.type_text("q");
    client.wait_for("the quit question", |s| s.contains("Quit kouteki?"));
    client.type_text("y");
    client.wait_ssh_exit(1);
    consultant.send(&["Escape"]);
    consultant.wait_ssh_exit(1);
    let log = server.stop();
    for event in [
        "console start",
        "consultant asks to join",
        "consultant joined",
        "may_answer=true",
        "consultant left the session",
    ] {
        assert!(log.contains(event), "{event:?} in the log:\n{log}");
    }
    let chosen_words = chosen
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !log.contains(&chosen_words),
        "the log holds no answers ({chosen_words:?}):\n{log}"
    );
}

/// PuTTY's `plink` (no post-quantum key exchange: it meets the server on curve25519-sha256), with
/// the host key pinned by its announced fingerprint (`-hostkey`) and `-batch` so it never asks:
/// the anonymous welcome, two questions answered, q y, and plink exits 0 with the terminal back.
#[test]
fn plink_runs_the_interview_and_quits() {
    let Some(_serial) = setup(&["plink", "tmux"]) else {
        return;
    };
    let server = Server::start(&["--allow-anonymous"]);
    let tmux = start_tmux("plink");
    tmux.run(&format!(
        "plink -batch -P {} -t -hostkey {} consult@127.0.0.1",
        server.addr.port(),
        shell_quote(&server.fingerprint)
    ));
    tmux.wait_for("the welcome screen", |s| s.contains("▶ Start the check"));
    tmux.send(&["Enter"]);
    tmux.wait_for("question 1", |s| {
        on_question(s, 1) && marked_option(s).is_some()
    });
    tmux.send(&["Enter"]);
    tmux.wait_for("question 2", |s| on_question(s, 2));
    tmux.send(&["q"]);
    tmux.wait_for("the quit confirmation", |s| s.contains("Quit kouteki?"));
    tmux.send(&["y"]);
    let screen = tmux.wait_ssh_exit(1);
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with("Thank you. Your answers were not kept on the server")),
        "the farewell line:\n{screen}"
    );
    let log = server.stop();
    assert!(log.contains("reason=\"quit\""), "{log}");
}

/// paramiko's client (Python), anonymous, with a pty and a shell: it gets the welcome screen, and
/// prints the key exchange it used (`kex NAME`). The second argument lists key exchanges to disable
/// (comma-separated, may be empty). paramiko 5 speaks `mlkem768x25519-sha256` when its
/// `cryptography` has ML-KEM; without it, its only curve25519 is the old name
/// `curve25519-sha256@libssh.org` (its `Transport._kex_info` has no plain `curve25519-sha256`),
/// which is why the server offers that name too. Skipped (`skipped: paramiko not installed`) when
/// Python cannot import it, unless `CI` is set.
const PARAMIKO_CLIENT: &str = r#"
import logging, sys, time, paramiko
kex = []
class Kex(logging.Handler):
    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Kex: "):
            kex.append(message[5:])
log = logging.getLogger("paramiko.transport")
log.setLevel(logging.DEBUG)
log.addHandler(Kex())
disabled = [k for k in sys.argv[2].split(",") if k]
t = paramiko.Transport(("127.0.0.1", int(sys.argv[1])), disabled_algorithms={"kex": disabled})
t.connect()
t.auth_none("consult")
ch = t.open_session()
ch.get_pty("xterm", 100, 32)
ch.invoke_shell()
buf = b""
end = time.time() + 15
while b"Start the check" not in buf and time.time() < end:
    if ch.recv_ready():
        buf += ch.recv(65536)
    else:
        time.sleep(0.05)
t.close()
print("kex", ",".join(kex))
print("welcome" if b"Start the check" in buf else "no welcome: %r" % buf[-200:])
"#;

#[test]
fn paramiko_reaches_the_welcome_screen() {
    let importable = Command::new("python3")
        .args(["-c", "import paramiko"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !importable {
        assert!(
            std::env::var_os("CI").is_none(),
            "paramiko not installed, and CI is set (pip install paramiko)"
        );
        println!("skipped: paramiko not installed");
        return;
    }
    let Some(_serial) = setup(&["python3"]) else {
        return;
    };
    let server = Server::start(&["--allow-anonymous"]);
    // As it comes (ML-KEM when its cryptography has it), and as a paramiko without ML-KEM.
    for (disabled, expected) in [
        ("", None),
        (
            "mlkem768x25519-sha256",
            Some("kex curve25519-sha256@libssh.org"),
        ),
    ] {
        let output = Command::new("timeout")
            .args(["30", "python3", "-c", PARAMIKO_CLIENT])
            .arg(server.addr.port().to_string())
            .arg(disabled)
            .stdin(Stdio::null())
            .output()
            .expect("python3 runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let lines: Vec<&str> = stdout.lines().collect();
        let ok = lines.last() == Some(&"welcome")
            && expected.is_none_or(|kex| lines.first() == Some(&kex));
        assert!(
            ok,
            "paramiko with {disabled:?} disabled: {stdout} (stderr {}):\n{}",
            String::from_utf8_lossy(&output.stderr),
            server.log()
        );
        println!("paramiko with {disabled:?} disabled: {}", lines.join(" / "));
    }
    server.stop();
}
