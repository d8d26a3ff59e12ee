#!/usr/bin/env bash
# Benchmark: the same GET /v2/bookings sent directly to a zero-latency fake Cal.com (the baseline)
# and sent as a tools/call of list_all_calcom_bookings through the MCP server, at 1 and 16
# concurrent closed-loop clients; plus the server's cold start (launch to the first tools/list
# answer) and resident memory; pinned, also a one-byte round trip between the two CPUs, which a
# tool call makes twice and a direct call never. Prints Markdown tables. Run on demand, not in CI.
#
# Usage: bench/run.sh [options]
#   --duration SECS     measurement window per phase (default 20)
#   --warmup SECS       warm-up before each window (default 2)
#   --concurrency LIST  comma-separated numbers of clients (default 1,16)
#   --cold-starts N     fresh launches whose median is the cold start (default 3)
#   --soak SECS         then load at the highest concurrency for SECS, RSS sampled every 10 s
#   --launcher PATH     start the server with this script; it is called with:
#                       serve --port 0 --upstream URL --data-dir DIR. The default is the
#                       launcher the build puts beside the jar, the way the README starts it
#   --java-jar          start the server with plain java -jar instead of a launcher
#   --server-log FILE   append the server's stderr (one JSON line per call) to FILE
#   --timeline          also print each phase's calls per second of its window (on stderr): whether
#                       a phase measured a server still warming up or one at its steady rate
#   --no-pin            share the CPUs; by default, with taskset and at least 2 CPUs, the server
#                       runs on one CPU and the load generator and fake upstream on another
# BENCH_SERVER_JAVA_OPTS adds JVM options to java -jar (a launcher sees it in its environment).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  exit 0
fi
jar=generated-server/target/calcom-mcp-server.jar
launcher=generated-server/target/calcom-mcp-server
if [ ! -f "$jar" ] || [ ! -x "$launcher" ]; then
  echo "Building $jar ..." >&2
  ./mvnw -B -q -pl generated-server -am package -DskipTests -Dinvoker.skip=true >&2
fi

# The CPUs this shell may use, one per line ("0-2,5" -> 0 1 2 5).
allowed_cpus() {
  local list
  list=$(taskset -cp $$ | sed 's/.*: *//')
  local IFS=,
  for part in $list; do
    if [[ $part == *-* ]]; then seq "${part%-*}" "${part#*-}"; else echo "$part"; fi
  done
}

cpus=$(nproc)
pin=yes
reason=
use_launcher=yes
args=()
for arg in "$@"; do
  case "$arg" in
    --no-pin) pin=no; reason="--no-pin given"; args+=("$arg") ;;
    --java-jar) use_launcher=no ;;
    --launcher) use_launcher=given; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
if [ $use_launcher = yes ]; then args=(--launcher "$launcher" "${args[@]}"); fi
set -- "${args[@]}"
if [ $pin = yes ] && ! command -v taskset >/dev/null 2>&1; then pin=no; reason="taskset not found"; fi
if [ $pin = yes ] && [ "$cpus" -lt 2 ]; then pin=no; reason="only $cpus CPU"; fi

# nodelay: without it the JDK HttpServer fake waits ~40 ms per answer (Nagle + delayed ACK) and
# would dominate both phases.
bench=(java -Dsun.net.httpserver.nodelay=true bench/Bench.java --jar "$jar" --cpus "$cpus")
if [ $pin = yes ]; then
  mapfile -t allowed < <(allowed_cpus)
  server_cpu=${allowed[0]}
  load_cpu=${allowed[1]}
  # The server alone on one CPU, everything that makes and answers its load on another: the
  # server's cost is then not hidden in (or inflated by) the load generator's.
  exec taskset -c "$load_cpu" "${bench[@]}" --server-cpu "$server_cpu" --load-cpu "$load_cpu" "$@"
fi
echo "Not pinned: $reason" >&2
exec "${bench[@]}" --unpinned "$reason" "$@"
