#!/usr/bin/env bash
# bin/bench-server.sh engine|servlet PORT — a benchmark server in the foreground on 127.0.0.1:PORT.
# The JVM is exec'd, so this script's PID is the server's (peer-bench measures it).
# JAVA_HOME and JAVA_OPTS are honoured (peer-bench sets both).
# 'opts' takes the kind from -Dsubito.bench=engine|servlet in JAVA_OPTS, so one peer-bench run can
# hold both as labelled targets: CMD="bin/bench-server.sh opts" run.sh cmd:17:-Dsubito.bench=engine ...
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
what="${1:-}"; port="${2:-}"
if [[ "$what" == opts ]]; then
  what="$(sed -n 's/.*-Dsubito\.bench=\([a-z]*\).*/\1/p' <<<"${JAVA_OPTS:-}")"
fi
if [[ -z "$what" || -z "$port" ]]; then
  echo "usage: bin/bench-server.sh engine|servlet PORT" >&2; exit 2
fi
case "$what" in
  engine)  main=io.subito.bench.server.BenchServer ;;
  servlet) main=io.subito.bench.server.BenchServlets ;;
  *) echo "unknown server '$what': use engine or servlet" >&2; exit 2 ;;
esac
# the bench servers live in the benchmarks module, outside the server's jars
cpfile="$here/benchmarks/target/runtime-classpath.txt"
if [[ ! -f "$cpfile" || ! -d "$here/benchmarks/target/classes/io/subito/bench/server" ]] \
    || ! grep -q subito-websocket "$cpfile"; then
  (cd "$here" && mvn -q -B -DskipTests -pl benchmarks -am package dependency:build-classpath \
     -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt) >&2
fi
# the modules' class directories first, so a recompile is picked up without packaging
cp="$here/benchmarks/target/classes:$here/container/target/classes:$here/servlet-bridge/target/classes:$here/websocket/target/classes:$(cat "$cpfile")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} -cp "$cp" "$main" "$port"
