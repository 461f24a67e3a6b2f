#!/usr/bin/env bash
# Webhook delivery under M1 load (issue 14): one webhook of a city department (it sees every
# project) receives the change feed while wrk runs M1 (updateProject by the projects' LEAD
# partners) against `wijkhub serve` on PostgreSQL; a sink on 127.0.0.1 records each event's
# arrival. Reports M1's rate beside the events delivered per second, the time to drain after
# the load, and the lag of each event (arrival - its commit time): p50, p99, max.
#
#   bench/webhooks.sh                       100,000 projects, 32 connections, 15 s
#   bench/webhooks.sh --smoke               1,000 projects, 4 connections, 2 s (checks the harness)
#
# Knobs (environment):
#   WIJKHUB_BIN=target/release/wijkhub   (smoke: target/debug/wijkhub)
#   PROJECTS=100000  CONC=32  DURATION_S=15  M1_PROJECTS=60000
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  PORT=8091  SINK_PORT=8092
#   OUT=bench/out/<UTC time>-webhooks
# Writes bench/results/<date>-webhooks.md (not for --smoke) and keeps everything in OUT.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done
if [ "$SMOKE" = 1 ]; then
  PROJECTS="${PROJECTS:-1000}" CONC="${CONC:-4}" DURATION_S="${DURATION_S:-2}"
  WIJKHUB_BIN="${WIJKHUB_BIN:-$REPO/target/debug/wijkhub}"
fi
WIJKHUB_BIN="${WIJKHUB_BIN:-$REPO/target/release/wijkhub}"
PROJECTS="${PROJECTS:-100000}"
CONC="${CONC:-32}"
DURATION_S="${DURATION_S:-15}"
M1_PROJECTS="${M1_PROJECTS:-60000}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PORT="${PORT:-8091}" SINK_PORT="${SINK_PORT:-8092}"
PG_DB="wijkhub_bench_webhooks_$$"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH/out/$RUN_ID-webhooks}"
URL="http://127.0.0.1:$PORT/graphql"
DB_URL="$(pg_url "$PG_DB")"
mkdir -p "$OUT"
[ -x "$WIJKHUB_BIN" ] || die "no wijkhub binary at $WIJKHUB_BIN (cargo build --release, or set WIJKHUB_BIN)"
for tool in wrk jq psql python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done

SERVER_PID="" SINK_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || stop_pid "$SERVER_PID"
  [ -z "$SINK_PID" ] || stop_pid "$SINK_PID"
  pg_drop "$PG_DB"
}
trap cleanup EXIT

log "seeding $PROJECTS synthetic projects into $PG_DB"
pg_recreate "$PG_DB"
WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" seed --synthetic "$PROJECTS" >"$OUT/seed.log" 2>&1 ||
  die "seed failed: $(tail -5 "$OUT/seed.log")"

port_free "$PORT" || die "port $PORT is in use; set PORT"
port_free "$SINK_PORT" || die "port $SINK_PORT is in use; set SINK_PORT"
python3 "$BENCH/lib/webhook_sink.py" --port "$SINK_PORT" --out "$OUT/sink.jsonl" &
SINK_PID=$!
env WIJKHUB_DATABASE_URL="$DB_URL" WIJKHUB_LISTEN="127.0.0.1:$PORT" \
  WIJKHUB_RATE_LIMIT__EDITOR=1000000000 WIJKHUB_RATE_LIMIT__ADMIN=1000000000 \
  WIJKHUB_WEBHOOKS__ALLOW_PRIVATE=true WIJKHUB_LOG="${SERVER_LOG:-warn}" \
  "$WIJKHUB_BIN" serve >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
python3 "$BENCH/lib/gql.py" wait --url "$URL" --secs 90 ||
  die "wijkhub did not come up: $(tail -20 "$OUT/server.log")"

# The webhook: a city department's, so every project change is its business.
city="synthetic-00001"
city_token="$(WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" token --org "$city" --role EDITOR --ttl 6h)"
curl -sf "$URL" -H "Authorization: Bearer $city_token" -H 'Content-Type: application/json' \
  -d "{\"query\":\"mutation { createWebhook(input: { url: \\\"http://127.0.0.1:$SINK_PORT/\\\", entityTypes: [PROJECT] }) { webhook { id } } }\"}" \
  >"$OUT/webhook.json" || die "createWebhook failed"
jq -e '.data.createWebhook.webhook.id' "$OUT/webhook.json" >/dev/null || die "createWebhook: $(cat "$OUT/webhook.json")"
before=$(pg "$PG_DB" "SELECT COALESCE(MAX(id), 0) FROM change_log")

# M1 as bench/run.sh runs it: each project once, by an EDITOR of its LEAD partner.
pg "$PG_DB" "SELECT p.id::text, p.version, o.code FROM project p
    JOIN project_participant pp ON pp.project_id = p.id AND pp.role = 'LEAD'
    JOIN organisation o ON o.id = pp.organisation_id
    WHERE o.kind = 'PARTNER' AND p.deleted_at IS NULL ORDER BY p.id LIMIT $M1_PROJECTS" >"$OUT/m1-list.txt"
cut -f3 "$OUT/m1-list.txt" | sort -u | while read -r org; do
  printf '%s\t%s\n' "$org" "$(WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" token --org "$org" --role EDITOR --ttl 6h)"
done >"$OUT/m1-tokens.txt"
threads=2; [ "$CONC" -ge 2 ] || threads=1
log "M1 for ${DURATION_S}s at $CONC connections, the webhook delivering"
start=$(date +%s.%N)
BENCH_OP=m1 BENCH_QUERY_FILE="$BENCH/queries/m1-update.graphql" BENCH_THREADS="$threads" \
  BENCH_M1_LIST="$OUT/m1-list.txt" BENCH_M1_TOKENS="$OUT/m1-tokens.txt" BENCH_RESULT="$OUT/m1.json" \
  wrk -t"$threads" -c"$CONC" -d"${DURATION_S}s" --timeout 10s --latency -s "$BENCH/lib/ops.lua" "$URL" \
  >"$OUT/m1.txt" 2>&1 || die "wrk failed: $(tail -5 "$OUT/m1.txt")"
end=$(date +%s.%N)
expected=$(pg "$PG_DB" "SELECT count(*) FROM change_log WHERE entity_type = 'project' AND id > $before")
log "$expected project changes committed; waiting for the webhook to deliver them"
last=-1 still=0
while :; do
  got=$(jq -r .id "$OUT/sink.jsonl" 2>/dev/null | sort -u | wc -l)
  [ "$got" -lt "$expected" ] || break
  if [ "$got" = "$last" ]; then still=$((still + 1)); else still=0; fi
  [ "$still" -lt 60 ] || die "delivery stalled at $got of $expected events (see $OUT/server.log)"
  last=$got
  sleep 1
done
python3 "$BENCH/lib/webhook_report.py" --sink "$OUT/sink.jsonl" --load-start "$start" \
  --load-end "$end" --expected "$expected" >"$OUT/report.json"
m1_rate=$(awk '/Requests\/sec/ { print $2 }' "$OUT/m1.txt")
jq --arg m1 "$m1_rate" '. + { m1_requests_per_s: ($m1 | tonumber? // $m1) }' "$OUT/report.json" | tee "$OUT/result.json"
jq -e '.in_commit_order and .events_delivered == .changes_committed' "$OUT/result.json" >/dev/null ||
  die "events missing or out of order (see $OUT/result.json)"
if [ "$SMOKE" = 0 ]; then
  results="$BENCH/results/$(date -u +%Y-%m-%d)-webhooks.md"
  {
    echo "# Webhook delivery under M1 load ($(date -u +%Y-%m-%d), $PROJECTS projects, PostgreSQL)"
    echo
    echo "One webhook of a city department; M1 at $CONC connections for ${DURATION_S}s; \`bench/webhooks.sh\`."
    echo
    echo '| M1 req/s | events delivered/s during load | overall | drain after load | lag p50 | lag p99 | lag max |'
    echo '|---:|---:|---:|---:|---:|---:|---:|'
    jq -r '"| \(.m1_requests_per_s) | \(.delivered_per_s_during_load) | \(.delivered_per_s_overall) | \(.drain_s_after_load) s | \(.lag_p50_s) s | \(.lag_p99_s) s | \(.lag_max_s) s |"' "$OUT/result.json"
  } >"$results"
  log "wrote $results"
fi
