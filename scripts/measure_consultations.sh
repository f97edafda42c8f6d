#!/usr/bin/env bash
# Guided consultations under load, against the targets of the consultations issue:
#   - 25 client + consultant pairs answering together (drive) and 25 clients alone, 10,000
#     keystrokes in all: a client's key to the frame on the *consultant's* screen, p50/p99
#     (target p99 under 10 ms);
#   - the server's RSS per pair;
#   - the server's RSS with 200 kept (disconnected, waiting for --resume-grace) sessions.
#
# Usage: scripts/measure_consultations.sh
#   Environment (defaults): PAIRS=25 ALONE=25 KEYS=200 INTERVAL_MS=100 KEPT=200
#
# Builds the release binary and the load client (tools/ssh-load), makes a consultant key with
# ssh-keygen, starts
#   kouteki serve --listen 127.0.0.1:<free port> --allow-anonymous --consultant-keys <key.pub> \
#     --resume-grace 10m --max-sessions 600 --max-per-ip 600 --max-unauthenticated 300 --rate-per-ip 10000 --burst-per-ip 1000 --as-of 2026-11-27
# and runs `ssh-load pairs` then `ssh-load kept` against it (the client reads the server's VmRSS
# from /proc). The client runs on the same machine and shares its cores. The server is always
# stopped (trap).
set -euo pipefail

PAIRS=${PAIRS:-25}
ALONE=${ALONE:-25}
KEYS=${KEYS:-200}
INTERVAL_MS=${INTERVAL_MS:-100}
KEPT=${KEPT:-200}

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
        for _ in $(seq 80); do
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

ssh-keygen -q -t ed25519 -N "" -C "Load Consultant" -f "$TMP/consultant"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ADDR="127.0.0.1:$PORT"
"$SERVER" serve --listen "$ADDR" --allow-anonymous --consultant-keys "$TMP/consultant.pub" \
    --host-key "$TMP/host_key" --resume-grace 10m \
    --max-sessions 600 --max-per-ip 600 --max-unauthenticated 300 --rate-per-ip 10000 --burst-per-ip 1000 --as-of 2026-11-27 \
    >"$TMP/server.out" 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 200); do
    ss -Hltn "sport = :$PORT" | grep -q . && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
    sleep 0.05
done
sleep 1
echo "server: pid $SERVER_PID on $ADDR ($(nproc) CPUs; the load client runs on the same machine)"

timeout 600 "$LOAD" "$ADDR" pairs "$PAIRS" "$ALONE" "$KEYS" --interval-ms "$INTERVAL_MS" \
    --consultant-key "$TMP/consultant" --server-pid "$SERVER_PID" | tee "$TMP/pairs.out"
timeout 600 "$LOAD" "$ADDR" kept "$KEPT" --server-pid "$SERVER_PID" | tee "$TMP/kept.out"

field() { # field NAME FILE: the value of NAME=value on the summary line
    tail -n 1 "$2" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'
}
P99=$(field p99 "$TMP/pairs.out")
BEFORE=$(field rss_kb_before "$TMP/kept.out")
KEPT_KB=$(field rss_kb_kept "$TMP/kept.out")
echo
echo "== kouteki serve consultations on $ADDR, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs"
echo "keys     $PAIRS pairs (drive) + $ALONE alone, $((KEYS * (PAIRS + ALONE))) keystrokes, key to frame on the other viewer:" \
    "median $(field median "$TMP/pairs.out") ms, p99 $P99 ms, max $(field max "$TMP/pairs.out") ms" \
    "($(awk -v v="$P99" 'BEGIN { print (v < 10) ? "meets" : "MISSES" }') p99 < 10 ms)"
echo "memory   $(field rss_kb_per_pair "$TMP/pairs.out") kB RSS per pair (client + consultant)"
echo "kept     $KEPT disconnected sessions kept: server RSS $((KEPT_KB / 1024)) MB" \
    "($(( (KEPT_KB - BEFORE) / KEPT )) kB per kept session over the $((BEFORE / 1024)) MB before)"
