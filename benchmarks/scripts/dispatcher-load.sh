#!/usr/bin/env bash
# Concurrency and coalescing: N concurrent callers through the real Dispatcher against the KiwiVM
# simulator over loopback HTTP, every command audited to a SQLite file (DispatcherLoad).
#
#   benchmarks/scripts/dispatcher-load.sh [SECONDS] [LATENCY_MS] [N...]   # defaults: 4 50 1 10 50
#
# Builds benchmarks/target/benchmarks.jar when it is missing or older than the sources (through the
# Maven wrapper, without installing anything), then runs dev.kiwiops.benchmarks.DispatcherLoad.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root" -name target -prune -o -name .git -prune -o \
    \( -path '*/src/main/*' -o -path '*/src/test/java/dev/kiwiops/core/testkit/*' -o -name pom.xml \) \
    -type f -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "building benchmarks/target/benchmarks.jar…" >&2
  "$root/mvnw" -B -q -f "$root/pom.xml" -pl benchmarks -am -DskipTests -Dspotless.check.skip=true \
    package >&2
fi
exec java ${KIWIOPS_JAVA_OPTS:-} -cp "$jar" dev.kiwiops.benchmarks.DispatcherLoad "$@"
