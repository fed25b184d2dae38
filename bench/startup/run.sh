#!/usr/bin/env bash
# Start-up benchmark (issue 14 item 5): `genops --version` against /bin/true
# (target: within 2 ms) and `genops prompt list` on a store of 10,000 prompt
# versions (target: under 50 ms), each the mean of RUNS interleaved runs with
# its CPU time and page faults (measure.py); with a second binary, the two are
# run alternately, so before/after ratios come from the same minutes. Where
# valgrind is installed, the instructions each start-up executes (load-proof).
# The load average is printed with the figures.
# Usage: bench/startup/run.sh [GENOPS [BEFORE_GENOPS]]   (default: build/bench-rel/genops; RUNS=200)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
genops=$(realpath "${1:-$root/build/bench-rel/genops}")
before=${2:+$(realpath "$2")}
runs=${RUNS:-200}
[[ -x $genops ]] || { echo "build the release binary first (bench/startup/README.md)"; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-startup-XXXXXX")
trap 'rm -rf "$work"' EXIT
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

echo "== genops --version against /bin/true"
load
specs=("/bin/true=/bin/true" "genops --version=$genops --version")
[[ -n $before ]] && specs+=("before: genops --version=$before --version")
python3 "$here/measure.py" -n "$runs" "${specs[@]}"
load
if command -v valgrind >/dev/null; then
  instructions() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
  echo "instructions executed (valgrind, the dynamic loader included):"
  echo "  /bin/true: $(instructions /bin/true)"
  echo "  genops --version: $(instructions "$genops" --version)"
  [[ -n $before ]] && echo "  before: genops --version: $(instructions "$before" --version)"
fi

echo "== genops prompt list, 10,000 versions (100 prompts x 100)"
"$here/make_store.sh" "$genops" "$work"
"$genops" --project "$work/proj" store info | head -4
load
specs=("prompt list=$genops prompt list" "prompt list --json=$genops prompt list --json")
[[ -n $before ]] && specs+=("before: prompt list=$before prompt list")
python3 "$here/measure.py" -n "$((runs / 4))" --cwd "$work/proj" "${specs[@]}"
load
