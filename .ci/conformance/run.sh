#!/usr/bin/env bash
# GraphQL-over-HTTP conformance audit (graphql-http) against a wijkhub it starts itself:
# `serve --demo` on a fresh SQLite database in a temporary folder, on a free loopback port.
# Waits for /readyz (not /healthz: that answers while the process is still migrating and
# loading the demo data), audits http://127.0.0.1:PORT/graphql as a partner VIEWER (the audits
# introspect, which wijkhub refuses to anonymous callers), and always stops the server. Fails when any MUST audit fails (see audit.mjs).
#
#   bash .ci/conformance/run.sh            # binary: $WIJKHUB_BIN or target/debug/wijkhub
#
# Needs `npm ci` in this folder first (done here when node_modules is missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bin="${WIJKHUB_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/wijkhub}"
if [ ! -x "$bin" ]; then
  echo "conformance: no wijkhub binary at $bin (build it with: cargo build --locked --bin wijkhub)" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/graphql-http" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    # Graceful stop first; SIGKILL if it has not gone within 10 s.
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"

echo "conformance: starting $bin serve --demo on $base (SQLite in $tmp)"
WIJKHUB_DATABASE_URL="sqlite://$tmp/audit.db?mode=rwc" \
WIJKHUB_LISTEN="127.0.0.1:$port" \
  "$bin" serve --demo >"$tmp/server.log" 2>&1 </dev/null &
server_pid=$!

is_ready() {
  node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/readyz"
}
ready=""
for _ in $(seq 1 300); do # up to 60 s: migrations and demo data first
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "conformance: the server exited before it answered /readyz; its log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  if is_ready; then ready=1; break; fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "conformance: no answer from $base/readyz within 60 s; server log:" >&2
  tail -n 50 "$tmp/server.log" >&2
  exit 1
fi

status=0
token="$(WIJKHUB_DATABASE_URL="sqlite://$tmp/audit.db?mode=rwc" "$bin" token --org xtra --role VIEWER </dev/null | tail -n 1)"
GRAPHQL_TOKEN="$token" node "$here/audit.mjs" "$base/graphql" || status=$?
if [ "$status" -ne 0 ]; then
  echo "conformance: last lines of the server log:" >&2
  tail -n 20 "$tmp/server.log" | sed 's/\x1b\[[0-9;]*m//g' >&2
fi
exit "$status"
