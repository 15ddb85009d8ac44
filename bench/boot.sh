#!/usr/bin/env bash
# Guest boot benchmark (figures only, no pass/fail): the physical limit beside Nubo's time.
#
#   bench/boot.sh [N]            # N boots each (default 10); prints medians
#
# 1. bare libvirt: `virsh define` + `start` of the test guest's domain XML (direct kernel boot, software emulation
#    unless KVM works), time to running and to the guest's first console line;
# 2. Nubo, when a cloud answers (OS_CLOUD=nubo with clouds.yaml from ./nubo up, or OS_* variables):
#    `openstack server create --wait` of the same guest, time to ACTIVE and to the first console line
#    (`openstack console log show`), then `server delete --wait`. Needs the compute API (issue 11); skipped, saying
#    so, when there is none. Also 20 concurrent boots, counted.
# Loopback only: the cloud must be on 127.0.0.1.
set -euo pipefail
N="${1:-10}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
URI=qemu:///system
"$ROOT/scripts/libvirt-start.sh" >/dev/null
GUEST="$("$ROOT/scripts/build-test-guest.sh")"
WORK="$(mktemp -d /var/tmp/nubo-bench-boot.XXXXXX)"
chmod 755 "$WORK"
trap 'for d in $(virsh -c $URI list --all --name | grep "^nubo-bench-"); do virsh -c $URI destroy "$d" >/dev/null 2>&1 || true; virsh -c $URI undefine "$d" >/dev/null 2>&1 || true; done; rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m }'; }
wait_line() {   # wait_line FILE PATTERN: seconds are measured by the caller
  for _ in $(seq 1 1200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1
}

: > "$WORK/bare-running" ; : > "$WORK/bare-first"
# BENCH_SKIP_BARE=1: only Nubo's part (the bare figures of an earlier run on the same machine apply)
[ "${BENCH_SKIP_BARE:-0}" = 1 ] && BARE_N=0 || BARE_N="$N"
for i in $(seq 1 "$BARE_N"); do
  name="nubo-bench-$i"
  cat > "$WORK/$name.xml" <<XML
<domain type='qemu'><name>$name</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type><kernel>$GUEST/vmlinuz</kernel><initrd>$GUEST/initrd.img</initrd>
<cmdline>console=ttyS0</cmdline></os><features><acpi/><apic/></features>
<devices><serial type='pty'><log file='$WORK/$name.log' append='off'/><target port='0'/></serial>
<console type='pty'><target type='serial' port='0'/></console></devices></domain>
XML
  t0=$(now)
  virsh -c $URI define "$WORK/$name.xml" >/dev/null
  virsh -c $URI start "$name" >/dev/null
  t1=$(now)
  wait_line "$WORK/$name.log" "Linux version" || true
  t2=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/bare-running"
  echo "$t2 - $t0" | bc >> "$WORK/bare-first"
  virsh -c $URI destroy "$name" >/dev/null; virsh -c $URI undefine "$name" >/dev/null
done
echo "bare libvirt (virsh define + start, $N boots): running $(median < "$WORK/bare-running") s, first console line $(median < "$WORK/bare-first") s"

if ! command -v openstack >/dev/null || ! openstack server list >/dev/null 2>&1; then
  echo "nubo: skipped (no compute API answers: start ./nubo up with the compute service and set OS_CLOUD=nubo)"
  exit 0
fi
auth_url="$(openstack configuration show -f value -c auth.auth_url 2>/dev/null || true)"
case "$auth_url" in http://127.0.0.1*|http://localhost*|"") ;; *) echo "nubo: loopback clouds only ($auth_url)"; exit 1 ;; esac
ids=()
kernel=$(openstack image create --disk-format aki --container-format aki --file "$GUEST/vmlinuz" bench-aki -f value -c id)
ramdisk=$(openstack image create --disk-format ari --container-format ari --file "$GUEST/initrd.img" bench-ari -f value -c id)
# BENCH_IMAGE_FORMAT=raw: the root image raw, as an agent with images.type=rbd clones it from an rbd image store
fmt="${BENCH_IMAGE_FORMAT:-qcow2}"
file="$GUEST/test-guest.qcow2"
if [ "$fmt" = raw ]; then file="$WORK/test-guest.raw"; qemu-img convert -O raw "$GUEST/test-guest.qcow2" "$file"; fi
image=$(openstack image create --disk-format "$fmt" --container-format bare --file "$file" \
  --property kernel_id="$kernel" --property ramdisk_id="$ramdisk" --property os_command_line=console=ttyS0 \
  bench-guest -f value -c id)
flavor=$(openstack flavor create --ram 128 --disk 1 --vcpus 1 bench-boot -f value -c id)
: > "$WORK/nubo-active"; : > "$WORK/nubo-first"
for i in $(seq 1 "$N"); do
  t0=$(now)
  # --wait writes its progress to stdout before the id: keep the uuid only
  id=$(openstack server create --flavor "$flavor" --image "$image" --wait "bench-$i" -f value -c id \
    | grep -Eo '[0-9a-f]{8}-[0-9a-f-]{27}' | tail -n 1)
  t1=$(now)
  # grep reads all the log: grep -q would stop at the match, the CLI die of SIGPIPE, and pipefail fail the test
  for _ in $(seq 1 600); do openstack console log show "$id" 2>/dev/null | grep "Linux version" >/dev/null && break; sleep 0.2; done
  t2=$(now)
  echo "$t1 - $t0" | bc >> "$WORK/nubo-active"; echo "$t2 - $t0" | bc >> "$WORK/nubo-first"
  openstack server delete --wait "$id"
done
echo "nubo (openstack server create --wait, $N boots): ACTIVE $(median < "$WORK/nubo-active") s, first console line $(median < "$WORK/nubo-first") s"
t0=$(now)
for i in $(seq 1 20); do openstack server create --flavor "$flavor" --image "$image" "bench-c$i" -f value -c id; done > "$WORK/many"
for _ in $(seq 1 600); do
  n=$(openstack server list -f value -c Status | grep -c -E "ACTIVE|ERROR" || true)
  [ "$n" -ge 20 ] && break; sleep 1
done
active=$(openstack server list -f value -c Status | grep -c ACTIVE || true)
echo "nubo: 20 concurrent boots: $active ACTIVE in $(echo "$(now) - $t0" | bc) s"
xargs -r openstack server delete --wait < "$WORK/many"
openstack flavor delete "$flavor"; openstack image delete "$image" "$kernel" "$ramdisk"
