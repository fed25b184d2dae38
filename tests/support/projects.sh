#!/usr/bin/env bash
# Small offline genops projects, written into the current directory; sourced by
# tests/e2e/lib.sh and the benchmarks under bench/.

# Writes genops.yaml for a project in the current directory whose default
# provider `slow` is a mock answering "The answer is 42." after 20 ms; its store
# is STORE (default .genops/genops.db).
write_slow_project() {  # [STORE]
  mkdir -p mocks
  printf 'version: 1\nstore: %s\ndefaults: {provider: slow}\nproviders:\n  slow: {kind: mock, responses: mocks/replies.yaml}\n' \
    "${1:-.genops/genops.db}" >genops.yaml
  printf 'version: 1\nresponses:\n  - default: true\n    reply: "The answer is 42."\n    latency: 20ms\n' >mocks/replies.yaml
}

# Writes chains/answer.yaml: one step sending inputs.question to the default provider.
write_answer_chain() {
  mkdir -p chains
  cat >chains/answer.yaml <<'YAML'
version: 1
name: answer
inputs: {question: {type: string}}
steps:
  - id: answer
    kind: llm
    messages: [{role: user, content: "{{inputs.question}}"}]
YAML
}

# Writes a one-step chain (chains/answer.yaml: the question to the default
# provider), N generated questions (cases.jsonl) and an eval NAME over them
# asserting the output contains EXPECT (evals/NAME.yaml).
write_question_eval() {  # NAME N EXPECT
  mkdir -p evals
  write_answer_chain
  cat >"evals/$1.yaml" <<YAML
version: 1
name: $1
target: {chain: ../chains/answer.yaml}
dataset: ../cases.jsonl
defaults:
  assert: [{type: icontains, value: "$3"}]
YAML
  for i in $(seq 1 "$2"); do echo "{\"question\": \"question $i\"}"; done >cases.jsonl
}
