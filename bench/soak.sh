#!/usr/bin/env bash
# Sustained mixed load through the gateway (issue 14's soak; figures, not a test): starts a Nubo all-in-one of its
# own (./nubo up --detach --port-base P, in a throw-away data directory), drives C workers for N minutes through
# the gateway only (loopback) with bench/SoakBench.java: password token issue and validation, Swift object PUT,
# HEAD, GET, listing and DELETE of small objects, Glance image create, upload of a small file, show, list and
# delete. Prints one line a minute (requests, errors by status or exception, p50/p95/p99 per call kind, the JVM's
# RSS and heap used, the load average), then a summary; checks that the account and the image list are back to
# where they started. Exit status 0 only with no error and nothing left behind.
#   bench/soak.sh [--minutes 10] [--concurrency 16] [--port-base 8880]
# A JDK driver rather than ab/wrk: the flows chain answers (an image's id, the object's bytes and ETag) and count
# per call kind and per minute, which neither does. It stops only the Nubo it started (./nubo down on its own data
# directory: the PID that up recorded); the data directory is removed at the end unless the run failed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
minutes=10 concurrency=16 port_base=8880
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift ;;
    --concurrency) concurrency="$2"; shift ;;
    --port-base) port_base="$2"; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "bench/soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free "$port_base" || { echo "bench/soak.sh: port $port_base is taken (--port-base N)" >&2; exit 1; }

work=$(mktemp -d /tmp/nubo-soak.XXXXXX)
nubo_dir="$work/nubo" nubo_started=false keep=true
cleanup() {
  $nubo_started && { "$ROOT/nubo" down --data-dir "$nubo_dir" >/dev/null 2>&1 || true; }
  if $keep; then echo "bench/soak.sh: kept $work (the all-in-one's log: $nubo_dir/nubo.log)" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "# $(date -u '+%F %T') UTC, Nubo $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg); ./nubo up --detach --port-base $port_base --data-dir $nubo_dir"
nubo_started=true
if ! "$ROOT/nubo" up --detach --data-dir "$nubo_dir" --port-base "$port_base" >"$work/nubo-up.log" 2>&1; then
  # up gives a start 90 s; on a busy shared machine it may need longer: wait up to 5 more minutes if it still runs
  pid=$(cat "$nubo_dir/nubo.pid" 2>/dev/null || true)
  for _ in $(seq 1 300); do
    { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; } || break
    grep -q '^Nubo is ready' "$nubo_dir/nubo.log" && break
    sleep 1
  done
  grep -q '^Nubo is ready' "$nubo_dir/nubo.log" 2>/dev/null || { tail "$work/nubo-up.log" >&2; exit 1; }
fi
pid=$(cat "$nubo_dir/nubo.pid")
echo "# ready $(awk '/^Nubo is ready/{print; exit}' "$nubo_dir/nubo.log" | grep -o 'in [0-9.]* s' || echo '?');" \
  "pid $pid, load $(cut -d' ' -f1-3 /proc/loadavg)"
gw="http://127.0.0.1:$port_base"
pw_file="$nubo_dir/data/admin-password"; [ -f "$pw_file" ] || pw_file="$nubo_dir/admin-password"
password=$(cat "$pw_file")
body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' "$password")
project=$(curl -fsS -H 'Content-Type: application/json' -d "$body" "$gw/identity/v3/auth/tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["project"]["id"])')

rc=0
java -Xmx256m -XX:+UseSerialGC "$ROOT/bench/SoakBench.java" "$gw" "$project" "$password" "$pid" "$minutes" \
  "$concurrency" || rc=$?
[ "$rc" = 0 ] && keep=false
exit "$rc"
