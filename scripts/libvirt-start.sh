#!/usr/bin/env bash
# Starts virtlogd and libvirtd when they are not running (machines without systemd, CI containers), and waits
# until qemu:///system answers. Idempotent: does nothing when libvirtd already answers.
#   scripts/libvirt-start.sh
set -euo pipefail
URI=qemu:///system
# libvirtd answering is not enough: guests start only when virtlogd answers too (CI once found libvirtd running
# and virtlogd gone, its socket left behind refusing connections). Check each daemon by connecting to its socket.
answers() {  # answers SOCKET: a process accepts connections on that unix socket
  [ -S "$1" ] && python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(sys.argv[1])' "$1" 2>/dev/null
}
if answers /run/libvirt/virtlogd-sock && virsh -c "$URI" version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo -n); else SUDO=(); fi
command -v libvirtd >/dev/null || { echo "libvirt-start: libvirtd is not installed (scripts/install-deps.sh --libvirt)" >&2; exit 1; }
if ! answers /run/libvirt/virtlogd-sock; then
  "${SUDO[@]}" rm -f /run/libvirt/virtlogd-sock /run/libvirt/virtlogd-admin-sock
  "${SUDO[@]}" virtlogd -d
  for _ in $(seq 1 50); do answers /run/libvirt/virtlogd-sock && break; sleep 0.1; done
  answers /run/libvirt/virtlogd-sock || { echo "libvirt-start: virtlogd does not answer" >&2; exit 1; }
  echo "libvirt-start: virtlogd started"
fi
if ! virsh -c "$URI" version >/dev/null 2>&1; then
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
