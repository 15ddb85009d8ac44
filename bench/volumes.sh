#!/usr/bin/env bash
# Volume create+delete throughput per backend: creates N empty 1 GiB volumes (default 100) on each backend of a
# running Nubo, waits until all are available, deletes them and waits until all are gone; prints volumes/s for
# each half. The backends are the ones os-services lists (cinder-volume on host@backend); each gets a volume type
# naming it (volume_backend_name), made once. Figures only; not a test. Raise the volumes quota first if N > 10:
# the script sets the admin project's volumes and gigabytes quota to N and N (and puts them back).
# With --from-image ID it then times, per backend, one volume made from that image at 1 GiB and at 10 GiB (created
# until available): on rbd, a raw image kept in the image service's rbd store in the same cluster is a copy-on-write
# clone of its snap, so both sizes take the same time; elsewhere the image's bytes are copied.
#   bench/volumes.sh [--data-dir DIR] [--port-base N] [--count N] [--from-image ID]
set -euo pipefail
data_dir="$HOME/.nubo"; port_base=8780; count=100; from_image=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) data_dir="$2"; shift 2 ;;
    --port-base) port_base="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --from-image) from_image="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
gw="http://127.0.0.1:$port_base"
password="$(cat "$data_dir/data/admin-password" 2>/dev/null || cat "$data_dir/admin-password")"
PY=/usr/bin/python3
now() { date +%s.%N; }
auth="$(curl -sf -D - -H 'Content-Type: application/json' "$gw/identity/v3/auth/tokens" -d '{"auth":
  {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"},
  "password": "'"$password"'"}}}, "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}')"
token="$(printf '%s' "$auth" | awk 'tolower($1) == "x-subject-token:" {print $2}' | tr -d '\r')"
project="$(printf '%s' "$auth" | sed -n '/^{/,$p' | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["token"]["project"]["id"])')"
vol="$gw/volume/v3/$project"
api() { curl -sf -H "X-Auth-Token: $token" -H 'Content-Type: application/json' "$@"; }

old_quota="$(api "$vol/os-quota-sets/$project" | "$PY" -c 'import json,sys; q=json.load(sys.stdin)["quota_set"]; print(q["volumes"], q["gigabytes"])')"
api -X PUT "$vol/os-quota-sets/$project" -d "{\"quota_set\": {\"volumes\": $((count + 10)), \"gigabytes\": $((count + 1000))}}" >/dev/null
trap 'set -- $old_quota; api -X PUT "$vol/os-quota-sets/$project" -d "{\"quota_set\": {\"volumes\": $1, \"gigabytes\": $2}}" >/dev/null' EXIT

backends="$(api "$vol/os-services?binary=cinder-volume" | "$PY" -c 'import json,sys; print(" ".join(s["host"].split("@")[1] for s in json.load(sys.stdin)["services"]))')"
echo "volume create+delete, $count x 1 GiB per backend, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
await() {  # await STATUS ID...: until every volume is STATUS (deleted: gone from the list), at most 20 minutes
  local want="$1"; shift
  local deadline=$(( $(date +%s) + 1200 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local left
    left="$(api "$vol/volumes/detail?limit=5000" | "$PY" -c '
import json, sys
want, ids = sys.argv[1], set(sys.argv[2:])
seen = {v["id"]: v["status"] for v in json.load(sys.stdin)["volumes"] if v["id"] in ids}
print(len(seen) if want == "deleted" else sum(1 for i in ids if seen.get(i) != want))' "$want" "$@")"
    [ "$left" = 0 ] && return 0
    sleep 0.5
  done
  echo "timed out waiting for $want" >&2; return 1
}
for b in $backends; do
  type="bench-$b"
  api "$vol/types/$type" >/dev/null 2>&1 || api -X POST "$vol/types" \
    -d "{\"volume_type\": {\"name\": \"$type\", \"extra_specs\": {\"volume_backend_name\": \"$b\"}}}" >/dev/null
  ids=()
  t0=$(now)
  for i in $(seq 1 "$count"); do
    ids+=("$(api -X POST "$vol/volumes" -d "{\"volume\": {\"size\": 1, \"name\": \"bench-$i\", \"volume_type\": \"$type\"}}" \
      | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["volume"]["id"])')")
  done
  await available "${ids[@]}"
  t1=$(now)
  for id in "${ids[@]}"; do api -X DELETE "$vol/volumes/$id" >/dev/null; done
  await deleted "${ids[@]}"
  t2=$(now)
  awk -v b="$b" -v n="$count" -v a="$t0" -v c="$t1" -v d="$t2" \
    'BEGIN {printf "%-6s create %6.1f volumes/s (%.1f s)   delete %6.1f volumes/s (%.1f s)\n", b, n/(c-a), c-a, n/(d-c), d-c}'
done
[ -n "$from_image" ] || exit 0
echo "volume from image $from_image, per backend and size (until available), load $(cut -d' ' -f1 /proc/loadavg)"
for b in $backends; do
  for size in 1 10; do
    t0=$(now)
    id="$(api -X POST "$vol/volumes" -d "{\"volume\": {\"size\": $size, \"name\": \"bench-img-$size\", \"volume_type\": \"bench-$b\", \"imageRef\": \"$from_image\"}}" \
      | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["volume"]["id"])')"
    await available "$id"
    t1=$(now)
    api -X DELETE "$vol/volumes/$id" >/dev/null
    await deleted "$id"
    awk -v b="$b" -v s="$size" -v a="$t0" -v c="$t1" 'BEGIN {printf "%-6s %2d GiB from image %6.2f s\n", b, s, c-a}'
  done
done
