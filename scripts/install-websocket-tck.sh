#!/usr/bin/env bash
# Build and install the Jakarta WebSocket TCK into the local Maven repository (~/.m2).
#
# The TCK is not published on Maven Central; it is built from source:
#   repository : https://github.com/jakartaee/websocket   folder tck/
#   2.2 (what Subito implements) : branch 2.2.x, commit 988163dac788d4866e234ea4dc16c5cabefdeb6e
#       (TCK version 2.2.1-SNAPSHOT: the 2.2.0 TCK of Jakarta EE 11 plus its accepted challenges;
#        there is no 2.2 TCK tag). Commit cc7cc24 of the same branch is the 2.2.0 release itself.
#   2.3 (tag 2.3.0-M1-RELEASE-tck, TCK 2.3.0-M1) is refused: it tests the 2.3 API, and its API
#       jars on Central (jakarta.websocket-api 2.3.0-M1) name a SNAPSHOT parent that Central does
#       not have, so it cannot be built from Central alone. docs/CONFORMANCE.md lists its new tests.
#
# Usage: scripts/install-websocket-tck.sh /path/to/websocket-checkout   (or WS_TCK_SRC=/path ...)
#   The path may be the repository root (containing tck/) or the tck/ folder itself.
#   Prints the installed version; run the TCK with that version:
#   mvn -B -pl tck-runner -am verify -Pwebsocket-tck [-Dwebsocket-tck.version=VERSION]
#
# The checkout is never modified: tck/ is copied to a temporary directory and patched there.
# Patches (needed with Maven 3.8.7 and Maven Central only):
#   - jakarta.tck:artifacts-bom: the 2.2.x branch imports 11.0.3 (the 2.2.0 commit 11.0.0), not on Central; the
#     newest there, 11.0.1, is used (it pins the same tools: jakarta.tck common/signaturetest).
#   - the Central snapshot repository the poms declare is removed (not reachable here).
# Only the TCK's own artifacts are installed (jakarta.tck:websocket-tck, websocket-tck-common,
# websocket-tck-spec-tests); the docs and the distribution zip are not built.
#
# Idempotent: re-running rebuilds and re-installs the same coordinates.
set -euo pipefail

. "$(dirname "$0")/lib/tck-source.sh"
TCK_DIR="$(tck_source_dir "${1:-${WS_TCK_SRC:-}}" \
  "$0 /path/to/jakartaee-websocket-checkout (branch 2.2.x), or set WS_TCK_SRC" \
  spec-tests "jakartaee/websocket checkout with a TCK (no tck/pom.xml; the 2.2.0-RELEASE tag has none: check out branch 2.2.x)")"
command -v python3 >/dev/null || { echo "error: python3 not found on PATH (used to patch the poms)" >&2; exit 2; }

# the TCK's own version: the first <version> after <artifactId>websocket-tck</artifactId>
VERSION="$(python3 - "$TCK_DIR/pom.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<artifactId>websocket-tck</artifactId>\s*<version>([^<]+)</version>", s)
print(m.group(1) if m else "")
PY
)"
case "$VERSION" in
  2.2.*) ;;
  2.3.*) echo "error: $TCK_DIR/pom.xml is TCK $VERSION, which tests the WebSocket 2.3 API; Subito implements 2.2:" \
              "check out branch 2.2.x (commit 988163dac788d4866e234ea4dc16c5cabefdeb6e)" >&2
     exit 2 ;;
  *) echo "error: $TCK_DIR/pom.xml has TCK version '${VERSION:-none}'; expected 2.2.x (branch 2.2.x)" >&2
     exit 2 ;;
esac

WORK="$(tck_scratch_copy "$TCK_DIR" websocket-tck)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK/tck"

# --- patches (see the header) ---
python3 - pom.xml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
before = s
s = re.sub(r"<jakarta\.tck\.version>11\.0\.(?:0|[2-9])</jakarta\.tck\.version>",
           "<jakarta.tck.version>11.0.1</jakarta.tck.version>", s)
s = re.sub(r"\s*<!--[^>]*SNAPSHOTs[^>]*-->\s*<repositories>.*?</repositories>", "\n", s, flags=re.S)
s = re.sub(r"\s*<repositories>.*?</repositories>", "\n", s, flags=re.S)
if s != before:
    open(p, "w", encoding="utf-8").write(s)
    print("patched tck/pom.xml: artifacts-bom 11.0.1, no snapshot repository")
PY

# -U: ignore cached "not found" results from earlier failed attempts.
# The javadoc/source/gpg plugins are bound by the ee4j parent; the -D flags keep them off.
mvn -B -U -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dgpg.skip=true \
    -pl common,spec-tests -am install

REPO="${M2_REPO:-$HOME/.m2/repository}"   # set M2_REPO if your settings.xml moves the local repository
find "$REPO/jakarta/tck" -path '*websocket-tck*' -name '*.lastUpdated' -delete 2>/dev/null || true

echo
echo "Installed into $REPO:"
for a in websocket-tck:pom websocket-tck-common:jar websocket-tck-spec-tests:jar; do
  id="${a%%:*}"; ext="${a##*:}"
  f="$REPO/jakarta/tck/$id/$VERSION/$id-$VERSION.$ext"
  [[ -f "$f" ]] || { echo "error: expected $f is missing" >&2; exit 1; }
  echo "  jakarta.tck:$id:$VERSION ($ext)  $f"
done
echo
echo "Run it: mvn -B -pl tck-runner -am verify -Pwebsocket-tck -Dwebsocket-tck.version=$VERSION"
