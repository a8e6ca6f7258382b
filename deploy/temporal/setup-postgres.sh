#!/bin/sh
# One-shot schema setup for Temporal on PostgreSQL: the `temporal-schema` service of
# docker-compose.yml runs it in the temporalio/admin-tools image before the server starts.
#
# Safe to run on every `docker compose up`: `create` accepts an existing database, `setup-schema`
# keeps a newer schema version, `update-schema` applies only the versions that are missing.
set -eu

host="${POSTGRES_SEEDS:-postgresql}"
port="${DB_PORT:-5432}"
user="${POSTGRES_USER:-temporal}"
plugin="${DB:-postgres12}"
tries="${WAIT_TRIES:-60}"
schema_dir="${SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"

if [ -z "${SQL_PASSWORD:-}" ]; then
  echo "setup-postgres: SQL_PASSWORD is not set; temporal-sql-tool needs the password of PostgreSQL user $user" >&2
  exit 1
fi

echo "setup-postgres: waiting for PostgreSQL at $host:$port (at most $tries tries, 2s apart)"
i=0
until nc -z -w 2 "$host" "$port" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge "$tries" ]; then
    echo "setup-postgres: PostgreSQL at $host:$port did not accept connections after $tries tries;" \
      "check it with: docker compose logs postgresql" >&2
    exit 1
  fi
  sleep 2
done

sql_tool() {
  temporal-sql-tool --plugin "$plugin" --ep "$host" -p "$port" -u "$user" "$@"
}

# database name, then the directory of its versioned schema under $schema_dir
for pair in temporal:temporal temporal_visibility:visibility; do
  db="${pair%%:*}"
  dir="$schema_dir/${pair#*:}/versioned"
  echo "setup-postgres: database $db (schema from $dir)"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$dir"
done

echo "setup-postgres: the temporal and temporal_visibility schemas are up to date"
