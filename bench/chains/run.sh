#!/usr/bin/env bash
# End to end: `genops run` of a 5-step chain over 10,000 rows on the mock
# provider (0 ms latency), with the store on: runs/s, per-step time and peak RSS.
# Usage: bench/chains/run.sh [GENOPS_BIN] [ROWS] [JOBS]
set -euo pipefail
genops=${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/release/genops}
rows=${2:-10000}
jobs=${3:-32}
dir=$(mktemp -d "${TMPDIR:-/tmp}/genops-bench-run-XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$genops" init proj >/dev/null
cd proj
mkdir -p chains
cat > mocks/support.yaml <<'YAML'
version: 1
responses:
  - match: {regex: "^Facts"}
    json: {fact: "refunds take 14 days"}
  - default: true
    reply: "Refunds are issued within 14 days."
YAML
cat > chains/bench.yaml <<'YAML'
version: 1
name: bench
inputs:
  question: {type: string}
steps:
  - {id: intent, kind: llm, messages: [{role: user, content: "Classify: {{inputs.question}}"}]}
  - {id: facts, kind: llm, messages: [{role: user, content: "Facts about {{inputs.question}}"}], output: {format: json}}
  - {id: context, kind: transform, template: "{{steps.intent.output}} / {{steps.facts.output.fact}}"}
  - {id: answer, kind: llm, prompt: prompts/support-answer.yaml, vars: {question: "{{inputs.question}}", context: "{{steps.context.output}}"}}
  - {id: final, kind: transform, template: "{{steps.answer.output}}"}
YAML
for ((i = 0; i < rows; i++)); do echo "{\"question\": \"How do I get a refund for order $i?\"}"; done > rows.jsonl
/usr/bin/time -f "%e %M" -o time.txt "$genops" run chains/bench.yaml --input-file rows.jsonl -j "$jobs" > out.jsonl 2> err.txt
read -r seconds kb < time.txt
steps=$((rows * 5))
ok=$(grep -c '"status":"succeeded"' out.jsonl)
echo "genops run: $rows rows ($ok succeeded) x 5 steps, -j $jobs: ${seconds}s wall"
awk -v r="$rows" -v s="$seconds" -v n="$steps" -v kb="$kb" 'BEGIN {
  printf "  %.0f runs/s, %.1f us per step (runner + mock + store + output), peak RSS %.1f MB\n", r / s, s * 1e6 / n, kb / 1024 }'
echo "  store: $(sqlite3 .genops/genops.db 'SELECT COUNT(*) FROM steps') step records, $(du -h .genops/genops.db | cut -f1)"
