#!/usr/bin/env bash
# `genops eval --batch` against a loopback server with the batch endpoints of
# OpenAI and Anthropic (tests/support/batch_server.py): waiting, --no-wait and
# --resume from another folder, kill -9 while waiting, chains in waves,
# resubmission of failed and expired requests, exactly-once results, costs at
# batch prices, and bad batches (stuck, expired, failed, odd result files, a
# download that fails) that end with clear errors and stay resumable.
source "$(dirname "$0")/lib.sh"
mkdir -p p/evals && cd p || exit 2
export BATCH_TEST_KEY=sk-batch-test-secret GENOPS_BATCH_POLL_MS=20
echo '{}' >"$E2E_ROOT/script.json"
: >"$E2E_ROOT/log"
python3 "$GENOPS_SOURCE_DIR/tests/support/batch_server.py" "$E2E_ROOT/script.json" "$E2E_ROOT/log" >"$E2E_ROOT/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT
for _ in $(seq 1 200); do [[ -s $E2E_ROOT/port ]] && break; sleep 0.05; done
port=$(cat "$E2E_ROOT/port")
db=.genops/genops.db
script() { echo "$1" >"$E2E_ROOT/script.json"; }
creates() { grep -c "^create $1" "$E2E_ROOT/log"; }
# The store's SQL on either backend (GENOPS_E2E_BACKEND=postgresql sets GENOPS_STORE).
sql() { if [[ -n ${GENOPS_STORE:-} ]]; then psql -X -q -At "$GENOPS_STORE" -c "$1"; else sqlite3 "$db" "$1"; fi; }
cost() { printf '%.6f' "$(sql "SELECT SUM(cost_usd) FROM eval_results $1")"; }

cat >genops.yaml <<YAML
version: 1
store: .genops/genops.db
defaults: {provider: gpt}
providers:
  gpt: {kind: openai, model: gpt-test, base_url: "http://127.0.0.1:$port/v1", api_key_env: BATCH_TEST_KEY}
  claude: {kind: anthropic, model: claude-test, base_url: "http://127.0.0.1:$port", api_key_env: BATCH_TEST_KEY}
  local: {kind: mock, responses: mocks/replies.yaml}
prices:
  gpt-test: {input: 1.0, output: 2.0}
  claude-test: {input: 3.0, output: 15.0}
YAML
mkdir -p mocks && printf 'version: 1\nresponses:\n  - default: true\n    reply: "BATCH: local"\n' >mocks/replies.yaml
write_answer_chain
# An eval NAME over the questions given, asserting the batch server's answer.
write_eval() {  # NAME QUESTION...
  local name=$1
  shift
  printf 'version: 1\nname: %s\ntarget: {chain: ../chains/answer.yaml}\ndataset: ../%s.jsonl\n%sdefaults:\n  assert: [{type: icontains, value: "BATCH: "}]\n' \
    "$name" "$name" "${EXTRA:-}" >"evals/$name.yaml"
  for q in "$@"; do echo "{\"question\": \"$q\"}"; done >"$name.jsonl"
}
run_id_of() { sql "SELECT id FROM eval_runs WHERE suite = '$1' ORDER BY started_at DESC LIMIT 1"; }

case_ "--batch waits for the batch, scores every case once, at batch prices"
write_eval six q1 q2 q3 q4 q5 q6
run genops eval evals/six.yaml --batch --json
expect_exit 0
expect_eq "$(jq -r '.summary.results' <<<"$out")|$(jq -r '.summary.passes' <<<"$out")" "6|6"
expect_eq "$(creates openai)" "1"
expect_err_contains "submitted 6 requests"
expect_err_contains "0 of 6 done"
# 10 input and 20 output tokens at $1 and $2 per 1M: $0.00005 live, half as a batch.
expect_eq "$(cost "")" "0.000150"
expect_err_contains "ran as provider batches: 6 calls answered from batch results, 1 batches submitted by this run; cost at batch prices \$0.0002 (saved \$0.0002)"
expect_eq "$(sql "SELECT COUNT(*) FROM batch_results")|$(sql "SELECT status, request_count, succeeded FROM batch_jobs")" "6|ended|6|6"
expect_eq "$(jq -c '.run.batch | [.batches, .answered, (.cost_usd * 1e6 | round), (.saved_usd * 1e6 | round)]' <<<"$out")" "[1,6,150,150]"
[[ -n ${GENOPS_STORE:-} ]] || { grep -q sk-batch-test-secret "$db" && bad "the API key reached the store" || ok; }

case_ "the same eval again is answered from the stored batch results: no new batch; the Markdown report says so"
run genops eval evals/six.yaml --batch --json -o six.md
expect_eq "$(grep -c 'ran as provider batches: \$0.0002, saved \$0.0002' six.md)" "1"
expect_exit 0
expect_eq "$(creates openai)" "1"
expect_eq "$(sql "SELECT COUNT(*) FROM batch_results")" "6"

case_ "--no-wait submits, exits 0 and prints the resume command"
script '{"polls": 3}'
write_eval later a1 a2 a3 a4
run genops eval evals/later.yaml --batch --no-wait
expect_exit 0
later=$(run_id_of later)
expect_eq "$out" "genops eval evals/later.yaml --resume $later"
expect_err_contains "submitted 4 requests in 1 batches"
expect_eq "$(sql "SELECT COUNT(*) FROM eval_results WHERE eval_run_id = '$later'")" "0"
expect_eq "$(sql "SELECT COUNT(*) FROM batch_requests r JOIN batch_jobs j ON j.id = r.job_id WHERE j.eval_run_id = '$later'")" "4"

case_ "--resume from another folder on the same store picks the batch up (no --batch needed)"
mkdir -p ../elsewhere/evals && sed "s|store: .genops/genops.db|store: $PWD/$db|" genops.yaml >../elsewhere/genops.yaml
cp -r chains mocks later.jsonl ../elsewhere/ && cp evals/later.yaml ../elsewhere/evals/
(cd ../elsewhere && run genops eval evals/later.yaml --resume "$later" --json && echo "$status" >"$E2E_ROOT/status" &&
  jq -r '.summary.passes' <<<"$out" >"$E2E_ROOT/passed")
expect_eq "$(cat "$E2E_ROOT/status")|$(cat "$E2E_ROOT/passed")" "0|4"
expect_eq "$(creates openai)" "2"
expect_eq "$(sql "SELECT COUNT(*), COUNT(DISTINCT case_key) FROM eval_results WHERE eval_run_id = '$later'")" "4|4"
expect_eq "$(sql "SELECT status FROM eval_runs WHERE id = '$later'")" "finished"

case_ "kill -9 while waiting, then --resume: the recorded batch is polled, not submitted again"
script '{"polls": 2}'
write_eval killed k1 k2 k3
GENOPS_BATCH_POLL_MS=600000 "$GENOPS_BIN" eval evals/killed.yaml --batch >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 400); do
  [[ $(sql "SELECT COUNT(*) FROM batch_jobs j JOIN eval_runs e ON e.id = j.eval_run_id WHERE e.suite = 'killed'" 2>/dev/null) == 1 ]] && break
  sleep 0.05
done
kill -9 $pid
wait $pid 2>/dev/null
expect_eq "$(creates openai)" "3"
run genops eval evals/killed.yaml --resume last --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "3"
expect_eq "$(creates openai)" "3"
expect_eq "$(sql "SELECT COUNT(*) FROM eval_results WHERE eval_run_id = '$(run_id_of killed)'")" "3"

case_ "a chain of two model steps runs in two waves, one batch each"
cat >chains/twice.yaml <<'YAML'
version: 1
name: twice
inputs: {question: {type: string}}
steps:
  - id: draft
    kind: llm
    messages: [{role: user, content: "{{inputs.question}}"}]
  - id: final
    kind: llm
    messages: [{role: user, content: "again {{steps.draft.output}}"}]
outputs: {answer: "{{steps.final.output}}"}
YAML
script '{}'
write_eval waves w1 w2 w3
sed -i 's|answer.yaml|twice.yaml|' evals/waves.yaml
run genops eval evals/waves.yaml --batch --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "3"
expect_eq "$(creates openai)" "5"
expect_eq "$(jq -r '[.results[].output] | sort | join(",")' <<<"$out")" "BATCH: again BATCH: w1,BATCH: again BATCH: w2,BATCH: again BATCH: w3"

case_ "Anthropic's Message Batches, results out of order with unknown and repeated ids"
script '{"shuffle": true, "extra_lines": true}'
EXTRA=$'providers: [claude]\n' write_eval claude c1 c2 c3
run genops eval evals/claude.yaml --batch --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "3"
expect_eq "$(creates anthropic)" "1"
expect_err_contains 'unknown custom_id "not-a-request" (ignored)'
expect_err_contains "again (the first line is kept) (ignored)"
# 10 and 20 tokens at $3 and $15 per 1M, halved, three times.
expect_eq "$(cost "WHERE eval_run_id = '$(run_id_of claude)'")" "0.000495"

case_ "a failed request is submitted again in the next batch; one that keeps failing fails its case after 3"
script '{}'
write_eval flaky "f1 FAILONCE" "f2 FAILALWAYS" f3
run genops eval evals/flaky.yaml --batch --json
expect_exit 0  # no gate: a failed case is a result
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "2"
expect_eq "$(creates openai)" "8"
expect_eq "$(jq -r '.results[] | select(.pass | not) | .error' <<<"$out")" \
  "step answer: provider gpt failed (server): the request failed in 3 batches of provider gpt; the last said: HTTP 500: server_error: the model is overloaded"
expect_eq "$(sql "SELECT COUNT(*) FROM eval_results WHERE eval_run_id = '$(run_id_of flaky)'")" "3"

case_ "an expired batch: its answered requests are kept, the rest submitted again on --resume"
script '{"final": "expired"}'
write_eval expiring e1 e2 e3 e4
run genops eval evals/expiring.yaml --batch --no-wait
expect_exit 0
script '{}'
run genops eval evals/expiring.yaml --resume last --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "4"
expect_err_contains "expired, 2 answered, 2 failed"
expect_eq "$(creates openai)" "10"

case_ "a batch still in progress past its window is cancelled and its requests submitted again"
script '{"final": "stuck"}'
write_eval stuck s1 s2
run genops eval evals/stuck.yaml --batch --no-wait
expect_exit 0
script '{}'
run genops eval evals/stuck.yaml --resume last --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "2"
expect_err_contains "past its completion window; cancelled"
expect_eq "$(grep -c '^cancel' "$E2E_ROOT/log")" "1"

case_ "results that cannot be downloaded: exit 4, the run stays resumable, nothing scored twice"
script '{"download_fails": 3}'
write_eval nodl d1 d2
run genops eval evals/nodl.yaml --batch
expect_exit 4
expect_err_contains "its results could not be downloaded: GET http://127.0.0.1:$port/v1/files/"
expect_err_contains "HTTP 404: the file is not available"
expect_err_contains "hint: the batches and every result so far are kept; try again with: genops eval evals/nodl.yaml --resume"
expect_eq "$(sql "SELECT status FROM eval_runs WHERE id = '$(run_id_of nodl)'")" "interrupted"
run genops eval evals/nodl.yaml --resume last --json
expect_exit 0
expect_eq "$(jq -r '.summary.passes' <<<"$out")" "2"
expect_eq "$(sql "SELECT COUNT(*) FROM eval_results WHERE eval_run_id = '$(run_id_of nodl)'")" "2"

case_ "usage and config errors"
script '{}'
run genops eval evals/six.yaml --no-wait
expect_exit 2
expect_err_contains "--no-wait: only a batch run can be left to finish later"
EXTRA=$'providers: [local]\n' write_eval mocked m1
run genops eval evals/mocked.yaml --batch
expect_exit 2
expect_err_contains "--batch: none of the providers this eval calls has a batch API"
EXTRA=$'providers: [local]\nbatch: [local]\n' write_eval named m1
run genops eval evals/named.yaml
expect_exit 3
expect_err_contains "provider local: kind mock has no batch API"
EXTRA=$'batch: maybe\n' write_eval notbool m1
run genops eval evals/notbool.yaml
expect_exit 3
expect_err_contains "batch"

case_ "batch: true in the eval file needs no flag"
EXTRA=$'batch: true\n' write_eval filed b1
run genops eval evals/filed.yaml --json
expect_exit 0
expect_err_contains "eval runs as provider batches (gpt)"

finish
