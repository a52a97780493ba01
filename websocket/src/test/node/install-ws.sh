#!/usr/bin/env bash
# Installs Node's 'ws' package into DIR (default websocket/target/node) for the interoperability test.
set -euo pipefail
dir="${1:-$(dirname "$0")/../../../target/node}"
if [ -d "$dir/node_modules/ws" ]; then exit 0; fi
mkdir -p "$dir"
cd "$dir"
npm install --no-audit --no-fund --silent ws@8 >/dev/null
