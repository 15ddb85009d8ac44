#!/usr/bin/env bash
# Two compute hosts on one machine, for live migration (../shared/MACHINE-NOTES.md "Two compute hosts"):
# each host is a network namespace with its own libvirtd + virtlogd (own /run/libvirt, /var/lib/libvirt,
# /var/log/libvirt, /var/cache/libvirt bind-mounted from DIR/hN, own /etc/libvirt with its own host_uuid through
# /etc/netns/NS/libvirt), the two joined by a veth pair (10.77.NET.1 and 10.77.NET.2). Each libvirtd listens on
# tcp only inside its namespace (auth none: nothing outside the pair reaches it) and on its unix socket, which is
# how the agents and tests outside reach it: qemu+unix:///system?socket=DIR/hN/run/libvirt-sock. qemu's
# migration (and NBD disk copy) traffic uses ports 25100-25199 on the veth addresses only.
#
#   scripts/two-host-lab.sh up   DIR TAG NET   # TAG: a few [a-z0-9] chars naming the namespaces; NET: 0-255
#   scripts/two-host-lab.sh down DIR          # removes everything `up` made, ends only the processes it started
#
# `up` prints, per host, a line: host N ns=NAME uri=qemu+unix:... peer=qemu+tcp://10.77.NET.N:25509/system
# address=10.77.NET.N instances=DIR/hN/instances
set -euo pipefail

LIBVIRTD_PORT=25509
MIGRATION_PORTS=(25100 25199)

answers() {  # answers SOCKET: a process accepts connections on that unix socket
  [ -S "$1" ] && python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(sys.argv[1])' "$1" 2>/dev/null
}

pid_of() { [ -s "$1" ] && cat "$1" || true; }

end_pid() {  # end_pid PID: TERM, then KILL after 5 s; only ever a pid this lab recorded
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

up() {
  local dir="$1" tag="$2" net="$3"
  [[ "$tag" =~ ^[a-z0-9]{1,8}$ ]] || { echo "two-host-lab: TAG must be 1-8 chars [a-z0-9]" >&2; exit 2; }
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  echo "$tag" > "$dir/tag"
  local ns1="nubolab-$tag-1" ns2="nubolab-$tag-2"
  echo "$ns1 $ns2" > "$dir/namespaces"
  ip netns add "$ns1"
  ip netns add "$ns2"
  ip link add "nl${tag}a" type veth peer name "nl${tag}b"
  ip link set "nl${tag}a" netns "$ns1"
  ip link set "nl${tag}b" netns "$ns2"
  local n
  for n in 1 2; do
    local ns="nubolab-$tag-$n" ifc
    [ "$n" = 1 ] && ifc="nl${tag}a" || ifc="nl${tag}b"
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add "10.77.$net.$n/24" dev "$ifc"
    ip -n "$ns" link set "$ifc" up
    local h="$dir/h$n" etc="/etc/netns/$ns/libvirt"
    mkdir -p "$h"/{run,lib,log,cache,instances} "$etc/qemu"
    chmod 0755 "$dir" "$h" "$h/instances"
    # the machine's own settings, without its guests, networks and secrets
    for f in /etc/libvirt/*.conf; do cp "$f" "$etc/"; done
    [ -d /etc/libvirt/nwfilter ] && cp -r /etc/libvirt/nwfilter "$etc/"
    cat >> "$etc/libvirtd.conf" <<EOF

# nubo two-host lab, host $n
host_uuid = "$(cat /proc/sys/kernel/random/uuid)"
listen_tls = 0
listen_tcp = 1
listen_addr = "10.77.$net.$n"
tcp_port = "$LIBVIRTD_PORT"
auth_tcp = "none"
EOF
    cat >> "$etc/qemu.conf" <<EOF

# nubo two-host lab, host $n: migration and NBD traffic on the veth only
migration_address = "10.77.$net.$n"
migration_host = "10.77.$net.$n"
migration_port_min = ${MIGRATION_PORTS[0]}
migration_port_max = ${MIGRATION_PORTS[1]}
EOF
    ip netns exec "$ns" sh -c "mount --make-rprivate / && \
      mount --bind '$h/run' /run/libvirt && mount --bind '$h/lib' /var/lib/libvirt && \
      mount --bind '$h/log' /var/log/libvirt && mount --bind '$h/cache' /var/cache/libvirt && \
      virtlogd -d -p /run/libvirt/virtlogd.pid && libvirtd -d --listen -p /run/libvirt/libvirtd.pid"
  done
  for n in 1 2; do
    local h="$dir/h$n" ok=""
    for _ in $(seq 1 100); do
      if answers "$h/run/virtlogd-sock" && virsh -c "qemu+unix:///system?socket=$h/run/libvirt-sock" version >/dev/null 2>&1; then
        ok=1; break
      fi
      sleep 0.2
    done
    [ -n "$ok" ] || { echo "two-host-lab: libvirtd of host $n does not answer" >&2; down "$dir"; exit 1; }
    echo "host $n ns=nubolab-$tag-$n uri=qemu+unix:///system?socket=$h/run/libvirt-sock" \
      "peer=qemu+tcp://10.77.$net.$n:$LIBVIRTD_PORT/system address=10.77.$net.$n instances=$h/instances"
  done
}

down() {
  local dir="$1" n
  [ -d "$dir" ] || return 0
  for n in 1 2; do
    local h="$dir/h$n" uri="qemu+unix:///system?socket=$dir/h$n/run/libvirt-sock" d
    if answers "$h/run/libvirt-sock"; then
      for d in $(virsh -c "$uri" list --all --name 2>/dev/null); do
        virsh -c "$uri" destroy "$d" >/dev/null 2>&1 || true
        virsh -c "$uri" undefine "$d" --managed-save --snapshots-metadata >/dev/null 2>&1 || true
      done
    fi
    # guests left by a libvirtd that was killed: their qemu pid files are in this host's own /run/libvirt
    for f in "$h"/run/qemu/*.pid; do [ -e "$f" ] && end_pid "$(pid_of "$f")"; done
    end_pid "$(pid_of "$h/run/libvirtd.pid")"
    end_pid "$(pid_of "$h/run/virtlogd.pid")"
  done
  if [ -f "$dir/namespaces" ]; then
    for ns in $(cat "$dir/namespaces"); do
      ip netns del "$ns" 2>/dev/null || true
      rm -rf "/etc/netns/$ns"
    done
    rmdir /etc/netns 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  up) [ $# -eq 4 ] || { echo "usage: $0 up DIR TAG NET" >&2; exit 2; }; up "$2" "$3" "$4" ;;
  down) [ $# -eq 2 ] || { echo "usage: $0 down DIR" >&2; exit 2; }; down "$2" ;;
  *) echo "usage: $0 up DIR TAG NET | down DIR" >&2; exit 2 ;;
esac
