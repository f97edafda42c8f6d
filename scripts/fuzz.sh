#!/usr/bin/env bash
# Coverage-guided fuzzing of the three parsers that take outside input: the targets are built once,
# then run side by side, each for FUZZ_SECONDS (default 45) from the committed seeds in
# fuzz/seeds/<target>. A crash fails the run with its input in fuzz/artifacts/<target>/, the end of
# that fuzzer's log, and a non-zero exit.
# Usage: scripts/fuzz.sh [target...]   (needs the nightly toolchain and cargo-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-45}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(answers_file content_pack ssh_input)
mkdir -p logs
: >logs/build.log
# Built first, one after another, so the runs below start together instead of each waiting on
# cargo's lock (the later builds reuse the first one's dependencies).
for target in "${targets[@]}"; do
  cargo +nightly fuzz build "$target" >>logs/build.log 2>&1 || {
    tail -n 40 logs/build.log >&2
    echo "fuzz: $target does not build (fuzz/logs/build.log)" >&2
    exit 1
  }
done
declare -A pids
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
    >"logs/$target.log" 2>&1 &
  pids[$target]=$!
done
failed=0
for target in "${targets[@]}"; do
  status=0
  wait "${pids[$target]}" || status=$?
  log="logs/$target.log"
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target crashed (input in fuzz/artifacts/$target/)" >&2
    failed=1
  else
    echo "fuzz: $target ok: $runs inputs in ${seconds}s"
  fi
done
exit "$failed"
