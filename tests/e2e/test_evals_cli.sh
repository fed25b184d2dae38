#!/usr/bin/env bash
# genops evals list | show | label (issue 11, A5), --resume last of this eval
# (A4), and genops runs show of an eval run id (A5).
source "$(dirname "$0")/lib.sh"
genops init proj >/dev/null
cd proj || exit 2
mkdir -p evals
for name in alpha beta; do
  cat >evals/$name.yaml <<YAML
version: 1
name: $name
target: {prompt: support-answer@1}
dataset: ../cases.jsonl
defaults:
  assert: [{type: icontains, value: "refund"}]
YAML
done
printf '%s\n' '{"question": "How do I get a refund?"}' '{"question": "refund please"}' '{"question": "hello"}' >cases.jsonl
genops prompt add prompts/support-answer.yaml -m first >/dev/null 2>&1

case_ "help: every evals subcommand has its own example"
for cmd in "evals" "evals list" "evals show" "evals label"; do
  run genops $cmd --help
  expect_exit 0
  expect_out_contains "Example:"
  expect_out_contains "genops evals"
done

case_ "evals list on a store without eval runs"
run genops evals list
expect_exit 0
expect_err_contains "no eval runs yet"

run genops eval evals/alpha.yaml --label main --json
alpha1=$(jq -r .run.run_id <<<"$out")
run genops eval evals/beta.yaml --json
beta1=$(jq -r .run.run_id <<<"$out")

case_ "A4: --resume last resumes the last run of this eval, not the last eval run"
run genops eval evals/alpha.yaml --resume last --json
expect_exit 0
expect_err_contains "eval alpha: run $alpha1, 0 to run (3 already recorded)"
expect_eq "$(jq -r .run.run_id <<<"$out")" "$alpha1"
run genops eval evals/alpha.yaml --resume last --json
expect_exit 0
run genops evals list gamma
expect_exit 0

case_ "A5: evals list shows runs, statuses, pass rates, cases and the labels they hold"
run genops eval evals/alpha.yaml --json
alpha2=$(jq -r .run.run_id <<<"$out")
run genops evals list
expect_exit 0
expect_out_contains "RUN"
expect_out_contains "PASS RATE"
expect_out_contains "LABELS"
expect_eq "$(grep -c . <<<"$out")" 4
run genops evals list alpha --json
expect_exit 0
expect_eq "$(jq -r '[.[].id] | join(",")' <<<"$out")" "$alpha2,$alpha1"
expect_eq "$(jq -r '.[1].labels | join(",")' <<<"$out")" main
expect_eq "$(jq -r '.[1].status, .[1].cases, .[1].results, .[1].passes, .[1].pass_rate' <<<"$out" | tr '\n' ' ')" \
  "finished 3 3 2 0.6666666666666666 "
expect_eq "$(jq -r '.[0].labels | length' <<<"$out")" 0

case_ "A5: evals label moves a label; --baseline LABEL then finds that run"
run genops evals label "${alpha2:0:8}" main
expect_exit 0
expect_eq "$out" "alpha@main -> $alpha2 (was $alpha1)"
run genops evals label "$alpha2" main --json
expect_eq "$(jq -c . <<<"$out")" "{\"eval\":\"alpha\",\"label\":\"main\",\"previous\":\"$alpha2\",\"run\":\"$alpha2\"}"
run genops evals list alpha --json
expect_eq "$(jq -r '(.[0].labels | join(",")), (.[1].labels | length)' <<<"$out" | tr '\n' ' ')" "main 0 "
expect_eq "$(sqlite3 .genops/genops.db "SELECT COUNT(*) FROM eval_labels WHERE suite = 'alpha' AND label = 'main'")" 2
run genops eval evals/alpha.yaml --baseline main --json
expect_exit 0
expect_eq "$(jq -r .run.baseline <<<"$out")" "$alpha2"
run genops evals label "$beta1" "not a label"
expect_exit 2
run genops evals label 0000dead main
expect_exit 3
expect_err_contains "no eval run \"0000dead\""

case_ "A5: evals show: gate, counts, pass rate, cost, baseline, labels"
alpha3=$(sqlite3 .genops/genops.db "SELECT id FROM eval_runs WHERE suite = 'alpha' ORDER BY started_at DESC LIMIT 1")
run genops evals show "$alpha3"
expect_exit 0
expect_out_contains "eval:"
expect_out_contains "status:      finished"
expect_out_contains "gate:        pass"
expect_out_contains "pass_rate:   0.667"
expect_out_contains "baseline:    $alpha2"
expect_out_lacks "resume:"
run genops evals show "$alpha2" --json
expect_eq "$(jq -r '(.labels | join(",")), .gate_passed, .results' <<<"$out" | tr '\n' ' ')" "main true 3 "
run genops evals show 0000dead
expect_exit 3

case_ "A5: an interrupted run's show names the resume command"
sqlite3 .genops/genops.db "UPDATE eval_runs SET status = 'interrupted' WHERE id = '$beta1'"
run genops evals show "$beta1" --json
expect_eq "$(jq -r .resume <<<"$out")" "genops eval evals/beta.yaml --resume $beta1"
run genops evals list beta
expect_out_contains " interrupted "

case_ "A5: genops runs show of an eval run id says where to look"
for cmd in show trace; do
  run genops runs $cmd "$alpha1"
  expect_exit 3
  expect_err_contains "genops: error: \"$alpha1\" is eval run $alpha1 of eval \"alpha\", not a chain run"
  expect_err_contains "hint: see it with: genops evals show $alpha1"
done

finish
