#!/usr/bin/env bash
# The import/export benchmark on a private, durable PostgreSQL 15 (fsync and synchronous
# commit on), port ${BENCH_PG_PORT:-55447}; arguments go to bench/dataio_bench.py.
#   bench/dataio_pg.sh                 # 1,000,000 records
#   bench/dataio_pg.sh --rows 100000   # a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_PG_PORT=${BENCH_PG_PORT:-55447}
exec bench/with_postgres.sh "${PYTHON:-.venv/bin/python}" bench/dataio_bench.py "$@"
