#!/usr/bin/env bash
# scripts/tls-profile.sh [SECONDS] [DEPTH] — where the CPU goes when the servlet bench server serves
# pipelined requests over TLS: async-profiler (CPU sampling with itimer, so it needs no perf_event
# access) on bin/bench-server.sh servlet with PEER_TLS=1, under
#   wrk -t1 -c256 -s pipeline.lua https://127.0.0.1:PORT/plaintext -- DEPTH   (default 16)
# or, with DEPTH 1, peer-bench's tls-plaintext: wrk -t1 -c64, one request per round trip.
# The server runs on core 0 with -XX:ActiveProcessorCount=1, wrk on core 1 (as peer-bench does);
# WARMUP (default 20) seconds of load as warm-up, then SECONDS (default 15) profiled.
# The samples are grouped by what they were doing (first matching group, in the order printed):
# the cipher (AES-GCM and GHASH), handshakes (key exchange, signatures), the rest of the SSLEngine's record wrap and unwrap, socket
# system calls, the servlet bridge, the engine's HTTP, the JVM's own threads (GC, JIT), the rest.
# The profiler: ASYNC_PROFILER=/path/libasyncProfiler.so, else the one in Maven Central's
# tools.profiler:async-profiler:3.0:linux-x64 jar (fetched by mvn dependency:get if missing).
# Run as  flock /tmp/cpu.lock scripts/tls-profile.sh  (it measures). Output in target/tls-profile/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
seconds="${1:-15}"
depth="${2:-16}"
out="$here/target/tls-profile/x$depth"
mkdir -p "$out"

. "$here/scripts/lib/async-profiler.sh"
lib="$(async_profiler_lib "$out")"
[[ -f "$out/tls/cert.pem" ]] || { mkdir -p "$out/tls"; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -sha256 -nodes -days 30 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout "$out/tls/key.pem" -out "$out/tls/cert.pem" 2>/dev/null; }
lua="$out/pipeline.lua"
cat >"$lua" <<'EOF'
init = function(args)
  local r = {}
  for i = 1, tonumber(args[1]) do r[i] = wrk.format() end
  req = table.concat(r)
end
request = function() return req end
EOF

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PEER_TLS=1 PEER_CERT="$out/tls/cert.pem" PEER_KEY="$out/tls/key.pem" JAVA_OPTS="-XX:ActiveProcessorCount=1 -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" \
  taskset -c 0 bin/bench-server.sh servlet "$port" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
url="https://127.0.0.1:$port/plaintext"
for _ in $(seq 1 240); do
  curl -sf --cacert "$out/tls/cert.pem" "$url" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.5
done
if [[ $depth == 1 ]]; then load=(-c64); else load=(-c256 -s "$lua"); fi
taskset -c 1 wrk -t1 "${load[@]}" -d"${WARMUP:-20}s" "$url" -- "$depth" >"$out/warmup.txt"
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
# the profiler is loaded after the warm-up, by the JDK's attach (jcmd; the quotes keep its option
# string whole: jcmd would read "start,event=..." as an option named "start,event")
jcmd "$server" JVMTI.agent_load "$lib" '"start,event=itimer,interval=1ms,threads"' >"$out/jcmd.log"
t0=$(ticks)
taskset -c 1 wrk -t1 "${load[@]}" -d"${seconds}s" "$url" -- "$depth" >"$out/wrk.txt"
t1=$(ticks)
jcmd "$server" JVMTI.agent_load "$lib" "\"stop,file=$out/collapsed.txt,collapsed\"" >>"$out/jcmd.log"
rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz}')

{
  echo "TLS $([[ $depth == 1 ]] && echo "keep-alive, 64 connections, one request per round trip" || echo "pipelined x$depth"), $seconds s profiled, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD):" \
       "$rps req/s, server CPU $cpu s ($(awk -v r="$rps" -v s="$seconds" -v c="$cpu" 'BEGIN {printf "%.0f", r * s / c / 1000}') k req/CPU-s)"
  echo
  echo "| where | share of the samples | the hottest frames in it (share of all samples) |"
  echo "|---|---:|---|"
  awk '
    function group(stack, leaf) {
      if (stack ~ /GaloisCounterMode|GHASH|AESCrypt|aescrypt|ghash|_gcm|galoisCounterMode/) return "cipher: AES-GCM and GHASH";
      if (stack ~ /sun\/security\/ec\/|intpoly|ECDSA|XECOperations|sun\/security\/ssl\/[A-Za-z]*(Handshake|KeyShare|CertificateVerify|Finished|ServerHello|ClientHello)/) return "TLS handshakes: key exchange, signatures";
      if (stack ~ /SSLEngineImpl|SSLCipher|SSLEngineInputRecord|SSLEngineOutputRecord|sun\/security\/ssl/) return "SSLEngine record wrap/unwrap (the cipher excluded)";
      if (leaf ~ /^(__GI_|__libc_|__)?(write|writev|read|readv|epoll_wait|epoll_ctl|send|recv|sendmsg|recvmsg)(64)?$|syscall|Java_sun_nio_ch|Java_sun_nio_ch_(SocketDispatcher|IOUtil|EPoll)/) return "socket and epoll system calls";
      if (stack ~ /io\/subito\/servlet|io\/subito\/bench/) return "servlet bridge (request, response, the servlet)";
      if (stack ~ /io\/subito\/container/) return "engine: HTTP parsing, batching, loops";
      if (stack ~ /^\[(GC|G1|C1|C2|VM|Sweeper|Service)|^\[.*(GC|Compiler|VM Thread)/) return "JVM: GC, JIT, VM thread";
      return "other";
    }
    {
      n = $NF; stack = $0; sub(/ [0-9]+$/, "", stack);
      k = split(stack, f, ";"); leaf = f[k];
      g = group(stack, leaf); total += n; by[g] += n;
      # the top frame within our group: the deepest frame that names the group, else the leaf
      frame[g SUBSEP leaf] += n;
    }
    END {
      order = "cipher: AES-GCM and GHASH|TLS handshakes: key exchange, signatures|SSLEngine record wrap/unwrap (the cipher excluded)|socket and epoll system calls|servlet bridge (request, response, the servlet)|engine: HTTP parsing, batching, loops|JVM: GC, JIT, VM thread|other";
      m = split(order, gs, "|");
      for (i = 1; i <= m; i++) {
        g = gs[i]; if (!(g in by)) continue;
        line = "";
        # the three hottest leaf frames of the group
        for (t = 1; t <= 3; t++) {
          best = ""; bv = 0;
          for (key in frame) { split(key, kk, SUBSEP); if (kk[1] == g && frame[key] > bv && !(key in used)) { best = key; bv = frame[key]; } }
          if (best == "") break;
          used[best] = 1; split(best, kk, SUBSEP);
          line = line (line == "" ? "" : ", ") "`" kk[2] "` " sprintf("%.1f %%", 100 * bv / total);
        }
        printf "| %s | %.1f %% | %s |\n", g, 100 * by[g] / total, line;
      }
      printf "\n%d samples\n", total;
    }' "$out/collapsed.txt"
} | tee "$out/report.md"
