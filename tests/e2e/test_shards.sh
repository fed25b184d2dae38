#!/usr/bin/env bash
# Evals across machines (issue 13 §3): `genops eval --shard i/n --run-name
# NAME` runs a stable-hash share of the cases into one logical run; `genops
# evals finish NAME` gates it once every shard is in and gives the verdict and
# summary one unsharded run gives.
source "$(dirname "$0")/lib.sh"
cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" "$E2E_ROOT/p"
cd "$E2E_ROOT/p" || exit 2
db=.genops/genops.db
# The timing of each run differs; everything else must not.
untimed() { jq -S 'del(.usage.latency_p50_ms, .usage.latency_p95_ms, .providers[].usage.latency_p50_ms,
                      .providers[].usage.latency_p95_ms, .metrics[] | select(.name == "latency"))'; }

case_ "four shards into one named run: each reports its own results and is not gated"
total=0 biggest=1 most=0
for i in 1 2 3 4; do
  run genops eval evals/support.yaml --no-cache --shard $i/4 --run-name r1 --json
  expect_exit 0
  expect_eq "$(jq -r '.gate.gated' <<<"$out")" "false"
  expect_err_contains "shard $i/4 of run r1 is in; it is not gated on its own: genops evals finish r1 gates the whole run"
  n=$(jq -r '.summary.results' <<<"$out")
  total=$((total + n))
  ((n > most)) && most=$n biggest=$i
done
expect_eq "$total" "7"
expect_eq "$(sqlite3 $db "SELECT COUNT(*), COUNT(DISTINCT case_key) FROM eval_results")" "7|7"
expect_eq "$(sqlite3 $db "SELECT group_concat(shard_index || '/' || shard_count || ':' || status, ' ') FROM
  (SELECT * FROM eval_runs WHERE run_name = 'r1' ORDER BY shard_index)")" "1/4:finished 2/4:finished 3/4:finished 4/4:finished"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_runs WHERE gate_passed IS NOT NULL")" "0"

case_ "the terminal report of a shard says NOT GATED, never PASSED"
run genops eval evals/support.yaml --shard 1/4 --run-name r1
expect_exit 0
expect_out_contains "NOT GATED support-regression"
expect_out_lacks "PASSED"

case_ "a retried shard records nothing twice"
before=$(sqlite3 $db "SELECT COUNT(*) FROM eval_results; SELECT COUNT(*) FROM eval_runs" | tr '\n' ' ')
run genops eval evals/support.yaml --no-cache --shard $biggest/4 --run-name r1
expect_exit 0
expect_err_contains "0 to run ($most already recorded)"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_results; SELECT COUNT(*) FROM eval_runs" | tr '\n' ' ')" "$before"

case_ "finish: the same summary and verdict as one unsharded run"
run genops evals finish r1 --json -o finish.json -o finish.jsonl
expect_exit 0
finished=$out
expect_eq "$(wc -l <finish.jsonl | tr -d ' ')" "7"
expect_eq "$(jq -r '.summary.results' finish.json)" "7"
run genops eval evals/support.yaml --no-cache --json
expect_exit 0
whole=$out
expect_eq "$(jq -c '.summary' <<<"$finished" | untimed)" "$(jq -c '.summary' <<<"$whole" | untimed)"
expect_eq "$(jq -c '.gate' <<<"$finished" | jq -S 'del(.checks[] | select(.name == "latency"))')" \
  "$(jq -c '.gate' <<<"$whole" | jq -S 'del(.checks[] | select(.name == "latency"))')"
expect_eq "$(jq -r '.summary.results' <<<"$finished")" "7"
whole_id=$(sqlite3 $db "SELECT id FROM eval_runs WHERE run_name = 'r1' AND shard_index = 0")
expect_eq "$(sqlite3 $db "SELECT status, gate_passed, shard_count FROM eval_runs WHERE id = '$whole_id'")" "finished|1|4"
run genops evals show "$whole_id" --json
expect_eq "$(jq -r '.results, .run_name' <<<"$out" | tr '\n' ' ')" "7 r1 "
expect_eq "$(sqlite3 $db "SELECT prompt || '@' || version FROM eval_prompt_versions WHERE eval_run_id = '$whole_id'")" "support-answer@1"

case_ "--resume on a shard or on the whole run says which command to run instead"
run genops eval evals/support.yaml --resume "$whole_id"
expect_exit 2
expect_err_contains "is the whole of sharded run \"r1\""
shard_id=$(sqlite3 $db "SELECT id FROM eval_runs WHERE run_name = 'r1' AND shard_index = 3")
run genops eval evals/support.yaml --resume "$shard_id"
expect_exit 2
expect_err_contains "is shard 3/4 of run \"r1\""
expect_err_contains "hint: run the shard's command again: genops eval evals/support.yaml --shard 3/4 --run-name r1"

case_ "finish twice: the same verdict, nothing recorded twice"
run genops evals finish r1 --label nightly
expect_exit 0
expect_err_contains "was finished before"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_runs WHERE run_name = 'r1'")" "5"
run genops eval evals/support.yaml --baseline nightly --json
expect_exit 0
expect_eq "$(jq -r '.run.baseline' <<<"$out")" "$whole_id"

case_ "finish names the missing shards and exits 3"
for i in 1 2 4; do genops eval evals/support.yaml --shard $i/4 --run-name r2 >/dev/null 2>&1; done
run genops evals finish r2
expect_exit 3
expect_err_contains 'run "r2" is not complete: 3 of 4 shards are in; missing: 3/4'
expect_err_contains "hint: run each shard that is not in (the same command finishes an interrupted or abandoned one): genops eval evals/support.yaml --shard I/4 --run-name r2"
sqlite3 $db "UPDATE eval_runs SET status = 'interrupted' WHERE run_name = 'r2' AND shard_index = 4"
run genops evals finish r2
expect_exit 3
expect_err_contains "interrupted: 4/4"
expect_err_contains "missing: 3/4"
run genops evals finish no-such-run
expect_exit 3
expect_err_contains 'no shard of run "no-such-run" is in the store'

case_ "finish exits like genops eval when the gate fails"
sed 's/pass_rate: 0.6/pass_rate: 0.99/; s/name: support-regression/name: strict/' evals/support.yaml >evals/strict.yaml
for i in 1 2; do genops eval evals/strict.yaml --shard $i/2 --run-name r3 >/dev/null 2>&1; done
run genops evals finish r3
expect_exit 1
expect_err_contains "eval strict: the gate failed"
run genops eval evals/strict.yaml
expect_exit 1

case_ "the shard comes from a Kubernetes Indexed Job or a Slurm array; the flag wins"
run env JOB_COMPLETION_INDEX=0 JOB_COMPLETION_COUNT=2 "$GENOPS_BIN" eval evals/support.yaml --run-name k1
expect_exit 0
expect_err_contains "shard 1/2 of run k1"
run env SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=4 "$GENOPS_BIN" eval evals/support.yaml --run-name k1
expect_exit 0
expect_err_contains "shard 2/2 of run k1"
run env JOB_COMPLETION_INDEX=0 JOB_COMPLETION_COUNT=2 "$GENOPS_BIN" eval evals/support.yaml --shard 2/2 --run-name k2
expect_err_contains "shard 2/2 of run k2"
run genops eval evals/support.yaml --run-name whole --json
expect_exit 0
expect_err_contains "shard 1/1 of run whole"
expect_eq "$(jq -r '.summary.results' <<<"$out")" "7"

case_ "bad shard values are usage errors with a hint"
run env JOB_COMPLETION_INDEX=4 JOB_COMPLETION_COUNT=4 "$GENOPS_BIN" eval evals/support.yaml --run-name k3
expect_exit 2
expect_err_contains "JOB_COMPLETION_INDEX=4 with JOB_COMPLETION_COUNT=4: expected 0 <= index < count"
expect_err_contains "hint: an Indexed Job sets JOB_COMPLETION_INDEX (0-based)"
run env JOB_COMPLETION_INDEX=1 "$GENOPS_BIN" eval evals/support.yaml --run-name k3
expect_exit 2
expect_err_contains "JOB_COMPLETION_INDEX is set but JOB_COMPLETION_COUNT is not"
run env SLURM_ARRAY_TASK_ID=9 SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MIN=0 "$GENOPS_BIN" eval evals/support.yaml --run-name k3
expect_exit 2
expect_err_contains "SLURM_ARRAY_TASK_ID=9 is not one of SLURM_ARRAY_TASK_COUNT=4 tasks"
for bad in 0/4 5/4 x/4 2/ -1/4; do
  run genops eval evals/support.yaml --shard "$bad" --run-name k3
  expect_exit 2
  expect_err_contains "--shard: expected I/N with 1 <= I <= N"
done
run genops eval evals/support.yaml --shard 2/4
expect_exit 2
expect_err_contains "--shard: a shard is part of a named run; add --run-name NAME"
run genops eval evals/support.yaml --shard 2/4 --run-name k3 --label main
expect_exit 2
expect_err_contains "--label: a shard is not gated; give it to: genops evals finish NAME"
run genops eval evals/support.yaml --shard 1/3 --run-name r1
expect_exit 3
expect_err_contains 'run "r1" of eval "support-regression" has 4 shards, not 3'
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_runs WHERE run_name = 'k3'")" "0"

finish
