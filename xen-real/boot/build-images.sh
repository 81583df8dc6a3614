#!/usr/bin/env bash
# Builds the test machine's boot images from the packages fetch-packages.sh fetched, unpacked with dpkg-deb
# (nothing is installed on the host), into PACKAGES_DIR/images-<hash of the boot scripts> and prints that
# directory; a directory built before by the same scripts is reused. It holds:
#   xen              the hypervisor, an ELF with a multiboot header that QEMU's -kernel loads
#   vmlinux          the kernel as a raw ELF (decompressing the bzImage here saves seconds of boot under TCG);
#                    dom0 boots it, and xl starts the PV guest with it too
#   dom0.cpio        dom0's initramfs, uncompressed: busybox, the Xen tools and the libraries they link,
#                    the kernel modules dom0-init.sh loads, dom0-init.sh as /init, the guest's xl config
#   guest-initrd.gz  the PV guest's initramfs: busybox and guest-init.sh
# Usage: build-images.sh PACKAGES_DIR
set -euo pipefail

die() { echo "build-images.sh: $*" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
packages=$(cd "${1:?usage: build-images.sh PACKAGES_DIR}" && pwd)
for tool in dpkg-deb tar xz ldd gzip; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install xz-utils for xz)"
done
for script in dom0-init.sh guest-init.sh guest.cfg build-images.sh; do
  [ -f "$here/$script" ] || die "$here/$script is missing"
done
build_id=$(cat "$here/build-images.sh" "$here/dom0-init.sh" "$here/guest-init.sh" "$here/guest.cfg" \
  | sha256sum | cut -c1-16)
out=$packages/images-$build_id
if [ -f "$out/.complete" ]; then
  echo "$out"
  exit 0
fi

work=$(mktemp -d "$packages/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
unpacked=$work/unpacked
mkdir -p "$unpacked"

# Only the kernel image and the modules dom0 loads from the 70 MB kernel package; everything of the others.
modules=(xen-evtchn xen-privcmd xenfs xen-gntdev xen-gntalloc virtio_ring virtio virtio_pci_legacy_dev
  virtio_pci_modern_dev virtio_pci 9pnet 9pnet_virtio netfs fscache 9p)
for deb in "$packages"/*.deb; do
  case $(basename "$deb") in
    linux-image-*)
      dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$unpacked" --wildcards './boot/vmlinuz-*' \
        './lib/modules/*/kernel/drivers/xen/*' './lib/modules/*/kernel/drivers/virtio/*' \
        './lib/modules/*/kernel/net/9p/*' './lib/modules/*/kernel/fs/9p/*' './lib/modules/*/kernel/fs/netfs/*' \
        './lib/modules/*/kernel/fs/fscache/*' ;;
    *) dpkg-deb -x "$deb" "$unpacked" ;;
  esac
done

mkdir -p "$work/out"
zcat "$unpacked"/boot/xen-4.17-amd64.gz > "$work/out/xen"

# The bzImage carries an xz stream (magic FD 37 7A 58 5A 00) that decompresses to the kernel's ELF.
bzimage=$(ls "$unpacked"/boot/vmlinuz-*)
offset=$(LC_ALL=C grep -m1 -obUaP '\xfd7zXZ\x00' "$bzimage" | cut -d: -f1 | sed -n 1p)
[ -n "$offset" ] || die "no xz stream in $bzimage"
# (xz stops reading at the stream's end: tail is not in a pipeline, where its SIGPIPE would fail the script.)
xz -dc --single-stream < <(tail -c +$((offset + 1)) "$bzimage") > "$work/out/vmlinux"
[ "$(head -c 4 "$work/out/vmlinux" | od -An -c | tr -d ' ')" = "177ELF" ] || die "$bzimage did not decompress to an ELF"

# dom0's root.
busybox=$unpacked/bin/busybox
rootfs=$work/dom0
mkdir -p "$rootfs"/{bin,usr/sbin,lib/modules,lib/x86_64-linux-gnu,lib64,proc,sys,dev,run,host,tmp,etc/xen} \
  "$rootfs"/var/{lib/xen,log/xen,lock}
ln -s ../run "$rootfs/var/run"
cp "$busybox" "$rootfs/bin/busybox"
for m in "${modules[@]}"; do
  found=$(find "$unpacked/lib/modules" -name "$m.ko" | head -1)
  [ -n "$found" ] || die "the kernel package has no module $m.ko"
  cp "$found" "$rootfs/lib/modules/"
done
tools=("$unpacked"/usr/lib/xen-4.17/bin/{xl,xentop,xenstored,xen-init-dom0,xenconsoled} "$unpacked"/usr/bin/xenstore)
for t in "${tools[@]}"; do
  [ -x "$t" ] || die "no $t in the Xen packages"
  cp "$t" "$rootfs/usr/sbin/"
done
for name in read write ls list rm exists chmod watch; do
  ln -s xenstore "$rootfs/usr/sbin/xenstore-$name"
done
# Every library the tools link, from the unpacked packages first, else the host's C library and its kin (the
# base system's libc6, libgcc-s1, libuuid1, zlib1g, liblzma5, libzstd1: the versions the host's java runs on).
libpath=$unpacked/usr/lib/x86_64-linux-gnu:$unpacked/lib/x86_64-linux-gnu
libs=$(LD_LIBRARY_PATH=$libpath ldd "${tools[@]}" | awk '/=> \// { print $3 } /^\t\/lib64\// { print $1 }' | sort -u)
missing=$(LD_LIBRARY_PATH=$libpath ldd "${tools[@]}" | grep 'not found' || true)
[ -z "$missing" ] || die "libraries not found for the Xen tools: $missing"
# glibc loads libgcc_s at run time for pthread_cancel, which libxl calls: ldd cannot see it.
gcc_s=$(ls /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 2>/dev/null | sed -n 1p)
[ -n "$gcc_s" ] || die "the host has no libgcc_s.so.1 (Debian: libgcc-s1)"
for lib in $libs $gcc_s; do
  case $lib in
    */ld-linux-x86-64.so.2) cp -L "$lib" "$rootfs/lib64/" ;;
    *) cp -L "$lib" "$rootfs/lib/x86_64-linux-gnu/" ;;
  esac
done
cp "$here/dom0-init.sh" "$rootfs/init"
chmod 755 "$rootfs/init"
cp "$here/guest.cfg" "$rootfs/etc/xen/guest.cfg"
: > "$rootfs/etc/xen/xl.conf"
echo "$out" > "$rootfs/guest-images"
(cd "$rootfs" && find . | "$busybox" cpio -o -H newc -R 0:0 --quiet > "$work/out/dom0.cpio")

# The guest's root.
groot=$work/guest
mkdir -p "$groot"/{bin,proc,dev}
cp "$busybox" "$groot/bin/busybox"
cp "$here/guest-init.sh" "$groot/init"
chmod 755 "$groot/init"
(cd "$groot" && find . | "$busybox" cpio -o -H newc -R 0:0 --quiet | gzip -1 > "$work/out/guest-initrd.gz")

touch "$work/out/.complete"
rm -rf "$out"
mv "$work/out" "$out"
for old in "$packages"/images-*; do
  [ "$old" = "$out" ] || rm -rf "$old"
done
echo "$out"
