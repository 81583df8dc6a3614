#!/usr/bin/env bash
# bench-info.sh -- domain info on xen:/// (the hypervisor's path) against xend alone, one JMH run, and the
# ratio. Issue 14's target: the hypervisor path at least 10 x faster. The hypervisor here is the simulated
# one (see XenInfoBenchmark); xenstored is Debian's, behind the project's shim; xend is the project's test xend.
#
# Usage: xen-composition/bench-info.sh [JMH options]   (default: -f 1 -wi 3 -w 1 -i 5 -r 1; about 30 s)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="$HERE/target/bench"
mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -q -pl xen-composition -am install -DskipTests \
    && ./mvnw -q -pl xen-composition dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath")
CP="$HERE/target/test-classes:$HERE/target/classes:$(cat "$OUT/classpath")"
opts=("$@")
[[ ${#opts[@]} -gt 0 ]] || opts=(-f 1 -wi 3 -w 1 -i 5 -r 1)
java -Dbasedir="$HERE" -cp "$CP" org.openjdk.jmh.Main "${opts[@]}" -rf json -rff "$OUT/jmh.json" XenInfoBenchmark \
    > "$OUT/jmh.log"
python3 - "$OUT/jmh.json" <<'PYEOF'
import json, sys
r = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"]["score"] for b in json.load(open(sys.argv[1]))}
h, x = r["infoThroughTheComposition"], r["infoThroughXendAlone"]
print("domain info through xen:/// (hypervisor path): %.3f us" % h)
print("domain info through xend alone:                %.3f us" % x)
print("xend / hypervisor path: %.1f x   target >= 10 x   %s" % (x / h, "PASS" if x / h >= 10 else "FAIL"))
sys.exit(0 if x / h >= 10 else 1)
PYEOF
