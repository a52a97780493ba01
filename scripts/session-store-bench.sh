#!/usr/bin/env bash
# scripts/session-store-bench.sh [-r ROUNDS] [-s SECONDS] [-w WARMUP_SECONDS] [-c CONNECTIONS] — what a request that
# reads and updates one session attribute costs on each session store.
#
# One server (the Server main, as bin/start.sh runs it, on core 0 with -XX:ActiveProcessorCount=1)
# serves the same tiny servlet five times, each app with its own store (conf/apps/NAME.properties):
#   plain   /plain/count never asks for its session (the baseline)
#   memory  /memory/count  reads attribute n and sets n+1 (an Integer)
#   file    /file/count    likewise (the file store keeps sessions in memory between requests)
#   jdbc    /jdbc/count    likewise, PostgreSQL on loopback (initdb into a temp dir, fsync=off)
#   redis   /redis/count   likewise, redis-server on loopback (nothing saved to disk)
#   spring  /count of a Spring Boot 4 Spring MVC app on Tomcat with Spring Session Data Redis
#           (spring-boot-starter-webmvc + spring-boot-starter-session-data-redis, Boot's defaults),
#           doing the same in a @RestController, on the same redis-server; a process of its own on
#           core 0, idle while the others are measured (SPRING=0 leaves it out; its class path
#           comes from Maven Central through Boot's BOM, as in scripts/spring-boot-bench.sh)
# Each round drives each app in turn with wrk (core 1; CONNECTIONS connections, default 64, one
# request at a time each, SECONDS long, default 8, after WARMUP_SECONDS, default 10, per app) over 64 sessions made beforehand, each request
# taking the next one's cookie, so concurrent requests mostly hit different sessions. Per app it
# prints req/s, p50 and p99 latency (wrk --latency), and requests per CPU-second of the Subito
# process and of the store's process (from /proc/PID/stat); then the medians over the rounds.
# Needs wrk, redis-server, postgresql (Debian packages) and the built server and stores (built here
# if missing). Everything it starts is stopped by PID on exit. Measurements should not overlap
# others': it holds /tmp/cpu.lock while measuring.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
rounds=3; secs=8; conns=64; warm=10
while getopts r:s:w:c: o; do
  case $o in r) rounds=$OPTARG ;; s) secs=$OPTARG ;; w) warm=$OPTARG ;; c) conns=$OPTARG ;; *) sed -n 2,19p "$0" >&2; exit 2 ;; esac
done
apps=(plain memory file jdbc redis)
[[ "${SPRING:-1}" = 1 ]] && apps+=(spring)
for tool in wrk redis-server curl javac; do
  command -v "$tool" >/dev/null || { echo "session-store-bench: $tool is not installed" >&2; exit 1; }
done
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pgbin/initdb" ]] || { echo "session-store-bench: PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }

jar() { ls "$1"/target/subito-"$1"-*.jar 2>/dev/null | head -1; }
if [[ -z "$(ls war-deployer/target/subito-war-deployer-*.jar 2>/dev/null)" || -z "$(jar sessions-redis)" \
      || -z "$(jar sessions-jdbc)" || ! -d sessions-jdbc/target/lib || ! -d sessions-redis/target/lib ]]; then
  mvn -q -B -DskipTests -pl war-deployer,sessions-jdbc,sessions-redis -am package >&2
fi

work="$(mktemp -d /tmp/session-store-bench.XXXXXX)"
chmod 755 "$work" # PostgreSQL runs as its own user when we are root
pids=(); pg_started=0
asroot=(); [[ "$(id -u)" = 0 ]] && asroot=(runuser -u postgres --)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ $pg_started = 1 ]] && "${asroot[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the stores
redis_port=$(free_port)
taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" & pids+=($!)
redis_pid=$!
pg_port=$(free_port)
mkdir -p "$work/pg"; [[ ${#asroot[@]} -gt 0 ]] && chown postgres "$work/pg"
"${asroot[@]}" "$pgbin/initdb" -D "$work/pg/data" -U subito --auth=trust -E UTF8 --no-sync >/dev/null
"${asroot[@]}" taskset -c 1 "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o \
    "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
pg_started=1
pg_pid=$(head -1 "$work/pg/data/postmaster.pid")

# the server's home: the counter servlet five times, each app with its store
home="$work/home"
mkdir -p "$home/conf/apps" "$home/src" "$home/lib"
cat > "$home/src/CounterServlet.java" <<'EOF'
import jakarta.servlet.http.*;
import java.io.IOException;
/** /count: reads n from the session and sets n + 1 (or, in the app "plain", touches no session). */
public class CounterServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("text/plain");
        if (req.getContextPath().equals("/plain")) {
            res.getWriter().print("n=0");
            return;
        }
        HttpSession s = req.getSession();
        Integer n = (Integer) s.getAttribute("n");
        n = n == null ? 1 : n + 1;
        s.setAttribute("n", n);
        res.getWriter().print("n=" + n);
    }
}
EOF
javac -nowarn --release 17 -cp "$(ls war-deployer/target/lib/jakarta.servlet-api-*.jar)" -d "$home/classes" \
    "$home/src/CounterServlet.java"
for app in plain memory file jdbc redis; do
  mkdir -p "$home/webapps/$app/WEB-INF/classes"
  cp "$home/classes/CounterServlet.class" "$home/webapps/$app/WEB-INF/classes/"
  cat > "$home/webapps/$app/WEB-INF/web.xml" <<'EOF'
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
  <servlet><servlet-name>c</servlet-name><servlet-class>CounterServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>c</servlet-name><url-pattern>/count</url-pattern></servlet-mapping>
</web-app>
EOF
done
printf 'sessionStore=memory\n' > "$home/conf/apps/plain.properties"
printf 'sessionStore=memory\n' > "$home/conf/apps/memory.properties"
printf 'sessionStore=file\n' > "$home/conf/apps/file.properties"
printf 'sessionStore=jdbc\nsessionStore.jdbc.url=jdbc:postgresql://127.0.0.1:%s/postgres\nsessionStore.jdbc.user=subito\n' \
    "$pg_port" > "$home/conf/apps/jdbc.properties"
printf 'sessionStore=redis\nsessionStore.redis.uri=redis://127.0.0.1:%s\n' "$redis_port" > "$home/conf/apps/redis.properties"
# the stores as the README installs them
cp "$(jar sessions-redis)" sessions-redis/target/lib/*.jar "$home/lib/"
cp "$(jar sessions-jdbc)" sessions-jdbc/target/lib/*.jar "$home/lib/"
port=$(free_port)
printf 'bind=127.0.0.1\nport=%s\naccessLog=false\n' "$port" > "$home/conf/server.properties"
server_jar="$(ls war-deployer/target/subito-war-deployer-*.jar | grep -v -e -sources -e -tests | head -1)"
taskset -c 0 java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m -cp "$server_jar:war-deployer/target/lib/*:$home/lib/*" \
    io.subito.deploy.Server --home "$home" > "$work/server.out" 2>&1 & pids+=($!)
server_pid=$!
for _ in $(seq 1 600); do grep -qs "^Subito serving" "$work/server.out" && break; sleep 0.1; done
grep '^Subito serving' "$work/server.out" >&2 || { cat "$work/server.out" >&2; exit 1; }

# the Spring Session peer: the same counter as a Spring MVC controller on Tomcat
declare -A ports=() server_pids=()
for app in plain memory file jdbc redis; do ports[$app]=$port; server_pids[$app]=$server_pid; done
if [[ " ${apps[*]} " = *" spring "* ]]; then
  boot="$(sed -n 's:.*<spring-boot.version>\(.*\)</spring-boot.version>.*:\1:p' pom.xml | head -1)"
  mkdir -p "$work/spring/src" "$work/spring/classes"
  cat > "$work/spring/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>spring-session-counter</artifactId><version>1</version>
  <dependencyManagement><dependencies><dependency>
    <groupId>org.springframework.boot</groupId><artifactId>spring-boot-dependencies</artifactId>
    <version>$boot</version><type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-webmvc</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-session-data-redis</artifactId></dependency>
  </dependencies>
</project>
EOF
  (cd "$work/spring" && mvn -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime) >&2 \
    || { echo "session-store-bench: cannot resolve the Spring Session class path" >&2; exit 1; }
  # in a package of its own: @SpringBootApplication scans its package, and the default one is every jar
  mkdir -p "$work/spring/src/bench"
  cat > "$work/spring/src/bench/SessionCounterApp.java" <<'EOF'
package bench;

import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** /count: reads n from the session and sets n + 1, as CounterServlet does. */
@SpringBootApplication
@RestController
public class SessionCounterApp {
    @GetMapping("/count")
    public String count(HttpSession s) {
        Integer n = (Integer) s.getAttribute("n");
        n = n == null ? 1 : n + 1;
        s.setAttribute("n", n);
        return "n=" + n;
    }

    public static void main(String[] args) {
        SpringApplication.run(SessionCounterApp.class, args);
    }
}
EOF
  javac -nowarn --release 17 -cp "$(cat "$work/spring/cp.txt")" -d "$work/spring/classes" "$work/spring/src/bench/SessionCounterApp.java"
  ports[spring]=$(free_port)
  taskset -c 0 java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m -cp "$work/spring/classes:$(cat "$work/spring/cp.txt")" \
      bench.SessionCounterApp --server.port="${ports[spring]}" --server.address=127.0.0.1 --logging.level.root=WARN \
      --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$redis_port" > "$work/spring.out" 2>&1 & pids+=($!)
  server_pids[spring]=$!
  for _ in $(seq 1 1200); do curl -fs -o /dev/null "http://127.0.0.1:${ports[spring]}/count" && break; sleep 0.1; done
  curl -fs -o /dev/null "http://127.0.0.1:${ports[spring]}/count" || { tail -30 "$work/spring.out" >&2; exit 1; }
  echo "Spring Boot $boot on Tomcat with Spring Session Data Redis at http://127.0.0.1:${ports[spring]}/count" >&2
fi
url() { [[ $1 = spring ]] && echo "http://127.0.0.1:${ports[spring]}/count" || echo "http://127.0.0.1:${ports[$1]}/$1/count"; }

# 64 sessions per app, made beforehand; wrk takes the next one's cookie for every request
for app in "${apps[@]}"; do
  {
    echo "local cookies = {"
    for i in $(seq 1 64); do
      c=$(curl -s -o /dev/null -D - "$(url "$app")" | tr -d '\r' \
          | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -1)
      [[ -n "$c" || "$app" = plain ]] || { echo "no session cookie from /$app/count" >&2; exit 1; }
      echo "  \"$c\","
    done
    echo "}"
    cat <<'EOF'
local i = 0
request = function()
  i = i % #cookies + 1
  if cookies[i] == "" then return wrk.format("GET") end
  return wrk.format("GET", nil, { ["Cookie"] = cookies[i] })
end
EOF
  } > "$work/$app.lua"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# PostgreSQL serves each connection in a process of its own: its CPU is the sum over the server's children
pg_ticks() { local t=0 p; for p in $pg_pid $(pgrep -P "$pg_pid"); do t=$((t + $(cpu_ticks "$p" 2>/dev/null || echo 0))); done; echo $t; }
store_ticks() { case $1 in jdbc) pg_ticks ;; redis|spring) cpu_ticks "$redis_pid" ;; *) echo 0 ;; esac; }
hz=$(getconf CLK_TCK)
run() { # app seconds -> "req/s p50 p99 req-per-server-cpu-s req-per-store-cpu-s"
  local app=$1 s=$2 out c0 c1 st0 st1
  c0=$(cpu_ticks "${server_pids[$app]}"); st0=$(store_ticks "$app")
  out=$(taskset -c 1 wrk -t1 -c"$conns" -d"$s"s --latency -s "$work/$app.lua" "$(url "$app")")
  c1=$(cpu_ticks "${server_pids[$app]}"); st1=$(store_ticks "$app")
  echo "$out" | awk -v hz="$hz" -v c="$((c1 - c0))" -v st="$((st1 - st0))" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /requests in/ { n = $1 } /Non-2xx/ { bad = $NF }
    /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.2f %.2f %.0f %s %d\n", rps, p50, p99, (c > 0 ? n * hz / c : 0), (st > 0 ? sprintf("%.0f", n * hz / st) : "-"), bad }'
}

exec 9>/tmp/cpu.lock
flock 9
for app in "${apps[@]}"; do run "$app" "$warm" >/dev/null; done
results="$work/results"
for r in $(seq 1 "$rounds"); do
  for app in "${apps[@]}"; do
    line=$(run "$app" "$secs")
    echo "round $r $app: $line" >&2
    echo "$app $line" >> "$results"
  done
done
flock -u 9
grep -q 'SEVERE\|not saved' "$home/logs/"*.log 2>/dev/null && { echo "the server logged errors:" >&2; grep 'SEVERE\|not saved' "$home/logs/"*.log | head >&2; }

echo
echo "medians of $rounds rounds, ${secs} s each, $conns connections, 64 sessions per app"
printf '%-8s %10s %9s %9s %16s %15s %8s\n' store 'req/s' 'p50 ms' 'p99 ms' 'req/server-CPU-s' 'req/store-CPU-s' non-2xx
median() { sort -g | awk '{ v[NR] = $1 } END { if (v[1] == "-") print "-"; else print (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'; }
for app in "${apps[@]}"; do
  m=()
  for col in 2 3 4 5 6 7; do m+=("$(grep "^$app " "$results" | cut -d' ' -f$col | median)"); done
  printf '%-8s %10.0f %9.2f %9.2f %16.0f %15s %8.0f\n' "$app" "${m[@]}"
done
