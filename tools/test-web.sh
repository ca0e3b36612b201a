#!/usr/bin/env bash
# make test-web: serves build-web/ on a free local port and runs the puppeteer-core checks
# (tests/web/run.mjs) in Debian's Chromium. Needs `make web` and `npm ci` first (the Makefile
# target does both).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build-web}
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tools/serve-web.py --dir "$out" --port "$port" --quiet &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done
node tests/web/run.mjs "http://127.0.0.1:$port/" "$out/test" "$out"
