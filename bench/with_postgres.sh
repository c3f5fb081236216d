#!/usr/bin/env bash
# Runs a command against a private, durable PostgreSQL 15 on loopback (fsync and synchronous
# commit left on, as in production), then stops it. The command sees DATABASE_URL.
#   bench/with_postgres.sh .venv/bin/python bench/open311_load.py
set -euo pipefail
PG_BIN=/usr/lib/postgresql/15/bin
PORT=${BENCH_PG_PORT:-55440}
DIR=$(mktemp -d /tmp/redress-bench-pg.XXXXXX)
chown postgres:postgres "$DIR"
cleanup() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
runuser -u postgres -- "$PG_BIN/initdb" -D "$DIR/data" --auth=trust -E UTF8 --locale=C.UTF-8 \
  >/dev/null
# Memory settings sized for a 24 GB machine; durability settings left at their defaults.
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c shared_buffers=1GB -c work_mem=32MB \
   -c maintenance_work_mem=512MB -c max_connections=100 -c effective_cache_size=8GB" start \
  >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" redress
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/redress"
"$@"
