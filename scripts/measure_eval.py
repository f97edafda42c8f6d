#!/usr/bin/env python3
"""Wall time of whole `kouteki eval` processes (target: under 10 ms each).

Usage: python3 scripts/measure_eval.py [RUNS]   (builds the release binary first)
Runs `kouteki eval` on one golden persona RUNS times (default 200) and prints min/median/p95/max.
Timing is done here, around each process, with time.perf_counter (no shell in between).
"""
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 200

subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
binary = ROOT / "target" / "release" / "kouteki"
case = (ROOT / "tests" / "cases" / "11-other-status-everything-red.toml").read_text()
with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
    f.write(case[: case.index("\n[expect]")])
    answers = f.name

for fmt in ["json", "text"]:
    command = [str(binary), "eval", "--answers", answers, "--format", fmt]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # warm the page cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"eval --format {fmt}: {RUNS} runs, min {times[0]:.2f} ms, median {statistics.median(times):.2f} ms, "
          f"p95 {p95:.2f} ms, max {times[-1]:.2f} ms")
