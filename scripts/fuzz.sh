#!/usr/bin/env bash
# Coverage-guided fuzzing of the three parsers that take outside input: each cargo-fuzz target runs
# for FUZZ_SECONDS (default 45) from the committed seeds in fuzz/seeds/<target>; a crash stops the
# run with its input in fuzz/artifacts/<target>/, the end of the fuzzer's log, and a non-zero exit.
# Usage: scripts/fuzz.sh [target...]   (needs the nightly toolchain and cargo-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-45}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(answers_file content_pack ssh_input)
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  log="logs/$target.log"
  status=0
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 \
    || status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target crashed (input in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  echo "fuzz: $target ok: $runs inputs in ${seconds}s"
done
