#!/usr/bin/env bash
# wijkhub's benchmark: the four canonical operations of the shared peer
# harness (Q1 wijk page, Q2 sync page of 500, Q3 lookup, M1 update), measured
# with wrk against wijkhub on PostgreSQL and on SQLite, next to PostGraphile
# and pgbench measured by the shared harness in the same run.
#
#   bench/run.sh            full run (release build, 100,000 projects, peer, pgbench)
#   bench/run.sh --smoke    CI smoke run: 1,000 projects, 4 connections, 2 s per operation, no peer,
#                           no pgbench; exits non-zero on any failed request, any
#                           counted error, or a run in which no request completed
#   SCALING=1 bench/run.sh  also Q1/Q2/Q3 at 10,000 / 100,000 / 1,000,000 projects
#
# Settings (environment), with defaults:
#   WIJKHUB_BIN=...             the binary to measure; default: cargo build --release
#                               in the repo, target/release/wijkhub (smoke: target/debug/wijkhub)
#   WIJKHUB_COMMIT=...          commit the binary was built from (default: the repo's HEAD)
#   PROJECTS=100000             synthetic projects (smoke: 1000)
#   LABEL=run                   results file name: bench/results/<date>-<LABEL>.md (+ .json)
#   WARMUP_S=3 DURATION_S=15    per run (smoke: 0 and 2)
#   RUNS="q1:32 q2:32 q3:32 q3:1 m1:32"      OP:CONNECTIONS, wrk -t2 (-t1 for 1)
#                               (smoke: q1:4 q2:4 q3:4 q3:1 m1:4)
#   TARGETS="pg sqlite"         which databases wijkhub is measured on
#   PEER_BENCH=<repo>/../shared/bench        the shared peer harness (read only)
#   PEER_SCRATCH=<repo>/../scratch/peer-bench  where it is copied to and run
#   PEER_WORKERS="1 2"          PostGraphile configurations (the harness's knob)
#   SKIP_PEER=1  SKIP_SQL=1     leave out PostGraphile / pgbench (both: no harness run)
#   PEER_RESULTS=DIR            reuse the out/<run> folder of an earlier harness run
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres   wijkhub's PostgreSQL (trust auth)
#   PG_DB=wijkhub_bench         wijkhub's database (dropped and re-seeded)
#   PG_SSLMODE=disable          wijkhub's connections to PostgreSQL (the peer's node-postgres
#                               uses none on loopback; sqlx's default "prefer" takes TLS if offered)
#   DB_POOL=                    WIJKHUB_DATABASE_MAX_CONNECTIONS (empty: wijkhub's default)
#   PORT=8090                   wijkhub listens on 127.0.0.1:PORT
#   READER_ORG=                 partner whose EDITOR token reads (default: first synthetic partner)
#   PERF_RUNS="q3:32 m1:32"     record the server with perf during these runs and draw flame
#                               graphs (<run>.svg beside the results; build with
#                               `cargo build --profile profiling` for line tables)
#   M1_PROJECTS=60000           distinct projects M1 may update (each once per wrk run)
#   SCALING=1 SCALING_SIZES="10000 100000 1000000" SCALING_RUNS="q1:32 q2:32 q3:32 q3:1"
#   SKIP_MAIN=1                 only the scaling part
#   KEEP_DB=1                   keep the databases at the end (default: drop them)
#   WAIT_QUIET=1 QUIET_PCT=25 QUIET_MAX_WAIT_S=30   wait for a quiet machine before each run
#   BENCH_NICE=-15              as root, raise this session's and PostgreSQL's CPU priority
#   OUT=bench/out/<UTC time>-<LABEL>   working folder (git-ignored)
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"

SMOKE="${SMOKE:-0}"
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done

if [ "$SMOKE" = 1 ]; then
  # 5,000 projects: M1 (about 600 updates a second even in a debug build) then never starts
  # a second lap of its list within the run
  PROJECTS="${PROJECTS:-5000}"
  # a handful of connections: the smoke run checks the pipeline, not the load
  RUNS="${RUNS:-q1:4 q2:4 q3:4 q3:1 m1:4}"
  WARMUP_S="${WARMUP_S:-0}"
  DURATION_S="${DURATION_S:-2}"
  SKIP_PEER=1 SKIP_SQL=1 SCALING=0 WAIT_QUIET=0
  BENCH_NICE="${BENCH_NICE:-off}"
  LABEL="${LABEL:-smoke}"
  PG_DB="${PG_DB:-wijkhub_bench_smoke_$$}"
  KEEP_DB=0
fi
PROJECTS="${PROJECTS:-100000}"
LABEL="${LABEL:-run}"
WARMUP_S="${WARMUP_S:-3}"
DURATION_S="${DURATION_S:-15}"
RUNS="${RUNS:-q1:32 q2:32 q3:32 q3:1 m1:32}"
TARGETS="${TARGETS:-pg sqlite}"
PEER_BENCH="${PEER_BENCH:-$REPO/../shared/bench}"
PEER_SCRATCH="${PEER_SCRATCH:-$REPO/../scratch/peer-bench}"
PEER_WORKERS="${PEER_WORKERS:-1 2}"
SKIP_PEER="${SKIP_PEER:-0}"
SKIP_SQL="${SKIP_SQL:-0}"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
PG_DB="${PG_DB:-wijkhub_bench}"
PG_SSLMODE="${PG_SSLMODE:-disable}"
PORT="${PORT:-8090}"
M1_PROJECTS="${M1_PROJECTS:-60000}"
SCALING="${SCALING:-0}"
SCALING_SIZES="${SCALING_SIZES:-10000 100000 1000000}"
SCALING_RUNS="${SCALING_RUNS:-q1:32 q2:32 q3:32 q3:1}"
SKIP_MAIN="${SKIP_MAIN:-0}"
KEEP_DB="${KEEP_DB:-0}"
export WAIT_QUIET="${WAIT_QUIET:-1}" BENCH_NICE="${BENCH_NICE:--15}"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="${OUT:-$BENCH/out/$RUN_ID-$LABEL}"
URL="http://127.0.0.1:$PORT/graphql"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

SERVER_PID="" WRK_PID="" SAMPLER_PID="" DBS_TO_DROP=() FAILURES=()

cleanup() {
  local rc=$? db
  [ -z "$SAMPLER_PID" ] || stop_pid "$SAMPLER_PID"
  [ -z "$WRK_PID" ] || stop_pid "$WRK_PID"
  [ -z "$SERVER_PID" ] || stop_pid "$SERVER_PID"
  restore_priority
  if [ "$KEEP_DB" != 1 ]; then
    for db in "${DBS_TO_DROP[@]}"; do pg_drop "$db"; done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ tools
ensure_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  command -v jq >/dev/null || need+=(jq)
  command -v python3 >/dev/null || need+=(python3)
  command -v psql >/dev/null || need+=(postgresql-client)
  command -v sqlite3 >/dev/null || need+=(sqlite3)
  if [ ${#need[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing ${need[*]}: install them (Debian) or run as root"
    log "installing ${need[*]} (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || {
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    }
  fi
  pg postgres "SELECT 1" >/dev/null || die "PostgreSQL not reachable at $PGHOST:$PGPORT as $PGUSER"
}

locate_binary() {
  if [ -n "${WIJKHUB_BIN:-}" ]; then
    [ -x "$WIJKHUB_BIN" ] || die "WIJKHUB_BIN=$WIJKHUB_BIN is not an executable"
  elif [ "$SMOKE" = 1 ]; then
    WIJKHUB_BIN="$REPO/target/debug/wijkhub"
    [ -x "$WIJKHUB_BIN" ] || (cd "$REPO" && cargo build --locked) || die "cargo build failed"
  else
    log "cargo build --release (set WIJKHUB_BIN to skip)"
    (cd "$REPO" && cargo build --release --locked) || die "cargo build --release failed"
    WIJKHUB_BIN="$REPO/target/release/wijkhub"
  fi
  WIJKHUB_BIN="$(cd "$(dirname "$WIJKHUB_BIN")" && pwd)/$(basename "$WIJKHUB_BIN")"
  log "wijkhub binary: $WIJKHUB_BIN ($("$WIJKHUB_BIN" --version))"
}

# ------------------------------------------------------------------ data
# seed_db KIND NAME N: KIND pg (NAME = database) or sqlite (NAME = file); sets DB_URL
seed_db() {
  local kind="$1" name="$2" n="$3" t0 t1
  if [ "$kind" = pg ]; then
    pg_recreate "$name"
    DBS_TO_DROP+=("$name")
    DB_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$name?sslmode=$PG_SSLMODE"
  else
    rm -f "$name" "$name-wal" "$name-shm"
    DB_URL="sqlite://$name?mode=rwc"
  fi
  log "seeding $kind ($name): $n synthetic projects"
  t0=$(date +%s.%N)
  WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" seed --synthetic "$n" >"$OUT/seed-$kind-$n.log" 2>&1 ||
    die "seed failed: $(tail -5 "$OUT/seed-$kind-$n.log")"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' >"$OUT/seed-$kind-$n.seconds"
  if [ "$kind" = pg ]; then pg "$name" "VACUUM ANALYZE" >/dev/null; fi
  log "seeded in $(cat "$OUT/seed-$kind-$n.seconds") s"
}

# sql KIND NAME QUERY: tab-separated rows from the target's database
sql() {
  local kind="$1" name="$2" q="$3"
  if [ "$kind" = pg ]; then
    pg "$name" "$q"
  else
    sqlite3 -batch -noheader -separator $'\t' "$name" "$q"
  fi
}

# A UUID column as text, on either database (sqlx stores UUIDs as 16-byte blobs in SQLite).
uuid_text() {
  local kind="$1" col="$2"
  if [ "$kind" = pg ]; then
    echo "$col::text"
  else
    echo "(CASE typeof($col) WHEN 'blob' THEN lower(substr(hex($col),1,8)||'-'||substr(hex($col),9,4)||'-'||substr(hex($col),13,4)||'-'||substr(hex($col),17,4)||'-'||substr(hex($col),21)) ELSE $col END)"
  fi
}

token() {   # DB_URL ORG ROLE
  WIJKHUB_DATABASE_URL="$1" "$WIJKHUB_BIN" token --org "$2" --role "$3" --ttl 6h 2>/dev/null
}

# prepare_inputs KIND NAME DIR: reader token, Q1 wijk count, Q3 ids, M1 tokens
prepare_inputs() {
  local kind="$1" name="$2" dir="$3" reader reader_id
  reader="${READER_ORG:-$(sql "$kind" "$name" "SELECT code FROM organisation WHERE kind = 'PARTNER' AND code LIKE 'synthetic-%' ORDER BY code LIMIT 1")}"
  [ -n "$reader" ] || die "no partner organisation in $name"
  echo "$reader" >"$dir/reader-org.txt"
  token "$DB_URL" "$reader" EDITOR >"$dir/reader.token" || die "wijkhub token --org $reader failed"
  reader_id="(SELECT id FROM organisation WHERE code = '$reader')"
  sql "$kind" "$name" "SELECT count(*) FROM wijk WHERE code LIKE 'W___'" >"$dir/wijken.txt"
  # Q3: projects the reader may read (SHARED, or INTERNAL ones it takes part in)
  sql "$kind" "$name" "SELECT $(uuid_text "$kind" p.id) FROM project p
      WHERE p.deleted_at IS NULL AND (p.visibility = 'SHARED' OR EXISTS (
        SELECT 1 FROM project_participant pp WHERE pp.project_id = p.id AND pp.organisation_id = $reader_id))
      ORDER BY p.id LIMIT 50000" >"$dir/q3-ids.txt"
  [ -s "$dir/q3-ids.txt" ] || die "no readable projects in $name"
  case " $RUNS_NOW" in *" m1:"*) ;; *) return 0 ;; esac
  # M1: tokens of every partner that leads one of the projects M1 may update
  m1_list "$kind" "$name" >"$dir/m1-list.txt"
  [ -s "$dir/m1-list.txt" ] || die "no partner-led projects in $name"
  cut -f3 "$dir/m1-list.txt" | sort -u >"$dir/m1-orgs.txt"
  log "$kind: $(wc -l <"$dir/m1-orgs.txt") EDITOR tokens for the LEAD organisations of $(wc -l <"$dir/m1-list.txt") projects"
  export WIJKHUB_BIN
  DB_URL="$DB_URL" xargs -P 4 -I{} sh -c \
    'printf "%s\t%s\n" "$1" "$(WIJKHUB_DATABASE_URL="$DB_URL" "$WIJKHUB_BIN" token --org "$1" --role EDITOR --ttl 6h 2>/dev/null)"' \
    _ {} <"$dir/m1-orgs.txt" >"$dir/m1-tokens.txt"
  if awk -F'\t' '$2 == "" { bad = 1 } END { exit !bad }' "$dir/m1-tokens.txt"; then
    die "wijkhub token failed for some organisations (see $dir/m1-tokens.txt)"
  fi
}

# The projects M1 updates, with the version to expect and the LEAD (partner) organisation,
# read fresh from the database before every M1 wrk run.
m1_list() {
  local kind="$1" name="$2"
  sql "$kind" "$name" "SELECT $(uuid_text "$kind" p.id), p.version, o.code FROM project p
      JOIN project_participant pp ON pp.project_id = p.id AND pp.role = 'LEAD'
      JOIN organisation o ON o.id = pp.organisation_id
      WHERE o.kind = 'PARTNER' AND p.deleted_at IS NULL
      ORDER BY p.id LIMIT $M1_PROJECTS"
}

# ------------------------------------------------------------------ server
start_server() {   # LABEL
  local label="$1"
  port_free "$PORT" || die "port $PORT is in use; set PORT"
  local env=(WIJKHUB_DATABASE_URL="$DB_URL" WIJKHUB_LISTEN="127.0.0.1:$PORT"
             WIJKHUB_RATE_LIMIT__EDITOR=1000000000 WIJKHUB_RATE_LIMIT__VIEWER=1000000000
             WIJKHUB_RATE_LIMIT__ADMIN=1000000000
             # A log line per request is off, as the peer runs with --disable-query-log;
             # SERVER_LOG=info measures with it.
             WIJKHUB_LOG="${SERVER_LOG:-warn}")
  [ -z "${DB_POOL:-}" ] || env+=(WIJKHUB_DATABASE_MAX_CONNECTIONS="$DB_POOL")
  env "${env[@]}" "$WIJKHUB_BIN" serve >"$OUT/$label.server.log" 2>&1 &
  SERVER_PID=$!
  python3 "$BENCH/lib/gql.py" wait --url "$URL" --secs 90 ||
    die "wijkhub did not come up: $(tail -20 "$OUT/$label.server.log")"
  log "$label: wijkhub is up (PID $SERVER_PID)"
}

stop_server() { stop_pid "$SERVER_PID"; SERVER_PID=""; }

# ------------------------------------------------------------------ measuring
declare -A QFILE=([q1]=q1-wijk-page [q2]=q2-sync-page [q3]=q3-lookup [m1]=m1-update)

# measure_target KIND NAME LABEL DIR RUNS: sample requests, Q2 walk, then every run
measure_target() {
  local kind="$1" name="$2" label="$3" dir="$4" runs="$5" reader_token run op conc
  reader_token=$(cat "$dir/reader.token")
  # every operation once; each must answer data, no errors, a non-null root field
  local m1_first="" vars
  [ ! -s "$dir/m1-list.txt" ] || m1_first=$(head -1 "$dir/m1-list.txt")
  local ops="q1 q2 q3"
  case " $runs" in *" m1:"*) ops="$ops m1" ;; esac
  for op in $ops; do
    case "$op" in
      q1) vars='{"code":"W001"}' ;;
      q2) vars='{"after":null}' ;;
      q3) vars="{\"id\":\"$(head -1 "$dir/q3-ids.txt")\"}" ;;
      m1) vars=$(awk -F'\t' '{ printf "{\"id\":\"%s\",\"version\":%d,\"summary\":\"bench sample\"}", $1, $2 }' <<<"$m1_first") ;;
    esac
    local tok="$reader_token"
    [ "$op" != m1 ] || tok=$(awk -F'\t' -v c="$(cut -f3 <<<"$m1_first")" '$1 == c { print $2 }' "$dir/m1-tokens.txt")
    if ! python3 "$BENCH/lib/gql.py" sample --url "$URL" --token "$tok" \
         --query "$BENCH/queries/${QFILE[$op]}.graphql" --variables "$vars" \
         --out "$dir/${QFILE[$op]}.sample.json"; then
      FAILURES+=("$label: sample request ${QFILE[$op]} failed")
      die "$label: sample request ${QFILE[$op]} failed (response in $dir/${QFILE[$op]}.sample.json)"
    fi
  done
  log "$label: sample requests passed"
  case " $runs" in
    *" q2:"*) python3 "$BENCH/lib/gql.py" walk --url "$URL" --token "$reader_token" \
                --query "$BENCH/queries/q2-sync-page.graphql" --cursors "$dir/q2-cursors.txt" \
                --out "$dir/q2-walk.json" || die "$label: Q2 walk failed" ;;
  esac
  for run in $runs; do
    op=${run%%:*} conc=${run##*:}
    wrk_run "$kind" "$name" "$label" "$dir" "$op" "$conc"
  done
}

wrk_run() {   # KIND NAME LABEL DIR OP CONC
  local kind="$1" name="$2" label="$3" dir="$4" op="$5" conc="$6" threads=2 waited res
  [ "$conc" -ge 2 ] || threads=1
  local run="$op-c$conc"
  export BENCH_OP="$op" BENCH_QUERY_FILE="$BENCH/queries/${QFILE[$op]}.graphql" \
         BENCH_THREADS="$threads" BENCH_TOKEN="$(cat "$dir/reader.token")" \
         BENCH_WIJKEN="$(cat "$dir/wijken.txt")" BENCH_CURSORS="$dir/q2-cursors.txt" \
         BENCH_IDS="$dir/q3-ids.txt" BENCH_M1_LIST="$dir/m1-list.txt" BENCH_M1_TOKENS="$dir/m1-tokens.txt"
  waited=$(wait_quiet)
  if [ "$WARMUP_S" != 0 ]; then
    [ "$op" != m1 ] || m1_list "$kind" "$name" >"$dir/m1-list.txt"
    BENCH_RESULT="$dir/$run.warmup.json" wrk -t"$threads" -c"$conc" -d"${WARMUP_S}s" --timeout 10s \
      -s "$BENCH/lib/ops.lua" "$URL" >"$dir/$run.warmup.txt" 2>&1 ||
      die "$label $run: wrk warm-up failed: $(tail -5 "$dir/$run.warmup.txt")"
  fi
  # M1 expects the versions as they are now (the warm-up updated some projects)
  [ "$op" != m1 ] || m1_list "$kind" "$name" >"$dir/m1-list.txt"
  BENCH_RESULT="$dir/$run.wrk.json" wrk -t"$threads" -c"$conc" -d"${DURATION_S}s" --timeout 10s \
    --latency -s "$BENCH/lib/ops.lua" "$URL" >"$dir/$run.wrk.txt" 2>&1 &
  WRK_PID=$!
  python3 "$BENCH/lib/procstat.py" --server "$SERVER_PID" --loadgen "$WRK_PID" --out "$dir/$run.proc.json" &
  SAMPLER_PID=$!
  local perf_pid=""
  if [[ " ${PERF_RUNS:-} " == *" $op:$conc "* ]]; then
    # Samples the server's stacks while wrk runs; the figures of a profiled run carry the
    # profiler's cost, so report them from runs without PERF_RUNS.
    perf record -F "${PERF_HZ:-499}" -g --call-graph dwarf,16384 -p "$SERVER_PID" \
      -o "$dir/$run.perf.data" -- sleep "$DURATION_S" >"$dir/$run.perf.txt" 2>&1 &
    perf_pid=$!
  fi
  wait "$WRK_PID" || die "$label $run: wrk failed: $(tail -5 "$dir/$run.wrk.txt")"
  WRK_PID=""
  if [ -n "$perf_pid" ]; then
    wait "$perf_pid" || true
    flame "$dir/$run.perf.data" "$label $run" "$dir/$run.svg"
  fi
  wait "$SAMPLER_PID" || true
  SAMPLER_PID=""
  [ -s "$dir/$run.wrk.json" ] || die "$label $run: wrk wrote no result: $(tail -5 "$dir/$run.wrk.txt")"
  jq -s --arg lbl "$label" --arg db "$kind" --arg op "$op" --argjson conc "$conc" \
     --argjson projects "$(cat "$dir/projects.txt")" --argjson waited "$waited" \
     --arg tool "wrk -t$threads -c$conc -d${DURATION_S}s (warm-up ${WARMUP_S}s)" \
     '.[0] + .[1] + {"label": $lbl, db: $db, op: $op, concurrency: $conc, projects: $projects,
                     tool: $tool, quiet_wait_s: $waited}' \
     "$dir/$run.wrk.json" "$dir/$run.proc.json" >"$dir/$run.json"
  res=$(jq -c '{rps, p50_ms, p99_ms, errors, conflicts, server_cpu_pct, postgres_cpu_pct, other_cpu_pct, server_rss_mib}' "$dir/$run.json")
  log "$label $run: $res"
  if [ "$(jq .requests "$dir/$run.json")" = 0 ]; then
    FAILURES+=("$label $run: no request completed within ${DURATION_S} s")
  fi
  if [ "$(jq .errors "$dir/$run.json")" != 0 ]; then
    FAILURES+=("$label $run: $(jq -r '"\(.errors) errors, first: \(.error_sample)"' "$dir/$run.json")")
  fi
  if [ "$op" = m1 ] && [ "$kind" = pg ]; then pg "$name" "VACUUM ANALYZE project" >/dev/null; fi
}

# flame PERF_DATA TITLE SVG: a flame graph of a recorded run (inferno; installed on first use)
flame() {
  local data="$1" title="$2" svg="$3" inferno="${INFERNO_ROOT:-$HOME/.cargo}/bin"
  if [ ! -x "$inferno/inferno-flamegraph" ]; then
    log "installing inferno (flame graphs) into ${INFERNO_ROOT:-$HOME/.cargo}"
    cargo install --locked inferno --root "${INFERNO_ROOT:-$HOME/.cargo}" >"$OUT/inferno-install.log" 2>&1 ||
      { log "inferno could not be installed; perf data kept at $data"; return 0; }
  fi
  # --no-inline: resolving inlined frames through addr2line takes hours on a binary this size.
  perf script --no-inline -i "$data" 2>/dev/null | "$inferno/inferno-collapse-perf" >"${svg%.svg}.folded" &&
    "$inferno/inferno-flamegraph" --title "$title" <"${svg%.svg}.folded" >"$svg" &&
    log "flame graph: $svg"
}

# one_target KIND LABEL N DIR RUNS: seed, serve, measure, stop
one_target() {
  local kind="$1" label="$2" n="$3" dir="$4" runs="$5" name
  mkdir -p "$dir"
  if [ "$kind" = pg ]; then name="$PG_DB"; [ "${label#scaling}" = "$label" ] || name="${PG_DB}_scale_$n"
  else name="$OUT/wijkhub-$n.db"; fi
  seed_db "$kind" "$name" "$n"
  cp "$OUT/seed-$kind-$n.seconds" "$dir/seed-seconds.txt"
  echo "$n" >"$dir/projects.txt"
  RUNS_NOW="$runs" prepare_inputs "$kind" "$name" "$dir"
  start_server "$label"
  echo "$label" >>"$OUT/labels.txt"
  measure_target "$kind" "$name" "$label" "$dir" "$runs"
  stop_server
  if [ "$kind" = sqlite ]; then
    du -k "$name" | awk '{ print $1 }' >"$dir/db-kib.txt"
    [ "$KEEP_DB" = 1 ] || rm -f "$name" "$name-wal" "$name-shm"
  else
    pg postgres "SELECT pg_database_size('$name') / 1024" >"$dir/db-kib.txt"
    if [ "$KEEP_DB" != 1 ]; then pg_drop "$name"; fi
  fi
}

# ------------------------------------------------------------------ peer
run_peer() {
  if [ -n "${PEER_RESULTS:-}" ]; then
    [ -d "$PEER_RESULTS" ] || die "PEER_RESULTS=$PEER_RESULTS is not a folder"
    ln -sfn "$(cd "$PEER_RESULTS" && pwd)" "$OUT/peer"
    log "peer: reusing $PEER_RESULTS"
    return 0
  fi
  if [ "$SKIP_PEER" = 1 ] && [ "$SKIP_SQL" = 1 ]; then return 0; fi
  [ -x "$PEER_BENCH/run-peer.sh" ] || die "no peer harness at PEER_BENCH=$PEER_BENCH"
  mkdir -p "$PEER_SCRATCH"
  # a copy beside the repo (the harness writes beside itself); node_modules survives
  tar -C "$PEER_BENCH" --exclude=./out --exclude=node_modules -cf - . | tar -C "$PEER_SCRATCH" -xf -
  # The harness creates its role through `runuser -u postgres -- psql`, which inherits the
  # PGHOST/PGUSER=bench it exported itself, so on a server without that role it cannot log
  # in to create it. Create it (and its database, re-seeded by the harness) first.
  pg postgres "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench') THEN
        CREATE ROLE bench LOGIN SUPERUSER PASSWORD 'bench';
      END IF; END \$\$" >/dev/null
  [ -n "$(pg postgres "SELECT 1 FROM pg_database WHERE datname = 'wijk_bench'")" ] ||
    pg postgres "CREATE DATABASE wijk_bench" >/dev/null
  log "peer harness (PostGraphile: $([ "$SKIP_PEER" = 1 ] && echo skipped || echo "workers $PEER_WORKERS"), pgbench: $([ "$SKIP_SQL" = 1 ] && echo skipped || echo yes)); log: $OUT/peer.log"
  (cd "$PEER_SCRATCH" && OUT="$OUT/peer" PEER_WORKERS="$PEER_WORKERS" SKIP_PEER="$SKIP_PEER" \
     SKIP_SQL="$SKIP_SQL" WARMUP_S="$WARMUP_S" DURATION_S="$DURATION_S" KEEP_PG=1 \
     WAIT_QUIET="$WAIT_QUIET" BENCH_NICE="$BENCH_NICE" ./run-peer.sh) >"$OUT/peer.log" 2>&1 ||
    die "peer harness failed: $(tail -20 "$OUT/peer.log")"
  log "peer harness done"
}

# ------------------------------------------------------------------ meta
write_meta() {
  local commit pgv rustv pgl=""
  commit="${WIJKHUB_COMMIT:-$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)}"
  pgv=$(pg postgres "SELECT version()")
  rustv=$(rustc --version 2>/dev/null || echo unknown)
  [ ! -f "$PEER_SCRATCH/peers/postgraphile/node_modules/postgraphile/package.json" ] ||
    pgl=$(jq -r .version "$PEER_SCRATCH/peers/postgraphile/node_modules/postgraphile/package.json")
  jq -n --arg run "$RUN_ID" --arg lbl "$LABEL" --arg smoke "$SMOKE" \
    --arg nproc "$(nproc)" \
    --arg cpu "$(awk -F: '/model name/ { gsub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)" \
    --arg ram "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
    --arg os "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)" \
    --arg commit "$commit" --arg bin "$WIJKHUB_BIN" --arg binv "$("$WIJKHUB_BIN" --version)" \
    --arg rustc "$rustv" --arg pg "$pgv" --arg postgraphile "$pgl" \
    --arg pgsettings "$(pg postgres "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'work_mem', 'jit')")" \
    --arg wrk "$( (wrk -v 2>&1 || true) | awk 'NR == 1 { print $2 }')" \
    --arg sqlite "$(sqlite3 --version | awk '{ print $1 }')" \
    --arg projects "$PROJECTS" --arg warmup "$WARMUP_S" --arg duration "$DURATION_S" \
    --arg runs "$RUNS" --arg pool "${DB_POOL:-default}" --arg m1 "$M1_PROJECTS" \
    --arg peer_workers "$PEER_WORKERS" --arg nice "$BENCH_NICE" --arg ssl "$PG_SSLMODE" \
    '{run: $run, "label": $lbl, smoke: ($smoke == "1"), machine: {nproc: $nproc, cpu: $cpu, ram: $ram, os: $os},
      versions: {wijkhub_commit: $commit, wijkhub_binary: $bin, wijkhub_version: $binv, rustc: $rustc,
                 postgres: $pg, postgraphile: $postgraphile, wrk: $wrk, sqlite_cli: $sqlite},
      postgres_settings: $pgsettings,
      settings: {projects: ($projects | tonumber), warmup_s: $warmup, duration_s: $duration, runs: $runs,
                 db_pool: $pool, m1_projects: $m1, peer_workers: $peer_workers, bench_nice: $nice, pg_sslmode: $ssl}}' \
    >"$OUT/meta.json"
}

# ------------------------------------------------------------------ main
ensure_tools
locate_binary
: >"$OUT/labels.txt"
log "run folder: $OUT"

if [ "$SKIP_MAIN" != 1 ]; then
  run_peer
fi
write_meta
boost_priority

if [ "$SKIP_MAIN" != 1 ]; then
  for t in $TARGETS; do
    case "$t" in
      pg) one_target pg wijkhub-pg "$PROJECTS" "$OUT/wijkhub-pg" "$RUNS" ;;
      sqlite) one_target sqlite wijkhub-sqlite "$PROJECTS" "$OUT/wijkhub-sqlite" "$RUNS" ;;
      *) die "TARGETS: unknown '$t' (pg, sqlite)" ;;
    esac
  done
fi

if [ "$SCALING" = 1 ]; then
  for n in $SCALING_SIZES; do
    one_target pg "scaling-$n" "$n" "$OUT/scaling/$n" "$SCALING_RUNS"
  done
fi
restore_priority

python3 "$BENCH/lib/report.py" "$OUT" >"$OUT/report.md" || die "report failed"
if [ "$SMOKE" != 1 ]; then
  mkdir -p "$BENCH/results"
  base="$BENCH/results/$(date -u +%Y-%m-%d)-$LABEL"
  cp "$OUT/report.md" "$base.md"
  python3 "$BENCH/lib/report.py" --json "$OUT" >"$base.json"
  log "results: $base.md (raw: $base.json)"
else
  log "report: $OUT/report.md"
fi

if [ ${#FAILURES[@]} -gt 0 ]; then
  for f in "${FAILURES[@]}"; do log "FAILED: $f"; done
  [ "$SMOKE" != 1 ] || die "smoke run failed"
fi
log "done"
