#!/usr/bin/env bash
# bench-remote.sh -- jvirt's remote driver against libvirt's own C client, on the same daemons, in one run.
#
# Starts Debian's libvirtd (libvirt's test driver) and jvirtd (jvirt's), each on private sockets
# (proxy/bench-daemons.sh), then measures, against each daemon in turn, taking turns slice by slice:
#   * jvirt's remote driver: the JMH benchmark org.jvirt.benchmarks.RemoteOpsBenchmark (each call sampled,
#     the median taken; one thread), from benchmarks/target/benchmarks.jar;
#   * libvirt's C client: python3-libvirt through proxy/daemon/bench_python.py --paced (each call timed on its
#     own; nothing subtracted for Python's own cost), which runs, before each JMH iteration, the same operation
#     for as long as the iteration lasts;
# for dom.info(), lookupByName, XMLDesc(0), defineXML of a new name per call, and listAllDomains() with
# 1,000 domains defined besides "test". This machine drifts by 10-40% over minutes: one side measured after the
# other would hand either the quieter minutes, so the two alternate second by second on the same daemon. Prints,
# per operation and daemon, the median of every call on each side, their ratio C client / jvirt, and in how many
# of the slices (a second of each side, one after the other) jvirt's median was the lower.
# Target: jvirt's client at least as fast on each (ratio >= 1).
#
# Needs proxy/daemon/target/jvirtd.jar and benchmarks/target/benchmarks.jar built with the proxy modules:
#   ./mvnw -o -q -pl proxy/daemon,benchmarks -am package -DskipTests
# and /usr/sbin/libvirtd, python3-libvirt for /usr/bin/python3.
#
# Usage: proxy/driver-remote/bench-remote.sh [--quick] [--slices N] [--keep]
#   --quick     5 slices and shorter warm-ups (about 3 minutes instead of about 8)
#   --slices N  measured slices of each operation on each daemon (default 15)
#   --keep      keep the temporary directory (daemon logs, raw JSON of both sides)
# Exit status: 0 when every ratio meets its target, 1 when one does not, 2 when something could not run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
JMH_JAR="$ROOT/benchmarks/target/benchmarks.jar"

slices=15
warmups=(-wi 3 -w 2)
keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) slices=5; warmups=(-wi 2 -w 1); shift ;;
        --slices) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "bench-remote.sh: --slices needs a positive number" >&2; exit 2; }
            slices=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

for daemon in libvirtd jvirtd; do
    uri="$LIBVIRTD_URI"
    [[ $daemon == jvirtd ]] && uri="$JVIRTD_URI"
    fifo="$TMP/pace-$daemon"
    mkfifo "$fifo.req" "$fifo.ack"
    echo ">> against $daemon: jvirt's remote driver (JMH) and libvirt's C client (python3-libvirt) in turns," \
        "$slices slices of each operation" >&2
    "$PY" "$ROOT/proxy/daemon/bench_python.py" --paced "$fifo" "$daemon=$uri" > "$TMP/python-$daemon.json" &
    python_pid=$!
    java -jar "$JMH_JAR" RemoteOpsBenchmark -f 1 "${warmups[@]}" -i "$slices" -r 1 -p "uri=$uri" -p "pace=$fifo" \
        -rf json -rff "$TMP/jmh-$daemon.json" > "$TMP/jmh-$daemon.log" 2>&1 &
    jmh_pid=$!
    # a C client that dies leaves JMH waiting on the pipes for ever: JMH goes with it
    while kill -0 "$jmh_pid" 2>/dev/null; do
        kill -0 "$python_pid" 2>/dev/null || { kill "$jmh_pid" 2>/dev/null; break; }
        sleep 1
    done
    jmh_ok=1
    wait "$jmh_pid" || jmh_ok=0
    timeout 10 bash -c 'echo end > "$1"' _ "$fifo.req" || true
    wait "$python_pid" || die "the Python side failed against $daemon (JMH: $(tail -3 "$TMP/jmh-$daemon.log"))"
    [[ $jmh_ok == 1 ]] || die "JMH failed against $daemon: $(tail -30 "$TMP/jmh-$daemon.log")"
done

"$PY" - "$TMP" <<'PYEOF'
import json
import statistics
import sys

tmp = sys.argv[1]
names = {"info": "info", "lookupByName": "lookupByName", "XMLDesc": "xmlDesc", "defineXML": "defineXML",
         "listAllDomains": "listAllDomains"}


def jmh_result(results, op):
    for r in results:
        if r["benchmark"].endswith("." + names[op]):
            return r["primaryMetric"]
    raise SystemExit("no JMH result for " + op)


def histogram_median(pairs):
    """The median of one iteration's samples, from JMH's [value, count] histogram."""
    pairs = sorted(pairs)
    total = sum(c for _, c in pairs)
    seen = 0
    for value, count in pairs:
        seen += count
        if 2 * seen >= total:
            return value
    raise SystemExit("an empty JMH iteration")


print("%-15s %-9s %12s %12s %8s  %-7s %s" % ("operation", "daemon", "C client", "jvirt remote", "ratio", "verdict",
                                              "slices where jvirt's median is lower"))
print("%-15s %-9s %12s %12s %8s" % ("", "", "median µs", "median µs", "C/jvirt"))
failed = []
for op in names:
    for daemon in ("libvirtd", "jvirtd"):
        python = json.load(open("%s/python-%s.json" % (tmp, daemon)))[op][daemon]
        metric = jmh_result(json.load(open("%s/jmh-%s.json" % (tmp, daemon))), op)
        c, j = python["median_us"], metric["scorePercentiles"]["50.0"]
        j_slices = [histogram_median(it) for fork in metric["rawDataHistogram"] for it in fork]
        c_slices = python["slices_us"]
        if len(c_slices) != len(j_slices):
            raise SystemExit("%s on %s: %d slices of the C client, %d of jvirt" % (op, daemon, len(c_slices),
                                                                                len(j_slices)))
        lower = sum(1 for a, b in zip(c_slices, j_slices) if b < a)
        ratio = c / j
        verdict = "PASS" if ratio >= 1.0 else "FAIL"
        if verdict == "FAIL":
            failed.append(op + "@" + daemon)
        print("%-15s %-9s %12.1f %12.1f %8.2f  %-7s %d of %d" % (op, daemon, c, j, ratio, verdict, lower,
                                                                  len(c_slices)))
if failed:
    print("FAIL: jvirt's remote driver is slower than libvirt's C client on " + ", ".join(failed))
    sys.exit(1)
print("PASS: jvirt's remote driver is at least as fast as libvirt's C client on every operation")
PYEOF
