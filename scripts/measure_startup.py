#!/usr/bin/env python3
"""kouteki against the floor, side by side in one run (issue 14's goals):

- first frame: `kouteki` (in English and in Japanese) vs a minimal ratatui app
  (examples/minimal_tui.rs), each started in a fresh 80x24 pseudo-terminal, timed from just
  before the fork to the arrival of its first screen's text (goal: kouteki <= 1.5x the minimal
  app);
- keystroke -> frame: in the same pty, from writing a key to the arrival of the redrawn frame's
  bytes (kouteki: Down/Up on the first question's choices; the minimal app: any key redraws its
  counter; goal: <= 1.2x);
- `kouteki eval --format json` on a golden case vs `/bin/true`, each started with posix_spawn and
  waited for (goal: <= 3x).

Runs alternate between the programs so a busy machine slows both alike. Medians are compared.
Usage: python3 scripts/measure_startup.py [RUNS]   (builds the release binary and example first)
"""
import fcntl
import os
import pathlib
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import termios
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "kouteki", "--example", "minimal_tui"],
               cwd=ROOT, check=True)
KOUTEKI = str(ROOT / "target/release/kouteki")
MINIMAL = str(ROOT / "target/release/examples/minimal_tui")
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")


def spawn(argv):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        # The child sizes its own terminal before exec: set from the parent, the size could arrive
        # after the program first asks for it, and a 0x0 first frame draws nothing.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, ENV)
    return pid, fd, start


# ratatui moves the cursor after each wide character, so text is looked for with escapes removed.
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def read_until(fd, needle, timeout=10.0):
    seen = b""
    deadline = time.perf_counter() + timeout
    while needle not in ESCAPES.sub(b"", seen):
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"{needle!r} not seen; last output {seen[-300:]!r}")
        if select.select([fd], [], [], left)[0]:
            seen += os.read(fd, 65536)
    return seen


def drain(fd, quiet=0.02):
    """Reads until the pty has been quiet for `quiet` seconds."""
    while select.select([fd], [], [], quiet)[0]:
        os.read(fd, 65536)


def key_to_frame(fd, key):
    """Writes a key; the time until the redrawn frame's bytes arrive (ms)."""
    drain(fd)
    start = time.perf_counter()
    os.write(fd, key)
    if not select.select([fd], [], [], 5.0)[0]:
        raise TimeoutError("no frame after a key")
    elapsed = (time.perf_counter() - start) * 1000
    drain(fd)
    return elapsed


def session(argv, marker, before_keys, keys):
    """First-frame time, then keystroke->frame times for `keys`."""
    pid, fd, start = spawn(argv)
    read_until(fd, marker)
    first = (time.perf_counter() - start) * 1000
    for key, wait_for in before_keys:
        os.write(fd, key)
        read_until(fd, wait_for)
    strokes = [key_to_frame(fd, key) for key in keys]
    os.write(fd, b"\x03")  # Ctrl-C
    os.waitpid(pid, 0)
    os.close(fd)
    return first, strokes


def run_ms(argv):
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, ENV, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    _, status = os.waitpid(pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    assert os.waitstatus_to_exitcode(status) == 0, argv
    return elapsed


STROKES = [b"\x1b[B", b"\x1b[A"] * 10
results = {"kouteki first": [], "kouteki first ja": [], "minimal first": [], "kouteki key": [],
           "kouteki key ja": [], "minimal key": [], "kouteki eval": [], "/bin/true": []}
# The first screen's button and the first question's "why we ask" heading, in each language.
MARKERS = {"en": ("Start the check", "Why we ask"), "ja": ("チェックを始める", "この質問の理由")}
case = (ROOT / "tests/cases/03-engineer-unpaid-premiums.toml").read_text()
answers = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / "kouteki-measure-startup.toml"
answers.write_text(case[: case.index("\n[expect]") + 1])
EVAL = [KOUTEKI, "eval", "--answers", str(answers), "--format", "json"]
for _ in range(5):  # warm the page cache
    run_ms(EVAL), run_ms(["/bin/true"])
for _ in range(RUNS):
    for lang, (start, why) in MARKERS.items():
        first, keys = session([KOUTEKI, "--no-save", "--lang", lang], start.encode(),
                              [(b"\r", why.encode())], STROKES)
        suffix = "" if lang == "en" else " ja"
        results["kouteki first" + suffix].append(first)
        results["kouteki key" + suffix] += keys
    first, keys = session([MINIMAL], b"Minimal", [], STROKES)
    results["minimal first"].append(first)
    results["minimal key"] += keys
    for _ in range(10):
        results["kouteki eval"].append(run_ms(EVAL))
        results["/bin/true"].append(run_ms(["/bin/true"]))
answers.unlink()

med = {name: statistics.median(times) for name, times in results.items()}
for name, times in results.items():
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{name:16} n={len(times):4}  median {med[name]:7.3f} ms  min {times[0]:7.3f}  p95 {p95:7.3f}")
for what, a, b, goal in [("first frame", "kouteki first", "minimal first", 1.5),
                         ("first frame, ja", "kouteki first ja", "minimal first", 1.5),
                         ("keystroke -> frame", "kouteki key", "minimal key", 1.2),
                         ("keystroke, ja", "kouteki key ja", "minimal key", 1.2),
                         ("eval vs /bin/true", "kouteki eval", "/bin/true", 3.0)]:
    ratio = med[a] / med[b]
    verdict = "met" if ratio <= goal else "NOT met"
    print(f"{what:20} {ratio:5.2f}x  (goal <= {goal}x: {verdict})")
