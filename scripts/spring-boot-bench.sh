#!/usr/bin/env bash
# One Spring MVC application served three ways (spring-boot-starter-tomcat, spring-boot-starter-jetty,
# the Subito starter), measured in one run: start-up to the first answer, RSS after start and after
# load, and req/s of its @RestController JSON endpoint (GET /greeting), non-pipelined and pipelined.
#
#   scripts/spring-boot-bench.sh [rounds]     (default 3; rounds interleave the servers)
#
# The application is the starter's test application (spring-boot-starter/src/test/java/.../app,
# ShopApplication), compiled once; the three class paths come from Maven (Spring Boot 4.0.7's BOM,
# spring-boot-starter-webmvc with or without Tomcat) plus, for Subito, this checkout's jars (what the
# starter brings: WebSocket too, as Tomcat's starter brings tomcat-embed-websocket).
# Each server runs pinned to CPU $SERVER_CPU with -XX:ActiveProcessorCount=1, wrk pinned to
# $CLIENT_CPU: 64 connections one request at a time, then 64 connections pipelining $DEPTH
# (scripts/pipeline.lua). Besides req/s, each load's requests per CPU-second the server used
# meanwhile (from /proc/<pid>/stat), the figure that stays comparable on a shared machine. Every
# measurement holds flock /tmp/cpu.lock. Knobs: SERVERS [subito tomcat jetty] DURATION [10]
# WARMUP [15] DEPTH [16] HEAP [-Xms64m -Xmx512m] PORT [first free from 38281, per round]
# SERVER_CPU [0] CLIENT_CPU [1] BUILD [1] MVN_FLAGS [] LOAD [1; 0: start-up and RSS only] OUT.
set -euo pipefail

rounds="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVERS="${SERVERS:-subito tomcat jetty}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-15}"
DEPTH="${DEPTH:-16}"
HEAP="${HEAP:--Xms64m -Xmx512m}"
PORT_BASE="${PORT:-38281}"
SERVER_CPU="${SERVER_CPU:-0}"
CLIENT_CPU="${CLIENT_CPU:-1}"
BUILD="${BUILD:-1}"
MVN_FLAGS="${MVN_FLAGS:-}"
LOAD="${LOAD:-1}"
WORK="$root/spring-boot-starter/target/bench"
OUT="${OUT:-$WORK/results-$(date -u +%Y%m%dT%H%M%SZ)}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "[spring-boot-bench $(date -u +%T)] $*" >&2; }
die() { echo "spring-boot-bench: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"
mkdir -p "$WORK" "$OUT"

# ------------------------------------------------------------------ class paths (no lock held)
prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n 1; }
boot="$(prop spring-boot.version)"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)"

# a pom whose runtime class path is the application's, for one server
variant_pom() { # name, extra dependencies xml
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>shop-$1</artifactId><version>1</version>
  <dependencyManagement><dependencies><dependency>
    <groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
    <version>$boot</version><type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies>$2</dependencies>
</project>
EOF
  (cd "$WORK/$1" && mvn -q -B $MVN_FLAGS dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime) \
    || die "cannot resolve the $1 class path"
}
webmvc_without_tomcat='<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId>
  <exclusions><exclusion><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-tomcat</artifactId></exclusion></exclusions></dependency>'
if [ "$BUILD" = 1 ]; then
  log "building Subito and the application"
  (cd "$root" && mvn -q -B $MVN_FLAGS -pl spring-boot-starter -am package -DskipTests -DskipFuzz) || die "build failed"
  variant_pom tomcat '<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId></dependency>'
  variant_pom jetty "$webmvc_without_tomcat"'<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-jetty</artifactId></dependency>'
  variant_pom subito "$webmvc_without_tomcat
  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-web-server</artifactId></dependency>
  <dependency><groupId>jakarta.servlet</groupId><artifactId>jakarta.servlet-api</artifactId><version>$(prop servlet-api.version)</version></dependency>
  <dependency><groupId>jakarta.annotation</groupId><artifactId>jakarta.annotation-api</artifactId><version>$(prop annotation-api.version)</version></dependency>
  <dependency><groupId>org.jctools</groupId><artifactId>jctools-core</artifactId><version>$(prop jctools.version)</version></dependency>
  <dependency><groupId>jakarta.websocket</groupId><artifactId>jakarta.websocket-api</artifactId><version>$(prop websocket-api.version)</version></dependency>
  <dependency><groupId>jakarta.websocket</groupId><artifactId>jakarta.websocket-client-api</artifactId><version>$(prop websocket-api.version)</version></dependency>
"
fi
# copies, so that a build running meanwhile cannot change what is measured
rm -rf "$OUT/app" && mkdir -p "$OUT/app/jars" && cp -r "$root/spring-boot-starter/target/test-classes" "$OUT/app/classes"
for m in container servlet-bridge websocket spring-boot; do cp "$root/$m/target/subito-$m-$version.jar" "$OUT/app/jars/"; done
classpath() { # server
  local cp; cp="$OUT/app/classes:$(cat "$WORK/$1/cp.txt")"
  [ "$1" = subito ] && cp="$cp:$OUT/app/jars/*"
  echo "$cp"
}
# the pipelining script of this repository (as every benchmark here uses)
lua="$root/scripts/pipeline.lua"

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$1/status"; }
rps() { sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' "$1"; }
requests() { sed -n 's/^[[:space:]]*\([0-9]*\) requests in .*/\1/p' "$1"; }
# CPU time the process has used, in clock ticks (utime + stime, fields 14 and 15 of /proc/<pid>/stat)
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
# thousand requests per server CPU-second: requests of a wrk output, ticks used meanwhile
kreq_per_cpu_s() { awk -v n="$(requests "$1")" -v t="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (t > 0 ? n / (t / hz) / 1000 : 0) }'; }
port_free() { ! ss -Htln "sport = :$1" | grep -q .; }


one_round() { # server round
  local server=$1 round=$2 pid t0 t1 ready=0
  # the machine is shared: other servers come and go, so a free port is taken for each round
  PORT=$PORT_BASE; while ! port_free $PORT; do PORT=$((PORT + 1)); done
  url="http://127.0.0.1:$PORT/greeting"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" "$JAVA" -XX:ActiveProcessorCount=1 $HEAP -cp "$(classpath "$server")" \
    io.subito.spring.boot.starter.app.ShopApplication --server.port="$PORT" --server.address=127.0.0.1 \
    --logging.level.root=WARN > "$OUT/$server-$round.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do
    if curl -fs -o /dev/null "$url"; then ready=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  t1=$(date +%s%N)
  [ "$ready" = 1 ] || { kill "$pid" 2>/dev/null; die "$server did not answer (see $OUT/$server-$round.log)"; }
  ss -Htlnp "sport = :$PORT" | grep -q "pid=$pid," || { kill "$pid"; die "port $PORT answered, but not from $server"; }
  local start_ms=$(( (t1 - t0) / 1000000 )) rss_start; rss_start=$(rss_kib "$pid")
  local rss_load=0 json=0 piped=0 json_cpu=0 piped_cpu=0 c0
  if [ "$LOAD" = 1 ]; then
    taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d"${WARMUP}s" "$url" > /dev/null
    c0=$(cpu_ticks "$pid")
    taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d"${DURATION}s" "$url" > "$OUT/$server-$round-json.txt"
    json_cpu=$(kreq_per_cpu_s "$OUT/$server-$round-json.txt" $(( $(cpu_ticks "$pid") - c0 )))
    c0=$(cpu_ticks "$pid")
    taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d"${DURATION}s" -s "$lua" "$url" -- "$DEPTH" > "$OUT/$server-$round-pipelined.txt"
    piped_cpu=$(kreq_per_cpu_s "$OUT/$server-$round-pipelined.txt" $(( $(cpu_ticks "$pid") - c0 )))
    rss_load=$(rss_kib "$pid")
    json=$(rps "$OUT/$server-$round-json.txt"); piped=$(rps "$OUT/$server-$round-pipelined.txt")
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$server" "$round" "$start_ms" "$rss_start" "$rss_load" \
    "$json" "$piped" "$json_cpu" "$piped_cpu" | tee -a "$OUT/results.tsv"
}

printf 'server\tround\tstart_ms\trss_start_kib\trss_load_kib\tjson_rps\tpipelined_rps\tjson_kreq_per_cpu_s\tpipelined_kreq_per_cpu_s\n' > "$OUT/results.tsv"
exec 9>/tmp/cpu.lock
log "waiting for /tmp/cpu.lock"
flock 9
for round in $(seq 1 "$rounds"); do
  for server in $SERVERS; do
    log "round $round: $server"
    one_round "$server" "$round"
  done
done
flock -u 9

# medians per server
log "medians (results in $OUT)"
printf '| server | start to first answer (ms) | RSS after start (MiB) | RSS after load (MiB) | JSON req/s, 64 conns | JSON req/s, pipelined x%s | k req/CPU-s, 64 conns | k req/CPU-s, pipelined |\n|---|---|---|---|---|---|---|---|\n' "$DEPTH"
for server in $SERVERS; do
  awk -F'\t' -v s="$server" 'function med(col,   n,i,j,t,a) { n=0; for (i in rows) { split(rows[i], f, "\t"); a[++n]=f[col] }
      for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]+0 < a[i]+0) { t=a[i]; a[i]=a[j]; a[j]=t }
      return a[int((n+1)/2)] }
    $1 == s { rows[NR] = $0 }
    END { printf "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f |\n", s, med(3), med(4)/1024, med(5)/1024, med(6), med(7), med(8), med(9) }' "$OUT/results.tsv"
done
