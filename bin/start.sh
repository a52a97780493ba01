#!/usr/bin/env bash
# Starts Subito: serves the WARs and exploded apps of webapps/ (see conf/server.properties).
#
#   bin/start.sh [--foreground] [--port N] [--webapps DIR]
#
# Builds the server first if it has not been built (needs Maven 3.8+ and JDK 17+).
# In the background (the default) it writes logs/subito.pid and logs/console.out, waits until
# the server is listening, and prints its URL and startup time; bin/stop.sh stops it.
# --foreground runs it in this terminal (Ctrl-C stops it gracefully).
# JAVA_OPTS adds JVM options, e.g. JAVA_OPTS="-Xmx512m". Starts after the first map a class-data
# archive the first one wrote (AppCDS, in war-deployer/target); SUBITO_CDS=off starts without it.
set -euo pipefail

usage() { sed -n '4,11p' "$0" | sed 's/^# \{0,1\}//'; }

foreground=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --foreground) foreground=1 ;;
    --port) [ $# -ge 2 ] || { echo "start.sh: --port needs a value" >&2; exit 2; }
            args+=(--port "$2"); shift ;;
    --webapps) [ $# -ge 2 ] || { echo "start.sh: --webapps needs a directory" >&2; exit 2; }
            # relative to where the user is, not to the server's home
            mkdir -p "$2"; args+=(--webapps "$(cd "$2" && pwd)"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "start.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
pidfile="$home/logs/subito.pid"
console="$home/logs/console.out"
mkdir -p logs

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "start.sh: no java found (install JDK 17+ or set JAVA_HOME)" >&2; exit 1
fi

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "Subito is already running (pid $(cat "$pidfile")); bin/stop.sh stops it." >&2
  exit 1
fi

server_jar() { ls war-deployer/target/subito-war-deployer-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -1; }
# target/lib is the server's runtime class path; it holds the jsp module and Jasper once built,
# and the Jakarta WebSocket API that Jakarta Faces apps need at start
jsp_jar() { ls war-deployer/target/lib/subito-jsp-*.jar 2>/dev/null | head -1; }
websocket_jar() { ls war-deployer/target/lib/jakarta.websocket-api-*.jar 2>/dev/null | head -1; }
if [ -z "$(server_jar)" ] || [ ! -d war-deployer/target/lib ] || [ -z "$(jsp_jar)" ] || [ -z "$(websocket_jar)" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "start.sh: Subito is not built yet and Maven (mvn, 3.8+) is not installed to build it" >&2; exit 1
  fi
  echo "Building Subito (first start; takes a minute)..."
  mvn -q -B -DskipTests -pl war-deployer,demo-app -am package
fi
# lib/ holds optional modules and their jars, such as the jdbc and redis session stores (README, Sessions)
mkdir -p lib
classpath="$(server_jar):war-deployer/target/lib/*:lib/*"

# Class-data sharing (AppCDS) for the server's own classes and the JDK classes it uses: a start
# with no archive for this JVM and these jars records one when it exits (-XX:ArchiveClassesAtExit);
# later starts map it instead of loading and verifying those classes again (less CPU and time to
# start; docs/BENCHMARKS.md). The archive is kept beside the jars, named by a checksum of the JVM's
# path and the jars' names, sizes and times (what the JVM itself checks), so a rebuilt jar or
# another JVM gets a new one. SUBITO_CDS=off, or a -Xshare / SharedArchiveFile option in
# JAVA_OPTS, leaves it out.
cds_opts() { # pid-of-the-JVM
  case "${SUBITO_CDS:-on} ${JAVA_OPTS:-}" in off*|*-Xshare*|*SharedArchive*|*ArchiveClassesAtExit*) return ;; esac
  local key archive tmp
  key="$( { readlink -f "$(command -v "$java")"
            ls -lL --time-style=+%s "$(server_jar)" war-deployer/target/lib/*.jar lib/*.jar 2>/dev/null \
              || ls -lL "$(server_jar)" war-deployer/target/lib/*.jar lib/*.jar 2>/dev/null; } | cksum | cut -d' ' -f1)"
  archive="war-deployer/target/subito-cds-$key.jsa"
  # an archive is written under a temporary name; once its JVM has exited it is complete
  for tmp in "$archive".tmp-*; do
    if [ -f "$tmp" ] && ! kill -0 "${tmp##*-}" 2>/dev/null; then mv -f "$tmp" "$archive"; fi
  done
  # the JVM's notes on classes it cannot archive (ASM's Java 5 class files, ...) are not news
  if [ -f "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off,cds+dynamic=off"
  else
    find war-deployer/target -maxdepth 1 -name 'subito-cds-*.jsa' -delete # for older jars or JVMs
    echo "-XX:ArchiveClassesAtExit=$archive.tmp-$1 -Xlog:cds=off,cds+dynamic=off"
  fi
}
# Replaces the calling (sub)shell with the JVM, which so keeps its pid.
run_server() {
  local pid="$BASHPID" # here, not inside $(...), which is a process of its own
  exec "$java" ${JAVA_OPTS:-} $(cds_opts "$pid") -Dsubito.home="$home" -cp "$classpath" io.subito.deploy.Server \
      --home "$home" ${args[@]+"${args[@]}"}
}

if [ "$foreground" = 1 ]; then
  run_server
fi

start_offset=$( [ -f "$console" ] && wc -c < "$console" || echo 0 )
# as nohup would: SIGHUP stays ignored across the exec, so closing the terminal leaves it running
( trap '' HUP; run_server ) >> "$console" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$pidfile"

# wait for the "Subito serving ..." line, or for the process to give up
for _ in $(seq 1 600); do
  line="$(tail -c +"$((start_offset + 1))" "$console" | grep -m1 '^Subito serving' || true)"
  if [ -n "$line" ]; then
    echo "$line"
    echo "pid $pid; logs in $home/logs; stop with bin/stop.sh"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    rc=0; wait "$pid" || rc=$?
    rm -f "$pidfile"
    echo "Subito did not start:" >&2
    tail -c +"$((start_offset + 1))" "$console" | tail -20 >&2
    exit "$(( rc == 0 ? 1 : rc ))"
  fi
  sleep 0.1
done
echo "Subito (pid $pid) has not reported being ready after 60 s; see $console" >&2
exit 1
