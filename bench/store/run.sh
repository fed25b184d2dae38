#!/usr/bin/env bash
# bench/store: the team store's figures (bench/store/README.md).
#   1. N cases (default 10,000) of an offline eval into SQLite and into PostgreSQL: cases/s and the ratio
#   2. the same eval as 4 shard processes into one PostgreSQL database vs 1 process
#   3. eval-store bytes per case on each backend
# Usage: bench/store/run.sh path/to/genops   (N=…, REPEAT=…, JOBS=…)
# The server runs durably (fsync on), as SQLite does (synchronous=NORMAL in WAL mode).
set -euo pipefail
genops=$(realpath "${1:?usage: run.sh path/to/genops}")
N=${N:-10000}
REPEAT=${REPEAT:-3}
JOBS=${JOBS:-16}
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/support/projects.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/genops-bench-store-XXXXXX")
chmod 755 "$work"
trap 'bash "$root/tests/support/pg_server.sh" stop "$work/pg"; rm -rf "$work"' EXIT
GENOPS_PG_DURABLE=1 bash "$root/tests/support/pg_server.sh" start "$work/pg"
server=$(cat "$work/pg/url")
new_db() {
  local name="bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  psql -qX "$server" -c "CREATE DATABASE $name" >/dev/null
  echo "${server%/*}/$name"
}

# An offline project: a one-step chain on a mock provider (no latency), N cases.
project() {
  rm -rf "$work/p" && mkdir -p "$work/p/mocks" && cd "$work/p"
  cat >genops.yaml <<YAML
version: 1
store: $1
defaults: {provider: mock, concurrency: $JOBS}
providers:
  mock: {kind: mock, responses: mocks/replies.yaml}
YAML
  printf 'version: 1\nresponses:\n  - default: true\n    reply: "The answer is 42."\n' >mocks/replies.yaml
  write_question_eval q "$N" 42
}

seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -n 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rate() { awk -v n="$N" -v s="$1" 'BEGIN {printf "%.0f", n / s}'; }

echo "N=$N JOBS=$JOBS REPEAT=$REPEAT genops=$genops"
declare -A med
for backend in sqlite postgresql; do
  times=()
  for _ in $(seq 1 "$REPEAT"); do
    if [[ $backend == sqlite ]]; then loc="$work/store.db"; rm -f "$work"/store.db*; else loc=$(new_db); fi
    project "$loc"
    times+=("$(seconds "$genops" eval evals/q.yaml --no-cache -j "$JOBS")")
  done
  med[$backend]=$(printf '%s\n' "${times[@]}" | median)
  echo "$backend: ${times[*]} s; median ${med[$backend]} s = $(rate "${med[$backend]}") cases/s"
  if [[ $backend == sqlite ]]; then
    bytes=$(sqlite3 "$work/store.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; stat -c %s "$work/store.db")
    echo "  sqlite store file: $bytes bytes = $((bytes / N)) bytes per case (whole store: results, runs, steps)"
  else
    bytes=$(psql -XAtq "$loc" -c "SELECT pg_database_size(current_database()) - (SELECT pg_database_size('template1'))")
    echo "  postgresql database growth: $bytes bytes = $((bytes / N)) bytes per case (whole store: results, runs, steps)"
  fi
done
awk -v s="${med[sqlite]}" -v p="${med[postgresql]}" 'BEGIN {printf "postgresql / sqlite cases/s: %.2f\n", s / p}'

if "$genops" evals finish --help >/dev/null 2>&1; then
  times=()
  for _ in $(seq 1 "$REPEAT"); do
    project "$(new_db)"
    start=$(date +%s.%N)
    for i in 1 2 3 4; do "$genops" eval evals/q.yaml --no-cache -j "$JOBS" --shard "$i/4" --run-name bench >/dev/null 2>&1 & done
    wait
    "$genops" evals finish bench >/dev/null 2>&1 || true
    times+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')")
  done
  m=$(printf '%s\n' "${times[@]}" | median)
  echo "4 shards into one postgresql: ${times[*]} s; median $m s = $(rate "$m") cases/s ($(awk -v s="${med[postgresql]}" -v m="$m" 'BEGIN {printf "%.2f", s / m}')x one process)"
fi
