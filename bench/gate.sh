#!/usr/bin/env bash
# The one gate under abuse: a plain query's latency idle, and again while two introspection
# bombs (batches of 10 × 197 aliased `__schema` selections) and 2,000 subscriptions on one
# WebSocket hit the same server. Issue 11's target: the p99 under abuse within 2× of idle.
#
#   bench/gate.sh                      release build, demo data on SQLite, 15 s per phase
#   WIJKHUB_BIN=target/debug/wijkhub DURATION_S=5 bench/gate.sh
#
# Writes bench/results/<date>-gate.md; the raw outputs stay in bench/out/gate-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/common.sh

DURATION_S="${DURATION_S:-15}"
CONNECTIONS="${CONNECTIONS:-4}"
RUNS="${RUNS:-3}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
BIN="${WIJKHUB_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --release --locked --bin wijkhub >&2
  BIN=target/release/wijkhub
fi
OUT="bench/out/gate-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$OUT"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
export WIJKHUB_DATABASE_URL="sqlite://$PWD/$OUT/gate.db?mode=rwc"
export WIJKHUB_LISTEN="127.0.0.1:$PORT" WIJKHUB_LOG=warn
# The measured caller may spend freely; the attacker keeps the default EDITOR budget.
export WIJKHUB_RATE_LIMIT__VIEWER=1000000000
"$BIN" serve --demo >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'stop_pid $SERVER' EXIT
python3 bench/lib/gql.py wait --url "$URL/graphql" >/dev/null
READER=$("$BIN" token --org haag-wonen --role VIEWER | tail -n 1)
ATTACKER=$("$BIN" token --org xtra --role EDITOR | tail -n 1)

cat >"$OUT/query.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $READER"
wrk.body = '{"query":"{ wijken(first: 20) { nodes { code name stadsdeel { name } } } }"}'
LUA

p99_ms() {  # wrk --latency output → p99 in ms
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' "$1"
}
rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ { print }' "$1" | tr '\n' ' '; }

declare -a IDLE ABUSED
for run in $(seq 1 "$RUNS"); do
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION_S}s" --latency -s "$OUT/query.lua" "$URL/graphql" >"$OUT/idle-$run.txt"
  python3 bench/lib/abuse.py --url "$URL" --token "$ATTACKER" --secs "$((DURATION_S + 4))" \
    --bombs "${BOMBS:-2}" --subscriptions "${SUBSCRIPTIONS:-2000}" >"$OUT/abuse-$run.json" &
  ABUSE=$!
  sleep 2
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION_S}s" --latency -s "$OUT/query.lua" "$URL/graphql" >"$OUT/abused-$run.txt"
  wait "$ABUSE"
  curl -fsS --max-time 5 "$URL/healthz" >/dev/null || die "healthz failed after run $run"
  IDLE+=("$(p99_ms "$OUT/idle-$run.txt")")
  ABUSED+=("$(p99_ms "$OUT/abused-$run.txt")")
  log "run $run: p99 idle ${IDLE[-1]} ms, under abuse ${ABUSED[-1]} ms; $(cat "$OUT/abuse-$run.json")"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
IDLE_MED=$(median "${IDLE[@]}")
ABUSED_MED=$(median "${ABUSED[@]}")
RATIO=$(awk -v a="$ABUSED_MED" -v b="$IDLE_MED" 'BEGIN { printf "%.2f", a / b }')
COMMIT=$(git rev-parse --short HEAD)
RESULT="bench/results/$(date -u +%Y-%m-%d)-gate.md"
{
  echo "# The one gate under abuse ($COMMIT, $(date -u +%Y-%m-%d))"
  echo
  echo "\`bench/gate.sh\`: \`wijken(first: 20)\` as a VIEWER with wrk -t1 -c$CONNECTIONS for ${DURATION_S} s,"
  echo "idle and then while \`bench/lib/abuse.py\` runs ${BOMBS:-2} introspection-bomb loops and opens"
  echo "one WebSocket with ${SUBSCRIPTIONS:-2000} \`subscribe\` messages (as an EDITOR with the default budget)."
  echo "Binary: \`$BIN\`; demo data on SQLite; median of $RUNS runs."
  echo
  echo "| run | p99 idle (ms) | p99 under abuse (ms) | req/s idle | req/s under abuse | attacker's answers |"
  echo "|---|---:|---:|---:|---:|---|"
  for run in $(seq 1 "$RUNS"); do
    echo "| $run | ${IDLE[$((run - 1))]} | ${ABUSED[$((run - 1))]} | $(rps "$OUT/idle-$run.txt") | $(rps "$OUT/abused-$run.txt") | \`$(cat "$OUT/abuse-$run.json")\` |"
  done
  echo
  echo "Median p99: idle $IDLE_MED ms, under abuse $ABUSED_MED ms: **${RATIO}×** (target ≤ 2×)."
  extra="$(errors "$OUT/abused-1.txt")"
  [ -z "$extra" ] || echo "wrk reported: $extra"
} >"$RESULT"
cat "$RESULT"
