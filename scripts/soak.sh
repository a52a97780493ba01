#!/usr/bin/env bash
# scripts/soak.sh [MINUTES] — a soak test of the servlet bench server (default 10 minutes).
#
# Starts bin/bench-server.sh servlet (default configuration, JAVA_OPTS default -Xms256m -Xmx256m)
# and drives it for MINUTES with three loads at once, all against /echo:
#   wrk, 32 connections, one request at a time (each carries X-Request-Id: wrk)
#   wrk, 32 connections, pipelined 16 deep (a pipeline Lua script like peer-bench's)
#   OrderChecker, 8 connections, pipelined batches of 1..16 requests with unique ids (a quarter
#     POSTs with a body), checking every response echoes its own id and body, in order
# Every 30 s (SOAK_INTERVAL) it samples the server's RSS, heap after a full GC (jcmd GC.run; the
# after-figure of that collection in the GC log), open file descriptors and threads; then prints the table and a verdict:
#   flat  = the last sample against the first one after the warm-up (60 s): RSS within +10 %,
#           heap after GC within +8 MiB, fds within +8, threads other than the worker pool's
#           within +4, and worker threads (subito-worker-N) no more than the pool size (threads=200):
#           the pool starts workers on demand up to that size and retires them after 60 s idle,
#           so their number follows the load's bursts rather than the time the server has run
#   clean = zero non-2xx from both wrk runs, and the checker saw zero non-2xx, zero order
#           errors and zero I/O errors
# Measurements should not overlap others': run it as  flock /tmp/cpu.lock scripts/soak.sh
# Everything it starts is stopped by PID on exit. Logs and the table go to target/soak/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
minutes="${1:-10}"
secs=$((minutes * 60))
load_secs=$((secs + 15))   # the load outlasts the last sample, which is then taken under load
interval="${SOAK_INTERVAL:-30}"
warmup="${SOAK_WARMUP:-60}"
port=$((40000 + RANDOM % 2000))
out="$here/target/soak"
mkdir -p "$out"

if [[ ! -f benchmarks/target/classes/io/subito/bench/load/OrderChecker.class \
      || ! -f benchmarks/target/classes/io/subito/bench/server/BenchServlets\$Echo.class ]]; then
  mvn -q -B -o -DskipTests -pl benchmarks -am compile >&2
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# the heap after GC is read from the GC log line of the full GC that jcmd GC.run asks for
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m} -Xlog:gc:file=$out/gc.log" bin/bench-server.sh servlet "$port" >"$out/server.log" 2>&1 &
server=$!
pids+=("$server")
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/plaintext" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:" >&2; cat "$out/server.log" >&2; exit 1; }
  sleep 0.5
done

cat >"$out/pipeline.lua" <<'LUA'
init = function(args)
  local depth = tonumber(args[1]) or 16
  local r = {}
  for i = 1, depth do r[i] = wrk.format(nil, nil, {["X-Request-Id"] = "wrk-pipelined"}) end
  req = table.concat(r)
end
request = function() return req end
LUA

url="http://127.0.0.1:$port/echo"
wrk -t1 -c32 -d"${load_secs}s" -H "X-Request-Id: wrk" "$url" >"$out/wrk-plain.txt" 2>&1 &
pids+=("$!"); wrk_plain=$!
wrk -t1 -c32 -d"${load_secs}s" -s "$out/pipeline.lua" "$url" -- 16 >"$out/wrk-pipelined.txt" 2>&1 &
pids+=("$!"); wrk_pipe=$!
java -cp benchmarks/target/classes io.subito.bench.load.OrderChecker "$port" 8 16 "$load_secs" \
  >"$out/checker.txt" 2>"$out/checker.err" &
pids+=("$!"); checker=$!

sample() {  # t  ->  "t rss_mib heap_mib fds threads workers"
  local rss threads fds heap workers
  rss=$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server/status")
  threads=$(awk '/^Threads/ {print $2}' "/proc/$server/status")
  fds=$(ls "/proc/$server/fd" | wc -l)
  workers=$(cat /proc/"$server"/task/*/comm 2>/dev/null | grep -c '^subito-worker' || true)
  jcmd "$server" GC.run >/dev/null
  # "... Pause Full (Diagnostic Command) 180M->9M(256M) 31.2ms": the figure after the arrow
  heap=$(grep 'Pause Full' "$out/gc.log" | tail -1 | sed -E 's/.*->([0-9.]+)([KMG])\(.*/\1 \2/' \
         | awk '{f = $2 == "K" ? 1 / 1024 : ($2 == "G" ? 1024 : 1); printf "%.1f", $1 * f}')
  echo "$1 $rss $heap $fds $threads $workers"
}

start=$(date +%s)
: >"$out/samples.txt"
for ((t = interval; t <= secs; t += interval)); do
  sleep $((start + t - $(date +%s)))
  sample "$t" | tee -a "$out/samples.txt" | sed 's/^/sample: /' >&2
done

rc_checker=0; wait "$checker" || rc_checker=$?
wait "$wrk_plain" || true
wait "$wrk_pipe" || true

non2xx() { awk '/Non-2xx/ {n += $NF} END {print n + 0}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
sockerr() { grep -h 'Socket errors' "$1" || echo "Socket errors: none"; }
{
  echo "Soak: ${minutes} min, $(date -u '+%Y-%m-%d %H:%M UTC'), port $port, JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}"
  echo
  echo "| t (s) | RSS (MiB) | heap after GC (MiB) | open fds | threads | of which workers |"
  echo "|---:|---:|---:|---:|---:|---:|"
  awk '{printf "| %d | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$out/samples.txt"
  echo
  echo "wrk one at a time: $(requests "$out/wrk-plain.txt") requests, non-2xx $(non2xx "$out/wrk-plain.txt"), $(sockerr "$out/wrk-plain.txt")"
  echo "wrk pipelined x16: $(requests "$out/wrk-pipelined.txt") requests, non-2xx $(non2xx "$out/wrk-pipelined.txt"), $(sockerr "$out/wrk-pipelined.txt")"
  echo "order $(cat "$out/checker.txt")"
  awk -v w="$warmup" -v nplain="$(non2xx "$out/wrk-plain.txt")" -v npipe="$(non2xx "$out/wrk-pipelined.txt")" \
      -v rc="$rc_checker" '
    $1 >= w && !base { base = 1; r0 = $2; h0 = $3; f0 = $4; o0 = $5 - $6; b = $1 }
    { r = $2; h = $3; f = $4; o = $5 - $6; wk = $6; last = $1; if ($6 > wmax) wmax = $6 }
    END {
      flat = base && r <= r0 * 1.10 && h <= h0 + 8 && f <= f0 + 8 && o <= o0 + 4 && wmax <= 200
      clean = nplain == 0 && npipe == 0 && rc == 0
      printf "\nbaseline t=%ds: RSS %.1f, heap %.1f, fds %d, other threads %d; last t=%ds: RSS %.1f (%+.1f%%), heap %.1f (%+.1f MiB), fds %d (%+d), other threads %d (%+d); workers at most %d (pool size 200)\n",
        b, r0, h0, f0, o0, last, r, (r / r0 - 1) * 100, h, h - h0, f, f - f0, o, o - o0, wmax
      printf "verdict: %s, %s\n", flat ? "FLAT" : "NOT FLAT", clean ? "CLEAN (zero non-2xx, zero order errors)" : "NOT CLEAN"
    }' "$out/samples.txt"
} | tee "$out/report.md"
grep -q 'verdict: FLAT, CLEAN' "$out/report.md"
