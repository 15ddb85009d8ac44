#!/usr/bin/env bash
# Metering benchmark (figures, not a test): 100,000 synthetic object-store usage events written onto a running
# Nubo's Kafka topic, events/s until their GiB-hours are all visible in the rating API's /v2/summary, then the
# time from one event to its usage being visible (p50, max). CloudKitty's default period is an hour.
#   bench/metering.sh [--data-dir DIR] [--port-base N] [--events 100000] [--samples 20]
# Uses the Kafka client from the all-in-one jar (build it first). Loopback only.
# Leaves its bench* projects' usage in the ledger; run it on a quiet ledger (it waits for its own GiB-hours on top of
# what is there when it starts).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="$HOME/.nubo" port_base=8780 events=100000 samples=20
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir="$2"; shift ;;
    --port-base) port_base="$2"; shift ;;
    --events) events="$2"; shift ;;
    --samples) samples="$2"; shift ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
gw="http://127.0.0.1:$port_base"
jar="$ROOT/all-in-one/target/nubo-all-in-one.jar"
[ -f "$jar" ] || { echo "no $jar: build it (./nubo up builds it)" >&2; exit 1; }
work="$(mktemp -d /tmp/nubo-metering-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
unzip -q "$jar" 'BOOT-INF/lib/*' -d "$work"
lib="$work/BOOT-INF/lib"
password="$(cat "$data_dir/data/admin-password" 2>/dev/null || cat "$data_dir/admin-password")"
token="$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "$gw/identity/v3/auth/tokens" -d '{"auth":
  {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"},
  "password": "'"$password"'"}}}, "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}' \
  | awk 'tolower($1) == "x-subject-token:" {print $2}' | tr -d '\r')"
echo "$(nproc) cores, $(java -version 2>&1 | head -1)"
java -Xmx256m -cp "$lib/*" "$ROOT/bench/MeteringBench.java" "$gw" "127.0.0.1:$((port_base + 10))" "$token" \
  "$events" "$samples"
