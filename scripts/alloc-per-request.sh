#!/usr/bin/env bash
# Bytes allocated by the whole server JVM per request under load, from jstat's eden figures:
# allocated = eden used (after) - eden used (before) + young GCs in between * eden capacity.
# Usage: scripts/alloc-per-request.sh [engine|servlet] [pipelined|plain] [seconds]
# The server runs on core 0 with SerialGC (as in peer-bench), wrk on core 1; loopback only.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
what="${1:-engine}"; mode="${2:-pipelined}"; secs="${3:-10}"
port=$((39000 + RANDOM % 500))
JAVA_OPTS="${JAVA_OPTS:--XX:ActiveProcessorCount=1}" taskset -c 0 "$here/bin/bench-server.sh" "$what" "$port" >/tmp/alloc-server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/plaintext" >/dev/null && break; sleep 0.5; done
load() {
  if [[ $mode == pipelined ]]; then
    taskset -c 1 wrk -t1 -c256 -d"$1"s -s "$here/scripts/pipeline.lua" "http://127.0.0.1:$port/plaintext" -- 16
  else
    taskset -c 1 wrk -t1 -c64 -d"$1"s "http://127.0.0.1:$port/plaintext"
  fi
}
load 20 >/dev/null   # warm-up: let the JIT finish
sample() { jstat -gc "$pid" | tail -1; }
before=$(sample)
requests=$(load "$secs" | awk '/requests in/ {print $1}')
after=$(sample)
awk -v b="$before" -v a="$after" -v n="$requests" 'BEGIN {
  split(b, x); split(a, y)            # columns: S0C S1C S0U S1U EC EU OC OU ... YGC (13th)
  ec = y[5]; alloc_kb = (y[6] - x[6]) + (y[13] - x[13]) * ec
  printf "requests %d, young GCs %d, allocated %.1f MiB, %.1f bytes/request\n", n, y[13] - x[13], alloc_kb / 1024, alloc_kb * 1024 / n
}'
