#!/usr/bin/env bash
# Prints how long `./nubo up` takes to be ready and how much memory the JVM holds, on a fresh data directory and
# on a restart of the same one. Figures only; not a test. Uses ports 8780-8791 (or --port-base N).
#   bench/startup.sh [--port-base N]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
base_args=("$@")
dir="$(mktemp -d /tmp/nubo-bench.XXXXXX)"
trap '"$ROOT/nubo" down --data-dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT

"$ROOT/nubo" up --detach --data-dir "$dir" ${base_args[@]+"${base_args[@]}"} >/dev/null   # builds if needed
"$ROOT/nubo" down --data-dir "$dir" >/dev/null
rm -rf "$dir"; mkdir -p "$dir"

measure() {
  local label=$1 t0 t1 pid
  t0=$(date +%s.%N)
  "$ROOT/nubo" up --detach --data-dir "$dir" ${base_args[@]+"${base_args[@]}"} >/dev/null
  t1=$(date +%s.%N)
  pid=$(cat "$dir/nubo.pid")
  local rss_ready rss_rest
  rss_ready=$(( $(ps -o rss= -p "$pid") / 1024 ))
  sleep 30
  rss_rest=$(( $(ps -o rss= -p "$pid") / 1024 ))
  printf '%-14s ready in %5.1f s (launcher: %s)   RSS at ready %4d MB, after 30 s at rest %4d MB\n' \
    "$label" "$(awk "BEGIN{print $t1 - $t0}")" "$(grep -o 'ready in [0-9.]* s' "$dir/nubo.log" | head -1)" \
    "$rss_ready" "$rss_rest"
  "$ROOT/nubo" down --data-dir "$dir" >/dev/null
}

echo "Nubo all-in-one startup on $(nproc) cores, $(java -version 2>&1 | head -1)"
measure "first start"
measure "restart"
