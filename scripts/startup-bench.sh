#!/usr/bin/env bash
# Start-up time and resident memory of Subito beside Tomcat 11 and Jetty 12, deploying the same
# WAR bytes (issue 4, "Measured"; results in docs/BENCHMARKS.md):
#
#   scripts/startup-bench.sh [rounds]          (default 5 rounds per server x WAR)
#   scripts/startup-bench.sh --summary DIR     (the table again, from DIR/results.tsv of a run)
#
# Subito runs from its binary distribution (distribution/target/subito-*.tar.gz, unpacked into $OUT),
# each round an instance of it (SUBITO_BASE), as Tomcat runs from CATALINA_HOME with a CATALINA_BASE.
# WARs: the demo app (demo-app/target/ROOT.war, served at /) and a Spring MVC WAR with no
# web.xml started by a WebApplicationInitializer (benchmarks/startup/spring-mvc-war.sh, served at
# /spring-mvc). Peers: the Tomcat and Jetty distributions from Maven Central, downloaded once with
# mvn dependency:copy into $CACHE (default ~/.cache/subito-startup, outside the repository).
#
# A round: a fresh server base (conf, webapps holding only the one WAR, empty work/temp), the
# launch time taken, the server started in the foreground (its own PID: start.sh, catalina.sh run
# and java -jar start.jar all exec the JVM), the app URL polled with curl every ~10 ms until the
# first 200 with the expected body; then VmRSS of that PID (at once, and again after $IDLE s
# idle), SIGTERM, wait for exit. Every round is a cold deploy. Rounds are interleaved
# (round 1 of every server x WAR, then round 2, ...) so machine noise spreads over all of them.
# One uncounted warm-up launch per server x WAR first fills the page cache (and, for subito, writes
# bin/start.sh's class-data archive; subito-nocds is the same start with SUBITO_CDS=off, as a
# first start after a build is).
#
# The measurement holds flock /tmp/cpu.lock. Environment knobs (defaults in brackets):
#   HEAP [-Xms64m -Xmx512m]  JVM heap flags, the same for all three servers
#   JAVA_HOME [the JDK of `java` on PATH]  the JVM, the same for all three
#   SERVERS [subito subito-nocds tomcat jetty]  WARS [demo spring]  WARMUP [1]  IDLE [2]  ROUND_TIMEOUT [60]
#   TOMCAT_VERSION [11.0.24]  JETTY_VERSION [12.1.12]  PORT_BASE [18181] (subito, +1 tomcat, +2 jetty)
#   BUILD [1] (0: use the jars already built)  MVN_FLAGS [] (e.g. -o)  CACHE  OUT
# No CPU pinning: each server may use every core, as it would when started by hand.
set -euo pipefail

rounds="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CACHE:-$HOME/.cache/subito-startup}"
OUT="${OUT:-$CACHE/results/$(date -u +%Y%m%dT%H%M%SZ)}"
HEAP="${HEAP:--Xms64m -Xmx512m}"
SERVERS="${SERVERS:-subito subito-nocds tomcat jetty}"
WARS="${WARS:-demo spring}"
WARMUP="${WARMUP:-1}"
IDLE="${IDLE:-2}"
ROUND_TIMEOUT="${ROUND_TIMEOUT:-60}"
TOMCAT_VERSION="${TOMCAT_VERSION:-11.0.24}"
JETTY_VERSION="${JETTY_VERSION:-12.1.12}"
PORT_BASE="${PORT_BASE:-18181}"
BUILD="${BUILD:-1}"
MVN_FLAGS="${MVN_FLAGS:-}"

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
TOMCAT_HOME="$CACHE/apache-tomcat-$TOMCAT_VERSION"
JETTY_HOME="$CACHE/jetty-home-$JETTY_VERSION"

log() { echo "[startup-bench $(date -u +%T)] $*" >&2; }
die() { echo "startup-bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- preparation (no lock held)

build_subito() {
  if [ "$BUILD" = 1 ]; then
    log "building war-deployer (with its test fixtures), demo-app and the distribution"
    (cd "$root" && mvn -B -q $MVN_FLAGS -pl war-deployer,demo-app,distribution -am package -DskipTests)
  fi
  [ -f "$root/demo-app/target/ROOT.war" ] || die "demo-app/target/ROOT.war missing (build demo-app)"
  local tarball
  tarball="$(ls "$root"/distribution/target/subito-*.tar.gz 2>/dev/null | head -1)"
  [ -n "$tarball" ] || die "no distribution/target/subito-*.tar.gz (build the distribution module)"
  # unpacked afresh for each run: bin/start.sh's class-data archive (in lib/) is made by this run's warm-up
  mkdir -p "$OUT/subito-home"
  tar -xzf "$tarball" -C "$OUT/subito-home" --strip-components=1
  SUBITO_DIST="$OUT/subito-home"
}

make_wars() {
  mkdir -p "$OUT/wars"
  cp "$root/demo-app/target/ROOT.war" "$OUT/wars/ROOT.war"
  "$root/benchmarks/startup/spring-mvc-war.sh" "$OUT/wars/spring-mvc.war"
  (cd "$OUT/wars" && sha256sum ROOT.war spring-mvc.war > SHA256SUMS)
}

# the distribution, from Maven Central through Maven's own client, unpacked once
fetch_dist() { # artifact-coordinates tarball-name unpacked-dir
  if [ ! -d "$3" ]; then
    mkdir -p "$CACHE"
    if [ ! -f "$CACHE/$2" ]; then
      log "downloading $1"
      mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
          -Dartifact="$1" -DoutputDirectory="$CACHE"
    fi
    tar -xzf "$CACHE/$2" -C "$CACHE"
  fi
}

fetch_peers() {
  fetch_dist "org.apache.tomcat:tomcat:$TOMCAT_VERSION:tar.gz" "tomcat-$TOMCAT_VERSION.tar.gz" "$TOMCAT_HOME"
  fetch_dist "org.eclipse.jetty:jetty-home:$JETTY_VERSION:tar.gz" "jetty-home-$JETTY_VERSION.tar.gz" "$JETTY_HOME"
}

# A Jetty base with what these WARs need: HTTP, the ee11 deployer, and annotations (for
# @WebServlet and ServletContainerInitializer/@HandlesTypes, which the Spring WAR starts by).
make_jetty_template() {
  local t="$OUT/jetty-base-template"
  mkdir -p "$t"
  (cd "$t" && "$JAVA" -jar "$JETTY_HOME/start.jar" --add-modules=http,ee11-deploy,ee11-annotations \
      > "$OUT/jetty-base-template.log" 2>&1) || die "jetty base set-up failed, see $OUT/jetty-base-template.log"
}

# ---------------------------------------------------------------- one round

port_of() {
  case "$1" in
    subito) echo "$PORT_BASE" ;; tomcat) echo $((PORT_BASE + 1)) ;; jetty) echo $((PORT_BASE + 2)) ;;
    subito-nocds) echo $((PORT_BASE + 3)) ;;
  esac
}

war_file() { case "$1" in demo) echo ROOT.war ;; spring) echo spring-mvc.war ;; esac; }
app_path() { case "$1" in demo) echo "/hello?name=bench" ;; spring) echo "/spring-mvc/greeting/Ada" ;; esac; }
expected() { case "$1" in demo) echo "Hello, bench!" ;; spring) echo "Hello Ada from Spring MVC" ;; esac; }

# Lays out a fresh base in $1 for server $2 with WAR $3; prints the command that starts it.
prepare_subito() { # dir war port
  mkdir -p "$1/conf" "$1/webapps"
  cp "$SUBITO_DIST"/conf/*.properties "$1/conf/"
  cp "$OUT/wars/$2" "$1/webapps/"
}

prepare_tomcat() { # dir war port
  mkdir -p "$1/conf" "$1/logs" "$1/temp" "$1/webapps" "$1/work"
  cp -r "$TOMCAT_HOME"/conf/. "$1/conf/"
  # the default server.xml with the HTTP port moved, bound to loopback, and the shutdown port off
  sed -i -e 's/<Server port="8005"/<Server port="-1"/' \
         -e "s/<Connector port=\"8080\"/<Connector port=\"$3\" address=\"127.0.0.1\"/" "$1/conf/server.xml"
  grep -q "port=\"$3\" address=\"127.0.0.1\"" "$1/conf/server.xml" || die "could not set Tomcat's port"
  cp "$OUT/wars/$2" "$1/webapps/"
}

prepare_jetty() { # dir war port
  cp -r "$OUT/jetty-base-template/." "$1/"
  cp "$OUT/wars/$2" "$1/webapps/"
}

# Starts server $1 in base $2 on port $3 in the background; sets PID. The launch time is taken
# by the caller just before.
launch() {
  local server="$1" dir="$2" port="$3"
  case "$server" in
    subito) (cd "$dir" && exec env -u JAVA_OPTS -u SUBITO_CDS JAVA_OPTS="$HEAP" SUBITO_HOME="$SUBITO_DIST" \
                SUBITO_BASE="$dir" "$SUBITO_DIST/bin/start.sh" --foreground \
                --port "$port" > "$dir/console.log" 2>&1 9>&-) & ;;
    subito-nocds) (cd "$dir" && exec env -u JAVA_OPTS JAVA_OPTS="$HEAP" SUBITO_CDS=off SUBITO_HOME="$SUBITO_DIST" \
                SUBITO_BASE="$dir" "$SUBITO_DIST/bin/start.sh" --foreground \
                --port "$port" > "$dir/console.log" 2>&1 9>&-) & ;;
    tomcat) (cd "$dir" && exec env -u JAVA_OPTS CATALINA_HOME="$TOMCAT_HOME" CATALINA_BASE="$dir" \
                CATALINA_OPTS="$HEAP" "$TOMCAT_HOME/bin/catalina.sh" run > "$dir/console.log" 2>&1 9>&-) & ;;
    jetty)  (cd "$dir" && exec "$JAVA" $HEAP -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" \
                jetty.base="$dir" jetty.http.host=127.0.0.1 jetty.http.port="$port" \
                > "$dir/console.log" 2>&1 9>&-) & ;;
  esac
  PID=$!
}

port_taken() { (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

status_field() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# CPU milliseconds the process has used, its reaped children (catalina.sh's helpers) included:
# less disturbed than wall time when other work shares the machine
cpu_ms() { # pid
  local ticks
  ticks="$(getconf CLK_TCK)"
  # fields after the parenthesised command name: utime stime cutime cstime are 12-15 of the rest
  sed 's/^.*) //' "/proc/$1/stat" | awk -v t="$ticks" '{ printf "%d\n", ($12 + $13 + $14 + $15) * 1000 / t }'
}

stop_server() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$1" 2>/dev/null; then
    log "pid $1 did not stop in 30 s; killing it"
    kill -KILL "$1" 2>/dev/null || true
  fi
  wait "$1" 2>/dev/null || true
}

# Polls until the first 200 with the expected body. Prints elapsed ms, or returns 1.
await_first_response() { # pid url expect body-file t0
  local deadline=$(( $5 + ROUND_TIMEOUT * 1000000000 )) code now
  while :; do
    code="$(curl -s -o "$4" -w '%{http_code}' --max-time 2 "$2" || true)"
    now="$(date +%s%N)"
    if [ "$code" = 200 ] && grep -qF "$3" "$4"; then
      echo $(( (now - $5) / 1000000 ))
      return 0
    fi
    if ! kill -0 "$1" 2>/dev/null || [ "$now" -gt "$deadline" ]; then
      return 1
    fi
    sleep 0.01
  done
}

# One measured (or warm-up) start. Appends a line to results.tsv unless $4 = warmup.
run_round() { # server war round [warmup]
  local server="$1" war="$2" round="$3" port dir url ms cpu rss1 rss2 thr1 thr2 exe t0
  port="$(port_of "$server")"
  dir="$OUT/run/$server-$war-$round"
  url="http://127.0.0.1:$port$(app_path "$war")"
  rm -rf "$dir" && mkdir -p "$dir"
  port_taken "$port" && die "port $port is already in use (PORT_BASE=... picks others)"
  "prepare_${server%-nocds}" "$dir" "$(war_file "$war")" "$port"
  t0="$(date +%s%N)"
  launch "$server" "$dir" "$port"
  if ! ms="$(await_first_response "$PID" "$url" "$(expected "$war")" "$dir/body" "$t0")"; then
    stop_server "$PID"
    die "$server/$war round $round: no 200 with the expected body within ${ROUND_TIMEOUT}s; see $dir/console.log"
  fi
  exe="$(readlink "/proc/$PID/exe")"
  [[ "$exe" == */java ]] || { stop_server "$PID"; die "pid $PID is $exe, not the JVM"; }
  cpu="$(cpu_ms "$PID")"
  rss1="$(status_field "$PID" VmRSS)"; thr1="$(status_field "$PID" Threads)"
  sleep "$IDLE"
  rss2="$(status_field "$PID" VmRSS)"; thr2="$(status_field "$PID" Threads)"
  stop_server "$PID"
  rm -rf "$dir/webapps" "$dir/work" "$dir/temp" # keep console.log and logs only
  if [ "${4:-}" = warmup ]; then
    log "warm-up $server/$war: $ms ms, $cpu ms CPU"
  else
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$server" "$war" "$round" "$ms" "$rss1" "$rss2" "$thr1" "$thr2" "$cpu" \
        >> "$OUT/results.tsv"
    log "$server/$war round $round: first 200 after $ms ms, $cpu ms CPU; RSS $((rss1 / 1024)) MiB, after ${IDLE}s $((rss2 / 1024)) MiB"
  fi
}

# ---------------------------------------------------------------- summary

# median, min, max of the numbers on stdin
stats() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                                               printf "%s %s %s\n", m, v[1], v[NR] }'; }

column_stats() { # server war column
  awk -F'\t' -v s="$1" -v w="$2" -v c="$3" '$1 == s && $2 == w { print $c }' "$OUT/results.tsv" | stats
}

summary() {
  local war server ms rss1 rss2 thr cpu
  echo "| WAR | server | first 200, ms: median (min–max) | CPU to first 200, ms: median (min–max) | RSS after first request, MiB: median (min–max) | RSS after ${IDLE} s idle, MiB | threads |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for war in $WARS; do
    for server in $SERVERS; do
      read -r ms msmin msmax <<< "$(column_stats "$server" "$war" 4)"
      read -r rss1 r1min r1max <<< "$(column_stats "$server" "$war" 5)"
      read -r rss2 _ _ <<< "$(column_stats "$server" "$war" 6)"
      read -r thr _ _ <<< "$(column_stats "$server" "$war" 8)"
      read -r cpu cpumin cpumax <<< "$(column_stats "$server" "$war" 9)"
      printf '| %s | %s | **%.0f** (%s–%s) | %.0f (%s–%s) | %.0f (%.0f–%.0f) | %.0f | %.0f |\n' "$(war_file "$war")" "$server" \
          "$ms" "$msmin" "$msmax" "$cpu" "$cpumin" "$cpumax" "$(kib2mib "$rss1")" "$(kib2mib "$r1min")" "$(kib2mib "$r1max")" \
          "$(kib2mib "$rss2")" "$thr"
    done
  done
}

kib2mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

describe_run() {
  echo "- rounds: $rounds per server x WAR (+$WARMUP uncounted warm-up), interleaved; results in $OUT/results.tsv"
  echo "- JVM: $("$JAVA" -version 2>&1 | sed -n 2p) ($JAVA); heap flags for all: $HEAP; no CPU pinning"
  echo "- Subito $(cd "$root" && git rev-parse --short HEAD), its distribution's bin/start.sh --foreground (subito: with the class-data" \
       "archive its first start of the run wrote; subito-nocds: SUBITO_CDS=off);" \
       "Tomcat $TOMCAT_VERSION catalina.sh run (default conf, HTTP connector on 127.0.0.1, shutdown port off);" \
       "Jetty $JETTY_VERSION java -jar start.jar (base: http, ee11-deploy, ee11-annotations)"
  echo "- WARs (same bytes for all): $(tr '\n' ' ' < "$OUT/wars/SHA256SUMS" | awk '{ printf "%s %.12s…, %s %.12s…", $2, $1, $4, $3 }')"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
       "$(uname -sr); load average at start $LOAD_BEFORE, at end $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---------------------------------------------------------------- main

main() {
  command -v curl >/dev/null || die "curl is needed"
  mkdir -p "$OUT"
  build_subito
  make_wars
  fetch_peers
  make_jetty_template
  printf "server\twar\tround\tfirst_200_ms\trss_kib\trss_idle_kib\tthreads\tthreads_idle\tcpu_ms\n" > "$OUT/results.tsv"

  # bin/start.sh's class-data archive is made afresh by the first (warm-up) start of this run
  find "$SUBITO_DIST/lib" -maxdepth 1 -name 'subito-cds-*' -delete
  log "waiting for /tmp/cpu.lock"
  exec 9> /tmp/cpu.lock
  flock 9
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  log "measuring: $rounds rounds; servers: $SERVERS; WARs: $WARS; out: $OUT"
  local war server r
  for war in $WARS; do
    for server in $SERVERS; do
      for r in $(seq 1 "$WARMUP"); do run_round "$server" "$war" "w$r" warmup; done
    done
  done
  for r in $(seq 1 "$rounds"); do
    for war in $WARS; do
      for server in $SERVERS; do run_round "$server" "$war" "$r"; done
    done
  done
  flock -u 9

  { summary; echo; describe_run; } | tee "$OUT/summary.md"
}

if [ "${1:-}" = --summary ]; then
  OUT="${2:?usage: startup-bench.sh --summary DIR}"
  summary
  exit 0
fi
main
