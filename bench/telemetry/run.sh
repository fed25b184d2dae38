#!/usr/bin/env bash
# bench/telemetry: the cost of OpenTelemetry export, and ingest speed (bench/telemetry/README.md).
#   1. an offline eval of N cases (default 10,000; mock provider, no latency), cases/s without
#      telemetry and with OTLP export to a loopback receiver (tests/support/otlp_receiver.py), and
#      what the receiver got (requests, spans) and what genops reported lost
#   2. genops ingest --format otlp of SPANS spans made by the official JS SDK (make_spans.js): spans/s
# Usage: bench/telemetry/run.sh path/to/genops   (N=…, REPEAT=…, JOBS=…, SPANS=…)
set -euo pipefail
genops=$(realpath "${1:?usage: run.sh path/to/genops}")
N=${N:-10000}
REPEAT=${REPEAT:-3}
JOBS=${JOBS:-16}
SPANS=${SPANS:-100000}
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/support/projects.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-bench-otel-XXXXXX")
receiver=""
trap '[[ -n $receiver ]] && kill "$receiver" 2>/dev/null; rm -rf "$work"' EXIT

# "WALL CPU" seconds (CPU: user + sys of genops and its threads; on a loaded machine the fairer figure).
seconds() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%s %.2f\n", $1, $2 + $3}'; }
# The median of "WALL CPU" lines by wall time, and the median CPU apart: "WALL CPU".
median() {
  local lines w c
  lines=$(cat)
  w=$(awk '{print $1}' <<<"$lines" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  c=$(awk '{print $2}' <<<"$lines" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$w $c"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }
# "N per s of wall time, N per CPU second" from a "WALL CPU" pair.
rates() { echo "$(rate "$1" "${2% *}")/s wall, $(rate "$1" "${2#* }") per CPU-second"; }

project() {
  rm -rf "$work/p" && mkdir -p "$work/p/mocks" && cd "$work/p"
  cat >genops.yaml <<YAML
version: 1
defaults: {provider: mock, concurrency: $JOBS}
providers:
  mock: {kind: mock, responses: mocks/replies.yaml}
YAML
  printf 'version: 1\nresponses:\n  - default: true\n    reply: "The answer is 42."\n' >mocks/replies.yaml
  write_question_eval q "$N" 42
}

python3 "$root/tests/support/otlp_receiver.py" "$work/received.log" 200 >"$work/port" &
receiver=$!
for _ in $(seq 1 100); do [[ -s $work/port ]] && break; sleep 0.1; done
endpoint="http://127.0.0.1:$(cat "$work/port")"

echo "N=$N JOBS=$JOBS REPEAT=$REPEAT genops=$genops; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A med
for mode in off otlp; do
  times=()
  for _ in $(seq 1 "$REPEAT"); do
    project
    rm -f "$work/received.log"
    if [[ $mode == off ]]; then
      times+=("$(seconds "$genops" eval evals/q.yaml --no-cache -j "$JOBS")")
    else
      times+=("$(OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint seconds "$genops" eval evals/q.yaml --no-cache -j "$JOBS")")
    fi
  done
  med[$mode]=$(printf '%s\n' "${times[@]}" | median)
  echo "telemetry $mode: (wall cpu) $(printf '%s s, ' "${times[@]}")median ${med[$mode]} s: $(rates "$N" "${med[$mode]}") cases"
  if [[ $mode == otlp ]]; then
    # The last timed run again, to count what reached the receiver and what genops said it lost.
    project
    rm -f "$work/received.log"
    OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint "$genops" eval evals/q.yaml --no-cache -j "$JOBS" >/dev/null 2>"$work/err"
    python3 -c "
import json, sys
requests = spans = 0
for line in open(sys.argv[1]):
    requests += 1
    body = json.loads(json.loads(line)['body'])
    spans += sum(len(ss['spans']) for rs in body['resourceSpans'] for ss in rs['scopeSpans'])
print(f'  receiver: {requests} requests, {spans} spans ({spans / max(requests, 1):.0f} per request)')" "$work/received.log"
    grep -h "telemetry" "$work/err" | sed 's/^/  genops: /' || echo "  genops: no spans lost"
  fi
done
awk -v a="${med[off]}" -v b="${med[otlp]}" 'BEGIN {split(a, x, " "); split(b, y, " ");
  printf "export overhead: %+.1f %% wall time, %+.1f %% CPU time\n", (y[1] / x[1] - 1) * 100, (y[2] / x[2] - 1) * 100}'

echo "load average before ingest: $(cut -d' ' -f1-3 /proc/loadavg)"
per=1000
node "$root/tests/support/otlp_node/make_spans.js" $((SPANS / per)) "$per" --prompt support-answer@3 >"$work/spans.jsonl"
echo "ingest input: $(wc -l <"$work/spans.jsonl") requests, $SPANS chat spans (+ $((SPANS / per)) HTTP spans), $(stat -c %s "$work/spans.jsonl") bytes"
times=()
for _ in $(seq 1 "$REPEAT"); do
  project
  times+=("$(seconds "$genops" ingest --format otlp "$work/spans.jsonl" --input-name question)")
done
m=$(printf '%s\n' "${times[@]}" | median)
echo "ingest: (wall cpu) $(printf '%s s, ' "${times[@]}")median $m s: $(rates "$SPANS" "$m") spans (first ingest into an empty store)"
times=()
for _ in $(seq 1 "$REPEAT"); do times+=("$(seconds "$genops" ingest --format otlp "$work/spans.jsonl" --input-name question)"); done
m=$(printf '%s\n' "${times[@]}" | median)
echo "ingest again (all present): (wall cpu) $(printf '%s s, ' "${times[@]}")median $m s: $(rates "$SPANS" "$m") spans"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
