#!/usr/bin/env bash
# Single-node, loopback-only Ceph (Pacific, Debian 12 packages) for the object store's RADOS driver tests.
# Modelled on /work/shared/tools/ceph-single-node.sh; this one makes RADOS pools (no RBD) and runs without a
# manager by default (librados put/get/stat/remove need none).
#
#   scripts/ceph-single-node.sh install        apt-get install the Debian packages (scripts/install-deps.sh --ceph)
#   scripts/ceph-single-node.sh start DIR      build a fresh cluster in DIR (empty or absent), wait until usable,
#                                              print the ceph.conf path (the only stdout line)
#   scripts/ceph-single-node.sh stop  DIR      kill the daemons this script started (PIDs from DIR/pids)
#   scripts/ceph-single-node.sh status DIR     ceph -s
#
# Environment: CEPH_MON_PORT (3300), CEPH_OBJECTSTORE (memstore, RAM only; or bluestore on a sparse file),
# CEPH_OSD_SIZE_GB (2), CEPH_WITH_MGR (0), CEPH_POOLS ("objects"), CEPH_TIMEOUT (180 s).
# Everything (data, logs, sockets, pid files, keyrings) lives under DIR; nothing in /etc/ceph.
set -euo pipefail

die() { echo "ceph-single-node: $*" >&2; exit 1; }
log() { echo "ceph-single-node: $*" >&2; }

cmd=${1:-}
dir=${2:-}

if [ "$cmd" = install ]; then
  exec "$(dirname "$0")/install-deps.sh" --ceph --no-postgres
fi

[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: $0 install | start|stop|status DIR"

do_stop() {
  local d=$1 pidfile="$1/pids" pid name
  [ -f "$pidfile" ] || { log "no $pidfile, nothing to stop"; return 0; }
  # reverse order: osd, mgr, mon
  tac "$pidfile" | while read -r pid name; do
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        log "$name (pid $pid) still alive after 10s, SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
  done
  rm -f "$pidfile"
}

if [ "$cmd" = stop ]; then
  dir=$(readlink -f "$dir")
  do_stop "$dir"
  exit 0
fi

if [ "$cmd" = status ]; then
  exec ceph -c "$(readlink -f "$dir")/ceph.conf" -s
fi

[ "$cmd" = start ] || die "unknown command $cmd"

port=${CEPH_MON_PORT:-3300}
store=${CEPH_OBJECTSTORE:-memstore}
size_gb=${CEPH_OSD_SIZE_GB:-2}
with_mgr=${CEPH_WITH_MGR:-0}
pools=${CEPH_POOLS:-objects}
timeout=${CEPH_TIMEOUT:-180}

bins="ceph ceph-mon ceph-osd ceph-authtool monmaptool rados setsid"
[ "$with_mgr" != 1 ] || bins="$bins ceph-mgr"
for b in $bins; do
  command -v "$b" >/dev/null || die "$b not found (run: $0 install)"
done

mkdir -p "$dir"
dir=$(readlink -f "$dir")
[ -z "$(ls -A "$dir")" ] || die "$dir is not empty (stop the old cluster and rm -rf it first)"
if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then die "127.0.0.1:$port already in use"; fi

t0=$(date +%s.%N)
conf=$dir/ceph.conf
fsid=$(cat /proc/sys/kernel/random/uuid)
mkdir -p "$dir"/{run,log,crash,mgr.x,osd.0}

cat > "$conf" <<EOF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$port
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
# clients: DIR/client.admin.keyring (daemons override below)
keyring = $dir/\$name.keyring
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
mon cluster log file = $dir/log/cluster.log
crash dir = $dir/crash
log to stderr = false
err to stderr = false
# unix socket paths are limited to 107 chars: keep DIR short (longer DIR: sockets fail, cluster still works)

osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0

mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim = false
mon warn on insecure global id reclaim allowed = false
auth allow insecure global id reclaim = false
mon data avail warn = 2
mon data avail crit = 1

[client]
# one admin socket per client process (a shared \$name.asok would collide between test JVMs)
admin socket = $dir/run/\$name.\$pid.asok

[mon]
mon data = $dir/mon.\$id
keyring = $dir/mon.\$id/keyring

[mgr]
mgr data = $dir/mgr.\$id
keyring = $dir/mgr.\$id/keyring
mgr initial modules = iostat

[osd]
osd data = $dir/osd.\$id
keyring = $dir/osd.\$id/keyring
osd objectstore = $store
# no "bluestore block path": with it unset bluestore creates the sparse file osd.N/block itself
# (pointing it at osd.N/block makes bluestore symlink the file onto itself: ELOOP)
osd op num shards = 2
osd op num threads per shard = 1
bluestore block create = true
bluestore block size = $((size_gb * 1024 * 1024 * 1024))
bluestore block db create = false
bluestore block wal create = false
bluestore fsck on mount = false
bluestore cache autotune = false
bluestore cache size = 134217728
osd memory target = 1073741824
memstore device bytes = $((size_gb * 1024 * 1024 * 1024))
EOF

# --- keys + monitor -------------------------------------------------------
# the mon data dir must be empty for --mkfs, so the mon keyring is built outside it
# (mkfs copies it to mon.a/keyring)
ceph-authtool --create-keyring "$dir/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool --create-keyring "$dir/client.admin.keyring" --gen-key -n client.admin \
  --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
ceph-authtool "$dir/mon.keyring" --import-keyring "$dir/client.admin.keyring" >/dev/null
monmaptool --create --addv a "[v2:127.0.0.1:$port]" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/mon.keyring"
[ -d "$dir/mon.a/store.db" ] || die "ceph-mon --mkfs failed, see $dir/log/mon.a.log"

: > "$dir/pids"
# if anything below fails, take down what was started so no daemon is left behind
trap 'rc=$?; if [ $rc -ne 0 ]; then log "start failed (rc $rc), stopping started daemons"; do_stop "$dir"; fi' EXIT
start_daemon() { # name binary args...  (foreground mode -f, backgrounded here so $! is the daemon)
  local name=$1; shift
  setsid "$@" -f </dev/null >>"$dir/log/$name.stdout" 2>&1 &
  echo "$! $name" >> "$dir/pids"
}
start_daemon mon.a ceph-mon -c "$conf" -i a

C() { timeout 30 ceph -c "$conf" "$@"; }
wait_for() { # description, command...
  local what=$1; shift
  local end=$(( $(date +%s) + timeout ))
  local pid name
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || die "timed out waiting for $what (logs in $dir/log)"
    while read -r pid name; do
      kill -0 "$pid" 2>/dev/null || die "$name (pid $pid) died while waiting for $what, see $dir/log/$name.log"
    done < "$dir/pids"
    sleep 0.5
  done
}
wait_for "mon quorum" C mon stat

# --- manager ----------------------------------------------------------------
if [ "$with_mgr" = 1 ]; then
  C auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' -o "$dir/mgr.x/keyring" >/dev/null
  start_daemon mgr.x ceph-mgr -c "$conf" -i x
fi

# --- OSD (manual "long form", like the docs' manual deployment) -------------
osd_uuid=$(cat /proc/sys/kernel/random/uuid)
osd_secret=$(ceph-authtool --gen-print-key)
osd_id=$(echo "{\"cephx_secret\": \"$osd_secret\"}" | C osd new "$osd_uuid" -i -)
[ "$osd_id" = 0 ] || die "expected osd id 0, got $osd_id"
ceph-authtool --create-keyring "$dir/osd.0/keyring" --name osd.0 --add-key "$osd_secret" >/dev/null
ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$dir/log/osd.0.mkfs" 2>&1 \
  || die "ceph-osd --mkfs failed, see $dir/log/osd.0.mkfs and $dir/log/osd.0.log"
start_daemon osd.0 ceph-osd -c "$conf" -i 0

osd_up() { C osd dump --format json | grep -q '"up":1'; }
wait_for "osd.0 up" osd_up

# --- pools ------------------------------------------------------------------
for p in $pools; do
  C osd pool create "$p" 8 8 replicated >/dev/null 2>>"$dir/log/setup.log"
  C osd pool application enable "$p" rgw >/dev/null 2>>"$dir/log/setup.log" || true
done

pgs_clean() { C pg stat | grep -Eq '^[0-9]+ pgs: [0-9]+ active\+clean;'; }
if [ "$with_mgr" = 1 ]; then
  wait_for "all PGs active+clean" pgs_clean
  health_ok() { C health | grep -q HEALTH_OK; }
  wait_for "HEALTH_OK" health_ok
fi
# a real write/read round trip proves the cluster is usable
probe_pool=${pools%% *}
[ -n "$probe_pool" ] || { probe_pool=probe; C osd pool create probe 8 8 >/dev/null 2>>"$dir/log/setup.log"; }
echo ok > "$dir/probe.txt"
wait_for "rados put" timeout 20 rados -c "$conf" -p "$probe_pool" put probe "$dir/probe.txt"
timeout 20 rados -c "$conf" -p "$probe_pool" rm probe || true

t1=$(date +%s.%N)
log "cluster up in $(awk "BEGIN{printf \"%.1f\", $t1-$t0}")s: $(C health)"
trap - EXIT
echo "$conf"
