#!/usr/bin/env bash
# Object store benchmark (figures, not a test): 4 KiB PUT and GET at concurrency 16 (ops/s, p50, p99), one
# 64 MiB PUT and GET (MB/s), listing a 10,000-object container. Runs against a Nubo that is up (./nubo up), or
# any Swift given its storage URL and token, so the same figures can be had from OpenStack Swift side by side.
#   bench/object-store.sh [--data-dir DIR] [--port-base N] [--concurrency 16] [--ops 4000] [--large-mib 64]
#   bench/object-store.sh --storage-url http://127.0.0.1:8080/v1/AUTH_x --token TOKEN      # another Swift
# Loopback endpoints only. Leaves its bench-* containers behind (delete them with `swift delete`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
data_dir="$HOME/.nubo" port_base=8780 concurrency=16 ops=4000 large=64 listing=10000 url="" token=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir="$2"; shift ;;
    --port-base) port_base="$2"; shift ;;
    --concurrency) concurrency="$2"; shift ;;
    --ops) ops="$2"; shift ;;
    --large-mib) large="$2"; shift ;;
    --listing) listing="$2"; shift ;;
    --storage-url) url="$2"; shift ;;
    --token) token="$2"; shift ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$url" ]; then
  pw_file="$data_dir/data/admin-password"; [ -f "$pw_file" ] || pw_file="$data_dir/admin-password"
  password="$(cat "$pw_file")"
  identity="http://127.0.0.1:$port_base/identity/v3"
  body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' "$password")
  resp=$(curl -fsS -i -H 'Content-Type: application/json' -d "$body" "$identity/auth/tokens")
  token=$(printf '%s' "$resp" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
  project=$(printf '%s' "$resp" | tr -d '\r' | sed -n '/^{/,$p' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["project"]["id"])')
  url="http://127.0.0.1:$port_base/object-store/v1/AUTH_$project"
fi
echo "$(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -Xmx256m "$ROOT/bench/ObjectStoreBench.java" "$url" "$token" "$concurrency" "$ops" "$large" "$listing"
