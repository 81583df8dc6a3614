#!/bin/busybox sh
# /init of the small PV guest that dom0 starts with `xl create`: says it is up on its console and then
# wakes once a second, so that its CPU time keeps advancing without taking a CPU from dom0. It crashes on
# `xl sysrq ID c`.
/bin/busybox mount -t proc proc /proc
# Every sysrq, so that `xl sysrq ID c` crashes it: Debian's default mask leaves the crash out.
echo 1 > /proc/sys/kernel/sysrq
echo "jvirt-guest: up"
while :; do
  /bin/busybox sleep 1
done
