#!/usr/bin/env bash
# Image data through the gateway: uploads and downloads one image (1 GiB by default) to a running Nubo, prints
# MB/s next to the disk's own copy speed (dd with fsync, cp), checks the bytes came back unchanged, and prints the
# JVM's RSS before and after (memory must not grow with the image's size). Figures only; not a test.
#   bench/image.sh [--data-dir DIR] [--port-base N] [--size-mib N]
# DIR is the running Nubo's data directory (default ~/.nubo), N its port base (default 8780).
set -euo pipefail
data_dir="$HOME/.nubo"; port_base=8780; size_mib=1024
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir="$2"; shift 2 ;;
    --port-base) port_base="$2"; shift 2 ;;
    --size-mib) size_mib="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
gw="http://127.0.0.1:$port_base"
pid="$(cat "$data_dir/nubo.pid")"
password="$(cat "$data_dir/data/admin-password" 2>/dev/null || cat "$data_dir/admin-password")"
work="$(mktemp -d /tmp/nubo-image-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status"; }
mbps() { awk "BEGIN{printf \"%.0f\", $size_mib / ($2 - $1)}"; }
now() { date +%s.%N; }

token="$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "$gw/identity/v3/auth/tokens" -d '{"auth":
  {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"},
  "password": "'"$password"'"}}}, "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}' \
  | awk 'tolower($1) == "x-subject-token:" {print $2}' | tr -d '\r')"

echo "image data through the gateway, ${size_mib} MiB, $(nproc) cores, data dir on $(df --output=source "$data_dir" | tail -1)"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/image.raw"
sum="$(sha256sum <"$work/image.raw" | cut -d' ' -f1)"

t0=$(now); dd if="$work/image.raw" of="$work/dd.copy" bs=1M conv=fsync status=none; t1=$(now)
echo "disk: dd with fsync        $(mbps "$t0" "$t1") MB/s"
rm -f "$work/dd.copy"; sync
t0=$(now); cp "$work/image.raw" "$work/cp.copy"; sync; t1=$(now)
echo "disk: cp + sync            $(mbps "$t0" "$t1") MB/s"
rm -f "$work/cp.copy"; sync

rss_before=$(rss)
id="$(curl -sf -H "X-Auth-Token: $token" -H 'Content-Type: application/json' "$gw/image/v2/images" \
  -d '{"name": "bench", "disk_format": "raw", "container_format": "bare"}' | sed 's/.*"id": *"\([^"]*\)".*/\1/')"
t0=$(now)
curl -sf -X PUT -H "X-Auth-Token: $token" -H 'Content-Type: application/octet-stream' \
  -T "$work/image.raw" "$gw/image/v2/images/$id/file"
t1=$(now)
echo "upload (PUT /file)         $(mbps "$t0" "$t1") MB/s   (MD5 + SHA-512 computed, fsync'ed, renamed)"
t0=$(now)
curl -sf -H "X-Auth-Token: $token" -o "$work/image.down" "$gw/image/v2/images/$id/file"
t1=$(now)
echo "download (GET /file)       $(mbps "$t0" "$t1") MB/s"
[ "$(sha256sum <"$work/image.down" | cut -d' ' -f1)" = "$sum" ] && echo "downloaded bytes: identical" \
  || { echo "downloaded bytes DIFFER"; exit 1; }
rss_after=$(rss)
curl -sf -X DELETE -H "X-Auth-Token: $token" "$gw/image/v2/images/$id"
echo "JVM RSS: before ${rss_before} MB, after ${rss_after} MB, peak of the process so far $(hwm) MB"
