#!/usr/bin/env bash
# Builds Nubo's tiny test guest from Debian packages (linux-image-cloud-amd64, busybox-static, cpio, grub-pc-bin,
# grub-common, xorriso, mtools: scripts/install-deps.sh --libvirt) into a cache directory:
#
#   vmlinuz            the Debian cloud kernel
#   initrd.img         a busybox initramfs whose /init loads the virtio, ATA, cdrom and isofs modules (the cloud
#                      kernel has them as modules) in dependency order, then prints a marker, its block devices,
#                      its NICs and the config drive's meta_data.json uuid on the serial console, then asks for
#                      a DHCP lease on every NIC (busybox udhcpc) and prints what it got:
#                      "NUBO-TEST-GUEST: lease eth0 ip=10.0.0.5 mask=255.255.255.0 router=10.0.0.1 mtu=1500"
#                      (or "NUBO-TEST-GUEST: no-lease eth0"); the address stays set, so the guest answers ping;
#                      then, every second, each disk that was hot-plugged or unplugged (with its size and its
#                      first bytes) or changed its size ("NUBO-TEST-GUEST: resize vdb sectors=4096"), and each NIC hot-plugged ("NUBO-TEST-GUEST: hotplug nic add eth1 mac=...",
#                      then its lease line as at boot) or unplugged; with nubo.tick on the kernel command line, a
#                      numbered tick every second; busybox httpd answers on TCP 8080 and 8081 (index.html:
#                      "NUBO-TEST-GUEST: http <hostname>"); the config drive's user_data, if any, runs as a shell
#                      script once the leases are set
#   test-guest.iso     a grub hybrid ISO of the same kernel and initramfs (boots as a CD-ROM)
#   test-guest.qcow2   that ISO converted to qcow2 (boots from a virtio disk)
#
#   scripts/build-test-guest.sh [DIR]     # default <cache>/<key>, cache $NUBO_TEST_GUEST_DIR or /var/cache/nubo/test-guest
#
# The key is this script's version and a hash of its text (the guest's /init and layout live here), so builds of
# different versions of the guest sit side by side: a checkout with another /init never overwrites this one.
# Idempotent: does nothing when DIR already holds a build of the same kernel and key.
# Prints DIR on stdout.
set -euo pipefail

VERSION=12  # bump when /init or the layout changes (6: udhcpc on every NIC; 7: hot-plugged disks; 8: nubo.tick; 9: all three; 10: httpd on 8080/8081, user_data run, no_timer_check: an overloaded host made the emulated kernel panic "IO-APIC + timer doesn't work"; 11: and hot-plugged NICs get a lease; 12: a disk's capacity change is printed)
KEY="v$VERSION-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"
DIR="${1:-${NUBO_TEST_GUEST_DIR:-/var/cache/nubo/test-guest}/$KEY}"
KERNEL_PATH="$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$KERNEL_PATH" ]; then
  echo "build-test-guest: no /boot/vmlinuz-*-cloud-amd64 (apt-get install linux-image-cloud-amd64)" >&2
  exit 1
fi
KVER="${KERNEL_PATH#/boot/vmlinuz-}"
STAMP="$KVER $KEY"
if [ -f "$DIR/stamp" ] && [ "$(cat "$DIR/stamp")" = "$STAMP" ] && [ -f "$DIR/test-guest.qcow2" ]; then
  echo "$DIR"; exit 0
fi
for tool in busybox cpio grub-mkrescue xorriso qemu-img; do
  command -v "$tool" >/dev/null || { echo "build-test-guest: $tool is missing (scripts/install-deps.sh --libvirt)" >&2; exit 1; }
done
[ -x /bin/busybox ] && file_busybox=/bin/busybox || file_busybox="$(command -v busybox)"

mkdir -p "$DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOT="$WORK/root"
mkdir -p "$ROOT"/{bin,dev,proc,sys,mnt,lib/modules,tmp}
cp "$file_busybox" "$ROOT/bin/busybox"

# the modules in dependency order, as modprobe resolves them (virtio_ring before virtio, scsi_mod before sr_mod)
: > "$ROOT/lib/modules/order"
for m in virtio_pci virtio_blk virtio_net virtio_console ata_piix sr_mod isofs button evdev; do
  modprobe -S "$KVER" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" { print $2 }'
done | awk '!seen[$0]++' | while read -r ko; do
  case "$ko" in
    *.ko.xz) xz -dc "$ko" > "$ROOT/lib/modules/$(basename "${ko%.xz}")" ;;
    *.ko.zst) zstd -qdc "$ko" > "$ROOT/lib/modules/$(basename "${ko%.zst}")" ;;
    *) cp "$ko" "$ROOT/lib/modules/" ;;
  esac
  echo "$(basename "${ko%.xz}")" | sed 's/\.zst$//' >> "$ROOT/lib/modules/order"
done

cat > "$ROOT/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m 2>/dev/null; done
echo "NUBO-TEST-GUEST: booted"
sleep 1
mdev -s 2>/dev/null
# busybox's blkid prints no TYPE: read the superblock magics ourselves (ext2/3/4, swap, iso9660)
at() { dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null | tr -d '\000'; }
for b in /sys/block/*; do
  [ -e "$b" ] || continue
  n=${b##*/}
  case "$n" in loop*|ram*) continue ;; esac
  d=/dev/$n t=none l=none
  if [ "$(at $d 4086 10)" = SWAPSPACE2 ]; then t=swap
  elif [ "$(dd if=$d bs=1 skip=1080 count=2 2>/dev/null | od -An -tx1 | tr -d ' ')" = 53ef ]; then
    t=ext4; l=$(at $d 1144 16); [ -n "$l" ] || l=none
  elif [ "$(at $d 32769 5)" = CD001 ]; then
    t=iso9660; l=$(at $d 32808 32 | sed 's/ *$//'); [ -n "$l" ] || l=none
  fi
  echo "NUBO-TEST-GUEST: block $n sectors=$(cat $b/size) type=$t label=$l"
done
for n in /sys/class/net/*; do
  n=${n##*/}
  [ "$n" = lo ] && continue
  echo "NUBO-TEST-GUEST: nic $n mac=$(cat /sys/class/net/$n/address)"
done
for d in /dev/sr* /dev/vd* /dev/hd*; do
  [ -b "$d" ] || continue
  if mount -t iso9660 -o ro "$d" /mnt 2>/dev/null; then
    if [ -f /mnt/openstack/latest/meta_data.json ]; then
      u=$(sed -n 's/.*"uuid" *: *"\([^"]*\)".*/\1/p' /mnt/openstack/latest/meta_data.json)
      echo "NUBO-TEST-GUEST: config-drive $d uuid=$u"
    fi
    cp /mnt/openstack/latest/user_data /tmp/user-data 2>/dev/null || true
    umount /mnt
  fi
done
for n in /sys/class/net/*; do
  n=${n##*/}
  [ "$n" = lo ] && continue
  ip link set dev "$n" up
  udhcpc -i "$n" -s /bin/dhcp-lease -O mtu -n -q -t 8 -T 2 -A 1 >/dev/null 2>&1 \
    || echo "NUBO-TEST-GUEST: no-lease $n"
done
# TCP listeners for the security group tests: busybox httpd on 8080 and 8081, each page naming the guest's port
mkdir -p /www && echo "NUBO-TEST-GUEST: http $(hostname)" > /www/index.html
httpd -p 8080 -h /www && httpd -p 8081 -h /www
echo "NUBO-TEST-GUEST: ready"
# user data from the config drive runs as a shell script once the NICs have their leases (as cloud-init would)
[ -f /tmp/user-data ] && (sh /tmp/user-data > /dev/console 2>&1 &)
# a clean shutdown request (ACPI power button) powers the guest off, as a real OS would
acpid -d -c /etc/acpi >/dev/null 2>&1 &
# with nubo.tick on the kernel command line, a numbered tick and the guest's uptime every second (the live
# migration test reads from them that the guest never stopped); after acpid, which must not start any later
if grep -qw nubo.tick /proc/cmdline; then
  (i=0; while true; do i=$((i+1)); echo "NUBO-TEST-GUEST: tick $i uptime=$(cut -d' ' -f1 /proc/uptime)"; sleep 1; done) &
fi
# hot-plugged disks come and go: say so, with the size and the first bytes (printable ones) a test wrote there
known=" $(ls /sys/block | tr '\n' ' ') "
# a disk whose capacity changes (an attached volume extended) is said too, with its new size
mkdir -p /tmp/sectors
for n in $known; do cat /sys/block/$n/size > /tmp/sectors/$n; done
# hot-plugged NICs too: say so, bring them up and ask for a lease as at boot (in the background: the loop goes on)
nics=" $(ls /sys/class/net | tr '\n' ' ') "
while true; do
  sleep 1
  nownics=" $(ls /sys/class/net | tr '\n' ' ') "
  for n in $nownics; do
    case "$nics" in *" $n "*) ;; *)
      echo "NUBO-TEST-GUEST: hotplug nic add $n mac=$(cat /sys/class/net/$n/address)"
      ip link set dev "$n" up
      (udhcpc -i "$n" -s /bin/dhcp-lease -O mtu -n -q -t 8 -T 2 -A 1 >/dev/null 2>&1 \
        || echo "NUBO-TEST-GUEST: no-lease $n") & ;;
    esac
  done
  for n in $nics; do
    case "$nownics" in *" $n "*) ;; *) echo "NUBO-TEST-GUEST: hotplug nic remove $n" ;; esac
  done
  nics=$nownics
  now=" $(ls /sys/block | tr '\n' ' ') "
  for n in $now; do
    case "$known" in *" $n "*) ;; *)
      h=$(dd if=/dev/$n bs=32 count=1 2>/dev/null | tr -dc 'A-Za-z0-9:_-')
      echo "NUBO-TEST-GUEST: hotplug add $n sectors=$(cat /sys/block/$n/size) head=${h:-none}" ;;
    esac
    s=$(cat /sys/block/$n/size)
    [ -f /tmp/sectors/$n ] && [ "$(cat /tmp/sectors/$n)" != "$s" ] && echo "NUBO-TEST-GUEST: resize $n sectors=$s"
    echo "$s" > /tmp/sectors/$n
  done
  for n in $known; do
    case "$now" in *" $n "*) ;; *) echo "NUBO-TEST-GUEST: hotplug remove $n"; rm -f /tmp/sectors/$n ;; esac
  done
  known=$now
done
INIT
chmod 755 "$ROOT/init"
# udhcpc's script: sets the lease it got on the NIC and prints it on the console
cat > "$ROOT/bin/dhcp-lease" <<'LEASE'
#!/bin/busybox sh
case "$1" in
  bound|renew)
    [ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
    ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}" up
    [ -n "$router" ] && route add default gw "${router%% *}" dev "$interface" 2>/dev/null
    echo "NUBO-TEST-GUEST: lease $interface ip=$ip mask=$subnet router=${router:-none} mtu=${mtu:-none}" > /dev/console
    ;;
  deconfig)
    ifconfig "$interface" 0.0.0.0 2>/dev/null
    ;;
esac
exit 0
LEASE
chmod 755 "$ROOT/bin/dhcp-lease"
mkdir -p "$ROOT/etc/acpi/PWRF"
printf '#!/bin/sh\necho "NUBO-TEST-GUEST: power button" > /dev/console\npoweroff -f\n' > "$ROOT/etc/acpi/PWRF/00000080"
chmod 755 "$ROOT/etc/acpi/PWRF/00000080"
# busybox acpid maps events through /etc/acpi.map; without it the button event is named PWRF/00000080
printf 'EV_KEY 0x01 KEY_POWER 116 1 button/power PWRF/00000080\n' > "$ROOT/etc/acpi.map"

(cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -9) > "$WORK/initrd.img"
cp "$KERNEL_PATH" "$WORK/vmlinuz"

ISO="$WORK/iso"
mkdir -p "$ISO/boot/grub"
cp "$WORK/vmlinuz" "$ISO/boot/vmlinuz"
cp "$WORK/initrd.img" "$ISO/boot/initrd.img"
cat > "$ISO/boot/grub/grub.cfg" <<'GRUB'
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "nubo-test-guest" {
  linux /boot/vmlinuz console=ttyS0 quiet no_timer_check
  initrd /boot/initrd.img
}
GRUB
grub-mkrescue -o "$WORK/test-guest.iso" "$ISO" >/dev/null 2>&1
qemu-img convert -f raw -O qcow2 "$WORK/test-guest.iso" "$WORK/test-guest.qcow2"

for f in vmlinuz initrd.img test-guest.iso test-guest.qcow2; do
  install -m 0644 "$WORK/$f" "$DIR/$f"
done
echo "$STAMP" > "$DIR/stamp"
chmod 0755 "$DIR"
echo "$DIR"
