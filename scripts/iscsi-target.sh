#!/usr/bin/env bash
# Debian's user-space iSCSI target (tgt) for the block storage service's iscsi backend and its tests: no kernel
# module; qemu's own initiator (qemu-block-extra) logs in. tgtd ignores SIGTERM, so stop takes it offline, removes
# its targets and deletes the system, and kills the PID it started only if it is still there.
#
#   scripts/iscsi-target.sh start DIR [PORTAL] [CONTROL_PORT]   tgtd -f -C CONTROL_PORT --iscsi portal=PORTAL
#                                                              (defaults 127.0.0.1:3260 and 0); PID in DIR/pid
#   scripts/iscsi-target.sh stop DIR                           stop the tgtd started with that DIR
#
# Install: scripts/install-deps.sh --volume (package tgt).
set -euo pipefail

die() { echo "iscsi-target: $*" >&2; exit 1; }
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: $0 start DIR [PORTAL] [CONTROL_PORT] | stop DIR"
command -v tgtd >/dev/null 2>&1 || [ -x /usr/sbin/tgtd ] || die "tgtd is not installed (scripts/install-deps.sh --volume)"
export PATH="$PATH:/usr/sbin"

case "$cmd" in
  start)
    portal=${3:-127.0.0.1:3260}
    control=${4:-0}
    mkdir -p "$dir"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "iscsi-target: already running (pid $(cat "$dir/pid"))" >&2; exit 0
    fi
    echo "$control" > "$dir/control-port"
    nohup tgtd -f -C "$control" --iscsi "portal=$portal" >"$dir/tgtd.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 50); do
      if tgtadm -C "$control" --lld iscsi --op show --mode target >/dev/null 2>&1; then exit 0; fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || die "tgtd exited: $(tail -n 3 "$dir/tgtd.log")"
      sleep 0.1
    done
    die "tgtd did not answer on control port $control within 5 s"
    ;;
  stop)
    [ -f "$dir/pid" ] || { echo "iscsi-target: no $dir/pid, nothing to stop" >&2; exit 0; }
    pid=$(cat "$dir/pid")
    control=$(cat "$dir/control-port" 2>/dev/null || echo 0)
    if kill -0 "$pid" 2>/dev/null; then
      tgtadm -C "$control" --op update --mode sys --name State -v offline >/dev/null 2>&1 || true
      for tid in $(tgtadm -C "$control" --lld iscsi --op show --mode target 2>/dev/null \
                   | sed -n 's/^Target \([0-9]*\): .*/\1/p'); do
        tgtadm -C "$control" --lld iscsi --op delete --mode target --tid "$tid" --force >/dev/null 2>&1 || true
      done
      tgtadm -C "$control" --op delete --mode system >/dev/null 2>&1 || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$dir/pid"
    ;;
  *) die "unknown command $cmd" ;;
esac
