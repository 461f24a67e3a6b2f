#!/usr/bin/env bash
# Exports of a large register (issue 15): seeds synthetic projects into PostgreSQL, then
# downloads `GET /export/projects` as XLSX and as CSV with a city token (it reads every
# project) and reports, per format, the time, the size, the rows and the server's peak RSS
# (VmHWM, sampled by lib/procstat.py while the download lasts). The target is a peak under
# 150 MB for 100,000 projects: the export reads keyset pages and streams, never every row.
#
#   bench/export.sh                         100,000 projects
#   bench/export.sh --smoke                 1,000 projects (checks the harness)
#
# Knobs (environment):
#   WIJKHUB_BIN=target/release/wijkhub   (smoke: target/debug/wijkhub)
#   PROJECTS=100000
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  PORT=8093
#   OUT=bench/out/<UTC time>-export
# Writes bench/results/<date>-export.md (not for --smoke) and keeps everything in OUT.
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
  PROJECTS="${PROJECTS:-1000}"
  WIJKHUB_BIN="${WIJKHUB_BIN:-$REPO/target/debug/wijkhub}"
fi
WIJKHUB_BIN="${WIJKHUB_BIN:-$REPO/target/release/wijkhub}"
PROJECTS="${PROJECTS:-100000}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PORT="${PORT:-8093}"
PG_DB="wijkhub_bench_export_$$"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH/out/$RUN_ID-export}"
BASE="http://127.0.0.1:$PORT"
DB_URL="$(pg_url "$PG_DB")"
mkdir -p "$OUT"
[ -x "$WIJKHUB_BIN" ] || die "no wijkhub binary at $WIJKHUB_BIN (cargo build --release, or set WIJKHUB_BIN)"
for tool in curl jq psql python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done

SERVER_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || stop_pid "$SERVER_PID"
  pg_drop "$PG_DB"
}
trap cleanup EXIT

log "seeding $PROJECTS synthetic projects into $PG_DB"
pg_recreate "$PG_DB"
WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" seed --synthetic "$PROJECTS" >"$OUT/seed.log" 2>&1 ||
  die "seed failed: $(tail -5 "$OUT/seed.log")"

port_free "$PORT" || die "port $PORT is in use; set PORT"
env WIJKHUB_DATABASE_URL="$DB_URL" WIJKHUB_LISTEN="127.0.0.1:$PORT" WIJKHUB_LOG="${SERVER_LOG:-warn}" \
  "$WIJKHUB_BIN" serve >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
python3 "$BENCH/lib/gql.py" wait --url "$BASE/graphql" --secs 90 ||
  die "wijkhub did not come up: $(tail -20 "$OUT/server.log")"

# A city department's token: it reads every project, so the export holds all of them.
city="$(pg "$PG_DB" "SELECT code FROM organisation WHERE kind = 'CITY_DEPARTMENT' ORDER BY code LIMIT 1")"
token="$(WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" token --org "$city" --role VIEWER --ttl 6h)"
expected="$(pg "$PG_DB" "SELECT count(*) FROM project WHERE deleted_at IS NULL")"
rss_idle=$(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
log "server up (RSS $rss_idle MiB); $expected live projects to export"

# export FORMAT: downloads one export while procstat samples the server; writes FORMAT.json
export_one() {
  local format="$1" file="$OUT/projects.$1" curl_pid
  curl -sS -o "$file" -w '{"http": %{http_code}, "seconds": %{time_total}, "bytes": %{size_download}, "first_byte_s": %{time_starttransfer}}' \
    -H "Authorization: Bearer $token" "$BASE/export/projects?format=$format" >"$OUT/$format.curl.json" &
  curl_pid=$!
  python3 "$BENCH/lib/procstat.py" --server "$SERVER_PID" --loadgen "$curl_pid" --out "$OUT/$format.proc.json"
  wait "$curl_pid" || die "the $format download failed"
  jq -e '.http == 200' "$OUT/$format.curl.json" >/dev/null || die "$format: $(cat "$OUT/$format.curl.json")"
  local rows
  if [ "$format" = csv ]; then
    # Synthetic values hold no line breaks: one line per row after the header.
    rows=$(( $(wc -l <"$file") - 1 ))
  else
    rows=$(python3 - "$file" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
print(len(re.findall(r"<row ", sheet)) - 1)
PY
)
  fi
  [ "$rows" = "$expected" ] || die "$format export holds $rows rows, expected $expected"
  jq -s --arg f "$format" --argjson rows "$rows" '.[0] + .[1] + { format: $f, rows: $rows }' \
    "$OUT/$format.curl.json" "$OUT/$format.proc.json" >"$OUT/$format.json"
  log "$format: $(jq -c '{seconds, bytes, rows, server_rss_mib, server_hwm_mib}' "$OUT/$format.json")"
}

export_one xlsx
export_one csv
jq -s '.' "$OUT/xlsx.json" "$OUT/csv.json" | tee "$OUT/result.json" >/dev/null
peak=$(jq '[.[].server_hwm_mib] | max' "$OUT/result.json")
build="release"
case "$WIJKHUB_BIN" in *debug*) build="debug" ;; esac
if [ "$SMOKE" = 0 ]; then
  results="$BENCH/results/$(date -u +%Y-%m-%d)-export.md"
  {
    echo "# Exports of $PROJECTS projects ($(date -u +%Y-%m-%d), PostgreSQL, $build build)"
    echo
    echo "\`bench/export.sh\`: \`GET /export/projects\` with a city token (every project), XLSX then"
    echo "CSV, one after the other on one server; RSS of the server sampled every 0.2 s by"
    echo "\`bench/lib/procstat.py\`; peak = VmHWM (the process's high-water mark since start)."
    echo "Idle RSS after start: $rss_idle MiB. Target: peak under 150 MB."
    echo
    echo '| format | rows | size | time | server CPU | PostgreSQL CPU | other work on the machine | peak RSS sampled | VmHWM |'
    echo '|---|---:|---:|---:|---:|---:|---:|---:|---:|'
    jq -r '.[] | "| \(.format) | \(.rows) | \(.bytes / 1048576 * 10 | round / 10) MiB | \(.seconds | . * 10 | round / 10) s | \(.server_cpu_pct | round) % | \(.postgres_cpu_pct | round) % | \(.other_cpu_pct | round) % | \(.server_rss_mib) MiB | \(.server_hwm_mib) MiB |"' "$OUT/result.json"
    echo
    echo "Peak over both: $peak MiB. CPU in % of one core over the download (2 cores = 200 %)."
    if [ "$build" = debug ]; then
      echo
      echo "A debug build (\`WIJKHUB_BIN=target/debug/wijkhub\`): the release build (fat LTO) takes"
      echo "longer than this run allowed on the shared machine. Memory does not depend much on the"
      echo "build; the times are an upper bound, and \"other work\" shows how busy the machine was."
    fi
  } >"$results"
  log "wrote $results"
fi
