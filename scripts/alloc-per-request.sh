#!/usr/bin/env bash
# Bytes allocated by the whole server JVM per request under load, two ways around one measured wrk run:
#  - eden (jstat): allocated = eden used (after) - eden used (before) + young GCs in between * eden
#    capacity. Eden grows by whole TLABs, so this also counts the unused tails of the TLABs that the
#    collections retire: it depends on how many threads allocated, not only on the bytes.
#  - exact (per-thread counters, io.subito.bench.load.ThreadAllocation over JMX): the sum over the
#    server's threads of the bytes each allocated (HotSpot's getThreadAllocatedBytes).
# Usage: scripts/alloc-per-request.sh [engine|servlet] [pipelined|plain] [seconds]
# SERVER_HOME=DIR runs DIR/bin/bench-server.sh (another checkout, for an A/B); the counter always
# runs from this checkout's benchmarks module.
# The server runs on core 0 with SerialGC (as in peer-bench), wrk and the counter on core 1; loopback only.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
server_home="${SERVER_HOME:-$here}"
what="${1:-engine}"; mode="${2:-pipelined}"; secs="${3:-10}"
port=$((30500 + RANDOM % 500))
JAVA_OPTS="${JAVA_OPTS:--XX:ActiveProcessorCount=1}" taskset -c 0 "$server_home/bin/bench-server.sh" "$what" "$port" >/tmp/alloc-server.log 2>&1 &
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
counter_cp="$here/benchmarks/target/classes"
[[ -f "$counter_cp/io/subito/bench/load/ThreadAllocation.class" ]] || {
  echo "build the benchmarks module first (bin/bench-server.sh does)" >&2; exit 1; }
coproc COUNTER { taskset -c 1 java -cp "$counter_cp" io.subito.bench.load.ThreadAllocation "$pid"; }
read -r ready <&"${COUNTER[0]}" || ready="no answer (see the message above)"
[[ $ready == READY ]] || { echo "thread counter failed: $ready" >&2; exit 1; }
echo >&"${COUNTER[1]}"; read -r _ <&"${COUNTER[0]}"   # baseline of the per-thread counters
sample() { jstat -gc "$pid" | tail -1; }
before=$(sample)
requests=$(load "$secs" | awk '/requests in/ {print $1}')
after=$(sample)
echo >&"${COUNTER[1]}"; read -r exact <&"${COUNTER[0]}"
exec {COUNTER[1]}>&-
awk -v b="$before" -v a="$after" -v n="$requests" -v e="$exact" 'BEGIN {
  split(b, x); split(a, y)            # columns: S0C S1C S0U S1U EC EU OC OU ... YGC (13th)
  ec = y[5]; alloc_kb = (y[6] - x[6]) + (y[13] - x[13]) * ec
  printf "requests %d, young GCs %d, eden: allocated %.1f MiB, %.1f bytes/request\n", n, y[13] - x[13], alloc_kb / 1024, alloc_kb * 1024 / n
  split(e, z)                         # ALLOCATED bytes threads N new K gone G gone-bytes-before B
  printf "exact (per-thread counters): allocated %.1f MiB, %.1f bytes/request (%d threads, %d new, %d gone)\n", z[2] / 1048576, z[2] / n, z[4], z[6], z[8]
}'
