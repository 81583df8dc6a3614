#!/usr/bin/env bash
# bench-python.sh -- jvirtd side by side with Debian's libvirtd, through the same python3-libvirt client.
#
# Starts, on this machine and in one run:
#   * libvirtd (Debian's) serving libvirt's test driver on private sockets (config in a temporary
#     directory, LIBVIRT_DRIVER_DIR an empty directory so that no hypervisor driver loads);
#   * jvirtd, as ./jvirtd --socket-dir DIR from the checkout's root;
# then runs proxy/daemon/bench_python.py once against both (one python3-libvirt process, the two
# daemons measured in turn, round after round) and prints, per operation, the median and p90 time
# per call on each daemon and the ratio libvirtd/jvirtd of the medians:
#   info (dom.info), lookupByName, XMLDesc, defineXML (a new name per call) and listAllDomains
#   with 1,000 domains defined besides "test".
# Targets: jvirtd at least 2x faster per call on info (ratio >= 2), and no slower on any other
# operation (ratio >= 1). Both daemons are stopped at exit, whatever happens.
#
# Needs proxy/daemon/target/jvirtd.jar (build it with
#   ./mvnw -o -q -pl proxy/daemon -am package -DskipTests
# from the checkout's root), /usr/sbin/libvirtd and python3-libvirt for /usr/bin/python3.
#
# Usage:
#   proxy/daemon/bench-python.sh [--quick] [--rounds N] [--scale F] [--keep]
#     --quick      fewer measured calls (about 20 s instead of about 40 s; the warm-up stays whole)
#     --rounds N   rounds of every operation on each daemon (default 10)
#     --scale F    calls per round, relative to the default (400 info, lookupByName and XMLDesc;
#                  60 defineXML; 8 listAllDomains)
#     --keep       keep the temporary directory (the daemons' logs, the raw JSON)
#
# Exit status: 0 when every target is met, 1 when one is not, 2 when something could not run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3

rounds=10
scale=1
keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) rounds=5; scale=0.3; shift ;;
        --rounds) rounds="$2"; shift 2 ;;
        --scale) scale="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-python.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

die() { echo "bench-python.sh: $*" >&2; exit 2; }

[[ -x $PY ]] || die "$PY is missing"
"$PY" -c 'import libvirt' 2>/dev/null || die "python3-libvirt is missing (Debian: apt-get install -y python3-libvirt)"

BENCH_KEEP=$keep
source "$ROOT/proxy/bench-daemons.sh"
bench_daemons_start bench-python
TMP="$BENCH_TMP"

echo ">> rounds=$rounds scale=$scale" >&2
"$PY" "$HERE/bench_python.py" --rounds "$rounds" --scale "$scale" \
    "libvirtd=test+unix:///default?socket=$BENCH_LIBVIRTD_SOCKET" \
    "jvirtd=test+unix:///default?socket=$BENCH_JVIRTD_SOCKET" > "$TMP/result.json" \
    || die "the benchmark failed"

"$PY" - "$TMP/result.json" <<'EOF'
import json
import sys

result = json.load(open(sys.argv[1]))
targets = {"info": 2.0}
rows = ["info", "lookupByName", "XMLDesc", "defineXML", "listAllDomains"]
print("%-15s %12s %12s %12s %12s %8s %8s  %s" % ("operation", "libvirtd", "(p90)", "jvirtd", "(p90)",
                                                 "ratio", "target", "verdict"))
print("%-15s %12s %12s %12s %12s %8s %8s" % ("", "median µs", "µs", "median µs", "µs", "lv/jv", ">="))
failed = []
for op in rows:
    lv, jv = result[op]["libvirtd"], result[op]["jvirtd"]
    ratio = lv["median_us"] / jv["median_us"]
    target = targets.get(op, 1.0)
    verdict = "PASS" if ratio >= target else "FAIL"
    if verdict == "FAIL":
        failed.append(op)
    print("%-15s %12.1f %12.1f %12.1f %12.1f %8.2f %8.1f  %s" % (op, lv["median_us"], lv["p90_us"], jv["median_us"],
                                                               jv["p90_us"], ratio, target, verdict))
print("calls per daemon: " + ", ".join("%s %d" % (op, result[op]["jvirtd"]["calls"]) for op in rows))
if failed:
    print("FAIL: jvirtd misses its target on " + ", ".join(failed))
    sys.exit(1)
print("PASS: jvirtd is at least 2x faster on info and no slower on any other operation")
EOF
