# Sourced by bin/start.sh and bin/stop.sh (not run on its own): where the installation and the
# instance are, the Java to run, the server's class path, and what `status` reports.
#
# SUBITO_HOME  the installation: bin/ and lib/ (default: the directory above this script).
# SUBITO_BASE  one instance of it: conf/, webapps/, logs/, work/ (default: SUBITO_HOME).
# As Tomcat's CATALINA_HOME and CATALINA_BASE: one installation runs several instances, each
# started with its own SUBITO_BASE.

subito_die() { # exit-code message
  echo "$(basename "$0"): $2" >&2
  exit "$1"
}

# The installation, the instance, and what the scripts keep in the instance.
subito_locate() {
  SUBITO_HOME="${SUBITO_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
  [ -d "$SUBITO_HOME" ] || subito_die 2 "SUBITO_HOME=$SUBITO_HOME is not a directory"
  SUBITO_HOME="$(cd "$SUBITO_HOME" && pwd)"
  SUBITO_BASE="${SUBITO_BASE:-$SUBITO_HOME}"
  [ -d "$SUBITO_BASE" ] || subito_die 2 "SUBITO_BASE=$SUBITO_BASE is not a directory"
  SUBITO_BASE="$(cd "$SUBITO_BASE" && pwd)"
  pidfile="$SUBITO_BASE/logs/subito.pid"
  statusfile="$SUBITO_BASE/logs/subito.status"
  console="$SUBITO_BASE/logs/console.out"
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

# The feature version of the Java that runs the server (17, 25, ...), from the release file of
# its home; empty when that file is not there.
subito_java_version() {
  local home
  home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true
}

subito_need_java() {
  command -v "$java" >/dev/null 2>&1 || subito_die 1 "no java found (install a JRE 17+ or set JAVA_HOME)"
}

# A binary distribution has the server's jars in lib/; anything else is a source checkout,
# whose jars are in war-deployer/target once built.
subito_is_distribution() { ls "$SUBITO_HOME"/lib/subito-war-deployer-*.jar >/dev/null 2>&1; }

subito_server_jar() {
  if subito_is_distribution; then
    ls "$SUBITO_HOME"/lib/subito-war-deployer-*.jar | head -1
  else
    ls "$SUBITO_HOME"/war-deployer/target/subito-war-deployer-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' -e '-javadoc' | head -1
  fi
}

# The server's runtime class path: lib/ of a distribution, war-deployer/target plus its lib/
# in a checkout (which holds the jsp and websocket modules, Jasper, and the Jakarta WebSocket API that Jakarta
# Faces apps need at start).
subito_lib_dir() {
  if subito_is_distribution; then echo "$SUBITO_HOME/lib"; else echo "$SUBITO_HOME/war-deployer/target/lib"; fi
}

# Builds a source checkout when it has not been built, or (when it is a Maven checkout) when a
# pom.xml or a file under a module's src/main is newer than the last build this script made.
# A distribution is never built: it runs with a JRE alone.
subito_build_if_needed() {
  subito_is_distribution && return 0
  local stamp="$SUBITO_HOME/war-deployer/target/subito-build.stamp" why=""
  local lib; lib="$(subito_lib_dir)"
  if [ -z "$(subito_server_jar)" ] || ! ls "$lib"/subito-jsp-*.jar "$lib"/subito-websocket-*.jar >/dev/null 2>&1 \
      || ! ls "$lib"/jakarta.websocket-api-*.jar >/dev/null 2>&1; then
    why="not built yet"
  elif [ -f "$SUBITO_HOME/pom.xml" ]; then
    if [ ! -f "$stamp" ]; then
      why="not built by this script yet"
    else
      local changed
      changed="$(find "$SUBITO_HOME/pom.xml" "$SUBITO_HOME"/*/pom.xml "$SUBITO_HOME"/*/src/main \
                   -newer "$stamp" -type f -print -quit 2>/dev/null || true)"
      [ -z "$changed" ] || why="${changed#"$SUBITO_HOME"/} changed since the last build"
    fi
  fi
  [ -n "$why" ] || return 0
  [ -f "$SUBITO_HOME/pom.xml" ] || subito_die 1 "no server jars in $SUBITO_HOME (neither lib/ of a distribution nor a built checkout)"
  command -v mvn >/dev/null 2>&1 \
    || subito_die 1 "Subito needs building ($why) and Maven (mvn, 3.8+) is not installed to build it"
  echo "Building Subito ($why)..." >&2
  local started; started="$(mktemp)" # its time is the build's start: a file edited during the build is newer
  if ! (cd "$SUBITO_HOME" && mvn -q -B -DskipTests -pl war-deployer,demo-app -am package >&2); then
    rm -f "$started"
    subito_die 1 "the build failed (see Maven's output above)"
  fi
  mv -f "$started" "$stamp"
  # the demo goes into the checkout's webapps/ only where the operator has no root app of their own
  local webapps="$SUBITO_HOME/webapps" demo="$SUBITO_HOME/demo-app/target/ROOT.war"
  if [ -f "$demo" ] && [ ! -e "$webapps/ROOT.war" ] && [ ! -e "$webapps/ROOT" ]; then
    mkdir -p "$webapps" && cp "$demo" "$webapps/ROOT.war"
  fi
}

# lib/ of a checkout holds optional modules and their jars, such as the jdbc and redis session
# stores (README, Sessions); a distribution's lib/ is the server's own and takes them as well
subito_classpath() {
  if subito_is_distribution; then echo "$(subito_server_jar):$(subito_lib_dir)/*"
  else echo "$(subito_server_jar):$(subito_lib_dir)/*:$SUBITO_HOME/lib/*"; fi
}

# Runs the server main for a command that prints and exits (--version, --check-config).
subito_run_command() {
  subito_need_java
  subito_build_if_needed
  # shellcheck disable=SC2086
  exec "$java" ${JAVA_OPTS:-} -Dsubito.home="$SUBITO_HOME" -Dsubito.base="$SUBITO_BASE" \
      -cp "$(subito_classpath)" io.subito.deploy.Server --base "$SUBITO_BASE" "$@"
}

# The command line of a process, to tell our server from another program that got its pid.
subito_command_of() { ps -p "$1" -o args= 2>/dev/null || tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true; }

# The pid of this instance's running server (from the pid file bin/start.sh writes, or from the
# status file the server writes itself when started in the foreground), or nothing.
subito_running_pid() {
  local pid f
  for f in "$pidfile" "$statusfile"; do
    [ -f "$f" ] || continue
    pid="$(sed -n 's/^pid=//p; /^[0-9][0-9]*$/p' "$f" | head -1)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && subito_command_of "$pid" | grep -q 'io.subito.deploy.Server'; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# `status`: exit 0 and pid, port, URL and apps when running; exit 3 when not (as LSB init scripts).
subito_status() {
  local pid
  if ! pid="$(subito_running_pid)"; then
    echo "Subito is not running (instance $SUBITO_BASE)."
    return 3
  fi
  if [ -f "$statusfile" ] && [ "$(sed -n 's/^pid=//p' "$statusfile")" = "$pid" ]; then
    local field
    field() { sed -n "s/^$1=//p" "$statusfile"; }
    echo "Subito is running: pid $pid, port $(field port), $(field url)"
    echo "apps: $(field apps)"
    [ -z "$(field failed)" ] || echo "failed to deploy: $(field failed)"
  else
    echo "Subito is starting: pid $pid (not serving yet)"
  fi
  echo "instance: $SUBITO_BASE"
  return 0
}

# Prints the comment block at the top of a script (from its second line to the first line that
# is not a comment), without the '# '.
subito_usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"; }
