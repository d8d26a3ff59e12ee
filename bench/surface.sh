#!/usr/bin/env bash
# The tool surface's cost to a model: the tools of real tools/list answers, every tool and
# discovery mode, in bytes and o200k tokens, per tool and in total, against the full schemas as
# the baseline. Usage: bench/surface.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
jar=generated-server/target/calcom-mcp-server.jar
if [ ! -f "$jar" ]; then
  echo "Building $jar ..." >&2
  ./mvnw -B -q -pl generated-server -am package -DskipTests -Dinvoker.skip=true >&2
fi
classpath=generated-server/target/bench-classpath.txt
if [ ! -f "$classpath" ]; then
  ./mvnw -B -q -pl generated-server dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$(pwd)/$classpath" >&2
fi
exec java -cp "$(cat "$classpath")" bench/Surface.java --jar "$jar"
