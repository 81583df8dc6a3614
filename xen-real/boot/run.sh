#!/usr/bin/env bash
# The whole harness, as RealXenTest runs it and as a developer may by hand: fetches the packages
# (fetch-packages.sh), builds the images (build-images.sh), then boots the machine once (boot-dom0.sh), in which
# dom0 runs EXCHANGE/job.sh and leaves job.exit and what the job wrote in EXCHANGE. Each step is bounded in time;
# the boot by BOOT_TIMEOUT seconds. Exits 3 when the packages cannot be fetched (no package lists, no mirror),
# else 1 when a step fails, else with QEMU's status.
# Usage: run.sh EXCHANGE SERIAL_LOG BOOT_TIMEOUT [CACHE_ROOT]
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 1; }

[ $# -ge 3 ] || die "usage: run.sh EXCHANGE SERIAL_LOG BOOT_TIMEOUT [CACHE_ROOT]"
here=$(cd "$(dirname "$0")" && pwd)
stamp() { echo "run.sh: $(date +%T.%N | cut -c1-12) $*" >&2; }

stamp "fetching packages"
packages=$(timeout 600 "$here/fetch-packages.sh" ${4:+"$4"}) || { echo "run.sh: fetching the packages failed" >&2; exit 3; }
stamp "building images from $packages"
images=$(timeout 300 "$here/build-images.sh" "$packages") || die "building the images failed"
stamp "booting Xen from $images"
exec "$here/boot-dom0.sh" "$images" "$1" "$2" "$3"
