#!/usr/bin/env bash
# `genops ingest --format otlp` (issue 15, docs/telemetry.md): production
# inputs from OpenTelemetry GenAI spans produced by the official JS SDK
# (tests/support/otlp_node/make_spans.js), idempotently; spans without
# content counted; bad input is a located error or a counted skip; then
# `genops skew --current runs:NAME` works on them.
source "$(dirname "$0")/lib.sh"

node_dir="$GENOPS_SOURCE_DIR/tests/support/otlp_node"
if [[ ! -d $node_dir/node_modules/@opentelemetry/sdk-trace-base ]]; then
  echo "FAIL: $node_dir/node_modules is missing (scripts/deps.sh installs it: npm ci --prefix tests/support/otlp_node)"
  exit 1
fi
make_spans() { node "$node_dir/make_spans.js" "$@"; }

write_slow_project

case_ "SDK spans keyed by gen_ai.prompt.name; content-less spans counted"
make_spans 3 10 --prompt support-answer@3 --no-content 10 >traces.jsonl
run genops ingest --format otlp traces.jsonl
expect_exit 0
expect_eq "$out" "ingested 27 of 27 GenAI span inputs into runs:support-answer (27 inputs; prompt versions 3), 2026-11-20T09:00:00.000Z to 2026-11-20T09:00:28.000Z"
expect_err_contains "genops: warning: 3 GenAI spans carry no captured content (gen_ai.input.messages); not stored"
expect_err_contains "3 other spans (not GenAI model calls) ignored"
run genops runs list --kind ingest --chain support-answer --limit 100 --json
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "27"

case_ "ingesting twice adds nothing"
run genops ingest --format otlp traces.jsonl --json
expect_exit 0
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["added"], d["present"], d["without_content"], d["other"])')" "0 27 3 3"

case_ "stdin; spans without a prompt name take --chain, else are counted"
make_spans 1 4 >plain.jsonl
run genops ingest --format otlp - --chain support --input-name question <plain.jsonl
expect_exit 0
expect_out_contains "ingested 4 of 4 GenAI span inputs into runs:support (4 inputs)"
make_spans 1 2 >unnamed.jsonl
run genops ingest --format otlp unnamed.jsonl
expect_exit 0
expect_out_contains "ingested 0 of 2 GenAI span inputs"
expect_err_contains "2 span inputs have no gen_ai.prompt.name; not stored"
expect_err_contains "hint: name them with --chain NAME"

case_ "skew on the ingested inputs"
printf '{"question": "question %s"}\n' $(seq 1 30) >reference.jsonl
run genops skew --reference file:reference.jsonl --current runs:support --feature question
expect_exit 0
expect_out_contains "question"

case_ "genops' own export comes back: a run span's inputs, keyed by its chain"
write_answer_chain
printf 'telemetry: {otlp: {capture_content: true}}\n' >>genops.yaml
genops run chains/answer.yaml --var question=roundtrip >/dev/null
genops runs export last --format otlp >own.jsonl
run genops ingest --format otlp own.jsonl
expect_exit 0
expect_out_contains "ingested 1 of 1 GenAI span inputs into runs:answer (1 inputs)"
expect_err_contains "1 other spans (not GenAI model calls) ignored"  # the step: its run's span holds the inputs

case_ "malformed and truncated lines: located errors"
{ head -1 traces.jsonl; echo '{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "ab'; } >truncated.jsonl
run genops ingest --format otlp truncated.jsonl --chain c
expect_exit 3
expect_err_contains "genops: error: truncated.jsonl:2: invalid JSON: parse error at line 1, column 62"
expect_err_contains "hint: each line must be one complete OTLP/JSON export request"
echo '{"resourceLogs": []}' >logs.jsonl
run genops ingest --format otlp logs.jsonl --chain c
expect_exit 3
expect_err_contains 'logs.jsonl:1: expected an OTLP/JSON export request {"resourceSpans": [...]}'
run genops ingest --format otlp missing.jsonl --chain c
expect_exit 3
expect_err_contains "missing.jsonl: file not found"
run genops ingest --format xml traces.jsonl --chain c
expect_exit 2

case_ "ids of the wrong length: skipped and reported"
python3 - <<'PY' >badids.jsonl
import json
line = json.loads(open("plain.jsonl").readline())
spans = line["resourceSpans"][0]["scopeSpans"][0]["spans"]
spans[1]["traceId"] = "abc"
spans[2]["spanId"] = "00112233445566778899"
print(json.dumps(line))
PY
run genops ingest --format otlp badids.jsonl --chain badids
expect_exit 0
expect_out_contains "ingested 2 of 2 GenAI span inputs into runs:badids"
expect_err_contains "genops: warning: 2 spans are invalid and were skipped: badids.jsonl:1: span 2: traceId must be 32 and spanId 16 hex digits; badids.jsonl:1: span 3: traceId must be 32 and spanId 16 hex digits"

case_ "a 10 MB attribute is read; a line over 16 MiB is a located error"
python3 - <<'PY' >big.jsonl
import json
line = json.loads(open("plain.jsonl").readline())
spans = line["resourceSpans"][0]["scopeSpans"][0]["spans"]
spans[0]["attributes"].append({"key": "http.response.body", "value": {"stringValue": "x" * 10_000_000}})
print(json.dumps(line))
spans[0]["attributes"][-1]["value"]["stringValue"] = "y" * 17_000_000
print(json.dumps(line))
PY
head -1 big.jsonl >big1.jsonl
run genops ingest --format otlp big1.jsonl --chain big
expect_exit 0
expect_out_contains "ingested 4 of 4 GenAI span inputs into runs:big"
run genops ingest --format otlp big.jsonl --chain big
expect_exit 3
expect_err_contains "big.jsonl:2: line longer than 16 MiB"

finish
