#!/usr/bin/env bash
# exec scorers run with an allow-listed environment: no provider key variable
# reaches them, whatever its name (issue 11, B3; docs/eval.md, "exec").
source "$(dirname "$0")/lib.sh"
cp -r "$GENOPS_SOURCE_DIR/examples/support-eval" p
cd p || exit 2
cat >>genops.yaml <<'YAML'
  remote: {kind: openai, model: gpt-4o-mini, api_key_env: GENOPS_REMOTE}
YAML
mkdir -p scorers
cat >scorers/dump_env.py <<'PY'
import os
with open("scorer_env.txt", "w") as f:
    for name in sorted(os.environ):
        f.write(name + "=" + os.environ[name] + "\n")
print("true")
PY
cat >evals/env.yaml <<'YAML'
version: 1
name: env
target: {chain: ../chains/support.yaml}
tests:
  - vars: {question: "How do I get a refund?"}
    assert:
      - {type: exec, command: [python3, scorers/dump_env.py]}
YAML

case_ "the scorer's environment lacks every key variable"
export GENOPS_REMOTE=remote-key-0123456789 OPENAI_API_KEY=sk-openai-0123456789abcdef
export ANTHROPIC_API_KEY=sk-ant-0123456789 HF_TOKEN=hf_0123456789 MY_SECRET_THING=s3cret
export GENOPS_VISIBLE=yes UNRELATED_VARIABLE=x
run genops eval evals/env.yaml
expect_exit 0
expect_file scorer_env.txt
dump=$(cat scorer_env.txt 2>/dev/null)
for name in GENOPS_REMOTE OPENAI_API_KEY ANTHROPIC_API_KEY HF_TOKEN MY_SECRET_THING UNRELATED_VARIABLE; do
  [[ $dump != *"$name="* ]] && ok || bad "$name reached the scorer"
done
for value in remote-key-0123456789 sk-openai-0123456789abcdef; do
  [[ $dump != *"$value"* ]] && ok || bad "a key value reached the scorer"
done
[[ $dump == *"GENOPS_VISIBLE=yes"* ]] && ok || bad "GENOPS_VISIBLE is allow-listed but missing"
[[ $dump == *"PATH="* ]] && ok || bad "PATH is allow-listed but missing"

finish
