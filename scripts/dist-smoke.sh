#!/usr/bin/env bash
# The binary distribution on a machine with a JRE only: no Maven, no JDK tools, no source checkout.
# Unpacks subito-VERSION.tar.gz into a temporary directory and runs its bin/ scripts with
# JAVA_HOME set to a JRE made by jlink (java.se and the JDK modules a JRE ships that the server
# uses; no compiler, no jar, jps or jcmd) and a PATH from which every JDK tool, java itself and
# Maven are removed. It checks, with the scripts' exit codes:
#   1. --version and --check-config;
#   2. a start: the banner, logs/ and work/ made at first start, the demo app answering;
#   3. a WAR dropped into webapps/ while running (a JSP, compiled on the JRE) is served;
#   4. status, a second start refused (already running), bin/stop.sh stopping it;
#   (1-4 on a JRE without a base class-data archive, as jlink makes one by default; 5-6 on one with
#   it, where bin/start.sh writes the server's own class-data archive into lib/ and maps it later)
#   5. two instances of the one installation (SUBITO_BASE) on two ports, side by side, and a
#      third on a port in use refused with exit 3;
#   6. four real WARs in webapps/ at start (the demo, Spring MVC, Jersey, Jakarta Faces with
#      Weld), each polled from before bin/start.sh until after its banner: only "no connection",
#      503 with Retry-After (before the banner) or the page itself, never a 404.
#
# usage: scripts/dist-smoke.sh [TARBALL]
#   TARBALL   default distribution/target/subito-*.tar.gz, made by
#             mvn -B -pl distribution -am package -DskipTests   (which also compiles the classes and
#             copies the jars of check 6's framework WARs: war-deployer/target/test-classes, test-wars)
#   JDK       the JDK whose jlink makes the JRE (default: the one of javac on the PATH); the JREs
#             are kept in target/dist-smoke/jre-* and reused.
# Exit 0 when every check passed; on a failure it names the check and prints the instance's logs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/dist-smoke"
mkdir -p "$out"

say() { printf 'dist-smoke: %s\n' "$*"; }
shown_base="" # the instance whose logs a failure shows
show_logs() {
  [ -n "$shown_base" ] && [ -d "$shown_base/logs" ] || return 0
  local f
  for f in "$shown_base"/logs/console.out "$shown_base"/logs/subito.0.log; do
    [ -f "$f" ] && { echo "--- $f (last 40 lines)"; tail -40 "$f"; }
  done
}
fail() { printf 'dist-smoke: FAILED: %s\n' "$*" >&2; show_logs >&2; exit 1; }

# --- what is tested: the tarball, and a JRE made from a JDK ---------------------------------------
tarball="${1:-}"
if [ -z "$tarball" ]; then
  tarball="$(ls "$root"/distribution/target/subito-*.tar.gz 2>/dev/null | head -1 || true)"
fi
[ -f "$tarball" ] || { echo "dist-smoke: no distribution tarball; build it with: mvn -B -pl distribution -am package -DskipTests" >&2; exit 2; }

jdk="${JDK:-}"
if [ -z "$jdk" ]; then
  javac_path="$(command -v javac || true)"
  [ -n "$javac_path" ] || { echo "dist-smoke: no JDK (javac) on the PATH to make a JRE with; set JDK=<a JDK 17+ home>" >&2; exit 2; }
  jdk="$(dirname "$(dirname "$(readlink -f "$javac_path")")")"
fi
[ -x "$jdk/bin/jlink" ] || { echo "dist-smoke: $jdk has no bin/jlink; set JDK=<a JDK 17+ home with jmods>" >&2; exit 2; }
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
# Java SE and the runtime modules of a JRE (as Temurin's) that a server may use: sun.misc.Unsafe
# (JCTools), EC keys for TLS, more charsets, locale data, the zip file system, JMX for jconsole.
# `jdeps --print-module-deps` over lib/ asks for java.base, java.compiler, java.desktop,
# java.instrument, java.management, java.naming, java.scripting, java.sql and jdk.unsupported,
# all of them here. Left out, as a JRE leaves them out: jdk.compiler, jdk.jartool, jdk.jcmd, jdk.jlink.
# With the JVM's base class-data archive, as a JRE distribution has it (bin/start.sh then keeps
# an AppCDS archive of the server in lib/); and a copy without it, as jlink makes a runtime by
# default, on which the JVM refuses -XX:ArchiveClassesAtExit (bin/start.sh then leaves it out).
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.management,jdk.management.agent
jre="$out/jre-$jdk_version-$(echo "$modules cds" | cksum | cut -d' ' -f1)"
jre_no_cds="$jre-no-cds"
if [ ! -x "$jre/bin/java" ] || [ ! -x "$jre_no_cds/bin/java" ]; then
  rm -rf "$out"/jre-* # made from another JDK or with other modules
  say "making a JRE with $jdk/bin/jlink"
  "$jdk/bin/jlink" --add-modules "$modules" --generate-cds-archive --strip-debug --no-header-files \
      --no-man-pages --output "$jre.tmp"
  cp -r "$jre.tmp" "$jre_no_cds.tmp" && rm -f "$jre_no_cds.tmp"/lib/server/classes*.jsa
  mv "$jre.tmp" "$jre" && mv "$jre_no_cds.tmp" "$jre_no_cds"
fi
for tool in javac jar jps jcmd jlink; do
  [ ! -e "$jre/bin/$tool" ] || fail "the JRE has $tool"
done
ls "$jre"/lib/server/classes*.jsa >/dev/null 2>&1 || fail "jlink made no base class-data archive in $jre"

# A PATH of the system's tools without Maven, java and the JDK's tools: a directory of links to
# every command on the PATH except those.
plain_bin="$out/plain-bin"
rm -rf "$plain_bin" && mkdir -p "$plain_bin"
IFS=: read -r -a path_dirs <<< "$PATH"
for d in "${path_dirs[@]}"; do
  [ -d "$d" ] || continue
  files=("$d"/*)
  [ -e "${files[0]}" ] || continue
  mapfile -t targets < <(readlink -f -- "${files[@]}") # one process per directory, not per file
  for i in "${!files[@]}"; do
    f="${files[$i]}"; name="${f##*/}"
    [ -x "$f" ] && [ ! -d "$f" ] && [ ! -e "$plain_bin/$name" ] || continue
    case "$name" in mvn|mvnw|mvnDebug|ant|gradle|java|javac|jar|jps|jcmd|jlink|jdeps|jshell|jstack|jmap|jinfo) continue ;; esac
    case "${targets[$i]}" in */jvm/*|*/jdk*/bin/*|*/maven*/bin/*) continue ;; esac
    ln -s "$f" "$plain_bin/$name"
  done
done
for tool in mvn java javac jar jps jcmd; do
  [ ! -e "$plain_bin/$tool" ] || fail "$tool is still on the PATH given to the scripts"
done

# --- an installation, and instances of it ----------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/subito-dist-smoke.XXXXXX")"
started_bases=()
cleanup() { # servers still running after a failure: stopped by their pid, then the files removed
  local base pid
  [ -n "${poll_pids:-}" ] && kill $poll_pids 2>/dev/null || true
  for base in "${started_bases[@]+"${started_bases[@]}"}"; do
    [ -f "$base/logs/subito.pid" ] || continue
    pid="$(cat "$base/logs/subito.pid")"
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

tar -xzf "$tarball" -C "$work"
home="$(ls -d "$work"/subito-*/)"
home="${home%/}"
say "testing $(basename "$tarball") with $("$jre/bin/java" -version 2>&1 | head -1) (a jlink JRE), no Maven or JDK on the PATH"

# Runs an installed script as an operator's shell would: nothing of this shell's environment but
# HOME, the plain PATH and JAVA_HOME (= $java_home), plus the NAME=VALUE pairs before the script.
# Output to $work/last.out; the exit code is returned.
run() {
  local envs=()
  while [[ "$1" == *=* ]]; do envs+=("$1"); shift; done
  local rc=0
  env -i HOME="$HOME" PATH="$plain_bin" JAVA_HOME="$java_home" LANG=C.UTF-8 ${envs[@]+"${envs[@]}"} \
      bash "$home/bin/$1" "${@:2}" > "$work/last.out" 2>&1 < /dev/null || rc=$?
  return "$rc"
}
expect() { # exit-code what command...
  local want="$1" what="$2" rc=0
  shift 2
  run "$@" || rc=$?
  [ "$rc" = "$want" ] || { cat "$work/last.out" >&2; fail "$what: exit $rc, expected $want"; }
}
output_has() { # text what
  grep -qF -- "$1" "$work/last.out" || { cat "$work/last.out" >&2; fail "$2: no \"$1\" in the output"; }
}

# A port nothing listens on, below the kernel's range for outgoing connections' local ports (a
# port that a connection of another program holds cannot be bound either).
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
free_port() {
  local p
  while :; do
    p=$((10000 + RANDOM % (ephemeral_low - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$1$2" || true; }
body_of() { curl -s --max-time 30 "http://127.0.0.1:$1$2" || true; }
# An instance: the installation's conf/ and the demo in webapps/, its port in conf/server.properties.
new_instance() { # dir port
  mkdir -p "$1/conf" "$1/webapps"
  cp "$home"/conf/*.properties "$1/conf/"
  printf '\nport=%s\n' "$2" >> "$1/conf/server.properties"
  cp "$home/webapps/ROOT.war" "$1/webapps/"
}
awaits() { # seconds what command... : until the command succeeds
  local seconds="$1" what="$2" deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$what (waited $seconds s)"
    sleep 0.2
  done
}

t0=$SECONDS
java_home="$jre_no_cds"
# 1. commands that start nothing
expect 0 "start.sh --version" start.sh --version
output_has "Subito " "--version"
expect 0 "start.sh --check-config" start.sh --check-config
output_has "configuration OK" "--check-config"
[ ! -e "$home/logs" ] || fail "--check-config made logs/"

# 2. the installation as its own instance (SUBITO_BASE = SUBITO_HOME), on the JRE without a base
#    class-data archive
port="$(free_port)"
shown_base="$home"
started_bases+=("$home")
expect 0 "bin/start.sh" start.sh --port "$port"
output_has "Subito serving http://127.0.0.1:$port/" "the banner"
[ -d "$home/logs" ] && [ -f "$home/logs/subito.pid" ] || fail "no logs/ with the pid file after the first start"
[ -d "$home/work/ROOT" ] || fail "no work/ROOT after the first start"
[ "$(body_of "$port" '/hello?name=JRE' | head -1)" = "Hello, JRE!" ] || fail "the demo app: $(body_of "$port" '/hello?name=JRE')"

# 3. a WAR dropped in while running; its JSP is compiled on the JRE (by the JDT compiler in lib/)
war_src="$work/war-src/jsp"
mkdir -p "$war_src/WEB-INF"
printf '<%%@ page contentType="text/plain" %%>sum=<%%= 40 + 2 %%> on <%%= System.getProperty("java.vm.name") %%>\n' > "$war_src/index.jsp"
(cd "$war_src" && "$jdk/bin/jar" --create --file "$work/dropped.war" .)
cp "$work/dropped.war" "$home/webapps/.dropped.war.tmp" && mv "$home/webapps/.dropped.war.tmp" "$home/webapps/dropped.war"
jsp_served() { [ "$(status_of "$port" /dropped/index.jsp)" = 200 ]; }
awaits 30 "the WAR dropped into webapps/ was not served" jsp_served
body_of "$port" /dropped/index.jsp | grep -q '^sum=42 on ' || fail "the JSP: $(body_of "$port" /dropped/index.jsp)"

# 4. status, a second start, the stop
expect 0 "start.sh status (running)" start.sh status
output_has "Subito is running: pid $(cat "$home/logs/subito.pid"), port $port" "status"
# the server rewrites its status file a moment after the apps change
status_lists_dropped() { run start.sh status && grep -q "^apps: .*/dropped" "$work/last.out"; }
awaits 30 "status does not list the dropped app" status_lists_dropped
expect 1 "a second start of a running instance" start.sh --port "$port"
output_has "already running" "a second start"
pid="$(cat "$home/logs/subito.pid")"
expect 0 "bin/stop.sh" stop.sh
output_has "Subito stopped (pid $pid)" "stop.sh"
! kill -0 "$pid" 2>/dev/null || fail "the server (pid $pid) is still running after stop.sh"
expect 3 "start.sh status (stopped)" start.sh status
grep -q "Subito stopped in" "$home/logs/console.out" || fail "no graceful stop in logs/console.out"
say "one instance: start, demo, dropped WAR with a JSP, status, stop ($((SECONDS - t0)) s)"

# 5. two instances of the one installation, and a third on a port in use; from here on the JRE has
#    its base class-data archive, so the server's own archive is written as the first JVM exits
java_home="$jre"
[ -z "$(ls "$home"/lib/subito-cds-*.jsa* 2>/dev/null)" ] || fail "a class-data archive was written on a JRE without a base archive"
t1=$SECONDS
port_a="$(free_port)"; port_b="$(free_port)"
while [ "$port_b" = "$port_a" ]; do port_b="$(free_port)"; done
for i in a b; do
  p="port_$i"
  new_instance "$work/instance-$i" "${!p}"
  shown_base="$work/instance-$i"
  started_bases+=("$work/instance-$i")
  expect 0 "bin/start.sh of instance $i" SUBITO_BASE="$work/instance-$i" start.sh
  output_has "Subito serving http://127.0.0.1:${!p}/" "the banner of instance $i"
done
for i in a b; do
  p="port_$i"
  [ "$(body_of "${!p}" "/hello?name=$i" | head -1)" = "Hello, $i!" ] || fail "instance $i on port ${!p}"
  [ -d "$work/instance-$i/logs" ] && [ -d "$work/instance-$i/work/ROOT" ] || fail "instance $i has no logs/ or work/"
done
new_instance "$work/instance-c" "$port_a"
shown_base="$work/instance-c"
expect 3 "a start on a port in use" SUBITO_BASE="$work/instance-c" start.sh
for i in a b; do
  shown_base="$work/instance-$i"
  expect 0 "bin/stop.sh of instance $i" SUBITO_BASE="$work/instance-$i" stop.sh
done
[ ! -e "$home/logs/subito.pid" ] || fail "an instance wrote into the installation's logs/"
ls "$home"/lib/subito-cds-*.jsa* >/dev/null 2>&1 || fail "no class-data archive in lib/ after the instances stopped"
say "two instances of one installation, a third on a busy port refused ($((SECONDS - t1)) s)"

# 6. four real WARs deploying at start, polled from before bin/start.sh
t2=$SECONDS
classes="$root/war-deployer/target/test-classes"
libs="$root/war-deployer/target/test-wars"
for d in "$classes/org/example/spring" "$libs/spring" "$libs/jersey" "$libs/faces"; do
  [ -d "$d" ] || { echo "dist-smoke: $d is missing; build with: mvn -B -pl distribution -am package -DskipTests" >&2; exit 2; }
done
war() { # name classes-package libs-dir (files under $work/war-src/NAME already written)
  local src="$work/war-src/$1"
  mkdir -p "$src/WEB-INF/classes/org/example/$2" "$src/WEB-INF/lib"
  cp "$classes/org/example/$2"/*.class "$src/WEB-INF/classes/org/example/$2/"
  cp "$libs/$3"/*.jar "$src/WEB-INF/lib/"
  (cd "$src" && "$jdk/bin/jar" --create --file "$work/instance-four/webapps/$1.war" .)
}
new_instance "$work/instance-four" "$(free_port)"
port4="$(sed -n 's/^port=//p' "$work/instance-four/conf/server.properties" | tail -1)"
war spring spring spring
mkdir -p "$work/war-src/jersey/WEB-INF"
cat > "$work/war-src/jersey/WEB-INF/web.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
  <servlet>
    <servlet-name>jersey</servlet-name>
    <servlet-class>org.glassfish.jersey.servlet.ServletContainer</servlet-class>
    <init-param>
      <param-name>jersey.config.server.provider.classnames</param-name>
      <param-value>org.example.jersey.HelloResource</param-value>
    </init-param>
    <load-on-startup>1</load-on-startup>
  </servlet>
  <servlet-mapping><servlet-name>jersey</servlet-name><url-pattern>/api/*</url-pattern></servlet-mapping>
</web-app>
EOF
war jersey jersey jersey
mkdir -p "$work/war-src/faces/WEB-INF"
cat > "$work/war-src/faces/WEB-INF/beans.xml" <<'EOF'
<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.1" bean-discovery-mode="annotated"/>
EOF
cat > "$work/war-src/faces/WEB-INF/web.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
  <servlet>
    <servlet-name>faces</servlet-name>
    <servlet-class>jakarta.faces.webapp.FacesServlet</servlet-class>
    <load-on-startup>1</load-on-startup>
  </servlet>
  <servlet-mapping><servlet-name>faces</servlet-name><url-pattern>*.xhtml</url-pattern></servlet-mapping>
</web-app>
EOF
cat > "$work/war-src/faces/hello.xhtml" <<'EOF'
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:h="jakarta.faces.html">
  <h:head><title>Faces</title></h:head>
  <h:body><p id="greeting">#{greeter.message}</p></h:body>
</html>
EOF
war faces faces faces

# one poller per app: "<start time ns> <status> <Retry-After>" per request (status 000: no connection)
paths=("/hello?name=four" "/spring/greeting/Ada" "/jersey/api/hello?name=Grace" "/faces/hello.xhtml")
stop_polling="$work/stop-polling"
poll() { # index path
  local log="$work/poll-$1.txt" head="$work/poll-$1.head" t code
  while [ ! -e "$stop_polling" ]; do
    t="$(date +%s%N)"
    code="$(curl -s -o /dev/null -D "$head" -w '%{http_code}' --max-time 20 "http://127.0.0.1:$port4$2" || true)"
    echo "$t $code $(tr -d '\r' < "$head" 2>/dev/null | sed -n 's/^[Rr]etry-[Aa]fter: *//p')" >> "$log"
    : > "$head"
    sleep 0.05
  done
}
poll_pids=""
for i in "${!paths[@]}"; do
  poll "$i" "${paths[$i]}" &
  poll_pids="$poll_pids $!"
done
shown_base="$work/instance-four"
started_bases+=("$work/instance-four")
sleep 0.3 # the pollers knock before the server exists
expect 0 "bin/start.sh with four WARs" SUBITO_BASE="$work/instance-four" start.sh
banner_seen="$(date +%s%N)"
output_has "apps: /, /faces, /jersey, /spring" "the banner lists the four apps"
ps -o args= -p "$(cat "$work/instance-four/logs/subito.pid")" | grep -q -- "-XX:SharedArchiveFile=$home/lib/subito-cds-" \
  || fail "the server does not map the class-data archive the earlier instances wrote"
sleep 1
touch "$stop_polling"
wait $poll_pids 2>/dev/null || true
poll_pids=""
refused=0
for i in "${!paths[@]}"; do
  log="$work/poll-$i.txt"
  while read -r t code retry; do
    case "$code" in
      000) [ "$t" -lt "$banner_seen" ] || fail "${paths[$i]}: no connection after the banner" ;;
      503) [ -n "$retry" ] || fail "${paths[$i]}: 503 without Retry-After"
           [ "$t" -lt "$banner_seen" ] || fail "${paths[$i]}: 503 after the banner"
           refused=$((refused + 1)) ;;
      200) ;;
      *) fail "${paths[$i]} answered $code while the apps were deploying (polls: $(cut -d' ' -f2 "$log" | uniq -c | tr -s ' \n' ' '))" ;;
    esac
  done < "$log"
  [ "$(tail -1 "$log" | cut -d' ' -f2)" = 200 ] || fail "${paths[$i]} was not served after the banner"
done
[ "$refused" -gt 0 ] || fail "no request came while the apps were deploying (nothing was tested); polls: $(cat "$work"/poll-*.txt | wc -l)"
[ "$(body_of "$port4" /spring/greeting/Ada)" = "Hello Ada from Spring MVC" ] || fail "Spring MVC: $(body_of "$port4" /spring/greeting/Ada)"
body_of "$port4" /faces/hello.xhtml | grep -q '<p id="greeting">Hello from Faces and CDI</p>' || fail "Faces: $(body_of "$port4" /faces/hello.xhtml)"
expect 0 "bin/stop.sh of the four-WAR instance" SUBITO_BASE="$work/instance-four" stop.sh
say "four WARs at start: $(cat "$work"/poll-*.txt | wc -l) polls from before the start, $refused answered 503 while deploying, none 404 ($((SECONDS - t2)) s)"
say "all checks passed in $((SECONDS - t0)) s"
