#!/usr/bin/env bash
# PostgreSQL (tracker store) and Redis (lock store) as instances private to this project, listening on 127.0.0.1
# only, their data under DIR: used by `make serve-scale` and tests/scale, so neither depends on system services.
# Installs the Debian packages when absent. The database password is drawn once, kept in DIR/db_password (0600).
#   datastores.sh start DIR PG_PORT REDIS_PORT    datastores.sh stop DIR
#   datastores.sh postgres DIR stop|restart       PostgreSQL alone, as in maintenance (tests/reliability); restart
#                                                 also starts a stopped server, with the options of its last start
#   datastores.sh redis DIR stop|start            Redis alone (tests/reliability), started again on its last port
set -euo pipefail
command=$1 dir=$(realpath -m "$2")
pg=$dir/postgres

as_postgres() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ ${#missing[@]} = 0 ] && return
  [ "$(id -u)" = 0 ] || { echo "Installez d'abord : sudo apt-get install ${missing[*]}" >&2; exit 1; }
  echo "==> Installation des paquets Debian : ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
}

start_postgres() {  # port
  local bin psql
  bin=$(pg_bin)
  if [ ! -s "$pg/PG_VERSION" ]; then
    mkdir -p "$pg"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$pg"; chmod 711 "$dir"; fi
    as_postgres "$bin/initdb" -D "$pg" -E UTF8 --locale=C --auth-local=peer --auth-host=scram-sha-256 >"$dir/initdb.log"
  fi
  as_postgres "$bin/pg_ctl" -D "$pg" status >/dev/null ||
    as_postgres "$bin/pg_ctl" -D "$pg" -l "$pg/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $1 -k $pg" start >/dev/null ||
    { tail -n 20 "$pg/server.log" >&2; exit 1; }
  psql=(as_postgres "$bin/psql" -h "$pg" -p "$1" -d postgres -qtAX -v ON_ERROR_STOP=1)
  [ -s "$dir/db_password" ] || (umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$dir/db_password")
  [ -n "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'rasa'")" ] ||
    "${psql[@]}" -c "CREATE ROLE rasa LOGIN"
  # The file is the reference; through stdin, the password never shows in `ps`.
  echo "ALTER ROLE rasa PASSWORD '$(cat "$dir/db_password")'" | "${psql[@]}"
  [ -n "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'rasa'")" ] ||
    "${psql[@]}" -c "CREATE DATABASE rasa OWNER rasa"
}

start_redis() {  # port; locks live a minute at most, so nothing is saved to disk
  if [ -s "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then return; fi
  echo "$1" >"$dir/redis.port"
  redis-server --bind 127.0.0.1 --port "$1" --protected-mode yes --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  for _ in $(seq 50); do
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ] && return
    sleep 0.2
  done
  tail -n 20 "$dir/redis.log" >&2
  exit 1
}

stop_redis() {
  local pid
  pid=$(cat "$dir/redis.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

stop() {
  if [ -f "$pg/postmaster.pid" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$pg" -m fast -w stop >/dev/null; fi
  stop_redis
}

usage() {
  echo "usage: $0 start DIR PG_PORT REDIS_PORT | stop DIR | postgres DIR stop|restart | redis DIR stop|start" >&2
  exit 2
}

case $command in
  start) install_missing; mkdir -p "$dir"; start_postgres "$3"; start_redis "$4" ;;
  stop) stop ;;
  postgres) case ${3:-} in
    stop | restart) as_postgres "$(pg_bin)/pg_ctl" -D "$pg" -l "$pg/server.log" -m fast -w -t 60 "$3" >/dev/null ;;
    *) usage ;;
  esac ;;
  redis) case ${3:-} in
    stop) stop_redis ;;
    start) start_redis "$(cat "$dir/redis.port")" ;;
    *) usage ;;
  esac ;;
  *) usage ;;
esac
