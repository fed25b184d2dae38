#!/usr/bin/env bash
# genops eval end to end: the example project on the mock providers, the
# store, baselines and the gate, resume after kill -9, reports, bad input.
source "$(dirname "$0")/lib.sh"
cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" "$E2E_ROOT/p"
cd "$E2E_ROOT/p" || exit 2
db=.genops/genops.db

case_ "an eval runs, records every case and passes its gate"
run genops eval evals/support.yaml --label main -o report.json -o results.jsonl
expect_exit 0
expect_out_contains "support-regression"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_results")" "7"
expect_eq "$(sqlite3 $db "SELECT status, gate_passed FROM eval_runs")" "finished|1"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_labels WHERE label='main'")" "1"
expect_eq "$(wc -l <results.jsonl | tr -d ' ')" "7"
expect_eq "$(jq -r '.summary.results' report.json)" "7"
# The cancel answer says "not sure": the not-icontains assertion fails it.
expect_eq "$(sqlite3 $db "SELECT pass FROM eval_results WHERE vars LIKE '%cancel%'")" "0"
# The inline test's judge passed it, and the judge's call is in the store.
expect_eq "$(sqlite3 $db "SELECT pass FROM eval_results WHERE case_key='refund-time-frame'")" "1"
expect_eq "$(sqlite3 $db "SELECT name FROM runs WHERE kind='judge'")" "judge:judge"
# Every case ran the chain, recorded as a run with its step.
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_results r JOIN runs c ON c.id = r.run_id")" "7"

case_ "the prompt version used is recorded with the run"
expect_eq "$(sqlite3 $db "SELECT prompt || '@' || version FROM eval_prompt_versions")" "support-answer@1"

case_ "prompt diff --scores joins eval runs by prompt version"
sed -i 's/Answer in at most two sentences./Answer in one sentence./' prompts/answer.yaml
cat >mocks/answers_v2.yaml <<'YAML'
version: 1
responses:
  - match: {regex: "(?i)one sentence[\\s\\S]*cancel"}
    reply: "Cancel any time in Settings > Subscription; access lasts until the period ends."
YAML
sed -n '/^responses:/,$p' mocks/answers.yaml | tail -n +2 >>mocks/answers_v2.yaml
cp mocks/answers.yaml mocks/answers_v1.yaml
cp mocks/answers_v2.yaml mocks/answers.yaml
run genops eval evals/support.yaml
expect_exit 0
run genops prompt diff support-answer@1 support-answer@2 --scores
expect_exit 0
expect_out_contains "scores: eval support-regression"
expect_out_contains "pass rate        71.4%"
expect_out_contains "+14.3 pts"
run genops prompt diff support-answer@1 support-answer@2 --scores --json
expect_eq "$(jq -r '.scores[0].deltas.pass_rate * 7 | round' <<<"$out")" "1"
expect_eq "$(jq -r '.scores[0].a.summary.passes, .scores[0].b.summary.passes' <<<"$out" | tr '\n' ' ')" "5 6 "
cp mocks/answers_v1.yaml mocks/answers.yaml
git_like_restore() { sed -i 's/Answer in one sentence./Answer in at most two sentences./' prompts/answer.yaml; }
git_like_restore

case_ "a baseline by label is compared; an unchanged run passes"
run genops eval evals/support.yaml --baseline main -o comment.md
expect_exit 0
expect_file comment.md

case_ "a gate that cannot pass exits 1 and says why"
sed 's/pass_rate: 0.6/pass_rate: 0.99/' evals/support.yaml >evals/strict.yaml
run genops eval evals/strict.yaml
expect_exit 1
expect_err_contains "the gate failed"
expect_err_contains "pass"

case_ "the provider matrix with repeats: cases x providers x repeats"
run genops eval evals/matrix.yaml --json
expect_exit 0
expect_eq "$(jq -r '.summary.results' <<<"$out")" "36"
run_id=$(sqlite3 $db "SELECT id FROM eval_runs WHERE suite='support-matrix'")
expect_eq "$(sqlite3 $db "SELECT provider, COUNT(*) FROM eval_results WHERE eval_run_id='$run_id' GROUP BY provider" | tr '\n' ' ')" "candidate|18 local|18 "
# The candidate answers the cancel question; the local model does not.
expect_eq "$(sqlite3 $db "SELECT provider, SUM(pass) FROM eval_results WHERE eval_run_id='$run_id' AND vars LIKE '%cancel%' GROUP BY provider" | tr '\n' ' ')" "candidate|3 local|0 "

case_ "--filter, --limit and --shard select cases"
run genops eval evals/support.yaml --filter refund --json
expect_exit 0
expect_eq "$(jq -r '.summary.results' <<<"$out")" "2"
run genops eval evals/support.yaml --limit 3 --json
expect_eq "$(jq -r '.summary.results' <<<"$out")" "3"
run genops eval evals/support.yaml --shard 1/2 --run-name halves --json
a=$(jq -r '.summary.results' <<<"$out")
run genops eval evals/support.yaml --shard 2/2 --run-name halves --json
b=$(jq -r '.summary.results' <<<"$out")
expect_eq "$((a + b))" "7"
run genops eval evals/support.yaml --shard 3/2 --run-name halves
expect_exit 2; expect_err_contains "--shard: expected I/N"

case_ "gate.skew: production inputs that drifted from the eval's cases fail the gate"
python3 - <<'PY'
import json, random
random.seed(1)
qs = [json.loads(l)["question"] for l in open("data/cases.jsonl")]
with open("same.jsonl", "w") as f:
    for i in range(200): f.write(json.dumps({"question": random.choice(qs)}) + "\n")
with open("shifted.jsonl", "w") as f:
    for i in range(200):
        f.write(json.dumps({"question": "Bonjour, je voudrais savoir pourquoi ma commande numéro %d n'est toujours pas arrivée après trois semaines, merci." % i}) + "\n")
PY
cat >evals/skewed.yaml <<'YAML'
version: 1
name: support-skew
target: {chain: ../chains/support.yaml}
dataset: ../data/cases.jsonl
gate:
  skew: {current: "file:shifted.jsonl"}
YAML
run genops eval evals/skewed.yaml -o skew-report.json
expect_exit 1
expect_err_contains "input columns drifted against file:shifted.jsonl"
expect_eq "$(jq -r '.skew.drift' skew-report.json)" "true"
expect_eq "$(jq -r '.skew.binning' skew-report.json)" "genops"
sed -i 's|skew: {current: "file:shifted.jsonl"}|skew: {current: "file:shifted.jsonl", binning: tfdv}|' evals/skewed.yaml
run genops eval evals/skewed.yaml -o skew-tfdv.json
expect_exit 1
expect_eq "$(jq -r '.skew.binning, .skew.features[0].test' skew-tfdv.json | tr '\n' ' ')" "tfdv js_approx "
sed -i 's|binning: tfdv|binning: spss|' evals/skewed.yaml
run genops eval evals/skewed.yaml
expect_exit 3; expect_err_contains 'gate.skew.binning: expected genops, evidently or tfdv, got "spss"'
sed -i 's|, binning: spss||' evals/skewed.yaml
sed -i 's/shifted.jsonl/same.jsonl/' evals/skewed.yaml
run genops eval evals/skewed.yaml
expect_exit 0
# The eval's own chain runs are not production traffic for runs:support.
sed -i 's|file:same.jsonl|runs:support|' evals/skewed.yaml
genops ingest same.jsonl --chain support >/dev/null 2>&1
run genops eval evals/skewed.yaml -o skew-runs.json
expect_exit 0
expect_eq "$(jq -r '.skew.current.rows' skew-runs.json)" "200"

case_ "a prompt version as the target"
cat >evals/prompt.yaml <<'YAML'
version: 1
name: prompt-only
target: {prompt: support-answer@1}
dataset: ../data/cases.jsonl
defaults:
  assert: [{type: rougeL, threshold: 0.3}]
YAML
run genops eval evals/prompt.yaml --json
expect_exit 0
expect_eq "$(jq -r '.summary.results' <<<"$out")" "6"

finish
