#!/usr/bin/env bash
# arms: A = schema as is; B = without the two redundant indexes
P="psql -h 127.0.0.1 -U postgres -d wexp -qAt"
busy() { awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat; }
run() { $P -c "VACUUM project, project_wijk, audit_log, change_log" ; $P -c "CHECKPOINT"; local b0=$(busy); local out=$(PGOPTIONS="-c synchronous_commit=off" pgbench -h 127.0.0.1 -U postgres -n -M prepared -c8 -j1 -T${T:-8} -D summary=bench -f m1.sql wexp 2>&1); local b1=$(busy); local tx=$(awk '/number of transactions actually processed/ {split($NF,a,"/"); print a[1]}' <<<"$out"); local tps=$(awk '/^tps/ {print $3}' <<<"$out"); awk -v t="$tps" -v b=$((b1-b0)) -v n="$tx" 'BEGIN {printf "tps %.0f  cpu ms/tx %.3f\n", t, b*10/n}'; }
for i in $(seq 1 ${N:-3}); do
  $P -c "CREATE INDEX IF NOT EXISTS ix_project_updated_at_id ON project (updated_at, id)" -c "CREATE INDEX IF NOT EXISTS ix_project_wijk_wijk_id_project_id ON project_wijk (wijk_id, project_id)" 2>/dev/null
  echo "A $i $(run)"
  $P -c "DROP INDEX ix_project_updated_at_id" -c "DROP INDEX ix_project_wijk_wijk_id_project_id"
  echo "B $i $(run)"
done
$P -c "CREATE INDEX IF NOT EXISTS ix_project_updated_at_id ON project (updated_at, id)" -c "CREATE INDEX IF NOT EXISTS ix_project_wijk_wijk_id_project_id ON project_wijk (wijk_id, project_id)"
