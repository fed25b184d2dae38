#!/usr/bin/env bash
# Secret canary: an API key (a long random one) that a loopback server echoes
# in its 401 error body and in a model reply never reaches stdout, stderr
# (debug log included) or the store and its -wal — while the server did get it.
source "$(dirname "$0")/lib.sh"

key="sk-canary$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GENOPS_CANARY_KEY=$key
python3 "$GENOPS_SOURCE_DIR/tests/support/echo_key_server.py" seen.txt >port.txt &
server=$!
for _ in $(seq 1 50); do [[ -s port.txt ]] && break; sleep 0.1; done
port=$(cat port.txt)

genops init proj >/dev/null
cd proj || exit 2
cat >>genops.yaml <<YAML
  canary: {kind: openai, base_url: "http://127.0.0.1:$port/v1", model: canary, api_key_env: GENOPS_CANARY_KEY, max_retries: 0}
YAML
genops prompt add prompts/support-answer.yaml -m first >/dev/null

case_ "401 echoing the key"
GENOPS_LOG=debug run genops prompt render support-answer --var question=q --run --provider canary
expect_exit 4
expect_err_contains "auth"
all="$out$err"

case_ "a reply containing the key"
GENOPS_LOG=debug run genops prompt render support-answer --var question=q --run --provider canary --json
expect_exit 0
all+="$out$err"
GENOPS_LOG=debug run genops providers check canary
all+="$out$err"

# Every byte on stdout and stderr passes the redaction: batch rows, streamed
# deltas and eval reports too (they printed the raw key before).
mkdir -p chains evals
cat >chains/echo.yaml <<'YAML'
version: 1
name: echo
inputs: {question: {type: string}}
steps:
  - id: answer
    kind: llm
    provider: canary
    messages: [{role: user, content: "{{inputs.question}}"}]
YAML
printf '{"question": "a"}\n{"question": "b"}\n{"question": "c"}\n' >rows.jsonl
cat >evals/echo.yaml <<'YAML'
version: 1
name: echo
target: {chain: ../chains/echo.yaml}
tests:
  - vars: {question: "one"}
    assert: [{type: contains, value: "key"}]
  - vars: {question: "two"}
    assert: [{type: contains, value: "key"}]
YAML

case_ "run --input-file rows carrying the key"
run genops run chains/echo.yaml --input-file rows.jsonl
expect_exit 0
expect_out_contains "[REDACTED]"
all+="$out$err"

case_ "run --stream of a reply carrying the key"
run genops run chains/echo.yaml --var question=q --stream
expect_exit 0
expect_out_contains "[REDACTED]"
all+="$out$err"

case_ "eval reports on stdout"
run genops eval evals/echo.yaml --json
all+="$out$err"
run genops eval evals/echo.yaml
all+="$out$err"

case_ "the server got the key; nothing else did"
grep -q "Bearer $key" ../seen.txt && ok || bad "the server never received the key"
b64=$(printf '%s' "$key" | base64 -w0 | tr -d '=')
url=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "Bearer $key")
for form in "$key" "${key:3}" "$b64" "$url"; do
  [[ $all != *"$form"* ]] && ok || bad "a form of the key reached stdout or stderr"
  for f in .genops/genops.db .genops/genops.db-wal; do
    [[ -f $f ]] || continue
    grep -qaF "$form" "$f" && bad "a form of the key is in $f" || ok
  done
done
kill "$server" 2>/dev/null
finish
