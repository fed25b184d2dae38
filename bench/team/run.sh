#!/usr/bin/env bash
# `genops store merge` of 4 shard stores of 25,000 results each, and eval-store
# bytes per case on SQLite (see README.md). Usage: bench/team/run.sh [GENOPS] [CASES_PER_SHARD]
set -euo pipefail
genops=$(realpath "${1:-build/release/genops}")
per_shard=${2:-25000}
source "$(cd "$(dirname "$0")/../.." && pwd)/tests/support/projects.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-bench-team-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir -p chains evals mocks
cat >genops.yaml <<'YAML'
version: 1
store: .genops/genops.db
defaults: {provider: local, concurrency: 64}
providers:
  local: {kind: mock, responses: mocks/replies.yaml}
YAML
cat >mocks/replies.yaml <<'YAML'
version: 1
responses:
  - default: true
    reply: "Refunds are issued within 14 days of the request."
YAML
write_answer_chain
cat >evals/bench.yaml <<'YAML'
version: 1
name: bench
target: {chain: ../chains/answer.yaml}
dataset: ../cases.jsonl
defaults:
  assert: [{type: icontains, value: "14 days"}, {type: rougeL, threshold: 0.3}]
YAML
total=$((4 * per_shard))
python3 -c "
import json
for i in range($total):
    print(json.dumps({'question': 'How long does refund %d take?' % i, 'expected': 'Refunds take 14 days.'}))
" >cases.jsonl
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3 4; do
  "$genops" --store shard-$i.db eval evals/bench.yaml --shard $i/4 --run-name bench -j 64 >/dev/null 2>&1 || true
done
for i in 1 2 3 4; do
  n=$(sqlite3 shard-$i.db "SELECT COUNT(*) FROM eval_results")
  sqlite3 shard-$i.db "VACUUM"
  echo "shard $i: $n results, $(stat -c %s shard-$i.db) bytes"
done
start=$(date +%s.%N)
"$genops" store merge shard-1.db shard-2.db shard-3.db shard-4.db --into merged.db >/dev/null
end=$(date +%s.%N)
results=$(sqlite3 merged.db "SELECT COUNT(*) FROM eval_results")
echo "store merge of 4 stores into a new one: $results results in $(echo "$end - $start" | bc) s"
start=$(date +%s.%N)
"$genops" store merge shard-1.db shard-2.db shard-3.db shard-4.db --into merged.db >/dev/null
end=$(date +%s.%N)
echo "the same merge again (nothing added): $(echo "$end - $start" | bc) s"
sqlite3 merged.db "VACUUM"
bytes=$(stat -c %s merged.db)
eval_bytes=$(sqlite3 merged.db "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'eval_%' OR name LIKE 'sqlite_autoindex_eval%'" 2>/dev/null || echo "")
echo "merged store: $bytes bytes, $((bytes / results)) B per case (chain runs and steps included)"
[[ -n $eval_bytes ]] && echo "eval tables alone: $((eval_bytes / results)) B per case"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
