#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (Debian's `postgresql` package).
#   pg_server.sh start STATE_DIR   initdb in a temp dir, start on a free loopback
#                                  port, write the URL to STATE_DIR/url
#   pg_server.sh stop STATE_DIR    stop it and remove its files
#   pg_server.sh halt STATE_DIR    stop it (as a crash would), keeping its files
#   pg_server.sh resume STATE_DIR  start a halted server again on the same port
# The server refuses to run as root, so as root it runs as the `postgres` user.
# ctest runs `start` as a fixture setup and `stop` as its cleanup, which runs
# even when tests fail.
set -euo pipefail
cmd=${1:?start or stop}
state=${2:?state dir}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n $bin && -x $bin/initdb ]] || { echo "pg_server.sh: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Tests trade durability for speed; GENOPS_PG_DURABLE=1 (the benchmarks) keeps the defaults.
fast="-c fsync=off -c synchronous_commit=off"
[[ ${GENOPS_PG_DURABLE:-0} == 1 ]] && fast=""

case $cmd in
start)
  mkdir -p "$state"
  [[ -f $state/data_dir ]] && "$0" stop "$state" || true
  data=$(mktemp -d "${TMPDIR:-/tmp}/genops-pg-XXXXXX")
  chmod 755 "$data"
  [[ $(id -u) -eq 0 ]] && chown postgres "$data"
  echo "$data" >"$state/data_dir"
  as_server_user "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 ||
    { cat "$data/initdb.log" >&2; exit 1; }
  # A free port can be taken between the probe and the bind: try a few.
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if as_server_user "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 $fast -c max_connections=200" \
        start >/dev/null; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$state/url"
      echo "$port" >"$state/port"
      exit 0
    fi
  done
  cat "$data/server.log" >&2
  exit 1
  ;;
stop)
  [[ -f $state/data_dir ]] || exit 0
  data=$(cat "$state/data_dir")
  as_server_user "$bin/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$data" "$state/data_dir" "$state/url" "$state/port"
  ;;
halt)
  data=$(cat "$state/data_dir")
  as_server_user "$bin/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null
  ;;
resume)
  data=$(cat "$state/data_dir")
  port=$(cat "$state/port")
  as_server_user "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 $fast -c max_connections=200" \
    start >/dev/null
  ;;
*)
  echo "usage: pg_server.sh start|stop|halt|resume STATE_DIR" >&2
  exit 2
  ;;
esac
