#!/usr/bin/env bash
# `exec` chain steps (issue 18, item 4): argv without a shell, the step's
# inputs as JSON on stdin, stdout as the output (JSON when it parses), a
# timeout, a non-zero exit as a step failure, an allow-listed environment.
source "$(dirname "$0")/lib.sh"

genops init proj >/dev/null
cd proj || exit 2
cat >>genops.yaml <<'YAML'
  remote: {kind: openai, model: gpt-4o-mini, api_key_env: GENOPS_REMOTE}
YAML
mkdir -p chains/scripts
cat >chains/scripts/words.py <<'PY'
import json, os, sys
doc = json.load(sys.stdin)
print("counting", file=sys.stderr)
print(json.dumps({"words": len(doc["text"].split()), "env": sorted(os.environ)}))
PY
cat >chains/scripts/fail.sh <<'SH'
echo "reading the input" >&2
echo "bad input: no title" >&2
exit 4
SH
cat >chains/exec.yaml <<'YAML'
version: 1
name: exec
inputs:
  text: {type: string}
  mode: {type: string, default: ok}
steps:
  - id: count
    kind: exec
    command: [python3, scripts/words.py]
    inputs: {text: "{{inputs.text}}"}
  - id: fail
    kind: exec
    when: "inputs.mode == 'fail'"
    command: [sh, scripts/fail.sh]
  - id: slow
    kind: exec
    when: "inputs.mode == 'slow'"
    command: [sleep, "30"]
    timeout: 300ms
  - id: plain
    kind: exec
    command: [echo, "{{inputs.text}}"]
outputs:
  words: "{{steps.count.output.words}}"
  env: "{{steps.count.output.env}}"
  plain: "{{steps.plain.output}}"
YAML

case_ "an exec step's JSON stdout is its output; text stays text"
run genops run chains/exec.yaml --var "text=three little words" --json
expect_exit 0
words=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["outputs"]["words"], d["outputs"]["plain"])' "$out" 2>/dev/null)
expect_eq "$words" "3 three little words"

case_ "the run's trace records the command, stdin, exit status and stderr"
run genops runs export "$(genops runs list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')" --format jsonl
expect_exit 0
expect_out_contains '"request":{"command":["python3","scripts/words.py"],"stdin":{"text":"three little words"},"timeout_ms":60000}'
expect_out_contains '"params":{"exit_code":0,"stderr":"counting\n"}'

case_ "a provider key variable never reaches the program"
export GENOPS_REMOTE=remote-key-0123456789 OPENAI_API_KEY=sk-openai-0123456789abcdef GENOPS_VISIBLE=yes
run genops run chains/exec.yaml --var text=x --json
expect_exit 0
expect_out_lacks GENOPS_REMOTE
expect_out_lacks OPENAI_API_KEY
expect_out_contains GENOPS_VISIBLE
unset GENOPS_REMOTE OPENAI_API_KEY GENOPS_VISIBLE

case_ "a non-zero exit fails the step with its status and stderr"
run genops run chains/exec.yaml --var text=x --var mode=fail
expect_exit 3
expect_err_contains 'step fail: exec: "sh" exited with status 4: bad input: no title'
run genops runs export "$(genops runs list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')" --format jsonl
expect_out_contains '"params":{"exit_code":4,"stderr":"reading the input\nbad input: no title\n"}'

case_ "a program past its timeout is killed and the step fails"
run genops run chains/exec.yaml --var text=x --var mode=slow
expect_exit 3
expect_err_contains 'step slow: exec: "sleep" timed out after 0.3s and was killed'

case_ "a command written as a string is refused at load"
cat >chains/shell.yaml <<'YAML'
version: 1
name: shell
steps:
  - id: s
    kind: exec
    command: "echo hi | tr a-z A-Z"
YAML
run genops chain validate chains/shell.yaml
expect_exit 3
expect_err_contains 'chains/shell.yaml:6:14: steps[0].command: expected a list of strings (the program and its arguments; no shell), got a string'

finish
