#!/usr/bin/env bash
# Runs a command (the server's test suite) with a PostgreSQL to test against, exported as
# FORMS_TEST_POSTGRES_URL. When one already listens (FORMS_TEST_POSTGRES_URL, or the
# machine's 127.0.0.1:5432 with database `test`), that one is used. Otherwise a throw-away
# cluster is made with Debian's postgresql binaries (installed if missing) in a temporary
# directory, on its own port, and removed when the command ends: the PostgreSQL tests always
# run, they are never skipped for want of a server.
#   .ci/with-postgres.sh cargo test
#   FORMS_PG_THROWAWAY=1 .ci/with-postgres.sh cargo test   # force the throw-away cluster
set -euo pipefail
say() { printf '==> %s\n' "$*" >&2; }

url=${FORMS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
if [ -z "${FORMS_PG_THROWAWAY:-}" ] && psql "$url" -qAtc 'SELECT 1' >/dev/null 2>&1; then
  export FORMS_TEST_POSTGRES_URL=$url
  exec "$@"
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  say "no PostgreSQL listens and none is installed: installing Debian's postgresql"
  for i in 1 2 3 4 5; do
    if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; then
      break
    fi
    say "apt-get failed (try $i), retrying in 10 s"; sleep 10
  done
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

dir=$(mktemp -d /tmp/forms-pg.XXXXXX)
# initdb refuses to run as root: the cluster belongs to an unprivileged user.
as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres
  getent passwd "$user" >/dev/null || user=nobody
  chown "$user" "$dir"
  as=(runuser -u "$user" --)
fi
port=${FORMS_PG_PORT:-55432}
stop() {
  "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
say "starting a throw-away PostgreSQL ($bindir) on 127.0.0.1:$port"
"${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
"${as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres test
export FORMS_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/test"
"$@"
