#!/usr/bin/env bash
# Guest boot benchmark (figures only, no pass/fail): the physical limit beside Nubo's time.
#
#   bench/boot.sh [N]            # N boots each (default 10); prints medians
#
# 1. bare libvirt: `virsh define` + `start` of the test guest's domain XML (direct kernel boot, software emulation
#    unless KVM works), time to running and to the guest's first console line;
# 2. Nubo, when a cloud answers (OS_CLOUD=nubo with clouds.yaml from ./nubo up, or OS_* variables): the same
#    guest booted through the compute API (POST /servers, GET until ACTIVE, os-getConsoleOutput until the first
#    line; the token read once), one at a time, then 20 at once (each ACTIVE and its first line counted, every
#    failure printed with its fault). Start the cloud with vCPUs overcommitted for the 20:
#    NUBO_COMPUTE_CPUALLOCATIONRATIO=16 ./nubo up. Skipped, saying so, when no compute API answers.
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
# what an interrupted run left (the names are this script's own)
openstack flavor delete bench-boot >/dev/null 2>&1 || true
for n in bench-guest bench-aki bench-ari; do
  for id in $(openstack image list --name "$n" -f value -c ID); do openstack image delete "$id"; done
done
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
# 20 at once need room: the project's instance and core quotas raised for the run (put back after), and vCPUs
# overcommitted on the host (NUBO_COMPUTE_CPUALLOCATIONRATIO=16 for ./nubo up: 2 cores hold 32 vCPUs)
project=$(openstack token issue -f value -c project_id)
quota=$(openstack quota show "$project" -f json)
read -r q_instances q_cores < <(python3 -c 'import json,sys; q = json.loads(sys.argv[1]); print(q["instances"], q["cores"])' "$quota")
openstack quota set --instances 25 --cores 25 "$project"
# timed through the API itself, as Nova's own figures are: the token once, then POST /servers and a GET every 20 ms
# until ACTIVE, then os-getConsoleOutput every 50 ms until the first line (the CLI's own start-up, about a second
# per command, is not Nubo's)
token=$(openstack token issue -f value -c id)
compute=$(openstack catalog show compute -f json | python3 -c \
  'import json,sys; print(next(e["url"] for e in json.load(sys.stdin)["endpoints"] if e["interface"] == "public"))')
BENCH_TOKEN="$token" BENCH_COMPUTE="$compute" BENCH_IMAGE="$image" BENCH_FLAVOR="$flavor" BENCH_N="$N" python3 - <<'PY'
import json, os, statistics, threading, time, urllib.error, urllib.request
TOKEN, API = os.environ["BENCH_TOKEN"], os.environ["BENCH_COMPUTE"]
IMAGE, FLAVOR, N = os.environ["BENCH_IMAGE"], os.environ["BENCH_FLAVOR"], int(os.environ["BENCH_N"])

def call(method, path, body=None, expect=None):
    req = urllib.request.Request(API + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"X-Auth-Token": TOKEN, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            status, text = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read()
    if expect is not None and status != expect:
        raise SystemExit(f"{method} {path}: {status} {text[:300]!r}")
    return status, (json.loads(text) if text else None)

def boot(name):
    """(seconds to ACTIVE, seconds to the first console line, final status)"""
    t0 = time.monotonic()
    sid = call("POST", "/servers", {"server": {"name": name, "imageRef": IMAGE, "flavorRef": FLAVOR}}, 202)[1]["server"]["id"]
    active = None
    while time.monotonic() - t0 < 600:
        s = call("GET", f"/servers/{sid}", expect=200)[1]["server"]
        if s["status"] in ("ACTIVE", "ERROR"):
            active = time.monotonic() - t0
            break
        time.sleep(0.02)
    first = None
    if s["status"] == "ACTIVE":
        while time.monotonic() - t0 < 600:
            st, out = call("POST", f"/servers/{sid}/action", {"os-getConsoleOutput": {}})
            if st == 200 and "Linux version" in out["output"]:
                first = time.monotonic() - t0
                break
            time.sleep(0.05)
    return sid, active, first, s["status"], (s.get("fault") or {}).get("message")

def delete(sid):
    call("DELETE", f"/servers/{sid}")
    while call("GET", f"/servers/{sid}")[0] != 404:
        time.sleep(0.1)

act, first = [], []
for i in range(N):
    sid, a, f, status, fault = boot(f"bench-{i + 1}")
    if status != "ACTIVE":
        raise SystemExit(f"bench-{i + 1} ended {status}: {fault}")
    act.append(a); first.append(f)
    delete(sid)
print(f"nubo (POST /servers to ACTIVE, {N} boots, one at a time): ACTIVE {statistics.median(act):.2f} s, "
      f"first console line {statistics.median(first):.2f} s")

# 20 at once: twenty threads each POST, then wait for their own server
results, lock = [], threading.Lock()
def one(i):
    r = boot(f"bench-c{i + 1}")
    with lock:
        results.append(r)
t0 = time.monotonic()
threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.monotonic() - t0
ok = [r for r in results if r[3] == "ACTIVE"]
printed = [r for r in ok if r[2] is not None]
print(f"nubo: 20 concurrent boots: {len(ok)} ACTIVE, {len(printed)} printed their first line, in {wall:.1f} s "
      f"(ACTIVE median {statistics.median([r[1] for r in ok]):.2f} s, slowest {max(r[1] for r in ok):.2f} s)"
      if ok else f"nubo: 20 concurrent boots: none ACTIVE in {wall:.1f} s")
for r in results:
    if r[3] != "ACTIVE":
        print(f"  {r[0]}: {r[3]}: {r[4]}")
for r in results:
    delete(r[0])
PY
openstack quota set --instances "$q_instances" --cores "$q_cores" "$project"
openstack flavor delete "$flavor"; openstack image delete "$image" "$kernel" "$ramdisk"
