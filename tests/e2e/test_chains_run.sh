#!/usr/bin/env bash
# genops run and genops runs on a small offline project: outputs, JSONL
# batches in input order, lineage, a provider failing mid-run (exit 4),
# budgets (exit 1), bad inputs (exit 3) and Ctrl-C in a batch (exit 130).
source "$(dirname "$0")/lib.sh"

genops init proj >/dev/null
cd proj || exit 2
mkdir -p chains
cat > mocks/support.yaml <<'YAML'
version: 1
responses:
  - match: {regex: "^Classify: .*boom"}
    json: {intent: broken}
  - match: {regex: "^Classify"}
    json: {intent: billing}
  - match: {regex: "slow"}
    reply: "slow answer"
    latency: 150ms
  - match: {regex: "(?i)refund"}
    reply: "Refunds are issued within 14 days."
    usage: {input_tokens: 100, output_tokens: 50}
  - match: {regex: "Question: .*boom"}
    error: {status: 500, message: "upstream exploded"}
  - default: true
    reply: "No answer found"
YAML
cat > chains/support.yaml <<'YAML'
version: 1
name: support
inputs:
  question: {type: string}
steps:
  - id: intent
    kind: llm
    messages: [{role: user, content: "Classify: {{inputs.question}}"}]
    output: {format: json, schema: {type: object, required: [intent]}}
  - id: answer
    kind: llm
    prompt: prompts/support-answer.yaml
    vars: {question: "{{inputs.question}}"}
outputs:
  answer: "{{steps.answer.output}}"
YAML

case_ "help"
for cmd in "run" "chain validate" "chain graph" "runs list" "runs show" "runs trace" "runs export"; do
  run genops $cmd --help
  expect_exit 0; expect_out_contains "Example:"
done

case_ "a run prints its output and is recorded"
run genops run chains/support.yaml --var question="How do I get a refund?"
expect_exit 0
expect_eq "$out" "Refunds are issued within 14 days."
run genops runs list --json
expect_eq "$(jq length <<<"$out")" 1
expect_eq "$(jq -r '.[0].status' <<<"$out")" succeeded
expect_eq "$(jq -r '.[0].chain' <<<"$out")" support
run genops runs show last --json
expect_eq "$(jq -r .inputs.question <<<"$out")" "How do I get a refund?"
expect_eq "$(jq -r .outputs.answer <<<"$out")" "Refunds are issued within 14 days."
expect_eq "$(jq .input_tokens <<<"$out")" "$(( $(jq .input_tokens <<<"$out") ))"
run genops runs trace last
expect_exit 0
expect_out_contains "intent (llm)  local/mock"
expect_out_contains "answer (llm)  local/mock  support-answer@1"
expect_out_contains "100+50 tokens"
run genops runs export last --format jsonl
expect_exit 0
expect_eq "$(wc -l <<<"$out")" 3
expect_eq "$(head -1 <<<"$out" | jq -r .type)" run
expect_eq "$(tail -1 <<<"$out" | jq -r .request.messages[1].content)" $'Context:\n\n\nQuestion: How do I get a refund?'
run genops runs export last --format otlp
expect_exit 0
expect_eq "$(jq -r '.resourceSpans[0].scopeSpans[0].spans | length' <<<"$out")" 3  # the run and its 2 steps (docs/telemetry.md)
run genops runs export last --format zipkin
expect_exit 2
run genops prompt log support-answer --json
expect_eq "$(jq '.versions | length' <<<"$out")" 1

case_ "--json, --stream"
run genops run chains/support.yaml --var question=refund --json
expect_exit 0
expect_eq "$(jq -r .status <<<"$out")" succeeded
expect_eq "$(jq .totals.steps <<<"$out")" 2
run genops run chains/support.yaml --var question=refund --stream
expect_exit 0; expect_eq "$out" "Refunds are issued within 14 days."
run genops run chains/support.yaml --var question=refund --stream --json
expect_exit 2

case_ "a batch streams JSONL in input order"
for i in $(seq 1 20); do
  if ((i % 5 == 0)); then echo "{\"question\": \"slow $i\"}"; else echo "{\"question\": \"refund $i\"}"; fi
done > rows.jsonl
run genops run chains/support.yaml --input-file rows.jsonl -j 8
expect_exit 0
expect_eq "$(jq -r .row <<<"$out" | tr '\n' ' ')" "$(seq 0 19 | tr '\n' ' ')"
expect_eq "$(jq -r .outputs.answer <<<"$out" | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" "16 4 "
expect_err_contains "20 of 20 rows succeeded"
run genops runs list --status succeeded --limit 1000 --json
expect_eq "$(jq length <<<"$out")" 23

case_ "a bad row fails alone; the others run"
printf '{"question": "refund"}\nnot json\n{"questoin": "x"}\n' > mixed.jsonl
run genops run chains/support.yaml --input-file mixed.jsonl
expect_exit 3
expect_eq "$(jq -r .status <<<"$out" | tr '\n' ' ')" "succeeded failed failed "
expect_out_contains "mixed.jsonl:2: invalid JSON"
expect_out_contains 'unknown input \"questoin\"'
expect_err_contains "1 of 3 rows succeeded, 2 did not"

case_ "a provider failing mid-run: exit 4, earlier steps kept"
run genops run chains/support.yaml --var question="boom"
expect_exit 4
expect_err_contains "failed: step answer: provider local failed (server): HTTP 500: upstream exploded"
failed_run=$(sed -n 's/.*genops runs trace \([0-9a-f]*\).*/\1/p' <<<"$err")
run genops runs trace "$failed_run" --json
expect_eq "$(jq -r .status <<<"$out")" failed
expect_eq "$(jq -r '.steps[] | select(.step == "intent") | .status' <<<"$out")" ok
expect_eq "$(jq -r '.steps[] | select(.step == "answer") | .status' <<<"$out")" failed

case_ "missing input: exit 3, recorded as failed"
run genops run chains/support.yaml
expect_exit 3
expect_err_contains 'chain support: missing required input "question"'

case_ "budgets stop the run: exit 1, status budget_exceeded"
cat > chains/spend.yaml <<'YAML'
version: 1
name: spend
limits: {max_tokens: 400}
steps:
  - id: again
    kind: loop
    max_iterations: 50
    step: {kind: llm, messages: [{role: user, content: "refund"}]}
YAML
run genops run chains/spend.yaml
expect_exit 1
expect_err_contains "stopped at its budget: max_tokens 400 reached (used 450)"
run genops runs list --status budget_exceeded --json
expect_eq "$(jq length <<<"$out")" 1
run genops runs trace last --json
expect_eq "$(jq '[.steps[] | select(.kind == "llm")] | length' <<<"$out")" 3
printf 'version: 1\nname: slow\nlimits: {timeout: 50ms}\nsteps:\n  - {id: a, kind: llm, messages: [{role: user, content: slow}]}\n' > chains/slow.yaml
run genops run chains/slow.yaml
expect_exit 1
expect_err_contains "timeout 50ms reached"

case_ "Ctrl-C in a batch keeps finished rows and exits 130"
for i in $(seq 1 200); do echo "{\"question\": \"slow $i\"}"; done > many.jsonl
before=$(genops runs list --limit 100000 --json | jq length)
# SIGINT once the first row is out (so the handler is surely in place; a fixed
# 1 s timer raced a slow start on a loaded machine), never on a clock alone.
"$GENOPS_BIN" run chains/support.yaml --input-file many.jsonl -j 2 >"$E2E_ROOT/.out" 2>"$E2E_ROOT/.err" &
pid=$!
for _ in $(seq 1 1200); do [[ -s $E2E_ROOT/.out ]] && break; sleep 0.05; done
kill -INT "$pid"
wait "$pid"
status=$?; out=$(cat "$E2E_ROOT/.out"); err=$(cat "$E2E_ROOT/.err")
expect_exit 130
expect_err_contains "interrupted after"
printed=$(grep -c . <<<"$out")
((printed > 0 && printed < 200)) && ok || bad "printed $printed rows"
run genops runs list --limit 100000 --json
succeeded_now=$(jq "[.[] | select(.status == \"succeeded\" and .chain == \"support\")] | length" <<<"$out")
((succeeded_now >= printed)) && ok || bad "store has fewer succeeded runs than printed rows"
expect_eq "$(jq '[.[] | select(.status == "running")] | length' <<<"$out")" 0
run genops store verify
expect_exit 0

finish
