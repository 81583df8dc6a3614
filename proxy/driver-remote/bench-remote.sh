#!/usr/bin/env bash
# bench-remote.sh -- jvirt's remote driver against libvirt's own C client, on the same daemons, in one run.
#
# Starts Debian's libvirtd (libvirt's test driver) and jvirtd (jvirt's), each on private sockets
# (proxy/bench-daemons.sh), then measures, against each daemon in turn:
#   * libvirt's C client: python3-libvirt through proxy/daemon/bench_python.py (each call timed on its
#     own, median of the rounds; nothing subtracted for Python's own cost);
#   * jvirt's remote driver: the JMH benchmark org.jvirt.benchmarks.RemoteOpsBenchmark (each call sampled,
#     the median taken; one thread), from benchmarks/target/benchmarks.jar;
# for dom.info(), lookupByName, XMLDesc(0), defineXML of a new name per call, and listAllDomains() with
# 1,000 domains defined besides "test". Both sides are measured in turn, pass after pass (3 by default): this
# machine drifts by 10-40% over minutes, and a pass of one side after the other would hand either the
# quieter minutes. Prints, per operation and daemon, each pass's ratio, then the median of the passes' medians
# on each side and their ratio C client / jvirt. Target: jvirt's client at least as fast on each (ratio >= 1).
#
# Needs proxy/daemon/target/jvirtd.jar and benchmarks/target/benchmarks.jar built with the proxy modules:
#   ./mvnw -o -q -pl proxy/daemon,benchmarks -am package -DskipTests
# and /usr/sbin/libvirtd, python3-libvirt for /usr/bin/python3.
#
# Usage: proxy/driver-remote/bench-remote.sh [--quick] [--passes N] [--keep]
#   --quick     one pass, fewer rounds and JMH iterations (about 2 minutes instead of about 12)
#   --passes N  passes of both sides (default 3)
#   --keep      keep the temporary directory (daemon logs, raw JSON of both sides)
# Exit status: 0 when every ratio meets its target, 1 when one does not, 2 when something could not run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
JMH_JAR="$ROOT/benchmarks/target/benchmarks.jar"

rounds=10
passes=3
scale=1
jmh_opts=(-f 1 -wi 3 -w 2 -i 5 -r 1)
keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) rounds=5; passes=1; scale=0.3; jmh_opts=(-f 1 -wi 3 -w 1 -i 3 -r 1); shift ;;
        --passes) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench-remote.sh: --passes needs a positive number" >&2; exit 2; }
            passes=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-remote.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

die() { echo "bench-remote.sh: $*" >&2; exit 2; }
[[ -x $PY ]] || die "$PY is missing"
"$PY" -c 'import libvirt' 2>/dev/null || die "python3-libvirt is missing (Debian: apt-get install -y python3-libvirt)"
[[ -f $JMH_JAR ]] || die "$JMH_JAR is missing; build it with: (cd '$ROOT' && ./mvnw -o -q -pl proxy/daemon,benchmarks -am package -DskipTests)"
unzip -l "$JMH_JAR" 'org/jvirt/proxy/remote/RemoteDriver.class' >/dev/null 2>&1 \
    || die "$JMH_JAR has no remote driver: build it where the proxy modules are built (../shared/libvirt-corpus beside the checkout)"

BENCH_KEEP=$keep
source "$ROOT/proxy/bench-daemons.sh"
bench_daemons_start bench-remote
TMP="$BENCH_TMP"
LIBVIRTD_URI="test+unix:///default?socket=$BENCH_LIBVIRTD_SOCKET"
JVIRTD_URI="test+unix:///default?socket=$BENCH_JVIRTD_SOCKET"

for pass in $(seq "$passes"); do
    echo ">> pass $pass/$passes: libvirt's C client (python3-libvirt), rounds=$rounds scale=$scale" >&2
    "$PY" "$ROOT/proxy/daemon/bench_python.py" --rounds "$rounds" --scale "$scale" \
        "libvirtd=$LIBVIRTD_URI" "jvirtd=$JVIRTD_URI" > "$TMP/python-$pass.json" || die "the Python side failed"
    for daemon in libvirtd jvirtd; do
        uri="$LIBVIRTD_URI"
        [[ $daemon == jvirtd ]] && uri="$JVIRTD_URI"
        echo ">> pass $pass/$passes: jvirt's remote driver (JMH) against $daemon" >&2
        java -jar "$JMH_JAR" RemoteOpsBenchmark "${jmh_opts[@]}" -p "uri=$uri" \
            -rf json -rff "$TMP/jmh-$daemon-$pass.json" > "$TMP/jmh-$daemon-$pass.log" 2>&1 \
            || die "JMH failed against $daemon: $(tail -30 "$TMP/jmh-$daemon-$pass.log")"
    done
done

"$PY" - "$TMP" "$passes" <<'PYEOF'
import json
import statistics
import sys

tmp, passes = sys.argv[1], int(sys.argv[2])
names = {"info": "info", "lookupByName": "lookupByName", "XMLDesc": "xmlDesc", "defineXML": "defineXML",
         "listAllDomains": "listAllDomains"}

def jvirt_us(results, op):
    for r in results:
        if r["benchmark"].endswith("." + names[op]):
            return r["primaryMetric"]["scorePercentiles"]["50.0"]
    raise SystemExit("no JMH result for " + op)

c_side, j_side = {}, {}
for p in range(1, passes + 1):
    python = json.load(open("%s/python-%d.json" % (tmp, p)))
    for daemon in ("libvirtd", "jvirtd"):
        jmh = json.load(open("%s/jmh-%s-%d.json" % (tmp, daemon, p)))
        for op in names:
            c_side.setdefault((op, daemon), []).append(python[op][daemon]["median_us"])
            j_side.setdefault((op, daemon), []).append(jvirt_us(jmh, op))

print("%-15s %-9s %14s %14s %10s  %-7s %s" % ("operation", "daemon", "C client", "jvirt remote", "ratio", "verdict",
                                             "ratio of each pass"))
print("%-15s %-9s %14s %14s %10s" % ("", "", "median µs", "median µs", "C/jvirt"))
failed = []
for op in names:
    for daemon in ("libvirtd", "jvirtd"):
        cs, js = c_side[(op, daemon)], j_side[(op, daemon)]
        c, j = statistics.median(cs), statistics.median(js)
        ratio = c / j
        each = " ".join("%.2f" % (a / b) for a, b in zip(cs, js))
        verdict = "PASS" if ratio >= 1.0 else "FAIL"
        if verdict == "FAIL":
            failed.append(op + "@" + daemon)
        print("%-15s %-9s %14.1f %14.1f %10.2f  %-7s %s" % (op, daemon, c, j, ratio, verdict, each))
if failed:
    print("FAIL: jvirt's remote driver is slower than libvirt's C client on " + ", ".join(failed))
    sys.exit(1)
print("PASS: jvirt's remote driver is at least as fast as libvirt's C client on every operation")
PYEOF
