//! A private tmux server for the end-to-end tests (`e2e_tmux`, `e2e_openssh`): an interactive bash
//! with a marker prompt in a window without a status line, driven with `send-keys` and read back
//! with `capture-pane`, polled (every [`POLL`], up to [`DEADLINE`]) instead of slept on.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Printed by the shell after each run: `KT_EXIT=<status>`.
pub const EXIT_MARK: &str = "KT_EXIT=";
pub const DEADLINE: Duration = Duration::from_secs(20);
pub const POLL: Duration = Duration::from_millis(50);
const SESSION: &str = "e2e";

static SERIAL: Mutex<()> = Mutex::new(());
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// While held, no other tmux test and no heavy test runs.
pub struct Serial {
    _tmux: MutexGuard<'static, ()>,
    _heavy: tokio::sync::RwLockReadGuard<'static, ()>,
}

/// Takes the lock that serialises the tmux tests (and the read side of [`super::HEAVY`]); `None`
/// (the test is skipped: it prints `skipped: <program> not installed` and passes) when one of
/// `programs` is missing, unless `CI` is set: then it panics.
pub fn setup(programs: &[&str]) -> Option<Serial> {
    let serial = Serial {
        _tmux: SERIAL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
        _heavy: super::HEAVY.blocking_read(),
    };
    super::program::all_installed(programs).then_some(serial)
}

/// Polls `check` every [`POLL`] until it gives a value; panics with `what` and the last state
/// (`describe`) at the deadline.
pub fn poll<T>(
    what: &str,
    mut check: impl FnMut() -> Option<T>,
    describe: impl Fn() -> String,
) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return value;
        }
        if start.elapsed() > DEADLINE {
            panic!(
                "timed out after {DEADLINE:?} waiting for {what}:\n{}",
                describe()
            );
        }
        std::thread::sleep(POLL);
    }
}

/// What differs between the tmux servers of the test files.
pub struct Config<'a> {
    /// The socket's name starts with it: `<prefix>-<pid>-<n>-<name>`.
    pub socket_prefix: &'a str,
    /// The pane's shell prompt, to know when a program has given the terminal back.
    pub prompt: &'static str,
    /// The window's columns and rows.
    pub size: (u16, u16),
    /// `NAME=value` settings for the pane's environment.
    pub env: &'a [String],
}

/// A private tmux server with one window running an interactive bash; killed on drop, also when the
/// test panics.
pub struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
    prompt: &'static str,
}

impl Tmux {
    /// Starts the server and waits for the prompt.
    pub fn start(config: &Config, name: &str) -> Tmux {
        let socket = format!(
            "{}-{}-{}-{name}",
            config.socket_prefix,
            std::process::id(),
            NEXT_ID.fetch_add(1, Ordering::Relaxed)
        );
        let mut tmux = Tmux {
            socket,
            socket_path: None,
            prompt: config.prompt,
        };
        // PS1 through `env`: the shell tmux starts the command with would not pass it on.
        let shell = format!(
            "env PS1='{} ' HISTFILE=/dev/null bash --norc --noprofile",
            config.prompt
        );
        let (width, height) = config.size;
        let (width, height) = (width.to_string(), height.to_string());
        let mut args = vec![
            "set-option",
            "-g",
            "status",
            "off",
            ";",
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            &width,
            "-y",
            &height,
        ];
        for setting in config.env {
            args.extend(["-e", setting]);
        }
        args.push(&shell);
        tmux.tmux(&args);
        tmux.socket_path = Some(PathBuf::from(tmux.display("#{socket_path}")));
        tmux.wait_for("the shell prompt", |s| last_line(s) == config.prompt);
        assert_eq!(
            tmux.display("#{pane_width}x#{pane_height}"),
            format!("{width}x{height}"),
            "the pane must be the whole window (no status line)"
        );
        tmux
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .args(["-u", "-L", &self.socket, "-f", "/dev/null"])
            .env_remove("TMUX")
            .env_remove("NO_COLOR");
        command
    }

    /// Runs a tmux command; its standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let output = self.command().args(args).output().expect("tmux runs");
        assert!(
            output.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("tmux prints UTF-8")
    }

    /// Resizes the window to `width`×`height`.
    pub fn resize(&self, width: u16, height: u16) {
        let (width, height) = (width.to_string(), height.to_string());
        self.tmux(&["resize-window", "-t", SESSION, "-x", &width, "-y", &height]);
    }

    /// Sends keys by tmux name (`Enter`, `Down`, `C-c`, `q`).
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", SESSION];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", SESSION, "-l", text]);
    }

    /// The screen as plain text.
    pub fn capture(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", SESSION])
    }

    /// The screen and the lines scrolled off it.
    pub fn capture_all(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-S", "-", "-t", SESSION])
    }

    /// The screen with its SGR escape sequences.
    pub fn capture_escapes(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", SESSION])
    }

    /// A tmux format expanded for the pane (`#{alternate_on}`).
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", SESSION, format])
            .trim()
            .to_string()
    }

    /// Polls the screen until `predicate` holds; the screen. Panics with the screen at the deadline.
    pub fn wait_for(&self, what: &str, predicate: impl Fn(&str) -> bool) -> String {
        self.poll_screen(what, predicate, Tmux::capture)
    }

    /// [`Tmux::wait_for`] over the screen and its history (the shell's output after several runs).
    pub fn wait_for_all(&self, what: &str, predicate: impl Fn(&str) -> bool) -> String {
        self.poll_screen(what, predicate, Tmux::capture_all)
    }

    fn poll_screen(
        &self,
        what: &str,
        predicate: impl Fn(&str) -> bool,
        capture: fn(&Tmux) -> String,
    ) -> String {
        poll(
            what,
            || Some(capture(self)).filter(|s| predicate(s)),
            || {
                format!(
                    "the screen ({}):\n{}",
                    self.display("#{pane_width}x#{pane_height}"),
                    capture(self)
                )
            },
        )
    }

    /// Types `COMMAND; echo KT_EXIT=$?` at the prompt and Enter.
    pub fn run(&self, command: &str) {
        self.type_text(&format!("{command}; echo {EXIT_MARK}$?"));
        self.send(&["Enter"]);
    }

    /// Whether the prompt is the last line of `screen`.
    pub fn at_prompt(&self, screen: &str) -> bool {
        last_line(screen).trim_start() == self.prompt
    }

    /// Waits for the `n`th exit of `program` (started with [`Tmux::run`]) and the prompt after it;
    /// asserts the status is 0. The screen with its history.
    pub fn wait_exit(&self, n: usize, program: &str) -> String {
        let screen = self.wait_for_all(&format!("exit #{n} of {program} and the prompt"), |s| {
            exit_lines(s).len() >= n && self.at_prompt(s)
        });
        assert_eq!(
            exit_lines(&screen)[n - 1],
            format!("{EXIT_MARK}0"),
            "{program} must exit with status 0:\n{screen}"
        );
        screen
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// `s` as one shell word.
pub fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_=./,:".contains(c))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The last non-empty line, without trailing blanks.
pub fn last_line(screen: &str) -> &str {
    screen
        .lines()
        .map(str::trim_end)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
}

/// The `KT_EXIT=<status>` lines printed so far.
pub fn exit_lines(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.strip_prefix(EXIT_MARK)
                .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
        })
        .collect()
}
