#!/usr/bin/env bash
# Port and security group benchmark (figures only, no pass/fail), against a running cloud:
#
#   OS_CLOUD=nubo bench/ports.sh [N] [CONCURRENCY]     # default 1000 ports at concurrency 16
#
# 1. N ports created at CONCURRENCY on one network with a /22 subnet (a pool of 1006 addresses, so 1000 ports
#    nearly fill it; the project's port quota is raised by N for the run and put back after): ports/s, answers
#    other than 201 counted, and a check that no address and no MAC is held twice;
# 2. with root, nft and the cloud's port firewall role on (./nubo up as root): one port bound to this host, stood in
#    for by a namespace of the bench's own (the port's tap name, MAC and address, busybox httpd on 8080) and a
#    client namespace on the same bridge; 5 times: a rule allowing TCP 8080 is created -> time to the first
#    connection through, the rule deleted -> time to the first connection dropped. Medians printed.
# Loopback clouds only; traffic only between the bench's two namespaces. Everything it made is removed at the end.
set -euo pipefail
N="${1:-1000}"
C="${2:-16}"
command -v openstack >/dev/null || { echo "needs the openstack CLI"; exit 1; }
auth_url="$(openstack configuration show -f value -c auth.auth_url 2>/dev/null || true)"
case "$auth_url" in http://127.0.0.1*|http://localhost*) ;; *) echo "loopback clouds only ($auth_url)"; exit 1 ;; esac
TOKEN="$(openstack token issue -f value -c id)"
NET_URL="$(openstack endpoint list --service network --interface public -f value -c URL | head -n 1)"
case "$NET_URL" in http://127.0.0.1*|http://localhost*) ;; *) echo "loopback clouds only ($NET_URL)"; exit 1 ;; esac
WORK="$(mktemp -d)"
TAG="$(od -An -N2 -tx1 /dev/urandom | tr -d ' \n')"
api() { curl -sS -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' "$@"; }
now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m * 1000 }'; }

NET="$(api -X POST "$NET_URL/v2.0/networks" -d "{\"network\": {\"name\": \"bench-ports-$TAG\"}}" | jq -r .network.id)"
THIRD=$(( ($(od -An -N1 -tu1 /dev/urandom) % 60) * 4 ))
CIDR="10.206.$THIRD.0/22"
cleanup() {
  set +e
  for ns in "nubobench-s$TAG" "nubobench-c$TAG"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill "$p" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
  ip link del dev "nbc$TAG" 2>/dev/null
  [ -n "${SRV_PORT:-}" ] && ip link del dev "tap${SRV_PORT:0:11}" 2>/dev/null
  api "$NET_URL/v2.0/ports?network_id=$NET&fields=id&fields=device_owner" \
    | jq -r '.ports[] | select(.device_owner | startswith("network:") | not) | .id' \
    | xargs -r -P "$C" -I{} curl -sS -o /dev/null -X DELETE -H "X-Auth-Token: $TOKEN" "$NET_URL/v2.0/ports/{}"
  api -o /dev/null -X DELETE "$NET_URL/v2.0/networks/$NET"
  [ -n "${SG:-}" ] && api -o /dev/null -X DELETE "$NET_URL/v2.0/security-groups/$SG"
  [ -n "${PORT_QUOTA:-}" ] && api -o /dev/null -X PUT "$NET_URL/v2.0/quotas/$PROJECT" \
    -d "{\"quota\": {\"port\": $PORT_QUOTA}}"
  rm -rf "$WORK"
}
trap cleanup EXIT
# the project's port quota (Neutron's default 500) is raised for the run and put back after
PROJECT="$(openstack token issue -f value -c project_id)"
PORT_QUOTA="$(api "$NET_URL/v2.0/quotas/$PROJECT" | jq -r .quota.port)"
api -o /dev/null -X PUT "$NET_URL/v2.0/quotas/$PROJECT" -d "{\"quota\": {\"port\": $(( PORT_QUOTA + N + 10 ))}}"
api -o /dev/null -X POST "$NET_URL/v2.0/subnets" -d "{\"subnet\": {\"network_id\": \"$NET\", \"ip_version\": 4,
  \"cidr\": \"$CIDR\", \"allocation_pools\": [{\"start\": \"10.206.$THIRD.2\", \"end\": \"10.206.$((THIRD + 3)).240\"}]}}"

t0=$(now)
seq 1 "$N" | xargs -P "$C" -I{} curl -sS -o /dev/null -w '%{http_code}\n' -X POST -H "X-Auth-Token: $TOKEN" \
  -H 'Content-Type: application/json' "$NET_URL/v2.0/ports" -d "{\"port\": {\"network_id\": \"$NET\"}}" \
  > "$WORK/codes"
t1=$(now)
created=$(grep -c '^201$' "$WORK/codes" || true)
api "$NET_URL/v2.0/ports?network_id=$NET&fields=mac_address&fields=fixed_ips" > "$WORK/ports.json"
total=$(jq '.ports | length' "$WORK/ports.json")
dup_ip=$(jq -r '.ports[].fixed_ips[].ip_address' "$WORK/ports.json" | sort | uniq -d | wc -l)
dup_mac=$(jq -r '.ports[].mac_address' "$WORK/ports.json" | sort | uniq -d | wc -l)
printf 'ports: %d created of %d at concurrency %d on %s in %.1f s: %.0f ports/s; other answers: %s; ports on the network %d (with the DHCP port); duplicate addresses %d, duplicate MACs %d\n' \
  "$created" "$N" "$C" "$CIDR" "$(echo "$t1 - $t0" | bc)" "$(echo "$created / ($t1 - $t0)" | bc -l)" \
  "$(grep -v '^201$' "$WORK/codes" | sort | uniq -c | tr '\n' ' ' | sed 's/ *$//;s/^ *//' || true)" \
  "$total" "$dup_ip" "$dup_mac"

if [ "$(id -u)" != 0 ] || ! command -v nft >/dev/null; then
  echo "rule change: skipped (needs root and nft, and a cloud whose port firewall role runs here: ./nubo up as root)"
  exit 0
fi
BR="brq${NET:0:11}"
ip link show dev "$BR" >/dev/null 2>&1 || { echo "rule change: skipped (no bridge $BR: the cloud's DHCP role is off)"; exit 0; }
SG="$(api -X POST "$NET_URL/v2.0/security-groups" -d "{\"security_group\": {\"name\": \"bench-$TAG\"}}" | jq -r .security_group.id)"
PORT_JSON="$(api -X POST "$NET_URL/v2.0/ports" -d "{\"port\": {\"network_id\": \"$NET\", \"security_groups\": [\"$SG\"],
  \"binding:host_id\": \"$(hostname)\", \"device_owner\": \"compute:bench\", \"device_id\": \"bench-$TAG\"}}")"
SRV_PORT="$(echo "$PORT_JSON" | jq -r .port.id)"
SRV_IP="$(echo "$PORT_JSON" | jq -r '.port.fixed_ips[0].ip_address')"
SRV_MAC="$(echo "$PORT_JSON" | jq -r .port.mac_address)"
S="nubobench-s$TAG"; CL="nubobench-c$TAG"
ip netns add "$S"; ip netns add "$CL"
ip link add "tap${SRV_PORT:0:11}" type veth peer name eth0 netns "$S"
ip link add "nbc$TAG" type veth peer name eth0 netns "$CL"
ip netns exec "$S" ip link set dev eth0 address "$SRV_MAC" up
ip netns exec "$S" ip addr add "$SRV_IP/22" dev eth0
ip netns exec "$CL" ip link set dev eth0 up
ip netns exec "$CL" ip addr add "10.206.$((THIRD + 3)).250/22" dev eth0
for d in "tap${SRV_PORT:0:11}" "nbc$TAG"; do ip link set dev "$d" master "$BR" up; done
mkdir -p "$WORK/www"; echo hello > "$WORK/www/index.html"
ip netns exec "$S" busybox httpd -p 8080 -h "$WORK/www"
through() { printf 'GET /index.html HTTP/1.0\r\n\r\n' | ip netns exec "$CL" busybox nc -w 1 "$SRV_IP" 8080 2>/dev/null | grep -q hello; }
# the port's filter is in place once a connection is dropped
filtered=no
for _ in $(seq 1 50); do if ! through; then filtered=yes; break; fi; sleep 0.1; done
if [ "$filtered" = no ]; then echo "rule change: skipped (the port is not filtered: is the cloud's port firewall role on?)"; exit 0; fi
: > "$WORK/open"; : > "$WORK/drop"
for i in 1 2 3 4 5; do
  t0=$(now)
  RULE="$(api -X POST "$NET_URL/v2.0/security-group-rules" -d "{\"security_group_rule\": {\"security_group_id\": \"$SG\",
    \"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 8080, \"port_range_max\": 8080}}" \
    | jq -r .security_group_rule.id)"
  for _ in $(seq 1 600); do t=$(now); through && break; done
  echo "$t - $t0" | bc >> "$WORK/open"
  t0=$(now)
  api -o /dev/null -X DELETE "$NET_URL/v2.0/security-group-rules/$RULE"
  for _ in $(seq 1 600); do t=$(now); through || break; done
  echo "$t - $t0" | bc >> "$WORK/drop"
done
echo "rule change (5 times, from the API call): rule created -> first connection through $(median < "$WORK/open") ms, rule deleted -> first new connection dropped $(median < "$WORK/drop") ms (median)"
