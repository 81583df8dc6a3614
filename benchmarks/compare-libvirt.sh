#!/usr/bin/env bash
# compare-libvirt.sh -- jvirt's test driver side by side with libvirt's own test driver.
#
# Runs, on this machine and in this order:
#   1. libvirt 9's C test driver (test:///default) through /usr/bin/python3 + python3-libvirt:
#      benchmarks/libvirt_testdriver_bench.py (time.perf_counter_ns, many calls per round,
#      median of the rounds);
#   2. jvirt's JMH benchmarks (benchmarks/target/benchmarks.jar, built first if missing);
#   3. jvirt's heap-per-domain probe (org.jvirt.benchmarks.HeapPerDomain);
# and prints one table: operation, libvirt µs, jvirt µs, ratio jvirt/libvirt, target, PASS/FAIL.
#
# Targets: every per-call operation at most half of libvirt's time (ratio <= 0.5), defining at most a
# fifth (ratio <= 0.2: post-parse must not eat the margin); listing
# 100,000 (+1) domains under 50 ms; under 4 KiB of heap per defined domain.
#
# Usage:
#   benchmarks/compare-libvirt.sh [--quick] [--rebuild] [--rounds N] [--list-large N]
#                                 [--heap-domains N] [-- JMH options...]
#     --quick          fewer rounds and iterations on both sides (about a minute)
#     --rebuild        rebuild the benchmarks jar even if it exists
#     --rounds N       rounds of the Python side (default 5; the median is taken)
#     --list-large N   domains defined for the large list-all, besides 'test' (default 100000)
#     --heap-domains N domains the heap probe defines (default 100000)
#     -- ARGS          replace the default JMH options (-f 1 -wi 5 -w 2 -i 5 -r 1; defining a
#                      device-rich domain needs the longer warm-up to reach C2)
#
# Takes about 2-3 minutes on 2 cores. Raw results land in benchmarks/target/compare/
# (libvirt.json, jmh.json, jmh.log, heap.log). Exit status: 0 when every row passes,
# 1 when some row fails, 2 when something could not run.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
JAR="$HERE/target/benchmarks.jar"
OUT="$HERE/target/compare"
PY=/usr/bin/python3

rounds=5
scale=1
list_large=100000
heap_domains=100000
rebuild=0
jmh_opts=(-f 1 -wi 5 -w 2 -i 5 -r 1)

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) rounds=3; scale=0.3; jmh_opts=(-f 1 -wi 3 -w 2 -i 3 -r 1); shift ;;
        --rebuild) rebuild=1; shift ;;
        --rounds) rounds="$2"; shift 2 ;;
        --list-large) list_large="$2"; shift 2 ;;
        --heap-domains) heap_domains="$2"; shift 2 ;;
        --) shift; jmh_opts=("$@"); break ;;
        -h|--help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare-libvirt.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

die() { echo "compare-libvirt.sh: $*" >&2; exit 2; }

[[ -x $PY ]] || die "$PY not found (libvirt's Python bindings are Debian's, for the system python)"
"$PY" -c 'import libvirt' 2>/dev/null \
    || die "python3-libvirt is missing: apt-get install -y --no-install-recommends python3-libvirt"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || die "java not found"

if [[ $rebuild == 1 || ! -f $JAR ]]; then
    echo ">> building $JAR" >&2
    (cd "$ROOT" && ./mvnw -q -pl benchmarks -am package -DskipTests) || die "build failed"
fi
mkdir -p "$OUT"

echo ">> libvirt $("$PY" -c 'import libvirt; v = libvirt.getVersion(); print("%d.%d.%d" % (v // 1000000, v // 1000 % 1000, v % 1000))') test driver via python3-libvirt (rounds=$rounds)" >&2
"$PY" "$HERE/libvirt_testdriver_bench.py" --rounds "$rounds" --scale "$scale" --list-large "$list_large" \
    > "$OUT/libvirt.json" || die "the libvirt side failed"

echo ">> jvirt JMH: ${jmh_opts[*]} (log: $OUT/jmh.log)" >&2
"$JAVA" -jar "$JAR" "${jmh_opts[@]}" -p "defined=1000,$list_large" -rf json -rff "$OUT/jmh.json" \
    'org\.jvirt\.benchmarks\..*' > "$OUT/jmh.log" 2>&1 || { tail -40 "$OUT/jmh.log" >&2; die "JMH failed"; }
grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' "$OUT/jmh.log" >&2 || true

echo ">> jvirt heap per defined domain ($heap_domains domains)" >&2
"$JAVA" -cp "$JAR" org.jvirt.benchmarks.HeapPerDomain "$heap_domains" > "$OUT/heap.log" 2>&1 \
    || { cat "$OUT/heap.log" >&2; die "heap probe failed"; }
grep -v '^RESULT' "$OUT/heap.log" >&2 || true

"$PY" - "$OUT" "$list_large" <<'PYEOF'
import json, os, re, sys

out, large = sys.argv[1], int(sys.argv[2])
lv = json.load(open(os.path.join(out, "libvirt.json")))
jmh = {}
for b in json.load(open(os.path.join(out, "jmh.json"))):
    name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
    params = b.get("params") or {}
    unit = b["primaryMetric"]["scoreUnit"]
    scale = {"ns/op": 0.001, "us/op": 1.0, "ms/op": 1000.0, "s/op": 1e6}[unit]
    key = name + ("[" + params["defined"] + "]" if "defined" in params else "")
    jmh[key] = (b["primaryMetric"]["score"] * scale, b["primaryMetric"]["scoreError"] * scale)
heap = None
for line in open(os.path.join(out, "heap.log")):
    m = re.match(r"RESULT heap_bytes_per_domain=(\S+) domains=(\d+)", line)
    if m:
        heap = (float(m.group(1)), int(m.group(2)))

rows = []
def ratio_row(label, lv_key, jv_key, limit=0.5):
    a = lv.get(lv_key)
    b = jmh.get(jv_key)
    target = "ratio <= %g" % limit
    if a is None or b is None:
        rows.append((label, a, b and b[0], None, target, "MISSING"))
        return
    r = b[0] / a
    rows.append((label, a, b[0], r, target, "PASS" if r <= limit else "FAIL"))

ratio_row("dom.info()", "info", "DomainOpsBenchmark.info")
ratio_row("lookupByName('test')", "lookup_by_name", "DomainOpsBenchmark.lookupByName")
ratio_row("XMLDesc(0)", "xml_desc", "DomainOpsBenchmark.xmlDesc")
# Defining stays at least 5x faster than libvirt's, post-parse included (issue 10).
ratio_row("defineXML (redefine same)", "define_redefine", "DomainOpsBenchmark.defineRedefine", 0.2)
ratio_row("defineXML (devices)", "define_devices", "DomainOpsBenchmark.defineDevices", 0.2)
ratio_row("defineXML (new name)", "define_new", "DefineNewBenchmark.defineNewName", 0.2)
ratio_row("listAllDomains() 1,001", "list_all_1001", "ListAllBenchmark.listAllDomains[1000]")
a = lv.get("list_all_%d" % (large + 1))
b = jmh.get("ListAllBenchmark.listAllDomains[%d]" % large)
label = "listAllDomains() {:,}".format(large + 1)
if a is None or b is None:
    rows.append((label, a, b and b[0], None, "< 50 ms", "MISSING"))
else:
    rows.append((label, a, b[0], b[0] / a, "< 50 ms", "PASS" if b[0] < 50_000 else "FAIL"))

def num(x):
    if x is None:
        return "-"
    if x >= 1000:
        return "{:,.0f}".format(x)
    if x >= 10:
        return "{:.1f}".format(x)
    return "{:.3f}".format(x)

header = ("operation", "libvirt µs", "jvirt µs", "jvirt/libvirt", "target", "result")
table = [header] + [(r[0], num(r[1]), num(r[2]), "-" if r[3] is None else "{:.4f}".format(r[3]), r[4], r[5])
                    for r in rows]
if heap:
    lv_rss = lv.get("rss_bytes_per_domain")
    ok = heap[0] < 4096
    table.append(("heap per defined domain (B)", "{:,.0f} (RSS)".format(lv_rss) if lv_rss else "-",
                  "{:,.0f}".format(heap[0]), "{:.3f}".format(heap[0] / lv_rss) if lv_rss else "-",
                  "< 4,096 B", "PASS" if ok else "FAIL"))
else:
    table.append(("heap per defined domain (B)", "-", "-", "-", "< 4,096 B", "MISSING"))

widths = [max(len(row[i]) for row in table) for i in range(len(header))]
def fmt(row):
    return "  ".join(c.ljust(w) if i in (0, 4, 5) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
print()
print("jvirt vs libvirt %s test driver (test:///default), median of %d Python rounds vs JMH average"
      % ("{}.{}.{}".format(lv["libvirt_version"] // 1000000, lv["libvirt_version"] // 1000 % 1000,
                           lv["libvirt_version"] % 1000), lv["rounds"]))
print(fmt(table[0]))
print("  ".join("-" * w for w in widths))
for row in table[1:]:
    print(fmt(row))
results = [row[5] for row in table[1:]]
failed = sum(1 for r in results if r != "PASS")
print()
print("all %d rows PASS" % len(results) if not failed else "%d of %d rows do not PASS" % (failed, len(results)))
sys.exit(1 if failed else 0)
PYEOF
