#!/usr/bin/env bash
# genops eval (and promptfoo) against a loopback OpenAI-compatible mock server.
# Wall time, cases/s and peak RSS, the median of REPEAT runs (bench/README.md).
#
#   bench/eval/run.sh [GENOPS_BIN]            genops: the full matrix below
#   PROMPTFOO=/tmp/pf/node_modules/.bin/promptfoo bench/eval/run.sh [GENOPS_BIN]
#                                             also promptfoo on the same mock and cases
#
# Environment (all optional):
#   REPEAT=3                   runs per configuration (the median is reported)
#   SIZES="1000 10000 100000"  case counts at 0 ms latency
#   JOBS="1 16 100"            -j values at 0 ms latency
#   SKIP="100000:1"            size:jobs pairs to leave out (space separated)
#   LAT_CASES=1000 LAT_MS=50 LAT_JOBS="100"        the latency configuration(s)
#   PROMPTFOO=path             the promptfoo binary; unset: genops only
#   PF_SIZES="1000" PF_JOBS="16 100" PF_LAT_JOBS="16 100"   promptfoo's configurations
#   MODE=all|genops|promptfoo|mock|table            what to run; table: issue 14's table, every row
#                              a ratio with the load average (bench/eval/table.sh has its knobs)
#   KEEP=1                     keep the work directory
#   STARTUP=0                  skip the --version start-up measurement
#
# Every run starts from an empty store (genops) / an empty config dir (promptfoo),
# uses --no-cache, and checks that every case produced a result.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
genops=$(realpath "${1:-${GENOPS:-$root/build/bench-rel/genops}}")
REPEAT=${REPEAT:-3}
SIZES=${SIZES:-1000 10000 100000}
JOBS=${JOBS:-1 16 100}
SKIP=${SKIP:-}
LAT_CASES=${LAT_CASES:-1000}
LAT_MS=${LAT_MS:-50}
LAT_JOBS=${LAT_JOBS:-100}
PF_SIZES=${PF_SIZES:-1000}
PF_JOBS=${PF_JOBS:-16 100}
PF_LAT_JOBS=${PF_LAT_JOBS:-16 100}
MODE=${MODE:-all}
PROMPTFOO=${PROMPTFOO:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/evalbench-XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [[ -n ${KEEP:-} ]]; then echo "work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The mock: built from source (no dependencies) unless MOCK points at a binary.
mock=${MOCK:-$work/mock_openai}
if [[ ! -x $mock ]]; then
  g++ -O2 -std=c++20 -o "$mock" "$here/mock_openai.cpp"
fi
start_mock() {  # latency_ms -> sets mock_port
  local f="$work/port.$1"
  "$mock" --latency-ms "$1" --port-file "$f" >/dev/null 2>"$work/mock.$1.log" &
  pids+=($!)
  mock_pid=$!
  for _ in $(seq 100); do [[ -s $f ]] && break; sleep 0.05; done
  mock_port=$(cat "$f")
}
start_mock 0; port0=$mock_port; pid0=$mock_pid
start_mock "$LAT_MS"; port_lat=$mock_port; pid_lat=$mock_pid
declare -A mock_pid_of=([$port0]=$pid0 [$port_lat]=$pid_lat)
mock_stats() {  # port -> the mock's figures since the last call (SIGUSR1)
  local log="$work/mock.$([[ $1 == "$port0" ]] && echo 0 || echo "$LAT_MS").log" before
  before=$(wc -l <"$log")
  kill -USR1 "${mock_pid_of[$1]}"
  for _ in $(seq 100); do (($(wc -l <"$log") > before)) && break; sleep 0.02; done
  tail -1 "$log" | sed 's/^mock_openai: //'
}

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "# genops: $genops ($("$genops" --version 2>&1 | head -1))"
[[ -n $PROMPTFOO ]] && echo "# promptfoo: $("$PROMPTFOO" --version 2>/dev/null | tail -1)"
echo "# mock servers: 127.0.0.1:$port0 (0 ms), 127.0.0.1:$port_lat ($LAT_MS ms); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $MODE == all || $MODE == mock ]]; then
  echo "## the mock's own throughput (closed loop, keep-alive, 20,000 requests; ${LAT_MS} ms: 2,000)"
  for c in 1 16 100; do echo "  0 ms, $c conns: $("$mock" --load "$port0" --conns "$c" --requests 20000)"; done
  echo "  $LAT_MS ms, 100 conns: $("$mock" --load "$port_lat" --conns 100 --requests 2000)"
fi

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# One configuration, REPEAT times: tool, cases, jobs, latency, port.
# Prints: tool cases jobs latency median_wall median_cases/s median_peak_MB (each run too).
measure() {
  local tool=$1 n=$2 j=$3 lat=$4 port=$5
  local walls=() rsss=() load
  load=$(cut -d' ' -f1 /proc/loadavg)
  for ((r = 1; r <= REPEAT; r++)); do
    local run="$work/run.$tool"
    mock_stats "$port" >/dev/null
    rm -rf "$run" && mkdir -p "$run"
    if [[ $tool == genops ]]; then
      cp -r "$here/project/." "$run/"
      sed "s/@PORT@/$port/" "$run/genops.yaml.in" >"$run/genops.yaml"
      cp "$work/cases.$n.jsonl" "$run/cases.jsonl"
      (cd "$run" && "$genops" prompt add prompts/answer.yaml >/dev/null)
      (cd "$run" && /usr/bin/time -f "%e %M" -o "$run/time" \
        "$genops" eval evals/bench.yaml --no-cache -j "$j" >"$run/out" 2>"$run/err") ||
        { echo "genops failed (exit $?):"; tail -n 5 "$run/err" "$run/out"; exit 1; }
      local got
      got=$( (grep -o '[0-9]*/[0-9]* results passed' "$run/out" || true) | cut -d/ -f2 | cut -d' ' -f1)
      [[ $got == "$n" ]] || { echo "genops: $got results, expected $n"; tail -n 5 "$run/out"; exit 1; }
    else
      cp -r "$here/promptfoo/." "$run/"
      sed "s/@PORT@/$port/" "$run/promptfooconfig.yaml.in" >"$run/promptfooconfig.yaml"
      cp "$work/pf-tests.$n.jsonl" "$run/tests.jsonl"
      (cd "$run" && PROMPTFOO_CONFIG_DIR="$run/.promptfoo" PROMPTFOO_DISABLE_TELEMETRY=1 \
        PROMPTFOO_DISABLE_UPDATE=1 OPENAI_API_KEY=unused /usr/bin/time -f "%e %M" -o "$run/time" \
        "$PROMPTFOO" eval -c promptfooconfig.yaml --no-cache --max-concurrency "$j" \
        --no-progress-bar --no-table >"$run/out" 2>"$run/err") ||
        { rc=$?; [[ $rc == 100 ]] || { echo "promptfoo failed (exit $rc):"; tail -20 "$run/err" "$run/out"; exit 1; }; }
      # exit 100: some tests failed (expected: the mock's reply fits only some cases)
      local got
      got=$( (grep -Eo '[0-9,]+ (passed|failed|errors) \(' "$run/out" || true) | tr -d , | awk '{s += $1} END {print s + 0}')
      # promptfoo sometimes exits (100) without printing its summary ("closeLogger() timed out during
      # shutdown"); its store still holds every result, so count them there.
      [[ $got == "$n" ]] || got=$(sqlite3 "$run/.promptfoo/promptfoo.db" 'SELECT COUNT(*) FROM eval_results' 2>/dev/null || echo 0)
      [[ $got == "$n" ]] || { echo "promptfoo: $got results, expected $n"; tail -n 20 "$run/out" "$run/err" "$run/time"; exit 1; }
    fi
    local secs kb
    read -r secs kb < <(tail -1 "$run/time")
    walls+=("$secs"); rsss+=("$kb")
    echo "    run $r: $secs s, $((kb / 1024)) MB; mock: $(mock_stats "$port")" >&2
  done
  local w m
  w=$(printf '%s\n' "${walls[@]}" | median)
  m=$(printf '%s\n' "${rsss[@]}" | median)
  awk -v t="$tool" -v n="$n" -v j="$j" -v l="$lat" -v w="$w" -v m="$m" -v la="$load" -v all="${walls[*]}" \
    'BEGIN {printf "| %s | %d | %d | %d ms | %.2f s | %.0f | %.1f MB | %s | %s |\n", t, n, j, l, w, n / w, m / 1024, la, all}'
}

if [[ $MODE == table ]]; then
  source "$here/table.sh"
  exit 0
fi

if [[ $MODE != mock && ${STARTUP:-1} == 1 ]]; then
  echo "## start-up (--version, median of $REPEAT)"
  for tool in genops ${PROMPTFOO:+promptfoo}; do
    bin=$genops; [[ $tool == promptfoo ]] && bin=$PROMPTFOO
    ts=()
    for ((r = 1; r <= REPEAT; r++)); do
      PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 /usr/bin/time -f "%e %M" -o "$work/time.v" "$bin" --version >/dev/null 2>&1
      ts+=("$(tail -1 "$work/time.v" | cut -d' ' -f1)")
    done
    echo "  $tool --version: $(printf '%s\n' "${ts[@]}" | median) s (${ts[*]})"
  done
fi

header='| tool | cases | -j | latency | wall (median) | cases/s | peak RSS | load | walls |
|---|---:|---:|---:|---:|---:|---:|---:|---|'

for n in $SIZES $LAT_CASES $PF_SIZES; do
  [[ -f $work/cases.$n.jsonl ]] && continue
  python3 "$here/gen_cases.py" "$n" "$work/cases.$n.jsonl"
  python3 "$here/promptfoo/to_tests.py" "$work/cases.$n.jsonl" "$work/pf-tests.$n.jsonl"
done

if [[ $MODE == all || $MODE == genops ]]; then
  echo "## genops eval"
  echo "$header"
  for n in $SIZES; do
    for j in $JOBS; do
      [[ " $SKIP " == *" $n:$j "* ]] && continue
      measure genops "$n" "$j" 0 "$port0"
    done
  done
  for j in $LAT_JOBS; do measure genops "$LAT_CASES" "$j" "$LAT_MS" "$port_lat"; done
fi

if [[ -n $PROMPTFOO && ($MODE == all || $MODE == promptfoo) ]]; then
  echo "## promptfoo eval"
  echo "$header"
  for n in $PF_SIZES; do
    for j in $PF_JOBS; do measure promptfoo "$n" "$j" 0 "$port0"; done
  done
  for j in $PF_LAT_JOBS; do measure promptfoo "$LAT_CASES" "$j" "$LAT_MS" "$port_lat"; done
fi
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
