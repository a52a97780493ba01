#!/usr/bin/env bash
# WebSocket echo round trips beside the peers: Subito (bin/bench-server.sh servlet, /ws/echo),
# Tomcat 11 embedded (tomcat-embed-websocket) and Jetty 12 embedded (ee10 Jakarta WebSocket), the
# same annotated echo endpoint on each (scripts/ws-echo-bench/EchoEndpoint.java; Subito's is
# BenchServlets.WsEcho), each server pinned to core 0 (-XX:ActiveProcessorCount=1), the load
# (io.subito.bench.load.WsEchoLoad: N connections, one message in flight each) on core 1. Rounds
# alternate between the servers; per round: round trips per second and the server's CPU seconds
# from /proc/PID/stat around the load (its JVM start included, so per CPU-second is a lower bound).
#
#   scripts/ws-echo-bench.sh
#
# Env: ROUNDS [3]  SECONDS_PER_ROUND [10]  WARMUP [10]  CONNECTIONS [64]  PORT [18481] (+1 tomcat, +2 jetty)
#      SERVERS [subito tomcat jetty]  MESSAGES ["32 text" "16384 binary"]
#      BASELINE: another Subito checkout (built: its benchmarks/target/runtime-classpath.txt); then
#      SERVERS may hold "baseline", its bench server, for a before/after beside this one in one run
#      LOAD [threads]: threads = WsEchoLoad (a blocking thread per connection); nio = WsEchoLoadNio
#      (one thread, a Selector over the connections: the server wakes no sleeping client thread)
# The peers come from Maven Central (scripts/ws-echo-bench/pom.xml, versions there).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/scripts/ws-echo-bench"
ROUNDS="${ROUNDS:-3}"; SECS="${SECONDS_PER_ROUND:-10}"; WARMUP="${WARMUP:-10}"; CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-18481}"; SERVERS="${SERVERS:-subito tomcat jetty}"
case "${LOAD:-threads}" in
  threads) load_main=io.subito.bench.load.WsEchoLoad ;;
  nio) load_main=io.subito.bench.load.WsEchoLoadNio ;;
  *) echo "LOAD must be threads or nio, not ${LOAD}" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
log() { echo "[ws-echo-bench $(date -u +%T)] $*" >&2; }

(cd "$root" && mvn -B -q -DskipTests -DskipFuzz -pl benchmarks -am package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >&2)
load_cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/runtime-classpath.txt")"

declare -A CMD PIDS PORTS
i=0
for s in $SERVERS; do
  PORTS[$s]=$((PORT + i)); i=$((i + 1))
  case "$s" in
    subito) CMD[$s]="taskset -c 0 env JAVA_OPTS=-XX:ActiveProcessorCount=1 $root/bin/bench-server.sh servlet ${PORTS[$s]}" ;;
    baseline) CMD[$s]="taskset -c 0 env JAVA_OPTS=-XX:ActiveProcessorCount=1 ${BASELINE:?set BASELINE to a Subito checkout}/bin/bench-server.sh servlet ${PORTS[$s]}" ;;
    tomcat|jetty)
      mvn -B -q -f "$here/pom.xml" -P"$s" dependency:build-classpath -Dmdep.outputFile="$work/$s.cp" >&2
      main="$([ "$s" = tomcat ] && echo TomcatTarget || echo JettyTarget)"
      mkdir -p "$work/classes-$s"
      javac -nowarn -d "$work/classes-$s" -cp "$(cat "$work/$s.cp")" "$here/EchoEndpoint.java" "$here/$main.java"
      CMD[$s]="taskset -c 0 java -XX:ActiveProcessorCount=1 -cp $work/classes-$s:$(cat "$work/$s.cp") $main ${PORTS[$s]}" ;;
    *) echo "unknown server $s" >&2; exit 2 ;;
  esac
done
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
for s in $SERVERS; do
  ${CMD[$s]} > "$work/$s.log" 2>&1 &
  PIDS[$s]=$!
  for _ in $(seq 1 300); do grep -q -E "ready on|listening on" "$work/$s.log" && break; sleep 0.2; done
  grep -q -E "ready on|listening on" "$work/$s.log" || { echo "$s did not start: $(cat "$work/$s.log")" >&2; exit 1; }
  log "$s ready on ${PORTS[$s]}"
done
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
load() { taskset -c 1 java -cp "$load_cp" "$load_main" "$1" /ws/echo "$CONNECTIONS" "$2" $3; }
MESSAGES=("32 text" "16384 binary")
for s in $SERVERS; do for m in "${MESSAGES[@]}"; do load "${PORTS[$s]}" "$WARMUP" "$m" > /dev/null; done; done
echo "server message round trips_per_s server_cpu_s trips_per_cpu_s" > "$work/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  for m in "${MESSAGES[@]}"; do
    for s in $SERVERS; do
      c0=$(cpu "${PIDS[$s]}"); out="$(load "${PORTS[$s]}" "$SECS" "$m")"; c1=$(cpu "${PIDS[$s]}")
      trips=$(sed -n 's/.*round_trips=\([0-9]*\).*/\1/p' <<<"$out"); per=$(sed -n 's/.*per_second=\([0-9]*\).*/\1/p' <<<"$out")
      awk -v s="$s" -v m="${m// /-}" -v p="$per" -v t="$trips" -v c=$((c1 - c0)) -v hz="$hz" \
          'BEGIN {printf "%s %s %d %.2f %.0f\n", s, m, p, c / hz, t / (c / hz)}' | tee -a "$work/results.txt"
    done
  done
done
echo "--- medians of $ROUNDS rounds x ${SECS}s, $CONNECTIONS connections, load ${load_main##*.}"
for m in "${MESSAGES[@]}"; do
  for s in $SERVERS; do
    awk -v s="$s" -v m="${m// /-}" '$1 == s && $2 == m {print $3, $5}' "$work/results.txt" | sort -n \
      | awk -v s="$s" -v m="${m// /-}" '{a[NR] = $0} END {split(a[int((NR + 1) / 2)], x, " ");
          printf "%-7s %-13s %8d round trips/s %8d per server CPU-second\n", s, m, x[1], x[2]}'
  done
done
