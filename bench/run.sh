#!/usr/bin/env bash
# Benchmark: direct requests to a zero-latency fake Cal.com vs the same requests through the MCP
# server's tools/call of list_all_calcom_bookings, at 16 concurrent clients. Run on demand, not
# in CI. Usage: bench/run.sh [--duration SECS] [--concurrency N] [--warmup SECS]
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
# nodelay: without it the JDK HttpServer fake waits ~40 ms per answer (Nagle + delayed ACK) and
# would dominate both phases.
exec java -Dsun.net.httpserver.nodelay=true bench/Bench.java --jar "$jar" "$@"
