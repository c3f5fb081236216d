#!/usr/bin/env bash
# Starts a private PostgreSQL 15 on 127.0.0.1:${BENCH_PG_PORT:-55433} in a temporary directory,
# creates a database, runs bench/load_cases.py against it (arguments are passed on), and stops
# the server and removes its files on exit, however the run ends.
#
#   bench/run_pg.sh                      # 1,000,000 cases
#   bench/run_pg.sh --cases 100000       # a quicker run
#
# Needs root (the server runs as the postgres user) and /usr/lib/postgresql/15/bin.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${BENCH_PG_PORT:-55433}
PYTHON=${PYTHON:-.venv/bin/python}
DIR=$(mktemp -d /tmp/redress-bench-pg.XXXXXX)
chown postgres:postgres "$DIR"
chmod 700 "$DIR"

stop() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$DIR"
}
trap stop EXIT

runuser -u postgres -- "$PG_BIN/initdb" -D "$DIR/data" --auth=trust -E UTF8 --locale=C.UTF-8 \
  >/dev/null
# Memory sized for a machine with a few GB to spare; durability (fsync, synchronous_commit)
# left at the defaults, as in production.
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c shared_buffers=1GB -c work_mem=32MB \
      -c maintenance_work_mem=512MB -c effective_cache_size=4GB -c max_wal_size=4GB" \
  start >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" redress

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/redress"
"$PYTHON" bench/load_cases.py "$@"
