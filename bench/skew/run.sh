#!/usr/bin/env bash
# genops skew on 1,000,000 current rows: wall time and peak RSS, and its ratio to Python's bare
# json.loads of the same lines (issue 14: faster than that parse, < 300 MB).
#   RUNS=3 bench/skew/run.sh [GENOPS_BIN] [ROWS]
# Builds nothing: pass a release binary (cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-build/release/genops}")
rows=${2:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-skew-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" 2000 "$work/ref.jsonl"
python3 "$here/generate.py" "$rows" "$work/current.jsonl" --shifted
echo "current: $rows rows, $(du -h "$work/current.jsonl" | cut -f1)"
runs=${RUNS:-3}
load() { cut -d' ' -f1 /proc/loadavg; }
# The bar: Python merely parsing every line (no features, no statistics).
py_best=""
for ((r = 0; r < runs; r++)); do
  /usr/bin/time -f "%e %M" -o "$work/time" python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"): json.loads(line)' "$work/current.jsonl"
  read -r secs kb <"$work/time"
  echo "  python3 json.loads of every line: ${secs} s, $((kb / 1024)) MB peak RSS (load $(load))"
  py_best=$(awk -v a="${py_best:-1e9}" -v b="$secs" 'BEGIN {print (b < a) ? b : a}')
done
best=""
measure() {  # label, args...
  local label=$1; shift
  best=""
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    read -r secs kb <"$work/time"
    echo "  $label: ${secs} s, $((kb / 1024)) MB peak RSS (load $(load))"
    best=$(awk -v a="${best:-1e9}" -v b="$secs" 'BEGIN {print (b < a) ? b : a}')
    best_mb=$((kb / 1024))
  done
}
measure "file:, all tests + embeddings" skew --reference "file:$work/ref.jsonl" --current "file:$work/current.jsonl" --json
echo "  ratio (best of $runs): genops $best s, $best_mb MB vs json.loads $py_best s|$(awk -v g="$best" -v p="$py_best" 'BEGIN {printf "%.2f", g / p}')"
measure "file:, no embeddings" skew --reference "file:$work/ref.jsonl" --current "file:$work/current.jsonl" --no-embedding --json
mkdir -p "$work/proj" && cd "$work/proj"
printf 'version: 1\nstore: genops.db\n' >genops.yaml
"$bin" ingest "$work/current.jsonl" --chain support >/dev/null
measure "runs:support (from the store)" skew --reference "file:$work/ref.jsonl" --current runs:support --json
