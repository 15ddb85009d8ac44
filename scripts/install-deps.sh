#!/usr/bin/env bash
# Installs what Nubo's build and tests need on a Debian 12 machine, and makes sure PostgreSQL answers on
# 127.0.0.1:5432. Idempotent and silent when everything is already there; prints one line per action otherwise.
#
#   scripts/install-deps.sh               # JDK 17 (if no javac), openstack/swift CLIs, curl, jq, unzip, PostgreSQL
#   scripts/install-deps.sh --tempest     # ... and Tempest (for conformance/run-tempest.sh)
#   scripts/install-deps.sh --portal      # ... and node/npm (the portal's build) and chromium (its browser tests)
#   scripts/install-deps.sh --check       # change nothing: print what is missing, exit 1 if anything is
#
# Flags: --tempest, --libvirt, --ceph, --volume, --network, --portal (optional groups), --no-postgres, --check (alias --dry-run), -h/--help.
# Environment: NUBO_DEPS_LOG (apt output; default /tmp/nubo-install-deps.log).
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

# ---- package groups ---------------------------------------------------------------------------------------
# Debian package names. `base` is always wanted. Each optional group has a flag of the same name.
# Check by package name (dpkg), not by command: `python3` on PATH may be another interpreter (pyenv).
BASE_PKGS=(curl jq unzip ca-certificates python3-openstackclient python3-swiftclient python3-cloudkittyclient)
TEMPEST_PKGS=(tempest python3-stestr python3-subunit)
# libvirt + qemu for the compute agent (started by scripts/libvirt-start.sh), and what scripts/build-test-guest.sh
# builds the tiny test guest from (cloud kernel, busybox initramfs, grub hybrid ISO); genisoimage makes config drives.
LIBVIRT_PKGS=(libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils qemu-block-extra
              linux-image-cloud-amd64 busybox-static cpio grub-pc-bin grub-common xorriso mtools genisoimage)
# network-dataplane: bridges, DHCP namespaces, test guests
NETWORK_PKGS=(iproute2 dnsmasq-base busybox-static nftables)
CEPH_PKGS=(ceph-mon ceph-osd ceph-mgr ceph-common librados2)   # single-node test cluster + librados for com.ceph:rados
# block storage: tgt is the iSCSI target of the iscsi backend; qemu-utils makes the file volumes, and
# qemu-block-extra holds qemu's iSCSI and RBD initiators
VOLUME_PKGS=(tgt qemu-utils qemu-block-extra)
# portal: its Maven build runs npm ci / npm run build with the machine's node (any node >= 18 on PATH will do, so
# nodejs/npm come from Debian only when no node is there); its end-to-end tests drive Debian's headless chromium
PORTAL_BROWSER_PKGS=(chromium)
PORTAL_NODE_PKGS=(nodejs npm)
JDK_PKG=openjdk-17-jdk-headless   # only when no javac is on PATH

want_tempest=false want_libvirt=false want_ceph=false want_volume=false want_network=false want_portal=false want_postgres=true check_only=false
for arg in "$@"; do
  case "$arg" in
    --tempest) want_tempest=true ;;
    --libvirt) want_libvirt=true ;;
    --ceph) want_ceph=true ;;
    --volume) want_volume=true ;;
    --network) want_network=true ;;
    --portal) want_portal=true ;;
    --no-postgres) want_postgres=false ;;
    --check | --dry-run) check_only=true ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install-deps: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

LOG="${NUBO_DEPS_LOG:-/tmp/nubo-install-deps.log}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else SUDO=(__need_root__); fi
fi
say() { echo "install-deps: $*"; }
missing_any=false

# ---- apt helpers ------------------------------------------------------------------------------------------
is_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; }

# Runs an apt-get command, retrying while another apt/dpkg holds its locks (unattended-upgrades, a colleague).
apt_retry() {
  local attempt out rc
  if [ "${SUDO[0]-}" = __need_root__ ]; then
    echo "install-deps: need root (or sudo) to run: apt-get $*" >&2; return 1
  fi
  for attempt in $(seq 1 40); do
    rc=0
    out="$("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=60 "$@" 2>&1)" || rc=$?
    printf '%s\n' "$out" >>"$LOG"
    [ "$rc" -eq 0 ] && return 0
    if grep -qiE 'could not get lock|unable to acquire|is another process using it|dpkg was interrupted' <<<"$out"; then
      if grep -qi 'dpkg was interrupted' <<<"$out"; then "${SUDO[@]}" dpkg --configure -a >>"$LOG" 2>&1 || true; fi
      [ "$attempt" -eq 1 ] && say "apt is busy (lock held), waiting ..."
      sleep 15
      continue
    fi
    echo "install-deps: apt-get $* failed (exit $rc); last lines of $LOG:" >&2
    tail -n 25 <<<"$out" >&2
    return "$rc"
  done
  echo "install-deps: gave up waiting for the apt/dpkg lock" >&2
  return 1
}

apt_updated=false
apt_install() {
  [ "$#" -gt 0 ] || return 0
  if ! $apt_updated; then
    say "apt-get update"
    apt_retry update
    apt_updated=true
  fi
  say "installing $*"
  apt_retry install --no-install-recommends "$@"
}

# ---- packages ---------------------------------------------------------------------------------------------
wanted=("${BASE_PKGS[@]}")
want_group() {   # want_group FLAG PKG...: add the group's packages when its flag was given
  local flag="$1"; shift
  if [ "$#" -gt 0 ]; then wanted+=("$@"); else say "--$flag: no packages defined yet"; fi
}
if $want_tempest; then want_group tempest "${TEMPEST_PKGS[@]}"; fi
if $want_libvirt; then want_group libvirt "${LIBVIRT_PKGS[@]}"; fi
if $want_ceph; then want_group ceph "${CEPH_PKGS[@]}"; fi
if $want_volume; then want_group volume "${VOLUME_PKGS[@]}"; fi
if $want_network; then want_group network "${NETWORK_PKGS[@]}"; fi
if $want_portal; then
  want_group portal "${PORTAL_BROWSER_PKGS[@]}"
  # a node from elsewhere (nodesource's nodejs brings npm) is kept; Debian's otherwise
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then wanted+=("${PORTAL_NODE_PKGS[@]}"); fi
fi
command -v javac >/dev/null 2>&1 || wanted+=("$JDK_PKG")

missing=()
for p in "${wanted[@]}"; do is_installed "$p" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  missing_any=true
  if $check_only; then say "would install: ${missing[*]}"; else apt_install "${missing[@]}"; fi
fi

# ---- PostgreSQL on 127.0.0.1:5432 -------------------------------------------------------------------------
pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432 -t 3
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

pg_version() { find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }

pg_wait() {
  local _
  for _ in $(seq 1 30); do pg_answers && return 0; sleep 1; done
  echo "install-deps: PostgreSQL did not answer on 127.0.0.1:5432 within 30 s" >&2
  tail -n 5 "$LOG" >&2
  return 1
}

# Trust for loopback TCP, listening on localhost. Only used on a PostgreSQL this script installed itself.
pg_configure_trust() {
  local ver="$1" conf="/etc/postgresql/$1/main"
  "${SUDO[@]}" sed -i -E 's/^#?listen_addresses\s*=.*/listen_addresses = '\''localhost'\''/' "$conf/postgresql.conf"
  "${SUDO[@]}" sed -i -E \
    -e 's#^(host\s+all\s+all\s+127\.0\.0\.1/32\s+)\S+#\1trust#' \
    -e 's#^(host\s+all\s+all\s+::1/128\s+)\S+#\1trust#' \
    -e 's#^(local\s+all\s+all\s+)\S+#\1trust#' "$conf/pg_hba.conf"
}

pg_start() {
  local ver; ver="$(pg_version)"
  [ -n "$ver" ] || return 1
  if [ ! -d "/etc/postgresql/$ver/main" ]; then
    say "creating PostgreSQL $ver cluster 'main'"
    "${SUDO[@]}" pg_createcluster "$ver" main >>"$LOG" 2>&1
  fi
  say "starting PostgreSQL $ver/main"
  "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$ver" main start >>"$LOG" 2>&1 || true
}

if $want_postgres && ! pg_answers; then
  missing_any=true
  if $check_only; then
    if [ -n "$(pg_version)" ]; then say "would start PostgreSQL $(pg_version)/main"
    else say "would install and start postgresql (trust auth on 127.0.0.1)"; fi
  else
    if [ -z "$(pg_version)" ] || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
      apt_install postgresql
      pg_configure_trust "$(pg_version)"
      "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main stop >>"$LOG" 2>&1 || true
    fi
    pg_start
    pg_wait
  fi
fi

if $check_only && $missing_any; then exit 1; fi
exit 0
