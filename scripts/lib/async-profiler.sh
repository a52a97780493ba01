# Sourced by the profiling scripts (tls-profile.sh, ws-echo-profile.sh). Not a script of its own.

# async_profiler_lib DIR: prints the path of libasyncProfiler.so: $ASYNC_PROFILER when set, else the
# one in Maven Central's tools.profiler:async-profiler:3.0:linux-x64 jar (fetched by
# mvn dependency:get when missing), unpacked into DIR.
async_profiler_lib() {
  if [[ -n "${ASYNC_PROFILER:-}" ]]; then
    echo "$ASYNC_PROFILER"; return
  fi
  local jar="$HOME/.m2/repository/tools/profiler/async-profiler/3.0/async-profiler-3.0-linux-x64.jar"
  [[ -f "$jar" ]] || mvn -q -B dependency:get -Dartifact=tools.profiler:async-profiler:3.0:jar:linux-x64 >&2
  (cd "$1" && unzip -o -q "$jar" 'linux-x64/*')
  echo "$1/linux-x64/libasyncProfiler.so"
}
