#!/usr/bin/env bash
# Large-object PUT speed against the disk's own (figures, not a test): PUTs one file of random bytes (64 MiB) N
# times with curl to a Swift storage URL and prints MiB/s median/min/max, and beside it what
# `dd if=/dev/zero bs=1M conv=fsync` writes to the same disk (MiB/s median/min/max of as many runs, one after each
# PUT so that both see the same load), and the ratio of the two medians. Starts nothing: give it the storage URL and
# a token of a cloud that is up, e.g. of `./nubo up`:
#   bench/blob-put.sh http://127.0.0.1:8780/object-store/v1/AUTH_<project> "$TOKEN"     # through the gateway
#   bench/blob-put.sh http://127.0.0.1:8783/v1/AUTH_<project> "$TOKEN"                  # straight to the service
#   bench/blob-put.sh URL TOKEN [--runs 7] [--mib 64] [--dd-dir DIR] [--container blob-put-bench]
# A token as bench/compare.sh gets one: POST {gw}/identity/v3/auth/tokens with the admin password of the data
# directory (<data-dir>/data/admin-password), read X-Subject-Token. --dd-dir should be on the disk that holds the
# object store's data directory (default: /tmp). Loopback URLs only. Removes its objects and container at the end.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,12p "$0" >&2; exit 2; }
url="${1%/}" token="$2"; shift 2
runs=7 mib=64 dd_dir=/tmp container=blob-put-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    --mib) mib="$2"; shift ;;
    --dd-dir) dd_dir="$2"; shift ;;
    --container) container="$2"; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "bench/blob-put.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$url" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "bench/blob-put.sh: loopback URLs only (http://127.0.0.1:PORT/...)" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/blob-put.XXXXXX)
ddfile="$dd_dir/blob-put-dd.$$"
cleanup() {
  for i in $(seq 1 "$runs"); do
    curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$url/$container/obj-$i" || true
  done
  curl -s -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$url/$container" || true
  rm -rf "$work"; rm -f "$ddfile"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# median, min and max of the numbers on stdin, one a line
stats() { sort -g | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
  printf "median %.0f  min %.0f  max %.0f", m, v[1], v[NR]}'; }

head -c "$((mib * 1048576))" /dev/urandom >"$work/body"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "X-Auth-Token: $token" "$url/$container")
case "$code" in 201|202) ;; *) echo "bench/blob-put.sh: PUT $url/$container answered $code" >&2; exit 1 ;; esac
# one unmeasured PUT: the first request of a fresh JVM runs interpreted code
curl -fsS -o /dev/null -X PUT -H "X-Auth-Token: $token" -T "$work/body" "$url/$container/obj-1"

for i in $(seq 1 "$runs"); do
  out=$(curl -fsS -o /dev/null -w '%{http_code} %{time_total}' -X PUT -H "X-Auth-Token: $token" \
    -H 'Expect:' -T "$work/body" "$url/$container/obj-$i")
  [ "${out%% *}" = 201 ] || { echo "bench/blob-put.sh: PUT answered ${out%% *}" >&2; exit 1; }
  awk -v s="${out#* }" -v m="$mib" 'BEGIN{printf "%.1f\n", m / s}' >>"$work/put"
  # as many bytes through dd to the same disk, with the same durability (fsync before it ends), in turn with the
  # PUTs so that both see the same load
  LC_ALL=C dd if=/dev/zero of="$ddfile" bs=1M count="$mib" conv=fsync 2>&1 | awk -v m="$mib" \
    '/copied/ {for (k = 1; k <= NF; k++) if ($(k+1) ~ /^s,?$/) {printf "%.1f\n", m / $k; exit}}' >>"$work/dd"
  rm -f "$ddfile"
done

echo "$(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs of $mib MiB"
echo "PUT $url/$container: $(stats <"$work/put") MiB/s"
echo "dd bs=1M conv=fsync to $dd_dir: $(stats <"$work/dd") MiB/s"
median() { sort -g "$1" | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
awk -v p="$(median "$work/put")" -v d="$(median "$work/dd")" 'BEGIN{printf "PUT/dd (medians): %.0f%%\n", 100 * p / d}'
