#!/usr/bin/env bash
# Server CPU per gzip-compressed response: a 10 KiB JSON body (scripts/compression-bench/JsonServlet)
# from Subito (this checkout, compression=on) and from Tomcat 11 embedded (connector compression="on"),
# both with their default compression settings, each pinned to core 0 (one CPU for its JVM), wrk
# on core 1 with 'Accept-Encoding: gzip' (and once without, for the identity cost beside it).
# Rounds alternate between the servers, so drift of a shared machine hits both alike. Per round:
# requests, the server's user+system CPU from /proc/PID/stat around the run, CPU microseconds per
# response, and bytes per response as wrk counted them (head included). Holds /tmp/cpu.lock while
# measuring (as scripts/ab-cpu.sh), so such runs on one machine do not overlap.
#
#   scripts/compression-bench.sh
#
# Env: ROUNDS [5]  SECONDS_PER_ROUND [10]  WARMUP [20] seconds per server and encoding
#      CONNECTIONS [16] (no pipelining)  TOMCAT_VERSION [11.0.24]  PORT [18381] (Tomcat: PORT+1)
#      QUERY [] appended to /json (e.g. buffer=16384: the body fits the response buffer)
#      CACHE [~/.cache/subito-compression-bench]  MVN_FLAGS [] (e.g. -o)
# Tomcat comes from Maven Central (org.apache.tomcat.embed:tomcat-embed-core) through Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/scripts/compression-bench"
CACHE="${CACHE:-$HOME/.cache/subito-compression-bench}"
TOMCAT_VERSION="${TOMCAT_VERSION:-11.0.24}"
ROUNDS="${ROUNDS:-5}"
SECS="${SECONDS_PER_ROUND:-10}"
WARMUP="${WARMUP:-20}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-18381}"
QUERY="${QUERY:-}"
MVN_FLAGS="${MVN_FLAGS:-}"
JAVA="${JAVA:-java}"
work="$CACHE/run"
rm -rf "$work" && mkdir -p "$work"
log() { echo "[compression-bench $(date -u +%T)] $*" >&2; }

subito_cp() { # the servlet bridge's class path in this checkout, its own jars copied so a rebuild changes nothing
  (cd "$root" && mvn -B -q $MVN_FLAGS -pl servlet-bridge -am package dependency:build-classpath -DskipTests -DskipFuzz \
       -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/deps.txt" >&2) || { echo "build failed" >&2; exit 1; }
  mkdir -p "$work/jars-subito"
  cp "$root"/container/target/subito-container-*[0-9T].jar "$root"/servlet-bridge/target/subito-servlet-bridge-*[0-9T].jar \
     "$work/jars-subito/"
  echo "$work/jars-subito/*:$(tr ':' '\n' < "$work/deps.txt" | grep -v "^$root/" | paste -sd:)"
}

tomcat_cp() {
  local dir="$CACHE/tomcat-$TOMCAT_VERSION"
  if [ ! -d "$dir" ]; then
    log "fetching tomcat-embed-core $TOMCAT_VERSION"
    for a in org.apache.tomcat.embed:tomcat-embed-core:"$TOMCAT_VERSION" org.apache.tomcat:tomcat-annotations-api:"$TOMCAT_VERSION"; do
      mvn -B -q $MVN_FLAGS org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$a" \
          -DoutputDirectory="$dir.tmp" >&2
    done
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir/*"
}

declare -A CP MAIN PIDS PORTS
CP[subito]="$(subito_cp)"; MAIN[subito]=SubitoTarget; PORTS[subito]=$PORT
CP[tomcat]="$(tomcat_cp)"; MAIN[tomcat]=TomcatTarget; PORTS[tomcat]=$((PORT + 1))
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
for t in subito tomcat; do
  mkdir -p "$work/classes-$t"
  javac -nowarn -d "$work/classes-$t" -cp "${CP[$t]}" "$here/JsonServlet.java" "$here/${MAIN[$t]}.java"
  taskset -c 0 "$JAVA" -XX:ActiveProcessorCount=1 -Xmx512m -cp "$work/classes-$t:${CP[$t]}" "${MAIN[$t]}" \
      "${PORTS[$t]}" > "$work/$t.log" 2>&1 &
  PIDS[$t]=$!
  for _ in $(seq 1 300); do grep -q "ready on" "$work/$t.log" && break; sleep 0.2; done
  grep -q "ready on" "$work/$t.log" || { echo "$t did not start: $(cat "$work/$t.log")" >&2; exit 1; }
done

url() { echo "http://127.0.0.1:${PORTS[$1]}/json${QUERY:+?$QUERY}"; }
for t in subito tomcat; do # what each sends, once: it must be gzip, and decode to the 10 KiB body
  head="$(curl -s -H 'Accept-Encoding: gzip' -D - -o "$work/$t.gz" "$(url "$t")")"
  grep -qi '^content-encoding: gzip' <<<"$head" || { echo "$t did not compress: $head" >&2; exit 1; }
  log "$t: $(gzip -dc < "$work/$t.gz" | wc -c) bytes as $(wc -c < "$work/$t.gz") gzip bytes, framing:" \
      "$(grep -i -E '^(content-length|transfer-encoding):' <<<"$head" | tr -d '\r' | paste -sd' ')"
done

load() { # target seconds encoding-header...
  local t="$1" s="$2"; shift 2
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${s}s" "$@" "$(url "$t")"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

exec 9>/tmp/cpu.lock
flock 9
for enc in gzip identity; do
  hdr=(); [ "$enc" = gzip ] && hdr=(-H 'Accept-Encoding: gzip')
  for t in subito tomcat; do load "$t" "$WARMUP" "${hdr[@]}" > /dev/null; done
done
echo "target encoding round requests req/s cpu_s us_per_response bytes_per_response" > "$work/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  for enc in gzip identity; do
    hdr=(); [ "$enc" = gzip ] && hdr=(-H 'Accept-Encoding: gzip')
    for t in subito tomcat; do
      c0=$(cpu_ticks "${PIDS[$t]}")
      out="$(load "$t" "$SECS" "${hdr[@]}")"
      c1=$(cpu_ticks "${PIDS[$t]}")
      req=$(awk '/requests in/ {print $1}' <<<"$out")
      bytes=$(awk '/requests in/ {v=$5; u=v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+/, "", v);
                  m = u=="KB" ? 1024 : u=="MB" ? 1048576 : u=="GB" ? 1073741824 : 1; printf "%.0f", v * m}' <<<"$out")
      awk -v t="$t" -v e="$enc" -v r="$r" -v n="$req" -v s="$SECS" -v c=$((c1 - c0)) -v hz="$hz" -v b="$bytes" \
          'BEGIN {printf "%s %s %d %d %d %.2f %.1f %.0f\n", t, e, r, n, n / s, c / hz, c / hz * 1e6 / n, b / n}' \
          | tee -a "$work/results.txt"
    done
  done
done
echo "--- medians of $ROUNDS rounds x ${SECS}s (server CPU microseconds per response; bytes per response incl. head)"
for enc in gzip identity; do
  for t in subito tomcat; do
    awk -v t="$t" -v e="$enc" '$1 == t && $2 == e {print $7, $5, $8}' "$work/results.txt" | sort -n \
      | awk -v t="$t" -v e="$enc" '{a[NR] = $0} END {split(a[int((NR + 1) / 2)], m, " ");
          printf "%-7s %-9s %8.1f us/response %8d req/s %7d bytes/response\n", t, e, m[1], m[2], m[3]}'
  done
done
