# Sourced by the scripts that hold thousands of connections against bin/bench-server.sh servlet
# (idle-memory.sh, faults-scale.sh): the descriptor limit, the server's configuration, starting
# and waiting for it, and stopping by PID everything they started. Not a script of its own.

# raise_fd_limit WHO N: the soft descriptor limit up to the hard one when N connections (plus
# the server's own 1024) would not fit; exits with a message naming WHO when even that is short.
raise_fd_limit() {
  local who=$1 need=$(($2 + 1024))
  if [[ "$(ulimit -n)" != unlimited ]] && (( $(ulimit -n) < need )); then
    ulimit -n "$(ulimit -Hn)" || true
  fi
  if [[ "$(ulimit -n)" != unlimited ]] && (( $(ulimit -n) < need )); then
    echo "$who: ulimit -n is $(ulimit -n) (hard $(ulimit -Hn)); $need are needed for $2 connections" >&2
    exit 1
  fi
}

# compile_if_missing CLASS: the benchmarks module (and what it needs) compiled unless CLASS is there.
compile_if_missing() {
  if [[ ! -f "benchmarks/target/classes/io/subito/bench/load/$1.class" ]]; then
    mvn -q -B -o -DskipTests -pl benchmarks,servlet-bridge -am compile >&2
  fi
}

# Every process started is added to pids; on exit they are stopped by PID, and waited for.
pids=()
stop_started() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop_started EXIT

# held_config FILE N: room for N held connections, none reaped while the measurement runs.
held_config() {
  printf 'maxConnections=%d\nkeepAliveTimeoutMillis=600000\n' $(($2 + 2000)) >"$1"
}

# await_server PORT|URL PID LOG [CURL_OPTION...]: until GET /plaintext (or URL) answers; exits with
# the server's log if it died.
await_server() {
  local url=$1 pid=$2 log=$3
  shift 3
  [[ $url == http* ]] || url="http://127.0.0.1:$url/plaintext"
  for _ in $(seq 1 240); do
    curl -sf "$@" "$url" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the server did not start:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.5
  done
}
