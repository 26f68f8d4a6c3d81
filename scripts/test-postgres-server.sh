#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the test suite and prints its address.
#   eval "$(scripts/test-postgres-server.sh start)"   # exports QUNDECK_TEST_POSTGRES
#   scripts/test-postgres-server.sh stop
# The data directory lives under ${TMPDIR:-/tmp} and is deleted on stop. fsync is off: nothing here must survive
# a crash. As root, the server runs as the `postgres` user (initdb refuses root).
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "test-postgres-server: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
dir="${TMPDIR:-/tmp}/qundeck-test-postgres"
port="${QUNDECK_TEST_POSTGRES_PORT:-55432}"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        : # already running
    else
        rm -rf "$dir"
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown postgres "$dir"
        as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
            "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=500" \
            start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    fi
    echo "export QUNDECK_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
    ;;
stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
