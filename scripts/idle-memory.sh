#!/usr/bin/env bash
# scripts/idle-memory.sh [N] [MODES] — heap held per idle connection, HTTP/1.1 beside HTTP/2.
#
# For each mode (default "h1 h2c h2c-get"; also "tls") a fresh bin/bench-server.sh servlet (JAVA_OPTS default
# -Xms1g -Xmx1g; maxConnections = N + 2000, keepAliveTimeoutMillis = 600000 so nothing is reaped)
# is given N connections by IdleConnections (benchmarks module, one thread):
#   h1       one GET /plaintext over HTTP/1.1 each, then idle (keep-alive);
#   h2c      the HTTP/2 start with prior knowledge: preface, SETTINGS both ways, both acknowledged;
#   h2c-get  the same, then one GET /plaintext on stream 1;
#   tls      a full TLS handshake (the server on HTTPS with a self-signed ECDSA P-256 certificate
#            made here, TLS 1.3) and one GET /plaintext over HTTP/1.1 each, then idle.
# The live heap is the total of jcmd GC.class_histogram (which runs a full GC first), taken before
# and with the N connections held; per connection = the difference / N. The same for the server's
# resident set (VmRSS, which also counts direct buffers and native TLS state). The classes that grew the
# most are listed per connection. Afterwards every held connection must still answer (a GET or a PING).
# Loopback only; bounded: each holder holds its connections for HOLD seconds (default 40).
# Run as  flock /tmp/cpu.lock scripts/idle-memory.sh  so that measurements do not overlap.
# Everything it starts is stopped by PID on exit. Logs and the report go to target/idle-memory/.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
n="${1:-10000}"
modes="${2:-h1 h2c h2c-get}"
hold="${HOLD:-40}"
out="$here/target/idle-memory"
mkdir -p "$out"

# shellcheck source=lib/held-connections.sh
source "$here/scripts/lib/held-connections.sh"
raise_fd_limit idle-memory "$n"
compile_if_missing IdleConnections
held_config "$out/server.properties" "$n"
opts="${JAVA_OPTS:--Xms1g -Xmx1g}"

live_bytes() {  # $1 pid, $2 file: the class histogram (a full GC first); prints its total bytes
  jcmd "$1" GC.class_histogram >"$2"
  awk '/^Total/ {print $3}' "$2"
}

top_classes() {  # $1 before, $2 after, $3 N: the classes that grew most, bytes per connection
  awk -v n="$3" 'FNR == NR && /^ *[0-9]+:/ {b[$4] = $3; next}
                 /^ *[0-9]+:/ {d = $3 - b[$4]; if (d > 0) printf "%d %s\n", d, $4}' "$1" "$2" \
    | sort -rn | head -8 | awk -v n="$3" '{printf "%s %.0f B, ", $2, $1 / n}' | sed 's/, $//'
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# tls: the server's certificate, which the holder trusts (the only one it does)
if [[ " $modes " == *" tls "* && ! -s "$out/tls/cert.pem" ]]; then
  mkdir -p "$out/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -days 30 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$out/tls/key.pem" -out "$out/tls/cert.pem" 2>/dev/null
fi

report=()
for mode in $modes; do
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if [[ $mode == tls ]]; then
    export PEER_TLS=1 PEER_CERT="$out/tls/cert.pem" PEER_KEY="$out/tls/key.pem"
    url="https://127.0.0.1:$port/plaintext"; warm=(tls); cacert=(--cacert "$out/tls/cert.pem")
  else
    unset PEER_TLS
    url="http://127.0.0.1:$port/plaintext"; warm=(h1 h2c-get); cacert=()
  fi
  JAVA_OPTS="$opts -Dsubito.config=$out/server.properties" \
    bin/bench-server.sh servlet "$port" >"$out/server-$mode.log" 2>&1 &
  server=$!
  pids+=("$server")
  await_server "$url" "$server" "$out/server-$mode.log" "${cacert[@]}"
  # warm the protocols once, so that what they load and cache once is in the baseline
  for w in "${warm[@]}"; do
    java -cp benchmarks/target/classes io.subito.bench.load.IdleConnections "$w" 4 "$port" 0 >/dev/null
  done
  sleep 1
  before=$(live_bytes "$server" "$out/histo-$mode-before.txt")
  rss_before=$(rss_kib "$server")

  java -cp benchmarks/target/classes io.subito.bench.load.IdleConnections "$mode" "$n" "$port" "$hold" \
    >"$out/holder-$mode.txt" 2>&1 &
  holder=$!
  pids+=("$holder")
  t0=$(date +%s)
  until grep -q READY "$out/holder-$mode.txt"; do
    kill -0 "$holder" 2>/dev/null || { echo "the holder failed:" >&2; cat "$out/holder-$mode.txt" >&2; exit 1; }
    sleep 0.5
  done
  opened_in=$(( $(date +%s) - t0 ))
  sleep 2
  after=$(live_bytes "$server" "$out/histo-$mode-after.txt")
  rss_after=$(rss_kib "$server")
  fds=$(ls "/proc/$server/fd" | wc -l)
  wait "$holder" || true
  alive=$(grep ALIVE "$out/holder-$mode.txt" || echo "ALIVE ? (holder failed)")
  kill "$server"; wait "$server" 2>/dev/null || true
  per=$(( (after - before) / n ))
  rss_per=$(( (rss_after - rss_before) * 1024 / n ))
  report+=("| $mode | $((before / 1024)) | $((after / 1024)) | **$per** | $rss_before → $rss_after | $rss_per | $fds | ${opened_in} s | ${alive#ALIVE } |")
  report+=("|  | grew most, per connection: $(top_classes "$out/histo-$mode-before.txt" "$out/histo-$mode-after.txt" "$n") | | | | | | | |")
done

{
  echo "Idle connections: $n per mode, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD), JAVA_OPTS=$opts"
  echo
  echo "| mode | live heap before (KiB) | with $n held (KiB) | heap bytes per connection | RSS (KiB) | RSS bytes per connection | server fds | opened in | still served after ${hold} s |"
  echo "|---|---:|---:|---:|---|---:|---:|---:|---|"
  printf '%s\n' "${report[@]}"
} | tee "$out/report.md"
