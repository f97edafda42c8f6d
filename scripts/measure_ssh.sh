#!/usr/bin/env bash
# Speed and memory of `kouteki serve` on loopback, against the targets of the SSH issue:
#   - 200 concurrent idle sessions under 400 MB RSS (the server process's RSS alone);
#   - a keystroke's round trip p99 under 10 ms with 50 active sessions;
#   - a new session's first frame under 50 ms after authentication.
#
# Usage: scripts/measure_ssh.sh
#   Environment (defaults): IDLE=200 ACTIVE=50 KEYS=200 INTERVAL_MS=100 FIRST=100
#
# Builds the release binary and the load client (tools/ssh-load), starts
#   kouteki serve --listen 127.0.0.1:<free port> --allow-anonymous --host-key <tmp> \
#     --max-sessions 300 --max-per-ip 300 --max-unauthenticated 300 --rate-per-ip 10000 --burst-per-ip 1000 --as-of 2026-11-27
# in the background, and runs, one after another:
#   1. IDLE sessions held open on the welcome screen: the server's VmRSS before and with them;
#   2. ACTIVE sessions each pressing Down/Up every INTERVAL_MS (KEYS keys each): key-to-frame times;
#   3. FIRST sessions one after another: time from authentication to the welcome frame;
# then the server's peak RSS (VmHWM). The client runs on the same machine and shares its cores.
# Loopback only; every step is bounded by `timeout`; the server is always stopped (trap).
set -euo pipefail

IDLE=${IDLE:-200}
ACTIVE=${ACTIVE:-50}
KEYS=${KEYS:-200}
INTERVAL_MS=${INTERVAL_MS:-100}
FIRST=${FIRST:-100}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
cargo build --release --quiet -p kouteki -p ssh-load
SERVER="$ROOT/target/release/kouteki"
LOAD="$ROOT/target/release/ssh-load"

TMP=$(mktemp -d)
SERVER_PID=""
IDLE_PID=""
cleanup() {
    exec 3>&- 2>/dev/null || true
    if [[ -n "$IDLE_PID" ]] && kill -0 "$IDLE_PID" 2>/dev/null; then
        kill "$IDLE_PID" 2>/dev/null || true
    fi
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

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
        echo $((20000 + RANDOM % 20000))
}

# kB of a /proc/<pid>/status field.
status_kb() {
    awk -v field="$1:" '$1 == field { print $2 }' "/proc/$SERVER_PID/status"
}

mb() {
    awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'
}

PORT=$(free_port)
ADDR="127.0.0.1:$PORT"
"$SERVER" serve --listen "$ADDR" --allow-anonymous --host-key "$TMP/host_key" \
    --max-sessions 300 --max-per-ip 300 --max-unauthenticated 300 --rate-per-ip 10000 --burst-per-ip 1000 --as-of 2026-11-27 \
    >"$TMP/server.out" 2>"$TMP/server.log" &
SERVER_PID=$!

# Listening: the announcement on stdout, then the port in `ss` (the line may come before the bind).
for _ in $(seq 200); do
    if grep -q "kouteki serve: listening on" "$TMP/server.out" 2>/dev/null &&
        ss -Hltn "sport = :$PORT" | grep -q .; then
        break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; echo "the server exited" >&2; exit 1; }
    sleep 0.05
done
ss -Hltn "sport = :$PORT" | grep -q . || { echo "the server does not listen on $ADDR" >&2; exit 1; }
echo "server: pid $SERVER_PID on $ADDR ($(nproc) CPUs; the load client runs on the same machine)"
sleep 1
RSS_START=$(status_kb VmRSS)
echo "server RSS at start: $(mb "$RSS_START") MB"

# 1. Idle sessions, held until we write a line to the client's stdin (at most 180 s).
mkfifo "$TMP/release"
"$LOAD" "$ADDR" idle "$IDLE" --hold 180 <"$TMP/release" >"$TMP/idle.out" 2>&1 &
IDLE_PID=$!
exec 3>"$TMP/release"
deadline=$((SECONDS + 150))
until grep -q "^idle: ready" "$TMP/idle.out"; do
    if ! kill -0 "$IDLE_PID" 2>/dev/null || ((SECONDS > deadline)); then
        cat "$TMP/idle.out" >&2
        echo "the idle sessions did not all open" >&2
        exit 1
    fi
    sleep 0.1
done
sleep 2
RSS_IDLE=$(status_kb VmRSS)
THREADS=$(status_kb Threads)
cat "$TMP/idle.out"
echo "server RSS with $IDLE idle sessions: $(mb "$RSS_IDLE") MB ($THREADS threads)"
echo >&3
exec 3>&-
wait "$IDLE_PID" || { cat "$TMP/idle.out" >&2; exit 1; }
IDLE_PID=""
tail -n 1 "$TMP/idle.out"
sleep 2
RSS_AFTER_IDLE=$(status_kb VmRSS)
echo "server RSS after they closed: $(mb "$RSS_AFTER_IDLE") MB"

# 2. Round trips with active sessions.
timeout 300 "$LOAD" "$ADDR" roundtrip "$ACTIVE" "$KEYS" --interval-ms "$INTERVAL_MS" | tee "$TMP/roundtrip.out"

# 3. First frames of new sessions.
timeout 300 "$LOAD" "$ADDR" firstframe "$FIRST" | tee "$TMP/firstframe.out"

RSS_END=$(status_kb VmRSS)
HWM=$(status_kb VmHWM)

field() { # field NAME FILE: the value of NAME=value on the summary line
    tail -n 1 "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'
}
verdict() { # verdict VALUE LIMIT
    awk -v v="$1" -v l="$2" 'BEGIN { print (v < l) ? "meets" : "MISSES" }'
}
RT_P99=$(field p99 "$TMP/roundtrip.out")
FF_MAX=$(field max "$TMP/firstframe.out")
FF_P95=$(field p95 "$TMP/firstframe.out")
IDLE_MB=$(mb "$RSS_IDLE")
echo
echo "== kouteki serve on $ADDR, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs"
echo "memory   server VmRSS: start $(mb "$RSS_START") MB; with $IDLE idle sessions $IDLE_MB MB" \
    "($(awk -v a="$RSS_IDLE" -v b="$RSS_START" -v n="$IDLE" 'BEGIN { printf "%.0f", (a - b) / n }') kB/session);" \
    "after they closed $(mb "$RSS_AFTER_IDLE") MB; at the end $(mb "$RSS_END") MB; peak (VmHWM) $(mb "$HWM") MB"
echo "         target < 400 MB with $IDLE idle sessions: $(verdict "$IDLE_MB" 400)"
echo "keys     $(tail -n 1 "$TMP/roundtrip.out" | sed 's/^roundtrip: //')"
echo "         target p99 < 10 ms with $ACTIVE active sessions (a key every $INTERVAL_MS ms each): $(verdict "$RT_P99" 10)"
echo "frames   $(tail -n 1 "$TMP/firstframe.out" | sed 's/^firstframe: //')"
echo "         target < 50 ms after auth (p95 $FF_P95, max $FF_MAX ms): $(verdict "$FF_MAX" 50)"
