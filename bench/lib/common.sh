# shellcheck shell=bash
# Helpers for bench/run.sh (sourced).

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# psql against the bench's PostgreSQL server as the admin role, tab-separated, no headers.
#   pg DB SQL
pg() {
  local db="$1"
  shift
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" -XAtq -v ON_ERROR_STOP=1 -F $'\t' -c "$*"
}

pg_url() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; }

# Create (after dropping) a database; refuse names without the bench prefix.
pg_recreate() {
  local db="$1"
  case "$db" in wijkhub_bench*) ;; *) die "refusing to recreate '$db': bench databases start with wijkhub_bench" ;; esac
  pg postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  pg postgres "CREATE DATABASE $db" >/dev/null
}

pg_drop() {
  local db="$1"
  case "$db" in wijkhub_bench*) ;; *) die "refusing to drop '$db'" ;; esac
  pg postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
}

# Stop a process this script started, by PID: SIGTERM, then SIGKILL after 10 s.
stop_pid() {
  local pid="$1" i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.25
  done
  log "PID $pid ignored SIGTERM for 10 s; SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Busy jiffies of the whole machine (all CPUs).
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# Wait (at most QUIET_MAX_WAIT_S) until the machine is nearly idle: busy below
# QUIET_PCT % of one core over a second. Prints the seconds waited.
wait_quiet() {
  local start b0 b1 busy waited hz
  [ "${WAIT_QUIET:-1}" = 1 ] || { echo 0; return 0; }
  hz=$(getconf CLK_TCK); start=$(date +%s)
  while :; do
    b0=$(busy_jiffies); sleep 1; b1=$(busy_jiffies)
    busy=$(( (b1 - b0) * 100 / hz ))
    waited=$(( $(date +%s) - start ))
    if [ "$busy" -lt "${QUIET_PCT:-25}" ] || [ "$waited" -ge "${QUIET_MAX_WAIT_S:-30}" ]; then
      echo "$waited"; return 0
    fi
  done
}

# ---------------------------------------------------------------- priority
# As root, raise the CPU priority of this session (server, wrk) and of
# PostgreSQL while measuring, as the peer harness does, so that unrelated work
# on a shared machine disturbs less. With scheduler autogroups the session's
# nice value is what counts (/proc/PID/autogroup). Restored by restore_priority.
PRIO_RESTORE=()
set_priority() {   # PID NICE
  local pid="$1" nice="$2" old
  if [ -w "/proc/$pid/autogroup" ]; then
    old=$(awk '{ print $3 }' "/proc/$pid/autogroup")
    echo "$nice" >"/proc/$pid/autogroup" 2>/dev/null || return 0
    PRIO_RESTORE+=("$pid autogroup $old")
  else
    old=$(ps -o ni= -p "$pid" | tr -d ' ')
    renice -n "$nice" -p "$pid" >/dev/null 2>&1 || return 0
    PRIO_RESTORE+=("$pid renice $old")
  fi
}

restore_priority() {
  local e pid kind old
  for e in "${PRIO_RESTORE[@]}"; do
    read -r pid kind old <<<"$e"
    kill -0 "$pid" 2>/dev/null || continue
    if [ "$kind" = autogroup ]; then echo "$old" >"/proc/$pid/autogroup" 2>/dev/null || true
    else renice -n "$old" -p "$pid" >/dev/null 2>&1 || true; fi
  done
  PRIO_RESTORE=()
}

boost_priority() {
  local nice="${BENCH_NICE:--15}" postmaster datadir pid
  [ "$nice" != off ] && [ "$(id -u)" = 0 ] || return 0
  set_priority $$ "$nice"
  datadir=$(pg "${PGDATABASE_ADMIN:-postgres}" "SHOW data_directory" 2>/dev/null || true)
  postmaster=$(head -1 "$datadir/postmaster.pid" 2>/dev/null || true)
  if [ -n "$postmaster" ] && [ -e "/proc/$postmaster/autogroup" ]; then
    set_priority "$postmaster" "$nice"
  elif [ -n "$postmaster" ]; then
    for pid in $(ps -u postgres -o pid=); do set_priority "$pid" "$nice"; done
  fi
  log "CPU priority raised (nice $nice) for this session and PostgreSQL; restored at exit"
}
