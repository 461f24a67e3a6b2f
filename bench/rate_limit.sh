#!/usr/bin/env bash
# Rate-limit budgets across instances (issue 16): two `wijkhub serve` processes on one
# PostgreSQL database, one caller spending its budget through both at once, first with shared
# budgets (the default) and then with WIJKHUB_RATE_LIMIT__SHARED=false. Reports the cost each
# mode let through per window against the budget, the requests answered per second, and how many
# lease statements the shared mode wrote.
#
#   bench/rate_limit.sh            1,000 projects, budget 20,000 per 10 s window, 35 s per mode
#
# Knobs (environment):
#   WIJKHUB_BIN=target/release/wijkhub  BUDGET=20000  WINDOW_S=10  SECS=35  THREADS=8
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  PORT_A=8093 PORT_B=8094
#   OUT=bench/out/<UTC time>-rate-limit
# Writes bench/results/<date>-rate-limit.md and keeps everything in OUT.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"

case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "unknown argument $1 (see --help)" ;;
esac
WIJKHUB_BIN="${WIJKHUB_BIN:-$REPO/target/release/wijkhub}"
BUDGET="${BUDGET:-20000}" WINDOW_S="${WINDOW_S:-10}" SECS="${SECS:-35}" THREADS="${THREADS:-8}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PORT_A="${PORT_A:-8093}" PORT_B="${PORT_B:-8094}"
PG_DB="wijkhub_bench_rate_limit_$$"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH/out/$RUN_ID-rate-limit}"
DB_URL="$(pg_url "$PG_DB")"
mkdir -p "$OUT"
[ -x "$WIJKHUB_BIN" ] || die "no wijkhub binary at $WIJKHUB_BIN (cargo build --release, or set WIJKHUB_BIN)"
for tool in jq psql python3 curl; do command -v "$tool" >/dev/null || die "$tool is needed"; done

PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do stop_pid "$pid"; done; PIDS=(); }
cleanup() { stop_all; pg_drop "$PG_DB"; }
trap cleanup EXIT

log "seeding 1000 synthetic projects into $PG_DB"
pg_recreate "$PG_DB"
WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" seed --synthetic 1000 >"$OUT/seed.log" 2>&1 ||
  die "seed failed: $(tail -5 "$OUT/seed.log")"
token="$(WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" token --org synthetic-00001 --role EDITOR --ttl 2h)"

leases() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '/^wijkhub_rate_limit_leases_total/ { s += $2 } END { print s + 0 }'
}

run_mode() {   # MODE SHARED
  local mode="$1" shared="$2" port
  for port in "$PORT_A" "$PORT_B"; do
    port_free "$port" || die "port $port is in use; set PORT_A/PORT_B"
    env WIJKHUB_DATABASE_URL="$DB_URL" WIJKHUB_LISTEN="127.0.0.1:$port" WIJKHUB_LOG=warn \
      WIJKHUB_RATE_LIMIT__EDITOR="$BUDGET" WIJKHUB_RATE_LIMIT__WINDOW="${WINDOW_S}s" \
      WIJKHUB_RATE_LIMIT__SHARED="$shared" \
      "$WIJKHUB_BIN" serve >"$OUT/server-$mode-$port.log" 2>&1 &
    PIDS+=($!)
  done
  for port in "$PORT_A" "$PORT_B"; do
    python3 "$BENCH/lib/gql.py" wait --url "http://127.0.0.1:$port/graphql" --secs 90 ||
      die "wijkhub did not come up: $(tail -20 "$OUT/server-$mode-$port.log")"
  done
  pg "$PG_DB" "DELETE FROM rate_limit_lease" >/dev/null
  log "$mode: one caller through both instances for ${SECS}s ($THREADS threads)"
  python3 "$BENCH/lib/budget_load.py" --urls "http://127.0.0.1:$PORT_A/graphql,http://127.0.0.1:$PORT_B/graphql" \
    --token "$token" --secs "$SECS" --threads "$THREADS" --out "$OUT/$mode.json"
  echo $(( $(leases "$PORT_A") + $(leases "$PORT_B") )) >"$OUT/$mode-leases.txt"
  stop_all
}

run_mode shared true
run_mode per-instance false

row() {   # MODE
  local f="$OUT/$1.json" windows cost
  windows=$(python3 -c "import math,sys; print(math.ceil($SECS / $WINDOW_S))")
  cost=$(jq .accepted_cost "$f")
  printf '| %s | %s | %s | %.2f× | %s | %s | %.0f | %s |\n' "$1" "$cost" "$windows" \
    "$(python3 -c "print($cost / ($windows * $BUDGET))")" \
    "$(jq '[.instances[].ok] | add' "$f")" "$(jq '[.instances[].refused] | add' "$f")" \
    "$(python3 -c "import json; d=json.load(open('$f')); print(d['requests'] / d['seconds'])")" \
    "$(cat "$OUT/$1-leases.txt")"
}
results="$REPO/bench/results/$(date -u +%Y-%m-%d)-rate-limit.md"
{
  echo "# Rate-limit budgets across two instances ($(date -u +%Y-%m-%d), \`bench/rate_limit.sh\`)"
  echo
  echo "wijkhub \`$(git -C "$REPO" rev-parse --short HEAD)\` (\`$WIJKHUB_BIN\`), PostgreSQL, two \`serve\` processes on one"
  echo "database, one EDITOR token spending 20-project pages (cost 22) through both in turn from"
  echo "$THREADS threads for ${SECS} s; budget $BUDGET per ${WINDOW_S} s window. 'Windows' counts the windows"
  echo "the run touched (a window starts at the caller's first request), so the most a correct"
  echo "limiter lets through is windows × budget."
  echo
  echo "| mode | cost let through | windows | ÷ (windows × budget) | answered 200 | refused 429 | requests/s | lease statements |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  row shared
  row per-instance
} >"$results"
cat "$results"
log "results: $results (raw: $OUT)"
