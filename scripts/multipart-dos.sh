#!/usr/bin/env bash
# The multipart denial-of-service request (CVE-2023-24998 class) against Subito and Tomcat 11:
# one 66 MB request of 1,000,000 one-byte parts, and two concurrent 20 MB many-part requests, to
# an endpoint whose first act is getParts() (default @MultipartConfig: no limits of its own).
# Each server runs in a fresh JVM per scenario (HEAP, default -Xmx1g); after one small warm-up
# request the script records the process's CPU time (/proc, all threads: GC and JIT included)
# around the attack, and the heap the process saw (scripts/multipart-dos/Probe.java: peak of the
# heap pools, garbage included, and the most still live after a collection).
#
#   scripts/multipart-dos.sh                      # this checkout and Tomcat
#   BASE=main scripts/multipart-dos.sh            # also Subito as of git ref main ("before")
#
# Env: TARGETS [subito tomcat] (+ base when BASE is set)  TOMCAT_VERSION [11.0.24]  HEAP [-Xmx1g]
#      TIMEOUT [300] seconds per request  PORT [18281]  CACHE [~/.cache/subito-multipart-dos]
#      MVN_FLAGS [] (e.g. -o)  TARGET_OPTS [] JVM options of the servers, e.g. -DmaxPartCount=2000000
#      -Dthreshold=1024 (read by SubitoTarget: the count limit lifted, a fileSizeThreshold)
#      SCENARIOS ["1000000x1 303030x2 shapes"] parts x concurrent requests; shapes: the corpus's
#      limit and malformed cases one by one (scripts/multipart-dos/Shapes.java), answers printed
# Tomcat comes from Maven Central (org.apache.tomcat.embed:tomcat-embed-core) through Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/scripts/multipart-dos"
CACHE="${CACHE:-$HOME/.cache/subito-multipart-dos}"
TOMCAT_VERSION="${TOMCAT_VERSION:-11.0.24}"
HEAP="${HEAP:--Xmx1g}"
TIMEOUT="${TIMEOUT:-300}"
PORT="${PORT:-18281}"
MVN_FLAGS="${MVN_FLAGS:-}"
BASE="${BASE:-}"
TARGETS="${TARGETS:-${BASE:+base }subito tomcat}"
JAVA="${JAVA:-java}"
TARGET_OPTS="${TARGET_OPTS:-}"
SCENARIOS="${SCENARIOS:-1000000x1 303030x2 shapes}"
work="$CACHE/run"
rm -rf "$work" && mkdir -p "$work"

log() { echo "[multipart-dos $(date -u +%T)] $*" >&2; }

# the classpath of servlet-bridge in checkout $1, built there (package, never install); the
# checkout's own jars are copied to $work/jars-$2, so rebuilding it during a run changes nothing
subito_cp() {
  rm -f "$work/deps.txt"
  (cd "$1" && mvn -B -q $MVN_FLAGS -pl servlet-bridge -am package dependency:build-classpath -DskipTests -DskipFuzz \
       -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/deps.txt" >&2) || { echo "build of $1 failed" >&2; exit 1; }
  mkdir -p "$work/jars-$2"
  cp "$1"/container/target/subito-container-*[0-9T].jar "$1"/servlet-bridge/target/subito-servlet-bridge-*[0-9T].jar "$work/jars-$2/"
  echo "$work/jars-$2/*:$(tr ':' '\n' < "$work/deps.txt" | grep -v "^$1/" | paste -sd:)"
}

tomcat_cp() {
  local dir="$CACHE/tomcat-$TOMCAT_VERSION"
  if [ ! -d "$dir" ]; then
    log "downloading tomcat-embed-core $TOMCAT_VERSION"
    for a in org.apache.tomcat.embed:tomcat-embed-core:"$TOMCAT_VERSION" org.apache.tomcat:tomcat-annotations-api:"$TOMCAT_VERSION"; do
      mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$a" -DoutputDirectory="$dir.tmp" >&2
    done
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir/*"
}

declare -A CP MAIN
for t in $TARGETS; do
  case "$t" in
    subito) CP[$t]="$(subito_cp "$root" "$t")"; MAIN[$t]=SubitoTarget ;;
    base)
      src="$work/base-src"; mkdir -p "$src"
      git -C "$root" archive "$BASE" | tar -x -C "$src"
      CP[$t]="$(subito_cp "$src" "$t")"; MAIN[$t]=SubitoTarget ;;
    tomcat) CP[$t]="$(tomcat_cp)"; MAIN[$t]=TomcatTarget ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  mkdir -p "$work/classes-$t"
  javac -nowarn -d "$work/classes-$t" -cp "${CP[$t]}" "$here/Probe.java" "$here/UploadServlet.java" \
      "$here/StatsServlet.java" "$here/${MAIN[$t]}.java"
done
mkdir -p "$work/classes-client"
javac -d "$work/classes-client" "$here/Attack.java" "$here/Shapes.java"

cpu_seconds() { # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

http_get() { # port path
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
  timeout 60 cat <&3 | tail -n 1
  exec 3>&-
}

scenario() { # target parts concurrency
  local t="$1" parts="$2" conc="$3" pid out
  out="$work/$t-$parts-$conc.log"
  "$JAVA" $HEAP $TARGET_OPTS -cp "$work/classes-$t:${CP[$t]}" "${MAIN[$t]}" "$PORT" > "$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do grep -q "ready on" "$out" && break; sleep 0.2; done
  "$JAVA" -cp "$work/classes-client" Attack "$PORT" 3 1 "$TIMEOUT" > /dev/null   # warm-up: a valid request
  http_get "$PORT" "/stats?reset" > /dev/null
  local cpu0; cpu0="$(cpu_seconds "$pid")"
  local result; result="$("$JAVA" -cp "$work/classes-client" Attack "$PORT" "$parts" "$conc" "$TIMEOUT")"
  local cpu1; cpu1="$(cpu_seconds "$pid")"
  local heap; heap="$(http_get "$PORT" /stats || echo "no /stats answer")"
  local ooms; ooms="$(grep -c OutOfMemoryError "$out" || true)"
  local after; after="$("$JAVA" -cp "$work/classes-client" Attack "$PORT" 3 1 60 | cut -d'|' -f1)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  printf '%s | %s parts x %s | server CPU %.1f s | %s | OutOfMemoryError lines: %s | next request: %s\n' \
      "$t" "$parts" "$conc" "$(echo "$cpu1 - $cpu0" | bc -l)" "$heap" "$ooms" "$after"
  echo "$result" | sed 's/^/    /'
}

shapes() { # target: the corpus's limit and malformed cases, as the server answers them
  local t="$1" pid out="$work/$t-shapes.log"
  "$JAVA" $HEAP $TARGET_OPTS -cp "$work/classes-$t:${CP[$t]}" "${MAIN[$t]}" "$PORT" > "$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do grep -q "ready on" "$out" && break; sleep 0.2; done
  echo "$t: answers to the corpus's cases"
  "$JAVA" -cp "$work/classes-client" Shapes "$PORT" | sed 's/^/    /'
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

for t in $TARGETS; do
  for sc in $SCENARIOS; do
    if [ "$sc" = shapes ]; then shapes "$t"; else scenario "$t" "${sc%x*}" "${sc#*x}"; fi
  done
done
