#!/usr/bin/env bash
# Stops the Subito of this instance (SUBITO_BASE, default: the installation itself), gracefully:
# the server stops accepting, lets in-flight requests finish (shutdownGraceMillis), stops every
# app, then exits.
#
#   bin/stop.sh [--timeout SECONDS]   stop it (default 30 s; after that the process is killed)
#   bin/stop.sh status                is it running? (as bin/start.sh status: exit 0; 3 when not)
#   bin/stop.sh --version             print Subito's and Java's versions and exit
#   bin/stop.sh --help                print this and exit
#
# Exit codes: 0 stopped (or was not running); 1 had to be killed; 2 usage.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { subito_usage "${BASH_SOURCE[0]}"; }

timeout=30
command=stop
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "stop.sh: --timeout needs a number of seconds" >&2; usage >&2; exit 2; }
      timeout="$2"; shift ;;
    status) command=status ;;
    --version) command=version ;;
    -h|--help) usage; exit 0 ;;
    *) echo "stop.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

subito_locate
case "$command" in
  status) subito_status; exit $? ;;
  version) subito_run_command --version ;;
esac

if ! pid="$(subito_running_pid)"; then
  if [ -f "$pidfile" ]; then
    echo "Subito is not running (stale pid file removed)."
    rm -f "$pidfile"
  else
    echo "Subito is not running (instance $SUBITO_BASE)."
  fi
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
rm -f "$pidfile" "$statusfile"
exit 1
