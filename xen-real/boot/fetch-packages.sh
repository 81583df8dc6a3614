#!/usr/bin/env bash
# Fetches the Debian packages of the real-Xen test machine (Xen 4.17, its tools and libraries, the standard
# amd64 kernel, busybox) with `apt-get download` — nothing is installed on the host — into a cache directory
# named after the exact set of package files, and prints that directory. A set fetched before is reused, so
# re-runs download nothing; a newer kernel or Xen in the archive makes a new set.
# Usage: fetch-packages.sh [CACHE_ROOT]   (default: ${XDG_CACHE_HOME:-$HOME/.cache}/jvirt/xen-real)
set -euo pipefail

die() { echo "fetch-packages.sh: $*" >&2; exit 1; }

root=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/jvirt/xen-real}
for tool in apt-get apt-cache sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing: this harness needs a Debian host"
done

# The kernel the linux-image-amd64 meta-package names: the -cloud one cannot be dom0.
kernel=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$kernel" ] || die "apt knows no linux-image-amd64: its package lists are missing or stale; run 'apt-get update' (as root) first"

packages=(xen-hypervisor-4.17-amd64 xen-utils-4.17 xenstore-utils libxenstore4 libxencall1 libxendevicemodel1
  libxenevtchn1 libxenforeignmemory1 libxengnttab1 libxenhypfs1 libxenmisc4.17 libxentoolcore1 libxentoollog1
  libyajl2 libncurses6 libtinfo6 busybox-static "$kernel")

uris=$(apt-get download --print-uris "${packages[@]}" 2>&1) \
  || die "apt cannot locate the packages (run 'apt-get update' as root first): $uris"
set_id=$(printf '%s\n' "$uris" | awk '{ print $2 }' | sort | sha256sum | cut -c1-16)
dir=$root/packages-$set_id

if [ ! -f "$dir/.complete" ]; then
  mkdir -p "$root"
  partial=$(mktemp -d "$root/.fetch.XXXXXX")
  trap 'rm -rf "$partial"' EXIT
  (cd "$partial" && apt-get download -q "${packages[@]}" >&2) || die "apt-get download of ${packages[*]} failed"
  # apt names the files as --print-uris said; any missing one is a failed download.
  for f in $(printf '%s\n' "$uris" | awk '{ print $2 }'); do
    [ -s "$partial/$f" ] || die "apt-get download left no $f"
  done
  touch "$partial/.complete"
  rm -rf "$dir"
  mv "$partial" "$dir"
  trap - EXIT
  # Older sets are never used again: keep the cache to one kernel's worth.
  for old in "$root"/packages-*; do
    [ "$old" = "$dir" ] || rm -rf "$old"
  done
fi
echo "$dir"
