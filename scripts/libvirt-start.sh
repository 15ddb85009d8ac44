#!/usr/bin/env bash
# Starts virtlogd and libvirtd when they are not running (machines without systemd, CI containers), and waits
# until qemu:///system answers. Idempotent: does nothing when libvirtd already answers.
#   scripts/libvirt-start.sh
set -euo pipefail
URI=qemu:///system
if virsh -c "$URI" version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -n); else SUDO=(); fi
command -v libvirtd >/dev/null || { echo "libvirt-start: libvirtd is not installed (scripts/install-deps.sh --libvirt)" >&2; exit 1; }
if ! [ -S /run/libvirt/virtlogd-sock ]; then
  "${SUDO[@]}" virtlogd -d
fi
if ! [ -S /run/libvirt/libvirt-sock ] || ! virsh -c "$URI" version >/dev/null 2>&1; then
  "${SUDO[@]}" libvirtd -d
fi
for _ in $(seq 1 50); do
  if virsh -c "$URI" version >/dev/null 2>&1; then
    echo "libvirt-start: libvirtd answers at $URI"
    exit 0
  fi
  sleep 0.2
done
echo "libvirt-start: libvirtd does not answer at $URI" >&2
exit 1
