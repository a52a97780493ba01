#!/usr/bin/env bash
# Debian's testssl.sh against Subito's HTTPS listener in its default TLS configuration (plus
# tls.hsts), with a test CA and server certificate made here by openssl; the summary of the run
# is in docs/SECURITY.md ("testssl.sh"). Slow (minutes): not part of the tests or CI.
#
#   scripts/testssl.sh                  (apt-get install testssl.sh first)
#
# The checkout is built (mvn -o package, no tests, nothing installed) and run as the real server
# (io.subito.deploy.Server) with port=-1 (HTTPS only) on 127.0.0.1:$PORT. testssl's full output
# goes to $OUT/testssl.txt and its findings to $OUT/testssl.json; the script prints every finding
# whose severity is above INFO/OK, and exits non-zero when one is MEDIUM or worse, except those
# that are the test set-up's own (marked "set-up"): a test CA publishes no CRL or OCSP responder,
# localhost has no CAA record, and the empty server's 404 at / carries no application headers.
# Knobs: PORT [18443]  KEY [ec: P-256, or rsa: 2048 bits]  OUT [target/testssl]  BUILD [1] (0: use the jars already built)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-18443}"
KEY="${KEY:-ec}"
OUT="${OUT:-$root/target/testssl}"
BUILD="${BUILD:-1}"

die() { echo "testssl: $*" >&2; exit 1; }
command -v testssl >/dev/null || die "testssl is needed: apt-get install testssl.sh"
command -v openssl >/dev/null || die "openssl is needed"
mkdir -p "$OUT"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# a CA, and a server certificate it signs for localhost and 127.0.0.1 (PKCS#8 key, chain leaf first)
( cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 365 \
      -subj "/CN=Subito testssl CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign"
  case "$KEY" in
    ec) keyargs=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
    rsa) keyargs=(-newkey rsa:2048) ;;
    *) die "KEY=$KEY: ec or rsa" ;;
  esac
  openssl req "${keyargs[@]}" -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature%s\n' \
      "$([ "$KEY" = rsa ] && echo ,keyEncipherment)" > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -out leaf.pem -extfile server.ext
  cat leaf.pem ca.pem > server.pem ) > "$work/openssl.log" 2>&1 || { cat "$work/openssl.log" >&2; die "openssl failed"; }

if [ "$BUILD" = 1 ]; then
  (cd "$root" && mvn -o -q -B -Dstyle.color=never -DskipTests -DskipFuzz -pl war-deployer -am package) \
      > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build failed"; }
fi
jar=$(ls "$root"/war-deployer/target/subito-war-deployer-*.jar | grep -v -e -sources -e -tests | head -1)
home="$work/home"; mkdir -p "$home/conf" "$home/webapps"
cat > "$home/conf/server.properties" <<PROPS
bind=127.0.0.1
port=-1
httpsPort=$PORT
tls.certificate=$work/server.pem
tls.key=$work/server.key
tls.hsts=max-age=31536000; includeSubDomains
accessLog=false
PROPS
java -cp "$jar:$root/war-deployer/target/lib/*" io.subito.deploy.Server --home "$home" > "$OUT/subito.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  grep -q "^Subito serving" "$OUT/subito.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$OUT/subito.log" >&2; die "the server exited"; }
  sleep 0.1
done
grep -q "^Subito serving" "$OUT/subito.log" || die "the server did not start in 60 s"

rm -f "$OUT/testssl.json"
# --add-ca: the chain of trust is checked against the test CA; --ip: no DNS
testssl --quiet --color 0 --warnings off --ip 127.0.0.1 --add-ca "$work/ca.pem" --jsonfile "$OUT/testssl.json" \
    "https://localhost:$PORT/" > "$OUT/testssl.txt" 2>&1 || true
[ -s "$OUT/testssl.json" ] || { tail -30 "$OUT/testssl.txt" >&2; die "testssl wrote no findings"; }

echo "testssl $(testssl --version 2>/dev/null | sed -n 's/.*testssl.sh *\([0-9][^ ]*\).*/\1/p' | head -1) against Subito ($KEY key) on https://localhost:$PORT/"
echo "full output: $OUT/testssl.txt"
# one finding per line: severity id finding; above INFO and OK only
python3 - "$OUT/testssl.json" <<'PY'
import json, sys
findings = json.load(open(sys.argv[1]))
rank = {"OK": 0, "INFO": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3, "CRITICAL": 4, "WARN": 1}
setup = {"cert_revocation", "DNS_CAArecord", "security_headers"}
shown = [f for f in findings if rank.get(f.get("severity"), 0) > 0]
counts = {}
for f in findings:
    counts[f.get("severity")] = counts.get(f.get("severity"), 0) + 1
print("findings by severity:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
for f in shown:
    print(f"{f['severity']:8} {f['id']}: {f['finding']}" + ("   (set-up)" if f["id"] in setup else ""))
sys.exit(1 if any(rank.get(f.get("severity"), 0) >= 2 and f["id"] not in setup for f in findings) else 0)
PY
