#!/usr/bin/env bash
# The floor under the sales benchmark: how many minimal PIN sales per second this machine's PostgreSQL commits
# (limit-sale.sql: one sale per transaction). Run by `npm run bench` just before its load; runs alone too.
# Usage: bench/limit/limit.sh [seconds=15] [clients=8]
# PGHOST, PGPORT, PGUSER (default 127.0.0.1, 5432, postgres) as for psql; a database of its own, dropped after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-15}; clients=${2:-8}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db="limit_bench_$(date +%s)_$$"
drop() { psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; }
trap drop EXIT
psql -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" >/dev/null
psql -q -d "$db" -v ON_ERROR_STOP=1 -f "$here/limit-schema.sql" >/dev/null 2>&1
psql -q -d "$db" -c 'VACUUM ANALYZE' >/dev/null
tps=$(pgbench -n -c "$clients" -j 2 -T "$secs" -f "$here/limit-sale.sql" "$db" 2>/dev/null |
  sed -n 's/^tps = \([0-9.]*\).*/\1/p')
echo "{\"limitSalesPerSec\": ${tps:-0}, \"clients\": $clients, \"seconds\": $secs}"
