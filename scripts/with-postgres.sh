#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: start it on a free loopback port,
# export DATABASE_URL, run "$@", then stop the server and delete its data, whatever happens.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (install the 'postgresql' package)." >&2
  exit 1
fi

PGDATA=$(mktemp -d)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PGHOST=127.0.0.1 PGPORT
if [ "$(id -u)" = "0" ]; then
  # The server refuses to run as root: run it as the postgres system user.
  chown postgres:postgres "$PGDATA"
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
  export PGUSER=postgres
else
  as_pg() { "$@"; }
  export PGUSER=$(id -un)
fi
chmod 700 "$PGDATA"

cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$PGDATA" -U "$PGUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
  start >/dev/null
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U "$PGUSER" crossborder

export DATABASE_URL="postgres://$PGUSER@127.0.0.1:$PGPORT/crossborder"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
"$@"
