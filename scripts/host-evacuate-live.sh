#!/usr/bin/env bash
# Empties a compute host for maintenance by live migration, one instance at a time, through the real openstack CLI
# (the pattern of `nova host-evacuate-live`; Nova's POST /os-hosts/{host}/... calls are gone). Each ACTIVE or
# PAUSED server on HOST is moved with `openstack server migrate --live-migration --wait` (the scheduler chooses its
# destination among the other enabled hosts that fit it and offer its CPU); each server's outcome is reported on
# its own line, and the exit status is non-zero when any server could not be moved. Servers in other states (SHUTOFF,
# ERROR, ...) are listed and left: they need a cold migration.
# For a host that died (not maintenance), force its service down and `openstack server evacuate` its servers
# instead: docs/operations.md, "A compute host died".
#
#   scripts/host-evacuate-live.sh [--disable] [--shared-migration] [--dry-run] HOST
#
#   --disable           first `openstack compute service set --disable --disable-reason maintenance HOST
#                       nova-compute`, so that nothing new is placed on HOST meanwhile (recommended)
#   --shared-migration  the servers' disks are on storage both hosts share (RBD root disks, boot from volume);
#                       default is a block migration (local qcow2 disks copied over NBD while the guest runs)
#   --dry-run           only list what would be moved
#
# The CLI's usual settings choose the cloud (OS_CLOUD with OS_CLIENT_CONFIG_FILE, or OS_* variables), as an admin.
set -euo pipefail

disable=0 block="--block-migration" dry=0 host=""
while [ $# -gt 0 ]; do
  case "$1" in
    --disable) disable=1 ;;
    --shared-migration) block="--shared-migration" ;;
    --dry-run) dry=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "host-evacuate-live: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$host" ] || { echo "host-evacuate-live: one HOST only" >&2; exit 2; }; host="$1" ;;
  esac
  shift
done
[ -n "$host" ] || { echo "usage: $0 [--disable] [--shared-migration] [--dry-run] HOST" >&2; exit 2; }

if ! openstack compute service list -f value -c Host | grep -qx "$host"; then
  echo "host-evacuate-live: no compute service on host $host" >&2
  exit 1
fi
if [ "$disable" = 1 ] && [ "$dry" = 0 ]; then
  openstack compute service set --disable --disable-reason "maintenance: evacuating by live migration" \
    "$host" nova-compute
  echo "$host: disabled (no new placements)"
fi

failed=0 moved=0 left=0
while read -r id status; do
  [ -n "$id" ] || continue
  case "$status" in
    ACTIVE|PAUSED) ;;
    *) echo "$id: $status, not moved (only ACTIVE and PAUSED servers migrate live)"; left=$((left + 1)); continue ;;
  esac
  if [ "$dry" = 1 ]; then
    echo "$id: would be live-migrated off $host"
    continue
  fi
  if err=$(openstack server migrate --live-migration $block --wait "$id" 2>&1 >/dev/null); then
    now=$(openstack server show -f value -c OS-EXT-SRV-ATTR:host "$id")
    if [ "$now" != "$host" ]; then
      echo "$id: moved to $now"
      moved=$((moved + 1))
      continue
    fi
    err="still on $host after the migration: $(openstack server migration list --server "$id" -f value \
      -c Status 2>/dev/null | head -1); the reason is in \`openstack server event show $id <request id>\`"
  fi
  echo "$id: FAILED: $(echo "$err" | tr '\n' ' ')"
  failed=$((failed + 1))
done < <(openstack server list --all-projects --host "$host" -f value -c ID -c Status)

echo "$host: $moved moved, $failed failed, $left left (not live-migratable)"
[ "$failed" = 0 ]
