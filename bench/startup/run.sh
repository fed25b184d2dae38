#!/usr/bin/env bash
# Startup benchmark (DESIGN §7, issue 14): `genops --version` against `/bin/true` (target: within
# 2 ms) and `genops prompt list` on a store with 10,000 prompt versions (100 prompts x 100 versions;
# target: under 50 ms). The load average is printed with the figures.
# Usage: bench/startup/run.sh [path/to/genops]   (default: build/release/genops)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
genops=${1:-$root/build/release/genops}
[[ -x $genops ]] || { echo "build the release binary first: cmake --preset release && cmake --build --preset release"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
export GENOPS_AUTHOR=bench
"$genops" init proj >/dev/null
cd proj
mkdir -p many
echo "seeding 10,000 versions..."
seed_start=$(date +%s.%N)
for v in $(seq 1 100); do
  for p in $(seq 1 100); do
    printf 'version: 1\nname: p%03d\ninputs:\n  q: {type: string}\ntemplate: "v%d {{q}}"\n' "$p" "$v" >"many/p$p.yaml"
  done
  "$genops" prompt add many/*.yaml -m "v$v" >/dev/null
done
seed_end=$(date +%s.%N)
echo "seeded in $(echo "$seed_end - $seed_start" | bc) s (100 prompt add calls of 100 files each)"
"$genops" store info | head -3

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 50 /bin/true "$genops --version" "$genops prompt list" "$genops prompt list --json" \
    "$genops prompt show p050@100" "$genops prompt log p050"
else
  start=$(date +%s%N)
  for _ in $(seq 1 200); do /bin/true; done
  end=$(date +%s%N)
  echo "/bin/true: $(((end - start) / 200000)) us per run (mean of 200)"
  for cmd in "--version" "prompt list" "prompt list --json"; do
    start=$(date +%s%N)
    for _ in $(seq 1 200); do "$genops" $cmd >/dev/null; done
    end=$(date +%s%N)
    echo "genops $cmd: $(((end - start) / 200000)) us per run (mean of 200)"
  done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
