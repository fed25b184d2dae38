#!/usr/bin/env bash
# A stdout that cannot be written (closed descriptor, a reader that went away,
# a full disk) stops the command like an interruption: finished work is kept,
# nothing is left `running`, exit 130 with exactly one line on stderr.
source "$(dirname "$0")/lib.sh"
mkdir -p p/mocks p/evals p/chains && cd p || exit 2
cat >genops.yaml <<'YAML'
version: 1
store: .genops/genops.db
defaults: {provider: local}
providers:
  local: {kind: mock, responses: mocks/replies.yaml}
YAML
cat >mocks/replies.yaml <<'YAML'
version: 1
responses:
  - default: true
    reply: "The answer is 42, and this reply is long enough to fill a pipe buffer quickly."
YAML
write_question_eval small 20 42
# More output than a pipe holds (64 KiB), so writes go on after `head` exits.
for i in $(seq 1 3000); do echo "{\"question\": \"question $i\"}"; done >many.jsonl
cat >prompt.yaml <<'YAML'
version: 1
name: hello
template: "Say hello to {{who}}"
inputs: {who: {type: string}}
YAML
db=.genops/genops.db
genops prompt add prompt.yaml -m first >/dev/null 2>&1
closed_line="genops: error: stdout: cannot write: it is closed; finished work is saved"
full_line="genops: error: stdout: cannot write: No space left on device; finished work is saved"
pipe_line="genops: error: stdout: cannot write: Broken pipe; finished work is saved"

case_ "prompt list with stdout closed"
run genops prompt list
expect_exit 0
genops prompt list >&- 2>"$E2E_ROOT/.err"
status=$?; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$err" "$closed_line"

case_ "prompt list into a full disk"
genops prompt list >/dev/full 2>"$E2E_ROOT/.err"
status=$?; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$err" "$full_line"

case_ "run --input-file | head -1: the first row, then a stop; nothing left running"
first=$(genops run chains/answer.yaml --input-file many.jsonl -j 4 2>"$E2E_ROOT/.err" | head -1)
status=${PIPESTATUS[0]}; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$err" "$pipe_line"
expect_eq "$(jq -r '.row' <<<"$first")" "0"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM runs WHERE status = 'running'")" "0"
done_rows=$(sqlite3 $db "SELECT COUNT(*) FROM runs WHERE kind = 'chain' AND status = 'succeeded'")
[[ $done_rows -ge 1 && $done_rows -lt 3000 ]] && ok || bad "expected a partial batch, found $done_rows succeeded runs"

case_ "run --input-file with stdout closed or full"
rm -rf .genops
genops run chains/answer.yaml --input-file cases.jsonl >&- 2>"$E2E_ROOT/.err"
status=$?; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$err" "$closed_line"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM runs WHERE status = 'running'")" "0"
genops run chains/answer.yaml --input-file cases.jsonl >/dev/full 2>"$E2E_ROOT/.err"
status=$?; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$err" "$full_line"

case_ "eval with stdout closed: the run is finished and saved, the lost report is an error"
rm -rf .genops
genops eval evals/small.yaml >&- 2>"$E2E_ROOT/.err"
status=$?; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$(tail -n 1 <<<"$err")" "$closed_line"
expect_eq "$(grep -c '^genops: error' <<<"$err")" "1"
expect_eq "$(sqlite3 $db "SELECT status FROM eval_runs")" "finished"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_results")" "20"
genops eval evals/small.yaml --json >/dev/full 2>"$E2E_ROOT/.err"
status=$?; err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_eq "$(tail -n 1 <<<"$err")" "$full_line"
expect_eq "$(sqlite3 $db "SELECT COUNT(*) FROM eval_runs WHERE status = 'running'")" "0"

finish
