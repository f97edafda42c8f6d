#!/usr/bin/env bash
# How many sessions one core holds: `kouteki serve` pinned to CPU 0 (taskset), the load client
# (tools/ssh-load) pinned to CPU 1, SESSIONS active sessions each pressing Down/Up every
# INTERVAL_MS (a fast typist) for KEYS keys; prints the key-to-frame times and the server's RSS.
# One core "holds" N sessions while the p99 stays under 10 ms (the SSH issue's target).
#
# Usage: scripts/measure_one_core.sh            Environment (defaults): SESSIONS="50 100 200" KEYS=100 INTERVAL_MS=100
set -euo pipefail

SESSIONS=${SESSIONS:-"50 100 200"}
KEYS=${KEYS:-100}
INTERVAL_MS=${INTERVAL_MS:-100}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet -p kouteki -p ssh-load
SERVER="$ROOT/target/release/kouteki"
LOAD="$ROOT/target/release/ssh-load"
TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ADDR="127.0.0.1:$PORT"
taskset -c 0 "$SERVER" serve --listen "$ADDR" --allow-anonymous --host-key "$TMP/host_key" \
    --max-sessions 600 --max-per-ip 600 --max-unauthenticated 300 --rate-per-ip 10000 --burst-per-ip 1000 \
    --as-of 2026-11-27 >"$TMP/server.out" 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 200); do
    ss -Hltn "sport = :$PORT" | grep -q . && break
    sleep 0.05
done
echo "== kouteki serve on CPU 0 only, load client on CPU 1, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
for n in $SESSIONS; do
    timeout 300 taskset -c 1 "$LOAD" "$ADDR" roundtrip "$n" "$KEYS" --interval-ms "$INTERVAL_MS" >"$TMP/rt.out" 2>&1 ||
        { cat "$TMP/rt.out" >&2; exit 1; }
    rss=$(awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
    echo "$n sessions: $(tail -n 1 "$TMP/rt.out") server_rss=${rss}MB"
    sleep 5
done
