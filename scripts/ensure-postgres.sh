#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries (initdb, pg_ctl, postgres) are installed for the tests of
# osprey-storage-postgres, which start their own server. Quick and idempotent: when the binaries are
# present it only looks; otherwise (a fresh CI machine) it runs apt-get update once and installs the
# Debian `postgresql` package. The package's own cluster is not needed: the tests initdb their own.
set -euo pipefail
have_pg() {
  [ -n "${OSPREY_PG_BIN:-}" ] && [ -x "$OSPREY_PG_BIN/initdb" ] && return 0
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && return 0
  done
  return 1
}
if have_pg; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "PostgreSQL binaries are missing and apt-get is not available: install PostgreSQL 13+ server binaries (or set OSPREY_PG_BIN)" >&2
  exit 1
fi
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing PostgreSQL (tests of osprey-storage-postgres need initdb/pg_ctl)" >&2
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql
have_pg
