#!/usr/bin/env bash
# The overlapping-ranges attack (RFC 9110 section 17.15) against a 4 MiB static file, sent to
# Subito and to Tomcat 11 (tomcat-embed-core, its DefaultServlet in the default configuration)
# serving the same file; results in docs/SECURITY.md ("Range requests").
#
#   scripts/range-attack.sh [subito-checkout ...]     (default: this checkout)
#
# Each checkout is built (mvn -o package, no tests, nothing installed) and run as the real server
# (io.subito.deploy.Server) with webapps/files/ holding big.bin; Tomcat is downloaded once with
# mvn dependency:copy into $CACHE (with tomcat-annotations-api, which it needs). For every server
# and Range header, 5 uncounted requests, then $N requests one after another with curl; the table
# gives the status, bytes received per request (head and body), the mean wall time per request
# and the server's CPU time per request (utime+stime of its process from /proc, before and after
# the N requests).
# Knobs: N [50]  TOMCAT_VERSION [11.0.21]  PORT_BASE [18281]  CACHE [~/.cache/subito-range-attack]
#        JAVA_OPTS [-Xmx512m]  BUILD [1] (0: use the jars already built)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-50}"
TOMCAT_VERSION="${TOMCAT_VERSION:-11.0.21}"
PORT_BASE="${PORT_BASE:-18281}"
CACHE="${CACHE:-$HOME/.cache/subito-range-attack}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
BUILD="${BUILD:-1}"
checkouts=("$@")
[ ${#checkouts[@]} -gt 0 ] || checkouts=("$root")

die() { echo "range-attack: $*" >&2; exit 1; }
command -v curl >/dev/null || die "curl is needed"
mkdir -p "$CACHE"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# the file: 4 MiB of pseudo-random bytes, the same for every server
mkdir -p "$work/webapps/files"
head -c $((4 * 1024 * 1024)) /dev/urandom > "$work/webapps/files/big.bin"
size=$(stat -c %s "$work/webapps/files/big.bin")

jar="$CACHE/tomcat-embed-core-$TOMCAT_VERSION.jar"
annotations="$CACHE/tomcat-annotations-api-$TOMCAT_VERSION.jar"
for a in org.apache.tomcat.embed:tomcat-embed-core org.apache.tomcat:tomcat-annotations-api; do
  [ -f "$CACHE/${a#*:}-$TOMCAT_VERSION.jar" ] || mvn -q -B -Dstyle.color=never dependency:copy \
      -Dartifact="$a:$TOMCAT_VERSION" -DoutputDirectory="$CACHE" >/dev/null
done
javac -d "$work/tomcat-classes" -cp "$jar" "$root/scripts/range-attack/TomcatFiles.java"

wait_port() { # port pid
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$1/files/big.bin" && return 0
    kill -0 "$2" 2>/dev/null || die "server on port $1 exited"
    sleep 0.1
  done
  die "nothing listening on port $1 after 60 s"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

ranges() { # n spec: "bytes=spec,spec,..." with n specs
  local s="bytes=$2" i
  for ((i = 1; i < $1; i++)); do s+=",$2"; done
  echo "$s"
}

attack() { # name port pid
  local name="$1" port="$2" pid="$3" header label
  local hz; hz=$(getconf CLK_TCK)
  for label in "32 x 0-" "2 x 0-" "1 x 0-" "none"; do
    case "$label" in
      "32 x 0-") header="Range: $(ranges 32 0-)" ;;
      "2 x 0-") header="Range: $(ranges 2 0-)" ;;
      "1 x 0-") header="Range: bytes=0-" ;;
      none) header="X-No-Range: 1" ;;
    esac
    # five uncounted requests first (class loading, compilation, first file read)
    for ((i = 0; i < 5; i++)); do curl -s -o /dev/null -H "$header" "http://127.0.0.1:$port/files/big.bin"; done
    local c0 t0 c1 t1 out status bytes
    c0=$(cpu_ticks "$pid"); t0=$(date +%s%N)
    for ((i = 0; i < N; i++)); do
      out=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{size_header}' -H "$header" \
          "http://127.0.0.1:$port/files/big.bin")
    done
    t1=$(date +%s%N); c1=$(cpu_ticks "$pid")
    status=${out%% *}; bytes=$(echo "$out" | awk '{print $2 + $3}')
    printf '%-28s %-9s %6s %12s %10.1f %10.1f\n' "$name" "$label" "$status" "$bytes" \
        "$(echo "($t1 - $t0) / $N / 1000000" | bc -l)" "$(echo "($c1 - $c0) * 1000 / $hz / $N" | bc -l)"
  done
}

printf '%-28s %-9s %6s %12s %10s %10s\n' server Range status bytes/req ms/req cpu-ms/req
port=$PORT_BASE
for co in "${checkouts[@]}"; do
  co="$(cd "$co" && pwd)"
  if [ "$BUILD" = 1 ]; then
    (cd "$co" && mvn -o -q -B -Dstyle.color=never -DskipTests -DskipFuzz -pl war-deployer -am package) \
        > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build of $co failed"; }
  fi
  sjar=$(ls "$co"/war-deployer/target/subito-war-deployer-*.jar | grep -v -e -sources -e -tests | head -1)
  home="$work/home-$port"; mkdir -p "$home/conf"
  printf 'bind=127.0.0.1\nport=%s\naccessLog=false\n' "$port" > "$home/conf/server.properties"
  java $JAVA_OPTS -cp "$sjar:$co/war-deployer/target/lib/*" io.subito.deploy.Server --home "$home" \
      --webapps "$work/webapps" > "$work/subito-$port.log" 2>&1 &
  pids+=($!); wait_port "$port" "$!"
  attack "subito $(git -C "$co" rev-parse --short HEAD)" "$port" "${pids[-1]}"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  port=$((port + 1))
done
java $JAVA_OPTS -cp "$jar:$annotations:$work/tomcat-classes" TomcatFiles "$port" "$work/webapps/files" "$work/tomcat-base" > "$work/tomcat.log" 2>&1 &
pids+=($!); wait_port "$port" "$!"
attack "tomcat $TOMCAT_VERSION" "$port" "${pids[-1]}"
echo "file: $size bytes; $N requests per row; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
