#!/usr/bin/env bash
# Memory of `kouteki serve` with every session at the largest window, against the target of the
# hardening issue: 64 sessions whose clients claim 500×200 stay under 300 MB (the server process's
# RSS alone). The cell budget (src/ssh/settings.rs, CELL_BUDGET) is what bounds them.
#
# Usage: scripts/measure_window_memory.sh
#   Environment (defaults): SESSIONS=64 COLS=500 ROWS=200 KEYS=50
#
# Builds the release binary and the load client (tools/ssh-load), starts
#   kouteki serve --listen 127.0.0.1:<free port> --allow-anonymous --max-sessions 200 --max-per-ip 200 \
#     --max-unauthenticated 200 --rate-per-ip 10000 --burst-per-ip 1000 --as-of 2026-11-27
# then: SESSIONS idle sessions at COLS×ROWS (the server's VmRSS with them), and SESSIONS typing
# sessions at that size, each pressing Down/Up KEYS times so every screen is redrawn (VmRSS after,
# and the peak VmHWM over the whole run). Loopback only; the server is always stopped (trap).
set -euo pipefail

SESSIONS=${SESSIONS:-64}
COLS=${COLS:-500}
ROWS=${ROWS:-200}
KEYS=${KEYS:-50}

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
        for _ in $(seq 60); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ADDR="127.0.0.1:$PORT"
status_kb() { awk -v field="$1:" '$1 == field { print $2 }' "/proc/$SERVER_PID/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

"$SERVER" serve --listen "$ADDR" --allow-anonymous --host-key "$TMP/host_key" \
    --max-sessions 200 --max-per-ip 200 --max-unauthenticated 200 --rate-per-ip 10000 --burst-per-ip 1000 \
    --as-of 2026-11-27 >"$TMP/server.out" 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 200); do
    ss -Hltn "sport = :$PORT" | grep -q . && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
    sleep 0.05
done
sleep 1
RSS_START=$(status_kb VmRSS)

timeout 300 "$LOAD" "$ADDR" idle "$SESSIONS" --cols "$COLS" --rows "$ROWS" --hold 3 </dev/null >"$TMP/idle.out" 2>&1 &
LOAD_PID=$!
until grep -q "^idle: ready" "$TMP/idle.out" 2>/dev/null; do
    kill -0 "$LOAD_PID" 2>/dev/null || { cat "$TMP/idle.out" >&2; exit 1; }
    sleep 0.1
done
sleep 1
RSS_IDLE=$(status_kb VmRSS)
wait "$LOAD_PID" || { cat "$TMP/idle.out" >&2; exit 1; }
sleep 3 # the idle sessions' ends reach the server

timeout 300 "$LOAD" "$ADDR" roundtrip "$SESSIONS" "$KEYS" --cols "$COLS" --rows "$ROWS" >"$TMP/typing.out" 2>&1 ||
    { cat "$TMP/typing.out" >&2; exit 1; }
RSS_TYPED=$(status_kb VmRSS)
HWM=$(status_kb VmHWM)

echo "== kouteki serve on $ADDR, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs; $SESSIONS sessions at ${COLS}×${ROWS}"
echo "server VmRSS at start:            $(mb "$RSS_START") MB"
echo "with $SESSIONS idle sessions:            $(mb "$RSS_IDLE") MB"
echo "after $SESSIONS typing sessions ($KEYS keys each): $(mb "$RSS_TYPED") MB"
echo "peak (VmHWM) over the run:        $(mb "$HWM") MB"
tail -n 1 "$TMP/typing.out"
awk -v kb="$HWM" 'BEGIN { if (kb / 1024 < 300) print "target < 300 MB: meets"; else { print "target < 300 MB: MISSES"; exit 1 } }'
