#!/usr/bin/env bash
# Full TLS handshakes per second of the server's CPU, for several builds of Subito measured in turn.
#
#   scripts/tls-handshake-ab.sh [-r ROUNDS] LABEL=TREE LABEL=TREE ...
#
# TREE is a checkout of this repository (its bench servers are built on first use by
# bin/bench-server.sh). Every build's servlet bench server starts at once on core 0
# (-XX:ActiveProcessorCount=1), serving HTTPS with a self-signed ECDSA P-256 certificate made here;
# then, round after round, each is measured in turn from core 1 while the others idle, so that
# every round sees the same machine:
#   - openssl s_time -new -time 10: one full handshake after another (no request);
#   - curl, 64 in parallel, --no-sessionid, a new connection, full handshake and a
#     Connection: close request each, for 10 s.
# Printed per round and build: handshakes, and the server's CPU time over the measurement in
# ticks of 1/100 s (fields 14 and 15 of /proc/PID/stat); then medians of handshakes per
# CPU-second. Needs openssl, curl (7.68+ for --parallel) and taskset.
set -euo pipefail
rounds=5
if [[ ${1:-} == -r ]]; then rounds=$2; shift 2; fi
(( $# > 0 )) || { echo "usage: scripts/tls-handshake-ab.sh [-r ROUNDS] LABEL=TREE ..." >&2; exit 2; }
work=$(mktemp -d)
declare -A tree port pid
labels=()
p=39600
for a in "$@"; do
  l=${a%%=*}; t=${a#*=}
  [[ -x $t/bin/bench-server.sh ]] || { echo "$t: no bin/bench-server.sh" >&2; exit 2; }
  while ss -Htln "sport = :$p" | grep -q .; do p=$((p + 1)); done
  labels+=("$l"); tree[$l]=$t; port[$l]=$p; p=$((p + 1))
done
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
export PEER_TLS=1 PEER_CERT=$work/cert.pem PEER_KEY=$work/key.pem JAVA_OPTS="-XX:ActiveProcessorCount=1"
cleanup() { for l in "${labels[@]}"; do [[ -n ${pid[$l]:-} ]] && kill "${pid[$l]}" 2>/dev/null; done; wait; rm -rf "$work"; }
trap cleanup EXIT
for l in "${labels[@]}"; do
  taskset -c 0 "${tree[$l]}/bin/bench-server.sh" servlet "${port[$l]}" >"$work/$l.log" 2>&1 &
  pid[$l]=$!
done
for l in "${labels[@]}"; do
  for _ in $(seq 1 240); do curl -sk -o /dev/null "https://127.0.0.1:${port[$l]}/plaintext" && break; sleep 0.5; done
  kill -0 "${pid[$l]}" 2>/dev/null || { echo "$l did not start:" >&2; cat "$work/$l.log" >&2; exit 1; }
done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
serial() { taskset -c 1 openssl s_time -new -connect "127.0.0.1:$1" -time "$2" 2>/dev/null | grep -oE '^[0-9]+ connections in [0-9]+ real' | cut -d' ' -f1; }
parallel() {  # handshakes in $2 seconds, 64 at a time
  timeout -s INT "$2" taskset -c 1 curl -sk --no-progress-meter --no-sessionid --http1.1 --parallel --parallel-immediate \
    --parallel-max 64 -H 'Connection: close' -o /dev/null -w '%{stderr}%{http_code}\n' "https://127.0.0.1:$1/plaintext#[1-100000000]" \
    2>&1 | grep -c '^2' || true
}
for l in "${labels[@]}"; do serial "${port[$l]}" 15 >/dev/null; parallel "${port[$l]}" 15 >/dev/null; done   # warm-up
for r in $(seq 1 "$rounds"); do
  for l in "${labels[@]}"; do
    t0=$(ticks "${pid[$l]}"); s=$(serial "${port[$l]}" 10); s=${s:-0}; t1=$(ticks "${pid[$l]}")
    c=$(parallel "${port[$l]}" 10); t2=$(ticks "${pid[$l]}")
    echo "round $r $l serial $s handshakes $((t1 - t0)) ticks parallel $c handshakes $((t2 - t1)) ticks"
  done
done | tee "$work/rounds.txt"
awk '{ if ($7 > 0) s[$3] = s[$3] " " 100 * $5 / $7; if ($12 > 0) p[$3] = p[$3] " " 100 * $10 / $12 }
     function median(list,   a, n, i, j, t) { n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
         if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } return n ? a[int((n + 1) / 2)] : 0 }
     END { for (l in s) printf "%s: median %.0f serial, %.0f parallel full handshakes per server CPU-second\n", l, median(s[l]), median(p[l]) }' \
  "$work/rounds.txt"
