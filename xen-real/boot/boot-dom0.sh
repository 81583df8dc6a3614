#!/usr/bin/env bash
# Boots the test machine once under QEMU (TCG): Xen 4.17 with a PV dom0 (2 CPUs, 1 GiB, dom0 512 MiB) from
# IMAGES (build-images.sh), the host's root shared read-only (9p tag hostroot) and EXCHANGE shared writable
# (tag exchange). dom0 runs EXCHANGE/job.sh and powers off (dom0-init.sh); Xen's and dom0's consoles go to
# SERIAL_LOG. QEMU is killed after TIMEOUT seconds. The exit status is QEMU's (124 or 137 on time-out): whether
# the job ran and how it ended is told by EXCHANGE/job.exit, which the caller reads.
# Usage: boot-dom0.sh IMAGES EXCHANGE SERIAL_LOG TIMEOUT
set -euo pipefail

die() { echo "boot-dom0.sh: $*" >&2; exit 1; }

[ $# -eq 4 ] || die "usage: boot-dom0.sh IMAGES EXCHANGE SERIAL_LOG TIMEOUT"
images=$(cd "$1" && pwd)
exchange=$(cd "$2" && pwd)
log=$3
timeout=$4
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing (Debian: apt-get install qemu-system-x86)"
for f in xen vmlinux dom0.cpio; do
  [ -f "$images/$f" ] || die "$images/$f is missing: build-images.sh makes it"
done
# QEMU's option syntax gives commas and the kernel command line gives spaces a meaning of their own.
case $images$exchange in *[,\ ]*) die "the image and exchange paths must hold no comma or space: $images, $exchange" ;; esac

# -cpu qemu64: dom0 crashes on the SMAP/SMEP of -cpu max. bootscrub=0: Xen would touch all RAM at boot.
# -no-reboot: a Xen panic or a dom0 crash (Xen then reboots) ends QEMU at once.
exec timeout --kill-after=10 "$timeout" qemu-system-x86_64 -machine pc -accel tcg -cpu qemu64 -m 1024 -smp 2 \
  -nodefaults -display none -no-reboot -serial "file:$log" -monitor none \
  -kernel "$images/xen" \
  -append "console=com1 com1=115200,8n1 dom0_mem=512M,max:512M bootscrub=0" \
  -initrd "$images/vmlinux console=hvc0 quiet jvirt.exchange=$exchange,$images/dom0.cpio" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs "local,path=$exchange,mount_tag=exchange,security_model=none,multidevs=remap"
