#!/usr/bin/env bash
# Stops the Subito started by bin/start.sh, gracefully: the server stops accepting, lets
# in-flight requests finish (shutdownGraceMillis), stops every app, then exits.
#
#   bin/stop.sh [--timeout SECONDS]     (default 30; after it the process is killed)
set -euo pipefail

timeout=30
if [ "${1:-}" = "--timeout" ] && [ -n "${2:-}" ]; then timeout="$2"; fi

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pidfile="$home/logs/subito.pid"

if [ ! -f "$pidfile" ]; then
  echo "Subito is not running (no $pidfile)."
  exit 0
fi
pid="$(cat "$pidfile")"
# the pid may have been reused by another program since: only signal our server
command_of() { ps -p "$1" -o args= 2>/dev/null || tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true; }
if ! kill -0 "$pid" 2>/dev/null || ! command_of "$pid" | grep -q 'io.subito.deploy.Server'; then
  echo "Subito is not running (stale pid file removed)."
  rm -f "$pidfile"
  exit 0
fi

kill -TERM "$pid"
for _ in $(seq 1 $((timeout * 10))); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    echo "Subito stopped (pid $pid)."
    exit 0
  fi
  sleep 0.1
done
echo "Subito (pid $pid) did not stop within ${timeout} s; killing it." >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
exit 1
