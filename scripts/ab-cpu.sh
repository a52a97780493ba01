#!/usr/bin/env bash
# Requests per server CPU-second of one bench server, pipelined ×16 (for quick A/B runs in one sitting;
# peer-bench is the reference). Usage: scripts/ab-cpu.sh engine|servlet PROPERTIES_FILE [seconds]
# The properties file is passed as -Dsubito.config (e.g. stallFlushMillis=0 against =20; the servlet
# bench server reads it, the engine one ignores it).
# Server on core 0 (-XX:ActiveProcessorCount=1), wrk on core 1; 15 s warm-up, then one measured run.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
kind="$1"; conf="$2"; secs="${3:-10}"
port=$((39500 + RANDOM % 400))
JAVA_OPTS="-XX:ActiveProcessorCount=1 -Dsubito.config=$conf" taskset -c 0 "$here/bin/bench-server.sh" "$kind" "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/plaintext" >/dev/null && break; sleep 0.5; done
load() { taskset -c 1 wrk -t1 -c256 -d"$1"s -s "$here/../shared/peer-bench/pipeline.lua" "http://127.0.0.1:$port/plaintext" -- 16; }
load 15 >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t0=$(cpu)
requests=$(load "$secs" | awk '/requests in/ {print $1}')
t1=$(cpu)
ticks=$(getconf CLK_TCK)
awk -v r="$requests" -v t=$((t1 - t0)) -v s="$secs" -v hz="$ticks" \
  'BEGIN { printf "%d req/s, %d req per server CPU-second\n", r / s, r / (t / hz) }'
