#!/usr/bin/env bash
# kill -9 in the middle of a 2,000-case eval, then --resume: every case is
# recorded exactly once. Ctrl-C saves what finished and exits 130.
source "$(dirname "$0")/lib.sh"
mkdir -p p/mocks p/evals p/chains && cd p || exit 2
write_slow_project
write_question_eval big 2000 42
db=.genops/genops.db
count() { sqlite3 "$db" "SELECT COUNT(*) FROM eval_results" 2>/dev/null || echo 0; }

case_ "kill -9 mid-run, then --resume: every case exactly once"
"$GENOPS_BIN" eval evals/big.yaml -j 8 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  n=$(count)
  [[ ${n:-0} -ge 300 ]] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(count)
[[ $before -ge 300 && $before -lt 2000 ]] && ok || bad "expected a partial run at kill time, found $before results"
expect_eq "$(sqlite3 $db "PRAGMA integrity_check")" "ok"
expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs")" "running"
run genops eval evals/big.yaml -j 32 --resume last --json
expect_exit 0
expect_err_contains "already recorded"
expect_eq "$(sqlite3 $db "SELECT COUNT(*), COUNT(DISTINCT case_key), SUM(pass) FROM eval_results")" "2000|2000|2000"
expect_eq "$(sqlite3 $db "SELECT COUNT(*), status FROM eval_runs")" "1|finished"
expect_eq "$(jq -r '.summary.results' <<<"$out")" "2000"
# Re-run after the kill: at most the executions in flight (8) and one uncommitted
# batch (up to 512 results or 100 ms of work); each result points at its own run.
runs=$(sqlite3 $db "SELECT COUNT(*) FROM runs WHERE kind='chain'")
[[ $runs -ge 2000 && $runs -le $((2000 + 8 + 512)) ]] && ok || bad "expected 2000..2520 chain runs, got $runs"
expect_eq "$(sqlite3 $db "SELECT COUNT(DISTINCT run_id) FROM eval_results")" "2000"

case_ "--resume of a finished run has nothing to do"
run genops eval evals/big.yaml --resume last --json
expect_exit 0
expect_err_contains "0 to run"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_results")" "2000"

case_ "Ctrl-C saves the finished results and exits 130 with a resume hint"
rm -f "$db"*
"$GENOPS_BIN" eval evals/big.yaml -j 4 >/dev/null 2>"$E2E_ROOT/.err" &
pid=$!
for _ in $(seq 1 600); do
  n=$(count)
  [[ ${n:-0} -ge 100 ]] && break
  sleep 0.05
done
kill -INT $pid
wait $pid
status=$?
err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_err_contains "--resume"
expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs")" "interrupted"
saved=$(count)
[[ $saved -ge 100 && $saved -lt 2000 ]] && ok || bad "expected a partial run, found $saved results"
run genops eval evals/big.yaml --resume last --json
expect_exit 0
expect_eq "$(sqlite3 $db "SELECT COUNT(*), COUNT(DISTINCT case_key) FROM eval_results")" "2000|2000"

case_ "--resume of an unknown run or another eval is refused"
run genops eval evals/big.yaml --resume ffff
expect_exit 3; expect_err_contains "no eval run"

finish
