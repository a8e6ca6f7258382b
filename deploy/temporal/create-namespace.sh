#!/bin/sh
# One-shot set-up of the Temporal namespace Cutover uses: the `temporal-namespace` service of
# docker-compose.yml runs it in the temporalio/admin-tools image once the server is up.
#
#  1. waits until the server answers its health check;
#  2. creates the namespace if it does not exist, and keeps its retention at $NAMESPACE_RETENTION
#     (default 720h, 30 days: closed migrations are the audit trail; Temporal's default is 72h);
#  3. registers the CutoverStep and CutoverWave keyword search attributes. The migration workflow
#     sets CutoverStep when it starts and on every step change, a wave sets CutoverWave on itself
#     and its groups, and Temporal refuses to start a workflow that sets an unregistered search
#     attribute, so `cutover init` and `cutover wave init` would fail without them.
#
# Every step accepts what already exists, so the job can run on every `docker compose up`.
set -eu

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${DEFAULT_NAMESPACE:-default}"
retention="${NAMESPACE_RETENTION:-720h}"
tries="${WAIT_TRIES:-60}"
attributes="CutoverStep CutoverWave"

host="${address%:*}"
port="${address##*:}"

# Some images resolve the service name to an address the CLI cannot dial; use the first IPv4 one.
ip="$(getent ahosts "$host" 2>/dev/null | awk '$2 == "STREAM" && $1 ~ /^[0-9.]+$/ { print $1; exit }' || true)"
if [ -n "$ip" ]; then
  address="$ip:$port"
fi

# retry DESCRIPTION COMMAND...: runs COMMAND until it succeeds, at most $tries times, 3s apart.
retry() {
  what="$1"
  shift
  n=0
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge "$tries" ]; then
      echo "create-namespace: gave up waiting for $what after $tries tries;" \
        "check the server with: docker compose logs temporal" >&2
      exit 1
    fi
    echo "create-namespace: $what: not yet (try $n of $tries); retrying in 3s"
    sleep 3
  done
}

server_healthy() {
  temporal operator cluster health --address "$address" >/dev/null 2>&1
}

ensure_namespace() {
  if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
    # An existing namespace (created by hand, or before this setting) gets the retention too.
    temporal operator namespace update --namespace "$namespace" --retention "$retention" --address "$address" \
      >/dev/null && echo "create-namespace: namespace $namespace keeps closed workflows $retention"
    return
  fi
  if out="$(temporal operator namespace create --namespace "$namespace" --retention "$retention" \
      --address "$address" 2>&1)"; then
    echo "create-namespace: created namespace $namespace (closed workflows kept $retention)"
    return 0
  fi
  case "$out" in
    *"already exists"* | *"AlreadyExists"*) return 0 ;;
  esac
  echo "$out" >&2
  return 1
}

ensure_attribute() {
  attribute="$1"
  if temporal operator search-attribute list --namespace "$namespace" --address "$address" 2>/dev/null \
      | grep -qw "$attribute"; then
    return 0
  fi
  if out="$(temporal operator search-attribute create --name "$attribute" --type Keyword \
      --namespace "$namespace" --address "$address" 2>&1)"; then
    echo "create-namespace: registered search attribute $attribute (Keyword) in namespace $namespace"
    return 0
  fi
  case "$out" in
    *"already exists"* | *"AlreadyExists"*) return 0 ;;
  esac
  echo "$out" >&2
  return 1
}

echo "create-namespace: waiting for the Temporal server at $address (at most $tries tries)"
retry "the Temporal server at $address" server_healthy
retry "namespace $namespace" ensure_namespace
# A new namespace takes a few seconds to reach every server role: keep trying until it is usable.
for attribute in $attributes; do
  retry "search attribute $attribute in namespace $namespace" ensure_attribute "$attribute"
done

echo "create-namespace: namespace $namespace is ready, with search attributes $attributes"
