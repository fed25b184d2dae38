#!/usr/bin/env bash
# genops eval --dry-run: every file, case and assertion is checked and the
# results a run would record are counted; no model is called, no run recorded.
source "$(dirname "$0")/lib.sh"

cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" "$E2E_ROOT/support-eval"
cd "$E2E_ROOT/support-eval" || exit 2

case_ "counts the plan: cases x providers x repeats"
run genops eval evals/support.yaml --dry-run --json
expect_exit 0
expect_eq "$(jq -c '[.planned, .cases, .repeat, .dry_run]' <<<"$out")" "[7,7,1,true]"
run genops eval evals/matrix.yaml --dry-run --json
expect_exit 0
expect_eq "$(jq -c '[.planned, .cases, .repeat, .providers]' <<<"$out")" '[36,6,3,["local","candidate"]]'
run genops eval evals/matrix.yaml --dry-run --limit 2
expect_exit 0
expect_out_contains "eval support-matrix: 12 results would be recorded (2 cases x 2 providers x 3 repeats)"
expect_err_contains "no model was called and no run recorded"

case_ "records no run and calls nothing"
run genops evals list --json
expect_exit 0; expect_eq "$(jq length <<<"$out")" 0
run genops runs list --json
expect_exit 0; expect_eq "$(jq length <<<"$out")" 0

case_ "a bad row fails the dry run as it would fail the run"
printf '{"question": "ok", "expected": "x"}\nnot json\n' >data/bad.jsonl
sed 's|dataset: ../data/cases.jsonl|dataset: ../data/bad.jsonl|' evals/support.yaml >evals/bad.yaml
run genops eval evals/bad.yaml --dry-run
expect_exit 3; expect_err_contains "bad.jsonl:2"

case_ "after a partial run, the dry run counts what --resume would run"
run genops eval evals/support.yaml --limit 3
[[ $status -le 1 ]] && ok || bad "a 3-case run exited $status"
run genops eval evals/support.yaml --resume last --dry-run --json
expect_exit 0
expect_eq "$(jq -c '[.planned, .already_recorded]' <<<"$out")" "[4,3]"

finish
