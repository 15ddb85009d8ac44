#!/usr/bin/env bash
# Nubo against its anchors, back to back on this machine (figures, not a test): installs and starts a Swift 2.30
# all-in-one and a Keystone 22 (PostgreSQL, uwsgi) from the anchor scripts in ../shared/anchors (next to the
# repository; or --anchors DIR), runs the anchors' own benchmarks against each of them and then against a Nubo
# started here (./nubo up --detach --port-base N, in a throw-away data directory), and prints one table:
# object 4 KiB PUT/GET at 16 connections, 64 MiB PUT/GET, listing 10,000 objects, token validation and issue at
# 16 connections, and the resident memory of everything that serves the figures (Nubo's one JVM; the Swift
# servers with memcached, and Keystone's uwsgi processes; PostgreSQL is not counted on either side).
#   bench/compare.sh [--anchors DIR] [--port-base 8880] [--only object|token] [--duration 15] [--quiet-wait 30]
# Only one side runs at a time (the anchor is stopped before Nubo starts), so the two never share the cores.
# Everything it started is stopped on exit, by PID (the anchors' stop scripts kill only the PIDs they recorded;
# Nubo by ./nubo down on its own data directory). Loopback only: the benchmarks refuse any other address.
# Needs root for the anchors' apt-get installs (skipped when the packages are there) and a PostgreSQL on
# 127.0.0.1:5432 that lets user postgres in (Keystone's database keystone_compare is re-created).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
anchors="" port_base=8880 only="" duration=15 quiet_wait=30
while [ $# -gt 0 ]; do
  case "$1" in
    --anchors) anchors="$2"; shift ;;
    --port-base) port_base="$2"; shift ;;
    --only) only="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --quiet-wait) quiet_wait="$2"; shift ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "bench/compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$only" in ""|object|token) ;; *) echo "bench/compare.sh: --only object or token" >&2; exit 2 ;; esac
if [ -z "$anchors" ]; then
  for d in "$ROOT/../shared/anchors" "$ROOT/../../shared/anchors"; do [ -x "$d/object-bench.sh" ] && anchors=$d && break; done
fi
for f in swift-saio.sh keystone-up.sh keystone-down.sh object-bench.sh token-bench.sh; do
  if [ -z "$anchors" ] || [ ! -x "$anchors/$f" ]; then
    echo "bench/compare.sh: the anchor scripts are missing (looked for $f in ${anchors:-$ROOT/../shared/anchors});" \
      "give their directory with --anchors DIR" >&2
    exit 2
  fi
done
anchors="$(cd "$anchors" && pwd)"
run_object() { [ "$only" != token ]; }
run_token() { [ "$only" != object ]; }

work=$(mktemp -d /tmp/nubo-compare.XXXXXX); chmod 755 "$work"   # the Swift servers run as user swift
export SAIO_DIR="$work/saio" KS_STATE="$work/keystone"
nubo_dir="$work/nubo"
swift_started=false keystone_started=false nubo_started=false
cleanup() {
  $swift_started && { "$anchors/swift-saio.sh" stop >/dev/null 2>&1 || true; }
  $keystone_started && { "$anchors/keystone-down.sh" >/dev/null 2>&1 || true; }
  $nubo_started && { "$ROOT/nubo" down --data-dir "$nubo_dir" >/dev/null 2>&1 || true; }
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "# $(date +%T) $*" >&2; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
export DURATION="$duration" QUIET_WAIT="$quiet_wait"

# RSS in MiB of the given PIDs and all their descendants
rss_tree() {
  local pids=("$@") all=() p kids
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}; pids=("${pids[@]:1}")
    [ -d "/proc/$p" ] || continue
    all+=("$p")
    kids=$(cat /proc/"$p"/task/*/children 2>/dev/null || true)
    for k in $kids; do pids+=("$k"); done
  done
  local kb=0 v
  for p in ${all[@]+"${all[@]}"}; do
    v=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0); kb=$((kb + ${v:-0}))
  done
  echo $((kb / 1024))
}

declare -A A N   # anchor and Nubo figures, by metric name
collect() {  # collect ARRAY-NAME FILE: "name value unit" lines into the array
  local -n into=$1
  local n v u
  while read -r n v u; do [ -n "${u:-}" ] && into[$n]=$v; done < <(grep -E '^[a-z0-9_]+ [0-9.]+ ' "$2" || true)
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
declare -A LOAD

# ---------------------------------------------------------------- anchors
if run_object; then
  port_free 8080 || { echo "bench/compare.sh: 127.0.0.1:8080 is taken (Swift's proxy needs it)" >&2; exit 1; }
  say "Swift SAIO: install (if needed) and start in $SAIO_DIR"
  "$anchors/swift-saio.sh" install >"$work/swift-install.log" 2>&1 || { tail "$work/swift-install.log" >&2; exit 1; }
  swift_started=true
  "$anchors/swift-saio.sh" start >"$work/swift-start.log" 2>&1 || { tail "$work/swift-start.log" >&2; exit 1; }
  eval "$("$anchors/swift-saio.sh" auth)"
  LOAD[swift]=$(load)
  say "object-bench against Swift ($STORAGE_URL), load ${LOAD[swift]}"
  WORK_DIR="$work/ob-swift" "$anchors/object-bench.sh" "$STORAGE_URL" "$TOKEN" >"$work/swift.txt"
  collect A "$work/swift.txt"
  mapfile -t spids < <(awk '{print $1}' "$SAIO_DIR/run/saio.pids")
  A[rss_object]=$(rss_tree "${spids[@]}")
  "$anchors/swift-saio.sh" stop >/dev/null 2>&1 || true; swift_started=false
fi
if run_token; then
  port_free 5000 || { echo "bench/compare.sh: 127.0.0.1:5000 is taken (Keystone needs it)" >&2; exit 1; }
  say "Keystone: install (if needed) and start on PostgreSQL in $KS_STATE"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS keystone_compare" >/dev/null
  keystone_started=true
  KS_RESET=1 KS_DB=postgresql://postgres@127.0.0.1/keystone_compare KS_PROCESSES=2 KS_THREADS=4 KS_CACHE=1 \
    KS_BCRYPT_ROUNDS=10 "$anchors/keystone-up.sh" >"$work/keystone-up.log" 2>&1 || { tail "$work/keystone-up.log" >&2; exit 1; }
  LOAD[keystone]=$(load)
  say "token-bench against Keystone, load ${LOAD[keystone]}"
  WORK_DIR="$work/tb-keystone" "$anchors/token-bench.sh" http://127.0.0.1:5000/v3 admin secret admin >"$work/keystone.txt"
  collect A "$work/keystone.txt"
  A[rss_token]=$(rss_tree "$(cat "$KS_STATE/uwsgi.pid")")
  "$anchors/keystone-down.sh" >/dev/null 2>&1 || true; keystone_started=false
fi

# ---------------------------------------------------------------- Nubo
port_free "$port_base" || { echo "bench/compare.sh: port $port_base is taken (--port-base N)" >&2; exit 1; }
say "Nubo: ./nubo up --detach --port-base $port_base --data-dir $nubo_dir"
nubo_started=true
"$ROOT/nubo" up --detach --data-dir "$nubo_dir" --port-base "$port_base" >"$work/nubo-up.log" 2>&1 \
  || { tail "$work/nubo-up.log" >&2; exit 1; }
gw="http://127.0.0.1:$port_base"
pw_file="$nubo_dir/data/admin-password"; [ -f "$pw_file" ] || pw_file="$nubo_dir/admin-password"
password=$(cat "$pw_file")
if run_object; then
  body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' "$password")
  resp=$(curl -fsS -i -H 'Content-Type: application/json' -d "$body" "$gw/identity/v3/auth/tokens")
  token=$(printf '%s' "$resp" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
  project=$(printf '%s' "$resp" | tr -d '\r' | sed -n '/^{/,$p' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["project"]["id"])')
  LOAD[nubo_object]=$(load)
  say "object-bench against Nubo, load ${LOAD[nubo_object]}"
  WORK_DIR="$work/ob-nubo" "$anchors/object-bench.sh" "$gw/object-store/v1/AUTH_$project" "$token" >"$work/nubo-object.txt"
  collect N "$work/nubo-object.txt"
fi
if run_token; then
  LOAD[nubo_token]=$(load)
  say "token-bench against Nubo, load ${LOAD[nubo_token]}"
  WORK_DIR="$work/tb-nubo" "$anchors/token-bench.sh" "$gw/identity/v3" admin "$password" admin >"$work/nubo-token.txt"
  collect N "$work/nubo-token.txt"
fi
N[rss]=$(rss_tree "$(cat "$nubo_dir/nubo.pid")")
"$ROOT/nubo" down --data-dir "$nubo_dir" >/dev/null 2>&1 || true; nubo_started=false

# ---------------------------------------------------------------- table
# ratio: how many times better Nubo is (Nubo/anchor for rates and throughput, anchor/Nubo for times and memory)
row() {  # row LABEL UNIT NUBO ANCHOR higher|lower
  local r="-"
  if [ -n "$3" ] && [ -n "$4" ]; then
    r=$(awk -v n="$3" -v a="$4" -v d="$5" 'BEGIN{ if (d=="higher") { if (a>0) printf "%.2f", n/a; else print "-" }
      else { if (n>0) printf "%.2f", a/n; else print "-" } }')
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$1" "${3:--}" "${4:--}" "$2" "$r"
}
echo
echo "Nubo $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') against Swift 2.30 SAIO and Keystone 22" \
  "(PostgreSQL, uwsgi 2x4), $(date -u +%Y-%m-%d), $(nproc) cores"
echo "load average (1/5/15 min) at the start of each run: swift ${LOAD[swift]:--}; keystone ${LOAD[keystone]:--};" \
  "nubo object ${LOAD[nubo_object]:--}; nubo token ${LOAD[nubo_token]:--}"
echo
echo "| figure | Nubo | anchor | unit | ratio (>1: Nubo better) |"
echo "|---|---:|---:|---|---:|"
if run_object; then
  row "4 KiB PUT, c=16" req/s "${N[put_4k_rate]:-}" "${A[put_4k_rate]:-}" higher
  row "4 KiB PUT p99, c=16" ms "${N[put_4k_p99]:-}" "${A[put_4k_p99]:-}" lower
  row "4 KiB GET, c=16" req/s "${N[get_4k_rate]:-}" "${A[get_4k_rate]:-}" higher
  row "4 KiB GET p99, c=16" ms "${N[get_4k_p99]:-}" "${A[get_4k_p99]:-}" lower
  row "64 MiB PUT" MiB/s "${N[put_64m_throughput]:-}" "${A[put_64m_throughput]:-}" higher
  row "64 MiB GET" MiB/s "${N[get_64m_throughput]:-}" "${A[get_64m_throughput]:-}" higher
  row "listing 10,000 objects, p50" ms "${N[list_10k_p50]:-}" "${A[list_10k_p50]:-}" lower
fi
if run_token; then
  row "token validation, c=16" req/s "${N[token_validate_rate]:-}" "${A[token_validate_rate]:-}" higher
  row "token issue, c=16" req/s "${N[token_issue_rate]:-}" "${A[token_issue_rate]:-}" higher
fi
anchor_rss=""
if run_object && run_token; then anchor_rss=$(( ${A[rss_object]:-0} + ${A[rss_token]:-0} ))
elif run_object; then anchor_rss=${A[rss_object]:-}; else anchor_rss=${A[rss_token]:-}; fi
row "RSS after the run (Nubo all-in-one; Swift+memcached + Keystone uwsgi)" MiB "${N[rss]:-}" "$anchor_rss" lower
echo
echo "raw output: $work (anchor and Nubo benchmark logs; delete when done)"
