#!/usr/bin/env bash
# Starts Subito: serves the WARs and exploded apps of webapps/ (see conf/server.properties).
#
#   bin/start.sh [--foreground] [--port N] [--webapps DIR]   start the server
#   bin/start.sh status           is it running? pid, port, URL and apps (exit 0; 3 when not running)
#   bin/start.sh --check-config   validate conf/ (with the overrides below) and exit: 0 valid, 2 not
#   bin/start.sh --version        print Subito's and Java's versions and exit
#   bin/start.sh --help           print this and exit
#
# In the background (the default) it writes logs/subito.pid and logs/console.out (what is printed;
# the log records are in logs/subito.0.log), waits until the server serves, and prints its URL
# and startup time; bin/stop.sh stops it.
# --foreground runs it in this terminal (Ctrl-C stops it gracefully).
# SUBITO_HOME is the installation (bin/, lib/; default: the directory above bin/), SUBITO_BASE
# the instance (conf/, webapps/, logs/, work/; default: SUBITO_HOME): one installation runs
# several instances, each with its own SUBITO_BASE.
# Every key of conf/server.properties can be overridden: JAVA_OPTS="-Dsubito.KEY=VALUE" comes
# first, then the environment variable SUBITO_KEY (upper case, dots as underscores), then the
# file; --port and --webapps come before all three. JAVA_OPTS also takes JVM options ("-Xmx512m").
# In a source checkout the server is built first (Maven 3.8+) when it is not built or when its
# sources changed since the last build; a binary distribution needs a JRE 17+ only.
# Starts after the first map a class-data archive the first one wrote (AppCDS, beside the jars
# when that directory is writable); SUBITO_CDS=off starts without it.
# Exit codes: 0 started; 1 cannot start; 2 bad configuration or usage; 3 port in use.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { subito_usage "${BASH_SOURCE[0]}"; }

foreground=0
command=start
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --foreground) foreground=1 ;;
    --port) [ $# -ge 2 ] || { echo "start.sh: --port needs a value" >&2; usage >&2; exit 2; }
            args+=(--port "$2"); shift ;;
    --webapps) [ $# -ge 2 ] || { echo "start.sh: --webapps needs a directory" >&2; usage >&2; exit 2; }
            # relative to where the user is, not to the server's home
            mkdir -p "$2"; args+=(--webapps "$(cd "$2" && pwd)"); shift ;;
    status) command=status ;;
    --check-config) command=check-config ;;
    --version) command=version ;;
    -h|--help) usage; exit 0 ;;
    *) echo "start.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

subito_locate
home="$SUBITO_HOME"
case "$command" in
  status) subito_status; exit $? ;;
  version) subito_run_command --version ;;
  check-config) subito_run_command --check-config ${args[@]+"${args[@]}"} ;;
esac

cd "$SUBITO_BASE"
mkdir -p logs
subito_need_java

if pid="$(subito_running_pid)"; then
  echo "Subito is already running (pid $pid); bin/stop.sh stops it." >&2
  exit 1
fi

subito_build_if_needed
classpath="$(subito_classpath)"

# Class-data sharing (AppCDS) for the server's own classes and the JDK classes it uses: a start
# with no archive for this JVM and these jars records one when it exits (-XX:ArchiveClassesAtExit);
# later starts map it instead of loading and verifying those classes again (less CPU and time to
# start; docs/BENCHMARKS.md). The archive is kept beside the jars, named by a checksum of the JVM's
# path and the jars' names, sizes and times (what the JVM itself checks), so a rebuilt jar or
# another JVM gets a new one; all instances of one installation share it. SUBITO_CDS=off, a
# -Xshare / SharedArchiveFile option in JAVA_OPTS, or a read-only installation leaves it out.
cds_opts() { # pid-of-the-JVM
  case "${SUBITO_CDS:-on} ${JAVA_OPTS:-}" in off*|*-Xshare*|*SharedArchive*|*ArchiveClassesAtExit*) return ;; esac
  local dir key archive tmp jvm_home
  dir="$(dirname "$(subito_server_jar)")"
  [ -w "$dir" ] || return 0
  # A dynamic archive extends the JVM's base archive (lib/server/classes.jsa), which a runtime made
  # by jlink has only when made with --generate-cds-archive: without it the JVM would not start.
  jvm_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
  ls "$jvm_home"/lib/*/classes*.jsa >/dev/null 2>&1 || return 0
  key="$( { readlink -f "$(command -v "$java")"
            ls -lL --time-style=+%s "$(subito_server_jar)" "$(subito_lib_dir)"/*.jar 2>/dev/null \
              || ls -lL "$(subito_server_jar)" "$(subito_lib_dir)"/*.jar; } | cksum | cut -d' ' -f1)"
  archive="$dir/subito-cds-$key.jsa"
  # an archive is written under a temporary name; once its JVM has exited it is complete
  for tmp in "$archive".tmp-*; do
    if [ -f "$tmp" ] && ! kill -0 "${tmp##*-}" 2>/dev/null; then mv -f "$tmp" "$archive"; fi
  done
  # the JVM's notes on classes it cannot archive (ASM's Java 5 class files, ...) are not news
  if [ -f "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off,cds+dynamic=off"
  else
    find "$dir" -maxdepth 1 -name 'subito-cds-*.jsa' -delete # for older jars or JVMs
    echo "-XX:ArchiveClassesAtExit=$archive.tmp-$1 -Xlog:cds=off,cds+dynamic=off"
  fi
}
# JCTools (the engine's lock-free queues) uses sun.misc.Unsafe, which Java 24+ warns about at every
# start unless it is allowed (the option exists from Java 23); a JAVA_OPTS that names it decides.
unsafe_opts() {
  case "${JAVA_OPTS:-}" in *--sun-misc-unsafe-memory-access*) return 0 ;; esac
  local v; v="$(subito_java_version)"
  if [ -n "$v" ] && [ "$v" -ge 23 ]; then echo "--sun-misc-unsafe-memory-access=allow"; fi
}
# Replaces the calling (sub)shell with the JVM, which so keeps its pid.
run_server() {
  local pid="$BASHPID" # here, not inside $(...), which is a process of its own
  exec "$java" ${JAVA_OPTS:-} $(unsafe_opts) $(cds_opts "$pid") -Dsubito.home="$home" -Dsubito.base="$SUBITO_BASE" \
      -cp "$classpath" io.subito.deploy.Server --base "$SUBITO_BASE" --status-file "$statusfile" \
      ${args[@]+"${args[@]}"}
}

if [ "$foreground" = 1 ]; then
  run_server
fi

# logs/console.out holds what is printed (the banner, an app's System.out, the JVM's own
# messages), not the log records, which are in logs/subito.N.log; kept small: over 5 MB at a
# start, it becomes console.out.1 (the one before is dropped)
if [ -f "$console" ] && [ "$(wc -c < "$console")" -gt $((5 * 1024 * 1024)) ]; then
  mv -f "$console" "$console.1"
fi
args+=(--no-console-log)
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
    echo "pid $pid; logs in $SUBITO_BASE/logs; stop with bin/stop.sh"
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
