#!/usr/bin/env bash
# Metering benchmark (figures, not a test): 100,000 synthetic object-store usage events written onto a running
# Nubo's Kafka topic, events/s until their GiB-hours are all visible in the rating API's /v2/summary, then the
# time from one event to its usage being visible (p50, max). CloudKitty's default period is an hour.
#   bench/metering.sh [--data-dir DIR] [--port-base N] [--events 100000] [--samples 20]
# Needs the all-in-one built (./nubo up extracts its libraries into all-in-one/target/cds/app/lib). Loopback only.
# Leaves its bench* projects' usage in the ledger.
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
lib="$ROOT/all-in-one/target/cds/app/lib"
[ -d "$lib" ] || { echo "no $lib: run ./nubo up once (it extracts the all-in-one's libraries)" >&2; exit 1; }
password="$(cat "$data_dir/data/admin-password" 2>/dev/null || cat "$data_dir/admin-password")"
token="$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "$gw/identity/v3/auth/tokens" -d '{"auth":
  {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"},
  "password": "'"$password"'"}}}, "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}' \
  | awk 'tolower($1) == "x-subject-token:" {print $2}' | tr -d '\r')"
echo "$(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -Xmx256m -cp "$lib/*" "$ROOT/bench/MeteringBench.java" "$gw" "127.0.0.1:$((port_base + 10))" "$token" \
  "$events" "$samples"
