#!/usr/bin/env bash
# Build and install the Jakarta Servlet TCK 6.1.2 into the local Maven repository (~/.m2).
#
# The TCK is not published on Maven Central; it is built from source:
#   repository : https://github.com/jakartaee/servlet
#   tag        : 6.1.2-RELEASE-tck  (commit 8781209aa2857a73325f07102a80e54c1094e109)
#   folder     : tck/   modules tck-util, tck-runtime (+ parent tck/pom.xml)
#
# Usage: scripts/install-tck.sh /path/to/servlet-checkout     (or TCK_SRC=/path ...)
#   The path may be the repository root (containing tck/) or the tck/ folder itself.
#
# The checkout is never modified: the tck/ folder is copied to a temp dir and patched there.
# Patch applied (the only one needed with Maven 3.8.7 + Maven Central only):
#   tck-runtime/pom.xml: org.jboss.arquillian.junit:arquillian-junit-core has no version
#   (managed by arquillian-bom 1.10.2.Final), but 1.10.2.Final of that artifact is not on
#   Maven Central. It is pinned to 1.10.1.Final (newest on Central). The TCK sources do not
#   import anything from it (they only use org.jboss.arquillian.junit5.ArquillianExtension).
#
# Idempotent: re-running rebuilds and re-installs the same GAVs.
set -euo pipefail

. "$(dirname "$0")/lib/tck-source.sh"
TCK_DIR="$(tck_source_dir "${1:-${TCK_SRC:-}}" \
  "$0 /path/to/jakartaee-servlet-checkout (tag 6.1.2-RELEASE-tck), or set TCK_SRC" \
  tck-runtime "jakartaee/servlet checkout (no tck/pom.xml)")"
if ! grep -q '<version>6.1.2</version>' "$TCK_DIR/pom.xml"; then
  echo "error: $TCK_DIR/pom.xml is not version 6.1.2 (expected tag 6.1.2-RELEASE-tck)" >&2
  exit 2
fi

WORK="$(tck_scratch_copy "$TCK_DIR" tck)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK/tck"

# --- patch: pin arquillian-junit-core (1.10.2.Final is missing from Maven Central) ---
RUNTIME_POM=tck-runtime/pom.xml
if ! grep -q '1.10.1.Final' "$RUNTIME_POM"; then
  python3 - "$RUNTIME_POM" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = "<artifactId>arquillian-junit-core</artifactId>\n        </dependency>"
new = ("<artifactId>arquillian-junit-core</artifactId>\n"
       "            <version>1.10.1.Final</version>\n        </dependency>")
if old in s:
    s = s.replace(old, new, 1)
    open(p, "w", encoding="utf-8").write(s)
    print("patched: arquillian-junit-core pinned to 1.10.1.Final")
else:
    print("note: arquillian-junit-core block not found unversioned; pom left as is")
PY
fi

# --- build + install: parent pom, tck-util, tck-runtime (tck-dist is not needed) ---
# -U: ignore cached "not found" results from earlier failed attempts.
# javadoc/source/gpg plugins of the ee4j parent are only bound in its release profiles,
# which are not active here; the -D flags below make sure they stay off.
mvn -B -U -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dgpg.skip=true \
    -pl tck-util,tck-runtime -am install

REPO="${M2_REPO:-$HOME/.m2/repository}"   # set M2_REPO if your settings.xml moves the local repository
# drop stale "not found" markers left by earlier failed attempts
find "$REPO/jakarta/servlet/tck" -name '*.lastUpdated' -delete 2>/dev/null || true

echo
echo "Installed into $REPO:"
for a in servlet-tck:pom servlet-tck-util:jar servlet-tck-runtime:jar; do
  id="${a%%:*}"; ext="${a##*:}"
  f="$REPO/jakarta/servlet/tck/$id/6.1.2/$id-6.1.2.$ext"
  [[ -f "$f" ]] || { echo "error: expected $f is missing" >&2; exit 1; }
  echo "  jakarta.servlet.tck:$id:6.1.2 ($ext)  $f"
done
