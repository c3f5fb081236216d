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
# The settings README.md recommends for production. Memory sized for a 24 GB machine.
# Durability left at its defaults (fsync, synchronous_commit, full_page_writes on). WAL room
# for a bulk import between checkpoints (a million-record import writes about 2.8 GB of WAL;
# with the default 1 GB, a checkpoint every 540 MB, and after each the first change to every
# page logs the whole page): max_wal_size, checkpoint_timeout, wal_buffers; lz4 for the full
# pages that remain. log_checkpoints shows in the log how often they come. random_page_cost
# 1.1: the database is read from memory (or SSD), where a random read costs about what a
# sequential one does; at the default (4) the foreign-key checks against the small reference
# tables (departments, users) scan the whole table for each row written.
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c shared_buffers=1GB -c work_mem=32MB \
   -c maintenance_work_mem=512MB -c max_connections=100 -c effective_cache_size=8GB \
   -c max_wal_size=8GB -c checkpoint_timeout=30min -c wal_buffers=64MB -c wal_compression=lz4 \
   -c random_page_cost=1.1 -c log_checkpoints=on" start \
  >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" redress
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/redress"
"$@"
