#!/usr/bin/env bash
# Writes a Spring MVC WAR with no web.xml, started only by a WebApplicationInitializer:
#
#   benchmarks/startup/spring-mvc-war.sh OUT.war
#
# It is the WAR war-deployer's FrameworkWarsTest deploys, packed from the same parts rather than
# from a copy of them: the fixture classes org.example.spring.* (war-deployer/target/test-classes)
# and the Spring jars the war-deployer build copies from Maven Central to target/test-wars/spring.
# Build those first: mvn -B -pl war-deployer -am package -DskipTests
# Served at /NAME/greeting/{name} -> "Hello {name} from Spring MVC". Needs no network at run time.
set -euo pipefail

out="${1:?usage: spring-mvc-war.sh OUT.war}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
classes="$root/war-deployer/target/test-classes/org/example/spring"
libs="$root/war-deployer/target/test-wars/spring"
if [ ! -d "$classes" ] || ! ls "$libs"/*.jar >/dev/null 2>&1; then
  echo "spring-mvc-war.sh: build war-deployer first (mvn -B -pl war-deployer -am package -DskipTests)" >&2
  exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/WEB-INF/classes/org/example/spring" "$stage/WEB-INF/lib"
cp "$classes"/*.class "$stage/WEB-INF/classes/org/example/spring/"
cp "$libs"/*.jar "$stage/WEB-INF/lib/"
mkdir -p "$(dirname "$out")"
rm -f "$out"
jar="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
(cd "$stage" && "$jar" --create --file "$(cd "$(dirname "$out")" && pwd)/$(basename "$out")" --no-manifest .)
