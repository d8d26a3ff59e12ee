#!/usr/bin/env bash
# Benchmark: the code generator's wall time and peak memory, as a build sees them. Runs the
# plugin's generate goal (mvn generate-sources) on Cal.com's spec with its tagging rules and on a
# synthetic spec (bench/codegen-spec.py, six operations per resource, every operation exposed),
# each in a throwaway Maven project, and the same project's mvn validate as the baseline (Maven's
# own start-up, no plugin work). Prints a Markdown table of medians, the plugin's share (case
# minus baseline) and ratios against the previous run. Run on demand, not in CI.
#
# Usage: bench/codegen.sh [options]
#   --runs R            runs of each case; the table shows the medians (default 3)
#   --operations N      operations in the synthetic spec (default 1200)
#   --calcom-spec FILE  Cal.com's OpenAPI spec (default: ../shared/calcom-openapi/openapi.json
#                       beside the checkout, the reference copy the build reads)
#   --online            let Maven use the network; by default it runs offline (-o), so the plugin
#                       and mcp-tool-api must be in the local repository (./mvnw install)
#   --keep              keep the throwaway projects and their build logs, and print where
# Wall time and peak RSS are the whole Maven process's, measured with GNU time (/usr/bin/time)
# or, without it, with Python's resource.getrusage(RUSAGE_CHILDREN). MAVEN_OPTS applies to every
# case alike. The medians are kept in bench/results/codegen-last.tsv for the next run's ratios.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  exit 0
fi

die() { echo "bench/codegen.sh: $*" >&2; exit 2; }

runs=3
operations=1200
calcom_spec="$ROOT/../shared/calcom-openapi/openapi.json"
offline=(-o)
mode=offline
keep=no
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --operations) [ $# -ge 2 ] || die "--operations needs a number"; operations=$2; shift 2 ;;
    --calcom-spec) [ $# -ge 2 ] || die "--calcom-spec needs a file"; calcom_spec=$2; shift 2 ;;
    --online) offline=(); mode=online; shift ;;
    --keep) keep=yes; shift ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive whole number, not '$runs'"
[[ $operations =~ ^[1-9][0-9]*$ ]] || die "--operations must be a positive whole number, not '$operations'"
[ -f "$calcom_spec" ] || die "no Cal.com spec at $calcom_spec; give one with --calcom-spec FILE"
calcom_spec="$(cd "$(dirname "$calcom_spec")" && pwd)/$(basename "$calcom_spec")"
calcom_rules="$ROOT/calcom-openapi/tagging-rules.yaml"
[ -f "$calcom_rules" ] || die "no tagging rules at $calcom_rules"
command -v python3 >/dev/null 2>&1 || die "python3 is needed for the synthetic spec"

# The plugin's version is the repository's: the first <version> of the parent pom.
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
[ -n "$version" ] || die "cannot read the project version from $ROOT/pom.xml"

if [ -x /usr/bin/time ] && /usr/bin/time --version 2>&1 | grep -q GNU; then
  timer="GNU time"
else
  timer="Python getrusage"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/codegen-bench.XXXXXX")
if [ $keep = yes ]; then
  trap 'echo "Kept the projects and build logs in $work" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' <<<"$1"; }

# A project like src/it/minimal-project, with only the generate execution and the tool API.
write_project() {
  local dir=$1 spec=$2 rules=$3 package=$4
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>$(basename "$dir")</artifactId>
  <version>1.0</version>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>

  <dependencies>
    <dependency>
      <groupId>io.calcommcp</groupId>
      <artifactId>mcp-tool-api</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>io.calcommcp</groupId>
        <artifactId>mcp-codegen-maven-plugin</artifactId>
        <version>$version</version>
        <executions>
          <execution>
            <goals>
              <goal>generate</goal>
            </goals>
            <configuration>
              <spec>$(xml_escape "$spec")</spec>
              <rules>$(xml_escape "$rules")</rules>
              <packageName>$package</packageName>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
}

echo "Writing the synthetic spec ($operations operations) ..." >&2
python3 "$ROOT/bench/codegen-spec.py" --operations "$operations" --out "$work/synthetic-openapi.json"
printf 'version: 1\nvendor: synth\n' >"$work/synthetic-rules.yaml"
write_project "$work/calcom" "$calcom_spec" "$calcom_rules" bench.calcom.tools
write_project "$work/synthetic" "$work/synthetic-openapi.json" "$work/synthetic-rules.yaml" bench.synth.tools

# Runs Maven in a project, its output in LOG; appends "wall_ms rss_kib" to TIMES.
py_timer='
import resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.call(sys.argv[2:])
elapsed = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    peak //= 1024  # bytes there, KiB on Linux
with open(sys.argv[1], "w") as out:
    out.write("%.3f %d\n" % (elapsed, peak))
sys.exit(code)
'
maven() {
  local project=$1 log=$2 times=$3
  shift 3
  local measured="$work/measured"
  local status=0
  local command=("$ROOT/mvnw" -B ${offline[@]+"${offline[@]}"} "$@")
  if [ "$timer" = "GNU time" ]; then
    (cd "$project" && /usr/bin/time -o "$measured" -f '%e %M' "${command[@]}") >"$log" 2>&1 || status=$?
  else
    (cd "$project" && python3 -c "$py_timer" "$measured" "${command[@]}") >"$log" 2>&1 || status=$?
  fi
  if [ $status -ne 0 ]; then
    echo "Maven failed (exit $status) in $project: mvn $*; the end of its log:" >&2
    tail -n 30 "$log" >&2
    if grep -Eq 'offline mode|could not be resolved|Cannot access' "$log"; then
      echo "The plugin and mcp-tool-api $version must be in the local repository first:" \
        "./mvnw -B -q install -DskipTests -Dinvoker.skip=true (or run with --online)" >&2
    fi
    exit 1
  fi
  # Both timers leave "seconds KiB" on the last line of $measured.
  tail -n 1 "$measured" | awk '{ printf "%d %d\n", $1 * 1000 + 0.5, $2 }' >>"$times"
}

# The generator skips its work when spec, rules and settings are unchanged: every run starts
# from an empty target/.
generate() {
  local name=$1 run=$2
  rm -rf "$work/$name/target"
  local log="$work/$name-$run.log"
  maven "$work/$name" "$log" "$work/$name.times" generate-sources
  if grep -q 'MCP tools are up to date' "$log"; then
    echo "The $name run did no work (up to date); see $log" >&2
    exit 1
  fi
  local summary
  summary=$(grep -Eo 'Generated [0-9]+ tools from .*\(([0-9]+) operations' "$log" | head -n 1) || true
  [ -n "$summary" ] || { echo "No 'Generated N tools from' line in $log" >&2; exit 1; }
  sed -E 's/^Generated ([0-9]+) tools from .*\(([0-9]+) operations$/\1 \2/' <<<"$summary" >"$work/$name.counts"
  grep -Eo 'Generated in [0-9]+ ms; heap peak.*' "$log" | sed "s/^/$name, run $run: /" >>"$work/plugin-lines" || true
}

# One untimed run first, so that the first timed run does not also pay for a cold file cache.
echo "Warming up (mvn validate) ..." >&2
maven "$work/calcom" "$work/warm-up.log" "$work/warm-up.times" validate
: >"$work/plugin-lines"
for run in $(seq 1 "$runs"); do
  echo "Run $run of $runs: baseline, calcom, synthetic ..." >&2
  maven "$work/calcom" "$work/baseline-$run.log" "$work/baseline.times" validate
  generate calcom "$run"
  generate synthetic "$run"
done

# The median of one column (1: wall ms, 2: RSS KiB) of a times file.
median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '
    { v[NR] = $1 }
    END { if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d\n", m + 0.5 }'
}
mib() { awk -v k="$1" 'BEGIN { printf "%d\n", k / 1024 + 0.5 }'; }

base_ms=$(median "$work/baseline.times" 1)
base_mib=$(mib "$(median "$work/baseline.times" 2)")
# Rows: case, operations, tools, wall ms, RSS MiB (0 where a column does not apply).
rows=("baseline 0 0 $base_ms $base_mib")
for name in calcom synthetic; do
  read -r tools ops <"$work/$name.counts"
  ms=$(median "$work/$name.times" 1)
  rss=$(mib "$(median "$work/$name.times" 2)")
  rows+=("$name $ops $tools $ms $rss")
  rows+=("$name-plugin $ops $tools $((ms - base_ms)) $((rss - base_mib))")
done

results="$ROOT/bench/results/codegen-last.tsv"
declare -A previous=()
if [ -f "$results" ]; then
  while IFS=$'\t' read -r name ops tools ms rss; do
    case "$name" in ''|\#*) continue ;; esac
    previous[$name]="$ops $tools $ms $rss"
  done <"$results"
fi

ratio() { awk -v now="$1" -v before="$2" 'BEGIN { if (before > 0 && now > 0) printf "%.2fx", now / before; else printf "n/a" }'; }
compare() {
  local name=$1 ops=$2 ms=$3 rss=$4
  if [ ${#previous[@]} -eq 0 ]; then echo "first run"; return; fi
  if [ -z "${previous[$name]:-}" ]; then echo "not in the previous run"; return; fi
  local before_ops before_tools before_ms before_rss
  read -r before_ops before_tools before_ms before_rss <<<"${previous[$name]}"
  if [ "$before_ops" != "$ops" ]; then echo "n/a ($before_ops operations then)"; return; fi
  echo "wall $(ratio "$ms" "$before_ms"), RSS $(ratio "$rss" "$before_rss")"
}
label() {
  case "$1" in
    baseline) echo "baseline: mvn validate, no plugin work" ;;
    calcom) echo "calcom: Cal.com spec, tagging-rules.yaml" ;;
    synthetic) echo "synthetic: bench/codegen-spec.py" ;;
    *-plugin) echo "${1%-plugin}: plugin's share (minus baseline)" ;;
  esac
}

java_version=$(java -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/') || java_version=unknown
echo "Median of $runs run(s) per case; $(nproc 2>/dev/null || echo '?') CPUs, Java $java_version," \
  "Maven $mode via ./mvnw, measured with $timer."
echo
echo "| case | operations | tools generated | wall ms (median) | peak RSS MiB (median) | vs previous run |"
echo "|---|---:|---:|---:|---:|---|"
for row in "${rows[@]}"; do
  read -r name ops tools ms rss <<<"$row"
  if [ "$name" = baseline ] || [[ $name == *-plugin ]]; then shown_ops="–"; shown_tools="–"; else shown_ops=$ops; shown_tools=$tools; fi
  echo "| $(label "$name") | $shown_ops | $shown_tools | $ms | $rss | $(compare "$name" "$ops" "$ms" "$rss") |"
done
echo
echo "The plugin's own summary (its JVM's heap, not the process's RSS):"
echo
sed 's/^/    /' "$work/plugin-lines"

mkdir -p "$(dirname "$results")"
{
  printf '# case\toperations\ttools\twall_ms\trss_mib\n'
  for row in "${rows[@]}"; do
    read -r name ops tools ms rss <<<"$row"
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$ops" "$tools" "$ms" "$rss"
  done
} >"$results.tmp"
mv "$results.tmp" "$results"
