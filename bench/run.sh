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
#   --baseline REF      also measure the server built from git revision REF (a commit, branch or tag)
#                       in the same run, before this one, and print the two side by side. REF is
#                       exported with git archive into a temporary directory and built there
#                       (offline, without tests); its launcher starts it, with its own class cache
#   --baseline-launcher PATH  the same, with a previous version already built: its launcher
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
baseline_ref=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-pin) pin=no; reason="--no-pin given"; args+=("$1") ;;
    --java-jar) use_launcher=no ;;
    --launcher) use_launcher=given; args+=("$1") ;;
    --baseline) baseline_ref="${2:?--baseline needs a git revision}"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ -n "$baseline_ref" ]; then
  # A build of its own, in a directory of its own: the previous version's jar, launcher and class
  # cache, recorded where they stay for the run. It reads the same spec as this checkout.
  baseline_dir=$(mktemp -d -t calcom-mcp-baseline-XXXXXX)
  trap 'rm -rf "$baseline_dir"' EXIT
  echo "Building $baseline_ref into $baseline_dir ..." >&2
  git archive "$baseline_ref" | tar -x -C "$baseline_dir"
  reference_dir="$(cd .. && pwd)/shared/calcom-openapi"
  (cd "$baseline_dir" && ./mvnw -B -q -o -pl generated-server -am package -DskipTests -Dinvoker.skip=true \
    -Dcalcom.reference.dir="$reference_dir") >&2
  args+=(--baseline-launcher "$baseline_dir/generated-server/target/calcom-mcp-server")
fi
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
  taskset -c "$load_cpu" "${bench[@]}" --server-cpu "$server_cpu" --load-cpu "$load_cpu" "$@"
  exit $?
fi
echo "Not pinned: $reason" >&2
"${bench[@]}" --unpinned "$reason" "$@"
