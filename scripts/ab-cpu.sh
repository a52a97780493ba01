#!/usr/bin/env bash
# Requests per server CPU-second, pipelined x16 (wrk -c256, scripts/pipeline.lua), of several
# bench servers compared in one sitting: all of them run at once on core 0 (an idle one costs
# nothing), wrk on core 1, and the measured rounds alternate between them, so drift of this VM
# hits every target alike. peer-bench stays the reference; this is for A/B runs while working.
#
# usage: scripts/ab-cpu.sh [-r ROUNDS] [-s SECONDS] [-w WARMUP_SECONDS] TARGET...
#   TARGET = engine | servlet | engine@TREE | servlet@TREE[:PROPERTIES_FILE] | ceiling
#   TREE is another checkout of this project, built (e.g. a `git worktree` at the commit to compare);
#   PROPERTIES_FILE goes to -Dsubito.config (the servlet bench server reads it, the engine ignores it);
#   ceiling is the "ceiling" peer of docs/BENCHMARKS.md, section 1 (a one-file NIO server that answers
#   every request with one canned response): it needs PEER_BENCH_JAR, the benchmark harness's jar,
#   or PEER_BENCH, a checkout of the harness to build it from; nothing is looked for elsewhere.
#   docs/BENCHMARKS.md says what the peers are and how to obtain them.
# Prints each round, then per target the medians of req/s, req per server CPU-second and the
# server's user-space CPU per request (ns). Holds /tmp/cpu.lock while measuring.
# e.g. git worktree add ../subito-base main && (cd ../subito-base && mvn -B -q package -DskipTests)
#      scripts/ab-cpu.sh -r 5 -s 6 engine@../subito-base engine
#      PEER_BENCH_JAR=/path/to/peer-bench.jar scripts/ab-cpu.sh engine ceiling
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds=5; secs=6; warm=20
while getopts r:s:w: o; do
  case $o in r) rounds=$OPTARG ;; s) secs=$OPTARG ;; w) warm=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || { awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0" >&2; exit 2; }
lua="$here/scripts/pipeline.lua"

ceiling_jar() {
  if [[ -n "${PEER_BENCH_JAR:-}" ]]; then
    [[ -f "$PEER_BENCH_JAR" ]] || { echo "ceiling: PEER_BENCH_JAR=$PEER_BENCH_JAR is not a file" >&2; exit 2; }
    echo "$PEER_BENCH_JAR"
    return
  fi
  if [[ -z "${PEER_BENCH:-}" ]]; then
    echo "ceiling: the ceiling server comes from the benchmark harness (peer-bench), which is not part of" >&2
    echo "this repository: set PEER_BENCH_JAR to its jar or PEER_BENCH to a checkout of it" >&2
    echo "(docs/BENCHMARKS.md, section 1: what the peers are and how to obtain them)" >&2
    exit 2
  fi
  [[ -f "$PEER_BENCH/pom.xml" ]] || { echo "ceiling: PEER_BENCH=$PEER_BENCH is not a peer-bench checkout (no pom.xml)" >&2; exit 2; }
  local work; work="$(mktemp -d)"
  cp -r "$PEER_BENCH/." "$work"
  (cd "$work" && mvn -q -B package -DskipTests) >&2
  echo "$work/target/peer-bench.jar"
}
# the ceiling's jar is found (or the script stops, saying why) before any server starts
for t in "$@"; do
  if [[ "$t" == ceiling ]]; then PEER_BENCH_JAR="$(ceiling_jar)"; export PEER_BENCH_JAR; break; fi
done

pids=(); ports=(); out="$(mktemp)"
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -f "$out"' EXIT
for t in "$@"; do
  port=$((39000 + ${#ports[@]} * 100 + RANDOM % 100))
  case "$t" in
    ceiling)
      taskset -c 0 java -XX:ActiveProcessorCount=1 -jar "$(ceiling_jar)" ceiling "$port" >/dev/null 2>&1 & ;;
    engine|servlet|engine@*|servlet@*)
      kind="${t%%@*}"; rest="${t#"$kind"}"; rest="${rest#@}"
      tree="${rest%%:*}"; tree="${tree:-$here}"
      conf=""; [[ "$rest" == *:* ]] && conf="-Dsubito.config=${rest#*:}"
      JAVA_OPTS="-XX:ActiveProcessorCount=1 $conf" taskset -c 0 "$tree/bin/bench-server.sh" "$kind" "$port" >/dev/null 2>&1 & ;;
    *) echo "unknown target '$t'" >&2; exit 2 ;;
  esac
  pids+=($!); ports+=("$port")
done
for i in "${!ports[@]}"; do
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:${ports[$i]}/plaintext" >/dev/null && break; sleep 0.5; done
  kill -0 "${pids[$i]}" 2>/dev/null || { echo "target ${*:i+1:1} did not start" >&2; exit 1; }
done
load() { taskset -c 1 wrk -t1 -c256 -d"$2"s -s "$lua" "http://127.0.0.1:$1/plaintext" -- 16; }
cpu() { awk '{print $14 + $15, $14}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
exec 9>/tmp/cpu.lock
flock 9
for port in "${ports[@]}"; do load "$port" "$warm" >/dev/null; done
for r in $(seq 1 "$rounds"); do
  for i in "${!ports[@]}"; do
    read -r t0 u0 < <(cpu "${pids[$i]}")
    req=$(load "${ports[$i]}" "$secs" | awk '/requests in/ {print $1}')
    read -r t1 u1 < <(cpu "${pids[$i]}")
    echo "$r $i $((req / secs)) $((req * hz / (t1 - t0))) $(awk -v u=$((u1 - u0)) -v r="$req" -v hz="$hz" 'BEGIN {printf "%.0f", u * 1e9 / hz / r}')"
  done
done | tee "$out" | awk -v names="$*" 'BEGIN {split(names, n, " ")} {printf "round %d  %-40s %8d req/s %8d req/CPU-s %5d ns user/req\n", $1, n[$2 + 1], $3, $4, $5}'
median() { awk -v i="$1" -v f="$2" '$2 == i {print $f}' "$out" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "--- medians of $rounds rounds x ${secs}s"
for i in "${!ports[@]}"; do
  printf "%-40s %8d req/s %8d req/CPU-s %5d ns user/req\n" "${*:i+1:1}" "$(median "$i" 3)" "$(median "$i" 4)" "$(median "$i" 5)"
done
