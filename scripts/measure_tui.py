#!/usr/bin/env python3
"""Start-up and memory of the real full-screen interview (targets: first frame < 30 ms; peak memory of
a whole interview < 15 MB).

Usage: python3 scripts/measure_tui.py [RUNS]   (builds the release binary first)

Each run starts `kouteki --no-save` in a fresh pseudo-terminal (80x24) and times, with
time.perf_counter, from just before the fork to the arrival of the welcome screen's menu text on the
pty. One more run answers a whole interview (a persona from tests/cases) with keys through the pty
(the screen is redrawn by differences, so the script types ahead rather than reading each question),
shows the result, quits, and reads the child's peak resident set size (ru_maxrss) from wait4.
"""
import fcntl
import os
import pathlib
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 50
subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
BINARY = str(ROOT / "target" / "release" / "kouteki")
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")


def spawn(args):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BINARY, [BINARY, *args], ENV)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd, start


def read_until(fd, needle, timeout=10.0):
    seen = b""
    deadline = time.perf_counter() + timeout
    while needle not in seen:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"{needle!r} not seen; last output {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def first_frame_ms():
    pid, fd, start = spawn(["--no-save", "--lang", "en"])
    read_until(fd, b"Start the check")
    elapsed = (time.perf_counter() - start) * 1000
    os.write(fd, b"\x03")  # Ctrl-C
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


times = sorted(first_frame_ms() for _ in range(RUNS))
print(f"first frame: {RUNS} runs, min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
      f"max {times[-1]:.1f} ms")

# A whole interview with keys: answer each question from a persona's answers.
case = tomllib.loads((ROOT / "tests/cases/03-engineer-unpaid-premiums.toml").read_text())
answers = case["answers"]
questions = tomllib.loads((ROOT / "assets/questionnaire.toml").read_text())["questions"]
pid, fd, _ = spawn(["--no-save", "--lang", "en", "--as-of", str(case["meta"]["as_of"])])
read_until(fd, b"Start the check")
os.write(fd, b"\r")
by_id = {q["id"]: q for q in questions}
for q in questions:  # questions come in file order; skip those not asked (not in the persona)
    if q["id"] not in answers:
        continue
    value = answers[q["id"]]
    if q["type"] == "number":
        keys = str(value).encode() + b"\r"
    elif q["type"] == "yes_no":
        keys = (b"" if value else b"\x1b[B") + b"\r"
    else:
        index = [c["id"] for c in q["choices"]].index(value)
        keys = b"\x1b[B" * index + b"\r"
    os.write(fd, keys)
    time.sleep(0.05)  # keys are read in order; the pause only keeps bursts realistic
read_until(fd, b"Show results")
os.write(fd, b"\r")
read_until(fd, b"Problems to fix now")
os.write(fd, b"q")
time.sleep(0.1)
os.write(fd, b"y")
_, status, usage = os.wait4(pid, 0)
os.close(fd)
print(f"whole interview (persona 03, {len(answers)} answers): exit status {os.waitstatus_to_exitcode(status)}, "
      f"peak RSS {usage.ru_maxrss / 1024:.1f} MB")
