#!/usr/bin/env bash
# Records the API baseline that japicmp holds every build of jvirt-core-api to (see
# docs/writing-a-driver.md, "How the SPI evolves"):
#
#   core-api/api-baseline/record.sh VERSION        e.g. 1.0.0
#
# builds jvirt-core-api and writes its classes — the API, the model and the SPI, without resources —
# to core-api/api-baseline/jvirt-core-api-VERSION.jar. Record a new baseline only for a major
# version (or when the one it replaces was never released), then point the property
# jvirt.apiBaseline in core-api/pom.xml at it and delete the old jar.
set -euo pipefail

version="${1:?usage: $0 VERSION (e.g. 1.0.0)}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

(cd "$root" && ./mvnw -q -B -DskipTests -Djapicmp.skip=true -pl core-api package)
classes="$root/core-api/target/classes"
jar --create --file "$here/jvirt-core-api-$version.jar" --date=2026-01-01T00:00:00Z -C "$classes" org
echo "recorded $here/jvirt-core-api-$version.jar"
