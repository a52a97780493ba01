#!/usr/bin/env bash
# What an idle WebSocket connection costs the server: heap after a full GC and live threads with
# 0 and with N open connections that completed the handshake and then send nothing.
# usage: scripts/ws-idle-memory.sh [N=10000] [PORT=18089]
# Needs: python3; builds the websocket module's test classes first.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"; port="${2:-18089}"
cp_file="$(mktemp)"
mvn -B -q -pl websocket -am test-compile dependency:build-classpath -DskipFuzz \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="websocket/target/test-classes:websocket/target/classes:$(cat "$cp_file")"
java -Xmx1g -cp "$cp" io.subito.websocket.bench.IdleMemoryServer "$port" > /tmp/ws-idle-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$cp_file"' EXIT
for _ in $(seq 600); do grep -q listening /tmp/ws-idle-server.log 2>/dev/null && break; sleep 0.2; done
python3 - "$n" "$port" <<'PY'
import socket, sys, urllib.request, time
n, port = int(sys.argv[1]), int(sys.argv[2])
def heap():
    s = urllib.request.urlopen(f"http://127.0.0.1:{port}/app/heap").read().decode()
    return dict(kv.split("=") for kv in s.split())
def open_ws():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /app/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(1024)
        if not chunk: raise SystemExit("connection closed during the handshake: " + head.decode())
        head += chunk
    if not head.startswith(b"HTTP/1.1 101"): raise SystemExit("not upgraded: " + head.decode())
    return s
for _ in range(2): heap()              # warm up: classes loaded, pools made
open_ws().close(); time.sleep(1)       # one connection's classes too
before = heap()
t0 = time.time()
socks = [open_ws() for _ in range(n)]
opened = time.time() - t0
time.sleep(2)
after = heap()
# one of them still answers: the connections are alive, not parked
s = socks[0]
s.sendall(bytes([0x81, 0x82, 1, 2, 3, 4, ord('h') ^ 1, ord('i') ^ 2]))
echo = s.recv(16)
delta = int(after["heap"]) - int(before["heap"])
print(f"connections={n} opened_in={opened:.1f}s heap_before={before['heap']} heap_after={after['heap']} "
      f"bytes_per_connection={delta // n} threads_before={before['threads']} threads_after={after['threads']} echo_ok={echo == bytes([0x81, 2]) + b'hi'}")
for s in socks: s.close()
PY
