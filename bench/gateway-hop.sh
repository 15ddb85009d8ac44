#!/usr/bin/env bash
# What the gateway hop costs (figures, not a test): the same object requests through the gateway and straight to
# the object store, against a Nubo that is up (./nubo up):
#   - 64 MiB PUT and GET with curl, ROUNDS times each (MiB/s of each round, so the spread shows);
#   - 4 KiB PUT and GET with wrk (-t2 -c16, DURATION seconds each), req/s and p50/p99 latency.
#   bench/gateway-hop.sh [--data-dir DIR] [--port-base N] [--rounds 5] [--duration 10]
# Loopback only. Leaves its container bench-hop-* behind (delete it with `swift delete`).
set -euo pipefail
data_dir="$HOME/.nubo" port_base=8780 rounds=5 duration=10
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir="$2"; shift ;;
    --port-base) port_base="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
pw_file="$data_dir/data/admin-password"; [ -f "$pw_file" ] || pw_file="$data_dir/admin-password"
body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' "$(cat "$pw_file")")
resp=$(curl -fsS -i -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port_base/identity/v3/auth/tokens")
token=$(printf '%s' "$resp" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
project=$(printf '%s' "$resp" | tr -d '\r' | sed -n '/^{/,$p' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["project"]["id"])')
container="bench-hop-$$"
declare -A base=([gateway]="http://127.0.0.1:$port_base/object-store/v1/AUTH_$project"
                 [direct]="http://127.0.0.1:$((port_base + 3))/v1/AUTH_$project")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
head -c $((64 << 20)) /dev/urandom >"$work/large"
head -c 4096 /dev/urandom >"$work/small"
curl -fsS -o /dev/null -X PUT -H "X-Auth-Token: $token" "${base[direct]}/$container"
mibs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M) UTC"
for path in gateway direct; do
  url="${base[$path]}/$container"
  put="" get=""
  for i in $(seq "$rounds"); do
    r=$(curl -fsS -o /dev/null -w '%{size_upload} %{time_total}' -X PUT -H "X-Auth-Token: $token" \
        -H 'Expect:' --data-binary @"$work/large" "$url/large")
    put="$put $(mibs $r)"
    r=$(curl -fsS -o /dev/null -w '%{size_download} %{time_total}' -H "X-Auth-Token: $token" "$url/large")
    get="$get $(mibs $r)"
  done
  echo "$path 64 MiB PUT MiB/s:$put"
  echo "$path 64 MiB GET MiB/s:$get"
  curl -fsS -o /dev/null -X PUT -H "X-Auth-Token: $token" --data-binary @"$work/small" "$url/small"
  cat >"$work/put.lua" <<EOF
wrk.method = "PUT"
wrk.headers["X-Auth-Token"] = "$token"
local f = io.open("$work/small", "rb"); wrk.body = f:read("*a"); f:close()
local n = 0
request = function() n = n + 1; return wrk.format(nil, "$url/small-" .. n % 1000) end
EOF
  for op in PUT GET; do
    if [ "$op" = PUT ]; then out=$(wrk -t2 -c16 -d"${duration}s" --latency -s "$work/put.lua" "$url/small")
    else out=$(wrk -t2 -c16 -d"${duration}s" --latency -H "X-Auth-Token: $token" "$url/small"); fi
    errors=$(printf '%s\n' "$out" | awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }')
    printf '%s 4 KiB %s: %s req/s, p50 %s, p99 %s %s\n' "$path" "$op" \
      "$(printf '%s\n' "$out" | awk '/Requests\/sec/ { print $2 }')" \
      "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')" \
      "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')" "$errors"
  done
done
