#!/usr/bin/env bash
# scripts/faults-scale.sh [IDLE] [SLOWLORIS] — the full-size fault runs (defaults 10000 and 1000).
#
# Against bin/bench-server.sh servlet (JAVA_OPTS default -Xms1g -Xmx1g), configured through
# -Dsubito.config with maxConnections = IDLE + 2000 and keepAliveTimeoutMillis = 600000, so the
# idle connections are held for the whole measurement (the default, 20 s, would reap them):
#   1. IDLE keep-alive connections, each having served one GET /plaintext, held idle. Memory per
#      connection = (RSS after - RSS before) / IDLE and (heap after GC after - before) / IDLE,
#      both sampled after jcmd GC.run. wrk (1 thread, 32 connections, 10 s) is served beside
#      them; finally every held connection must still answer a request.
#   2. SLOWLORIS connections sending a head one byte a second (replaced when the server closes
#      them; the default headTimeoutMillis is 10 s) while wrk runs, compared with wrk alone.
# Raises the soft file-descriptor limit to the hard one when it is too low for IDLE connections.
# Run as  flock /tmp/cpu.lock scripts/faults-scale.sh  so that measurements do not overlap.
# Everything it starts is stopped by PID on exit. Logs and the report go to target/faults-scale/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
idle_n="${1:-10000}"
slow_n="${2:-1000}"
slow_secs="${SLOW_SECONDS:-40}"
port=$((42000 + RANDOM % 2000))
out="$here/target/faults-scale"
mkdir -p "$out"
rm -f "$out/gc.log"

# shellcheck source=lib/held-connections.sh
source "$here/scripts/lib/held-connections.sh"
raise_fd_limit faults-scale "$idle_n"
compile_if_missing ConnectionHolder
held_config "$out/server.properties" "$idle_n"
opts="${JAVA_OPTS:--Xms1g -Xmx1g}"
JAVA_OPTS="$opts -Dsubito.config=$out/server.properties -Xlog:gc:file=$out/gc.log" \
  bin/bench-server.sh servlet "$port" >"$out/server.log" 2>&1 &
server=$!
pids+=("$server")
await_server "$port" "$server" "$out/server.log"
url="http://127.0.0.1:$port/plaintext"
holder=(java -cp benchmarks/target/classes io.subito.bench.load.ConnectionHolder)

rss() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server/status"; }
heap_after_gc() {  # MiB after the full GC that jcmd asks for (from the GC log)
  jcmd "$server" GC.run >/dev/null
  grep 'Pause Full' "$out/gc.log" | tail -1 | sed -E 's/.*->([0-9.]+)([KMG])\(.*/\1 \2/' \
    | awk '{f = $2 == "K" ? 1 / 1024 : ($2 == "G" ? 1024 : 1); printf "%.1f", $1 * f}'
}
wrk_line() {  # wrk output file -> "N req/s, latency avg A, non-2xx X, socket errors ..."
  awk '/Requests\/sec/ {rps = $2} /Latency/ {lat = $2} /Non-2xx/ {bad = $NF} /Socket errors/ {sub(/^ *Socket errors: /, ""); se = $0}
       END {printf "%s req/s, latency avg %s, non-2xx %d, socket errors: %s", rps, lat, bad + 0, se == "" ? "none" : se}' "$1"
}

wrk -t1 -c32 -d10s "$url" >/dev/null   # warm-up
sleep 1
rss0=$(rss); heap0=$(heap_after_gc); fds0=$(ls "/proc/$server/fd" | wc -l)

"${holder[@]}" idle "$idle_n" "$port" 45 >"$out/idle.txt" 2>&1 &
idle_pid=$!
pids+=("$idle_pid")
t0=$(date +%s)
until grep -q READY "$out/idle.txt"; do
  kill -0 "$idle_pid" 2>/dev/null || { echo "the idle holder failed:" >&2; cat "$out/idle.txt" >&2; exit 1; }
  sleep 0.5
done
opened_in=$(( $(date +%s) - t0 ))
sleep 2
rss1=$(rss); heap1=$(heap_after_gc); fds1=$(ls "/proc/$server/fd" | wc -l)
wrk -t1 -c32 -d10s "$url" >"$out/wrk-beside-idle.txt" 2>&1
wait "$idle_pid" || true
alive=$(grep ALIVE "$out/idle.txt" || echo "ALIVE ? (holder failed)")

sleep 2
wrk -t1 -c32 -d15s "$url" >"$out/wrk-alone.txt" 2>&1
"${holder[@]}" slowloris "$slow_n" "$port" "$slow_secs" >"$out/slowloris.txt" 2>&1 &
slow_pid=$!
pids+=("$slow_pid")
sleep 5
wrk -t1 -c32 -d$((slow_secs - 10))s "$url" >"$out/wrk-beside-slowloris.txt" 2>&1
wait "$slow_pid" || true

{
  echo "Faults at scale: $(date -u '+%Y-%m-%d %H:%M UTC'), JAVA_OPTS=$opts, ulimit -n $(ulimit -n)"
  echo
  echo "| | RSS (MiB) | heap after GC (MiB) | server fds |"
  echo "|---|---:|---:|---:|"
  echo "| before | $rss0 | $heap0 | $fds0 |"
  echo "| $idle_n idle keep-alive connections held | $rss1 | $heap1 | $fds1 |"
  awk -v n="$idle_n" -v r0="$rss0" -v r1="$rss1" -v h0="$heap0" -v h1="$heap1" 'BEGIN {
    printf "| per connection | %.1f KiB | %.1f KiB | |\n", (r1 - r0) * 1024 / n, (h1 - h0) * 1024 / n }'
  echo
  echo "- $idle_n connections opened and served in ${opened_in} s; after 45 s idle: $alive answered again"
  echo "- wrk beside them (1 thread, 32 connections, 10 s): $(wrk_line "$out/wrk-beside-idle.txt")"
  echo "- wrk alone (15 s): $(wrk_line "$out/wrk-alone.txt")"
  echo "- wrk beside $slow_n slowloris connections ($((slow_secs - 10)) s): $(wrk_line "$out/wrk-beside-slowloris.txt")"
  echo "- $(cat "$out/slowloris.txt")"
} | tee "$out/report.md"
