#!/usr/bin/env bash
# Where the Subito-started Spring MVC application (the one scripts/spring-boot-bench.sh measures)
# spends CPU or allocates under the pipelined JSON load, with async-profiler:
#
#   flock /tmp/cpu.lock scripts/spring-boot-profile.sh [cpu|alloc|bytes] [seconds]
#
# Run scripts/spring-boot-bench.sh once first (it builds the jars and resolves the class path that
# this script reuses from spring-boot-starter/target/bench/subito/cp.txt). The server runs as in that
# benchmark (core 0, -XX:ActiveProcessorCount=1), wrk on core 1 with 64 connections pipelining x16;
# WARMUP (default 15) seconds of load, then the profiler is attached (jcmd) for SECONDS (default 10).
# cpu: event=cpu (perf events with kernel frames), 1 ms; alloc: every TLAB and outside-TLAB sample;
# bytes: no profiler, the bytes the server's threads allocated per request, counted exactly by
# HotSpot's per-thread counters (io.subito.bench.load.ThreadAllocation, of this checkout's
# benchmarks module: build it first with mvn -o -q -pl benchmarks -am compile).
# It prints the requests and the server's CPU seconds meanwhile; with alloc, the collapsed stacks
# carry bytes (async-profiler's estimate of the total), so a frame's bytes divided by the requests
# is what it allocates per request.
# ROOT=DIR profiles another checkout's build (its bench class path and jars). Output in spring-boot-starter/target/profile/<event>/.
set -euo pipefail
here="${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"   # ROOT: another checkout, for an A/B
event="${1:-cpu}"; seconds="${2:-10}"
out="$here/spring-boot-starter/target/profile/$event"
mkdir -p "$out"
cpfile="$here/spring-boot-starter/target/bench/subito/cp.txt"
[[ -f $cpfile ]] || { echo "run scripts/spring-boot-bench.sh first (no $cpfile)" >&2; exit 1; }
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/pom.xml" | head -n 1)"
rm -rf "$out/app" && mkdir -p "$out/app/jars" && cp -r "$here/spring-boot-starter/target/test-classes" "$out/app/classes"
for m in container servlet-bridge websocket spring-boot; do cp "$here/$m/target/subito-$m-$version.jar" "$out/app/jars/"; done
. "$here/scripts/lib/async-profiler.sh"
lib="$(async_profiler_lib "$out")"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086
taskset -c 0 java -XX:ActiveProcessorCount=1 -Xms64m -Xmx512m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -cp "$out/app/classes:$(cat "$cpfile"):$out/app/jars/*" io.subito.spring.boot.starter.app.ShopApplication \
  --server.port="$port" --server.address=127.0.0.1 --logging.level.root=WARN >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/greeting"
for _ in $(seq 1 600); do
  curl -sf "$url" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done
load() { taskset -c 1 wrk -t1 -c64 -d"$1s" -s "$here/scripts/pipeline.lua" "$url" -- 16; }
load "${WARMUP:-15}" >"$out/warmup.txt"
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$server/stat"; }
if [[ $event == bytes ]]; then
  counter_cp="$(cd "$(dirname "$0")/.." && pwd)/benchmarks/target/classes"
  coproc COUNTER { taskset -c 1 java -cp "$counter_cp" io.subito.bench.load.ThreadAllocation "$server"; }
  read -r ready <&"${COUNTER[0]}" || ready="no answer"
  [[ $ready == READY ]] || { echo "thread counter failed: $ready" >&2; exit 1; }
  echo >&"${COUNTER[1]}"; read -r _ <&"${COUNTER[0]}"   # baseline of the per-thread counters
  t0=$(ticks)
  load "$seconds" >"$out/wrk.txt"
  t1=$(ticks)
  echo >&"${COUNTER[1]}"; read -r exact <&"${COUNTER[0]}"
  exec {COUNTER[1]}>&-   # the counter ends before the server does
  wait "$COUNTER_PID" 2>/dev/null || true
  requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
  echo "bytes, $seconds s, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$here" rev-parse --short HEAD): $requests requests," \
    "$(awk -v a="$t0" -v b="$t1" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", n / ((b - a) / hz) / 1000}') k req/CPU-s," \
    "$(awk -v e="$exact" -v n="$requests" 'BEGIN {split(e, z); printf "%.0f bytes allocated per request (%d threads, %d gone)", z[2] / n, z[4], z[8]}')" | tee "$out/summary.txt"
  exit 0
fi
if [[ $event == alloc ]]; then opts="start,event=alloc,alloc=1,threads"; else opts="start,event=cpu,interval=1ms,threads"; fi
jcmd "$server" JVMTI.agent_load "$lib" "\"$opts\"" >"$out/jcmd.log"
t0=$(ticks)
load "$seconds" >"$out/wrk.txt"
t1=$(ticks)
if [[ $event == alloc ]]; then fmt="collapsed,total"; else fmt="collapsed"; fi
jcmd "$server" JVMTI.agent_load "$lib" "\"stop,file=$out/collapsed.txt,$fmt\"" >>"$out/jcmd.log"
requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
echo "$event, $seconds s, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$here" rev-parse --short HEAD): $requests requests," \
  "server CPU $(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz}') s," \
  "$(awk -v a="$t0" -v b="$t1" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", n / ((b - a) / hz) / 1000}') k req/CPU-s" | tee "$out/summary.txt"
