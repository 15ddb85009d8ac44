#!/usr/bin/env bash
# Live migration benchmark (figures only, no pass/fail): the physical limit beside Nubo's time.
#
#   bench/migrate.sh [MEMORY_MIB...]     # default: 256 2048
#   bench/migrate.sh --nubo [MEMORY_MIB...]   # also Nubo's move beside bare virsh on the same guest
#                                             # (LiveMigrationBench; ROUNDS=N moves each way, default 3)
#   bench/migrate.sh --api [MEMORY_MIB...]    # also through the whole cloud and the CLI (LiveMigrationEndToEndTest,
#                                             # a guest of each size: -Dnubo.bench.ram-mib)
#
# On two compute hosts of this machine (scripts/two-host-lab.sh: two libvirtds in two network namespaces joined by
# a veth pair; all traffic between them only), for each memory size:
# 1. bare libvirt: the test guest (direct kernel boot, a qcow2 overlay root disk, `nubo.tick` printing a tick a
#    second) started on host 1, then `virsh migrate --live --p2p --persistent --undefinesource --copy-storage-all`
#    to host 2 (what Nubo's agent asks libvirt for): total time, the pause libvirt measured (`domjobinfo
#    --completed`: "Total downtime") and the guest-visible gap between the last tick on host 1 and the first on
#    host 2;
# 2. with --nubo: LiveMigrationBench (compute-agent, two whole agents, Kafka, its own lab): the guest Nubo's agent
#    booted and its bare twin (the same libvirt definition, not managed by the agents) moved in turns between the
#    same two hosts, Nubo's by the agent's command (sent to answer), the twin's by virsh with the agent's flags,
#    after a warm-up move; prints each move, libvirt's downtime, the medians, the overhead, and the agent's parts
#    of each move (prepare, libvirt's call, clean-up);
# 3. with --api: all-in-one's LiveMigrationEndToEndTest (the whole cloud, two agents on the lab's hosts,
#    `openstack server migrate --live-migration --block-migration --wait`), which prints the CLI's time (its --wait
#    polls the server every 2 s, so up to 2 s of that is polling) and the tick gap, for a guest of each size.
# Seen on 2026-12-01 (2 cores, load 20-30, software emulation): bare 256 MiB 3.4-5.3 s total, 199-315 ms downtime,
# tick gap 1.16-1.18 s; 2048 MiB 5.1 s, 350 ms, 1.41 s; through Nubo's agents (128 MiB) 2.8-5.8 s, tick gap
# 1.10-1.36 s; through the API and the CLI (128 MiB, 2026-12-01, load 20-30): the CLI with --wait 8.0 s and 21.5 s,
# the agent's part 6.0 s, tick gap 1.13 s and 1.59 s of guest uptime (2.05 s seen from outside).
# On a quiet machine (2026-12-02, load under 2, three rounds of --nubo 256 2048): bare 256 MiB median 2.96 s, Nubo's
# agents 2.96 s; bare 2048 MiB 2.53 s, Nubo 3.16 s (+630 ms); tick gaps 1.02-1.12 s on both (docs/operations.md).
# That compared different guests in separate runs. Like for like (LiveMigrationBench, 2026-12-02, load 16-37): over
# twelve 2 GiB moves Nubo - bare has a median of +28 ms; the agents' time outside libvirt's call 167-202 ms a move.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NUBO=""
API=""
ROUNDS="${ROUNDS:-3}"
if [ "${1:-}" = "--nubo" ]; then NUBO=1; shift; fi
if [ "${1:-}" = "--api" ]; then API=1; shift; fi
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(256 2048)
LAB=/var/tmp/nubo-lab-bench
"$ROOT/scripts/two-host-lab.sh" down "$LAB"
trap '"$ROOT/scripts/two-host-lab.sh" down "$LAB"' EXIT
"$ROOT/scripts/two-host-lab.sh" up "$LAB" bench 20 >/dev/null
GUEST="$("$ROOT/scripts/build-test-guest.sh" "$LAB/guest" 2>/dev/null)"
U1="qemu+unix:///system?socket=$LAB/h1/run/libvirt-sock"
U2="qemu+unix:///system?socket=$LAB/h2/run/libvirt-sock"
PEER2="qemu+tcp://10.77.20.2:25509/system"

now() { date +%s.%N; }
last_tick() { { grep -o 'tick [0-9]*' "$1" 2>/dev/null || true; } | tail -n 1 | cut -d' ' -f2; }
wait_tick() {  # wait_tick LOG N: until tick N is on LOG (at most 600 s)
  for _ in $(seq 1 6000); do
    t="$(last_tick "$1")"; [ -n "$t" ] && [ "$t" -ge "$2" ] && return 0; sleep 0.1
  done
  echo "bench/migrate: no tick $2 on $1" >&2; return 1
}
uptime_of() { grep -o "tick $2 uptime=[0-9.]*" "$1" | head -n 1 | cut -d= -f2; }

printf '%-8s %-10s %-12s %-14s %s\n' "memory" "total_s" "downtime_ms" "tick_gap_s" "(bare virsh migrate --live --p2p --copy-storage-all)"
for mem in "${SIZES[@]}"; do
  name="bench-$mem"
  for h in h1 h2; do mkdir -p "$LAB/$h/instances/$name"; done
  qemu-img create -q -f qcow2 -F qcow2 -b "$GUEST/test-guest.qcow2" "$LAB/h1/instances/$name/disk" 1G
  qemu-img create -q -f qcow2 "$LAB/h2/instances/$name/disk" 1G
  for h in h1 h2; do
    cat > "$LAB/$h/$name.xml" <<EOF
<domain type='qemu'><name>$name</name><memory unit='MiB'>$mem</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>$GUEST/vmlinuz</kernel><initrd>$GUEST/initrd.img</initrd>
<cmdline>console=ttyS0 no_timer_check nubo.tick</cmdline></os><features><acpi/><apic/></features>
<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'${BARE_CACHE:+ cache='$BARE_CACHE'}/>
<source file='$LAB/$h/instances/$name/disk'/><target dev='vda' bus='virtio'/></disk>
<serial type='file'><source path='$LAB/$h/instances/$name/console.log'/><target port='0'/></serial></devices></domain>
EOF
  done
  virsh -c "$U1" define "$LAB/h1/$name.xml" >/dev/null
  virsh -c "$U1" start "$name" >/dev/null
  wait_tick "$LAB/h1/instances/$name/console.log" 3
  # the destination's definition: the running one's (same uuid, same devices) with host 2's paths
  virsh -c "$U1" dumpxml --migratable "$name" | sed "s#$LAB/h1/#$LAB/h2/#g" > "$LAB/h2/$name.migrate.xml"
  t0="$(now)"
  virsh -c "$U1" migrate --live --p2p --persistent --undefinesource --copy-storage-all \
    --xml "$LAB/h2/$name.migrate.xml" "$name" "$PEER2" --migrateuri tcp://10.77.20.2 >/dev/null
  t1="$(now)"
  before="$(last_tick "$LAB/h1/instances/$name/console.log")"
  wait_tick "$LAB/h2/instances/$name/console.log" $((before + 1))
  down="$(virsh -c "$U2" domjobinfo --completed "$name" 2>/dev/null | awk -F: '/Total downtime/ { gsub(/[^0-9]/, "", $2); print $2 }')"
  gap="$(echo "$(uptime_of "$LAB/h2/instances/$name/console.log" $((before + 1))) - $(uptime_of "$LAB/h1/instances/$name/console.log" "$before")" | bc)"
  printf '%-8s %-10.2f %-12s %-14s\n' "${mem}M" "$(echo "$t1 - $t0" | bc)" "${down:-n/a}" "$gap"
  virsh -c "$U2" destroy "$name" >/dev/null 2>&1 || true
  virsh -c "$U2" undefine "$name" >/dev/null 2>&1 || true
done

if [ -n "$NUBO" ]; then
  for mem in "${SIZES[@]}"; do
    echo "Nubo through the agents beside bare virsh on the same guest (LiveMigrationBench, $mem MiB, $ROUNDS rounds):"
    (cd "$ROOT" && ./mvnw -o -q -B -ntp ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} verify -pl compute-agent \
      -Dtest=LiveMigrationBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
      -Dnubo.bench.ram-mib="$mem" -Dnubo.bench.rounds="$ROUNDS" >/dev/null 2>&1 || true)
    out="$(ls "$ROOT"/compute-agent/target/surefire-reports-integration/*LiveMigrationBench-output.txt 2>/dev/null || true)"
    [ -n "$out" ] || { echo "  (no output: see compute-agent/target/surefire-reports-integration)"; continue; }
    grep -h -E '^(move|warm-up|[0-9]+ ) |^live migration bench' "$out" || true
    grep -h -o -E "prepared in .*" "$out" | sed "s/^/  agent: /" || true
  done
fi

if [ -n "$API" ]; then
  for mem in "${SIZES[@]}"; do
    echo "Nubo through the API and the CLI (LiveMigrationEndToEndTest, $mem MiB guest with a file volume):"
    (cd "$ROOT" && ./mvnw -o -q -B -ntp ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} verify -pl all-in-one -am \
      -Dtest=LiveMigrationEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
      -Dnubo.bench.ram-mib="$mem" >/dev/null 2>&1 || true)
    grep -h -E '^live migration through ' \
      "$ROOT"/all-in-one/target/surefire-reports-integration/*LiveMigrationEndToEndTest-output.txt 2>/dev/null || true
  done
fi
