#!/usr/bin/env bash
# OpenTelemetry export (issue 15, docs/telemetry.md): runs, steps and eval
# cases go to a loopback OTLP/HTTP receiver (tests/support/otlp_receiver.py)
# as OTLP/JSON, checked against the official protobuf definitions
# (tests/support/otlp_node/check_otlp.js); retries after 503 honour
# Retry-After, 400 is never retried, and a receiver that is down, slow or
# refusing never fails the run.
source "$(dirname "$0")/lib.sh"

node_dir="$GENOPS_SOURCE_DIR/tests/support/otlp_node"
if [[ ! -d $node_dir/node_modules/@opentelemetry/otlp-transformer ]]; then
  echo "FAIL: $node_dir/node_modules is missing (scripts/deps.sh installs it: npm ci --prefix tests/support/otlp_node)"
  exit 1
fi
check_otlp() { node "$node_dir/check_otlp.js" "$@"; }

# Starts a receiver answering SCRIPT (see otlp_receiver.py), logging to LOG; sets $port.
start_receiver() {  # LOG SCRIPT
  rm -f "$1" port.txt
  python3 "$GENOPS_SOURCE_DIR/tests/support/otlp_receiver.py" "$1" "$2" >port.txt &
  receivers+=($!)
  for _ in $(seq 1 100); do [[ -s port.txt ]] && break; sleep 0.1; done
  port=$(cat port.txt)
}
receivers=()
trap 'kill "${receivers[@]}" 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT

# A field of every logged request, one line per request: requests LOG 'python expression on r'.
requests() { python3 -c "
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line); b = json.loads(r['body'])
    print($2)" "$1"; }
# The spans of every request in LOG as JSON lines.
spans() { python3 -c "
import json, sys
for line in open(sys.argv[1]):
    for rs in json.loads(json.loads(line)['body'])['resourceSpans']:
        for ss in rs['scopeSpans']:
            for s in ss['spans']: print(json.dumps(s))" "$1"; }

write_slow_project
write_answer_chain
secret="otlp-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

case_ "a run goes out as one trace: path, headers, batching, ids joined to the run id"
start_receiver ok.log 200
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20$secret,x-team=ml" \
  OTEL_SERVICE_NAME=support-bot run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_eq "$out" "The answer is 42."
expect_err_empty
expect_eq "$(requests ok.log "r['path'], r['headers']['content-type'], r['headers']['x-team']")" "/v1/traces application/json ml"
expect_eq "$(requests ok.log "r['headers']['authorization'] == 'Bearer $secret'")" "True"
expect_eq "$(requests ok.log "len(b['resourceSpans'][0]['scopeSpans'][0]['spans'])")" "2"  # one batch
expect_eq "$(requests ok.log "[a['value']['stringValue'] for a in b['resourceSpans'][0]['resource']['attributes'] if a['key'] == 'service.name'][0]")" "support-bot"
run_id=$(genops runs list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run check_otlp --log ok.log
expect_exit 0
expect_out_contains '"names":["chat mock","chain answer"]'
expect_out_contains "\"traceIds\":[\"0000000000000000$run_id\",\"0000000000000000$run_id\"]"
spans ok.log >spans.jsonl
expect_eq "$(grep -c '"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}' spans.jsonl)" "1"
expect_eq "$(grep -c '"key": "gen_ai.usage.input_tokens", "value": {"intValue": "5"}' spans.jsonl)" "2"
expect_eq "$(grep -c 'gen_ai.input.messages' spans.jsonl)" "0"  # no content unless asked
expect_eq "$(requests ok.log "'$secret' in r['body']")" "False"

case_ "capture_content: messages and inputs exported, through the redaction"
cp genops.yaml genops.yaml.plain
printf 'telemetry:\n  otlp:\n    endpoint: http://127.0.0.1:%s\n    headers: {Authorization: "${OTLP_AUTH}"}\n    capture_content: true\n' "$port" >>genops.yaml
rm -f ok.log
OTLP_AUTH="Bearer $secret" run genops run chains/answer.yaml --var "question=what is $secret?"
expect_exit 0
expect_out_lacks "$secret"
expect_eq "$(requests ok.log "r['headers']['authorization'] == 'Bearer $secret'")" "True"
expect_eq "$(requests ok.log "'$secret' in r['body']")" "False"
spans ok.log >spans.jsonl
expect_eq "$(grep -c 'what is \[REDACTED\]?' spans.jsonl)" "2"  # gen_ai.input.messages and genops.inputs
expect_eq "$(grep -c '"key": "gen_ai.output.messages"' spans.jsonl)" "1"
run check_otlp --log ok.log
expect_exit 0
cp genops.yaml.plain genops.yaml

export OTEL_EXPORTER_OTLP_TIMEOUT=2000
case_ "503 with Retry-After: retried, then accepted"
start_receiver retry.log "503:1,200"
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_err_empty
expect_eq "$(requests retry.log "r['status']" | tr '\n' ' ')" "503:1 200 "
expect_eq "$(requests retry.log "r['body']" | sort -u | wc -l)" "1"  # the same request again

for code in 400 413 500; do
  case_ "$code: never retried, counted, the run still succeeds"
  start_receiver "s$code.log" "$code"
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" run genops run chains/answer.yaml --var question=hi
  expect_exit 0
  expect_eq "$out" "The answer is 42."
  expect_eq "$(wc -l <"s$code.log")" "1"
  expect_err_contains "genops: warning: telemetry: 2 of 2 spans not exported to http://127.0.0.1:$port/v1/traces (2 failed); last error: http://127.0.0.1:$port/v1/traces: HTTP $code: {\"code\": 3, \"message\": \"receiver says $code\"}"
done

case_ "partial success: the rejected spans are reported"
start_receiver partial.log "partial:1"
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_err_contains "telemetry: 1 of 2 spans not exported to http://127.0.0.1:$port/v1/traces (1 rejected by the receiver); last error: the receiver rejected 1 spans: span too old"

case_ "receiver down: the run succeeds, the loss is reported"
python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >free.txt
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(cat free.txt)" run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_eq "$out" "The answer is 42."
expect_err_contains "spans not exported to http://127.0.0.1:$(cat free.txt)/v1/traces (2 failed); last error:"
expect_err_contains "cannot connect"

case_ "a receiver that never answers: the run succeeds within the export timeout"
start_receiver hang.log hang
OTEL_EXPORTER_OTLP_TIMEOUT=300 OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_eq "$out" "The answer is 42."
expect_err_contains "(2 failed); last error: http://127.0.0.1:$port/v1/traces: timed out"

case_ "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as is; OTEL_SDK_DISABLED turns export off"
start_receiver path.log 200
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="http://127.0.0.1:$port/custom/traces" OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9 \
  run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_eq "$(requests path.log "r['path']")" "/custom/traces"
OTEL_SDK_DISABLED=true OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="http://127.0.0.1:$port/custom/traces" \
  run genops run chains/answer.yaml --var question=hi
expect_exit 0
expect_eq "$(wc -l <path.log)" "1"

case_ "eval cases: a span per case with gen_ai.evaluation.result events, in the case run's trace"
write_question_eval q 3 "42"
start_receiver eval.log 200
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$port" run genops eval evals/q.yaml
expect_exit 0
spans eval.log >eval_spans.jsonl
expect_eq "$(grep -c '"name": "evaluate q"' eval_spans.jsonl)" "3"
# The events, their times aside: one per assertion, the same for the three passing cases.
expect_eq "$(python3 -c "
import json
for line in open('eval_spans.jsonl'):
    s = json.loads(line)
    if s['name'] == 'evaluate q':
        print(json.dumps([{k: v for k, v in e.items() if k != 'timeUnixNano'} for e in s['events']]))" | sort | uniq -c | sed 's/^ *//')" \
  '3 [{"attributes": [{"key": "gen_ai.evaluation.name", "value": {"stringValue": "icontains"}}, {"key": "gen_ai.evaluation.score.value", "value": {"doubleValue": 1.0}}, {"key": "gen_ai.evaluation.score.label", "value": {"stringValue": "pass"}}], "name": "gen_ai.evaluation.result"}]'
expect_eq "$(python3 -c "
import json
spans = [json.loads(l) for l in open('eval_spans.jsonl')]
ids = {(s['traceId'], s['spanId']) for s in spans}
cases = [s for s in spans if s['name'] == 'evaluate q']
print(all((c['traceId'], c['parentSpanId']) in ids for c in cases))")" "True"
run check_otlp --log eval.log
expect_exit 0

case_ "runs export --format otlp: the same mapping on stdout, valid OTLP"
run genops runs export "$run_id" --format otlp
expect_exit 0
printf '%s\n' "$out" >export.jsonl
run check_otlp export.jsonl
expect_exit 0
expect_out_contains "\"traceIds\":[\"0000000000000000$run_id\",\"0000000000000000$run_id\"]"
run genops runs export "$run_id" --format zipkin
expect_exit 2

case_ "bad telemetry settings: located errors, header values never shown"
printf 'telemetry:\n  otlp:\n    endpont: http://localhost:4318\n' >>genops.yaml
run genops run chains/answer.yaml --var question=hi
expect_exit 3
expect_err_contains "genops.yaml:8:5: telemetry.otlp.endpont: unknown key"
expect_err_contains "endpoint"
cp genops.yaml.plain genops.yaml
printf 'telemetry: {otlp: {endpoint: "localhost:4318"}}\n' >>genops.yaml
run genops run chains/answer.yaml --var question=hi
expect_exit 3
expect_err_contains "expected an http:// or https:// URL"
cp genops.yaml.plain genops.yaml
OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9 OTEL_EXPORTER_OTLP_HEADERS="$secret" run genops run chains/answer.yaml --var question=hi
expect_exit 3
expect_err_contains "OTEL_EXPORTER_OTLP_HEADERS: expected name=value pairs separated by commas"
[[ $err != *"$secret"* ]] && ok || bad "the header value was printed"

finish
