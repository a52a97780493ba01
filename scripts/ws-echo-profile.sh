#!/usr/bin/env bash
# Where one WebSocket echo's server CPU goes: runs one server of scripts/ws-echo-bench.sh (subito,
# tomcat or jetty; pinned to core 0, the load on core 1, 64 connections, one message in flight
# each) and reports per echoed message: user and system CPU (/proc/PID/stat), voluntary and
# involuntary context switches (all threads' /proc/PID/task/*/status), then the system calls of
# 4 s (strace -c -f) and a CPU profile with kernel frames (async-profiler, event=cpu, needs
# perf_event access, e.g. root) grouped by where the time goes, in microseconds per message.
#
#   scripts/ws-echo-profile.sh subito|tomcat|jetty ["32 text" | "16384 binary"]
#
# Env: PORT [18491]  SECONDS_PER_ROUND [8]  STRACE [1]  PROFILE [1]  OUT [target/ws-echo-profile/SERVER]
#      LOAD [threads]: threads = WsEchoLoad (a blocking thread per connection); nio = WsEchoLoadNio
#      (one thread, a Selector), as in scripts/ws-echo-bench.sh
# The profiler: ASYNC_PROFILER=/path/libasyncProfiler.so, else Maven Central's
# tools.profiler:async-profiler:3.0:linux-x64 jar. Take the CPU lock yourself (flock) on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/scripts/ws-echo-bench"
srv="${1:?usage: scripts/ws-echo-profile.sh subito|tomcat|jetty [\"32 text\"|\"16384 binary\"]}"; msg="${2:-32 text}"
PORT="${PORT:-18491}"; SECS="${SECONDS_PER_ROUND:-8}"
out="${OUT:-$root/target/ws-echo-profile/$srv-${msg// /-}}"; mkdir -p "$out"
case "${LOAD:-threads}" in
  threads) load_main=io.subito.bench.load.WsEchoLoad ;;
  nio) load_main=io.subito.bench.load.WsEchoLoadNio ;;
  *) echo "LOAD must be threads or nio, not ${LOAD}" >&2; exit 2 ;;
esac
(cd "$root" && mvn -B -q -DskipTests -DskipFuzz -pl benchmarks -am package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >&2)
load_cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/runtime-classpath.txt")"
jvm=(-XX:ActiveProcessorCount=1 -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints)
case "$srv" in
  subito) cmd=(env "JAVA_OPTS=${jvm[*]}" "$root/bin/bench-server.sh" servlet "$PORT") ;; # both exec: the PID is the JVM's
  tomcat|jetty)
    main="$([ "$srv" = tomcat ] && echo TomcatTarget || echo JettyTarget)"
    mvn -B -q -f "$here/pom.xml" -P"$srv" dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >&2
    mkdir -p "$out/classes"
    javac -nowarn -d "$out/classes" -cp "$(cat "$out/cp.txt")" "$here/EchoEndpoint.java" "$here/$main.java"
    cmd=(java "${jvm[@]}" -cp "$out/classes:$(cat "$out/cp.txt")" "$main" "$PORT") ;;
  *) echo "unknown server '$srv': use subito, tomcat or jetty" >&2; exit 2 ;;
esac
taskset -c 0 "${cmd[@]}" >"$out/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q -E "ready on|listening on" "$out/server.log" && break; sleep 0.2; done
grep -q -E "ready on|listening on" "$out/server.log" || { echo "$srv did not start: $(cat "$out/server.log")" >&2; exit 1; }
# shellcheck disable=SC2086
load() { taskset -c 1 java -cp "$load_cp" "$load_main" "$PORT" /ws/echo 64 "$1" $msg; }
switches() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt/ {v += $2} /^nonvoluntary_ctxt/ {n += $2} END {print v, n}'; }
cpu() { awk '{print $14, $15}' "/proc/$pid/stat"; }
load 8 >/dev/null
read -r u0 s0 < <(cpu); read -r v0 n0 < <(switches)
o="$(load "$SECS")"
read -r u1 s1 < <(cpu); read -r v1 n1 < <(switches)
trips=$(sed -n 's/.*round_trips=\([0-9]*\).*/\1/p' <<<"$o")
awk -v t="$trips" -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v v=$((v1 - v0)) -v n=$((n1 - n0)) -v hz="$(getconf CLK_TCK)" \
    -v srv="$srv" -v m="$msg, load ${load_main##*.}" -v at="$(date -u '+%F %H:%M UTC')" -v la="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "%s, %s, %s (load %s): %d echoes in the window; per message: user %.2f us, system %.2f us, total %.2f us (%.0f per CPU-second); context switches %.3f voluntary, %.3f involuntary\n",
    srv, m, at, la, t, u / hz / t * 1e6, s / hz / t * 1e6, (u + s) / hz / t * 1e6, t / ((u + s) / hz), v / t, n / t }' | tee "$out/summary.txt"
per=$(sed -n 's/.*total \([0-9.]*\) us.*/\1/p' "$out/summary.txt")
if [[ "${STRACE:-1}" == 1 ]]; then
  load 7 >/dev/null & lp=$!
  sleep 1
  timeout -s INT 4 strace -c -f -p "$pid" -o "$out/strace.txt" >/dev/null 2>&1 || true
  wait "$lp"
  echo "system calls in 4 s under strace (slowed; compare the calls per writev):"; head -12 "$out/strace.txt"
fi
if [[ "${PROFILE:-1}" == 1 ]]; then
  . "$root/scripts/lib/async-profiler.sh"
  lib="$(async_profiler_lib "$out")"
  jcmd "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=200us"' >"$out/jcmd.log"
  load "$SECS" >/dev/null
  jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$out/collapsed.txt,collapsed\"" >>"$out/jcmd.log"
  echo "CPU profile, by where the time goes (share of samples; us per message from the total above):"
  # first match wins; kernel frames end in _[k]
  awk -v per="$per" '{n = $NF; tot += n; s = $0; sub(/ [0-9]+$/, "", s); k = s ~ /_\[k\]/
    if (s ~ /sock_def_readable/) c = "kernel: send, waking the client thread (sock_def_readable)"
    else if (s ~ /IOUtil\.write|writev/ && k) c = "kernel: send (writev), the rest of loopback TCP"
    else if (s ~ /IOUtil\.read|SocketDispatcher\.read/ && k) c = "kernel: read"
    else if (s ~ /EPoll\.wait|epoll_wait/ && s ~ /finish_task_switch/) c = "kernel: context switches in epoll_wait"
    else if (s ~ /EPoll\.wait|epoll_wait/) c = "kernel: epoll_wait, the rest"
    else if (s ~ /epoll_ctl|EPoll\.ctl/) c = "kernel: epoll_ctl"
    else if (k && s ~ /finish_task_switch/) c = "kernel: context switches elsewhere (futex, preemption)"
    else if (k) c = "kernel: other (futex, ...)"
    else if (s ~ /IOUtil|SocketDispatcher|IOVecWrapper|Util\.getTemporaryDirectBuffer/) c = "JDK socket I/O, user side (temporary direct buffers)"
    else if (s ~ /^(GC|G1|VM Thread|C1|C2|Compile)|CompileBroker|G1/) c = "JVM: GC, JIT"
    else c = "Java: the server, the endpoint, the JDK"
    a[c] += n } END { for (c in a) printf "  %5.1f%%  %6.2f us  %s\n", 100 * a[c] / tot, per * a[c] / tot, c }' "$out/collapsed.txt" | sort -rn
fi
