#!/bin/busybox sh
# /init of the test machine's dom0 (busybox ash, PID 1): loads Xen's and 9p's kernel modules, starts
# xenstored, xen-init-dom0 and xenconsoled, mounts the host's root read-only on /host and the host's exchange
# directory (writable) at the same path under it, then runs EXCHANGE/job.sh chrooted in /host, so that the host's
# java and the build's jars are at their host paths. The job's output goes to the console and EXCHANGE/job.log,
# its exit status to EXCHANGE/job.exit; then the machine powers off, which ends QEMU. Every failure says
# "JVIRT-DOM0-FAILED: why" on the console and powers off too.
#
# What the job gets: JVIRT_DOM0_ROOT, a path under which dom0's own tools (xl, xentop, xenstore-*) run with
# `chroot "$JVIRT_DOM0_ROOT" xl ...` from inside /host (it is /proc/1/root, dom0's real root, with all its
# mounts), and JVIRT_GUEST_CONFIG, the xl configuration of a small PV guest that `xl create` starts.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/sbin

say() { echo "jvirt-dom0: $*"; }
fail() {
  echo "JVIRT-DOM0-FAILED: $*"
  sync
  poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts || fail "devpts (xenconsoled needs it)"
mount -t tmpfs -o mode=755 run /run

for m in xen-evtchn xen-privcmd xenfs xen-gntdev xen-gntalloc virtio_ring virtio virtio_pci_legacy_dev \
    virtio_pci_modern_dev virtio_pci 9pnet 9pnet_virtio netfs fscache 9p; do
  insmod "/lib/modules/$m.ko" || fail "insmod $m"
done
mount -t xenfs xenfs /proc/xen || fail "xenfs on /proc/xen"

mkdir -p /run/xenstored /run/xen /run/jtmp /run/xen-guest-logs
XENSTORED_ROOTDIR=/run/xenstored xenstored --pid-file /run/xenstored.pid || fail "xenstored"
i=0
until xenstore-read -s / >/dev/null 2>&1; do
  i=$((i + 1))
  [ $i -lt 500 ] || fail "xenstored does not answer"
  usleep 20000
done
xen-init-dom0 >/dev/null || fail "xen-init-dom0"
xenconsoled --pid-file=/run/xenconsoled.pid --log=guest --log-dir=/run/xen-guest-logs || fail "xenconsoled"
say "Xen tools up"

exchange=
for word in $(cat /proc/cmdline); do
  case $word in jvirt.exchange=*) exchange=${word#jvirt.exchange=} ;; esac
done
[ -n "$exchange" ] || fail "no jvirt.exchange= on the kernel command line"
opts=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o "$opts,ro,cache=loose" hostroot /host || fail "9p mount of the host's root"
mount -t 9p -o "$opts" exchange "/host$exchange" || fail "9p mount of the exchange directory at $exchange"
for d in proc sys dev run; do
  mount --rbind "/$d" "/host/$d" || fail "bind of /$d into /host"
done

sed "s|@GUEST@|/host$(cat /guest-images)|" /etc/xen/guest.cfg > /run/guest.cfg
export JVIRT_DOM0_ROOT=/proc/1/root JVIRT_GUEST_CONFIG=/run/guest.cfg
say "running $exchange/job.sh"
set -o pipefail
chroot /host /bin/sh "$exchange/job.sh" 2>&1 | tee "/host$exchange/job.log"
echo $? > "/host$exchange/job.exit"
say "job.sh exited with $(cat "/host$exchange/job.exit")"
sync
umount "/host$exchange"
poweroff -f
